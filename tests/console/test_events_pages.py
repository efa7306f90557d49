"""The nodes' events in the console: a coordinator adds, changes and cancels an event and
sees who signed up; bad input is a 400 naming the field; advisors may not."""

from __future__ import annotations

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
    for changes, field in (
        ({"starts": "igår"}, "Börjar"),
        ({"capacity": "0"}, "Antal platser"),
        ({"capacity": "tre"}, "Antal platser"),
        ({"title_sv": "<script>alert(1)</script>"}, "Rubrik på svenska"),
        ({"node": "atlantis"}, "Nod"),
        ({"ends": (clock() + timedelta(days=9)).strftime("%Y-%m-%dT18:00")}, "Slutar"),
    ):
        response = await cora.post(
            "/console/events", _form(clock, **changes), token_from="/console/events"
        )
        assert response.status_code == 400, changes
        assert field in response.text and "<script>alert" not in response.text
    assert await workflow.events.feed() == []
    bad_file = await cora.client.post(
        "/console/events/import",
        data={"csrf": await cora.csrf("/console/events"), "node": "varnamo"},
        files={"file": ("x.ics", b"not a calendar", "text/calendar")},
    )
    assert bad_file.status_code == 400 and "iCalendar" in bad_file.text
    assert (await cora.get("/console/events/999999")).status_code == 404
    assert (await cora.get("/console/events/abc")).status_code == 404


async def test_advisors_may_not_manage_events(browsers, people) -> None:  # type: ignore[no-untyped-def]
    vera = await browsers("vera@example.org")
    assert (await vera.get("/console/events")).status_code == 403
