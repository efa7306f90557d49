"""Dates as founders read them, in each of their languages: Swedish and English in the
house's patterns, the others in their own words and order (CLDR), never with an English
"at" or a Swedish "kl." in between."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.cases.meeting_times import choices
from bot.cases.notifications import Audience, Notification, NotificationKind, founder_text
from bot.content import load_flow
from bot.content.dates import day_and_time, long_moment, month_name, short_moment
from bot.engine.events import when
from bot.records import EventListing, Slot

TUESDAY = datetime(2026, 12, 8, 10, 0)  # local time in Stockholm

# language: (short, long, day and time) as a founder reads them
EXPECTED = {
    "sv": ("tis 8 dec 10:00", "tisdag 8 december kl. 10:00", "8 december kl. 10:00"),
    "en": ("Tue 8 Dec 10:00", "Tuesday 8 December at 10:00", "8 December at 10:00"),
    "ar": ("الثلاثاء، 8 ديسمبر، 10:00", "الثلاثاء، 8 ديسمبر، 10:00", "8 ديسمبر، 10:00"),
    "bs": ("uto, 8. dec, 10:00", "utorak, 8. decembar, 10:00", "8. decembar, 10:00"),
    "fa": ("سه‌شنبه 8 دسامبر، ساعت 10:00", "سه‌شنبه 8 دسامبر، ساعت 10:00", "8 دسامبر، ساعت 10:00"),
    "pl": ("wt., 8 gru 10:00", "wtorek, 8 grudnia 10:00", "8 grudnia 10:00"),
    "so": ("Tldo, Dis 8 10:00", "Talaado, Diseembar 8 10:00", "Diseembar 8 10:00"),
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_a_moment_in_each_language(language: str) -> None:
    short, long, day = EXPECTED[language]
    assert short_moment(TUESDAY, language) == short
    assert long_moment(TUESDAY, language) == long
    assert day_and_time(TUESDAY, language) == day


def test_month_names_stand_alone() -> None:
    assert [month_name(12, code) for code in ("sv", "en", "pl", "bs")] == [
        "december", "December", "grudzień", "decembar",
    ]  # fmt: skip


def test_meeting_times_pushed_to_an_arabic_founder_are_in_arabic() -> None:
    """The times offered when an advisor accepts (the founder's news) in the founder's own
    language, not in Swedish."""
    start = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
    slot = Slot(1, start, start.replace(hour=10), "node", "Storgatan 1", "Science Park Värnamo")
    labels = [c.get("label") for c in choices("JKP-2026-0001", (slot,), "ar")]
    assert labels[0] == "الثلاثاء، 8 ديسمبر، 10:00 · Science Park Värnamo"
    assert next(c.get("label") for c in choices("JKP-2026-0001", (slot,), "xx")) == (
        "tis 8 dec 10:00 · Science Park Värnamo"
    )


def test_an_event_in_polish_has_no_english_at() -> None:
    event = EventListing(
        id=1, uid="e1", kind="idea_evening", title={"sv": "Idékväll"}, description={},
        starts_at=datetime(2026, 12, 8, 17, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 8, 19, 0, tzinfo=UTC), place="Storgatan 1",
        node_slug=None, node_name=None, capacity=None, taken=0, registration_open=True,
    )  # fmt: skip
    assert when(event, "pl") == "8 grudnia 18:00"


def test_an_event_reminder_reads_in_the_founders_language() -> None:
    """The reminder the working day before: the day in words, the Swedish title with the kind
    of event in the founder's own words (the staff wrote no Arabic title)."""
    note = Notification(
        NotificationKind.EVENT_REMINDER, Audience.FOUNDER, "event-1", 1, "ar",
        {"title": "Idékväll i Värnamo", "title_language": "sv", "kind": "idea_evening",
         "date": "2026-12-08", "time": "18:00", "place": "Storgatan 1"},
    )  # fmt: skip
    text = founder_text(note, load_flow())
    assert text is not None
    assert "Idékväll i Värnamo (أمسية أفكار)" in text and "الثلاثاء، 8 ديسمبر" in text
    swedish = founder_text(replace(note, language="sv"), load_flow())
    assert swedish is not None and "tisdag 8 december kl. 18:00" in swedish
    assert "(" not in swedish, "a Swedish title needs no kind in Swedish"
