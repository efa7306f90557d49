"""The database's side of /metrics: a few counts, read at each scrape."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from bot.domain import EventKind
from bot.storage.db import Database
from bot.storage.models import Case, CaseEvent, InboxItem, Offer, Timer


async def metric_facts(db: Database, now: datetime) -> dict[str, Any]:
    async with db.bulk_reading() as conn:
        cases = await conn.scalar(select(func.count()).select_from(Case))
        offers = dict(
            (await conn.execute(select(Offer.status, func.count()).group_by(Offer.status))).all()
        )
        kinds = dict(
            (
                await conn.execute(
                    select(CaseEvent.kind, func.count())
                    .where(
                        CaseEvent.kind.in_(
                            (EventKind.ESCALATED.value, EventKind.NOTIFICATION_FAILED.value)
                        )
                    )
                    .group_by(CaseEvent.kind)
                )
            ).all()
        )
        oldest = await conn.scalar(
            select(func.min(Timer.due_at)).where(Timer.fired_at.is_(None), Timer.due_at <= now)
        )
        inbox = await conn.scalar(
            select(func.count()).select_from(InboxItem).where(InboxItem.processed_at.is_(None))
        )
    if isinstance(oldest, str):  # SQLite hands back text for an aggregate
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=now.tzinfo)
    return {
        "cases": int(cases or 0),
        "offers": {str(k): int(v) for k, v in offers.items()},
        "escalations": int(kinds.get(EventKind.ESCALATED.value, 0)),
        "notification_failures": int(kinds.get(EventKind.NOTIFICATION_FAILED.value, 0)),
        "timer_lag": max((now - oldest).total_seconds(), 0.0) if oldest else 0.0,
        "inbox": int(inbox or 0),
    }
