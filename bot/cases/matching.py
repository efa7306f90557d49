"""Matching seen from the case workflow: profiles of stored cases, the advisor pool, ranking
a case, and the open cases a rebalancing may move."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from bot.domain import ACTIVE_CASE_STATUSES, NotFoundError
from bot.matching.expertise import Classification
from bot.matching.ranking import AdvisorPool, Candidate, CaseProfile, RankingWeights
from bot.matching.rebalance import OpenCase
from bot.matching.setup import region_geography
from bot.storage.advisors import load_advisor_profiles
from bot.storage.db import Database
from bot.storage.models import Case, Offer

# Offers that end an advisor's chance at a case: they are never ranked for it again.
CLOSED_OFFER_STATUSES = ("declined", "expired")
# A case whose founder has met the advisor stays with that advisor in a rebalancing.
PINNED_STATUSES = ("in_contact",)


def sectors_answer(classification: Classification) -> list[dict[str, Any]]:
    """How a classification is kept with a case's answers (and shown to an advisor)."""
    return [
        {"id": s.sector, "score": s.score, "triggers": list(s.triggers)}
        for s in classification.sectors
    ]


def case_profile(answers: dict[str, Any], municipality_code: str, language: str) -> CaseProfile:
    sectors = tuple(
        (str(s["id"]), float(s.get("score", 1.0))) for s in answers.get("sectors") or []
    )
    return CaseProfile(
        municipality_code=municipality_code,
        sectors=sectors,
        needs=tuple(answers.get("needs") or ()),
        language=language,
    )


async def load_pool(
    db: Database, today: date, weights: RankingWeights | None = None
) -> AdvisorPool:
    return AdvisorPool(await load_advisor_profiles(db, today), region_geography(), weights)


async def excluded_advisors(db: Database, case_ids: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    if not case_ids:
        return out
    async with db.sessions() as session:
        rows = await session.execute(
            select(Offer.case_id, Offer.advisor_id).where(
                Offer.case_id.in_(case_ids), Offer.status.in_(CLOSED_OFFER_STATUSES)
            )
        )
        for case_id, advisor_id in rows:
            out[case_id].add(advisor_id)
    return out


async def rank_case(
    db: Database, ref: str, today: date, weights: RankingWeights | None = None, limit: int = 10
) -> tuple[Case, list[Candidate]]:
    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref.strip().upper()))
    if case is None:
        raise NotFoundError(f"no case with reference '{ref}'", ref=ref)
    pool = await load_pool(db, today, weights)
    excluded = (await excluded_advisors(db, [case.id]))[case.id]
    profile = case_profile(case.answers, case.municipality_code, case.language)
    return case, pool.rank(profile, exclude=excluded, limit=limit)


async def load_open_cases(db: Database) -> list[OpenCase]:
    async with db.sessions() as session:
        cases = (
            await session.scalars(
                select(Case).where(
                    Case.status.in_(ACTIVE_CASE_STATUSES), Case.advisor_id.is_not(None)
                )
            )
        ).all()
    excluded = await excluded_advisors(db, [c.id for c in cases])
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
