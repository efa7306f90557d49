"""SQLite on the event loop: another process's write lock is waited for without stalling the
loop, readers never wait, and long reads go to a threaded driver on the same file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.storage import inbox, sqlite_driver
from bot.storage.db import open_database
from bot.storage.models import InboxItem


async def _ticks_while(work: asyncio.Future[object], every: float = 0.005) -> int:
    ticks = 0
    while not work.done():
        await asyncio.sleep(every)
        ticks += 1
    return ticks


async def test_a_writer_waits_for_another_process_lock_without_stalling_the_loop(
    tmp_path: Path,
) -> None:
    path = tmp_path / "spbot.db"
    db = await open_database(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)  # another process, say a CLI command
    try:
        other.execute("BEGIN IMMEDIATE")
        accepting = asyncio.ensure_future(inbox.accept(db, "telegram", "b", "1", "chat", {}))
        await asyncio.sleep(0.3)
        assert not accepting.done()  # it waits for the lock …
        ticker = asyncio.ensure_future(_ticks_while(accepting))
        await asyncio.sleep(0.3)
        other.execute("COMMIT")  # … and writes once it is free
        assert await asyncio.wait_for(accepting, 5) is not None
        # Meanwhile the loop kept running other tasks: a loop blocked in sqlite3's busy
        # handler would have ticked once or twice in those 0.3 s, not dozens of times.
        assert await ticker >= 10
    finally:
        other.close()
        await db.dispose()


async def test_a_lock_held_past_the_wait_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_driver, "LOCK_WAIT_S", 0.2)
    path = tmp_path / "spbot.db"
    db = await open_database(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(Exception, match="locked"):
            await asyncio.wait_for(inbox.accept(db, "telegram", "b", "1", "chat", {}), 5)
        other.execute("ROLLBACK")
        assert await inbox.accept(db, "telegram", "b", "1", "chat", {}) is not None
    finally:
        other.close()
        await db.dispose()


async def test_readers_do_not_wait_for_a_writer_and_long_reads_see_the_same_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "spbot.db"
    db = await open_database(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        await inbox.accept(db, "telegram", "b", "1", "chat", {})
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM inbox")  # not committed: readers see the row
        async with db.reading() as conn:
            assert await conn.scalar(select(func.count()).select_from(InboxItem)) == 1
        async with db.bulk_sessions() as session:
            assert await session.scalar(select(func.count()).select_from(InboxItem)) == 1
        other.execute("COMMIT")
        async with db.bulk_reading() as conn:
            assert await conn.scalar(select(func.count()).select_from(InboxItem)) == 0
    finally:
        other.close()
        await db.dispose()
