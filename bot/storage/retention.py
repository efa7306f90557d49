"""What retention removes, found in storage: founders who left an intake unfinished long
ago, transcripts and personal data of long-closed cases, and the processed-request log; and
the once-a-day claim that makes a chore run once however many workers there are."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import CaseStatus
from bot.storage.db import Database
from bot.storage.models import Case, Chore, Conversation, Founder, Message

ENDED = (CaseStatus.CLOSED.value, CaseStatus.REFERRED_OUT.value)


async def claim_chore(db: Database, name: str, now: datetime, every: timedelta) -> bool:
    """True for the one caller that may run the chore now (compare-and-set on last_run;
    the very first run is claimed by whoever inserts the row)."""
    try:
        async with db.transaction() as session:
            claimed = await session.execute(
                update(Chore)
                .where(Chore.name == name, Chore.last_run_at <= now - every)
                .values(last_run_at=now)
            )
            if claimed.rowcount == 1:  # type: ignore[attr-defined]
                return True
            if await session.get(Chore, name) is not None:
                return False
            session.add(Chore(name=name, last_run_at=now))
    except IntegrityError:
        return False  # another worker inserted it first
    return True


async def chore_last_run(db: Database, name: str) -> datetime | None:
    async with db.sessions() as session:
        row = await session.get(Chore, name)
        return row.last_run_at if row is not None else None


async def chore_exists(db: Database, name: str) -> bool:
    async with db.sessions() as session:
        return await session.get(Chore, name) is not None


async def claim_since(db: Database, name: str, since: datetime, now: datetime) -> bool:
    """True for the one caller that may run the chore for the period beginning ``since``
    (a month's summary): compare-and-set on last_run, as ``claim_chore``."""
    try:
        async with db.transaction() as session:
            claimed = await session.execute(
                update(Chore)
                .where(Chore.name == name, Chore.last_run_at < since)
                .values(last_run_at=now)
            )
            if claimed.rowcount == 1:  # type: ignore[attr-defined]
                return True
            if await session.get(Chore, name) is not None:
                return False
            session.add(Chore(name=name, last_run_at=now))
    except IntegrityError:
        return False
    return True


async def abandoned_founders(session: AsyncSession, cutoff: datetime) -> list[int]:
    """Founders with no case whose last conversation was last touched before ``cutoff``."""
    last_touch = (
        select(Conversation.founder_id, func.max(Conversation.updated_at).label("touched"))
        .group_by(Conversation.founder_id)
        .subquery()
    )
    rows = await session.scalars(
        select(Founder.id)
        .join(last_touch, last_touch.c.founder_id == Founder.id)
        .where(
            last_touch.c.touched < cutoff,
            ~exists().where(Case.founder_id == Founder.id),
        )
    )
    return [int(r) for r in rows]


async def founders_closed_before(session: AsyncSession, cutoff: datetime) -> list[int]:
    """Founders all of whose cases ended before ``cutoff`` (and who have no open one)."""
    still_open = exists().where(
        Case.founder_id == Founder.id,
        ~and_(Case.status.in_(ENDED), Case.updated_at < cutoff),
    )
    rows = await session.scalars(
        select(Founder.id).where(exists().where(Case.founder_id == Founder.id), ~still_open)
    )
    return [int(r) for r in rows]


async def delete_transcripts_closed_before(session: AsyncSession, cutoff: datetime) -> int:
    """The transcripts of cases that ended before ``cutoff`` (the answers stay until the
    personal data's own retention ends)."""
    conversations = select(Case.conversation_id).where(
        Case.status.in_(ENDED), Case.updated_at < cutoff, Case.conversation_id.is_not(None)
    )
    result = await session.execute(
        delete(Message).where(Message.conversation_id.in_(conversations))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
