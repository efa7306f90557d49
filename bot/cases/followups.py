"""Follow-ups: months after a case closed, the founder is asked how it went — only with the
consent they gave when the case closed (the question comes with that news), in their channel
and language, and one press stops it. Each follow-up is a durable timer (fired once, however
many workers run); an answer is counted once per follow-up; a company the founder says they
registered is named by its organisation number (the registration still to be confirmed by an
advisor or a registry extract before it is a verified start)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import Actor
from bot.cases.companies import Companies, CompanyInvalid
from bot.cases.context import CaseContext, Outbox
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.domain import ActorKind, CaseStatus, EventKind, NotFoundError, TimerKind
from bot.engine.followups import ANSWERS, followup_answers
from bot.storage import case_rows, timers
from bot.storage.models import Case, CaseEvent, Timer

# Days after the case closed: three months and a year (docs/reports.md).
FOLLOWUP_DAYS = (91, 365)
FOUNDER = Actor(ActorKind.FOUNDER)


class FollowUps:
    def __init__(self, ctx: CaseContext, companies: Companies) -> None:
        self.ctx = ctx
        self.companies = companies

    async def _founders_closed_case(
        self, session: AsyncSession, founder_id: int, ref: str
    ) -> Case | None:
        try:
            case = await case_rows.lock_case(session, ref)
        except NotFoundError:
            return None
        if case.founder_id != founder_id or case.status != CaseStatus.CLOSED.value:
            return None
        return case

    async def consent(self, founder_id: int, ref: str, yes: bool) -> str:
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            case = await self._founders_closed_case(session, founder_id, ref)
            if case is None:
                return "unknown"
            answers = dict(case.answers)
            answers["followup"] = {"consent": yes}
            case.answers = answers
            self.ctx.event(
                session, case, FOUNDER, EventKind.FOLLOWUP_CONSENT, None, {"yes": yes}, now
            )
            await timers.disarm_case_timers(session, case.id, TimerKind.FOLLOWUP, now)
            if yes:
                closed = await case_rows.last_event_at(session, case.id, EventKind.CLOSED) or now
                for days in FOLLOWUP_DAYS:
                    due = closed + timedelta(days=days)
                    if due > now:
                        timers.arm_timer(session, TimerKind.FOLLOWUP, case.id, due)
        return "yes" if yes else "no"

    async def fire(
        self, session: AsyncSession, timer: Timer, outbox: Outbox, now: datetime
    ) -> None:
        """A follow-up is due: asked only while the founder consents (and is not erased)."""
        case = await case_rows.lock_case_by_id(session, timer.case_id) if timer.case_id else None
        if case is None or case.founder_id is None:
            return
        if not (case.answers.get("followup") or {}).get("consent"):
            return
        sent = await _count(session, case.id, EventKind.FOLLOWUP_SENT)
        self.ctx.event(
            session, case, Actor(ActorKind.SYSTEM), EventKind.FOLLOWUP_SENT, None,
            {"number": sent + 1}, now,
        )  # fmt: skip
        outbox.add(
            Notification(
                NotificationKind.FOLLOWUP,
                Audience.FOUNDER,
                case.ref,
                case.founder_id,
                case.language,
                {"number": sent + 1, "choices": followup_answers(case.ref)},
            )
        )

    async def answer(self, founder_id: int, ref: str, answer: str) -> str:
        """The founder's answer to the latest follow-up: counted once (a second press is
        "already"); "stop" ends the follow-ups."""
        if answer not in ANSWERS:
            return "unknown"
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            case = await self._founders_closed_case(session, founder_id, ref)
            if case is None:
                return "unknown"
            sent = await _count(session, case.id, EventKind.FOLLOWUP_SENT)
            answered = await _count(session, case.id, EventKind.FOLLOWUP_ANSWERED)
            if answer != "stop" and (sent == 0 or answered >= sent):
                return "already" if sent else "unknown"
            if answer == "stop":
                answers = dict(case.answers)
                answers["followup"] = {"consent": False}
                case.answers = answers
                await timers.disarm_case_timers(session, case.id, TimerKind.FOLLOWUP, now)
            self.ctx.event(
                session, case, FOUNDER, EventKind.FOLLOWUP_ANSWERED, answer,
                {"answer": answer, "number": sent}, now,
            )  # fmt: skip
        return "recorded"

    async def company(self, founder_id: int, ref: str, orgnr: str) -> str:
        """The organisation number of the company the founder registered."""
        async with self.ctx.db.sessions() as session:
            case = await case_rows.case_by_ref(session, ref)
            if case is None or case.founder_id != founder_id:
                return "unknown"
        try:
            await self.companies.record(ref, FOUNDER, orgnr=orgnr)
        except CompanyInvalid:
            return "invalid"
        return "saved"


async def _count(session: AsyncSession, case_id: int, kind: EventKind) -> int:
    found = await session.scalar(
        select(func.count())
        .select_from(CaseEvent)
        .where(CaseEvent.case_id == case_id, CaseEvent.kind == kind.value)
    )
    return int(found or 0)
