"""Fixtures for case workflow stories: a fake clock, a recording notifier, a small roster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.cases.context import WorkflowSettings
from bot.cases.notifications import RecordingNotifier
from bot.cases.opening import CaseOpening
from bot.cases.workflow import CaseWorkflow
from bot.domain import Language
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database
from tests.roster import advisor, seed_advisors


@dataclass
class FakeClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.now = moment


# Monday 2026-11-30, 09:00 in Stockholm (08:00 UTC).
MONDAY_9 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def workflow(db: Database, clock: FakeClock, notifier: RecordingNotifier) -> CaseWorkflow:
    return CaseWorkflow(
        db,
        notifier,
        clock=clock,
        settings=WorkflowSettings(offer_hours=16, reminder_hours=4, max_offers=3),
    )


@pytest.fixture
async def roster(db: Database) -> None:
    """Värnamo: two food advisors; Gislaved (near) and Tranås (far) one each."""
    await seed_advisors(
        db,
        advisor("var-1", "varnamo", "food_beverage", "financing", capacity=3),
        advisor("var-2", "varnamo", "food_beverage", capacity=3),
        advisor("gis-1", "gislaved", "food_beverage", "financing", capacity=3),
        advisor("tra-1", "tranas", "food_beverage", capacity=3),
        advisor("coord", "jonkoping", "business_services", capacity=0, coordinator=True),
    )


async def open_case(
    db: Database,
    clock: FakeClock,
    user: str = "f1",
    municipality: tuple[str, str] = ("0683", "Värnamo"),
) -> str:
    store = SqlConversationStore(db)
    state = await store.start_conversation("test", user, "intake", "done", Language.SV, True)
    state.answers = {
        "name": "Frida Founder",
        "place": {
            "municipality_code": municipality[0],
            "municipality": municipality[1],
            "locality": None,
        },
        "idea": "Ett surdegsbageri som levererar bröd till kaféer i Värnamo.",
        "stage": "idea",
        "needs": ["financing"],
        "contact_method": "email",
        "email": "frida@example.se",
    }
    opened = await CaseOpening(db, clock=clock).open_case(state)
    return opened.ref
