"""Rebalancing proposals as they were shown: their moves and the fingerprint of the state
they were computed on; claimed once when approved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from bot.domain import NotFoundError
from bot.storage.db import Database
from bot.storage.models import RebalanceProposal


@dataclass(frozen=True)
class StoredProposal:
    id: int
    fingerprint: str
    moves: list[tuple[str, str]]
    applied: bool


async def add_proposal(
    db: Database, fingerprint: str, moves: list[tuple[str, str]], now: datetime
) -> int:
    async with db.transaction() as session:
        row = RebalanceProposal(
            fingerprint=fingerprint, moves=[list(m) for m in moves], created_at=now
        )
        session.add(row)
        await session.flush()
        return row.id


async def get_proposal(db: Database, proposal_id: int) -> StoredProposal:
    async with db.sessions() as session:
        row = await session.get(RebalanceProposal, proposal_id)
    if row is None:
        raise NotFoundError(f"no rebalancing proposal {proposal_id}", proposal=proposal_id)
    return StoredProposal(
        row.id,
        row.fingerprint,
        [(str(r), str(k)) for r, k in row.moves],
        row.applied_at is not None,
    )


async def claim_proposal(db: Database, proposal_id: int, by: str | None, now: datetime) -> bool:
    """Mark the proposal applied; False when someone applied it first."""
    async with db.transaction() as session:
        claimed = await session.execute(
            update(RebalanceProposal)
            .where(RebalanceProposal.id == proposal_id, RebalanceProposal.applied_at.is_(None))
            .values(applied_at=now, applied_by=by)
        )
        return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]
