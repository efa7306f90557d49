"""Matching seen from the case workflow: profiles of stored cases, the advisor pool, ranking
a case, and the open cases a rebalancing may move."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.answers import CaseAnswers
from bot.matching.expertise import Classification
from bot.matching.ranking import AdvisorPool, Candidate, CaseProfile, RankingWeights
from bot.matching.rebalance import OpenCase
from bot.matching.setup import region_geography
from bot.storage import case_rows
from bot.storage.advisors import load_advisor_profiles
from bot.storage.db import Database
from bot.storage.models import Case

# Offers that end an advisor's chance at a case: they are never ranked for it again.
CLOSED_OFFER_STATUSES = ("declined", "expired")
# A case whose founder has met the advisor stays with that advisor in a rebalancing.
PINNED_STATUSES = ("in_contact", "coaching")


def sectors_answer(
    classification: Classification, confirmed: str | None = None
) -> list[dict[str, Any]]:
    """How a classification is kept with a case's answers (and shown to an advisor). A sector
    the founder confirmed is the case's sector: alone, first, with the words that pointed
    to it (if the reading found it), marked as the founder's."""
    read = [
        {"id": s.sector, "score": s.score, "triggers": list(s.triggers)}
        for s in classification.sectors
    ]
    if confirmed is None:
        return read
    triggers = next((r["triggers"] for r in read if r["id"] == confirmed), [])
    return [{"id": confirmed, "score": 1.0, "triggers": triggers, "confirmed": True}]


def case_profile(answers: dict[str, Any], municipality_code: str, language: str) -> CaseProfile:
    read = CaseAnswers.read(answers)
    return CaseProfile(
        municipality_code=municipality_code,
        sectors=tuple((s.id, s.score) for s in read.sectors),
        needs=read.needs,
        language=language,
    )


async def load_pool(
    db: Database, today: date, weights: RankingWeights | None = None
) -> AdvisorPool:
    return AdvisorPool(await load_advisor_profiles(db, today), region_geography(), weights)


async def rank_case(
    db: Database, ref: str, today: date, weights: RankingWeights | None = None, limit: int = 10
) -> tuple[Case, list[Candidate]]:
    async with db.sessions() as session:
        case = await case_rows.find_case(session, ref)
        excluded = (await case_rows.advisors_out_of(session, [case.id], CLOSED_OFFER_STATUSES))[
            case.id
        ]
    pool = await load_pool(db, today, weights)
    profile = case_profile(case.answers, case.municipality_code, case.language)
    return case, pool.rank(profile, exclude=excluded, limit=limit)


async def load_open_cases(db: Database) -> list[OpenCase]:
    async with db.sessions() as session:
        cases = await case_rows.assigned_active_cases(session)
        excluded = await case_rows.advisors_out_of(
            session, [c.id for c in cases], CLOSED_OFFER_STATUSES
        )
    return [
        OpenCase(
            id=c.id,
            ref=c.ref,
            advisor_id=int(c.advisor_id or 0),
            profile=case_profile(c.answers, c.municipality_code, c.language),
            pinned=c.status in PINNED_STATUSES,
            excluded=frozenset(excluded.get(c.id, set())),
        )
        for c in cases
    ]
