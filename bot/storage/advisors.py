"""The advisor roster in the database: import (all or nothing) and export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.datafiles.roster import AdvisorRecord
from bot.domain import ACTIVE_CASE_STATUSES, SYSTEM, Actor, AuditKind, Language
from bot.matching.ranking import AdvisorProfile
from bot.records import StaffMember
from bot.storage.db import Database
from bot.storage.models import Advisor, AdvisorAbsence, AuditEntry, Case, Node, Offer, utcnow


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    deactivated: int

    def line(self) -> str:
        return (
            f"{self.created + self.updated} advisors: {self.created} created, "
            f"{self.updated} updated, {self.deactivated} deactivated."
        )


async def import_roster(
    db: Database,
    records: Sequence[AdvisorRecord],
    *,
    replace: bool = False,
    actor: Actor = SYSTEM,
) -> ImportSummary:
    """Create or update advisors by ``key`` in one transaction. With ``replace``, advisors
    missing from the file are deactivated (never deleted: their cases keep pointing at them)."""
    created = updated = deactivated = 0
    async with db.transaction() as session:
        nodes = {n.slug: n.id for n in (await session.scalars(select(Node))).all()}
        existing = {a.key: a for a in (await session.scalars(select(Advisor))).all()}
        switched_off: list[str] = []
        # Free Slack ids first, so two advisors can swap them within one import.
        for record in records:
            row = existing.get(record.key)
            if row is not None and row.slack_user_id != record.slack_user_id:
                row.slack_user_id = None
        await session.flush()
        for record in records:
            row = existing.get(record.key)
            if row is None:
                row = Advisor(key=record.key)
                created += 1
            else:
                updated += 1
            row.name = record.name
            row.node_id = nodes[record.node]
            row.email = str(record.email) if record.email else None
            row.slack_user_id = record.slack_user_id
            row.expertise = list(record.expertise)
            row.languages = [lang.value for lang in record.languages]
            row.capacity = record.capacity
            row.is_coordinator = record.is_coordinator
            if row.active and not record.active:
                switched_off.append(record.key)
            row.active = record.active
            session.add(row)
        gone = switched_off
        if replace:
            keep = {r.key for r in records}
            for key, row in existing.items():
                if key not in keep and row.active:
                    row.active = False
                    deactivated += 1
                    gone.append(key)
        now = utcnow()
        session.add(
            AuditEntry(
                actor_kind=actor.kind.value,
                actor_id=actor.id,
                kind=AuditKind.ROSTER_IMPORTED,
                subject=None,
                payload={"created": created, "updated": updated, "deactivated": sorted(gone)},
                created_at=now,
            )
        )
    return ImportSummary(created, updated, deactivated)


async def export_roster(db: Database) -> list[AdvisorRecord]:
    async with db.sessions() as session:
        rows = (
            await session.execute(
                select(Advisor, Node.slug)
                .join(Node, Node.id == Advisor.node_id)
                .order_by(Advisor.key)
            )
        ).all()
    return [
        AdvisorRecord(
            key=a.key,
            name=a.name,
            node=slug,
            email=a.email,
            slack_user_id=a.slack_user_id,
            expertise=list(a.expertise),
            languages=[Language(x) for x in a.languages],
            capacity=a.capacity,
            is_coordinator=a.is_coordinator,
            active=a.active,
        )
        for a, slug in rows
    ]


async def count_advisors(db: Database) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Advisor)) or 0)


async def load_advisor_profiles(db: Database, today: date) -> list[AdvisorProfile]:
    async with db.sessions() as session:
        return await advisor_profiles(session, today)


async def advisor_profiles(session: AsyncSession, today: date) -> list[AdvisorProfile]:
    """Every active advisor as the matching module sees them: expertise, languages,
    capacity, current load, pending offers and whether they are away ``today``."""
    rows = (
        await session.execute(
            select(Advisor, Node.slug, Node.name, Node.municipality_code)
            .join(Node, Node.id == Advisor.node_id)
            .where(Advisor.active.is_(True))
        )
    ).all()
    load = dict(
        (
            await session.execute(
                select(Case.advisor_id, func.count())
                .where(Case.status.in_(ACTIVE_CASE_STATUSES), Case.advisor_id.is_not(None))
                .group_by(Case.advisor_id)
            )
        ).all()
    )
    pending = dict(
        (
            await session.execute(
                select(Offer.advisor_id, func.count())
                .where(Offer.status == "pending")
                .group_by(Offer.advisor_id)
            )
        ).all()
    )
    away = set(
        (
            await session.scalars(
                select(AdvisorAbsence.advisor_id).where(
                    AdvisorAbsence.starts_on <= today, AdvisorAbsence.ends_on >= today
                )
            )
        ).all()
    )
    return [
        AdvisorProfile(
            id=a.id,
            key=a.key,
            name=a.name,
            node_slug=slug,
            node_name=node_name,
            municipality_code=code,
            expertise=frozenset(a.expertise),
            languages=frozenset(a.languages),
            capacity=a.capacity,
            load=int(load.get(a.id, 0)),
            pending_offers=int(pending.get(a.id, 0)),
            absent=a.id in away,
            active=a.active,
        )
        for a, slug, node_name, code in rows
    ]


def _staff(advisor: Advisor | None) -> StaffMember | None:
    if advisor is None:
        return None
    languages = list(advisor.languages or [])
    return StaffMember(
        advisor.id,
        advisor.key,
        advisor.name,
        advisor.is_coordinator,
        advisor.slack_user_id,
        "en" if languages and "sv" not in languages else "sv",
    )


async def staff_by_slack(db: Database, slack_user_id: str) -> StaffMember | None:
    """The active roster member with this Slack user id."""
    async with db.sessions() as session:
        return _staff(
            await session.scalar(
                select(Advisor).where(
                    Advisor.slack_user_id == slack_user_id, Advisor.active.is_(True)
                )
            )
        )


async def staff_by_id(db: Database, advisor_id: int) -> StaffMember | None:
    async with db.sessions() as session:
        return _staff(await session.get(Advisor, advisor_id))


async def slack_candidates(db: Database) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(key, email) of active advisors with an email and no Slack id; and the Slack ids the
    roster already has (id → key)."""
    async with db.sessions() as session:
        rows = (await session.scalars(select(Advisor).order_by(Advisor.key))).all()
    missing = [(a.key, a.email) for a in rows if a.active and a.email and not a.slack_user_id]
    taken = {a.slack_user_id: a.key for a in rows if a.slack_user_id}
    return missing, taken


async def link_slack_ids(db: Database, linked: dict[str, str], actor: Actor) -> int:
    """Save the Slack ids found (only where none is set meanwhile); audited."""
    now = utcnow()
    saved = 0
    async with db.transaction() as session:
        for key, member in sorted(linked.items()):
            advisor = await session.scalar(select(Advisor).where(Advisor.key == key))
            if advisor is None or advisor.slack_user_id:
                continue
            advisor.slack_user_id = member
            advisor.updated_at = now
            saved += 1
        session.add(
            AuditEntry(
                actor_kind=actor.kind.value,
                actor_id=actor.id,
                kind=AuditKind.ROSTER_SLACK_LINKED,
                subject=None,
                reason=None,
                payload={"linked": saved},
                created_at=now,
            )
        )
    return saved


async def unreachable_advisor_ids(session: AsyncSession) -> set[int]:
    """Active advisors nobody can reach: no Slack member id and no active console account."""
    from bot.storage.models import StaffAccount

    with_account = select(StaffAccount.advisor_id).where(
        StaffAccount.active.is_(True), StaffAccount.advisor_id.is_not(None)
    )
    rows = await session.scalars(
        select(Advisor.id).where(
            Advisor.active.is_(True),
            Advisor.slack_user_id.is_(None),
            Advisor.id.not_in(with_account),
        )
    )
    return set(rows.all())


async def unreachable_advisors(db: Database) -> list[tuple[str, str]]:
    """(key, name) of the active advisors nobody can reach, by key."""
    async with db.sessions() as session:
        ids = await unreachable_advisor_ids(session)
        if not ids:
            return []
        rows = await session.execute(
            select(Advisor.key, Advisor.name).where(Advisor.id.in_(ids)).order_by(Advisor.key)
        )
        return [(k, n) for k, n in rows.all()]
