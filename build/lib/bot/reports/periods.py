"""Report periods (Swedish calendar days) and the region's goals, pro rata for the part of the
period gone."""

from __future__ import annotations

import calendar
import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bot.cases.calendar import STOCKHOLM
from bot.domain import SpbotError

METRICS = ("ideas", "starts", "coached")


class BadPeriod(SpbotError):
    code = "bad_period"


class BadGoals(SpbotError):
    code = "bad_goals"


@dataclass(frozen=True)
class Period:
    """From ``first`` to ``last``, both included, in Stockholm dates."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise BadPeriod(f"the period ends ({self.last}) before it starts ({self.first})")
        if (self.last - self.first).days > 366 * 20:
            raise BadPeriod("a period of more than twenty years is not reported")

    @classmethod
    def year(cls, year: int) -> Period:
        if not 2000 <= year <= 2100:
            raise BadPeriod(f"year {year} is out of range (2000–2100)")
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0, 0), STOCKHOLM).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.last + timedelta(days=1), time(0, 0), STOCKHOLM).astimezone(
            UTC
        )

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def share_gone(self, now: datetime) -> float:
        """How much of the period has passed at ``now``: 0 before it, 1 after it."""
        if now <= self.start:
            return 0.0
        if now >= self.end:
            return 1.0
        return (now - self.start) / (self.end - self.start)

    def share_of_year(self) -> float:
        """The period's length as a share of a year (a calendar year is exactly 1)."""
        if (
            self.first.month == 1
            and self.first.day == 1
            and self.last == date(self.first.year, 12, 31)
        ):
            return 1.0
        return self.days / 365.2425

    def months(self) -> list[tuple[int, int]]:
        out, (y, m) = [], (self.first.year, self.first.month)
        while (y, m) <= (self.last.year, self.last.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def label(self) -> str:
        if self.share_of_year() == 1.0:
            return str(self.first.year)
        return f"{self.first.isoformat()} – {self.last.isoformat()}"


@dataclass(frozen=True)
class Goals:
    """Yearly goals for the region, and per node (a node without its own share gets an
    equal part of what the listed nodes leave)."""

    region: dict[str, float]
    nodes: dict[str, dict[str, float]]

    @classmethod
    def build(
        cls,
        region: dict[str, float],
        node_goals: dict[str, dict[str, float]] | str | None,
        node_slugs: list[str],
    ) -> Goals:
        split = parse_node_goals(node_goals) if node_goals else {}
        unknown = sorted(set(split) - set(node_slugs))
        if unknown:
            raise BadGoals(f"goals for unknown nodes: {', '.join(unknown)}", nodes=unknown)
        nodes: dict[str, dict[str, float]] = {slug: {} for slug in node_slugs}
        for metric in METRICS:
            listed = {slug: g[metric] for slug, g in split.items() if metric in g}
            rest = [slug for slug in node_slugs if slug not in listed]
            left = max(region[metric] - sum(listed.values()), 0.0)
            for slug in node_slugs:
                nodes[slug][metric] = listed.get(slug, left / len(rest) if rest else 0.0)
        return cls(dict(region), nodes)


def parse_node_goals(value: dict[str, dict[str, float]] | str) -> dict[str, dict[str, float]]:
    """``{"jonkoping": {"ideas": 300, "starts": 90, "coached": 18}, …}`` (JSON or a dict)."""
    raw: Any = value
    if isinstance(value, str):
        try:
            raw = json.loads(value)
        except ValueError as exc:
            raise BadGoals(f"SPBOT_NODE_GOALS is not JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise BadGoals("SPBOT_NODE_GOALS must be an object of nodes")
    out: dict[str, dict[str, float]] = {}
    for slug, goals in raw.items():
        if not isinstance(goals, dict) or not goals:
            raise BadGoals(f'the goals of node {slug!r} must be an object like {{"ideas": 80}}')
        for metric, number in goals.items():
            if metric not in METRICS:
                raise BadGoals(f"unknown goal {metric!r} for node {slug!r} (one of {METRICS})")
            if isinstance(number, bool) or not isinstance(number, int | float):
                raise BadGoals(f"the goal {metric} of node {slug!r} must be a number")
            if not math.isfinite(number) or number < 0:
                raise BadGoals(f"the goal {metric} of node {slug!r} must be 0 or more")
        out[str(slug)] = {m: float(n) for m, n in goals.items()}
    return out
