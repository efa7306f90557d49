"""What every job of the case workflow shares: its dependencies, the one place a status
changes (``transition``, with its audit event), handing a case to an advisor or to the
coordinators, and notifications sent only after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answers import CaseAnswers
from bot.cases.actions import SYSTEM, Actor, CaseState
from bot.cases.calendar import STOCKHOLM, WorkingCalendar
from bot.cases.leads import Contact, Lead, SectorHit
from bot.cases.meeting_times import choices, offered_times
from bot.cases.notifications import Audience, Notification, NotificationKind, Notifier
from bot.cases.states import OfferStatus, check_transition
from bot.domain import CaseStatus, EventKind, TimerKind
from bot.matching.ranking import AdvisorPool, Candidate, CaseProfile, RankingWeights
from bot.matching.setup import region_geography
from bot.storage import case_rows, timers
from bot.storage.db import Database
from bot.storage.models import Advisor, Case, Offer, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkflowSettings:
    offer_hours: float = 16.0  # working hours an advisor has to answer (two working days)
    reminder_hours: float = 4.0  # working hours before expiry when a reminder goes out
    max_offers: int = 3  # offers before the coordinators are asked
    contact_within_days: int = 2  # what the founder is told to expect
    # Working hours an escalated case may wait for a coordinator, or an accepted case for the
    # first contact, before people are reminded (and again every such period).
    watch_hours: float = 16.0
    # Offer cases only to advisors someone can reach: with a Slack id or a console account
    # (on when Slack is configured, see SPBOT_OFFER_ONLY_REACHABLE).
    offer_only_reachable: bool = False
    # The first meeting: how many times a founder is offered, within how many working days,
    # and how many hours ahead at the earliest.
    meeting_choices: int = 5
    meeting_days: int = 10
    meeting_notice_hours: float = 4.0


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
class Outbox:
    """Notifications collected during a transaction, delivered after it commits."""

    notes: list[Notification] = field(default_factory=list)

    def add(self, note: Notification) -> None:
        self.notes.append(note)


def state_of(case: Case) -> CaseState:
    return CaseState(case.ref, case.status, case.outcome, case.advisor_id)


def first_language(languages: Sequence[str] | frozenset[str]) -> str:
    return "sv" if "sv" in languages or not languages else sorted(languages)[0]


class CaseContext:
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

    def today(self) -> date:
        """The date in Sweden, by the workflow's clock (absences and offers follow it)."""
        return self.clock().astimezone(STOCKHOLM).date()

    # --- the audit trail ------------------------------------------------------------------

    async def transition(
        self,
        session: AsyncSession,
        case: Case,
        target: CaseStatus,
        actor: Actor,
        kind: EventKind,
        reason: str,
        payload: dict[str, Any],
        now: datetime,
    ) -> None:
        """The one place a case's status changes: checked against ``states.TRANSITIONS``
        and recorded as an event."""
        current = CaseStatus(case.status)
        check_transition(case.ref, current, target)
        case.status = target.value
        case.updated_at = now
        case.version += 1
        self.event(
            session,
            case,
            actor,
            kind,
            reason,
            {"from": current.value, "to": target.value, **payload},
            now,
        )

    def event(
        self,
        session: AsyncSession,
        case: Case,
        actor: Actor,
        kind: EventKind,
        reason: str | None,
        payload: dict[str, Any],
        now: datetime,
    ) -> None:
        case_rows.add_event(session, case, actor.kind, actor.id, kind, reason, payload, now)

    # --- what people see ------------------------------------------------------------------

    async def lead(self, session: AsyncSession, case: Case, with_contact: bool) -> Lead:
        """What an advisor sees of a case. Contact details only ``with_contact`` (after an
        accept); before that, not even the founder's name."""
        a = CaseAnswers.read(case.answers)
        contact = None
        if with_contact:
            contact = Contact(name=a.name, method=a.contact_method, email=a.email, phone=a.phone)
        return Lead(
            ref=case.ref,
            idea=a.idea,
            municipality=await case_rows.municipality_name(session, case.municipality_code),
            locality=a.locality,
            stage=a.stage,
            needs=a.needs,
            sectors=tuple(SectorHit(s.id, s.score, s.triggers, s.source) for s in a.sectors),
            language=case.language,
            contact=contact,
            sni=f"{a.sni_code} {a.sni_name}" if a.sni_code else None,
            erased=a.erased or case.founder_id is None,
        )

    async def deliver(self, outbox: Outbox) -> None:
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
            case = await case_rows.case_by_ref(session, note.case_ref)
            if case is not None:
                self.event(
                    session,
                    case,
                    SYSTEM,
                    EventKind.NOTIFICATION_FAILED,
                    type(exc).__name__,
                    {"notification": note.kind.value, "audience": note.audience.value},
                    self.clock(),
                )

    # --- handing a case on ----------------------------------------------------------------

    async def arm_watch(self, session: AsyncSession, case: Case, now: datetime) -> None:
        """(Re)arm the case's watch timer; an earlier one is replaced."""
        await timers.disarm_case_timers(session, case.id, TimerKind.CASE_WATCH, now)
        due = self.calendar.add_working_hours(now, self.settings.watch_hours)
        timers.arm_timer(session, TimerKind.CASE_WATCH, case.id, due)

    async def give_case(
        self,
        session: AsyncSession,
        case: Case,
        advisor: Advisor,
        outbox: Outbox,
        kind: NotificationKind,
    ) -> None:
        """The case is now the advisor's: record it, send the contact details to the
        advisor and tell the founder who will contact them."""
        case.advisor_id = advisor.id
        case.node_id = advisor.node_id
        await self.arm_watch(session, case, self.clock())
        outbox.add(
            Notification(
                kind,
                Audience.ADVISOR,
                case.ref,
                advisor.id,
                first_language(advisor.languages),
                lead=await self.lead(session, case, True),
            )
        )
        times = await offered_times(
            session,
            advisor,
            calendar=self.calendar,
            now=self.clock(),
            notice_hours=self.settings.meeting_notice_hours,
            days=self.settings.meeting_days,
            limit=self.settings.meeting_choices,
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
                    "node": await case_rows.node_name(session, advisor.node_id),
                    "email": advisor.email,
                    "within_days": self.settings.contact_within_days,
                    # The first meeting booked with one press (none: the advisor calls).
                    "choices": choices(case.ref, times, case.language),
                },
            )
        )

    async def escalate(
        self, session: AsyncSession, case: Case, outbox: Outbox, reason: str, actor: Actor
    ) -> None:
        now = self.clock()
        await self.transition(
            session, case, CaseStatus.ESCALATED, actor, EventKind.ESCALATED, reason, {}, now
        )
        await self.arm_watch(session, case, now)
        await self.ask_coordinators(session, case, outbox, reason)

    async def ask_coordinators(
        self, session: AsyncSession, case: Case, outbox: Outbox, reason: str
    ) -> None:
        outbox.add(
            Notification(
                NotificationKind.ESCALATED,
                Audience.COORDINATORS,
                case.ref,
                None,
                "sv",
                {"reason": reason},
                lead=await self.lead(session, case, False),
            )
        )

    async def withdraw_open_offers(
        self,
        session: AsyncSession,
        case: Case,
        outbox: Outbox,
        now: datetime,
        card: str = OfferStatus.WITHDRAWN.value,
    ) -> None:
        for offer in await case_rows.pending_offers_of(session, case.id):
            await self.withdraw_offer(session, case, offer, outbox, now, card)

    async def withdraw_offer(
        self,
        session: AsyncSession,
        case: Case,
        offer: Offer,
        outbox: Outbox,
        now: datetime,
        card: str = OfferStatus.WITHDRAWN.value,
    ) -> None:
        """Close a pending offer (its timers too) and tell its advisor; ``card`` is what
        their card says (withdrawn, erased, away)."""
        offer.status = OfferStatus.WITHDRAWN.value
        offer.responded_at = now
        await timers.disarm_offer_timers(session, offer.id, now)
        outbox.add(
            Notification(
                NotificationKind.OFFER_CLOSED,
                Audience.ADVISOR,
                case.ref,
                offer.advisor_id,
                "sv",
                {"offer_id": offer.id, "status": card},
            )
        )
