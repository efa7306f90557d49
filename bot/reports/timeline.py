"""A case's timeline as the reports read it (the first and last time of a kind of event, a
close within a period) and how a set of working-hour waits is summed up (``Spread``)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.domain import CaseStatus, EventKind
from bot.reports.periods import Period
from bot.storage.report_facts import CaseFact

ACCEPTING = (EventKind.ACCEPTED.value, EventKind.REASSIGNED.value)
CONTACT = (EventKind.IN_CONTACT.value, EventKind.COACHING_STARTED.value)


@dataclass(frozen=True)
class Spread:
    """Working hours: how many, the median and the 90th percentile (nearest rank)."""

    n: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        if not values:
            return cls(0, None, None)
        ordered = sorted(values)
        p90 = ordered[max(math.ceil(0.9 * len(ordered)) - 1, 0)]
        return cls(len(ordered), round(statistics.median(ordered), 2), round(p90, 2))


def first_at(case: CaseFact, kinds: Iterable[str]) -> datetime | None:
    wanted = set(kinds)
    return next((e.at for e in case.events if e.kind in wanted), None)


def last_at(case: CaseFact, kind: str) -> datetime | None:
    return next((e.at for e in reversed(case.events) if e.kind == kind), None)


def closed_in(case: CaseFact, period: Period) -> bool:
    closed = last_at(case, EventKind.CLOSED.value)
    return (
        case.status == CaseStatus.CLOSED.value
        and closed is not None
        and period.start <= closed < period.end
    )
