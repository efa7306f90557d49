"""An advisor away: the roster records the absence (``storage.absences``); when it covers
today, the case workflow hands over — pending offers move on to the next advisor, active
cases go to a named delegate if one is given, and while away their reminders go to the
coordinators (``watch``). Every absence set or cancelled is in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.cases.actions import Actor, CaseState
from bot.cases.context import CaseContext, Outbox
from bot.cases.coordination import Coordination
from bot.cases.holding import ensure_in_scope
from bot.cases.offering import Offering
from bot.cases.states import OfferStatus
from bot.domain import ACTIVE_CASE_STATUSES, AuditKind
from bot.storage import absences, case_rows, erasure

AWAY = "away"  # the status an offer's card shows when it moved on because of an absence


@dataclass(frozen=True)
class Handover:
    absence_id: int
    offers_moved: tuple[str, ...]  # case refs offered to someone else
    cases_delegated: tuple[CaseState, ...]


class AbsenceHandover:
    def __init__(self, ctx: CaseContext, offering: Offering, coordination: Coordination) -> None:
        self.ctx = ctx
        self.offering = offering
        self.coordination = coordination

    async def set_absence(
        self,
        advisor_key: str,
        starts: date,
        ends: date,
        actor: Actor,
        note: str | None = None,
        delegate: str | None = None,
    ) -> Handover:
        ctx = self.ctx
        async with ctx.db.sessions() as session:
            nodes = []
            if delegate is not None:  # refuse an unknown one first
                nodes.append((await case_rows.active_advisor(session, delegate)).node_id)
            if actor.nodes is not None:  # a node manager: their advisors only
                nodes.append((await case_rows.active_advisor(session, advisor_key)).node_id)
                await ensure_in_scope(session, actor, *nodes)
        absence_id = await absences.add_absence(ctx.db, advisor_key, starts, ends, note)
        await self._audit(
            actor,
            AuditKind.ABSENCE_SET,
            advisor_key,
            note,
            {
                "absence": absence_id,
                "from": starts.isoformat(),
                "to": ends.isoformat(),
                "delegate": delegate,
            },
        )
        if not starts <= ctx.today() <= ends:
            return Handover(absence_id, (), ())
        moved = await self._move_offers_on(advisor_key)
        delegated: list[CaseState] = []
        if delegate is not None:
            for ref in await self._active_refs(advisor_key):
                delegated.append(await self.coordination.reassign(ref, delegate, actor))
        return Handover(absence_id, tuple(moved), tuple(delegated))

    async def cancel_absence(self, absence_id: int, actor: Actor) -> absences.Absence:
        if actor.nodes is not None:
            found = [a for a in await absences.list_absences(self.ctx.db) if a.id == absence_id]
            async with self.ctx.db.sessions() as session:
                for absence in found:
                    advisor = await case_rows.active_advisor(session, absence.advisor_key)
                    await ensure_in_scope(session, actor, advisor.node_id)
        absence = await absences.cancel_absence(self.ctx.db, absence_id)
        await self._audit(
            actor,
            AuditKind.ABSENCE_CANCELLED,
            absence.advisor_key,
            None,
            {
                "absence": absence_id,
            },
        )
        return absence

    async def _move_offers_on(self, advisor_key: str) -> list[str]:
        """Each pending offer of the advisor is withdrawn and the case offered on (the
        advisor is away today, so the ranking passes them by)."""
        ctx = self.ctx
        async with ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            pending = await case_rows.pending_offers_of_advisor(session, advisor.id)
        moved = []
        for offer_id, case_id in pending:
            now = ctx.clock()
            outbox = Outbox()
            async with ctx.db.transaction() as session:
                case = await case_rows.lock_case_by_id(session, case_id)
                offer = await case_rows.get_offer(session, offer_id)
                if case is None or offer is None or offer.status != OfferStatus.PENDING.value:
                    continue
                await ctx.withdraw_offer(session, case, offer, outbox, now, card=AWAY)
                await self.offering.offer_next(session, case, outbox, f"{advisor_key} is away")
                moved.append(case.ref)
            await ctx.deliver(outbox)
        return moved

    async def _active_refs(self, advisor_key: str) -> list[str]:
        async with self.ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            return await case_rows.case_refs_of_advisor(session, advisor.id, ACTIVE_CASE_STATUSES)

    async def _audit(
        self,
        actor: Actor,
        kind: AuditKind,
        subject: str,
        reason: str | None,
        payload: dict[str, object],
    ) -> None:
        async with self.ctx.db.transaction() as session:
            erasure.add_audit(
                session,
                actor.kind.value,
                actor.id,
                kind,
                subject,
                reason,
                dict(payload),
                self.ctx.clock(),
            )
