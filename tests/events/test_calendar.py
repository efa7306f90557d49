"""Calendars: an iCalendar export parsed back by the library, a node's calendar imported
with every bad entry reported and nothing half-imported, the public feeds and pages."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from starlette.applications import Starlette

from bot.app import Services, build_services
from bot.cases.actions import Actor
from bot.cases.event_drafts import EventDraft
from bot.cases.ics import IcsInvalid, parse_ics, to_ics
from bot.domain import ActorKind
from bot.handlers.web.calendar import calendar_routes
from bot.settings import Settings
from bot.storage.db import Database
from tests.cases.conftest import FakeClock

COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
EVENING = datetime(2026, 12, 10, 17, 0, tzinfo=UTC)
GOOD = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Node calendar//SV
BEGIN:VEVENT
UID:idekvall-1@example.se
SUMMARY:Id\xc3\xa9kv\xc3\xa4ll i V\xc3\xa4rnamo
DTSTART;TZID=Europe/Stockholm:20261215T180000
DTEND;TZID=Europe/Stockholm:20261215T200000
LOCATION:Storgatan 1\\, V\xc3\xa4rnamo
CATEGORIES:idea_evening
DESCRIPTION:Ta med din id\xc3\xa9.
END:VEVENT
BEGIN:VEVENT
UID:old@example.se
SUMMARY:F\xc3\xb6rra veckan
DTSTART:20261120T170000Z
DTEND:20261120T190000Z
LOCATION:Storgatan 1
END:VEVENT
END:VCALENDAR
"""
BAD_ENTRIES = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Node calendar//SV
BEGIN:VEVENT
UID:weekly@example.se
SUMMARY:Varje tisdag
DTSTART:20261215T170000Z
DTEND:20261215T190000Z
RRULE:FREQ=WEEKLY;COUNT=10
LOCATION:Storgatan 1
END:VEVENT
BEGIN:VEVENT
UID:nowhere@example.se
SUMMARY:Ingenstans
DTSTART:20261216T170000Z
END:VEVENT
BEGIN:VEVENT
UID:allday@example.se
SUMMARY:Heldag
DTSTART;VALUE=DATE:20261217
LOCATION:Storgatan 1
END:VEVENT
BEGIN:VEVENT
UID:fine@example.se
SUMMARY:Den h\xc3\xa4r \xc3\xa4r bra
DTSTART:20261218T170000Z
DTEND:20261218T190000Z
LOCATION:Storgatan 1
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
async def product(settings: Settings, db: Database, clock: FakeClock) -> Services:
    return await build_services(settings, db, clock=clock)


def draft(title: str, node: str | None, days: int = 10) -> EventDraft:
    start = EVENING + timedelta(days=days - 10)
    return EventDraft(
        kind="afterwork", title_sv=title, starts_at=start, ends_at=start + timedelta(hours=2),
        place="Kaféet, Storgatan 1", node=node, capacity=30,
    )  # fmt: skip


async def test_an_export_reads_back_with_the_library(product: Services) -> None:
    events = product.workflow.events
    first = await events.add(draft("Afterwork i Värnamo", "varnamo"), COORDINATOR)
    second = await events.add(draft("Länets höstträff", None, days=12), COORDINATOR)
    await events.cancel(second.id, COORDINATOR)
    data = to_ics(await events.feed(), "Science Park")
    parsed = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert set(parsed) == {first.uid, second.uid}
    assert str(parsed[first.uid]["SUMMARY"]) == "Afterwork i Värnamo"
    assert parsed[first.uid].decoded("DTSTART") == EVENING
    assert str(parsed[second.uid]["STATUS"]) == "CANCELLED"
    again = parse_ics(data, "varnamo", NOW)
    assert [d.uid for d in again.drafts] == [first.uid, second.uid] and not again.problems


async def test_an_import_reports_every_bad_entry_and_imports_nothing(product: Services) -> None:
    good = parse_ics(GOOD, "varnamo", NOW)
    assert [d.title_sv for d in good.drafts] == ["Idékväll i Värnamo"]
    assert good.drafts[0].kind == "idea_evening" and good.drafts[0].place == "Storgatan 1, Värnamo"
    assert good.drafts[0].starts_at == datetime(2026, 12, 15, 17, 0, tzinfo=UTC)
    assert [e.problem for e in good.skipped] == ["already_begun"]
    assert "already begun" in str(good.skipped[0])
    assert await product.workflow.events.import_events(good.drafts, COORDINATOR, "x.ics") == (1, 0)
    assert await product.workflow.events.import_events(good.drafts, COORDINATOR, "x.ics") == (0, 1)
    bad = parse_ics(BAD_ENTRIES, "varnamo", NOW)
    assert [e.problem for e in bad.problems] == ["repeats", "no_location", "all_day"]
    assert "repeats" in str(bad.problems[0]) and "all-day" in str(bad.problems[2])
    for broken in (b"", b"not a calendar", b"BEGIN:VCALENDAR\nEND:VCALENDAR\n", b"\x00\xff" * 9):
        with pytest.raises(IcsInvalid):
            parse_ics(broken, None, NOW)


def test_the_command_imports_all_or_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'ev.db'}", "COLUMNS": "200"}

    def spbot(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True,
                              text=True, env=env, timeout=60, check=False)  # fmt: skip

    bad, good = tmp_path / "bad.ics", tmp_path / "good.ics"
    bad.write_bytes(BAD_ENTRIES)
    good.write_bytes(GOOD.replace(b"2026", b"2099"))
    run = spbot("events", "import", str(bad), "--node", "varnamo")
    assert run.returncode == 1 and "nothing was imported" in run.stderr + run.stdout
    assert "Traceback" not in run.stderr
    assert spbot("events", "list", "--json").stdout.strip() == "[]"
    run = spbot("events", "import", str(good), "--node", "atlantis")
    assert run.returncode == 1 and "unknown node" in run.stdout + run.stderr
    run = spbot("events", "import", str(good), "--node", "varnamo")
    assert run.returncode == 0, run.stderr
    assert "Idékväll i Värnamo" in spbot("events", "list").stdout


async def test_the_public_feeds_and_pages(product: Services) -> None:
    events = product.workflow.events
    await events.add(draft("Afterwork i Värnamo", "varnamo"), COORDINATOR)
    await events.add(draft("Kreativ workshop i Eksjö", "eksjo"), COORDINATOR)
    await events.add(draft("Länets höstträff", None, days=12), COORDINATOR)
    app = Starlette(routes=calendar_routes(events))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        feed = await c.get("/events/varnamo.ics")
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("text/calendar")
        titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
        assert titles == ["Afterwork i Värnamo", "Länets höstträff"]
        everything = Calendar.from_ical((await c.get("/events.ics")).content).walk("VEVENT")
        assert len(everything) == 3
        page = await c.get("/events/varnamo")
        assert page.status_code == 200 and "Afterwork i Värnamo" in page.text
        assert "Kreativ workshop" not in page.text and 'lang="sv"' in page.text
        assert "script-src 'none'" in page.headers["content-security-policy"]
        english = await c.get("/events?lang=en")
        assert "Meetups and evenings" in english.text and "Kreativ workshop i Eksjö" in english.text
        for unknown in ("/events/atlantis", "/events/atlantis.ics", "/events/%3Cscript%3E"):
            assert (await c.get(unknown)).status_code == 404, unknown
