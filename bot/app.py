"""Composition root: builds the services from settings and plugs the ports together."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from telegram import Bot

from bot.cases.delivery import ChannelNotifier
from bot.cases.intake import CaseIntake
from bot.cases.notifications import LogNotifier, Notifier
from bot.cases.opening import CaseOpening
from bot.cases.workflow import CaseWorkflow
from bot.content import Flow, load_flow
from bot.engine.intake import IntakeEngine
from bot.engine.ports import PlaceResolver
from bot.handlers.telegram import CHANNEL as TELEGRAM
from bot.handlers.telegram import TelegramChannel
from bot.handlers.telegram.notifier import TelegramFounderNotifier
from bot.matching.places import FuzzyPlaceResolver
from bot.reference import load_gazetteer
from bot.settings import Settings
from bot.storage.channels import first_delivery, founder_identities
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database, open_database
from bot.storage.reference import sync_reference_data


@dataclass
class Services:
    settings: Settings
    db: Database
    flow: Flow
    engine: IntakeEngine
    workflow: CaseWorkflow
    notifier: ChannelNotifier

    async def close(self) -> None:
        await self.db.dispose()


async def open_db(settings: Settings) -> Database:
    """Open the configured database, migrate it and load reference data."""
    db = await open_database(settings.database_url)
    await sync_reference_data(db, load_gazetteer())
    return db


def build_place_resolver() -> PlaceResolver:
    return FuzzyPlaceResolver(load_gazetteer())


def build_workflow(
    settings: Settings, db: Database, notifier: Notifier | None = None
) -> CaseWorkflow:
    return CaseWorkflow(db, notifier or LogNotifier(), settings=settings.workflow_settings())


def telegram_channel(services: Services) -> TelegramChannel:
    """The Telegram adapter with its database-backed ports plugged in."""
    return TelegramChannel(
        services.engine, services.flow, partial(first_delivery, services.db, TELEGRAM)
    )


def telegram_notifier(services: Services, bot: Bot) -> TelegramFounderNotifier:
    notifier = TelegramFounderNotifier(bot, services.flow, partial(founder_identities, services.db))
    services.notifier.founders[TELEGRAM] = notifier
    return notifier


async def build_services(
    settings: Settings, db: Database | None = None, staff: Notifier | None = None
) -> Services:
    """Everything but the channels. Channels plug their founder notifiers into
    ``services.notifier.founders``; advisors' and coordinators' news goes to ``staff``."""
    flow = load_flow(settings.flow_file)
    db = db or await open_db(settings)
    notifier = ChannelNotifier(
        db, founders={}, staff=staff or LogNotifier(), fallback=LogNotifier()
    )
    workflow = build_workflow(settings, db, notifier)
    engine = IntakeEngine(
        flow=flow,
        store=SqlConversationStore(db),
        cases=CaseIntake(CaseOpening(db, prefix=settings.case_ref_prefix), workflow),
        places=build_place_resolver(),
    )
    return Services(
        settings=settings, db=db, flow=flow, engine=engine, workflow=workflow, notifier=notifier
    )
