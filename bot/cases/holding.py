"""What the advisor who holds a case does with it: mark the first contact, close it with an
outcome. Only that advisor may; coordinators, admins and the system may act on any case."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers import CaseAnswers
from bot.cases.actions import Actor, CaseState, NotAllowed
from bot.cases.context import CaseContext, Outbox, state_of
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.cases.states import Outcome
from bot.cases.surveys import send_survey
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import ACTIVE_CASE_STATUSES, ActorKind, CaseStatus, EventKind, SpbotError
from bot.engine.followups import followup_question
from bot.storage import case_rows
from bot.storage.models import Case


class UnknownOutcome(SpbotError):
    code = "unknown_outcome"


class UnknownSector(SpbotError):
    code = "unknown_sector"


def require_node(actor: Actor, node_slug: str | None) -> None:
    """A node manager acts only for their own nodes (never for the region as a whole);
    everyone else's scope is the region."""
    if not actor.acts_for(node_slug):
        raise NotAllowed("not one of your nodes", node=node_slug)


async def ensure_in_scope(session: AsyncSession, actor: Actor, *node_ids: int | None) -> None:
    """``require_node`` for nodes by id: the case's and, when a case changes hands, the
    advisor's."""
    if actor.nodes is None:
        return
    for node_id in node_ids:
        require_node(actor, await case_rows.node_slug(session, node_id))


async def ensure_holder(session: AsyncSession, case: Case, actor: Actor) -> None:
    """An advisor may act on (or read) only a case they hold; a node manager on their
    nodes' cases; coordinators, admins and the system on any."""
    await ensure_in_scope(session, actor, case.node_id)
    if actor.kind is not ActorKind.ADVISOR:
        return
    holder = (
        await case_rows.get_advisor(session, case.advisor_id)
        if case.advisor_id is not None
        else None
    )
    if holder is None or holder.key != actor.id:
        raise NotAllowed(f"case {case.ref} is not yours", ref=case.ref)


class Holding:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    async def mark_in_contact(self, ref: str, actor: Actor) -> CaseState:
        return await self._move(
            ref,
            CaseStatus.IN_CONTACT,
            actor,
            EventKind.IN_CONTACT,
            "the advisor and the founder are in contact",
            {},
        )

    async def start_coaching(self, ref: str, actor: Actor) -> CaseState:
        """The advisor coaches the company now: the case stays open (and counts as a company
        being coached) until it is closed with its outcome."""
        return await self._move(
            ref,
            CaseStatus.COACHING,
            actor,
            EventKind.COACHING_STARTED,
            "the advisor coaches the company",
            {},
        )

    async def close(
        self, ref: str, outcome: Outcome | str, actor: Actor, note: str | None = None
    ) -> CaseState:
        try:
            outcome = Outcome(outcome)
        except ValueError:
            raise UnknownOutcome(
                f"unknown outcome '{outcome}' (one of: {', '.join(o.value for o in Outcome)})",
                outcome=str(outcome),
            ) from None
        return await self._move(
            ref,
            CaseStatus.CLOSED,
            actor,
            EventKind.CLOSED,
            note or outcome.value,
            {"outcome": outcome.value},
        )

    async def correct_sector(self, ref: str, sector: str, actor: Actor) -> CaseState:
        """Put a case in the sector it really belongs to (the reading and the founder's own
        choice both can miss): the case's sector for routing and the figures from now on,
        the earlier one kept beside it and in the audit trail."""
        if sector not in load_taxonomy().sectors:
            raise UnknownSector(f"unknown sector '{sector}'", sector=sector)
        ctx = self.ctx
        now = ctx.clock()
        async with ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            await ensure_holder(session, case, actor)
            answers = dict(case.answers)
            read = CaseAnswers.read(answers)
            before = list(read.sector_ids)
            if before[:1] == [sector]:
                return state_of(case)
            triggers = next((list(s.triggers) for s in read.sectors if s.id == sector), [])
            answers["sectors"] = [
                {"id": sector, "score": 1.0, "triggers": triggers, "corrected": True}
            ]
            answers["sector_correction"] = {"from": before[:1], "to": sector}
            case.answers = answers
            case.updated_at = now
            ctx.event(
                session,
                case,
                actor,
                EventKind.SECTOR_CORRECTED,
                f"{before[0] if before else '–'} → {sector}",
                {"from": before[:1], "to": sector},
                now,
            )
            return state_of(case)

    async def add_founder_note(self, ref: str, text: str) -> None:
        """What a founder adds to their open case: in the audit trail (as a note, so erasure
        removes it) and, when an advisor has the case, passed on to them."""
        ctx = self.ctx
        now = ctx.clock()
        outbox = Outbox()
        async with ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            ctx.event(
                session,
                case,
                Actor(ActorKind.FOUNDER),
                EventKind.FOUNDER_ADDED,
                "the founder added to the case",
                {"note": text},
                now,
            )
            case.updated_at = now
            if case.advisor_id is not None and CaseStatus(case.status) in ACTIVE_CASE_STATUSES:
                outbox.add(
                    Notification(
                        NotificationKind.FOUNDER_ADDED,
                        Audience.ADVISOR,
                        case.ref,
                        case.advisor_id,
                        case.language,
                        {"note": text},
                    )
                )
        await ctx.deliver(outbox)

    async def _move(
        self,
        ref: str,
        target: CaseStatus,
        actor: Actor,
        kind: EventKind,
        reason: str,
        payload: dict[str, Any],
    ) -> CaseState:
        ctx = self.ctx
        now = ctx.clock()
        outbox = Outbox()
        async with ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            await ensure_holder(session, case, actor)
            await ctx.withdraw_open_offers(session, case, outbox, now)
            await ctx.transition(session, case, target, actor, kind, reason, payload, now)
            if target is CaseStatus.CLOSED:
                case.outcome = payload.get("outcome")
            if target is CaseStatus.CLOSED:
                await send_survey(ctx, session, case, outbox)  # once: none yet if no meeting
            news: dict[str, Any] = {"status": target.value}
            if target is CaseStatus.CLOSED and case.founder_id is not None:
                # May we ask in a few months how it went? (follow-ups, with consent)
                news["followup_ask"] = True
                news["choices"] = followup_question(case.ref)
            outbox.add(
                Notification(
                    NotificationKind.CASE_STATUS,
                    Audience.FOUNDER,
                    case.ref,
                    case.founder_id,
                    case.language,
                    news,
                )
            )
            state = state_of(case)
        await ctx.deliver(outbox)
        return state
