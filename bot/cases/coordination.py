"""What coordinators do: give a case to an advisor, match an escalated case again, escalate
by hand, and rebalance the load (one module proposes and applies, for every channel)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace

from bot.cases.actions import (
    Actor,
    AdvisorLoad,
    AlreadyAssigned,
    CaseState,
    MoveResult,
    PlannedMove,
    ProposalUsed,
    RebalancePlan,
    StaleProposal,
)
from bot.cases.context import CaseContext, Outbox, state_of
from bot.cases.holding import ensure_in_scope
from bot.cases.matching import load_open_cases, load_pool
from bot.cases.notifications import NotificationKind
from bot.cases.offering import Offering
from bot.domain import ACTIVE_CASE_STATUSES, AuditKind, CaseStatus, EventKind, SpbotError
from bot.matching.ranking import AdvisorPool, AdvisorProfile
from bot.matching.rebalance import OpenCase, propose_rebalance
from bot.storage import case_rows, erasure, proposals


class Coordination:
    def __init__(self, ctx: CaseContext, offering: Offering) -> None:
        self.ctx = ctx
        self.offering = offering

    async def reassign(self, ref: str, advisor_key: str, actor: Actor) -> CaseState:
        """Give the case to an advisor directly (open offers are withdrawn)."""
        ctx = self.ctx
        now = ctx.clock()
        outbox = Outbox()
        async with ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            advisor = await case_rows.active_advisor(session, advisor_key)
            await ensure_in_scope(session, actor, case.node_id, advisor.node_id)
            if case.advisor_id == advisor.id and CaseStatus(case.status) in ACTIVE_CASE_STATUSES:
                raise AlreadyAssigned(
                    f"case {case.ref} is already with {advisor.key}",
                    ref=case.ref,
                    advisor=advisor.key,
                )
            await ctx.withdraw_open_offers(session, case, outbox, now)
            previous = case.advisor_id
            status = CaseStatus(case.status)
            target = status if status in ACTIVE_CASE_STATUSES else CaseStatus.ACCEPTED
            await ctx.transition(
                session,
                case,
                target,
                actor,
                EventKind.REASSIGNED,
                "assigned by a coordinator",
                {"from_advisor_id": previous, "advisor": advisor.key},
                now,
            )
            await ctx.give_case(session, case, advisor, outbox, NotificationKind.CASE_ASSIGNED)
            state = state_of(case)
        await ctx.deliver(outbox)
        return state

    async def escalate(self, ref: str, actor: Actor, reason: str) -> CaseState:
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            await ensure_in_scope(session, actor, case.node_id)
            await self.ctx.escalate(session, case, outbox, reason, actor)
            state = state_of(case)
        await self.ctx.deliver(outbox)
        return state

    async def match_again(self, ref: str, actor: Actor) -> CaseState:
        """Try the ranking again for an escalated case (a fresh round of offers; advisors
        who already declined or let it expire are still never asked again)."""
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            await ensure_in_scope(session, actor, case.node_id)
            self.ctx.event(
                session,
                case,
                actor,
                EventKind.MATCH_AGAIN,
                "asked by a coordinator",
                {},
                self.ctx.clock(),
            )
            await self.offering.offer_next(session, case, outbox, "match again")
            state = state_of(case)
        await self.ctx.deliver(outbox)
        return state

    async def propose_rebalance(self, scope: frozenset[str] | None = None) -> RebalancePlan:
        """The fewest moves that bring every advisor within capacity (nothing changes but
        the proposal, stored with the fingerprint of the state it was computed on); within
        ``scope``'s nodes only, for a node manager."""
        plan, fingerprint = await self._plan(scope)
        moves = [(m.case_ref, m.to_key) for m in plan.moves]
        proposal_id = await proposals.add_proposal(
            self.ctx.db, fingerprint, moves, self.ctx.clock()
        )
        return replace(plan, proposal_id=proposal_id, fingerprint=fingerprint)

    async def apply_proposal(self, proposal_id: int, actor: Actor) -> list[MoveResult]:
        stored = await proposals.get_proposal(self.ctx.db, proposal_id)
        if stored.applied:
            raise ProposalUsed(
                f"rebalancing proposal {proposal_id} was applied already", proposal=proposal_id
            )
        # Checked against the state within the applier's scope: a proposal made for other
        # nodes (or the region) is stale to a node manager, and each move is checked again.
        _, now = await self._plan(actor.nodes)
        if now != stored.fingerprint:
            # Someone may have applied this very proposal meanwhile (its moves are the change):
            # that is "used", not "stale", and no fresh proposal is made for it.
            if (await proposals.get_proposal(self.ctx.db, proposal_id)).applied:
                raise ProposalUsed(
                    f"rebalancing proposal {proposal_id} was applied already", proposal=proposal_id
                )
            fresh = await self.propose_rebalance(actor.nodes)
            raise StaleProposal(
                f"the cases or advisors changed since proposal {proposal_id}: "
                f"see proposal {fresh.proposal_id}",
                fresh,
                proposal=proposal_id,
            )
        if not await proposals.claim_proposal(self.ctx.db, proposal_id, actor.id, self.ctx.clock()):
            raise ProposalUsed(
                f"rebalancing proposal {proposal_id} was applied already", proposal=proposal_id
            )
        results = await self.apply_rebalance(stored.moves, actor)
        async with self.ctx.db.transaction() as session:
            erasure.add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.REBALANCE_APPLIED,
                f"proposal:{proposal_id}",
                None,
                {"moves": [[r.case_ref, r.to_key, r.moved] for r in results]},
                self.ctx.clock(),
            )
        return results

    async def _plan(self, scope: frozenset[str] | None = None) -> tuple[RebalancePlan, str]:
        """The plan over the region, or within ``scope``'s nodes (a node manager's): only
        their advisors, only the cases those advisors hold."""
        pool = await load_pool(self.ctx.db, self.ctx.today(), self.ctx.weights)
        cases = await load_open_cases(self.ctx.db)
        if scope is not None:
            pool = AdvisorPool(
                [a for a in pool.advisors if a.node_slug in scope], pool.geo, pool.weights
            )
            inside = {a.id for a in pool.advisors}
            cases = [c for c in cases if c.advisor_id in inside]
        proposal = propose_rebalance(cases, pool)
        advisors = {a.id: a for a in pool.advisors}
        plan = RebalancePlan(
            moves=tuple(
                PlannedMove(
                    case_ref=m.case_ref,
                    from_key=advisors[m.from_advisor].key,
                    from_name=advisors[m.from_advisor].name,
                    to_key=advisors[m.to_advisor].key,
                    to_name=advisors[m.to_advisor].name,
                    quality_before=m.quality_before,
                    quality_after=m.quality_after,
                    reason=m.reason,
                )
                for m in proposal.moves
            ),
            load=tuple(
                AdvisorLoad(
                    a.key, a.name, a.capacity, proposal.load_before[a.id], proposal.load_after[a.id]
                )
                for a in pool.advisors
            ),
            still_over={advisors[a].key: n for a, n in proposal.still_over.items()},
        )
        return plan, _fingerprint(cases, pool.advisors)

    async def apply_rebalance(
        self, moves: Sequence[tuple[str, str]], actor: Actor
    ) -> list[MoveResult]:
        """Carry out (case ref, advisor key) moves through ``reassign``; a move that no
        longer applies is reported, not forced."""
        results = []
        for ref, key in moves:
            try:
                await self.reassign(ref, key, actor)
                results.append(MoveResult(ref, key))
            except SpbotError as exc:
                results.append(MoveResult(ref, key, exc))
        return results


def _fingerprint(cases: Sequence[OpenCase], advisors: Sequence[AdvisorProfile]) -> str:
    """What a rebalancing depends on: who holds which open case (and whom it may not go
    to), and each advisor's capacity, load, absence and pending offers."""
    state = {
        "cases": sorted((c.ref, c.advisor_id, c.pinned, sorted(c.excluded)) for c in cases),
        "advisors": sorted(
            (a.id, a.capacity, a.load, a.pending_offers, a.absent, a.active) for a in advisors
        ),
    }
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()
