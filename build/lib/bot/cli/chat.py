"""``spbot chat`` and ``spbot run``: the founder intake in the terminal."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from bot.cli.output import out, run_async, settings_of
from bot.settings import Settings


async def _chat(settings: Settings, user: str, language: str | None, seed_demo: bool) -> None:
    from bot.app import build_services
    from bot.assembly import DEMO_ROSTER, import_roster_file
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
    demo: Annotated[
        bool, typer.Option("--demo", help="Seed the fictitious demo roster if it is empty.")
    ] = False,
) -> None:
    """Do the founder intake in the terminal (choices are numbered)."""
    settings = settings_of(ctx)
    if demo:
        out.print(f"[dim]Database: {settings.database_url}[/dim]")
    who = user or f"terminal-{getpass.getuser()}"
    run_async(lambda: _chat(settings, who, language, seed_demo=demo))


def run(ctx: typer.Context) -> None:
    """Try the product in a browser (what `make run` runs): seeds the demo roster on first
    use, gives the demo staff accounts new passwords, prints the addresses, then serves."""
    from bot.cli.serve import serve

    settings = settings_of(ctx)
    run_async(lambda: _prepare_demo(settings))
    serve(ctx)


async def _prepare_demo(settings: Settings) -> None:
    from bot.assembly import DEMO_ROSTER, import_roster_file
    from bot.cli.output import database
    from bot.console.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
    from bot.settings import public_base
    from bot.storage.advisors import count_advisors, export_roster

    base = public_base(settings)
    async with database(settings) as db:
        out.print(f"[dim]Database: {settings.database_url}[/dim]")
        if await count_advisors(db) == 0:
            out.print((await import_roster_file(db, DEMO_ROSTER)).line())
        keys = {a.key for a in await export_roster(db)}
        demo = all(advisor is None or advisor in keys for _, _, advisor in DEMO_ACCOUNTS)
        out.print(f"\n[bold]Founder chat[/bold]: {base}/")
        out.print(f"[bold]Staff console[/bold]: {base}/console/")
        if demo:
            out.print("  Demo accounts (new passwords at every start, shown only here):")
            for email, role, password in await ensure_demo_accounts(db):
                out.print(f"    {role:12} {email:26} {password}")
        else:
            out.print("  Add people with `spbot staff add EMAIL --role ...`.")
        out.print(
            "The intake also runs in a terminal (`spbot chat`); Telegram and Slack start too "
            "when their tokens are set.\n"
        )
