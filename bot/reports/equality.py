"""The funders' equality splits: ideas met, enterprises supported and verified starts by the
founder's gender, age band and country of birth — from the optional answers founders gave
(``bot.engine.profile``), counted, never listed. Any count from 1 to ``min_cell`` − 1 is
suppressed (shown as "<5"), and when a row has only one such cell the next smallest is
suppressed too, so that no hidden count can be worked out from the row's total (the usual
primary and secondary suppression of official statistics; docs/reports.md).

"not_asked" counts the founders who were never asked, did not answer, or were erased: their
answers go with them, so an erasure moves a count here and changes no total."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.engine.profile import QUESTIONS
from bot.storage.report_facts import CaseFact

NOT_ASKED = "not_asked"
DIMENSIONS = ("gender", "age_band", "born_abroad")
ROWS = ("ideas", "enterprises", "verified_starts")


@dataclass(frozen=True)
class Split:
    """One dimension: for each row (ideas, enterprises, verified starts) the count in each
    column; None where suppressed. ``totals``: each row's total (never suppressed: it is the
    figure the report shows anyway)."""

    dimension: str
    columns: tuple[str, ...]
    rows: dict[str, dict[str, int | None]]
    totals: dict[str, int]


def suppress(counts: dict[str, int], min_cell: int) -> dict[str, int | None]:
    """Primary: counts from 1 to ``min_cell`` − 1 hidden. Secondary: a row with exactly one
    hidden cell hides its smallest other non-zero count too (else total − the rest shows it).
    Zeros are shown: "none" is not a person."""
    shown: dict[str, int | None] = {k: (None if 0 < n < min_cell else n) for k, n in counts.items()}
    hidden = [k for k, v in shown.items() if v is None]
    if len(hidden) == 1:
        others = sorted((n, k) for k, n in counts.items() if k not in hidden and n > 0)
        if others:
            shown[others[0][1]] = None
    return shown


def _value(case: CaseFact, dimension: str) -> str:
    value = getattr(case, dimension)
    return value if value in QUESTIONS[dimension] else NOT_ASKED


def equality_splits(
    ideas: Iterable[CaseFact],
    enterprises: Iterable[CaseFact],
    verified_starts: Iterable[CaseFact],
    min_cell: int,
) -> list[Split]:
    """``enterprises`` and ``verified_starts``: one case per company (the founder who brought
    it first)."""
    groups = {
        "ideas": list(ideas),
        "enterprises": list(enterprises),
        "verified_starts": list(verified_starts),
    }
    out = []
    for dimension in DIMENSIONS:
        columns = (*QUESTIONS[dimension], NOT_ASKED)
        rows: dict[str, dict[str, int | None]] = {}
        totals: dict[str, int] = {}
        for row, cases in groups.items():
            counted = Counter(_value(c, dimension) for c in cases)
            rows[row] = suppress({col: counted[col] for col in columns}, min_cell)
            totals[row] = len(cases)
        out.append(Split(dimension, columns, rows, totals))
    return out


def anyone_answered(cases: Iterable[CaseFact]) -> bool:
    return any(_value(c, d) != NOT_ASKED for c in cases for d in DIMENSIONS)
