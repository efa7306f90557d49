"""The case workflow: offers, accepts, declines, expiry, escalation, reassignment, closing.

Every change of a case goes through ``_transition`` (one place for the rule and the audit
event). Notifications are collected during a transaction and sent only after it commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.calendar import STOCKHOLM, WorkingCalendar
from bot.cases.matching import case_profile
from bot.cases.notifications import Audience, Notification, NotificationKind, Notifier
from bot.cases.states import (
    ACTIVE,
    AlreadyTaken,
    DeclineReason,
    OfferStatus,
    Outcome,
    check_transition,
)
from bot.domain import ActorKind, CaseStatus, NotFoundError, SpbotError
from bot.matching.ranking import AdvisorPool, Candidate, CaseProfile, RankingWeights
from bot.matching.setup import region_geography
from bot.storage.advisors import advisor_profiles
from bot.storage.db import Database
from bot.storage.models import (
    Advisor,
    AdvisorAbsence,
    Case,
    CaseEvent,
    Municipality,
    Node,
    Offer,
    Timer,
    utcnow,
)

log = logging.getLogger(__name__)

OFFER_EXPIRY = "offer_expiry"
OFFER_REMINDER = "offer_reminder"
CASE_WATCH = "case_watch"  # nothing stalls unseen: a case waiting on a coordinator or a contact


class NotAllowed(SpbotError):
    code = "not_allowed"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    id: str | None = None


SYSTEM = Actor(ActorKind.SYSTEM)


@dataclass(frozen=True)
class WorkflowSettings:
    offer_hours: float = 16.0  # working hours an advisor has to answer (two working days)
    reminder_hours: float = 4.0  # working hours before expiry when a reminder goes out
    max_offers: int = 3  # offers before the coordinators are asked
    contact_within_days: int = 2  # what the founder is told to expect
    # Working hours an escalated case may wait for a coordinator, or an accepted case for the
    # first contact, before people are reminded (and again every such period).
    watch_hours: float = 16.0


class Router(Protocol):
    def choose(
        self, pool: AdvisorPool, profile: CaseProfile, exclude: set[int]
    ) -> Sequence[Candidate]:
        """Advisors who may be offered the case, best first."""


class RankingRouter:
    """The product's routing: ``AdvisorPool.rank`` (home node first, then nearest)."""

    def choose(
        self, pool: AdvisorPool, profile: CaseProfile, exclude: set[int]
    ) -> Sequence[Candidate]:
        return pool.rank(profile, exclude=exclude, limit=5)


@dataclass
class _Outbox:
    notes: list[Notification] = field(default_factory=list)

    def add(self, note: Notification) -> None:
        self.notes.append(note)


class CaseWorkflow:
    def __init__(
        self,
        db: Database,
        notifier: Notifier,
        *,
        clock: Callable[[], datetime] = utcnow,
        calendar: WorkingCalendar | None = None,
        settings: WorkflowSettings | None = None,
        router: Router | None = None,
        weights: RankingWeights | None = None,
    ) -> None:
        self.db = db
        self.notifier = notifier
        self.clock = clock
        self.calendar = calendar or WorkingCalendar()
        self.settings = settings or WorkflowSettings()
        self.router = router or RankingRouter()
        self.weights = weights
        self.geography = region_geography()

    # --- public actions ------------------------------------------------------------------

    async def route(self, ref: str) -> None:
        """Offer a new case to the best advisor (or escalate when nobody fits)."""
        outbox = _Outbox()
        async with self.db.transaction() as session:
            case = await self._case(session, ref)
            if CaseStatus(case.status) is CaseStatus.NEW:
                await self._offer_next(session, case, outbox, "new case")
        await self._deliver(outbox)

    async def accept(self, offer_id: int, advisor_id: int, actor: Actor | None = None) -> Case:
        now = self.clock()
        outbox = _Outbox()
        async with self.db.transaction() as session:
            _, case = await self._answer_offer(
                session, offer_id, advisor_id, now, status=OfferStatus.ACCEPTED.value
            )
            advisor = await session.get(Advisor, advisor_id)
            assert advisor is not None
            await self._transition(
                session,
                case,
                CaseStatus.ACCEPTED,
                actor or Actor(ActorKind.ADVISOR, advisor.key),
                "accepted",
                "the advisor accepted the offer",
                {"advisor": advisor.key},
                now,
            )
            await self._give_case(session, case, advisor, outbox, NotificationKind.LEAD_ACCEPTED)
        await self._deliver(outbox)
        return case

    async def decline(
        self, offer_id: int, advisor_id: int, reason: DeclineReason | str, note: str | None = None
    ) -> Case:
        try:
            reason = DeclineReason(reason)
        except ValueError:
            raise SpbotError(f"unknown decline reason '{reason}'") from None
        now = self.clock()
        outbox = _Outbox()
        async with self.db.transaction() as session:
            _, case = await self._answer_offer(
                session,
                offer_id,
                advisor_id,
                now,
                status=OfferStatus.DECLINED.value,
                decline_reason=reason.value,
                note=note or None,
            )
            advisor = await session.get(Advisor, advisor_id)
            self._event(
                session,
                case,
                Actor(ActorKind.ADVISOR, advisor.key if advisor else None),
                "declined",
                reason.value,
                {"note": note} if note else {},
                now,
            )
            await self._offer_next(session, case, outbox, f"declined: {reason.value}")
        await self._deliver(outbox)
        return case

    async def _answer_offer(
        self,
        session: AsyncSession,
        offer_id: int,
        advisor_id: int,
        now: datetime,
        **values: Any,
    ) -> tuple[Offer, Case]:
        """Close a pending offer with the advisor's answer: a compare-and-set on its status,
        so of two racing answers exactly one wins (the other gets ``AlreadyTaken``)."""
        offer = await session.get(Offer, offer_id)
        if offer is None:
            raise NotFoundError(f"no offer {offer_id}", offer=offer_id)
        if offer.advisor_id != advisor_id:
            raise NotAllowed("this offer was made to another advisor", offer=offer_id)
        answered = await session.execute(
            update(Offer)
            .where(Offer.id == offer_id, Offer.status == OfferStatus.PENDING.value)
            .values(responded_at=now, **values)
        )
        if answered.rowcount != 1:  # type: ignore[attr-defined]
            await session.refresh(offer)
            raise AlreadyTaken(
                f"this offer is no longer open (it was {offer.status})", status=offer.status
            )
        case = await session.get(Case, offer.case_id, with_for_update=True)
        assert case is not None
        await self._cancel_timers(session, offer.id, now)
        return offer, case

    async def fire_due_timers(self, limit: int = 100) -> int:
        """Fire every timer that is due, each once, each in its own transaction."""
        fired = 0
        while fired < limit:
            now = self.clock()
            outbox = _Outbox()
            async with self.db.transaction() as session:
                timer = await session.scalar(
                    select(Timer)
                    .where(Timer.fired_at.is_(None), Timer.due_at <= now)
                    .order_by(Timer.due_at, Timer.id)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                )
                if timer is None:
                    break
                claimed = await session.execute(
                    update(Timer)
                    .where(Timer.id == timer.id, Timer.fired_at.is_(None))
                    .values(fired_at=now)
                )
                if claimed.rowcount == 1:  # type: ignore[attr-defined]
                    await self._fire(session, timer, outbox, now)
                    fired += 1
            await self._deliver(outbox)
        return fired

    async def route_waiting(self, older_than_seconds: float = 60) -> int:
        """Route cases left in ``new`` (a crash between opening and offering)."""
        cutoff = self.clock() - timedelta(seconds=older_than_seconds)
        async with self.db.sessions() as session:
            refs = (
                await session.scalars(
                    select(Case.ref).where(
                        Case.status == CaseStatus.NEW.value, Case.created_at <= cutoff
                    )
                )
            ).all()
        for ref in refs:
            await self.route(ref)
        return len(refs)

    async def reassign(self, ref: str, advisor_key: str, actor: Actor) -> Case:
        """A coordinator gives the case to an advisor directly (open offers are withdrawn)."""
        now = self.clock()
        outbox = _Outbox()
        async with self.db.transaction() as session:
            case = await self._case(session, ref)
            advisor = await self._advisor(session, advisor_key)
            if case.advisor_id == advisor.id and CaseStatus(case.status) in ACTIVE:
                raise SpbotError(f"case {case.ref} is already with {advisor.key}")
            await self._withdraw_open_offers(session, case, outbox, now)
            previous = case.advisor_id
            status = CaseStatus(case.status)
            target = status if status in ACTIVE else CaseStatus.ACCEPTED
            await self._transition(
                session,
                case,
                target,
                actor,
                "reassigned",
                "assigned by a coordinator",
                {"from_advisor_id": previous, "advisor": advisor.key},
                now,
            )
            await self._give_case(session, case, advisor, outbox, NotificationKind.CASE_ASSIGNED)
        await self._deliver(outbox)
        return case

    async def mark_in_contact(self, ref: str, actor: Actor) -> Case:
        return await self._simple(
            ref,
            CaseStatus.IN_CONTACT,
            actor,
            "in_contact",
            "the advisor and the founder are in contact",
            {},
        )

    async def close(
        self, ref: str, outcome: Outcome | str, actor: Actor, note: str | None = None
    ) -> Case:
        try:
            outcome = Outcome(outcome)
        except ValueError:
            raise SpbotError(
                f"unknown outcome '{outcome}' (one of: {', '.join(o.value for o in Outcome)})"
            ) from None
        return await self._simple(
            ref,
            CaseStatus.CLOSED,
            actor,
            "closed",
            note or outcome.value,
            {"outcome": outcome.value},
        )

    async def set_absence(
        self, advisor_key: str, starts: date, ends: date, note: str | None = None
    ) -> None:
        if ends < starts:
            raise SpbotError(f"the absence ends ({ends}) before it starts ({starts})")
        async with self.db.transaction() as session:
            advisor = await self._advisor(session, advisor_key)
            session.add(
                AdvisorAbsence(advisor_id=advisor.id, starts_on=starts, ends_on=ends, note=note)
            )

    async def escalate(self, ref: str, actor: Actor, reason: str) -> Case:
        outbox = _Outbox()
        async with self.db.transaction() as session:
            case = await self._case(session, ref)
            await self._escalate(session, case, outbox, reason, actor)
        await self._deliver(outbox)
        return case

    async def match_again(self, ref: str, actor: Actor) -> Case:
        """Coordinator: try the ranking again for an escalated case (a fresh round of offers;
        advisors who already declined or let it expire are still never asked again)."""
        outbox = _Outbox()
        async with self.db.transaction() as session:
            case = await self._case(session, ref)
            self._event(
                session, case, actor, "match_again", "asked by a coordinator", {}, self.clock()
            )
            await self._offer_next(session, case, outbox, "match again")
        await self._deliver(outbox)
        return case

    async def lead(self, ref: str, with_contact: bool) -> dict[str, Any]:
        """What an advisor may see of a case (contact details only ``with_contact``)."""
        async with self.db.sessions() as session:
            case = await session.scalar(select(Case).where(Case.ref == ref.strip().upper()))
            if case is None:
                raise NotFoundError(f"no case with reference '{ref}'", ref=ref)
            return await self._lead(session, case, with_contact)

    # --- internals -----------------------------------------------------------------------

    async def _simple(
        self,
        ref: str,
        target: CaseStatus,
        actor: Actor,
        kind: str,
        reason: str,
        payload: dict[str, Any],
    ) -> Case:
        now = self.clock()
        outbox = _Outbox()
        async with self.db.transaction() as session:
            case = await self._case(session, ref)
            await self._withdraw_open_offers(session, case, outbox, now)
            await self._transition(session, case, target, actor, kind, reason, payload, now)
            if target is CaseStatus.CLOSED:
                case.outcome = payload.get("outcome")
            outbox.add(
                Notification(
                    NotificationKind.CASE_STATUS,
                    Audience.FOUNDER,
                    case.ref,
                    case.founder_id,
                    case.language,
                    {"status": target.value},
                )
            )
        await self._deliver(outbox)
        return case

    async def _case(self, session: AsyncSession, ref: str) -> Case:
        case = await session.scalar(
            select(Case).where(Case.ref == ref.strip().upper()).with_for_update()
        )
        if case is None:
            raise NotFoundError(f"no case with reference '{ref}'", ref=ref)
        return case

    async def _advisor(self, session: AsyncSession, key: str) -> Advisor:
        advisor = await session.scalar(select(Advisor).where(Advisor.key == key.strip()))
        if advisor is None or not advisor.active:
            raise NotFoundError(f"no active advisor '{key}'", advisor=key)
        return advisor

    async def _transition(
        self,
        session: AsyncSession,
        case: Case,
        target: CaseStatus,
        actor: Actor,
        kind: str,
        reason: str,
        payload: dict[str, Any],
        now: datetime,
    ) -> None:
        current = CaseStatus(case.status)
        check_transition(case.ref, current, target)
        case.status = target.value
        case.updated_at = now
        case.version += 1
        self._event(
            session,
            case,
            actor,
            kind,
            reason,
            {"from": current.value, "to": target.value, **payload},
            now,
        )

    def _event(
        self,
        session: AsyncSession,
        case: Case,
        actor: Actor,
        kind: str,
        reason: str | None,
        payload: dict[str, Any],
        now: datetime,
    ) -> None:
        session.add(
            CaseEvent(
                case_id=case.id,
                actor_kind=actor.kind.value,
                actor_id=actor.id,
                kind=kind,
                reason=reason,
                payload=payload,
                created_at=now,
            )
        )

    async def _offer_next(
        self, session: AsyncSession, case: Case, outbox: _Outbox, why: str
    ) -> None:
        now = self.clock()
        offers = (await session.scalars(select(Offer).where(Offer.case_id == case.id))).all()
        # An advisor never gets the same case twice.
        asked = {o.advisor_id for o in offers}
        # Offers count towards escalation since the last time a coordinator asked to match
        # again: each such request starts a fresh round of ``max_offers``.
        round_start = await session.scalar(
            select(CaseEvent.created_at)
            .where(CaseEvent.case_id == case.id, CaseEvent.kind == "match_again")
            .order_by(CaseEvent.id.desc())
            .limit(1)
        )
        counted = [o for o in offers if round_start is None or o.offered_at >= round_start]
        if len(counted) >= self.settings.max_offers:
            await self._escalate(
                session, case, outbox, f"{len(counted)} offers without an accept", SYSTEM
            )
            return
        pool = AdvisorPool(
            await advisor_profiles(session, now.astimezone(STOCKHOLM).date()),
            self.geography,
            self.weights,
        )
        profile = case_profile(case.answers, case.municipality_code, case.language)
        ranked = self.router.choose(pool, profile, asked)
        if not ranked:
            await self._escalate(session, case, outbox, "no advisor with room fits", SYSTEM)
            return
        best = ranked[0]
        expires = self.calendar.add_working_hours(now, self.settings.offer_hours)
        offer = Offer(
            case_id=case.id,
            advisor_id=best.advisor.id,
            status=OfferStatus.PENDING.value,
            offered_at=now,
            expires_at=expires,
            explanation={"score": best.score, "lines": list(best.explanation), "home": best.home},
        )
        session.add(offer)
        await session.flush()
        session.add(Timer(kind=OFFER_EXPIRY, case_id=case.id, offer_id=offer.id, due_at=expires))
        if 0 < self.settings.reminder_hours < self.settings.offer_hours:
            remind = self.calendar.add_working_hours(
                now, self.settings.offer_hours - self.settings.reminder_hours
            )
            session.add(
                Timer(kind=OFFER_REMINDER, case_id=case.id, offer_id=offer.id, due_at=remind)
            )
        await self._transition(
            session,
            case,
            CaseStatus.OFFERED,
            SYSTEM,
            "offered",
            why,
            {
                "advisor": best.advisor.key,
                "offer_id": offer.id,
                "score": best.score,
                "expires_at": expires.isoformat(),
                "explanation": list(best.explanation),
            },
            now,
        )
        outbox.add(
            Notification(
                NotificationKind.OFFER,
                Audience.ADVISOR,
                case.ref,
                best.advisor.id,
                _first(best.advisor.languages),
                {
                    "offer_id": offer.id,
                    "expires_at": expires.isoformat(),
                    "explanation": list(best.explanation),
                    **await self._lead(session, case, False),
                },
            )
        )

    async def _escalate(
        self, session: AsyncSession, case: Case, outbox: _Outbox, reason: str, actor: Actor
    ) -> None:
        now = self.clock()
        await self._transition(
            session, case, CaseStatus.ESCALATED, actor, "escalated", reason, {}, now
        )
        await self._watch(session, case, now)
        await self._ask_coordinators(session, case, outbox, reason)

    async def _ask_coordinators(
        self, session: AsyncSession, case: Case, outbox: _Outbox, reason: str
    ) -> None:
        outbox.add(
            Notification(
                NotificationKind.ESCALATED,
                Audience.COORDINATORS,
                case.ref,
                None,
                "sv",
                {"reason": reason, **await self._lead(session, case, False)},
            )
        )

    async def _watch(self, session: AsyncSession, case: Case, now: datetime) -> None:
        """(Re)arm the case's watch timer; an earlier one is replaced."""
        await session.execute(
            update(Timer)
            .where(Timer.case_id == case.id, Timer.kind == CASE_WATCH, Timer.fired_at.is_(None))
            .values(fired_at=now)
        )
        due = self.calendar.add_working_hours(now, self.settings.watch_hours)
        session.add(Timer(kind=CASE_WATCH, case_id=case.id, offer_id=None, due_at=due))

    async def _fire_watch(
        self, session: AsyncSession, timer: Timer, outbox: _Outbox, now: datetime
    ) -> None:
        """A case still waiting on a coordinator, or for the advisor's first contact, is
        brought up again — and again every ``watch_hours`` until it moves."""
        case = await session.get(Case, timer.case_id, with_for_update=True)
        if case is None:
            return
        status = CaseStatus(case.status)
        hours = round(self.calendar.working_hours_between(case.updated_at, now))
        if status is CaseStatus.ESCALATED:
            reason = f"still waiting for a coordinator after {hours} working hours"
            self._event(session, case, SYSTEM, "stall_reminder", reason, {}, now)
            await self._ask_coordinators(session, case, outbox, reason)
        elif status is CaseStatus.ACCEPTED and case.advisor_id is not None:
            reason = f"no contact with the founder after {hours} working hours"
            self._event(session, case, SYSTEM, "contact_overdue", reason, {}, now)
            for audience, recipient in (
                (Audience.ADVISOR, case.advisor_id),
                (Audience.COORDINATORS, None),
            ):
                outbox.add(
                    Notification(
                        NotificationKind.CONTACT_OVERDUE,
                        audience,
                        case.ref,
                        recipient,
                        "sv",
                        {"reason": reason, "advisor_id": case.advisor_id},
                    )
                )
        else:
            return  # the case moved on: nothing stalls
        await self._watch(session, case, now)

    async def _fire(
        self, session: AsyncSession, timer: Timer, outbox: _Outbox, now: datetime
    ) -> None:
        if timer.kind == CASE_WATCH:
            await self._fire_watch(session, timer, outbox, now)
            return
        offer = await session.get(Offer, timer.offer_id) if timer.offer_id else None
        if offer is None or offer.status != OfferStatus.PENDING.value:
            return  # answered, withdrawn or already expired: nothing to do
        case = await session.get(Case, offer.case_id, with_for_update=True)
        assert case is not None
        if timer.kind == OFFER_REMINDER:
            outbox.add(
                Notification(
                    NotificationKind.OFFER_REMINDER,
                    Audience.ADVISOR,
                    case.ref,
                    offer.advisor_id,
                    "sv",
                    {
                        "offer_id": offer.id,
                        "expires_at": offer.expires_at.isoformat() if offer.expires_at else None,
                    },
                )
            )
            return
        offer.status = OfferStatus.EXPIRED.value
        offer.responded_at = now
        await self._cancel_timers(session, offer.id, now)
        advisor = await session.get(Advisor, offer.advisor_id)
        self._event(
            session,
            case,
            SYSTEM,
            "expired",
            f"{advisor.key if advisor else offer.advisor_id} did not answer in time",
            {"offer_id": offer.id},
            now,
        )
        outbox.add(
            Notification(
                NotificationKind.OFFER_CLOSED,
                Audience.ADVISOR,
                case.ref,
                offer.advisor_id,
                "sv",
                {"offer_id": offer.id, "status": OfferStatus.EXPIRED.value},
            )
        )
        await self._offer_next(session, case, outbox, "the previous offer expired")

    async def _cancel_timers(self, session: AsyncSession, offer_id: int, now: datetime) -> None:
        await session.execute(
            update(Timer)
            .where(Timer.offer_id == offer_id, Timer.fired_at.is_(None))
            .values(fired_at=now)
        )

    async def _withdraw_open_offers(
        self, session: AsyncSession, case: Case, outbox: _Outbox, now: datetime
    ) -> None:
        open_offers = (
            await session.scalars(
                select(Offer).where(
                    Offer.case_id == case.id, Offer.status == OfferStatus.PENDING.value
                )
            )
        ).all()
        for offer in open_offers:
            offer.status = OfferStatus.WITHDRAWN.value
            offer.responded_at = now
            await self._cancel_timers(session, offer.id, now)
            outbox.add(
                Notification(
                    NotificationKind.OFFER_CLOSED,
                    Audience.ADVISOR,
                    case.ref,
                    offer.advisor_id,
                    "sv",
                    {"offer_id": offer.id, "status": offer.status},
                )
            )

    async def _lead(self, session: AsyncSession, case: Case, with_contact: bool) -> dict[str, Any]:
        """What an advisor sees of a case. Contact details only ``with_contact`` (after an
        accept); before that, not even the founder's name."""
        a = case.answers
        municipality = await session.get(Municipality, case.municipality_code)
        data: dict[str, Any] = {
            "idea": a.get("idea"),
            "municipality": municipality.name if municipality else case.municipality_code,
            "locality": (a.get("place") or {}).get("locality"),
            "stage": a.get("stage"),
            "needs": list(a.get("needs") or []),
            "sectors": list(a.get("sectors") or []),
            "language": case.language,
        }
        if with_contact:
            data.update(
                {
                    "name": a.get("name"),
                    "contact_method": a.get("contact_method"),
                    "email": a.get("email"),
                    "phone": a.get("phone"),
                }
            )
        return data

    async def _give_case(
        self,
        session: AsyncSession,
        case: Case,
        advisor: Advisor,
        outbox: _Outbox,
        kind: NotificationKind,
    ) -> None:
        """The case is now the advisor's: record it, send the contact details to the
        advisor and tell the founder who will contact them."""
        case.advisor_id = advisor.id
        case.node_id = advisor.node_id
        await self._watch(session, case, self.clock())
        node = await session.get(Node, advisor.node_id)
        outbox.add(
            Notification(
                kind,
                Audience.ADVISOR,
                case.ref,
                advisor.id,
                _first(frozenset(advisor.languages)),
                await self._lead(session, case, True),
            )
        )
        outbox.add(
            Notification(
                NotificationKind.ADVISOR_FOUND,
                Audience.FOUNDER,
                case.ref,
                case.founder_id,
                case.language,
                {
                    "advisor": advisor.name,
                    "node": node.name if node else "",
                    "email": advisor.email,
                    "within_days": self.settings.contact_within_days,
                },
            )
        )

    async def _deliver(self, outbox: _Outbox) -> None:
        for note in outbox.notes:
            if note.audience is Audience.FOUNDER and note.recipient_id is None:
                continue  # the founder erased their data: nobody to tell
            try:
                await self.notifier.notify(note)
            except Exception as exc:
                log.exception("could not deliver %s for %s", note.kind.value, note.case_ref)
                await self._record_failure(note, exc)

    async def _record_failure(self, note: Notification, exc: Exception) -> None:
        async with self.db.transaction() as session:
            case = await session.scalar(select(Case).where(Case.ref == note.case_ref))
            if case is not None:
                self._event(
                    session,
                    case,
                    SYSTEM,
                    "notification_failed",
                    type(exc).__name__,
                    {"notification": note.kind.value, "audience": note.audience.value},
                    self.clock(),
                )


def _first(languages: frozenset[str]) -> str:
    return "sv" if "sv" in languages or not languages else sorted(languages)[0]
