"""Case news for founders who came through Telegram (the ``Notifier`` port)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import ExtBot

from bot.cases.notifications import Audience, Notification, founder_choices, founder_text
from bot.content import Flow
from bot.engine.messages import Outbound
from bot.handlers.telegram.limiter import Priority, with_priority
from bot.handlers.telegram.render import keyboard

CHANNEL = "telegram"


class TelegramFounderNotifier:
    def __init__(
        self,
        bot: ExtBot[Any],
        flow: Flow,
        identities: Callable[[int], Awaitable[list[tuple[str, str]]]],
    ) -> None:
        """``identities(founder_id)`` lists (channel, external id) for a founder."""
        self.bot = bot
        self.flow = flow
        self.identities = identities

    async def notify(self, note: Notification) -> None:
        if note.audience is not Audience.FOUNDER or note.recipient_id is None:
            return
        text = founder_text(note, self.flow)
        if text is None:
            return
        chats = [
            ext for channel, ext in await self.identities(note.recipient_id) if channel == CHANNEL
        ]
        # News nobody is looking at the chat for this second: after the replies waiting.
        limit = with_priority(self.bot, Priority.NOTICE)
        # The times to book a meeting come as buttons; a press is an update like any other.
        markup = keyboard(Outbound(text, tuple(founder_choices(note, self.flow))))
        for chat_id in chats:
            # failures reach the workflow
            await self.bot.send_message(int(chat_id), text, reply_markup=markup, **limit)
