"""The installation's signing keys: random, made once on first use (the first process to
ask wins a race by the primary key), then read by every process from the database."""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database
from bot.storage.models import ServerKey, utcnow


async def server_key(db: Database, name: str) -> bytes:
    """The key called ``name`` (32 random bytes)."""
    async with db.sessions() as session:
        row = await session.get(ServerKey, name)
        if row is not None:
            return bytes.fromhex(row.value)
    try:
        async with db.transaction() as session:
            session.add(ServerKey(name=name, value=secrets.token_hex(32), created_at=utcnow()))
    except IntegrityError:
        pass  # another process made it first: read theirs
    async with db.sessions() as session:
        row = await session.get(ServerKey, name)
        assert row is not None
        return bytes.fromhex(row.value)
