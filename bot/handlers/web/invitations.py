"""Meeting invitations by email: an iCalendar invitation (or cancellation) that a calendar
client imports, to the founder (at the address they gave in the case) and to the advisor.
A notification carries it in ``data["invitation"]`` (built by the workflow, which knows the
meeting); this port only sends it."""

from __future__ import annotations

import logging

from bot.cases.notifications import Notification
from bot.handlers.web.news import Mailer
from bot.handlers.web.texts import text

log = logging.getLogger(__name__)


class InvitationMailer:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer

    async def notify(self, note: Notification) -> None:
        invitation = note.data.get("invitation")
        if not isinstance(invitation, dict) or "@" not in str(invitation.get("to", "")):
            return
        lang = "en" if invitation.get("language") == "en" else "sv"
        cancelled = invitation.get("status") == "cancelled"
        values = {"when": invitation.get("when_text", ""), "ref": note.case_ref}
        subject = text(
            "email.meeting_cancelled_subject" if cancelled else "email.meeting_subject", lang
        ).format(**values)
        body = text(
            "email.meeting_cancelled_body" if cancelled else "email.meeting_body", lang
        ).format(**values)
        await self.mailer.send(
            str(invitation["to"]),
            subject,
            body,
            calendar=(str(invitation["ics"]), "CANCEL" if cancelled else "REQUEST"),
        )
        log.info("emailed a meeting invitation for %s", note.case_ref)  # never the address
