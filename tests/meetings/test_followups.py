"""Follow-ups, with a fake clock: the news that a case closed asks whether we may follow up;
with a yes the founder is asked three months later (once, however many timer rounds run),
answers with one press (counted once), gives the organisation number of the company they
registered, or stops the follow-ups; without a yes nothing is asked."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.app import Services, build_services
from bot.cases.actions import Actor
from bot.cases.notifications import (
    Audience,
    NotificationKind,
    RecordingNotifier,
    founder_choices,
    founder_text,
)
from bot.domain import ActorKind
from bot.reports import Period, funder_pack, results_report
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Case, Company, Offer
from tests.cases.conftest import FakeClock
from tests.chat import Founder
from tests.intake_driver import Answers, complete_intake
from tests.roster import advisor, seed_advisors

VAR = Actor(ActorKind.ADVISOR, "var-1")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday in March
GOALS = {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
async def product(settings: Settings, db: Database, clock: FakeClock) -> Services:
    await seed_advisors(db, advisor("var-1", "varnamo", "food_beverage", "financing"))
    return await build_services(settings, db, clock=clock)


async def closed_case(product: Services, founder: Founder, notifier: RecordingNotifier) -> str:
    await founder.command("start")
    shown = await complete_intake(
        founder,
        Answers(
            name="Frida Framåt",
            place="Jag bor i Värnamo",
            idea="Ett bageri med surdegsbröd som levererar till kaféer i Värnamo.",
            email="frida@example.se",
            place_confirm=None,
        ),
    )
    found = re.search(r"JKP-\d{4}-\d+", shown)
    assert found
    async with product.db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
    await product.workflow.accept(offer.id, offer.advisor_id)
    await product.workflow.close(found.group(0), "company_started", VAR)
    return found.group(0)


async def test_a_founder_who_said_yes_is_asked_months_later_once(
    product: Services, clock: FakeClock
) -> None:
    notifier = RecordingNotifier()
    product.workflow.ctx.notifier = notifier
    frida = Founder(product.engine, user_id="frida")
    ref = await closed_case(product, frida, notifier)
    closed = [n for n in notifier.sent if n.kind is NotificationKind.CASE_STATUS][-1]
    buttons = [c.label for c in founder_choices(closed, product.flow)]
    assert buttons == ["Ja, gärna", "Nej tack"]
    await frida.choose(f"followup:yes:{ref}")
    assert "Vi hör av oss om några månader" in frida.text

    clock.advance(days=90)
    await product.workflow.fire_due_timers()
    assert not [n for n in notifier.sent if n.kind is NotificationKind.FOLLOWUP]
    clock.advance(days=2)
    await asyncio.gather(*(product.workflow.fire_due_timers() for _ in range(3)))
    (asked,) = [n for n in notifier.sent if n.kind is NotificationKind.FOLLOWUP]
    assert asked.audience is Audience.FOUNDER
    labels = [c.label for c in founder_choices(asked, product.flow)]
    assert labels[0] == "Jag har registrerat ett företag" and labels[-1] == "Sluta fråga"

    await frida.choose(f"followup:answer:{ref}:registered")
    assert "Vilket organisationsnummer" in frida.text
    await frida.say("12345")
    assert "inte ut som ett organisationsnummer" in frida.text
    await frida.say("556012-5790")
    assert "det är sparat" in frida.text
    async with product.db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None and case.company_id is not None
        company = await session.get(Company, case.company_id)
        assert company is not None and company.verified_by is None, "to be confirmed"
    await frida.choose(f"followup:answer:{ref}:working")
    assert "redan ditt svar" in frida.text, "one answer per follow-up"

    report = await results_report(
        db=product.db, period=Period.year(2026), region_goals=GOALS, node_goals=None, now=clock()
    )
    assert report.evidence.followups == {"sent": 1, "answered": 1, "registered": 1}

    await frida.choose(f"followup:answer:{ref}:stop")
    assert "vi frågar inte mer" in frida.text
    clock.advance(days=400)
    await product.workflow.fire_due_timers()
    assert len([n for n in notifier.sent if n.kind is NotificationKind.FOLLOWUP]) == 1


async def test_without_a_yes_nothing_is_asked_and_others_cannot_answer(
    product: Services, clock: FakeClock
) -> None:
    notifier = RecordingNotifier()
    product.workflow.ctx.notifier = notifier
    frida = Founder(product.engine, user_id="frida")
    ref = await closed_case(product, frida, notifier)
    mallory = Founder(product.engine, user_id="mallory")
    await mallory.command("start")
    await mallory.press("Ja, det går bra")
    await mallory.choose(f"followup:yes:{ref}")
    assert "hittar jag inte längre" in mallory.text
    for forged in ("followup:", "followup:yes:", "followup:answer:X:dance", "followup:maybe:X"):
        await frida.choose(forged)
        assert "hittar jag inte längre" in frida.text, forged
    clock.advance(days=400)
    await product.workflow.fire_due_timers()
    assert not [n for n in notifier.sent if n.kind is NotificationKind.FOLLOWUP]
    await frida.choose(f"followup:no:{ref}")
    assert "vi frågar inte" in frida.text
    await frida.choose(f"followup:answer:{ref}:registered")
    assert "hittar jag inte längre" in frida.text, "nothing was asked"


async def test_the_survey_after_the_first_held_meeting_once_and_a_low_score_alerts(
    product: Services, clock: FakeClock
) -> None:
    notifier = RecordingNotifier()
    product.workflow.ctx.notifier = notifier
    frida = Founder(product.engine, user_id="frida")
    await frida.command("start")
    shown = await complete_intake(
        frida,
        Answers(
            name="Frida Framåt",
            place="Jag bor i Värnamo",
            idea="Ett bageri med surdegsbröd som levererar till kaféer i Värnamo.",
            email="frida@example.se",
            place_confirm=None,
        ),
    )
    found = re.search(r"JKP-\d{4}-\d+", shown)
    assert found
    ref = found.group(0)
    async with product.db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
    await product.workflow.accept(offer.id, offer.advisor_id)
    from tests.meetings.hours import bookable_every_weekday

    await bookable_every_weekday(product.workflow, "var-1")
    times = await product.workflow.meetings.times(1, ref)
    assert times is not None and times.slots
    slot = times.slots[0]
    from bot.engine.meetings import STOCKHOLM

    booked = await product.workflow.meetings.book(
        1, ref, slot.hours_id, slot.starts_at.astimezone(STOCKHOLM)
    )
    assert booked.meeting is not None
    clock.set(slot.ends_at)
    await product.workflow.meetings.mark(booked.meeting.id, True, VAR)
    (survey,) = [n for n in notifier.sent if n.kind is NotificationKind.SURVEY]
    assert [c.label for c in founder_choices(survey, product.flow)] == ["1", "2", "3", "4", "5"]

    await frida.choose(f"survey:{ref}:useful:2")
    assert "tipsa en vän" in frida.text and frida.buttons == ["Ja", "Kanske", "Nej"]
    await frida.choose(f"survey:{ref}:useful:5")
    assert "redan ditt svar" in frida.text, "counted once"
    await frida.choose(f"survey:{ref}:recommend:maybe")
    assert "Något du vill säga" in frida.text
    await frida.say("Rådgivaren var bra, men lokalen var svår att hitta.")
    assert "Tack för dina svar" in frida.text
    alerts = [n for n in notifier.sent if n.kind is NotificationKind.SURVEY_ALERT]
    assert len(alerts) == 2, "the low score and the comment"
    assert alerts[-1].data["comment"].startswith("Rådgivaren var bra")

    await product.workflow.close(ref, "coached", VAR)
    assert len([n for n in notifier.sent if n.kind is NotificationKind.SURVEY]) == 1, "once"
    report = await results_report(
        db=product.db, period=Period.year(2026), region_goals=GOALS, node_goals=None, now=clock()
    )
    region = report.satisfaction[0]
    assert (region.scope, region.useful_n, region.useful_mean) == ("region", 1, 2.0)
    assert (region.recommend_n, region.recommend_yes, region.comments) == (1, 0.0, 1)
    mallory = Founder(product.engine, user_id="mallory")
    await mallory.command("start")
    await mallory.press("Ja, det går bra")
    await mallory.choose(f"survey:{ref}:comment:skip")
    assert "hittar jag inte längre" in mallory.text


async def test_a_start_is_reminded_then_unanswered_then_asked_a_year_and_three_years_on(
    product: Services, clock: FakeClock
) -> None:
    notifier = RecordingNotifier()
    product.workflow.ctx.notifier = notifier
    frida = Founder(product.engine, user_id="frida")
    ref = await closed_case(product, frida, notifier)  # closed as a company start
    await frida.choose(f"followup:yes:{ref}")

    def asked() -> list[str]:
        return [
            founder_text(n, product.flow) or ""
            for n in notifier.sent
            if n.kind is NotificationKind.FOLLOWUP
        ]

    clock.advance(days=92)
    await product.workflow.fire_due_timers()
    assert len(asked()) == 1
    # Not answered: reminded two weeks later, and two weeks after that; then recorded.
    for _ in range(2):
        clock.advance(days=14)
        await asyncio.gather(*(product.workflow.fire_due_timers() for _ in range(3)))
    assert len(asked()) == 3 and asked()[1].startswith("En påminnelse")
    clock.advance(days=14)
    await product.workflow.fire_due_timers()
    clock.advance(days=60)
    await product.workflow.fire_due_timers()
    assert len(asked()) == 3, "two reminders, no more"
    report = await results_report(
        db=product.db, period=Period.year(2026), region_goals=GOALS, node_goals=None, now=clock()
    )
    assert report.evidence.followups == {"sent": 1, "reminded": 2, "unanswered": 1}

    # A year after the start (the case closed on the day it started): still running?
    clock.set(datetime(2027, 3, 3, 9, 0, tzinfo=UTC))
    await asyncio.gather(*(product.workflow.fire_due_timers() for _ in range(3)))
    assert len(asked()) == 4 and "ett år sedan ditt företag startade" in asked()[-1]
    survival = [n for n in notifier.sent if n.kind is NotificationKind.FOLLOWUP][-1]
    labels = [c.label for c in founder_choices(survival, product.flow)]
    assert labels == [
        "Ja, företaget är igång", "Nej, jag har lagt ner det", "Jag vill ha hjälp igen",
        "Sluta fråga",
    ]  # fmt: skip
    await frida.choose(f"followup:answer:{ref}:registered")
    assert "hittar jag inte längre" in frida.text, "not a question of this follow-up"
    await frida.choose(f"followup:answer:{ref}:running")
    assert "Hur många arbetar i företaget" in frida.text
    await frida.say("tre")
    assert "med siffror" in frida.text
    await frida.say("3")
    assert "Lycka till framöver" in frida.text
    await frida.choose(f"followup:answer:{ref}:closed_down")
    assert "redan ditt svar" in frida.text, "one answer per follow-up"
    pack = await funder_pack(product.db, Period.year(2027), clock())
    assert (pack.survival_12, pack.people_reported) == ((1, 1), 3)

    # Three years after the start.
    clock.set(datetime(2029, 3, 3, 9, 0, tzinfo=UTC))
    await product.workflow.fire_due_timers()
    assert len(asked()) == 5 and "tre år sedan" in asked()[-1]
    await frida.choose(f"followup:answer:{ref}:closed_down")
    assert "Välkommen tillbaka" in frida.text
    pack = await funder_pack(product.db, Period.year(2029), clock())
    assert (pack.survival_36, pack.people_reported) == ((0, 1), 0)
    clock.set(datetime(2031, 1, 1, 9, 0, tzinfo=UTC))
    await product.workflow.fire_due_timers()
    assert len(asked()) == 5, "answered: no reminder"

    # Erased, then a press on the old survey's buttons: nothing counted, nothing changed.
    async with product.db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None and case.founder_id is not None
        founder_id = case.founder_id
    await product.workflow.erase_founder(founder_id, Actor(ActorKind.ADMIN, "ada"), "asked")
    await frida.choose(f"survey:{ref}:useful:1")
    assert "Tack för dina svar" not in frida.text
    after = await results_report(
        db=product.db, period=Period.year(2026), region_goals=GOALS, node_goals=None, now=clock()
    )
    assert after.satisfaction == report.satisfaction, "an erasure changes no score"
