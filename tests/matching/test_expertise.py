"""The idea classifier against a table of ideas in founders' own words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.datafiles.taxonomy import load_taxonomy
from bot.matching.expertise import ExpertiseClassifier

IDEAS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "ideas_table.yaml").read_text(encoding="utf-8")
)
CLASSIFIER = ExpertiseClassifier()


def test_table_is_large_and_covers_every_sector() -> None:
    assert len(IDEAS) >= 60
    expected = {i.get("top") or i.get("in_top3") for i in IDEAS} - {None}
    assert expected == set(load_taxonomy().sectors)


def test_lexicon_names_only_known_sectors() -> None:
    from bot.matching.expertise import load_lexicon

    assert set(load_lexicon()) == set(load_taxonomy().sectors)


@pytest.mark.parametrize("idea", IDEAS, ids=[i["text"][:40] for i in IDEAS])
def test_idea(idea: dict[str, Any]) -> None:
    result = CLASSIFIER.classify(idea["text"])
    ranked = result.sector_ids
    if idea.get("none"):
        assert ranked == []
    elif "top" in idea:
        assert ranked[:1] == [idea["top"]], f"{idea['text']!r}: {result.sectors}"
    else:
        assert idea["in_top3"] in ranked[:3], f"{idea['text']!r}: {result.sectors}"
    for match in result.sectors:
        assert match.triggers, "every sector names the words that triggered it"
        assert all(t in idea["text"] for t in match.triggers)


def test_typos_and_compounds() -> None:
    assert CLASSIFIER.classify("ett litet surdegsbageri").sectors[0].triggers == ("surdegsbageri",)
    typo = CLASSIFIER.classify("Jag vill öppna en restuarang")
    assert typo.sector_ids == ["food_beverage"]
    assert CLASSIFIER.classify("format").sector_ids == []  # "mat" is not inside "format"
