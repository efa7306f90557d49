"""Backups of a running SQLite database: taken while writers write, the copy is whole (every
transaction in it entirely or not at all) and restores to a readable database."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage.backup import BackupFailed, backup_sqlite, check_backup, restore_sqlite
from bot.storage.db import open_database
from bot.storage.erasure import add_audit
from bot.storage.models import utcnow


async def test_a_backup_during_writes_is_complete_and_restores(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    db = await open_database(f"sqlite+aiosqlite:///{live}")
    stop = asyncio.Event()

    async def writer() -> int:
        n = 0
        while not stop.is_set():
            async with db.transaction() as session:  # two rows, one transaction
                for half in ("a", "b"):
                    add_audit(
                        session, "system", None, "backup_test", f"{n}{half}", None, {}, utcnow()
                    )
            n += 1
            await asyncio.sleep(0)
        return n

    task = asyncio.create_task(writer())
    await asyncio.sleep(0.3)
    copy = tmp_path / "copy.db"
    await asyncio.to_thread(backup_sqlite, live, copy, 8)  # small steps: writes interleave
    await asyncio.sleep(0.1)
    stop.set()
    written = await task
    await db.dispose()
    with sqlite3.connect(copy) as con:
        subjects = [
            r[0] for r in con.execute("SELECT subject FROM audit_log WHERE kind = 'backup_test'")
        ]
    assert subjects, "the copy has what was written before it"
    assert len(subjects) % 2 == 0, "no transaction is in the copy by half"
    assert len(subjects) // 2 <= written
    assert check_backup(copy) == _newest_revision()
    with pytest.raises(BackupFailed, match="exists"):
        backup_sqlite(live, copy)
    restored = tmp_path / "restored.db"
    restore_sqlite(copy, restored)
    again = await open_database(f"sqlite+aiosqlite:///{restored}")
    await again.dispose()
    with sqlite3.connect(restored) as con:
        assert con.execute("SELECT count(*) FROM audit_log WHERE kind = 'backup_test'").fetchone()[
            0
        ] == len(subjects)


def test_the_commands_back_up_and_restore_with_a_confirmation(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'spbot.db'}"}

    def spbot(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    assert spbot("seed", "--demo").returncode == 0
    assert spbot("db", "backup", str(tmp_path / "b.db")).returncode == 0
    assert spbot("roster", "export").stdout.count("\n") > 10
    not_ours = tmp_path / "other.db"
    sqlite3.connect(not_ours).execute("CREATE TABLE x (y)").connection.commit()
    run = spbot("db", "restore", str(not_ours), "--yes")
    assert run.returncode != 0 and "not an spbot database" in run.stderr + run.stdout
    run = spbot("db", "restore", str(tmp_path / "b.db"), stdin="n\n")
    assert run.returncode == 1 and "nothing restored" in run.stderr + run.stdout
    run = spbot("db", "restore", str(tmp_path / "b.db"), "--yes")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr


def _newest_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.storage.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head
