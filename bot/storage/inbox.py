"""The durable inbox: platform requests accepted before they are answered, played later,
each chat strictly in order; and a per-chat lock so that two processes never play one chat.

Guarantees (see docs/architecture.md): a request answered 200 is committed here first, so
it is always played; a redelivered request (same platform, bot and update id) is a no-op.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import AlreadyPlayedError
from bot.records import ChatHold, InboxEntry
from bot.storage.db import Database
from bot.storage.models import InboxItem, utcnow

DONE = "done"
FAILED = "failed"


# Built once: statements on every message's path, executed with their parameters (building
# and keying a statement each time costs more than running it).
_ACCEPT = insert(InboxItem).returning(InboxItem.id)
_COUNT_ATTEMPT = (
    update(InboxItem)
    .where(InboxItem.id == bindparam("w_id"))
    .values(attempts=InboxItem.attempts + 1)
    .returning(InboxItem.attempts)
)
_TRY_LOCK = text("SELECT pg_try_advisory_lock(:k)")
_UNLOCK = text("SELECT pg_advisory_unlock(:k)")
_MARK_DONE = update(InboxItem).where(
    InboxItem.id == bindparam("w_id"), InboxItem.processed_at.is_(None)
)


async def accept(
    db: Database,
    platform: str,
    bot: str,
    update_id: str,
    chat: str,
    payload: dict[str, Any] | None,
    *,
    handled: bool = False,
    now: datetime | None = None,
) -> int | None:
    """Store one request; its id, or None when the same request was accepted before.
    ``handled``: only remember its id (the caller handles it at once, and nothing is lost
    if that fails: e.g. Slack's App Home opened)."""
    now = now or utcnow()
    try:
        async with db.single_write(urgent=True) as conn:
            inbox_id = await conn.scalar(
                _ACCEPT,
                {
                    "platform": platform,
                    "bot": bot,
                    "update_id": update_id,
                    "chat": chat,
                    "payload": None if handled else payload,
                    "received_at": now,
                    "attempts": 0,
                    "processed_at": now if handled else None,
                    "outcome": DONE if handled else None,
                },
            )
            return int(inbox_id) if inbox_id is not None else None
    except IntegrityError:
        return None


async def pending_chats(db: Database, platform: str, limit: int = 500) -> list[str]:
    """Chats with requests waiting, the longest-waiting first."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(InboxItem.chat, func.min(InboxItem.id).label("first"))
            .where(InboxItem.processed_at.is_(None), InboxItem.platform == platform)
            .group_by(InboxItem.chat)
            .order_by("first")
            .limit(limit)
        )
        return [chat for chat, _ in rows]


_WAITING = (
    select(InboxItem.id, InboxItem.platform, InboxItem.chat, InboxItem.payload, InboxItem.attempts)
    .where(
        InboxItem.processed_at.is_(None),
        InboxItem.platform == bindparam("w_platform"),
        InboxItem.chat == bindparam("w_chat"),
    )
    .order_by(InboxItem.id)
    .limit(bindparam("w_limit"))
)


async def _waiting(conn: AsyncConnection, platform: str, chat: str, limit: int) -> list[InboxEntry]:
    rows = await conn.execute(_WAITING, {"w_platform": platform, "w_chat": chat, "w_limit": limit})
    return [
        InboxEntry(i, p, c, dict(payload or {}), attempts) for i, p, c, payload, attempts in rows
    ]


async def next_in_chat(db: Database, platform: str, chat: str, limit: int = 20) -> list[InboxEntry]:
    """The chat's waiting requests, oldest first."""
    async with db.reading() as conn:
        return await _waiting(conn, platform, chat, limit)


def mark_done(conn: Connection, inbox_id: int, now: datetime) -> None:
    """Inside the turn's transaction: the request was played (its text is cleared here: the
    transcript keeps what consent allows). Raises ``AlreadyPlayedError`` when it was played
    before, so that a second play of one request saves nothing."""
    result = conn.execute(
        _MARK_DONE, {"w_id": inbox_id, "processed_at": now, "outcome": DONE, "payload": None}
    )
    if result.rowcount != 1:
        raise AlreadyPlayedError(f"inbox row {inbox_id} was played already", inbox=inbox_id)


async def finish(
    db: Database, inbox_id: int, outcome: str = DONE, *, now: datetime | None = None
) -> None:
    """A request that needed no turn (or whose turn failed) is closed; idempotent. A failed
    one keeps its payload for the operator to look at, until retention removes it."""
    values: dict[str, Any] = {"processed_at": now or utcnow(), "outcome": outcome}
    if outcome == DONE:
        values["payload"] = None
    async with db.transaction() as session:
        await session.execute(
            update(InboxItem)
            .where(InboxItem.id == inbox_id, InboxItem.processed_at.is_(None))
            .values(**values)
        )


async def count_attempt(db: Database, inbox_id: int) -> int:
    """Note that playing the request is starting; returns the attempts so far."""
    async with db.single_write() as conn:
        return int(await conn.scalar(_COUNT_ATTEMPT, {"w_id": inbox_id}) or 0)


@contextlib.asynccontextmanager
async def chat_lock(db: Database, platform: str, chat: str) -> AsyncIterator[ChatHold]:
    """Hold the chat for this process while it is played (``mine`` is False when another
    process plays it now). On PostgreSQL a session advisory lock on a connection of its
    own, so a killed process lets go at once (its connection closes); on SQLite one process
    serves, and the caller's own bookkeeping is the lock (always mine)."""
    if db.is_sqlite:
        yield ChatHold(True, lambda limit: next_in_chat(db, platform, chat, limit))
        return
    key = int.from_bytes(
        hashlib.blake2b(f"{platform}:{chat}".encode(), digest_size=8).digest(), "big", signed=True
    )
    # Autocommit: a session lock needs no transaction, so taking and leaving it is one
    # round trip each.
    async with db.engine.connect() as plain:
        conn = await plain.execution_options(isolation_level="AUTOCOMMIT")
        got = bool(await conn.scalar(_TRY_LOCK, {"k": key}))
        try:
            yield ChatHold(got, lambda limit: _waiting(conn, platform, chat, limit))
        finally:
            if got:
                await conn.scalar(_UNLOCK, {"k": key})


def is_transient(error: BaseException) -> bool:
    """A database error that passes: the connection was lost (a restart, a network blip;
    SQLAlchemy then drops the pool's connections) or a lock could not be had in time (also
    SQLite's own error when another process held the write lock past the wait: it is
    raised by the driver's BEGIN IMMEDIATE, before SQLAlchemy could wrap it)."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, sqlite3.OperationalError):
        return "locked" in str(error) or "busy" in str(error)
    return isinstance(error, (OperationalError, InterfaceError, PoolTimeout, OSError))


async def prune(db: Database, processed_before: datetime) -> int:
    """Forget processed requests older than the platforms' redelivery window."""
    async with db.transaction() as session:
        result = await session.execute(
            delete(InboxItem).where(
                and_(InboxItem.processed_at.is_not(None), InboxItem.processed_at < processed_before)
            )
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class SqlInbox:
    """The inbox functions on one database (the ``InboxPort`` the channels are given)."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock

    @property
    def shared(self) -> bool:
        return not self.db.is_sqlite

    async def accept(
        self,
        platform: str,
        bot: str,
        update_id: str,
        chat: str,
        payload: dict[str, Any] | None,
        *,
        handled: bool = False,
    ) -> int | None:
        return await accept(
            self.db, platform, bot, update_id, chat, payload, handled=handled, now=self.clock()
        )

    async def pending_chats(self, platform: str) -> list[str]:
        return await pending_chats(self.db, platform)

    async def finish(self, inbox_id: int, outcome: str) -> None:
        await finish(self.db, inbox_id, outcome, now=self.clock())

    async def count_attempt(self, inbox_id: int) -> int:
        return await count_attempt(self.db, inbox_id)

    def transient(self, error: BaseException) -> bool:
        return is_transient(error)

    def chat_lock(
        self, platform: str, chat: str
    ) -> contextlib.AbstractAsyncContextManager[ChatHold]:
        return chat_lock(self.db, platform, chat)
