"""Case news for founders who came through Telegram (the ``Notifier`` port)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Bot

from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.content import Flow
from bot.domain import Language

CHANNEL = "telegram"


class TelegramFounderNotifier:
    def __init__(
        self,
        bot: Bot,
        flow: Flow,
        identities: Callable[[int], Awaitable[list[tuple[str, str]]]],
    ) -> None:
        """``identities(founder_id)`` lists (channel, external id) for a founder."""
        self.bot = bot
        self.flow = flow
        self.identities = identities

    def text(self, note: Notification) -> str | None:
        language = Language.from_hint(note.language)
        if note.kind is NotificationKind.ADVISOR_FOUND:
            return self.flow.text(
                "notify.advisor_found",
                language,
                case_ref=note.case_ref,
                advisor=note.data.get("advisor", ""),
                node=note.data.get("node", ""),
                within_days=note.data.get("within_days", 2),
            )
        if note.kind is NotificationKind.CASE_STATUS:
            status = self.flow.text(f"case_status.{note.data.get('status', 'new')}", language)
            return self.flow.text(
                "notify.case_status", language, case_ref=note.case_ref, status=status
            )
        return None

    async def notify(self, note: Notification) -> None:
        if note.audience is not Audience.FOUNDER or note.recipient_id is None:
            return
        text = self.text(note)
        if text is None:
            return
        chats = [
            ext for channel, ext in await self.identities(note.recipient_id) if channel == CHANNEL
        ]
        for chat_id in chats:
            await self.bot.send_message(int(chat_id), text)  # failures reach the workflow
