"""The engine's view of the world: small protocols that storage and matching implement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.domain import AuditKind, Language, PlaceResult
from bot.engine.messages import Inbound, Outbound
from bot.engine.state import ConversationState


class ConversationStore(Protocol):
    async def load_latest(self, channel: str, user_id: str) -> ConversationState | None:
        """The founder's most recent conversation on this channel, if any."""

    async def start_conversation(
        self,
        channel: str,
        user_id: str,
        flow: str,
        step: str,
        language: Language,
        consent: bool = False,
    ) -> ConversationState:
        """Create (or reuse) the founder and their channel identity and a new conversation."""

    async def record_inbound(self, state: ConversationState, inbound: Inbound, text: str) -> None:
        """Append the founder's message to the transcript and commit it (channels without a
        durable inbox: the message is stored before the turn is played)."""

    async def save_turn(
        self,
        state: ConversationState,
        outbound: Sequence[Outbound],
        *,
        inbound: tuple[Inbound, str] | None = None,
        consented: bool = False,
        milestones: Sequence[AuditKind] = (),
    ) -> list[int]:
        """Save the new state and the replies in one transaction, returning the replies'
        ids (the outbox). With ``inbound`` (a message from the durable inbox, and its
        transcript text) the message is recorded, once, and its inbox row marked done in
        the same transaction. ``consented``: the founder consented in this turn.
        ``milestones``: audit-log kinds to record with the turn (no personal data). Raise
        ``ConcurrentUpdateError`` when the stored version is no longer ``state.version``."""

    async def erase_founder(
        self, founder_id: int, why: AuditKind = AuditKind.DELETED_ON_REQUEST
    ) -> None:
        """Erase everything personal about the founder (GDPR art. 17); ``why`` is the
        audit log's kind for it ("consent_declined", "deleted_on_request")."""

    async def finish_request(self, inbox_id: int) -> None:
        """The durable inbox's request is done though no turn was saved for it (the founder
        was erased by it): closed, its payload cleared, never played again."""

    async def case_status(self, case_ref: str) -> str | None:
        """The current status of a case, for /status."""


@dataclass(frozen=True)
class OpenedCase:
    ref: str
    municipality: str


class CaseOpener(Protocol):
    async def open_case(self, state: ConversationState) -> OpenedCase:
        """Open a case (status ``new``) from a finished intake. Idempotent per conversation."""

    async def cases_of(self, founder_id: int) -> list[tuple[str, str]]:
        """(reference, status) of the founder's cases, oldest first."""

    async def add_to_case(self, ref: str, text: str) -> None:
        """Pass what the founder adds to their open case on to it (and its advisor)."""


class PlaceResolver(Protocol):
    def resolve(self, text: str) -> PlaceResult:
        """Turn a founder's free text into a municipality, candidates or a clear no."""
