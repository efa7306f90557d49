"""Meetings in the console, over HTTP as each kind of user: the advisor keeps their hours and
subscribes to their calendar; a case page shows its meetings, marks them held, and keeps the
session log, whose notes only the holder, node managers and admins read (each read logged)."""

from __future__ import annotations

import re
from datetime import UTC

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.cases.actions import Actor
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.storage.db import Database
from bot.storage.models import Case, CaseEvent, MeetingHours
from tests.cases.conftest import FakeClock
from tests.cases.test_meetings import accepted_case, give_hours, local

pytestmark = pytest.mark.usefixtures("people")
ADMIN_ACTOR = Actor(ActorKind.ADMIN, "test")
FEED = "/console/calendar/"


async def _hours(db: Database) -> int:
    async with db.sessions() as session:
        return len((await session.scalars(select(MeetingHours))).all())


async def test_an_advisor_keeps_their_hours_and_bad_ones_change_nothing(
    browsers, db: Database
) -> None:  # type: ignore[no-untyped-def]
    vera = await browsers("vera@example.org")
    page = await vera.get("/console/hours")
    assert page.status_code == 200 and "Mina mötestider" in page.text
    assert "Inga mötestider än" in page.text
    good = {
        "weekday": "1",
        "start": "09:00",
        "end": "12:00",
        "slot": "60",
        "place_kind": "office",
        "place": "Storgatan 1, Värnamo",
    }
    for bad in (
        {"weekday": "x"},
        {"start": "25:00"},
        {"end": "08:00"},
        {"place": ""},
        {"place_kind": "video", "place": "zoom.example/abc"},
        {"slot": "7"},
        {"place_kind": "teleport"},
        {"place": "a\x00b" * 200},
    ):
        response = await vera.post("/console/hours", {**good, **bad}, token_from="/console/hours")
        assert response.status_code == 303 and "err=" in response.headers["location"], bad
    assert await _hours(db) == 0
    response = await vera.post("/console/hours", good, token_from="/console/hours")
    assert response.headers["location"].endswith("ok=hours_added")
    page = await vera.get("/console/hours")
    assert "tisdag" in page.text and "09:00–12:00" in page.text
    assert "Lediga tider" in page.text and "2026-12-01 09:00" in page.text


async def test_others_hours_are_not_an_advisors_but_a_coordinators(
    browsers, workflow: CaseWorkflow, db: Database
) -> None:  # type: ignore[no-untyped-def]
    await give_hours(workflow)
    gustav = await browsers("gustav@example.org")
    assert (await gustav.get("/console/hours?advisor=var-1")).status_code == 403
    hours = await workflow.meetings.hours("var-1")
    response = await gustav.post(
        f"/console/hours/{hours[0].id}/remove", {}, token_from="/console/hours"
    )
    assert response.status_code == 404
    assert await _hours(db) == 3
    cora = await browsers("cora@example.org")
    page = await cora.get("/console/hours?advisor=var-1")
    assert page.status_code == 200 and "Mötestider: Test var-1" in page.text
    response = await cora.post(
        f"/console/hours/{hours[0].id}/remove",
        {"advisor": "var-1"},
        token_from="/console/hours?advisor=var-1",
    )
    assert response.status_code == 303 and await _hours(db) == 2


async def test_the_calendar_feed_shows_meetings_and_a_revoked_link_stops(
    browsers,
    browser,
    workflow: CaseWorkflow,
    db: Database,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    tuesday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 1)
    await workflow.meetings.book(founder, ref, tuesday.id, local(1, 9))
    vera = await browsers("vera@example.org")
    made = await vera.post("/console/hours/feed", {}, token_from="/console/hours")
    assert made.status_code == 200
    url = made.text.split('class="feed-url">')[1].split("<")[0]
    path = url.removeprefix("http://testserver")
    assert path.startswith(FEED) and path.endswith(".ics")
    assert url not in (await vera.get("/console/hours")).text, "shown once"

    feed = await browser.get(path)  # no sign-in: the secret is the key
    assert feed.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("DTSTART") == local(1, 9) and ref in str(entry["SUMMARY"])
    assert "Frida" not in feed.text, "no name in a feed a calendar service keeps"

    await workflow.meetings.cancel(founder, ref)
    entry = Calendar.from_ical((await browser.get(path)).content).walk("VEVENT")[0]
    assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) == 1

    await vera.post("/console/hours/feed/revoke", {}, token_from="/console/hours")
    assert (await browser.get(path)).status_code == 404
    assert (await browser.get(FEED + "nonsense.ics")).status_code == 404


async def test_the_case_page_marks_the_meeting_and_keeps_the_session_log(
    browsers,
    workflow: CaseWorkflow,
    db: Database,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    tuesday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 1)
    booked = await workflow.meetings.book(founder, ref, tuesday.id, local(1, 9))
    assert booked.meeting is not None
    vera = await browsers("vera@example.org")
    page = await vera.get(f"/console/cases/{ref}")
    assert "Möten och rådgivning" in page.text and "bokat" in page.text
    held = f"/console/cases/{ref}/meetings/{booked.meeting.id}/held"
    response = await vera.post(held, {})
    assert "err=meeting_invalid" in response.headers["location"], "not begun yet"

    clock.set(local(1, 10).astimezone(UTC))
    vera = await browsers("vera@example.org")  # a day later: signed in again
    assert (await vera.post(held, {})).headers["location"].endswith("ok=meeting_held")
    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None and case.status == "in_contact"

    log = f"/console/cases/{ref}/sessions"
    form = {
        "held_on": "2026-12-01",
        "minutes": "55",
        "kind": "first_meeting",
        "channel": "in_person",
        "notes": "Budget first.\nThen the bank.",
        "next_step": "Send budget",
    }
    for bad in (
        {"held_on": "2026-12-02"},
        {"held_on": "tomorrow"},
        {"minutes": "-5"},
        {"kind": "party"},
        {"notes": "x" * 5000},
    ):
        response = await vera.post(log, {**form, **bad})
        assert "err=session_invalid" in response.headers["location"], bad
    assert (await vera.post(log, form)).headers["location"].endswith("ok=session_logged")
    page = await vera.get(f"/console/cases/{ref}")
    assert "Sammanlagt 55 minuter i 1 samtal" in page.text
    assert "Budget first" not in page.text, "notes only on a logged read"

    notes = await vera.post(f"/console/cases/{ref}/sessions/notes", {})
    assert notes.status_code == 200 and "Budget first.\nThen the bank." in notes.text
    cora = await browsers("cora@example.org")
    assert "Visa anteckningarna" not in (await cora.get(f"/console/cases/{ref}")).text
    refused = await cora.post(f"/console/cases/{ref}/sessions/notes", {})
    assert refused.status_code == 403 and "Budget first" not in refused.text
    ada = await browsers("ada@example.org")
    assert "Budget first" in (await ada.post(f"/console/cases/{ref}/sessions/notes", {})).text
    async with db.sessions() as session:
        kinds = (await session.scalars(select(CaseEvent.kind))).all()
    assert kinds.count("session_notes_viewed") == 2

    gustav = await browsers("gustav@example.org")
    other = await gustav.post(log, form, token_from="/console/desk")
    assert other.status_code in (403, 404)
    cancel = f"/console/cases/{ref}/meetings/{booked.meeting.id}/cancel"
    assert "err=meeting_invalid" in (await vera.post(cancel, {"note": "x"})).headers["location"]


async def test_an_admin_sets_a_partners_address_and_an_advisor_refers(
    browsers,
    browser,
    workflow: CaseWorkflow,
    db: Database,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    ref, founder = await accepted_case(db, workflow, clock)
    vera = await browsers("vera@example.org")
    page = await vera.get(f"/console/cases/{ref}")
    assert "Skicka vidare till en partner" in page.text and "ingen adress än" in page.text
    refused = await vera.post(
        f"/console/cases/{ref}/referrals", {"partner": "almi", "share": "contact"}
    )
    assert "err=referral_invalid" in refused.headers["location"], "no address yet"
    assert (await vera.get("/console/partners")).status_code == 403

    ada = await browsers("ada@example.org")
    assert "Almi Företagspartner Jönköping" in (await ada.get("/console/partners")).text
    bad = await ada.post(
        "/console/partners/almi", {"email": "nope", "active": "1"}, token_from="/console/partners"
    )
    assert "err=referral_invalid" in bad.headers["location"]
    saved = await ada.post(
        "/console/partners/almi",
        {"email": "kontakt@almi.example.org", "active": "1"},
        token_from="/console/partners",
    )
    assert saved.headers["location"].endswith("ok=partner_saved")

    token = await vera.csrf(f"/console/cases/{ref}")
    asked = await vera.client.post(
        f"/console/cases/{ref}/referrals",
        data={"csrf": token, "partner": "almi", "share": ["name", "contact"]},
    )
    assert asked.headers["location"].endswith("ok=referral_asked")
    page = await vera.get(f"/console/cases/{ref}")
    assert "väntar på grundarens svar" in page.text

    (referral,) = await workflow.referrals.of_case(ref, ADMIN_ACTOR)
    await workflow.referrals.answer(founder, referral.id, True)
    # The partner's link: a page with a button; only the POST confirms.
    from bot.cases.referrals import _hash  # the email is tested elsewhere; here its link
    from bot.storage.models import Referral

    async with db.transaction() as session:
        row = await session.get(Referral, referral.id)
        assert row is not None
        row.token_hash = _hash("known-token-for-the-test")
    shown = await browser.get("/console/referrals/known-token-for-the-test")
    assert shown.status_code == 200 and "Vi har tagit emot kontakten" in shown.text
    (still,) = await workflow.referrals.of_case(ref, ADMIN_ACTOR)
    assert still.status == "sent", "a GET (a mail client's preview) confirms nothing"
    done = await browser.client.post("/console/referrals/known-token-for-the-test")
    assert done.status_code == 200 and "Tack!" in done.text
    assert (await browser.get("/console/referrals/wrong")).status_code == 404
    page = await vera.get(f"/console/cases/{ref}")
    assert "mottagen av partnern" in page.text
    outcome = await vera.post(
        f"/console/cases/{ref}/referrals/{referral.id}/outcome", {"outcome": "helped"}
    )
    assert outcome.headers["location"].endswith("ok=referral_outcome")
    assert "partnern hjälpte" in (await vera.get(f"/console/cases/{ref}")).text


async def test_the_case_names_its_company_and_a_coordinator_imports_an_extract(
    browsers,
    workflow: CaseWorkflow,
    db: Database,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    ref, _ = await accepted_case(db, workflow, clock)
    vera = await browsers("vera@example.org")
    page = await vera.get(f"/console/cases/{ref}")
    assert "Inget företag angivet än" in page.text
    company = f"/console/cases/{ref}/company"
    for bad, field, problem in (
        ({"orgnr": "556012-5791"}, "orgnr", "inte ut som ett organisationsnummer"),
        ({"orgnr": "556012-5790", "registered_on": "2031-01-01"}, "registered_on", "inte varit"),
        ({"orgnr": "556012-5790", "confirmed": "yes"}, "registered_on", "registreringsdatumet"),
        (
            {"orgnr": "556012-5790", "registered_on": "yesterday"},
            "registered_on",
            "Skriv ett datum",
        ),
        ({"orgnr": "556012-5790", "sni": "abc"}, "sni", "En SNI-kod är siffror"),
    ):
        # The case page again: the problem in Swedish beside its field (and in a summary that
        # links to it), the form open, what was typed kept.
        refused = await vera.post(company, {"name": "Frida Bageri", **bad})
        assert refused.status_code == 400, bad
        assert re.search(rf'id="c-{field}-error">[^<]*{problem}', refused.text), bad
        assert f'href="#c-{field}"' in refused.text and 'value="Frida Bageri"' in refused.text
        assert f'value="{bad["orgnr"]}"' in refused.text
        assert not re.search(
            r"not an organisation|in the future|has its date|is digits", refused.text
        )
    saved = await vera.post(company, {"orgnr": "811228-9874", "name": "Frida Bageri"})
    assert saved.headers["location"].endswith("ok=company_saved")
    page = await vera.get(f"/console/cases/{ref}")
    assert "811228-****" in page.text and "811228-9874" not in page.text, "a personnummer hidden"
    assert "enskild firma" in page.text and "inte än" in page.text
    assert (await vera.get("/console/companies")).status_code == 403

    cora = await browsers("cora@example.org")
    page = await cora.get("/console/companies")
    assert page.status_code == 200 and "Registerutdrag" in page.text
    token = await cora.csrf("/console/companies")

    async def upload(content: bytes) -> object:
        return await cora.client.post(
            "/console/companies/import",
            data={"csrf": token},
            files={"file": ("extract.csv", content, "text/csv")},
        )

    bad = await upload(b"orgnr,namn,registreringsdatum\n811228-9874,Frida,2026-13-40\n")
    assert bad.status_code == 400 and "Rad 2: Skriv ett datum" in bad.text  # type: ignore[attr-defined]
    assert "row 2" not in bad.text  # type: ignore[attr-defined]
    good = await upload(b"orgnr,namn,registreringsdatum\n811228-9874,Frida Bageri,2026-12-01\n")
    assert "1 av våra företag bekräftade" in good.text  # type: ignore[attr-defined]
    page = await vera.get(f"/console/cases/{ref}")
    assert "av registerutdrag" in page.text and "2026-12-01" in page.text
