"""The parts of the composition root that need no channel: the database with its reference
data, the case workflow, the place resolver, roster files. Commands use these without loading
any channel's SDK (``bot.app`` builds the channels on top of them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bot.cases.companies import StartRule
from bot.cases.context import WorkflowSettings
from bot.cases.notifications import LogNotifier, Notifier
from bot.cases.retention import RetentionPeriods
from bot.cases.workflow import CaseWorkflow
from bot.datafiles.gazetteer import DATA_DIR, load_gazetteer
from bot.datafiles.partners import load_partners
from bot.datafiles.roster import parse_roster
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import SYSTEM, Actor
from bot.engine.ports import PlaceResolver
from bot.matching.places import FuzzyPlaceResolver
from bot.matching.semantic import IdeaMeaning
from bot.settings import Settings
from bot.storage.advisors import ImportSummary, import_roster
from bot.storage.db import Database, open_database
from bot.storage.gazetteer import sync_gazetteer, sync_partners
from bot.storage.models import utcnow

__all__ = [
    "DEMO_ROSTER",
    "build_idea_meaning",
    "build_place_resolver",
    "build_workflow",
    "import_roster_file",
    "open_db",
    "workflow_settings",
]

DEMO_ROSTER = DATA_DIR / "demo_roster.yaml"


async def open_db(settings: Settings) -> Database:
    """Open the configured database, migrate it and load reference data."""
    db = await open_database(settings.database_url)
    await sync_gazetteer(db, load_gazetteer())
    await sync_partners(db, load_partners())
    return db


def build_place_resolver() -> PlaceResolver:
    return FuzzyPlaceResolver(load_gazetteer())


def build_idea_meaning(settings: Settings) -> IdeaMeaning | None:
    """The second reader of English ideas, unless the settings turn it off (loaded on its
    first English idea)."""
    if settings.semantic_reader == "off":
        return None
    return IdeaMeaning(settings.semantic_model_dir)


def workflow_settings(settings: Settings) -> WorkflowSettings:
    return WorkflowSettings(
        offer_hours=settings.offer_hours,
        reminder_hours=settings.reminder_hours,
        max_offers=settings.max_offers,
        watch_hours=settings.watch_hours,
        offer_only_reachable=settings.offer_only_reachable == "true"
        or (settings.offer_only_reachable == "auto" and settings.slack_bot_token is not None),
    )


def build_workflow(
    settings: Settings,
    db: Database,
    notifier: Notifier | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> CaseWorkflow:
    """The workflow alone (CLI commands): staff news is logged."""
    return CaseWorkflow(
        db,
        notifier or LogNotifier(),
        settings=workflow_settings(settings),
        clock=clock,
        retention=RetentionPeriods(
            abandoned_days=settings.retain_abandoned_days,
            transcript_days=settings.retain_transcript_days,
            closed_case_days=settings.retain_closed_case_days,
            inbox_days=settings.retain_inbox_days,
        ),
        event_horizon_days=settings.event_horizon_days,
        start_rule=StartRule(settings.start_before_days, settings.start_after_days),
    )


async def import_roster_file(
    db: Database, path: Path, *, replace: bool = False, actor: Actor = SYSTEM
) -> ImportSummary:
    """Parse a roster file (every row checked against the nodes and the taxonomy) and import
    it, all or nothing."""
    records = parse_roster(
        path,
        known_nodes=[n.slug for n in load_gazetteer().nodes],
        known_tags=load_taxonomy().tags,
    )
    return await import_roster(db, records, replace=replace, actor=actor)
