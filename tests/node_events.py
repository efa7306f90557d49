"""A coordinator adds one of the nodes' events, some days from now (for the channels' tests;
the event stories in tests/events/ run on a fixed clock of their own)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app import Services
from bot.cases.actions import Actor
from bot.cases.event_drafts import EventDraft
from bot.domain import ActorKind
from bot.records import EventListing

COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")


async def add_event(
    services: Services,
    title_sv: str,
    *,
    days: int,
    kind: str = "idea_evening",
    place: str = "Biblioteket",
    at_hour: int | None = None,
    **fields: Any,
) -> EventListing:
    """The event starts ``days`` from now (at ``at_hour`` UTC if given) and lasts two hours."""
    start = datetime.now(UTC) + timedelta(days=days)
    if at_hour is not None:
        start = start.replace(hour=at_hour, minute=0, second=0, microsecond=0)
    return await services.workflow.events.add(
        EventDraft(
            kind=kind,
            title_sv=title_sv,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place=place,
            **fields,
        ),
        COORDINATOR,
    )
