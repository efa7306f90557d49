"""The intake's sector vocabulary names exactly the taxonomy's sectors (in founders' words)."""

from __future__ import annotations

from bot.content import load_flow
from bot.datafiles.taxonomy import load_taxonomy


def test_the_sector_question_offers_every_sector_of_the_taxonomy() -> None:
    offered = [item.id for item in load_flow().vocabularies["sector"]]
    assert sorted(offered) == sorted(load_taxonomy().sectors)
    assert len(offered) == len(set(offered))
