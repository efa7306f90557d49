"""The one erasure routine (GDPR art. 17), for ``/delete``, the CLI and the console: the
founder's open cases are closed (offers withdrawn, Slack cards updated, the advisor who has
the case told), then everything personal is removed (``storage.erasure``), and who erased and
why is recorded — in each case's audit trail and in the general audit log.

A case whose founder is erased is closed as ``not_pursued`` rather than kept open: an advisor
cannot help someone whose contact details are gone, and the closed case still counts in the
results (municipality, node, stage, needs, sectors and dates are kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import Actor
from bot.cases.context import CaseContext, Outbox
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.domain import ACTIVE_CASE_STATUSES, AuditKind, CaseStatus, EventKind, Outcome
from bot.storage import erasure, timers
from bot.storage.models import Case

ERASED = "erased"  # the status an offer's card shows after the founder's erasure
OPEN = frozenset(CaseStatus) - {CaseStatus.CLOSED, CaseStatus.REFERRED_OUT}


@dataclass(frozen=True)
class ErasureReport:
    founder_id: int
    cases: tuple[str, ...]  # references of the founder's cases (now without personal data)
    closed: tuple[str, ...]  # those that were open and are now closed


class FounderErasure:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    async def erase(
        self,
        founder_id: int,
        actor: Actor,
        reason: str,
        kind: AuditKind = AuditKind.FOUNDER_ERASED,
    ) -> ErasureReport:
        ctx = self.ctx
        now = ctx.clock()
        outbox = Outbox()
        closed: list[str] = []
        async with ctx.db.transaction() as session:
            cases = await erasure.founder_cases(session, founder_id)
            for case in cases:
                if CaseStatus(case.status) in OPEN:
                    await self._close(session, case, actor, outbox, now)
                    closed.append(case.ref)
                ctx.event(session, case, actor, EventKind.FOUNDER_ERASED, reason, {}, now)
            await erasure.erase_personal_data(session, founder_id, cases, now)
            erasure.add_audit(
                session,
                actor.kind.value,
                actor.id,
                kind,
                None,
                reason,
                {"cases": [c.ref for c in cases]},
                now,
            )
            refs = tuple(c.ref for c in cases)
        await ctx.deliver(outbox)
        return ErasureReport(founder_id, refs, tuple(closed))

    async def _close(
        self, session: AsyncSession, case: Case, actor: Actor, outbox: Outbox, now: datetime
    ) -> None:
        ctx = self.ctx
        await ctx.withdraw_open_offers(session, case, outbox, now, card=ERASED)
        await timers.disarm_all(session, case.id, now)
        if case.advisor_id is not None and CaseStatus(case.status) in ACTIVE_CASE_STATUSES:
            outbox.add(
                Notification(
                    NotificationKind.CASE_ERASED, Audience.ADVISOR, case.ref, case.advisor_id
                )
            )
        await ctx.transition(
            session,
            case,
            CaseStatus.CLOSED,
            actor,
            EventKind.CLOSED,
            Outcome.NOT_PURSUED.value,
            {"outcome": Outcome.NOT_PURSUED.value, "why": "founder erased"},
            now,
        )
        case.outcome = Outcome.NOT_PURSUED.value
