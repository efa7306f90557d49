"""Migrations on a database with rows in it: SQLite's table rebuild (0010, ids never reused)
keeps every row, every foreign key and the audit tables' append-only triggers."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from bot.storage.db import _alembic_config, create_engine, upgrade

ROWS = [
    "INSERT INTO founder (id, language, created_at) VALUES (1, 'sv', '2026-01-01')",
    "INSERT INTO founder (id, language, created_at) VALUES (2, 'sv', '2026-01-01')",
    "INSERT INTO conversation (id, founder_id, channel, external_id, flow, step, language, "
    "status, consent, answers, context, version, created_at, updated_at) VALUES "
    "(7, 2, 'telegram', 'b', 'intake', 'idea', 'sv', 'active', 1, '{}', '{}', 1, "
    "'2026-01-01', '2026-01-01')",
    "INSERT INTO audit_log (actor_kind, kind, payload, created_at) "
    "VALUES ('system', 'intake_started', '{}', '2026-01-01')",
]


def _to_0009_with_rows(connection: Connection) -> None:
    command.upgrade(_alembic_config(connection), "0009")
    for statement in ROWS:
        connection.exec_driver_sql(statement)


async def test_the_rebuild_keeps_rows_keys_and_triggers(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(_to_0009_with_rows)
    await upgrade(engine)
    async with engine.begin() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM conversation"))).scalar() == 1
        assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        # The next conversation takes a new id, above the highest ever given.
        await conn.execute(text("DELETE FROM conversation WHERE id = 7"))
        await conn.execute(
            text(
                "INSERT INTO conversation (founder_id, channel, external_id, flow, step, "
                "language, status, consent, answers, context, version, created_at, "
                "updated_at) VALUES (1, 'telegram', 'a', 'intake', 'idea', 'sv', 'active', "
                "1, '{}', '{}', 1, '2026-01-01', '2026-01-01')"
            )
        )
        assert (await conn.execute(text("SELECT max(id) FROM conversation"))).scalar() == 8
        # Foreign keys still cascade (erasure relies on it).
        await conn.execute(text("DELETE FROM founder WHERE id = 1"))
        assert (await conn.execute(text("SELECT count(*) FROM conversation"))).scalar() == 0
    with pytest.raises(DBAPIError, match="append-only"):
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM audit_log"))
    await engine.dispose()
