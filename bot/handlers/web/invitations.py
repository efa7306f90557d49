"""Email that is not a founder's case news: a meeting's iCalendar invitation (or
cancellation) that a calendar client imports, to the founder (at the address they gave in the
case) and to the advisor; and a referral to a partner organisation, with only what the
founder agreed to share and a link to confirm receipt. The workflow builds what goes in
(``data["invitation"]``, ``data["referral_email"]``); this port only writes and sends it."""

from __future__ import annotations

import logging

from icalendar import Calendar

from bot.cases.notifications import Notification
from bot.handlers.web.news import Mailer
from bot.handlers.web.texts import LANGUAGES, text

log = logging.getLogger(__name__)


class InvitationMailer:
    def __init__(self, mailer: Mailer, public_url: str = "") -> None:
        self.mailer = mailer
        self.public_url = public_url.rstrip("/")

    async def notify(self, note: Notification) -> None:
        if isinstance(note.data.get("referral_email"), dict):
            await self._referral(note, note.data["referral_email"])
            return
        invitation = note.data.get("invitation")
        if not isinstance(invitation, dict) or "@" not in str(invitation.get("to", "")):
            return
        lang = str(invitation.get("language") or "sv")
        lang = lang if lang in LANGUAGES else "sv"
        cancelled = invitation.get("status") == "cancelled"
        values = {"when": invitation.get("when_text", ""), "ref": note.case_ref}
        subject = text(
            "email.meeting_cancelled_subject" if cancelled else "email.meeting_subject", lang
        ).format(**values)
        body = text(
            "email.meeting_cancelled_body" if cancelled else "email.meeting_body", lang
        ).format(**values)
        ics = titled(str(invitation["ics"]), text("email.meeting_title", lang, ref=note.case_ref))
        await self.mailer.send(
            str(invitation["to"]),
            subject,
            body,
            calendar=(ics, "CANCEL" if cancelled else "REQUEST"),
        )
        log.info("emailed a meeting invitation for %s", note.case_ref)  # never the address

    async def _referral(self, note: Notification, referral: dict[str, object]) -> None:
        """In Swedish: the partners are Swedish organisations."""
        shared = referral.get("shared") if isinstance(referral.get("shared"), dict) else {}
        assert isinstance(shared, dict)
        lines = [
            text(f"email.referral.{field}", "sv").format(value=shared[field])
            for field in ("name", "email", "phone", "idea")
            if shared.get(field)
        ]
        body = text("email.referral_body", "sv").format(
            partner=referral.get("partner", ""),
            details="\n".join(lines),
            advisor=referral.get("advisor", ""),
            advisor_email=referral.get("advisor_email", ""),
            link=f"{self.public_url}/console/referrals/{referral.get('token', '')}",
            ref=note.case_ref,
        )
        subject = text("email.referral_subject", "sv").format(ref=note.case_ref)
        await self.mailer.send(str(referral["to"]), subject, body)
        log.info("emailed a referral for %s", note.case_ref)  # never the address


def titled(ics: str, title: str) -> str:
    """The invitation with its calendar entry titled in the reader's language (the workflow
    builds it in Swedish or English; the title is what a calendar shows)."""
    calendar = Calendar.from_ical(ics)
    for entry in calendar.walk("VEVENT"):
        entry["summary"] = title
    data: bytes = calendar.to_ical()
    return data.decode()
