"""Opening the database: engine, sessions, SQLite pragmas and automatic migrations."""

from __future__ import annotations

import asyncio
import collections
import functools
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.domain import SpbotError
from bot.storage import sqlite_driver

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant: makes concurrent PostgreSQL start-ups migrate one at a time.
_MIGRATION_LOCK_ID = 0x5B0B


# How the storage itself says it cannot take a write (SQLite, PostgreSQL, the OS).
_STORAGE_FAILURES = (
    ("database or disk is full", "disk full"),
    ("no space left on device", "disk full"),
    ("could not extend file", "disk full"),
    ("readonly database", "read-only"),
    ("read-only file system", "read-only"),
    ("disk i/o error", "I/O error"),
)


def storage_failure(error: BaseException) -> str | None:
    """Why the storage failed ("disk full", "read-only", "I/O error"), or None."""
    text_ = str(error).lower()
    for marker, reason in _STORAGE_FAILURES:
        if marker in text_:
            return reason
    return None


class Database:
    def __init__(self, engine: AsyncEngine, bulk_engine: AsyncEngine | None = None) -> None:
        self.engine = engine
        # Reads (``sessions``) begin DEFERRED on SQLite: in WAL mode they never wait for a
        # writer. Writes (``transaction``) begin IMMEDIATE (see ``_sqlite_begin``).
        self._read_engine = engine.execution_options(spbot_read_only=True)
        self.sessions = async_sessionmaker(self._read_engine, expire_on_commit=False)
        # Long reads (reports, exports, scans of every conversation): on SQLite, whose
        # driver here runs on the event loop (bot/storage/sqlite_driver.py), they go to a
        # driver with a thread of its own, so the loop keeps answering meanwhile.
        self._bulk_engine = bulk_engine
        self.bulk_sessions = async_sessionmaker(
            (bulk_engine or engine).execution_options(spbot_read_only=True),
            expire_on_commit=False,
        )
        self._writes = async_sessionmaker(engine, expire_on_commit=False)
        # SQLite has one writer at a time; its busy handler makes waiters sleep in growing
        # steps (up to 100 ms) and lets later ones overtake, which put 1 s tails on webhook
        # answers under load. Writers of this process queue here instead, first come first
        # served (other processes still meet the busy timeout).
        self._write_turn = WriteTurns() if self.is_sqlite else None
        # Since this process's SQLite writers take turns anyway, the short writes on every
        # message's path (``writing``) share one connection instead of a pool checkout each.
        self._writer: AsyncConnection | None = None

        # The last write that failed because of the storage itself (a full disk, a read-only
        # file system) and no write has succeeded since: /healthz reports it.
        self.write_failure: str | None = None

    def _wrote(self, error: BaseException | None) -> None:
        if error is None:
            self.write_failure = None
            return
        reason = storage_failure(error)
        if reason is not None:
            self.write_failure = reason

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def transaction(self, *, urgent: bool = False) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction, committed on success and rolled back on error.
        Never open one inside another (on SQLite the second would wait for the first).
        ``urgent``: someone waits on the other end (a platform for its 200): on SQLite it
        goes before the background writers waiting for their turn."""
        try:
            if self._write_turn is None:
                async with self._writes() as session, session.begin():
                    yield session
            else:
                async with (
                    self._write_turn.take(urgent),
                    self._writes() as session,
                    session.begin(),
                ):
                    yield session
        except BaseException as exc:
            self._wrote(exc)
            raise
        self._wrote(None)

    @asynccontextmanager
    async def writing(self, *, urgent: bool = False) -> AsyncIterator[AsyncConnection]:
        """Like ``transaction`` on a plain connection (SQLAlchemy Core, no ORM session):
        for the few statements on every message's path, where the session's bookkeeping
        would cost more than the work."""
        try:
            if self._write_turn is None:
                async with self.engine.begin() as conn:
                    yield conn
            else:
                async with self._write_turn.take(urgent):
                    writer = self._writer
                    if writer is None or writer.closed or writer.invalidated:
                        writer = self._writer = await self.engine.connect()
                    async with writer.begin():
                        yield writer
        except BaseException as exc:
            self._wrote(exc)
            raise
        self._wrote(None)

    @asynccontextmanager
    async def single_write(self, *, urgent: bool = False) -> AsyncIterator[AsyncConnection]:
        """A connection for one writing statement, atomic by itself: on PostgreSQL in
        autocommit (no BEGIN and COMMIT round trips), on SQLite as ``writing``."""
        if self._write_turn is not None:
            async with self.writing(urgent=urgent) as conn:
                yield conn
            return
        async with self.engine.connect() as plain:
            yield await plain.execution_options(isolation_level="AUTOCOMMIT")

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncConnection]:
        """A read-only connection (deferred on SQLite: it waits for no writer)."""
        async with self._read_engine.connect() as conn:
            yield conn

    @asynccontextmanager
    async def bulk_reading(self) -> AsyncIterator[AsyncConnection]:
        """``reading`` for a long read (see ``bulk_sessions``)."""
        engine = self._bulk_engine or self.engine
        async with engine.execution_options(spbot_read_only=True).connect() as conn:
            yield conn

    async def ping(self, timeout: float = 1.0) -> bool:
        """A read, which waits for no writer (another process's long write lock), within
        ``timeout`` seconds."""
        try:
            async with asyncio.timeout(timeout), self.reading() as conn:
                await conn.execute(text("SELECT 1"))
        except TimeoutError:
            log.warning("database ping took longer than %.1f s", timeout)
            return False
        except Exception:
            log.exception("database ping failed")
            return False
        return True

    async def dispose(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            await writer.close()
        await self.engine.dispose()
        if self._bulk_engine is not None:
            await self._bulk_engine.dispose()


def _sqlite_pragmas(
    dbapi_connection: Any, _record: Any, busy_ms: int = sqlite_driver.BUSY_MS
) -> None:
    # SQLAlchemy emits BEGIN itself (below): the driver's own transaction handling is off.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """SQLite's single-writer rule, made explicit: every writing transaction takes the write
    lock when it begins, so a read-then-write can never act on a stale snapshot (two
    processes accepting one offer, or firing one timer, are serialised; the second sees the
    first). Read-only sessions begin deferred: they see a consistent snapshot and block no
    one."""
    if connection.get_execution_options().get("spbot_read_only"):
        connection.exec_driver_sql("BEGIN")
    else:
        sqlite_driver.begin_immediate(connection.connection.dbapi_connection)  # type: ignore[arg-type]


class WriteTurns:
    """A FIFO lock with a fast lane: urgent writers (answers a platform waits for) go
    before the others waiting; each lane is first come, first served."""

    def __init__(self) -> None:
        self._held = False
        self._lanes: tuple[collections.deque[asyncio.Future[None]], ...] = (
            collections.deque(),
            collections.deque(),
        )

    @asynccontextmanager
    async def take(self, urgent: bool) -> AsyncIterator[None]:
        if self._held or any(self._lanes):
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._lanes[0 if urgent else 1].append(future)
            try:
                await future
            except asyncio.CancelledError:
                if future.done() and not future.cancelled():
                    self._release()  # it was handed the turn just as it was cancelled
                else:
                    self._lanes[0 if urgent else 1].remove(future)
                raise
        else:
            self._held = True
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        for lane in self._lanes:
            while lane:
                future = lane.popleft()
                if not future.done():
                    future.set_result(None)  # the turn passes on; still held
                    return
        self._held = False


class DatabaseUrlError(SpbotError):
    code = "database_url_invalid"


def create_engine(url: str) -> AsyncEngine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(
            "DATABASE_URL is not a database URL (expected e.g. sqlite:///var/spbot.db or "
            "postgresql://user@host/db)"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            f"DATABASE_URL uses '{parsed.get_backend_name()}': spbot runs on SQLite or PostgreSQL"
        )
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(parsed.set(drivername="sqlite+onloop"))
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    # Room for the chats being played (each holds a connection for its lock) and the turns.
    # No ping before each use (on asyncpg it is three round trips: BEGIN, a query, ROLLBACK,
    # on every checkout): a connection found dead invalidates the pool, and the request that
    # met it stays in the inbox and is played again (``inbox.is_transient``).
    return create_async_engine(url, pool_pre_ping=False, pool_size=10, max_overflow=20)


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
    command.upgrade(_alembic_config(connection), "head")


def _upgrade_sqlite(connection: Connection) -> None:
    """SQLite migrations run with foreign keys off, as SQLite asks of a table rebuild (the
    DROP TABLE of a rebuild would otherwise cascade into the rows that refer to it); the
    keys are checked before the migration commits and turned on again after."""
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            _upgrade(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise RuntimeError(f"a migration left {len(broken)} broken foreign keys")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


async def upgrade(engine: AsyncEngine) -> None:
    if engine.dialect.name == "sqlite":
        async with engine.connect() as conn:
            await conn.run_sync(_upgrade_sqlite)
        return
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade)


def _bulk_engine(engine: AsyncEngine) -> AsyncEngine | None:
    """For SQLite, a read-only engine whose driver (aiosqlite) works in threads."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    bulk = create_async_engine(
        engine.url.set(drivername="sqlite+aiosqlite"),
        connect_args={"timeout": 30},
        pool_size=2,
        max_overflow=2,
    )
    # Off the loop, a reader may wait for a lock the usual way.
    event.listen(bulk.sync_engine, "connect", functools.partial(_sqlite_pragmas, busy_ms=10_000))
    event.listen(bulk.sync_engine, "begin", _sqlite_begin)
    return bulk


async def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open the database at ``url`` and bring its schema up to date."""
    engine = create_engine(url)
    if migrate:
        await upgrade(engine)
    return Database(engine, _bulk_engine(engine))
