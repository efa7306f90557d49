"""Roster import and export: CSV and YAML, row-level errors, nothing half-imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.roster import RosterError, parse_roster, write_roster
from bot.datafiles.taxonomy import load_taxonomy
from bot.storage.advisors import count_advisors, export_roster, import_roster
from bot.storage.db import Database

DEMO = Path(__file__).resolve().parents[2] / "bot" / "data" / "demo_roster.yaml"
NODES = [n.slug for n in load_gazetteer().nodes]
TAGS = load_taxonomy().tags

GOOD_CSV = """key,name,node,email,slack_user_id,expertise,languages,capacity,is_coordinator,active
t-1,Testa Testsson,varnamo,testa@example.org,U0TEST1,manufacturing;export,sv;en,4,false,true
t-2,Prova Provsson,jonkoping,,,digital_tech,sv,6,yes,true
"""


def _parse(tmp_path: Path, text: str, suffix: str = ".csv") -> list:  # type: ignore[type-arg]
    path = tmp_path / f"roster{suffix}"
    path.write_text(text, encoding="utf-8")
    return parse_roster(path, known_nodes=NODES, known_tags=TAGS)


def test_demo_roster_is_fictitious_and_valid() -> None:
    records = parse_roster(DEMO, known_nodes=NODES, known_tags=TAGS)
    per_node = {slug: sum(r.node == slug for r in records) for slug in NODES}
    assert all(2 <= n <= 4 for n in per_node.values()), per_node
    assert all(str(r.email).endswith("@demo.example.org") for r in records)
    assert "FICTITIOUS" in DEMO.read_text(encoding="utf-8")


def test_bad_rows_are_named_by_row_and_field(tmp_path: Path) -> None:
    text = GOOD_CSV + (
        "t-3,Bad Node,atlantis,,,export,sv,4,false,true\n"
        "t-4,Bad Capacity,habo,,,export,sv,many,false,true\n"
        "t-5,Bad Tag,habo,not-an-email,,juggling,sv,4,false,true\n"
        "t-1,Duplicate,habo,,,export,sv,4,false,true\n"
    )
    with pytest.raises(RosterError) as excinfo:
        _parse(tmp_path, text)
    problems = excinfo.value.problems
    assert "row 4, field node: unknown node 'atlantis'" in problems
    assert any(p.startswith("row 5, field capacity:") for p in problems)
    assert any(p.startswith("row 6, field email:") for p in problems)
    assert "row 7, field key: 't-1' repeats row 2" in problems


def test_missing_columns_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="lacks column"):
        _parse(tmp_path, "key,name\nx,y\n")
    with pytest.raises(RosterError, match="unknown roster format"):
        _parse(tmp_path, "key: x", suffix=".txt")
    with pytest.raises(RosterError, match="row 1, field"):
        _parse(tmp_path, "advisors:\n  - {key: x}\n", suffix=".yaml")


async def test_import_is_all_or_nothing_and_round_trips(db: Database, tmp_path: Path) -> None:
    records = _parse(tmp_path, GOOD_CSV)
    summary = await import_roster(db, records)
    assert (summary.created, summary.updated) == (2, 0)
    exported = await export_roster(db)
    assert [r.model_dump() for r in exported] == [r.model_dump() for r in records]

    # CSV and YAML both round-trip through write → parse.
    for fmt, suffix in (("csv", ".csv"), ("yaml", ".yaml")):
        again = _parse(tmp_path, write_roster(exported, fmt), suffix)
        assert [r.model_dump() for r in again] == [r.model_dump() for r in records]

    # Re-import with --replace updates one, deactivates the other.
    changed = [records[0].model_copy(update={"capacity": 9})]
    summary = await import_roster(db, changed, replace=True)
    assert (summary.created, summary.updated, summary.deactivated) == (0, 1, 1)
    after = {r.key: r for r in await export_roster(db)}
    assert after["t-1"].capacity == 9 and after["t-2"].active is False
    assert await count_advisors(db) == 2


async def test_a_failing_import_changes_nothing(db: Database, tmp_path: Path) -> None:
    records = _parse(tmp_path, GOOD_CSV)
    await import_roster(db, records)
    # Two advisors claiming one Slack id: the database refuses; nothing is changed.
    clash = [
        records[0].model_copy(update={"capacity": 1}),
        records[1].model_copy(update={"slack_user_id": "U0TEST1"}),
    ]
    with pytest.raises(Exception):  # noqa: B017 - the unique constraint, whatever the driver
        await import_roster(db, clash)
    after = {r.key: r for r in await export_roster(db)}
    assert after["t-1"].capacity == 4
    assert after["t-2"].slack_user_id is None
