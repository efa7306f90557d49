"""Read-only queries behind the staff console: the queue, cases with filters and paging, who
may see a case, and the audit trail (case events and the audit log, newest first)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, literal, null, select, union_all
from sqlalchemy.orm import aliased

from bot.answers import CaseAnswers
from bot.domain import CaseStatus, EventKind
from bot.records import CaseSummary
from bot.storage.case_queries import case_query, summary_of
from bot.storage.db import Database
from bot.storage.models import Advisor, AuditEntry, Case, CaseEvent, Node, Offer


@dataclass(frozen=True)
class QueueItem:
    case: CaseSummary
    why: str  # "escalated" or "unrouted"
    reason: str | None  # the escalation's reason
    waiting_since: datetime


@dataclass(frozen=True)
class CaseFilters:
    node: str | None = None
    municipality: str | None = None  # code
    status: str | None = None
    sector: str | None = None
    advisor: str | None = None  # key
    older_than_days: int | None = None


@dataclass(frozen=True)
class CasePage:
    cases: list[CaseSummary]
    sectors: dict[str, list[str]]  # ref → sector ids
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class CaseAccess:
    """Who may see a case: its holder and the advisors it is offered to now."""

    ref: str
    status: str
    holder_key: str | None
    offered_to: frozenset[str] = field(default_factory=frozenset)
    node: str | None = None  # the case's node (slug)


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    case_ref: str | None
    subject: str | None
    actor_kind: str
    actor_id: str | None
    kind: str
    reason: str | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class TrailFilters:
    case_ref: str | None = None
    actor: str | None = None
    kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _sector_ids(case: Case) -> list[str]:
    return _sectors_of(case.answers)


def _sectors_of(answers: object) -> list[str]:
    return list(CaseAnswers.read(answers).sector_ids)


def cases_visible_to(scope: frozenset[str] | None) -> Select[Case, str, str, str, str]:
    """The one statement every list of cases starts from: all of them, or for someone
    scoped to nodes (a node manager) only those nodes' cases. A list cannot forget it."""
    query = case_query()
    if scope is not None:
        query = query.where(Node.slug.in_(sorted(scope)))
    return query


async def queue(
    db: Database, unrouted_before: datetime, scope: frozenset[str] | None = None
) -> list[QueueItem]:
    """Escalated cases, and new ones nobody has been offered since ``unrouted_before``,
    oldest first, with why they wait."""
    query = cases_visible_to(scope).where(
        (Case.status == CaseStatus.ESCALATED.value)
        | ((Case.status == CaseStatus.NEW.value) & (Case.created_at < unrouted_before))
    )
    async with db.sessions() as session:
        rows = (await session.execute(query.order_by(Case.updated_at, Case.id))).all()
        items = []
        for row in rows:
            case = row[0]
            last = (
                await session.execute(
                    select(CaseEvent.reason, CaseEvent.created_at)
                    .where(
                        CaseEvent.case_id == case.id,
                        CaseEvent.kind == EventKind.ESCALATED.value,
                    )
                    .order_by(CaseEvent.id.desc())
                    .limit(1)
                )
            ).first()
            escalated = case.status == CaseStatus.ESCALATED.value
            items.append(
                QueueItem(
                    case=summary_of(*row),
                    why="escalated" if escalated else "unrouted",
                    reason=last[0] if (last and escalated) else None,
                    waiting_since=last[1] if (last and escalated) else case.created_at,
                )
            )
    items.sort(key=lambda i: i.waiting_since)
    return items


async def find_cases(
    db: Database,
    filters: CaseFilters,
    now: datetime,
    *,
    offset: int = 0,
    limit: int = 50,
    scope: frozenset[str] | None = None,
) -> CasePage:
    query = cases_visible_to(scope)
    advisor = aliased(Advisor)
    if filters.status:
        query = query.where(Case.status == filters.status)
    if filters.node:
        query = query.where(Node.slug == filters.node)
    if filters.municipality:
        query = query.where(Case.municipality_code == filters.municipality)
    if filters.advisor:
        query = query.where(
            Case.advisor_id.in_(select(advisor.id).where(advisor.key == filters.advisor))
        )
    if filters.older_than_days:
        query = query.where(Case.created_at < now - timedelta(days=filters.older_than_days))
    newest_first = query.order_by(Case.id.desc())
    wanted: list[int] | None = None
    if filters.sector:
        # The sector is kept in the answers (JSON): their ids and answers are read (on the
        # bulk engine, no ORM objects), the page's cases then loaded by id.
        async with db.bulk_reading() as conn:
            scanned = await conn.execute(newest_first.with_only_columns(Case.id, Case.answers))
            ids = [i for i, answers in scanned if filters.sector in _sectors_of(answers)]
        wanted = ids[offset : offset + limit]
    async with db.sessions() as session:
        if wanted is not None:
            total = len(ids)
            page = (await session.execute(newest_first.where(Case.id.in_(wanted)))).all()
        else:
            counted = select(func.count()).select_from(query.with_only_columns(Case.id).subquery())
            total = int(await session.scalar(counted) or 0)
            page = (await session.execute(newest_first.offset(offset).limit(limit))).all()
    return CasePage(
        cases=[summary_of(*r) for r in page],
        sectors={r[0].ref: _sector_ids(r[0]) for r in page},
        total=total,
        offset=offset,
        limit=limit,
    )


async def case_access(db: Database, ref: str) -> CaseAccess | None:
    holder = aliased(Advisor)
    async with db.sessions() as session:
        row = (
            await session.execute(
                select(Case.id, Case.ref, Case.status, holder.key, Node.slug)
                .outerjoin(holder, holder.id == Case.advisor_id)
                .outerjoin(Node, Node.id == Case.node_id)
                .where(Case.ref == ref.strip().upper()[:32])
            )
        ).first()
        if row is None:
            return None
        offered = (
            await session.scalars(
                select(Advisor.key)
                .join(Offer, Offer.advisor_id == Advisor.id)
                .where(Offer.case_id == row[0], Offer.status == "pending")
            )
        ).all()
    return CaseAccess(row[1], row[2], row[3], frozenset(offered), row[4])


async def pending_offer_of(db: Database, ref: str, advisor_key: str) -> int | None:
    async with db.sessions() as session:
        return await session.scalar(
            select(Offer.id)
            .join(Case, Case.id == Offer.case_id)
            .join(Advisor, Advisor.id == Offer.advisor_id)
            .where(Case.ref == ref, Advisor.key == advisor_key, Offer.status == "pending")
        )


async def offer_times(db: Database, offer_ids: list[int]) -> dict[int, datetime | None]:
    if not offer_ids:
        return {}
    async with db.sessions() as session:
        rows = (
            await session.execute(select(Offer.id, Offer.expires_at).where(Offer.id.in_(offer_ids)))
        ).all()
    return {oid: expires for oid, expires in rows}


async def offer_reasons(db: Database, offer_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each offer's explanation as the ranking kept it (``why``: the facts; ``lines``)."""
    if not offer_ids:
        return {}
    async with db.sessions() as session:
        rows = (
            await session.execute(
                select(Offer.id, Offer.explanation).where(Offer.id.in_(offer_ids))
            )
        ).all()
    return {oid: dict(found or {}) for oid, found in rows}


async def trail(
    db: Database, filters: TrailFilters, *, offset: int = 0, limit: int = 100
) -> tuple[list[TrailEntry], bool]:
    """Case events and audit-log entries, newest first; True when there are more."""
    events = select(CaseEvent, Case.ref).join(Case, Case.id == CaseEvent.case_id)
    logs = select(AuditEntry)
    if filters.case_ref:
        ref = filters.case_ref.strip().upper()
        events = events.where(Case.ref == ref)
        logs = logs.where(AuditEntry.subject == ref)
    if filters.actor:
        events = events.where(CaseEvent.actor_id == filters.actor)
        logs = logs.where(AuditEntry.actor_id == filters.actor)
    if filters.kind:
        events = events.where(CaseEvent.kind == filters.kind)
        logs = logs.where(AuditEntry.kind == filters.kind)
    if filters.since:
        events = events.where(CaseEvent.created_at >= filters.since)
        logs = logs.where(AuditEntry.created_at >= filters.since)
    if filters.until:
        events = events.where(CaseEvent.created_at < filters.until)
        logs = logs.where(AuditEntry.created_at < filters.until)
    # One newest-first list, paged by the database (a deep page reads no earlier rows into
    # Python): the two logs side by side as the same columns.
    both = union_all(
        events.with_only_columns(
            CaseEvent.created_at.label("at"),
            Case.ref.label("ref"),
            Case.ref.label("subject"),
            CaseEvent.actor_kind.label("actor_kind"),
            CaseEvent.actor_id.label("actor_id"),
            CaseEvent.kind.label("kind"),
            CaseEvent.reason.label("reason"),
            CaseEvent.payload.label("payload"),
            literal(0).label("source"),
            CaseEvent.id.label("row_id"),
        ),
        logs.with_only_columns(
            AuditEntry.created_at,
            null(),
            AuditEntry.subject,
            AuditEntry.actor_kind,
            AuditEntry.actor_id,
            AuditEntry.kind,
            AuditEntry.reason,
            AuditEntry.payload,
            literal(1),
            AuditEntry.id,
        ),
    ).subquery()
    newest = (
        select(both)
        .order_by(both.c.at.desc(), both.c.source, both.c.row_id.desc())
        .offset(offset)
        .limit(limit + 1)
    )
    async with db.bulk_reading() as conn:
        rows = (await conn.execute(newest)).all()
    entries = [
        TrailEntry(
            r.at, r.ref, r.subject, r.actor_kind, r.actor_id, r.kind, r.reason, r.payload or {}
        )
        for r in rows
    ]
    return entries[:limit], len(entries) > limit


async def trail_kinds(db: Database) -> list[str]:
    async with db.sessions() as session:
        a = (await session.scalars(select(CaseEvent.kind).distinct())).all()
        b = (await session.scalars(select(AuditEntry.kind).distinct())).all()
    return sorted(set(a) | set(b))


async def count_cases(db: Database) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count(Case.id))) or 0)


async def advisor_names(db: Database) -> dict[str, str]:
    """Every advisor's name by key (pages show names where the records keep keys)."""
    async with db.sessions() as session:
        rows = await session.execute(select(Advisor.key, Advisor.name))
        return {str(key): str(name) for key, name in rows}


async def history_version(db: Database) -> tuple[int, int]:
    """A cheap mark of the cases' state: the newest case and case event (a cache of figures
    drawn from them is good while the mark is the same; intakes still under way, which make
    no case event, move only the funnel)."""
    async with db.sessions() as session:
        row = (
            await session.execute(
                select(
                    select(func.max(CaseEvent.id)).scalar_subquery(),
                    select(func.max(Case.id)).scalar_subquery(),
                )
            )
        ).one()
    return int(row[0] or 0), int(row[1] or 0)
