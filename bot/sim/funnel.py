"""The intake milestones of simulated founders, as the engine writes them for real ones, so
the results report's funnel has something to count in a demo year."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta

from bot.domain import ActorKind, AuditKind
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

    def milestone(kind: AuditKind, subject: str, channel: str, at: datetime) -> None:
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
        milestone(
            AuditKind.INTAKE_STARTED, subject, channel, at - timedelta(minutes=rng.randint(6, 30))
        )
        milestone(
            AuditKind.CONSENT_GIVEN, subject, channel, at - timedelta(minutes=rng.randint(3, 5))
        )
        milestone(AuditKind.INTAKE_SUBMITTED, subject, channel, at)
    # (share, consented, what ended it after consent: None for nothing, i.e. abandoned)
    endings: tuple[tuple[float, bool, AuditKind | None], ...] = (
        (life.not_consented, False, None),
        (life.abandoned, True, None),
        (life.cancelled, True, AuditKind.INTAKE_CANCELLED),
        (life.referred_out, True, AuditKind.REFERRED_OUT_OF_REGION),
    )
    serial = itertools.count(1)
    for at, _, channel in intakes:
        for share, consented, ending in endings:
            if rng.random() >= share:
                continue
            subject = f"demo-intake:{next(serial)}"
            start = at - timedelta(hours=rng.randint(1, 48))
            milestone(AuditKind.INTAKE_STARTED, subject, channel, start)
            if not consented:
                continue
            milestone(AuditKind.CONSENT_GIVEN, subject, channel, start + timedelta(minutes=2))
            if ending is not None:
                milestone(ending, subject, channel, start + timedelta(minutes=rng.randint(4, 20)))
    async with db.transaction() as session:
        session.add_all(rows)
