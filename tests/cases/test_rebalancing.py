"""Decisions checked when applied: a rebalancing proposal is applied exactly as shown, and
only while the cases and advisors are as they were; a stale one is refused with a new one."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.cases.actions import Actor, ProposalUsed, StaleProposal
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.storage.db import Database
from bot.storage.models import AuditEntry, Case
from tests.cases.conftest import FakeClock, open_case

COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")
pytestmark = pytest.mark.usefixtures("roster")


async def _loads(db: Database) -> dict[int, int]:
    async with db.sessions() as session:
        rows = await session.execute(
            select(Case.advisor_id, func.count())
            .where(Case.status == "accepted")
            .group_by(Case.advisor_id)
        )
        return {int(a): int(n) for a, n in rows}


async def test_a_stale_proposal_is_refused_and_a_fresh_one_applies_once(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    refs = [await open_case(db, clock, user=f"r{i}") for i in range(5)]
    for ref in refs:  # var-1 has capacity 3
        await workflow.reassign(ref, "var-1", COORDINATOR)
    shown = await workflow.propose_rebalance()
    assert len(shown.moves) == 2 and shown.proposal_id is not None

    # Before it is approved, a coordinator moves one of the cases by hand.
    await workflow.reassign(refs[0], "tra-1", COORDINATOR)
    before = await _loads(db)
    with pytest.raises(StaleProposal) as stale:
        await workflow.apply_proposal(shown.proposal_id, COORDINATOR)
    assert await _loads(db) == before, "a stale proposal moves nothing"
    fresh = stale.value.fresh
    assert fresh.proposal_id != shown.proposal_id and len(fresh.moves) == 1
    assert fresh.fingerprint != shown.fingerprint

    # Two coordinators approve the fresh one at the same moment: it is applied once.
    assert fresh.proposal_id is not None
    results = await asyncio.gather(
        workflow.apply_proposal(fresh.proposal_id, COORDINATOR),
        workflow.apply_proposal(fresh.proposal_id, COORDINATOR),
        return_exceptions=True,
    )
    applied = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, ProposalUsed)]
    assert len(applied) == 1 and len(refused) == 1, results
    assert [m.moved for m in applied[0]] == [True]
    assert max((await _loads(db)).values()) <= 3
    async with db.sessions() as session:
        audit = (await session.scalars(select(AuditEntry.kind).order_by(AuditEntry.id))).all()
    assert audit == ["roster_imported", "rebalance_applied"]
