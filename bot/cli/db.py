"""``spbot db``: the schema, backups and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.output import database, fail, out, run_async, settings_of

app = typer.Typer(help="Database: schema, backup, restore.", no_args_is_help=True)


async def upgrade(ctx: typer.Context) -> None:
    async with database(settings_of(ctx)):
        pass


@app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply all migrations (every command that opens the database does this too)."""
    run_async(lambda: upgrade(ctx))
    out.print("Database is up to date.")


@app.command("backup")
def db_backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The new backup file.")],
) -> None:
    """A consistent copy of the database while the product runs (SQLite's online backup;
    on PostgreSQL, pg_dump's custom format, restored with pg_restore)."""
    from bot.storage.backup import backup_sqlite, pg_dump, sqlite_path

    url = settings_of(ctx).database_url
    path = sqlite_path(url)
    if path is None:
        pg_dump(url, file)
        out.print(
            f"PostgreSQL dump written to {file} (restore with: pg_restore -d DATABASE {file})."
        )
        return
    size = backup_sqlite(path, file)
    out.print(f"Backup of {path} written to {file} ({size // 1024} kB).")


@app.command("restore")
def db_restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by `spbot db backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the SQLite database with a backup (checked first). Stop the service first."""
    from bot.storage.backup import check_backup, restore_sqlite, sqlite_path

    path = sqlite_path(settings_of(ctx).database_url)
    if path is None:
        raise fail("on PostgreSQL, restore a dump with pg_restore (see docs/deploy.md)", 2)
    if not file.exists():
        raise fail(f"no such file: {file}")
    version = check_backup(file)
    if not yes and not typer.confirm(
        f"Replace {path} with {file} (schema {version})? Everything written since is lost."
    ):
        raise fail("nothing restored", 1)
    restore_sqlite(file, path)
    out.print(f"Restored {path} from {file}; migrations run at the next start.")
