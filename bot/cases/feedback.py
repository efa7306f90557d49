"""Reports of accessibility problems from the public pages' statement (/tillganglighet): kept
in the audit log (admins read it in the console) and brought to the coordinators' channel.
The reporter's address, when given, goes only with the news to the coordinators, so that
someone can answer; it is not stored."""

from __future__ import annotations

from bot.cases.context import CaseContext, Outbox
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.domain import AuditKind
from bot.storage.erasure import add_audit

MAX_DESCRIPTION = 2000


class AccessibilityReports:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    async def report(self, description: str, page: str, reply_to: str) -> bool:
        """False when there is nothing to report (an empty description)."""
        text = " ".join(description.split())[:MAX_DESCRIPTION]
        if not text:
            return False
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            add_audit(
                session,
                "address",
                None,
                AuditKind.ACCESSIBILITY_REPORTED,
                None,
                text,
                {"page": page[:200]},
                now,
            )
        outbox.add(
            Notification(
                NotificationKind.ACCESSIBILITY_REPORT,
                Audience.COORDINATORS,
                "",
                None,
                "sv",
                {"description": text, "page": page[:200], "reply_to": reply_to[:254]},
            )
        )
        await self.ctx.deliver(outbox)
        return True
