"""SQLite for the asyncio engine without a thread hop per call.

SQLAlchemy's aiosqlite dialect sends every DBAPI call (cursor, execute, fetch, close,
commit) to a thread of its own and back: four or five wake-ups of two threads per statement,
which cost more CPU than the statements themselves (spbot's statements take tens of
microseconds on a local file). This dialect runs the standard library's ``sqlite3`` right
on the event loop, as SQLAlchemy's greenlet bridge lets any synchronous driver do.

What keeps the loop from stalling:
- WAL mode: readers never wait for a writer, a writer never waits for readers;
- in this process, writers queue in ``WriteTurns`` (bot/storage/db.py) before they begin,
  so they never meet each other's lock;
- another process's write lock (a CLI command, a second worker) is waited for *off* the
  loop: the busy timeout is short (``BUSY_MS``), and a ``BEGIN IMMEDIATE`` that still finds
  the database locked sleeps asynchronously and tries again (``begin_immediate``);
- long reads (a ten-year report, a privacy search) go to an aiosqlite engine, in threads
  of its own (``Database.bulk_sessions``).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL
from sqlalchemy.util.concurrency import await_only  # its name in 2.0 and 2.1 alike

# How long one statement may wait for another process's lock on the loop before it gives
# the loop back (BEGIN IMMEDIATE) or fails (anything else: rare in WAL mode).
BUSY_MS = 20
# How long a writer waits, in all, for another process to let go of the write lock.
LOCK_WAIT_S = 30.0


class SQLiteDialect_onloop(SQLiteDialect_pysqlite):
    driver = "onloop"
    is_async = True
    supports_statement_cache = True

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        if cls._is_url_file_db(url):
            return pool.AsyncAdaptedQueuePool
        return pool.StaticPool

    # SQLAlchemy's AsyncConnection insists that a statement awaited something (to catch a
    # sync driver used by mistake): a coroutine that returns at once satisfies it for the
    # price of two greenlet switches, without a trip through the loop.
    def do_execute(self, cursor: Any, statement: Any, parameters: Any, context: Any = None) -> None:
        await_only(_passed())
        super().do_execute(  # type: ignore[no-untyped-call]
            cursor, statement, parameters, context
        )

    def do_execute_no_params(self, cursor: Any, statement: Any, context: Any = None) -> None:
        await_only(_passed())
        super().do_execute_no_params(  # type: ignore[no-untyped-call]
            cursor, statement, context
        )

    def do_executemany(
        self, cursor: Any, statement: Any, parameters: Any, context: Any = None
    ) -> None:
        await_only(_passed())
        super().do_executemany(  # type: ignore[no-untyped-call]
            cursor, statement, parameters, context
        )

    def create_connect_args(self, url: URL) -> Any:
        args, kwargs = super().create_connect_args(url)
        # The pool hands connections to whichever task needs one; all run on one loop, but
        # a test may close the engine from another thread.
        kwargs["check_same_thread"] = False
        kwargs["timeout"] = BUSY_MS / 1000
        kwargs["factory"] = _Connection
        return args, kwargs


class _Cursor(sqlite3.Cursor):
    async def _async_soft_close(self) -> None:
        """What SQLAlchemy's asyncio layer calls on a buffered result: nothing to do, rows
        are read from the cursor when asked for, on the loop."""


class _Connection(sqlite3.Connection):
    def cursor(self, factory: Any = _Cursor) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(factory)  # type: ignore[no-any-return]


async def _passed() -> None:
    return None


def begin_immediate(dbapi_connection: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE``, waiting for another process's write lock without blocking the
    loop (called inside SQLAlchemy's greenlet)."""
    deadline = time.monotonic() + LOCK_WAIT_S
    delay = 0.005
    while True:
        try:
            dbapi_connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        await_only(asyncio.sleep(delay))
        delay = min(delay * 2, 0.1)


registry.register("sqlite.onloop", "bot.storage.sqlite_driver", "SQLiteDialect_onloop")
