"""Storage of the nodes' events and their registrations (inside the caller's transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.records import EventListing
from bot.storage.models import EventRegistration, Municipality, Node, NodeEvent

TAKING = ("registered",)  # statuses that hold a place


async def node_ids(session: AsyncSession) -> dict[str, int]:
    return {slug: i for i, slug in (await session.execute(select(Node.id, Node.slug))).all()}


async def node_names(session: AsyncSession) -> dict[str, str]:
    rows = await session.execute(select(Node.slug, Node.name).order_by(Node.name))
    return {slug: name for slug, name in rows.all()}


async def node_of_municipality(session: AsyncSession, code: str) -> str | None:
    slug: str | None = await session.scalar(
        select(Node.slug).where(Node.municipality_code == code).order_by(Node.id).limit(1)
    )
    return slug


async def get_event(session: AsyncSession, event_id: int, lock: bool = False) -> NodeEvent | None:
    query = select(NodeEvent).where(NodeEvent.id == event_id)
    if lock:
        query = query.with_for_update()
    event: NodeEvent | None = await session.scalar(query)
    return event


async def event_by_uid(session: AsyncSession, uid: str) -> NodeEvent | None:
    event: NodeEvent | None = await session.scalar(select(NodeEvent).where(NodeEvent.uid == uid))
    return event


async def taken(session: AsyncSession, event_id: int) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(EventRegistration)
            .where(EventRegistration.event_id == event_id, EventRegistration.status.in_(TAKING))
        )
        or 0
    )


async def registration_of(
    session: AsyncSession, event_id: int, founder_id: int
) -> EventRegistration | None:
    row: EventRegistration | None = await session.scalar(
        select(EventRegistration).where(
            EventRegistration.event_id == event_id, EventRegistration.founder_id == founder_id
        )
    )
    return row


async def registrations(session: AsyncSession, event_id: int) -> Sequence[EventRegistration]:
    return (
        await session.scalars(
            select(EventRegistration)
            .where(EventRegistration.event_id == event_id)
            .order_by(EventRegistration.id)
        )
    ).all()


async def first_waitlisted(session: AsyncSession, event_id: int) -> EventRegistration | None:
    row: EventRegistration | None = await session.scalar(
        select(EventRegistration)
        .where(EventRegistration.event_id == event_id, EventRegistration.status == "waitlisted")
        .order_by(EventRegistration.id)
        .limit(1)
    )
    return row


async def listings(
    session: AsyncSession,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    node: str | None = None,
    with_region: bool = True,
    include_cancelled: bool = False,
    founder_id: int | None = None,
    event_id: int | None = None,
    limit: int | None = None,
) -> list[EventListing]:
    """Events starting in [since, until), of one node (and the region's, ``with_region``)."""
    counts = (
        select(EventRegistration.event_id, func.count().label("n"))
        .where(EventRegistration.status.in_(TAKING))
        .group_by(EventRegistration.event_id)
        .subquery()
    )
    query = (
        select(NodeEvent, Node.slug, Node.name, func.coalesce(counts.c.n, 0))
        .outerjoin(Node, Node.id == NodeEvent.node_id)
        .outerjoin(counts, counts.c.event_id == NodeEvent.id)
        .order_by(NodeEvent.starts_at, NodeEvent.id)
    )
    if since is not None:
        query = query.where(NodeEvent.starts_at >= since)
    if until is not None:
        query = query.where(NodeEvent.starts_at < until)
    if event_id is not None:
        query = query.where(NodeEvent.id == event_id)
    if node is not None:
        query = query.where(
            (Node.slug == node) | NodeEvent.node_id.is_(None) if with_region else Node.slug == node
        )
    if not include_cancelled:
        query = query.where(NodeEvent.cancelled_at.is_(None))
    if limit is not None:
        query = query.limit(limit)
    rows = (await session.execute(query)).all()
    mine: dict[int, str] = {}
    if founder_id is not None and rows:
        mine = {
            e: s
            for e, s in (
                await session.execute(
                    select(EventRegistration.event_id, EventRegistration.status).where(
                        EventRegistration.founder_id == founder_id,
                        EventRegistration.event_id.in_([r[0].id for r in rows]),
                    )
                )
            ).all()
        }
    return [listing(e, slug, name, int(n), mine.get(e.id)) for e, slug, name, n in rows]


def listing(
    e: NodeEvent, slug: str | None, name: str | None, taken_: int, mine: str | None = None
) -> EventListing:
    title = {"sv": e.title_sv, **({"en": e.title_en} if e.title_en else {})}
    description = {"sv": e.description_sv, **({"en": e.description_en} if e.description_en else {})}
    return EventListing(
        id=e.id,
        uid=e.uid,
        kind=e.kind,
        title=title,
        description=description,
        starts_at=e.starts_at,
        ends_at=e.ends_at,
        place=e.place,
        node_slug=slug,
        node_name=name,
        capacity=e.capacity,
        taken=taken_,
        registration_open=e.registration_open,
        cancelled=e.cancelled_at is not None,
        mine=mine if mine != "cancelled" else None,
    )


async def counts_by_node_and_kind(
    session: AsyncSession | AsyncConnection,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Registrations and attendance of events held in [start, end), per node and kind (the
    rows stay after an erasure: only their personal fields go); with ``now``, the period's
    events still to come are apart, ``planned`` (docs/reports.md)."""
    held = await _counts(session, start, min(end, now) if now else end)
    if now is None or now >= end:
        return held
    planned = await _counts(session, max(start, now), end)
    return held + [{**row, "planned": True} for row in planned]


async def _counts(
    session: AsyncSession | AsyncConnection, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    if end <= start:
        return []
    rows = await session.execute(
        select(
            Node.slug,
            NodeEvent.kind,
            func.count(func.distinct(NodeEvent.id)),
            func.count(EventRegistration.id).filter(EventRegistration.status == "registered"),
            func.count(EventRegistration.id).filter(EventRegistration.attended.is_(True)),
        )
        .outerjoin(Node, Node.id == NodeEvent.node_id)
        .outerjoin(EventRegistration, EventRegistration.event_id == NodeEvent.id)
        .where(
            NodeEvent.starts_at >= start,
            NodeEvent.starts_at < end,
            NodeEvent.cancelled_at.is_(None),
        )
        .group_by(Node.slug, NodeEvent.kind)
        .order_by(Node.slug, NodeEvent.kind)
    )
    return [
        {"node": slug, "kind": kind, "events": int(n), "registered": int(r), "attended": int(a)}
        for slug, kind, n, r, a in rows
    ]


async def municipality_name(session: AsyncSession, code: str) -> str | None:
    name: str | None = await session.scalar(
        select(Municipality.name).where(Municipality.code == code)
    )
    return name
