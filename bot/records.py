"""Read models every layer shares: what is stored about a staff member, an offer and a case,
as plain frozen data (storage fills them, channels and the CLI show them)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class ChatHold:
    """A chat held (or not: ``mine`` False) by this process while it plays it; ``waiting``
    reads the chat's waiting requests, oldest first, on the lock's own connection where
    there is one (see ``storage.inbox.chat_lock``)."""

    mine: bool
    waiting: Callable[[int], Awaitable[list[InboxEntry]]]


@dataclass(frozen=True)
class StaffMember:
    """Someone on the roster, as a staff channel needs to know them."""

    id: int
    key: str
    name: str
    is_coordinator: bool
    slack_user_id: str | None = None
    language: str = "sv"  # what staff texts they read: Swedish unless they have no Swedish


@dataclass(frozen=True)
class OfferCard:
    """An offer and where its Slack card was posted (to update it in place)."""

    offer_id: int
    case_id: int
    ref: str
    advisor_id: int
    status: str
    channel: str | None
    ts: str | None


@dataclass(frozen=True)
class CaseSummary:
    ref: str
    status: str
    outcome: str | None
    municipality_code: str
    municipality: str
    node: str | None
    advisor: str | None
    advisor_key: str | None
    stage: str | None
    needs: list[str]
    language: str
    created_at: datetime


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor_kind: str
    actor_id: str | None
    kind: str
    reason: str | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class TranscriptLine:
    at: datetime
    direction: str
    channel: str
    text: str
    choices: list[str] | None


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    answers: dict[str, Any]
    events: list[EventView] = field(default_factory=list)
    transcript: list[TranscriptLine] = field(default_factory=list)


@dataclass(frozen=True)
class Desk:
    """An advisor's open offers (no contact details) and active cases."""

    offers: list[dict[str, Any]]
    cases: list[dict[str, Any]]


@dataclass(frozen=True)
class InboxEntry:
    """A platform request waiting to be played (see ``storage.inbox``)."""

    id: int
    platform: str
    chat: str
    payload: dict[str, Any]
    attempts: int = 0


@dataclass(frozen=True)
class PendingReply:
    """A stored reply the platform has not taken yet (the outbox)."""

    id: int
    channel: str
    chat: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class ChatLine:
    """One line of a founder's latest conversation, as a chat page shows it again."""

    direction: str  # inbound, outbound
    kind: str  # text, choice, command, reply …
    text: str
    payload: dict[str, Any] | None = None  # an outbound message's text and choices
    id: int | None = None


@dataclass(frozen=True)
class ChatHistory:
    language: str | None
    lines: list[ChatLine] = field(default_factory=list)


@dataclass(frozen=True)
class EventListing:
    """A node's event as a founder (or the public calendar) sees it."""

    id: int
    uid: str
    kind: str
    title: dict[str, str]  # language → title (Swedish always there)
    description: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    place: str
    node_slug: str | None  # None: the whole region
    node_name: str | None
    capacity: int | None
    taken: int  # places registered
    registration_open: bool
    cancelled: bool = False
    mine: str | None = None  # this founder's registration status, if any

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["sv"]

    def description_in(self, language: str) -> str:
        return self.description.get(language) or self.description.get("sv", "")


@dataclass(frozen=True)
class Slot:
    """A bookable time of an advisor: from one block of their meeting hours."""

    hours_id: int
    starts_at: datetime  # UTC
    ends_at: datetime
    place_kind: str  # office, node, video
    place: str  # the address or the video link
    node_name: str | None = None  # the node the place is at (None for video)

    def where(self, video: str = "video") -> str:
        """The node or address; for a video meeting ``video``, the word in the reader's
        language (``meeting.video``)."""
        if self.place_kind == "video":
            return video
        return self.node_name or self.place


@dataclass(frozen=True)
class MeetingView:
    """A booked meeting as the people in it see it."""

    id: int
    uid: str
    case_ref: str
    starts_at: datetime
    ends_at: datetime
    place_kind: str
    place: str
    status: str  # booked, cancelled, held, no_show
    sequence: int
    advisor_name: str
    advisor_key: str
    node_name: str | None = None
    founder_name: str | None = None  # only for the advisor who holds the case and staff


@dataclass(frozen=True)
class SessionEntry:
    """One line of the session log. ``notes`` and ``next_step`` are None when the reader may
    not read them (or they were erased)."""

    id: int
    case_ref: str
    held_on: date
    minutes: int
    kind: str
    channel: str
    advisor_name: str
    notes: str | None
    next_step: str | None
    erased: bool = False


@dataclass(frozen=True)
class Booking:
    """What came of a founder's press on a time (``result``): booked, moved (their meeting
    has the new time), already (that time was theirs), taken (someone was quicker), gone
    (the time is past or no longer in the advisor's hours) or closed (no case with an
    advisor to meet); with the meeting, and fresh times where the press did not book."""

    result: str
    meeting: MeetingView | None = None
    slots: tuple[Slot, ...] = ()
    advisor_name: str = ""


@dataclass(frozen=True)
class FounderTimes:
    """A founder's meeting with their advisor as it stands: the meeting booked (if any) and
    the times they may book."""

    case_ref: str
    advisor_name: str
    meeting: MeetingView | None
    slots: tuple[Slot, ...]
