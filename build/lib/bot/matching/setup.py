"""Matching objects built from the shipped reference data."""

from __future__ import annotations

from bot.datafiles.gazetteer import Gazetteer, load_gazetteer
from bot.matching.ranking import Geography


def region_geography(gazetteer: Gazetteer | None = None) -> Geography:
    g = gazetteer or load_gazetteer()
    seats = {m.code: (m.lat, m.lon) for m in g.region if m.lat is not None and m.lon is not None}
    return Geography(seats)
