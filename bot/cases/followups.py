"""Follow-ups: months after a case closed, the founder is asked how it went — only with the
consent they gave when the case closed (the question comes with that news), in their channel
and language, and one press stops it. After a company start (a case closed as started, or a
founder telling us in a follow-up that they registered) they are asked a year and three years
on whether the company still runs and how many people work in it (survival and jobs for the
funders). A follow-up not answered is reminded twice, two weeks apart; two weeks after the
second reminder it is recorded as unanswered. Each follow-up and reminder is a durable timer
(fired once, however many workers run); an answer is counted once per follow-up; a company
the founder says they registered is named by its organisation number (the registration still
to be confirmed by an advisor or a registry extract before it is a verified start)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers import CaseAnswers
from bot.cases.actions import Actor
from bot.cases.companies import Companies, CompanyInvalid
from bot.cases.context import CaseContext, Outbox
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.domain import ActorKind, CaseStatus, EventKind, NotFoundError, Outcome, TimerKind
from bot.engine.followups import CASE_ANSWERS, MAX_PEOPLE, SURVIVAL_ANSWERS, followup_answers
from bot.storage import case_rows, timers
from bot.storage.models import Case, CaseEvent, Company, Timer

# Days after the case closed: three months and a year (docs/reports.md). A case closed with a
# company started is asked at three months, then at the start's first and third anniversary.
FOLLOWUP_DAYS = (91, 365)
STARTED_FOLLOWUP_DAYS = (91,)
SURVIVAL_MONTHS = (12, 36)
SURVIVAL_DAYS = {12: 365, 36: 3 * 365 + 1}
REMIND_AFTER = timedelta(days=14)
REMINDERS = 2
FOUNDER = Actor(ActorKind.FOUNDER)
SYSTEM = Actor(ActorKind.SYSTEM)


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
            for kind in (TimerKind.FOLLOWUP, TimerKind.SURVIVAL, TimerKind.FOLLOWUP_REMINDER):
                await timers.disarm_case_timers(session, case.id, kind, now)
            if yes:
                closed = await case_rows.last_event_at(session, case.id, EventKind.CLOSED) or now
                started = case.outcome == Outcome.COMPANY_STARTED.value
                for days in STARTED_FOLLOWUP_DAYS if started else FOLLOWUP_DAYS:
                    due = closed + timedelta(days=days)
                    if due > now:
                        timers.arm_timer(session, TimerKind.FOLLOWUP, case.id, due)
                if started:
                    registered = await _registered_on(session, case)
                    _arm_survival(session, case, registered or closed, now)
        return "yes" if yes else "no"

    async def fire(
        self, session: AsyncSession, timer: Timer, outbox: Outbox, now: datetime
    ) -> None:
        """A follow-up (or a survival follow-up) is due: asked only while the founder consents
        (and is not erased); its first reminder is armed."""
        case = await self._consenting_case(session, timer)
        if case is None:
            return
        sent = await _sent(session, case.id)
        payload: dict[str, Any] = {"number": len(sent) + 1}
        if timer.kind == TimerKind.SURVIVAL:
            asked = sum(1 for p in sent if p.get("months"))
            payload["months"] = SURVIVAL_MONTHS[min(asked, len(SURVIVAL_MONTHS) - 1)]
        self.ctx.event(session, case, SYSTEM, EventKind.FOLLOWUP_SENT, None, payload, now)
        outbox.add(_question(case, payload))
        timers.arm_timer(session, TimerKind.FOLLOWUP_REMINDER, case.id, now + REMIND_AFTER)

    async def remind(
        self, session: AsyncSession, timer: Timer, outbox: Outbox, now: datetime
    ) -> None:
        """The latest follow-up still unanswered: reminded (twice), then recorded as such."""
        case = await self._consenting_case(session, timer)
        if case is None:
            return
        sent = await _sent(session, case.id)
        if not sent:
            return
        latest = sent[-1]
        number = int(latest.get("number") or len(sent))
        if number in await _answered_numbers(session, case.id):
            return
        reminded = sum(
            1 for p in await _payloads(session, case.id, EventKind.FOLLOWUP_REMINDED)
            if p.get("number") == number
        )  # fmt: skip
        about = {"number": number, **({"months": latest["months"]} if latest.get("months") else {})}
        if reminded < REMINDERS:
            payload = {**about, "reminder": reminded + 1}
            self.ctx.event(session, case, SYSTEM, EventKind.FOLLOWUP_REMINDED, None, payload, now)
            outbox.add(_question(case, payload))
            timers.arm_timer(session, TimerKind.FOLLOWUP_REMINDER, case.id, now + REMIND_AFTER)
        else:
            self.ctx.event(session, case, SYSTEM, EventKind.FOLLOWUP_UNANSWERED, None, about, now)

    async def _consenting_case(self, session: AsyncSession, timer: Timer) -> Case | None:
        case = await case_rows.lock_case_by_id(session, timer.case_id) if timer.case_id else None
        if case is None or case.founder_id is None:
            return None
        if not CaseAnswers.read(case.answers).followup_consent:
            return None
        return case

    async def answer(self, founder_id: int, ref: str, answer: str) -> str:
        """The founder's answer to the latest follow-up: counted once (a second press is
        "already"); "stop" ends the follow-ups."""
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            case = await self._founders_closed_case(session, founder_id, ref)
            if case is None:
                return "unknown"
            sent = await _sent(session, case.id)
            latest = sent[-1] if sent else {}
            number = int(latest.get("number") or len(sent))
            valid = SURVIVAL_ANSWERS if latest.get("months") else CASE_ANSWERS
            if answer not in valid:
                return "unknown"
            if answer != "stop" and (
                not sent or number in await _answered_numbers(session, case.id)
            ):
                return "already" if sent else "unknown"
            if answer == "stop":
                answers = dict(case.answers)
                answers["followup"] = {"consent": False}
                case.answers = answers
                for kind in (TimerKind.FOLLOWUP, TimerKind.SURVIVAL, TimerKind.FOLLOWUP_REMINDER):
                    await timers.disarm_case_timers(session, case.id, kind, now)
            payload: dict[str, Any] = {"answer": answer, "number": number}
            if latest.get("months"):
                payload["months"] = latest["months"]
            self.ctx.event(
                session, case, FOUNDER, EventKind.FOLLOWUP_ANSWERED, answer, payload, now
            )
        return "recorded"

    async def company(self, founder_id: int, ref: str, orgnr: str) -> str:
        """The organisation number of the company the founder registered: from then on the
        founder is asked about the company a year and three years after it started (not
        again whether they registered one)."""
        async with self.ctx.db.sessions() as session:
            case = await case_rows.case_by_ref(session, ref)
            if case is None or case.founder_id != founder_id:
                return "unknown"
        try:
            await self.companies.record(ref, FOUNDER, orgnr=orgnr)
        except CompanyInvalid:
            return "invalid"
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            locked = await self._founders_closed_case(session, founder_id, ref)
            if locked is not None and CaseAnswers.read(locked.answers).followup_consent:
                await timers.disarm_case_timers(session, locked.id, TimerKind.FOLLOWUP, now)
                await timers.disarm_case_timers(session, locked.id, TimerKind.SURVIVAL, now)
                _arm_survival(session, locked, await _registered_on(session, locked) or now, now)
        return "saved"

    async def people(self, founder_id: int, ref: str, typed: str) -> str:
        """How many people work in the company (the founder included), after "still running"
        in a survival follow-up: once per follow-up."""
        text = typed.strip()
        if not (text.isascii() and text.isdigit() and int(text) <= MAX_PEOPLE):
            return "invalid"
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            case = await self._founders_closed_case(session, founder_id, ref)
            if case is None:
                return "unknown"
            sent = await _sent(session, case.id)
            latest = sent[-1] if sent else {}
            number = latest.get("number")
            if not latest.get("months"):
                return "unknown"
            running = any(
                p.get("number") == number and p.get("answer") == "running"
                for p in await _payloads(session, case.id, EventKind.FOLLOWUP_ANSWERED)
            )
            if not running:
                return "unknown"
            told = await _payloads(session, case.id, EventKind.FOLLOWUP_PEOPLE)
            if any(p.get("number") == number for p in told):
                return "already"
            payload = {"number": number, "months": latest["months"], "people": int(text)}
            self.ctx.event(session, case, FOUNDER, EventKind.FOLLOWUP_PEOPLE, None, payload, now)
        return "saved"


def _question(case: Case, payload: dict[str, Any]) -> Notification:
    assert case.founder_id is not None
    return Notification(
        NotificationKind.FOLLOWUP,
        Audience.FOUNDER,
        case.ref,
        case.founder_id,
        case.language,
        {**payload, "choices": followup_answers(case.ref, survival=bool(payload.get("months")))},
    )


def _arm_survival(session: AsyncSession, case: Case, start: datetime, now: datetime) -> None:
    for months in SURVIVAL_MONTHS:
        due = start + timedelta(days=SURVIVAL_DAYS[months])
        if due > now:
            timers.arm_timer(session, TimerKind.SURVIVAL, case.id, due)


async def _registered_on(session: AsyncSession, case: Case) -> datetime | None:
    """The company's registration date (morning, UTC) when it is known."""
    if case.company_id is None:
        return None
    registered: date | None = await session.scalar(
        select(Company.registered_on).where(Company.id == case.company_id)
    )
    if registered is None:
        return None
    return datetime.combine(registered, time(9, 0), tzinfo=UTC)


async def _payloads(session: AsyncSession, case_id: int, kind: EventKind) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(CaseEvent.payload)
        .where(CaseEvent.case_id == case_id, CaseEvent.kind == kind.value)
        .order_by(CaseEvent.id)
    )
    return [p if isinstance(p, dict) else {} for p in rows]


async def _sent(session: AsyncSession, case_id: int) -> list[dict[str, Any]]:
    return await _payloads(session, case_id, EventKind.FOLLOWUP_SENT)


async def _answered_numbers(session: AsyncSession, case_id: int) -> set[int]:
    return {
        int(p["number"])
        for p in await _payloads(session, case_id, EventKind.FOLLOWUP_ANSWERED)
        if isinstance(p.get("number"), int) and p.get("answer") != "stop"
    }
