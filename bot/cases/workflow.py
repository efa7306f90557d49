"""The case workflow: the only code that changes a case's state. A thin facade over its jobs
(offering, timers and watches, coordination, the holder's actions), so callers see one object.

Every status change goes through ``CaseContext.transition`` (one place for the rule and the
audit event). Notifications are collected during a transaction and sent after it commits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from bot.cases.absences import AbsenceHandover, Handover
from bot.cases.actions import Actor, CaseState, MoveResult, RebalancePlan, SessionDraft
from bot.cases.calendar import WorkingCalendar
from bot.cases.companies import Companies, CompanyView, StartRule
from bot.cases.context import CaseContext, Router, WorkflowSettings
from bot.cases.coordination import Coordination
from bot.cases.erasure import ErasureReport, FounderErasure
from bot.cases.feedback import AccessibilityReports
from bot.cases.followups import FollowUps
from bot.cases.holding import Holding
from bot.cases.leads import Lead
from bot.cases.meetings import Meetings
from bot.cases.node_events import NodeEvents
from bot.cases.notifications import Notifier
from bot.cases.offering import Offering
from bot.cases.profiles import FounderProfiles
from bot.cases.reading import Purpose, Reading
from bot.cases.referrals import Referrals
from bot.cases.retention import Retention, RetentionPeriods
from bot.cases.states import DeclineReason, Outcome
from bot.cases.surveys import Surveys
from bot.cases.timers import Timers
from bot.domain import AuditKind
from bot.matching.ranking import RankingWeights
from bot.records import SessionEntry, TranscriptLine
from bot.storage import case_rows
from bot.storage.absences import Absence
from bot.storage.db import Database
from bot.storage.models import utcnow


class CaseWorkflow:
    """Implements ``bot.cases.actions.CaseActions`` for every channel and the CLI."""

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
        retention: RetentionPeriods | None = None,
        event_horizon_days: int = 42,
        start_rule: StartRule | None = None,
    ) -> None:
        self.ctx = CaseContext(
            db,
            notifier,
            clock=clock,
            calendar=calendar,
            settings=settings,
            router=router,
            weights=weights,
        )
        self.offering = Offering(self.ctx)
        self.events = NodeEvents(self.ctx, event_horizon_days)
        self.meetings = Meetings(self.ctx)
        self.referrals = Referrals(self.ctx)
        self.companies = Companies(self.ctx, start_rule)
        self.followups = FollowUps(self.ctx, self.companies)
        self.surveys = Surveys(self.ctx)
        self.profiles = FounderProfiles(self.ctx)
        self.accessibility = AccessibilityReports(self.ctx)
        self.timers = Timers(self.ctx, self.offering, self.events, self.meetings, self.followups)
        self.coordination = Coordination(self.ctx, self.offering)
        self.holding = Holding(self.ctx)
        self.erasure = FounderErasure(self.ctx)
        self.absences = AbsenceHandover(self.ctx, self.offering, self.coordination)
        self.reading = Reading(self.ctx)
        self.retention = Retention(self.ctx, self.erasure, retention or RetentionPeriods())

    @property
    def db(self) -> Database:
        return self.ctx.db

    def today(self) -> date:
        return self.ctx.today()

    # --- offers ---------------------------------------------------------------------------

    async def route(self, ref: str) -> None:
        await self.offering.route(ref)

    async def accept(self, offer_id: int, advisor_id: int, actor: Actor | None = None) -> CaseState:
        return await self.offering.accept(offer_id, advisor_id, actor)

    async def decline(
        self, offer_id: int, advisor_id: int, reason: DeclineReason | str, note: str | None = None
    ) -> CaseState:
        return await self.offering.decline(offer_id, advisor_id, reason, note)

    # --- timers ---------------------------------------------------------------------------

    async def fire_due_timers(self, limit: int = 100) -> int:
        return await self.timers.fire_due(limit)

    async def route_waiting(self, older_than_seconds: float = 60) -> int:
        return await self.timers.route_waiting(older_than_seconds)

    # --- coordinators ---------------------------------------------------------------------

    async def reassign(self, ref: str, advisor_key: str, actor: Actor) -> CaseState:
        return await self.coordination.reassign(ref, advisor_key, actor)

    async def escalate(self, ref: str, actor: Actor, reason: str) -> CaseState:
        return await self.coordination.escalate(ref, actor, reason)

    async def match_again(self, ref: str, actor: Actor) -> CaseState:
        return await self.coordination.match_again(ref, actor)

    async def propose_rebalance(self, scope: frozenset[str] | None = None) -> RebalancePlan:
        return await self.coordination.propose_rebalance(scope)

    async def apply_proposal(self, proposal_id: int, actor: Actor) -> list[MoveResult]:
        return await self.coordination.apply_proposal(proposal_id, actor)

    # --- the advisor who holds the case ---------------------------------------------------

    async def mark_in_contact(self, ref: str, actor: Actor) -> CaseState:
        return await self.holding.mark_in_contact(ref, actor)

    async def start_coaching(self, ref: str, actor: Actor) -> CaseState:
        return await self.holding.start_coaching(ref, actor)

    async def close(
        self, ref: str, outcome: Outcome | str, actor: Actor, note: str | None = None
    ) -> CaseState:
        return await self.holding.close(ref, outcome, actor, note)

    async def correct_sector(self, ref: str, sector: str, actor: Actor) -> CaseState:
        return await self.holding.correct_sector(ref, sector, actor)

    async def add_founder_note(self, ref: str, text: str) -> None:
        await self.holding.add_founder_note(ref, text)

    async def log_session(self, ref: str, draft: SessionDraft, actor: Actor) -> SessionEntry:
        return await self.meetings.log_session(ref, draft, actor)

    async def record_company(
        self,
        ref: str,
        actor: Actor,
        *,
        orgnr: str,
        name: str = "",
        registered_on: date | None = None,
        size_class: str | None = None,
        confirmed: bool = False,
    ) -> CompanyView:
        return await self.companies.record(
            ref,
            actor,
            orgnr=orgnr,
            name=name,
            registered_on=registered_on,
            size_class=size_class,
            confirmed=confirmed,
        )

    # --- absences ---------------------------------------------------------------------------

    async def set_absence(
        self,
        advisor_key: str,
        starts: date,
        ends: date,
        actor: Actor,
        note: str | None = None,
        delegate: str | None = None,
    ) -> Handover:
        """Record an absence; when it covers today the advisor's pending offers move on and,
        with a ``delegate``, their active cases go to that advisor."""
        return await self.absences.set_absence(advisor_key, starts, ends, actor, note, delegate)

    async def cancel_absence(self, absence_id: int, actor: Actor) -> Absence:
        return await self.absences.cancel_absence(absence_id, actor)

    # --- privacy ----------------------------------------------------------------------------

    async def erase_founder(
        self,
        founder_id: int,
        actor: Actor,
        reason: str,
        kind: AuditKind = AuditKind.FOUNDER_ERASED,
    ) -> ErasureReport:
        """Erase everything personal about a founder (the one routine; see cases/erasure).
        ``kind``: the audit log's word for it (e.g. "consent_declined")."""
        return await self.erasure.erase(founder_id, actor, reason, kind)

    async def read_transcript(
        self, ref: str, actor: Actor, purpose: Purpose, note: str | None = None
    ) -> list[TranscriptLine]:
        """The intake transcript, logged on the case as a view with its purpose."""
        return await self.reading.transcript(ref, actor, purpose, note)

    # --- reading --------------------------------------------------------------------------

    async def lead(self, ref: str, with_contact: bool) -> Lead:
        """What an advisor may see of a case (contact details only ``with_contact``)."""
        async with self.db.sessions() as session:
            case = await case_rows.find_case(session, ref)
            return await self.ctx.lead(session, case, with_contact)
