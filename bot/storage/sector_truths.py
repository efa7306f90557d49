"""The organisation's own answer to "which sector is this idea?": for each case whose idea is
still stored, the sector the founder confirmed at the intake, or the one staff corrected it to
later (which wins)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.answers import CaseAnswers
from bot.storage.db import Database
from bot.storage.models import Case


@dataclass(frozen=True)
class SectorTruth:
    ref: str
    idea: str
    sector: str
    source: str  # "founder" (confirmed at the intake) or "staff" (corrected later)
    read_then: tuple[str, ...]  # the readings the founder was offered


async def sector_truths(db: Database) -> list[SectorTruth]:
    async with db.bulk_reading() as conn:
        rows = (await conn.execute(select(Case.ref, Case.answers).order_by(Case.id))).all()
    out: list[SectorTruth] = []
    for ref, raw in rows:
        answers = CaseAnswers.read(raw)
        idea = (answers.idea or "").strip()
        if not idea or not (answers.corrected_to or answers.sector):
            continue  # erased, or from before the founders confirmed a sector
        sector, source = (
            (answers.corrected_to, "staff")
            if answers.corrected_to
            else (str(answers.sector), "founder")
        )
        out.append(SectorTruth(ref, idea, sector, source, answers.sector_readings))
    return out
