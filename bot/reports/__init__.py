"""Results against the region's goals: the figures (figures.py), periods and goals
(periods.py), plots (plots.py), renderings (render.py) and the monthly Slack summary
(monthly.py). Definitions: docs/reports.md."""

from __future__ import annotations

from datetime import datetime

from bot.cases.companies import StartRule
from bot.domain import NotFoundError
from bot.reports.figures import Report, build_report
from bot.reports.funder import FunderPack, build_funder_pack
from bot.reports.periods import Goals, Period
from bot.storage.db import Database
from bot.storage.report_facts import load_report_facts

__all__ = ["Goals", "Period", "Report", "results_report"]


class UnknownNode(NotFoundError):
    code = "unknown_node"


async def results_report(
    db: Database,
    period: Period,
    region_goals: dict[str, float],
    node_goals: dict[str, dict[str, float]] | str | None,
    now: datetime,
    node: str | None = None,
    rule: StartRule | None = None,
) -> Report:
    """``rule``: when a start counts as verified (the installation's settings)."""
    facts = await load_report_facts(db, period.start, period.end, node, now)
    slugs = [n.slug for n in facts.nodes]
    if node is not None and node not in slugs:
        raise UnknownNode(f"no node '{node}' (one of: {', '.join(slugs)})", node=node)
    goals = Goals.build(region_goals, node_goals, slugs)
    return build_report(facts, period, goals, now, node, rule=rule)


async def funder_pack(
    db: Database,
    period: Period,
    now: datetime,
    node: str | None = None,
    rule: StartRule | None = None,
    min_cell: int = 5,
) -> FunderPack:
    """The funder report pack for the period (bot/reports/funder.py); ``min_cell``: the
    smallest count the equality splits show."""
    facts = await load_report_facts(db, period.start, period.end, node, now)
    return build_funder_pack(facts, period, now, rule, min_cell)
