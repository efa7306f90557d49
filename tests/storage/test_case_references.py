"""Case references are unique and gapless per year, even when cases open concurrently."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.cases.numbering import allocate_ref, format_ref
from bot.cases.opening import CaseOpening
from bot.domain import Language
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database, open_database


def test_format() -> None:
    assert format_ref("JKP", 2026, 42) == "JKP-2026-0042"
    assert format_ref("JKP", 2026, 12345) == "JKP-2026-12345"


async def test_concurrent_allocation_gives_unique_numbers(db: Database, database_url: str) -> None:
    # Separate engines, like separate processes, racing for numbers.
    others = [await open_database(database_url, migrate=False) for _ in range(4)]

    async def take(database: Database) -> str:
        async with database.transaction() as session:
            return await allocate_ref(session, "JKP", 2026)

    refs = await asyncio.gather(*(take(others[i % 4]) for i in range(24)))
    for other in others:
        await other.dispose()
    assert sorted(refs) == [format_ref("JKP", 2026, n) for n in range(1, 25)]
    async with db.transaction() as session:
        assert await allocate_ref(session, "JKP", 2027) == "JKP-2027-0001"


async def test_open_case_uses_the_clock_year_and_home_node(db: Database) -> None:
    store = SqlConversationStore(db)
    state = await store.start_conversation("test", "u", "intake", "done", Language.SV, True)
    state.answers = {
        "name": "A",
        "place": {"municipality_code": "0685", "municipality": "Vetlanda", "locality": None},
        "stage": "idea",
        "needs": ["export"],
    }
    opening = CaseOpening(db, prefix="TST", clock=lambda: datetime(2031, 3, 1, tzinfo=UTC))
    opened = await opening.open_case(state)
    assert opened.ref == "TST-2031-0001"
    assert opened.municipality == "Vetlanda"
