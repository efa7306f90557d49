"""``spbot chat`` and ``spbot run``: the founder intake in the terminal."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from bot.cli.output import out, run_async, settings_of
from bot.settings import Settings


async def _chat(settings: Settings, user: str, language: str | None, seed_demo: bool) -> None:
    from bot.app import DEMO_ROSTER, build_services, import_roster_file
    from bot.handlers.terminal import run_chat
    from bot.storage.advisors import count_advisors

    services = await build_services(settings)
    try:
        if seed_demo and await count_advisors(services.db) == 0:
            out.print((await import_roster_file(services.db, DEMO_ROSTER)).line())
        await run_chat(services.engine, user, language_hint=language)
    finally:
        await services.close()


def chat(
    ctx: typer.Context,
    user: Annotated[str, typer.Option(help="Who you are in the terminal channel.")] = "",
    language: Annotated[str | None, typer.Option(help="sv or en")] = None,
) -> None:
    """Do the founder intake in the terminal (choices are numbered)."""
    settings = settings_of(ctx)
    who = user or f"terminal-{getpass.getuser()}"
    run_async(lambda: _chat(settings, who, language, seed_demo=False))


def run(
    ctx: typer.Context,
    user: Annotated[str, typer.Option(help="Who you are in the terminal channel.")] = "",
    language: Annotated[str | None, typer.Option(help="sv or en")] = None,
) -> None:
    """Try the product: seeds the demo roster on first run, then starts the terminal chat."""
    settings = settings_of(ctx)
    out.print(f"[dim]Database: {settings.database_url}[/dim]")
    who = user or f"terminal-{getpass.getuser()}"
    run_async(lambda: _chat(settings, who, language, seed_demo=True))
