"""Retention with the clock moved forward: an unfinished intake is erased after 90 days, a
closed case's transcript after 365, its founder after 730; the chore runs once a day however
many workers call it, and it is audited."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from bot.app import Services
from bot.cases.actions import Actor
from bot.cases.notifications import RecordingNotifier
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.storage.db import Database
from bot.storage.models import AuditEntry, Case, Founder, Message, utcnow
from tests.cases.conftest import FakeClock
from tests.chat import Founder as Chat
from tests.intake_driver import Answers, complete_intake

COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")


async def _count(db: Database, model: type) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_retention_removes_what_is_kept_too_long(services: Services, db: Database) -> None:
    left = Chat(services.engine, user_id="left-halfway")
    await left.command("start")
    await left.press("Ja, det går bra")
    await left.say("Halv Vägsson")
    done = Chat(services.engine, user_id="done")
    await done.command("start")
    answers = Answers(
        name="Klar Färdigsson",
        place="Jag bor i Värnamo",
        idea="Ett bageri med surdeg i Värnamo för kaféer och butiker.",
        email="klar@example.se",
    )
    await complete_intake(done, answers)
    async with db.sessions() as session:
        ref = await session.scalar(select(Case.ref))
    assert ref is not None
    clock = FakeClock(utcnow())
    workflow = CaseWorkflow(db, RecordingNotifier(), clock=clock)
    await workflow.close(ref, "coached", COORDINATOR)
    assert await _count(db, Founder) == 2

    clock.advance(days=91)
    runs = await asyncio.gather(*(workflow.retention.apply_if_due() for _ in range(3)))
    ran = [r for r in runs if r is not None]
    assert len(ran) == 1, "once a day, however many workers"
    assert ran[0].abandoned == 1 and await _count(db, Founder) == 1
    assert await workflow.retention.apply_if_due() is None, "not again the same day"
    transcript = await _count(db, Message)
    assert transcript > 0, "the closed case's transcript is kept for a year"

    clock.advance(days=275)  # 366 days after the close
    run = await workflow.retention.apply_if_due()
    assert run is not None and run.transcripts == transcript
    assert await _count(db, Message) == 0 and await _count(db, Founder) == 1

    clock.advance(days=365)  # 731 days after the close
    run = await workflow.retention.apply_if_due()
    assert run is not None and run.closed == 1 and await _count(db, Founder) == 0
    async with db.sessions() as session:
        case = await session.scalar(select(Case))
        kinds = (await session.scalars(select(AuditEntry.kind).order_by(AuditEntry.id))).all()
    assert case is not None and case.outcome == "coached", "the results survive"
    assert "name" not in case.answers
    assert kinds.count("retention_applied") == 3 and kinds.count("retention_erased") == 2
    assert clock.now - timedelta(days=731) < utcnow()
