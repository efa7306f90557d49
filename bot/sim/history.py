"""A demo year: a realistic, clearly fictitious year of history written into a demo
database through the real case workflow (``spbot seed --demo --history``), so the console
and ``spbot report`` show real-looking figures on ``make run``. Founders are "Simulerad
Grundare" at grundare@example.org; advisors are the fictitious demo roster."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.cases.context import RankingRouter, WorkflowSettings
from bot.datafiles.roster import AdvisorRecord
from bot.sim.assumptions import Behaviour, Life
from bot.sim.simulation import simulate
from bot.storage.db import Database
from bot.storage.models import Case


class HistoryExists(Exception):
    pass


async def write_demo_year(
    db: Database,
    roster: list[AdvisorRecord],
    settings: WorkflowSettings,
    now: datetime,
    ideas: int = 1000,
    seed: int = 1,
    *,
    fresh_only: bool = True,
) -> int:
    """Play ``ideas`` intakes over the year up to ``now`` into ``db``; returns the cases
    opened. Refuses a database that already has cases (a demo year goes into a fresh one),
    unless ``fresh_only`` is False (the README's screenshots)."""
    async with db.sessions() as session:
        if fresh_only and await session.scalar(select(func.count()).select_from(Case)):
            raise HistoryExists("the database already has cases: a demo year needs a fresh one")
    result = await simulate(
        ideas,
        seed,
        roster,
        RankingRouter(),
        "demo year",
        Behaviour(),
        settings,
        db=db,
        window=(now - timedelta(days=365), now),
        life=Life(),
    )
    return result.cases
