"""Place resolution against a table of queries people really type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.domain import PlaceStatus
from bot.matching.places import FuzzyPlaceResolver

TABLE = yaml.safe_load((Path(__file__).parent / "places_table.yaml").read_text(encoding="utf-8"))
ROWS = [(group, *row) for group, rows in TABLE.items() for row in rows]
RESOLVER = FuzzyPlaceResolver()
EXACT_GROUPS = {"municipalities", "localities", "no_diacritics", "sentences_sv", "sentences_en"}


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 150


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}:{r[1]!r}" for r in ROWS])
def test_place(row: tuple[Any, ...]) -> None:
    group, text, status, *rest = row
    code = rest[0] if rest else None
    locality = rest[1] if len(rest) > 1 else None
    result = RESOLVER.resolve(text)
    assert result.status is PlaceStatus(status), f"{text!r}: {result}"
    if code:
        assert result.best is not None
        codes = [c.municipality_code for c in result.candidates]
        if status == "ambiguous":
            assert code in codes, f"{text!r}: {codes}"
        else:
            assert result.best.municipality_code == code, f"{text!r}: {result}"
    if locality:
        assert result.best is not None and result.best.locality == locality, f"{text!r}: {result}"
    if group == "typos" and status == "resolved":
        assert not result.exact, "a typo is a guess and must be confirmed with the founder"
    if group in EXACT_GROUPS and status == "resolved" and "bor i Bor" not in text:
        assert result.exact, f"{text!r} should not need confirming: {result}"


def test_never_fuzzes_an_exact_outside_name_into_the_region() -> None:
    for outside, inside in (("Tranemo", "0687"), ("Ekerö", "0686"), ("Ljungby", "0685")):
        result = RESOLVER.resolve(outside)
        assert result.status is PlaceStatus.OUT_OF_REGION
        assert all(c.municipality_code != inside for c in result.candidates)
