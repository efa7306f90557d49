"""A meeting's calendar entry is titled in the reader's language, whichever of the seven:
the workflow builds the invitation, the invitation mailer titles it as it sends it."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from bot.cases.meeting_news import invitation
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.handlers.web.invitations import InvitationMailer, titled
from bot.records import MeetingView

MEETING = MeetingView(
    id=1,
    uid="meeting-1@spbot",
    case_ref="SP-2026-0042",
    starts_at=datetime(2026, 12, 8, 9, 0, tzinfo=UTC),
    ends_at=datetime(2026, 12, 8, 10, 0, tzinfo=UTC),
    place_kind="node",
    place="Storgatan 1, Värnamo",
    status="booked",
    sequence=0,
    advisor_name="Rådgivare Test",
    advisor_key="test",
)


class CapturingMailer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str, tuple[str, str] | None]] = []

    async def send(
        self, to: str, subject: str, body: str, calendar: tuple[str, str] | None = None
    ) -> None:
        self.sent.append((to, subject, body, calendar))


def _summary(ics: str) -> str:
    return str(Calendar.from_ical(ics).walk("VEVENT")[0]["SUMMARY"])


async def _sent_title(language: str) -> str:
    stamp = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    data = invitation(MEETING, "founder@example.se", language, stamp, organizer=None, attendee=None)
    note = Notification(
        NotificationKind.MEETING_BOOKED,
        Audience.FOUNDER,
        MEETING.case_ref,
        7,
        language,
        {"email_only": True, "invitation": data},
    )
    mailer = CapturingMailer()
    await InvitationMailer(mailer).notify(note)  # type: ignore[arg-type]
    ((_, _, _, calendar),) = mailer.sent
    assert calendar is not None
    return _summary(calendar[0])


async def test_the_calendar_title_is_in_the_founders_language() -> None:
    assert await _sent_title("sv") == "Möte med Science Park (SP-2026-0042)"
    assert await _sent_title("en") == "Meeting with Science Park (SP-2026-0042)"
    assert await _sent_title("pl") == "Spotkanie z Science Park (SP-2026-0042)"
    assert await _sent_title("ar") == "لقاء مع Science Park (SP-2026-0042)"
    assert await _sent_title("so") == "Kulan lala yeelanayo Science Park (SP-2026-0042)"


def test_titling_keeps_everything_else_of_the_invitation() -> None:
    stamp = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    original = invitation(MEETING, "a@example.se", "sv", stamp, organizer=None, attendee=None)
    retitled = titled(str(original["ics"]), "Spotkanie")
    before = Calendar.from_ical(str(original["ics"])).walk("VEVENT")[0]
    after = Calendar.from_ical(retitled).walk("VEVENT")[0]
    assert str(after["SUMMARY"]) == "Spotkanie"
    for field in ("UID", "SEQUENCE", "LOCATION", "STATUS"):
        assert str(after[field]) == str(before[field]), field
    assert after.decoded("DTSTART") == before.decoded("DTSTART")
    assert b"METHOD:REQUEST" in retitled.encode()
