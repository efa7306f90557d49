"""Backups: a consistent copy of a running SQLite database (SQLite's online backup API,
page by page, so writers are never blocked for long and the copy is one transaction's
state), and restoring one; for PostgreSQL, ``pg_dump`` in its custom format."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.domain import SpbotError


class BackupFailed(SpbotError):
    code = "backup_failed"


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupFailed("an in-memory database has nothing to back up")
    return Path(parsed.database)


def backup_sqlite(source: Path, target: Path, pages: int = 256) -> int:
    """Copy ``source`` to ``target`` while it is in use; returns the copy's size in bytes."""
    if not source.exists():
        raise BackupFailed(f"no database at {source}")
    if target.exists():
        raise BackupFailed(f"{target} exists already: choose a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=pages, sleep=0.005)
        check = dst.execute("PRAGMA integrity_check").fetchone()
        if not check or check[0] != "ok":
            raise BackupFailed(f"the copy failed its integrity check: {check}")
    finally:
        dst.close()
        src.close()
    return target.stat().st_size


def check_backup(path: Path) -> str:
    """The schema version of a backup file, or ``BackupFailed`` if it is not one of ours."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupFailed(f"{path} cannot be opened: {exc}") from None
    try:
        ok = db.execute("PRAGMA integrity_check").fetchone()
        version = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupFailed(f"{path} is not an spbot database ({exc})") from None
    finally:
        db.close()
    if not ok or ok[0] != "ok" or not version:
        raise BackupFailed(f"{path} is damaged or not an spbot database")
    return str(version[0])


def restore_sqlite(backup: Path, target: Path) -> str:
    """Replace ``target`` with ``backup`` (checked first); returns the schema version.
    Stop the service first: restoring under a running product loses what it writes."""
    version = check_backup(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    for suffix in ("-wal", "-shm"):
        stale = Path(f"{target}{suffix}")
        if stale.exists() and stale.stat().st_size == 0:
            stale.unlink()
    return version


def pg_dump(url: str, target: Path) -> None:
    """``pg_dump --format=custom`` of the PostgreSQL database (restore with pg_restore)."""
    binary = shutil.which("pg_dump")
    if binary is None:
        raise BackupFailed(
            "pg_dump is not installed: install PostgreSQL's client tools (Debian: "
            "postgresql-client), or back up with your PostgreSQL's own tooling"
        )
    parsed = make_url(url).set(drivername="postgresql")
    plain = parsed.render_as_string(hide_password=False)
    result = subprocess.run(
        [binary, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={plain}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupFailed(f"pg_dump failed: {result.stderr.strip()[:500]}")
