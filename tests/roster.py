"""Advisors for tests: the fictitious demo roster, or a small hand-made one."""

from __future__ import annotations

from pathlib import Path

from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.roster import AdvisorRecord, parse_roster
from bot.datafiles.taxonomy import load_taxonomy
from bot.storage.advisors import import_roster
from bot.storage.db import Database

DEMO = Path(__file__).resolve().parent.parent / "bot" / "data" / "demo_roster.yaml"


async def seed_demo_roster(db: Database, in_slack: bool = False) -> None:
    """The demo roster; ``in_slack``: each advisor with a Slack member id (U0DEMO001…), so
    that a product with Slack configured can reach them."""
    records = parse_roster(
        DEMO,
        known_nodes=[n.slug for n in load_gazetteer().nodes],
        known_tags=load_taxonomy().tags,
    )
    if in_slack:
        records = [
            r.model_copy(update={"slack_user_id": f"U0DEMO{n:03d}"})
            for n, r in enumerate(records, 1)
        ]
    await import_roster(db, records)


async def seed_advisors(db: Database, *records: AdvisorRecord) -> None:
    await import_roster(db, list(records))


def advisor(
    key: str,
    node: str,
    *tags: str,
    capacity: int = 5,
    languages: tuple[str, ...] = ("sv", "en"),
    slack: str | None = None,
    coordinator: bool = False,
) -> AdvisorRecord:
    return AdvisorRecord(
        key=key,
        name=f"Test {key}",
        node=node,
        email=f"{key}@demo.example.org",
        slack_user_id=slack,
        expertise=list(tags),
        languages=list(languages),  # type: ignore[arg-type]
        capacity=capacity,
        is_coordinator=coordinator,
    )
