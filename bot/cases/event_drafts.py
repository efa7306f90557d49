"""Events as people type them: the kinds, a draft, and the checks every draft passes (no
storage here: the public calendar and the iCalendar reader use it too)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain import FieldInvalid

TITLE_MAX = 120
DESCRIPTION_MAX = 4000
PLACE_MAX = 200
_MARKUP = re.compile(r"<[^>]*>|&[a-zA-Z#0-9]+;")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class EventType(StrEnum):
    IDEA_EVENING = "idea_evening"
    AFTERWORK = "afterwork"
    CREATIVE_WORKSHOP = "creative_workshop"
    START_BUSINESS_EVENING = "start_business_evening"
    OTHER = "other"


class EventInvalid(FieldInvalid):
    """A field of an event is wrong (``field``, ``problem``: see ``FieldInvalid``)."""

    code = "event_invalid"


@dataclass(frozen=True)
class EventProblem:
    """What is wrong with one entry of an import: its number and title, and the error."""

    number: int
    title: str
    error: EventInvalid

    def __str__(self) -> str:  # the CLI's line
        return f"entry {self.number} ('{self.title[:60]}'): {self.error}"


@dataclass(frozen=True)
class EventDraft:
    """An event as someone typed it (console, CLI) or a calendar file gave it."""

    kind: str
    title_sv: str
    starts_at: datetime
    ends_at: datetime
    place: str
    node: str | None = None  # a node's slug; None for the whole region
    title_en: str | None = None
    description_sv: str = ""
    description_en: str | None = None
    capacity: int | None = None
    registration_open: bool = True
    uid: str | None = None


def _text(value: str | None, field: str, limit: int, required: bool = False) -> str | None:
    text = _CONTROL.sub("", value or "").strip()
    if required and not text:
        raise EventInvalid(f"{field} is empty", field=field, problem="missing")
    if len(text) > limit:
        raise EventInvalid(
            f"{field} is longer than {limit} characters", field=field, problem="string_too_long"
        )
    return text or None


def checked(draft: EventDraft, now: datetime, nodes: set[str], *, new: bool = True) -> EventDraft:
    """The draft, cleaned, or ``EventInvalid`` naming the field that is wrong."""
    if draft.kind not in {k.value for k in EventType}:
        raise EventInvalid(f"unknown kind '{draft.kind}'", field="kind", problem="unknown_kind")
    title_sv = _text(draft.title_sv, "title_sv", TITLE_MAX, required=True) or ""
    title_en = _text(draft.title_en, "title_en", TITLE_MAX)
    for field, title in (("title_sv", title_sv), ("title_en", title_en)):
        if title and _MARKUP.search(title):
            raise EventInvalid("a title is plain text, without HTML", field=field, problem="markup")
    if draft.node is not None and draft.node not in nodes:
        raise EventInvalid(f"unknown node '{draft.node}'", field="node", problem="unknown_node")
    if draft.starts_at.tzinfo is None or draft.ends_at.tzinfo is None:
        raise EventInvalid("times need a time zone", field="starts_at", problem="not_a_time")
    if draft.ends_at <= draft.starts_at:
        raise EventInvalid(
            "the event ends before it starts", field="ends_at", problem="ends_before_start"
        )
    if draft.ends_at - draft.starts_at > timedelta(days=14):
        raise EventInvalid(
            "an event longer than two weeks is not one event", field="ends_at", problem="too_long"
        )
    if new and draft.starts_at < now:
        raise EventInvalid("the event is in the past", field="starts_at", problem="in_the_past")
    if draft.capacity is not None and (isinstance(draft.capacity, bool) or draft.capacity < 1):
        raise EventInvalid(
            "the capacity must be at least 1 (or empty: no limit)",
            field="capacity",
            problem="at_least_one",
        )
    return replace(
        draft,
        title_sv=title_sv,
        title_en=title_en,
        description_sv=_text(draft.description_sv, "description_sv", DESCRIPTION_MAX) or "",
        description_en=_text(draft.description_en, "description_en", DESCRIPTION_MAX),
        place=_text(draft.place, "place", PLACE_MAX, required=True) or "",
    )
