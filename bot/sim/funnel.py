"""The intake milestones of simulated founders, as the engine writes them for real ones, so
the results report's funnel has something to count in a demo year."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta

from bot.domain import ActorKind
from bot.sim.assumptions import Life
from bot.storage.db import Database


async def write_funnel(
    db: Database, intakes: list[tuple[datetime, int, str]], rng: random.Random, life: Life
) -> None:
    """The audit log's milestones for the simulated intakes (the engine writes them for real
    ones): each submitted intake started and consented a few minutes before it was
    submitted; and, in proportion, intakes that never became a case."""
    from bot.storage.models import AuditEntry

    rows: list[AuditEntry] = []

    def milestone(kind: str, subject: str, channel: str, at: datetime) -> None:
        rows.append(
            AuditEntry(
                actor_kind=ActorKind.FOUNDER.value,
                actor_id=None,
                kind=kind,
                subject=subject,
                reason=None,
                payload={"channel": channel},
                created_at=at,
            )
        )

    for at, conversation_id, channel in intakes:
        subject = f"conversation:{conversation_id}"
        milestone("intake_started", subject, channel, at - timedelta(minutes=rng.randint(6, 30)))
        milestone("consent_given", subject, channel, at - timedelta(minutes=rng.randint(3, 5)))
        milestone("intake_submitted", subject, channel, at)
    endings = (
        (life.not_consented, None),
        (life.abandoned, "abandoned"),
        (life.cancelled, "intake_cancelled"),
        (life.referred_out, "referred_out_of_region"),
    )
    serial = itertools.count(1)
    for at, _, channel in intakes:
        for share, ending in endings:
            if rng.random() >= share:
                continue
            subject = f"demo-intake:{next(serial)}"
            start = at - timedelta(hours=rng.randint(1, 48))
            milestone("intake_started", subject, channel, start)
            if ending is None:
                continue
            milestone("consent_given", subject, channel, start + timedelta(minutes=2))
            if ending != "abandoned":
                milestone(ending, subject, channel, start + timedelta(minutes=rng.randint(4, 20)))
    async with db.transaction() as session:
        session.add_all(rows)
