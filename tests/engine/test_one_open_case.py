"""One person, one open case: a founder whose case is open and who starts again is asked
whether to add to it (it reaches the same case) or to start something new; /status lists
every case."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Services
from bot.storage.models import Case, CaseEvent
from tests.chat import Founder
from tests.intake_driver import Answers, complete_intake
from tests.roster import seed_demo_roster


async def _submit(founder: Founder, email: str) -> None:
    await founder.command("start")
    # A founder who has been here before is asked where, not again who.
    again = "sparar dina svar" not in founder.text
    answers = Answers(
        name="Ida Idésson",
        place="Jag bor i Eksjö",
        idea="En verkstad som lagar och hyr ut elcyklar till turister i Eksjö.",
        email=email,
    )
    done = await complete_intake(founder, answers, from_step="place" if again else None)
    assert "JKP-" in done, done


async def test_starting_again_with_an_open_case(services: Services) -> None:
    await seed_demo_roster(services.db)
    ida = Founder(services.engine, user_id="ida")
    await _submit(ida, "ida@example.se")
    async with services.db.sessions() as session:
        ref = await session.scalar(select(Case.ref))
    await ida.command("restart")
    assert f"redan ett öppet ärende hos oss, {ref}" in ida.text
    assert ida.buttons == ["Lägg till i mitt ärende", "Något nytt"]
    await ida.press("Lägg till i mitt ärende")
    assert "Skriv det du vill lägga till" in ida.text
    await ida.say("Vi har nu fått en lokal i Eksjö centrum.")
    assert f"tillagt i ditt ärende {ref}" in ida.text
    async with services.db.sessions() as session:
        added = (
            await session.scalars(
                select(CaseEvent.payload).where(CaseEvent.kind == "founder_added")
            )
        ).all()
        cases = (await session.scalars(select(Case.ref))).all()
    assert added == [{"note": "Vi har nu fått en lokal i Eksjö centrum."}]
    assert cases == [ref], "no second case was opened"

    # Something new: a new intake (consent is remembered), a second case.
    await ida.command("restart")
    await ida.press("Något nytt")
    assert "Vi börjar om." in ida.text and "Vad heter du?" in ida.text
    await ida.say("Ida Idésson")
    await _submit(ida, "ida@example.se")
    await ida.command("status")
    assert "Dina ärenden hos oss:" in ida.text
    async with services.db.sessions() as session:
        refs = (await session.scalars(select(Case.ref).order_by(Case.id))).all()
    assert len(refs) == 2 and all(r in ida.text for r in refs)


async def test_the_same_person_on_two_channels_is_flagged_then_linked(services: Services) -> None:
    from bot.storage.export import link_founders

    await seed_demo_roster(services.db)
    on_telegram = Founder(services.engine, user_id="4711", channel="telegram")
    in_slack = Founder(services.engine, user_id="U0IDA", channel="slack")
    await _submit(on_telegram, "ida@example.se")
    await _submit(in_slack, "IDA@example.se")
    async with services.db.sessions() as session:
        first, second = (await session.scalars(select(Case).order_by(Case.id))).all()
        flagged = (
            await session.scalars(
                select(CaseEvent.payload).where(CaseEvent.kind == "possible_same_founder")
            )
        ).all()
    assert flagged == [{"founders": [first.founder_id], "cases": [first.ref]}]
    assert first.founder_id != second.founder_id, "never merged by itself"

    moved = await link_founders(services.db, first.founder_id, second.founder_id)
    assert moved == [second.ref]
    await in_slack.command("status")  # the cached state is stale; the turn replays fresh
    assert first.ref in in_slack.text and second.ref in in_slack.text
