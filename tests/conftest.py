"""Shared fixtures: a fresh database per test (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot.app import Services, build_services
from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.partners import load_partners
from bot.settings import Settings, load_settings
from bot.storage.db import Database, create_engine, open_database
from bot.storage.gazetteer import sync_gazetteer, sync_partners
from bot.storage.models import Base

PG_URL = os.environ.get("TEST_DATABASE_URL")
# Everything but reference data (municipality, node) is emptied between PostgreSQL tests.
_REFERENCE_TABLES = {"municipality", "node", "alembic_version"}


def run_sync(coroutine: Any) -> Any:
    """``asyncio.run``, in a thread of its own when this one already runs a loop (the
    browser tests: Playwright's sync API keeps one while a browser is open)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# Tests that start processes (crashes, the CLI, backups, `make run`) or a browser, and the
# fault harnesses: the quick loop while working is `pytest -m "not slow"` (under a minute on
# two cores, `-n 2`); `make test` and CI run everything.
SLOW = (
    "tests/test_crash.py",
    "tests/browser/",
    "tests/test_cli.py",
    "tests/ops/test_backup.py",
    "tests/ops/test_deploy_guide.py",
    "tests/ops/test_observability.py::test_json_logs",
    "tests/console/test_make_run.py",
    "tests/content/test_content_check.py",
    "tests/events/test_calendar.py::test_the_command",
    # Fault harnesses: thousands of requests, or a whole story across three channels.
    "tests/telegram/test_webhook_edges.py::test_thousands_of_hostile_bodies",
    "tests/test_cross_channel.py",
    "tests/console/test_sign_in.py::test_password_spraying",
)


def pytest_configure(config: pytest.Config) -> None:
    """The reader by meaning's names' vectors computed before the workers start, once per
    machine (minutes; then cached: bot/matching/semantic.py), so that no test's
    first English idea, nor a `spbot` process a test starts, waits for them."""
    if not hasattr(config, "workerinput"):
        from bot.matching.semantic import IdeaMeaning

        IdeaMeaning().reader()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker(pytest.mark.on_postgresql)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if PG_URL else [])
        metafunc.parametrize("backend", backends, indirect=False, scope="function")


def _asyncpg_teardown_noise(record: logging.LogRecord) -> bool:
    """asyncio reporting, when it collects it, the internal future of an asyncpg connection
    that an earlier test's disposed pool closed ("unexpected connection_lost() call"): seen
    once in a CI run on PostgreSQL, not reproducible, and not the product's to handle."""
    return record.name == "asyncio" and "unexpected connection_lost() call" in record.getMessage()


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2 with its cheapest parameters in this process (argon2-cffi's own profile for
    tests): a console test signs four people up and in, and the default cost (~0.2 s a hash,
    on purpose) made those set-ups most of the quick loop's time. Still real argon2 hashes
    and verifications; the processes the slow tests start keep the default cost."""
    from argon2 import PasswordHasher, profiles

    from bot.console import accounts

    default = accounts._HASHER
    accounts._HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)
    yield
    accounts._HASHER = default


@pytest.fixture(autouse=True)
def _no_logged_errors(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """A test fails when the product logs an error it did not expect: swallowed exceptions
    (a failed routing, a failed send) must not pass unnoticed."""
    yield
    if request.node.get_closest_marker("allow_errors"):
        return
    errors = [
        r
        for r in caplog.get_records("call")
        if r.levelno >= logging.ERROR and not _asyncpg_teardown_noise(r)
    ]
    assert not errors, "unexpected errors logged:\n" + "\n".join(
        f"{r.name}: {r.getMessage()}" for r in errors
    )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with reference data, copied for each test (fast and fresh)."""
    path = tmp_path_factory.mktemp("template") / "template.db"

    async def prepare() -> None:
        db = await open_database(f"sqlite+aiosqlite:///{path}")
        await sync_gazetteer(db, load_gazetteer())
        await sync_partners(db, load_partners())
        await db.dispose()  # closing the last connection checkpoints the WAL into the file

    run_sync(prepare())
    return path


@pytest.fixture(scope="session")
def pg_prepared() -> str | None:
    if not PG_URL:
        return None

    async def prepare() -> None:
        engine = create_engine(PG_URL)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
        db = await open_database(PG_URL)
        await sync_gazetteer(db, load_gazetteer())
        await sync_partners(db, load_partners())
        await db.dispose()

    run_sync(prepare())
    return PG_URL


@pytest.fixture
def database_url(
    backend: str, tmp_path: Path, sqlite_template: Path, pg_prepared: str | None
) -> Iterator[str]:
    if backend == "sqlite":
        path = tmp_path / "spbot.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    assert pg_prepared

    async def truncate() -> None:
        engine = create_engine(pg_prepared)
        tables = [t.name for t in Base.metadata.sorted_tables if t.name not in _REFERENCE_TABLES]
        quoted = ", ".join(f'"{t}"' for t in tables)
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        await engine.dispose()
        db = await open_database(pg_prepared, migrate=False)
        await sync_partners(db, load_partners())  # the shipped ones, without a test's edits
        await db.dispose()

    run_sync(truncate())
    yield pg_prepared


@pytest.fixture
def settings(database_url: str) -> Settings:
    return load_settings(DATABASE_URL=database_url)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = await open_database(database_url)
    yield database
    await database.dispose()


@pytest.fixture
async def services(settings: Settings, db: Database) -> AsyncIterator[Services]:
    yield await build_services(settings, db)
