"""Durable timers: armed in the transaction that needs them, claimed once however many
workers run (``FOR UPDATE SKIP LOCKED`` plus a compare-and-set on ``fired_at``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import TimerKind
from bot.storage.models import Timer


def arm_timer(
    session: AsyncSession,
    kind: TimerKind,
    case_id: int,
    due_at: datetime,
    offer_id: int | None = None,
) -> None:
    session.add(Timer(kind=kind.value, case_id=case_id, offer_id=offer_id, due_at=due_at))


def arm_registration_timer(
    session: AsyncSession, kind: TimerKind, registration_id: int, due_at: datetime
) -> None:
    """A timer of an event registration (the reminder): not a case's."""
    session.add(Timer(kind=kind.value, registration_id=registration_id, due_at=due_at))


async def disarm_registration_timers(
    session: AsyncSession, registration_id: int, now: datetime
) -> None:
    await session.execute(
        update(Timer)
        .where(Timer.registration_id == registration_id, Timer.fired_at.is_(None))
        .values(fired_at=now)
    )


async def disarm_offer_timers(session: AsyncSession, offer_id: int, now: datetime) -> None:
    await session.execute(
        update(Timer)
        .where(Timer.offer_id == offer_id, Timer.fired_at.is_(None))
        .values(fired_at=now)
    )


async def disarm_case_timers(
    session: AsyncSession, case_id: int, kind: TimerKind, now: datetime
) -> None:
    await session.execute(
        update(Timer)
        .where(Timer.case_id == case_id, Timer.kind == kind.value, Timer.fired_at.is_(None))
        .values(fired_at=now)
    )


async def lock_due_timer(session: AsyncSession, now: datetime) -> Timer | None:
    """The oldest due timer, locked for this transaction; None when nothing is due (or
    every due timer is being fired by another worker)."""
    timer: Timer | None = await session.scalar(
        select(Timer)
        .where(Timer.fired_at.is_(None), Timer.due_at <= now)
        .order_by(Timer.due_at, Timer.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return timer


async def claim_timer(session: AsyncSession, timer_id: int, now: datetime) -> bool:
    """Mark the timer fired; False when another worker fired it first."""
    claimed = await session.execute(
        update(Timer).where(Timer.id == timer_id, Timer.fired_at.is_(None)).values(fired_at=now)
    )
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


async def next_due(session: AsyncSession) -> datetime | None:
    """When the next unfired timer is due (the simulation's clock jumps there)."""
    due: datetime | None = await session.scalar(
        select(Timer.due_at).where(Timer.fired_at.is_(None)).order_by(Timer.due_at).limit(1)
    )
    return due


async def disarm_all(session: AsyncSession, case_id: int, now: datetime) -> None:
    """Every timer of the case (it closed: nothing is due any more)."""
    await session.execute(
        update(Timer).where(Timer.case_id == case_id, Timer.fired_at.is_(None)).values(fired_at=now)
    )
