"""The durable inbox: platform requests accepted before they are answered, played later,
each chat strictly in order; and a per-chat lock so that two processes never play one chat.

Guarantees (see docs/architecture.md): a request answered 200 is committed here first, so
it is always played; a redelivered request (same platform, bot and update id) is a no-op.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from bot.records import InboxEntry
from bot.storage.db import Database
from bot.storage.models import InboxItem, utcnow

DONE = "done"
FAILED = "failed"


# Built once: statements on every message's path, executed with their parameters (building
# and keying a statement each time costs more than running it).
_ACCEPT = insert(InboxItem).returning(InboxItem.id)
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
) -> int | None:
    """Store one request; its id, or None when the same request was accepted before.
    ``handled``: only remember its id (the caller handles it at once, and nothing is lost
    if that fails: e.g. Slack's App Home opened)."""
    now = utcnow()
    try:
        async with db.writing(urgent=True) as conn:
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


async def next_in_chat(db: Database, platform: str, chat: str, limit: int = 20) -> list[InboxEntry]:
    """The chat's waiting requests, oldest first."""
    async with db.sessions() as session:
        rows = (
            await session.scalars(
                select(InboxItem)
                .where(
                    InboxItem.processed_at.is_(None),
                    InboxItem.platform == platform,
                    InboxItem.chat == chat,
                )
                .order_by(InboxItem.id)
                .limit(limit)
            )
        ).all()
    return [InboxEntry(r.id, r.platform, r.chat, dict(r.payload or {}), r.attempts) for r in rows]


def mark_done(conn: Connection, inbox_id: int, now: datetime) -> None:
    """Inside the turn's transaction: the request was played (its text is cleared here: the
    transcript keeps what consent allows)."""
    conn.execute(
        _MARK_DONE, {"w_id": inbox_id, "processed_at": now, "outcome": DONE, "payload": None}
    )


async def finish(db: Database, inbox_id: int, outcome: str = DONE) -> None:
    """A request that needed no turn (or whose turn failed) is closed; idempotent. A failed
    one keeps its payload for the operator to look at, until retention removes it."""
    values: dict[str, Any] = {"processed_at": utcnow(), "outcome": outcome}
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
    async with db.transaction() as session:
        await session.execute(
            update(InboxItem)
            .where(InboxItem.id == inbox_id)
            .values(attempts=InboxItem.attempts + 1)
        )
        return int(
            await session.scalar(select(InboxItem.attempts).where(InboxItem.id == inbox_id)) or 0
        )


@contextlib.asynccontextmanager
async def chat_lock(db: Database, platform: str, chat: str) -> AsyncIterator[bool]:
    """Hold the chat for this process while it is played: yields False when another process
    plays it now. On PostgreSQL a session advisory lock on a connection of its own, so a
    killed process lets go at once (its connection closes); on SQLite one process serves,
    and the caller's own bookkeeping is the lock (always True)."""
    if db.is_sqlite:
        yield True
        return
    key = int.from_bytes(
        hashlib.blake2b(f"{platform}:{chat}".encode(), digest_size=8).digest(), "big", signed=True
    )
    async with db.engine.connect() as conn:
        got = bool(await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}))
        await conn.commit()
        try:
            yield got
        finally:
            if got:
                await conn.scalar(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                await conn.commit()


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

    def __init__(self, db: Database) -> None:
        self.db = db

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
        return await accept(self.db, platform, bot, update_id, chat, payload, handled=handled)

    async def pending_chats(self, platform: str) -> list[str]:
        return await pending_chats(self.db, platform)

    async def next_in_chat(self, platform: str, chat: str) -> list[InboxEntry]:
        return await next_in_chat(self.db, platform, chat)

    async def finish(self, inbox_id: int, outcome: str) -> None:
        await finish(self.db, inbox_id, outcome)

    async def count_attempt(self, inbox_id: int) -> int:
        return await count_attempt(self.db, inbox_id)

    def chat_lock(self, platform: str, chat: str) -> contextlib.AbstractAsyncContextManager[bool]:
        return chat_lock(self.db, platform, chat)
