"""``spbot db``: the database schema."""

from __future__ import annotations

import typer

from bot.cli.output import database, out, run_async, settings_of

app = typer.Typer(help="Database schema.", no_args_is_help=True)


async def upgrade(ctx: typer.Context) -> None:
    async with database(settings_of(ctx)):
        pass


@app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply all migrations (every command that opens the database does this too)."""
    run_async(lambda: upgrade(ctx))
    out.print("Database is up to date.")
