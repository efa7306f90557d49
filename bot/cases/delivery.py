"""Routing notifications to the right channel: founders where they wrote from, staff (advisors
and coordinators) on the staff channel."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.cases.notifications import Audience, Notification, Notifier
from bot.domain import SpbotError

log = logging.getLogger(__name__)


class NotDelivered(SpbotError):
    code = "not_delivered"


class ChannelNotifier:
    def __init__(
        self,
        identities: Callable[[int], Awaitable[list[tuple[str, str]]]],
        *,
        founders: dict[str, Notifier],
        staff: Notifier,
        fallback: Notifier,
        invitations: Notifier | None = None,
    ) -> None:
        """``identities(founder_id)`` lists (channel, external id) for a founder;
        ``invitations`` emails a meeting's calendar invitation, whoever it is for, and a
        referral to a partner."""
        self.identities = identities
        self.founders = founders
        self.staff = staff
        self.fallback = fallback
        self.invitations = invitations

    async def notify(self, note: Notification) -> None:
        if note.audience is Audience.PARTNER:
            if self.invitations is None:
                raise NotDelivered("no email is configured (SPBOT_SMTP_HOST)")
            await self.invitations.notify(note)
            return
        if "invitation" in note.data and self.invitations is not None:
            try:
                await self.invitations.notify(note)
            finally:  # the words go out in the channel even if the email failed
                await self._notify(note)
            return
        await self._notify(note)

    async def _notify(self, note: Notification) -> None:
        if note.data.get("email_only"):
            return  # a calendar invitation only
        if note.audience is not Audience.FOUNDER:
            await self.staff.notify(note)
            return
        channels = (
            {c for c, _ in await self.identities(note.recipient_id)}
            if note.recipient_id is not None
            else set()
        )
        targets = [n for c, n in self.founders.items() if c in channels]
        for notifier in targets or [self.fallback]:
            await notifier.notify(note)
