"""``spbot seed`` and ``spbot roster``: the demo roster, importing and exporting rosters."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.output import database, fail, operator, out, run_async, settings_of
from bot.settings import Settings

app = typer.Typer(help="Advisor rosters (CSV or YAML).", no_args_is_help=True)


async def import_file(settings: Settings, path: Path, replace: bool) -> str:
    from bot.assembly import import_roster_file

    async with database(settings) as db:
        summary = await import_roster_file(db, path, replace=replace, actor=operator())
        return summary.line()


def seed(
    ctx: typer.Context,
    demo: Annotated[bool, typer.Option("--demo", help="Load the fictitious demo roster.")] = False,
    history: Annotated[
        int,
        typer.Option(
            "--history",
            min=0,
            max=20000,
            help="With --demo: also play this many fictitious intakes over the past year "
            "through the case workflow (a fresh database only), for real-looking reports.",
        ),
    ] = 0,
) -> None:
    """Load reference data (always) and, with --demo, the fictitious demo roster (and with
    --history N, a fictitious year of N intakes)."""
    from bot.assembly import DEMO_ROSTER

    settings = settings_of(ctx)
    if not demo:

        async def upgrade() -> None:
            async with database(settings):
                pass

        run_async(upgrade)
        out.print("Database is up to date.")
        return
    out.print(run_async(lambda: import_file(settings, DEMO_ROSTER, replace=False)))
    from bot.console.accounts import ensure_demo_accounts
    from bot.settings import public_base

    async def accounts() -> list[tuple[str, str, str]]:
        async with database(settings) as db:
            return await ensure_demo_accounts(db)

    if history:
        run_async(lambda: write_history(settings, history))
    made = run_async(accounts)
    out.print(f"Console: {public_base(settings)}/console/ - demo accounts (passwords shown once):")
    for email, role, password in made:
        out.print(f"  {role:12} {email:28} {password}")


@app.command("import")
def roster_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .csv, .yaml or .yml roster.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Deactivate advisors missing from the file.")
    ] = False,
) -> None:
    """Create or update advisors from a roster file; a bad row changes nothing. With Slack
    configured, advisors with an email and no Slack id are then linked (as link-slack)."""
    if not file.exists():
        raise fail(f"no such file: {file}")
    settings = settings_of(ctx)
    out.print(run_async(lambda: import_file(settings, file, replace)))
    if settings.slack_bot_token is not None:
        _print_linking(run_async(lambda: link_slack(settings)))


@app.command("link-slack")
def roster_link_slack(ctx: typer.Context) -> None:
    """Find advisors' Slack member ids from their roster email (users.lookupByEmail; the app
    needs the users:read.email scope) and report who was linked, not found or ambiguous."""
    settings = settings_of(ctx)
    if settings.slack_bot_token is None:
        raise fail("SLACK_BOT_TOKEN is not set: there is no Slack to look people up in", 2)
    _print_linking(run_async(lambda: link_slack(settings)))


async def link_slack(settings: Settings) -> Any:
    from bot.handlers.slack.app import web_client
    from bot.handlers.slack.linking import find_members
    from bot.storage.advisors import link_slack_ids, slack_candidates

    assert settings.slack_bot_token is not None
    client = web_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    async with database(settings) as db:
        missing, taken = await slack_candidates(db)
        result = await find_members(client, missing, taken)
        await link_slack_ids(db, result.linked, operator())
    return result


def _print_linking(result: Any) -> None:
    out.print(f"Linked to Slack: {len(result.linked)}", markup=False)
    for key, member in sorted(result.linked.items()):
        out.print(f"  {key} → {member}", markup=False)
    if result.not_found:
        out.print(f"Not found in Slack ({len(result.not_found)}): {', '.join(result.not_found)}")
    for line in result.ambiguous:
        out.print(f"Ambiguous, not linked: {line}", markup=False)
    for line in result.failed:
        out.print(f"Failed: {line}", markup=False)


@app.command("export")
def roster_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or yaml")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Write the roster as CSV or YAML (to stdout unless --output is given)."""
    from bot.datafiles.roster import write_roster
    from bot.storage.advisors import export_roster

    async def go() -> str:
        async with database(settings_of(ctx)) as db:
            return write_roster(await export_roster(db), fmt.lower())

    text = run_async(go)
    if output:
        output.write_text(text, encoding="utf-8")
        out.print(f"Wrote {output}.")
    else:
        sys.stdout.write(text)


async def write_history(settings: Settings, ideas: int) -> None:
    """The demo year (bot/sim/history.py), with the demo roster as parsed from its file."""
    import time

    from bot.assembly import DEMO_ROSTER, workflow_settings
    from bot.datafiles.gazetteer import load_gazetteer
    from bot.datafiles.roster import parse_roster
    from bot.datafiles.taxonomy import load_taxonomy
    from bot.sim.history import HistoryExists, write_demo_year
    from bot.storage.models import utcnow

    roster = parse_roster(
        DEMO_ROSTER,
        known_nodes=[n.slug for n in load_gazetteer().nodes],
        known_tags=load_taxonomy().tags,
    )
    began = time.monotonic()
    async with database(settings) as db:
        try:
            cases = await write_demo_year(db, roster, workflow_settings(settings), utcnow(), ideas)
        except HistoryExists as exc:
            raise fail(str(exc)) from None
    out.print(
        f"Demo year: {cases} fictitious cases over the past year "
        f"({time.monotonic() - began:.0f} s)."
    )
