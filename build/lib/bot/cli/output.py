"""What every ``spbot`` command module shares: the consoles, JSON output, running async work,
the settings the callback loaded, and opening the database once per command."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console

from bot.cases.actions import Actor
from bot.domain import ActorKind, SpbotError
from bot.settings import Settings

if TYPE_CHECKING:  # the workflow and the database load on first use: `spbot --help` stays quick
    from bot.cases.workflow import CaseWorkflow
    from bot.storage.db import Database

T = TypeVar("T")
out = Console()
err = Console(stderr=True)


def run_async(factory: Callable[[], Awaitable[T]], *, fast_loop: bool = False) -> T:
    """Run a coroutine; a product error becomes a clear message (never a traceback) and exit
    code 1. The message is printed literally: it may hold text a founder typed.
    ``fast_loop``: on uvloop (the long-running service; a no-op where uvloop is missing)."""
    runner: Callable[[Any], T] = asyncio.run
    if fast_loop:
        try:
            import uvloop
        except ImportError:  # not on this platform: the standard loop does the same work
            pass
        else:
            runner = uvloop.run
    try:
        return runner(factory())
    except SpbotError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error for the operator; ``raise fail(...)``."""
    err.print(f"error: {message}", markup=False, highlight=False)
    return typer.Exit(code)


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the root callback loaded once for this command."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return settings


@contextlib.asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[Database]:
    """The configured database, migrated and with reference data, closed afterwards."""
    # Not bot.app.open_db: that module loads every channel's SDK, which a command never needs.
    from bot.datafiles.gazetteer import load_gazetteer
    from bot.storage.db import open_database
    from bot.storage.gazetteer import sync_gazetteer

    db = await open_database(settings.database_url)
    await sync_gazetteer(db, load_gazetteer())
    try:
        yield db
    finally:
        await db.dispose()


async def with_workflow(settings: Settings, action: Callable[[CaseWorkflow], Awaitable[T]]) -> T:
    """Run ``action`` with the case workflow on the configured database (staff news is
    logged: the CLI has no channel of its own)."""
    from bot.assembly import build_workflow

    async with database(settings) as db:
        return await action(build_workflow(settings, db))


def operator(kind: ActorKind = ActorKind.COORDINATOR) -> Actor:
    """Whoever runs the command, as the audit trail records them."""
    return Actor(kind, f"cli:{getpass.getuser()}")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_json(data: Any, *, indent: int | None = 2) -> None:
    """The one way commands print JSON (stable for scripts: UTF-8, ISO dates)."""
    sys.stdout.write(
        json.dumps(data, ensure_ascii=False, indent=indent, default=_json_default) + "\n"
    )
