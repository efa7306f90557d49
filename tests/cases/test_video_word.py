"""A video meeting's place is said with the word in the founder's language: in the turn's
reply and in the reminder or cancellation sent later."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.cases.meeting_news import founder_data
from bot.cases.notifications import (
    Audience,
    Notification,
    NotificationKind,
    founder_choices,
    founder_text,
)
from bot.content import load_flow
from bot.engine.meetings import where
from bot.records import MeetingView

VIDEO = MeetingView(
    id=3,
    uid="meeting-3@spbot",
    case_ref="SP-2026-0007",
    starts_at=datetime(2026, 12, 8, 9, 0, tzinfo=UTC),
    ends_at=datetime(2026, 12, 8, 10, 0, tzinfo=UTC),
    place_kind="video",
    place="https://meet.example.org/advisor",
    status="booked",
    sequence=0,
    advisor_name="Rådgivare Test",
    advisor_key="test",
)


def test_where_says_video_in_the_word_it_is_given() -> None:
    assert where(VIDEO, "pl", "wideo") == "wideo: https://meet.example.org/advisor"
    assert where(VIDEO, "sv") == "video: https://meet.example.org/advisor"


def test_a_reminder_of_a_video_meeting_in_polish_and_arabic() -> None:
    flow = load_flow()
    for language, word in (("pl", "wideo"), ("ar", "فيديو"), ("sv", "video")):
        note = Notification(
            NotificationKind.MEETING_REMINDER,
            Audience.FOUNDER,
            VIDEO.case_ref,
            5,
            language,
            founder_data(VIDEO, language),
        )
        said = founder_text(note, flow)
        assert said is not None and f"{word}: https://meet.example.org/advisor" in said, said


def test_time_buttons_of_a_video_meeting_say_video_in_the_founders_language() -> None:
    """The times offered (a reply's buttons and the news pushed when an advisor accepts) name
    a video meeting's place with the word in the founder's language; a node keeps its name."""
    from bot.cases.meeting_times import choices
    from bot.engine.meetings import slot_choices
    from bot.records import Slot

    start = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    video = Slot(1, start, start.replace(hour=10), "video", "https://meet.example.org/a")
    node = Slot(2, start, start.replace(hour=10), "node", "Storgatan 1", "Science Park Värnamo")
    flow = load_flow()
    for language, word in (("pl", "wideo"), ("sv", "video")):
        pushed = Notification(
            NotificationKind.ADVISOR_FOUND,
            Audience.FOUNDER,
            "SP-2026-0007",
            5,
            language,
            {"choices": choices("SP-2026-0007", (video, node), language)},
        )
        labels = [c.label for c in founder_choices(pushed, flow)]
        assert labels[0].endswith(f" · {word}"), labels
        assert labels[1].endswith(" · Science Park Värnamo"), labels
        said = [c.label for c in slot_choices("SP-2026-0007", (video,), language, word)]
        assert said == [labels[0]]
    # The link is never a button's label.
    assert all("https://" not in c.get("label", "") for c in choices("X", (video,), "pl"))
