"""The nodes' events in the console: a coordinator adds, changes and cancels an event and
sees who signed up; bad input is a 400 naming the field; advisors may not."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.cases.workflow import CaseWorkflow
from tests.cases.conftest import FakeClock


def _form(clock: FakeClock, **changes: str) -> dict[str, str]:
    start = (clock() + timedelta(days=10)).strftime("%Y-%m-%dT18:00")
    end = (clock() + timedelta(days=10)).strftime("%Y-%m-%dT20:00")
    form = {
        "node": "varnamo",
        "kind": "start_business_evening",
        "title_sv": "Starta eget-kväll",
        "title_en": "",
        "description_sv": "Om att starta företag.",
        "description_en": "",
        "starts": start,
        "ends": end,
        "place": "Storgatan 1, Värnamo",
        "capacity": "20",
        "registration_open": "yes",
    }
    form.update(changes)
    return form


async def test_a_coordinator_adds_changes_and_cancels_an_event(  # type: ignore[no-untyped-def]
    browsers, people, clock: FakeClock, workflow: CaseWorkflow
) -> None:
    cora = await browsers("cora@example.org")
    added = await cora.post("/console/events", _form(clock), token_from="/console/events")
    assert added.status_code == 303
    page_url = added.headers["location"].split("?")[0]
    page = await cora.get(page_url)
    assert page.status_code == 200 and "Starta eget-kväll" in page.text
    assert "Ingen har anmält sig ännu." in page.text
    changed = await cora.post(page_url, _form(clock, capacity="5"), token_from=page_url)
    assert changed.status_code == 303
    listing = (await workflow.events.feed())[0]
    assert listing.capacity == 5
    unconfirmed = await cora.post(page_url + "/cancel", {"reason": "sjuk"}, token_from=page_url)
    assert "err=confirm_missing" in unconfirmed.headers["location"]
    assert not (await workflow.events.feed())[0].cancelled
    done = await cora.post(page_url + "/cancel", {"confirm": "yes"}, token_from=page_url)
    assert done.status_code == 303 and (await workflow.events.feed())[0].cancelled


async def test_bad_events_are_a_400_naming_the_field(  # type: ignore[no-untyped-def]
    browsers, people, clock: FakeClock, workflow: CaseWorkflow
) -> None:
    cora = await browsers("cora@example.org")
    for changes, name, problem in (
        ({"starts": "igår"}, "starts", "Skriv ett datum och en tid"),
        ({"capacity": "0"}, "capacity", "Minst 1 plats"),
        ({"capacity": "tre"}, "capacity", "Skriv ett heltal"),
        ({"title_sv": "<script>alert(1)</script>"}, "title_sv", "utan HTML"),
        ({"node": "atlantis"}, "node", "Välj en nod i listan"),
        ({"ends": (clock() + timedelta(days=9)).strftime("%Y-%m-%dT18:00")}, "ends", "sluta efter"),
        ({"starts": "2020-01-01T18:00", "ends": "2020-01-01T20:00"}, "starts", "redan varit"),
    ):
        response = await cora.post(
            "/console/events", _form(clock, **changes), token_from="/console/events"
        )
        text = response.text
        assert response.status_code == 400, changes
        # The problem in Swedish beside its field, tied to it for screen readers, and in the
        # summary linking to it; what was typed is kept.
        assert re.search(rf'id="e-{name}-error">[^<]*{problem}', text), (changes, text)
        assert f'aria-describedby="e-{name}-error"' in text and f'href="#e-{name}"' in text
        assert 'value="Storgatan 1, Värnamo"' in text
        assert "<script>alert" not in text
        assert not re.search(r"the event|capacity is|unknown node|a title is", text), changes
    assert await workflow.events.feed() == []
    bad_file = await cora.client.post(
        "/console/events/import",
        data={"csrf": await cora.csrf("/console/events"), "node": "varnamo"},
        files={"file": ("x.ics", b"not a calendar", "text/calendar")},
    )
    assert bad_file.status_code == 400 and "Filen är ingen iCalendar-fil" in bad_file.text
    assert "not an iCalendar" not in bad_file.text
    assert (await cora.get("/console/events/999999")).status_code == 404
    assert (await cora.get("/console/events/abc")).status_code == 404


async def test_advisors_may_not_manage_events(browsers, people) -> None:  # type: ignore[no-untyped-def]
    vera = await browsers("vera@example.org")
    assert (await vera.get("/console/events")).status_code == 403


async def test_an_import_names_each_bad_entry_in_the_readers_language(  # type: ignore[no-untyped-def]
    browsers, people
) -> None:
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Node calendar//SV\r\n"
        "BEGIN:VEVENT\r\nUID:bold@example.se\r\nSUMMARY:<b>Idékväll</b>\r\n"
        "DTSTART;TZID=Europe/Stockholm:20261215T180000\r\n"
        "DTEND;TZID=Europe/Stockholm:20261215T200000\r\n"
        "LOCATION:Storgatan 1\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:weekly@example.se\r\nSUMMARY:Varje tisdag\r\n"
        "DTSTART:20261215T170000Z\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
        "LOCATION:Storgatan 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    cora = await browsers("cora@example.org")
    response = await cora.client.post(
        "/console/events/import",
        data={"csrf": await cora.csrf("/console/events"), "node": "varnamo"},
        files={"file": ("node.ics", calendar, "text/calendar")},
    )
    assert response.status_code == 400
    assert "Post 1 (&lt;b&gt;Idékväll&lt;/b&gt;), Rubrik på svenska: Skriv rubriken" in (
        response.text
    )
    assert "Post 2 (Varje tisdag): Den upprepas (RRULE)" in response.text
    assert "entry 1" not in response.text and "plain text" not in response.text
    assert "repeats" not in response.text
