"""Transcripts open only with a purpose and every view is logged on the case; privacy
requests find, export and erase a founder; founder text is always shown as text."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from bot.cases.actions import Actor
from bot.cases.opening import CaseOpening
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind, Language
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database
from bot.storage.models import AuditEntry, CaseEvent, Conversation, Message
from tests.cases.conftest import FakeClock, open_case

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>{{7*7}}"


async def hostile_case(db: Database, clock) -> str:  # type: ignore[no-untyped-def]
    """A case whose every founder field, and the transcript, holds markup."""
    store = SqlConversationStore(db)
    state = await store.start_conversation("test", "h1", "intake", "done", Language.SV, True)
    state.answers = {
        "name": HOSTILE,
        "place": {"municipality_code": "0683", "municipality": "Värnamo", "locality": HOSTILE},
        "idea": "Bageri " + HOSTILE,
        "stage": "idea",
        "needs": ["financing"],
        "contact_method": "email",
        "email": "hostile@example.se",
        "phone": HOSTILE,
    }
    opened = await CaseOpening(db, clock=clock).open_case(state)
    async with db.transaction() as session:
        conversation = (await session.scalars(select(Conversation))).one()
        for direction, text in (
            ("inbound", "Hej! " + HOSTILE),
            ("outbound", "Tack, berätta mer."),
        ):
            session.add(
                Message(
                    conversation_id=conversation.id,
                    direction=direction,
                    channel="test",
                    kind="text",
                    text=text,
                    created_at=clock(),
                )
            )
    return opened.ref


def assert_escaped(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "{{7*7}}" in html and "&gt;49" not in html  # shown, never evaluated


async def test_a_transcript_opens_only_with_a_purpose_and_the_view_is_logged(
    browsers, people, db: Database, clock
) -> None:  # type: ignore[no-untyped-def]
    ref = await hostile_case(db, clock)
    ada = await browsers("ada@example.org")
    page = await ada.get(f"/console/cases/{ref}")
    assert page.status_code == 200 and "Hej!" not in page.text  # the transcript is not shown
    assert_escaped(page.text)
    missing = await ada.post(f"/console/cases/{ref}/transcript", {"purpose": ""})
    assert "err=purpose_missing" in missing.headers["location"]
    other = await ada.post(f"/console/cases/{ref}/transcript", {"purpose": "other"})
    assert "err=purpose_note_missing" in other.headers["location"]
    shown = await ada.post(
        f"/console/cases/{ref}/transcript", {"purpose": "complaint", "note": "ärende 12"}
    )
    assert shown.status_code == 200 and "Hej!" in shown.text
    assert_escaped(shown.text)
    # Who said what: the founder's line is the founder's, the reply is the bot's.
    assert re.search(r'class="from-founder">\s*<p class="who">Personen', shown.text)
    assert re.search(r'class="from-bot">\s*<p class="who">spbot', shown.text)
    async with db.sessions() as session:
        views = (
            await session.scalars(select(CaseEvent).where(CaseEvent.kind == "transcript_viewed"))
        ).all()
    assert [(v.actor_kind, v.actor_id, v.payload["purpose"]) for v in views] == [
        ("admin", "ada@example.org", "complaint")
    ]
    # The view shows on the case page.
    again = (await ada.get(f"/console/cases/{ref}")).text
    assert "Samtalet lästes" in again and "Klagomål: ärende 12" in again


async def test_an_advisor_reads_the_transcript_of_their_own_case_only(
    browsers, people, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    ref = await hostile_case(db, clock)
    await workflow.reassign(ref, "var-1", Actor(ActorKind.COORDINATOR, "test"))
    vera = await browsers("vera@example.org")
    shown = await vera.post(f"/console/cases/{ref}/transcript", {"purpose": "case_work"})
    assert shown.status_code == 200 and "Hej!" in shown.text
    page = (await vera.get(f"/console/cases/{ref}")).text
    assert "hostile@example.se" in page  # the holder sees the contact
    assert_escaped(page)
    gustav = await browsers("gustav@example.org")
    token = await gustav.csrf("/console/desk")
    refused = await gustav.client.post(
        f"/console/cases/{ref}/transcript", data={"csrf": token, "purpose": "case_work"}
    )
    assert refused.status_code == 403


async def test_a_coordinator_does_not_see_contact_details_on_the_case_page(
    browsers, people, db: Database, clock
) -> None:  # type: ignore[no-untyped-def]
    ref = await hostile_case(db, clock)
    cora = await browsers("cora@example.org")
    page = (await cora.get(f"/console/cases/{ref}")).text
    assert "hostile@example.se" not in page


async def test_an_admin_finds_exports_and_erases_a_founder(
    browsers, people, db: Database, clock
) -> None:  # type: ignore[no-untyped-def]
    ref = await hostile_case(db, clock)
    ada = await browsers("ada@example.org")
    for needle in (ref, "HOSTILE@example.se"):
        found = await ada.get("/console/privacy", params={"q": needle})
        assert found.status_code == 303, needle
    page_url = found.headers["location"]
    page = await ada.get(page_url)
    assert page.status_code == 200 and ref in page.text
    assert_escaped(page.text)
    exported = await ada.get(page_url + "/export.json")
    data = json.loads(exported.text)
    assert exported.headers["content-type"].startswith("application/json")
    assert data["schema"] == "spbot.founder-export/1"
    assert data["cases"][0]["ref"] == ref
    assert data["conversations"][0]["transcript"][0]["text"].startswith("Hej!")
    nothing = await ada.get("/console/privacy", params={"q": "nobody@example.se"})
    assert nothing.status_code == 404 and "Ingen person hittades" in nothing.text

    unconfirmed = await ada.post(page_url + "/erase", {"asked_by": "by phone"}, token_from=page_url)
    assert "err=confirm_missing" in unconfirmed.headers["location"]
    erased = await ada.post(
        page_url + "/erase", {"asked_by": "by phone", "confirm": "yes"}, token_from=page_url
    )
    assert erased.headers["location"].startswith("/console/privacy?ok=erased")
    async with db.sessions() as session:
        assert (await session.scalars(select(Message))).all() == []
        kinds = (await session.scalars(select(AuditEntry.kind))).all()
    assert {"founder_viewed", "founder_exported", "founder_erased"} <= set(kinds)
    assert (await ada.get(page_url)).status_code == 404
    case_page = (await ada.get(f"/console/cases/{ref}")).text
    assert "Personens uppgifter är raderade" in case_page
    assert f'action="/console/cases/{ref}/transcript"' not in case_page, "nothing left to read"


async def test_advisors_and_coordinators_have_no_privacy_pages(
    browsers, people, db: Database, clock
) -> None:  # type: ignore[no-untyped-def]
    await hostile_case(db, clock)
    for email in ("vera@example.org", "cora@example.org"):
        person = await browsers(email)
        assert (await person.get("/console/privacy/founders/1/export.json")).status_code == 403


async def test_a_transcript_reads_as_the_founder_saw_it(services) -> None:  # type: ignore[no-untyped-def]
    """Pressed buttons by their words, commands as typed, offered choices by their words
    (not the ids the machine keeps)."""
    import re

    from bot.cases.reading import Purpose
    from tests.chat import Founder
    from tests.intake_driver import Answers, complete_intake
    from tests.roster import seed_demo_roster

    await seed_demo_roster(services.db)
    founder = Founder(services.engine, user_id="reader")
    await founder.command("start")
    shown = await complete_intake(founder, Answers(place_confirm=None))
    found = re.search(r"JKP-\d{4}-\d+", shown)
    assert found
    lines = await services.workflow.read_transcript(
        found.group(0), Actor(ActorKind.ADMIN, "ada"), Purpose.CASE_WORK
    )
    said = [line.text for line in lines if line.direction == "inbound"]
    assert said[0] == "/start" and "Ja, det går bra" in said
    assert not [s for s in said if re.fullmatch(r"[a-z_]+:[a-z_]+", s)], said
    offered = [c for line in lines if line.choices for c in line.choices]
    assert "Ja, det går bra" in offered and "consent:accept" not in offered


async def test_the_case_trail_speaks_the_readers_language(
    browsers,
    people,
    workflow: CaseWorkflow,
    db: Database,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    from bot.content.staff_catalog.reasons import case_reason

    ref = await open_case(db, clock, user="trail")
    await workflow.route(ref)
    clock.advance(days=5)
    await workflow.fire_due_timers()  # the offer expired: "<advisor> did not answer in time"
    ada = await browsers("ada@example.org")
    page = (await ada.get(f"/console/cases/{ref}")).text
    for english in ("intake submitted", "new case", "did not answer in time", "the previous offer"):
        assert english not in page, english
    assert "intaget inskickat" in page and "svarade inte i tid" in page
    assert case_reason("declined: no_capacity", "sv") == "tackade nej: har inte tid just nu"
    assert case_reason("my own note", "sv") == "my own note", "a note is shown as written"


async def test_the_case_page_says_who_holds_a_pending_offer(
    browsers,
    people,
    workflow: CaseWorkflow,
    db: Database,
    clock: FakeClock,  # type: ignore[no-untyped-def]
) -> None:
    ref = await open_case(db, clock, user="pending")
    await workflow.route(ref)
    ada = await browsers("ada@example.org")
    page = (await ada.get(f"/console/cases/{ref}")).text
    assert "erbjudet till Test var-1, väntar på svar" in page


async def test_the_person_page_reads_like_a_letter(  # type: ignore[no-untyped-def]
    browsers, people, db: Database, clock: FakeClock, settings
) -> None:
    """What an admin reads back to a person who asks what we keep: names, labels, Stockholm
    times, the buttons' words — no Python reprs, raw keys or UTC timestamps."""
    from bot.app import build_services
    from tests.chat import Founder
    from tests.intake_driver import Answers, complete_intake

    services = await build_services(settings, db, clock=clock)
    frida = Founder(services.engine, user_id="letter")
    await frida.command("start")
    await complete_intake(
        frida,
        Answers(
            name="Frida Framåt",
            place="Jag bor i Värnamo",
            idea="Ett bageri med surdegsbröd som levererar till kaféer i Värnamo.",
            email="frida@example.se",
            place_confirm=None,
        ),
    )
    ada = await browsers("ada@example.org")
    found = await ada.get("/console/privacy", params={"q": "frida@example.se"})
    page = (await ada.get(found.headers["location"])).text
    assert "Vad vi har sparat om Frida Framåt" in page
    assert "Person nr" not in page
    for label in ("<dt>Idé</dt>", "<dt>Skede</dt>", "<dt>Behov</dt>", "frida@example.se", "surdeg"):
        assert label in page, label
    assert "Ja, det går bra" in page and "consent:accept" not in page
    assert "skickat som ärende" in page and "gav samtycke" in page
    assert "Hur länge vi sparar det" in page and "730 dagar" in page
    main = re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1])  # the words a person reads
    for raw in (
        "{'", "['", "contact_method", "stage:", "sector_readings", "'score'", "+00:00",
        "submitted", "None", "channel.", "Personnummer",
    ):  # fmt: skip
        assert raw not in main, raw
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", main), "times as people write them"
