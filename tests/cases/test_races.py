"""Races between processes: double accepts, accept against expiry, two workers, restarts.
Each "process" has its own database engine and connections."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.cases.actions import CaseState, NotAllowed
from bot.cases.notifications import RecordingNotifier
from bot.cases.states import AlreadyTaken
from bot.cases.workflow import CaseWorkflow
from bot.storage.db import Database, open_database
from bot.storage.models import Case, CaseEvent, Offer
from tests.cases.conftest import FakeClock, open_case

pytestmark = pytest.mark.usefixtures("roster")


@pytest.fixture
async def processes(database_url: str, clock: FakeClock) -> AsyncIterator[list[CaseWorkflow]]:
    dbs = [await open_database(database_url, migrate=False) for _ in range(3)]
    yield [CaseWorkflow(d, RecordingNotifier(), clock=clock) for d in dbs]
    for d in dbs:
        await d.dispose()


async def _pending(db: Database) -> Offer:
    async with db.sessions() as session:
        offer = await session.scalar(select(Offer).where(Offer.status == "pending"))
        assert offer is not None
        return offer


async def _count_events(db: Database, kind: str) -> int:
    async with db.sessions() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.kind == kind)
            )
            or 0
        )


async def test_two_accepts_race_and_exactly_one_wins(
    db: Database, clock: FakeClock, processes: list[CaseWorkflow]
) -> None:
    ref = await open_case(db, clock)
    await processes[0].route(ref)
    offer = await _pending(db)
    results = await asyncio.gather(
        *(p.accept(offer.id, offer.advisor_id) for p in processes for _ in range(2)),
        return_exceptions=True,
    )
    winners = [r for r in results if isinstance(r, CaseState)]
    losers = [r for r in results if isinstance(r, AlreadyTaken)]
    assert len(winners) == 1 and len(losers) == 5, results
    assert all("no longer open" in str(e) for e in losers)
    assert await _count_events(db, "accepted") == 1


async def test_another_advisor_cannot_take_the_offer(
    db: Database, clock: FakeClock, processes: list[CaseWorkflow]
) -> None:
    ref = await open_case(db, clock)
    await processes[0].route(ref)
    offer = await _pending(db)
    results = await asyncio.gather(
        processes[0].accept(offer.id, offer.advisor_id),
        processes[1].accept(offer.id, offer.advisor_id + 1),
        return_exceptions=True,
    )
    assert isinstance(results[0], CaseState) and isinstance(results[1], NotAllowed)


async def test_accept_racing_the_expiry_timer(
    db: Database, clock: FakeClock, processes: list[CaseWorkflow]
) -> None:
    ref = await open_case(db, clock)
    await processes[0].route(ref)
    offer = await _pending(db)
    clock.advance(days=5)  # the offer is due to expire
    results = await asyncio.gather(
        processes[0].accept(offer.id, offer.advisor_id),
        processes[1].fire_due_timers(),
        processes[2].fire_due_timers(),
        return_exceptions=True,
    )
    accepted = isinstance(results[0], CaseState)
    expired = await _count_events(db, "expired")
    assert accepted != bool(expired), f"exactly one of accept/expire wins: {results}"
    assert expired <= 1


async def test_two_workers_fire_each_timer_once(
    db: Database, clock: FakeClock, processes: list[CaseWorkflow]
) -> None:
    refs = [await open_case(db, clock, user=f"u{i}") for i in range(4)]
    for ref in refs:
        await processes[0].route(ref)
    clock.advance(days=5)
    fired = await asyncio.gather(*(p.fire_due_timers() for p in processes))
    # Each case had a reminder and an expiry; expiry re-offers, whose timers are not due yet.
    assert sum(fired) == 8
    assert await _count_events(db, "expired") == 4
    assert await _count_events(db, "offered") == 8


async def test_a_restart_in_the_middle_of_an_offer_loses_nothing(
    db: Database, database_url: str, clock: FakeClock
) -> None:
    first = CaseWorkflow(
        await open_database(database_url, migrate=False), RecordingNotifier(), clock=clock
    )
    ref = await open_case(db, clock)
    await first.route(ref)
    await first.db.dispose()  # the process stops with an offer open

    clock.advance(days=5)
    second = CaseWorkflow(await open_database(database_url), RecordingNotifier(), clock=clock)
    assert await second.fire_due_timers() == 2  # the reminder, then the expiry
    async with db.sessions() as session:
        statuses = (await session.scalars(select(Offer.status).order_by(Offer.id))).all()
    assert list(statuses) == ["expired", "pending"]
    await second.db.dispose()


async def test_a_case_left_new_by_a_crash_is_routed_by_the_worker(
    db: Database, clock: FakeClock, workflow: CaseWorkflow
) -> None:
    ref = await open_case(db, clock)  # opened, then the process died before routing
    assert await workflow.route_waiting(older_than_seconds=60) == 0  # too fresh to touch
    clock.advance(minutes=5)
    assert await workflow.route_waiting(older_than_seconds=60) == 1
    async with db.sessions() as session:
        assert await session.scalar(select(Case.status).where(Case.ref == ref)) == "offered"
