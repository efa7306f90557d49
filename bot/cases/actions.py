"""The case workflow's public face, free of storage: who acts (``Actor``), what they get back
(``CaseState``, ``RebalancePlan``), the errors they may meet, and the ``CaseActions`` port
that channels and the console call (``CaseWorkflow`` implements it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from bot.cases.leads import Lead
from bot.cases.states import DeclineReason, Outcome

# The one actor of every layer lives in the core; the workflow's callers import it from here.
from bot.domain import SYSTEM as SYSTEM
from bot.domain import Actor as Actor
from bot.domain import NotFoundError, SpbotError


class NotAllowed(SpbotError):
    code = "not_allowed"


class MeetingNotFound(NotFoundError):
    code = "meeting_not_found"


class MeetingInvalid(SpbotError):
    """A meeting change that cannot be made (a past meeting moved, say); ``field`` names
    the form field where there is one."""

    code = "meeting_invalid"


class SessionInvalid(MeetingInvalid):
    """A session log entry that cannot be kept; ``field`` names the form field."""

    code = "session_invalid"


class AlreadyAssigned(SpbotError):
    code = "already_assigned"


SESSION_KINDS = ("first_meeting", "advice", "coaching", "workshop")
SESSION_CHANNELS = ("in_person", "video", "phone")


@dataclass(frozen=True)
class SessionDraft:
    """A session of advising as the advisor logs it (checked by the workflow)."""

    held_on: date
    minutes: int
    kind: str
    channel: str
    notes: str = ""
    next_step: str = ""
    meeting_id: int | None = None


@dataclass(frozen=True)
class CaseState:
    """A case as an action leaves it."""

    ref: str
    status: str
    outcome: str | None = None
    advisor_id: int | None = None


@dataclass(frozen=True)
class PlannedMove:
    case_ref: str
    from_key: str
    from_name: str
    to_key: str
    to_name: str
    quality_before: float
    quality_after: float
    reason: str


@dataclass(frozen=True)
class AdvisorLoad:
    key: str
    name: str
    capacity: int
    before: int
    after: int


@dataclass(frozen=True)
class RebalancePlan:
    moves: tuple[PlannedMove, ...] = ()
    load: tuple[AdvisorLoad, ...] = ()
    still_over: dict[str, int] = field(default_factory=dict)  # advisor key → cases over
    proposal_id: int | None = None  # approve it by this id (checked against the state)
    fingerprint: str = ""  # of the state it was computed on


class StaleProposal(SpbotError):
    """The state changed since the proposal was made; ``fresh`` is a new proposal."""

    code = "stale_proposal"

    def __init__(self, message: str, fresh: RebalancePlan, **details: object) -> None:
        super().__init__(message, **details)
        self.fresh = fresh


class ProposalUsed(SpbotError):
    code = "proposal_used"


@dataclass(frozen=True)
class MoveResult:
    case_ref: str
    to_key: str
    error: SpbotError | None = None  # why the move was not made

    @property
    def moved(self) -> bool:
        return self.error is None


class CaseActions(Protocol):
    """What staff channels may do to cases. Every call checks who may do it."""

    async def accept(
        self, offer_id: int, advisor_id: int, actor: Actor | None = None
    ) -> CaseState: ...

    async def decline(
        self, offer_id: int, advisor_id: int, reason: DeclineReason | str, note: str | None = None
    ) -> CaseState: ...

    async def reassign(self, ref: str, advisor_key: str, actor: Actor) -> CaseState: ...

    async def match_again(self, ref: str, actor: Actor) -> CaseState: ...

    async def mark_in_contact(self, ref: str, actor: Actor) -> CaseState: ...

    async def start_coaching(self, ref: str, actor: Actor) -> CaseState: ...

    async def correct_sector(self, ref: str, sector: str, actor: Actor) -> CaseState: ...

    async def close(
        self, ref: str, outcome: Outcome | str, actor: Actor, note: str | None = None
    ) -> CaseState: ...

    async def lead(self, ref: str, with_contact: bool) -> Lead: ...

    async def log_session(self, ref: str, draft: SessionDraft, actor: Actor) -> object:
        """Log a session of advising on the case (its holder, or staff in scope)."""
        ...

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
    ) -> object:
        """Name the case's company (its holder, or staff in scope); a bad field raises an
        error naming it (``details["field"]``)."""
        ...

    async def propose_rebalance(self, scope: frozenset[str] | None = None) -> RebalancePlan:
        """The fewest moves within capacity; within ``scope``'s nodes only, when given."""

    async def apply_proposal(self, proposal_id: int, actor: Actor) -> list[MoveResult]:
        """Apply exactly the proposal's moves if the state is still the one it was made
        on; otherwise raise ``StaleProposal`` (with a fresh one) and change nothing."""
        ...

    async def set_absence(
        self,
        advisor_key: str,
        starts: date,
        ends: date,
        actor: Actor,
        note: str | None = None,
        delegate: str | None = None,
    ) -> object: ...

    async def cancel_absence(self, absence_id: int, actor: Actor) -> object: ...

    def today(self) -> date: ...
