"""The ``spbot`` command line: database, seeding, rosters, content checks, chat, cases."""

from __future__ import annotations

import getpass
import json
import logging
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table

from bot.cli_cases import register as register_cases
from bot.cli_matching import register as register_matching
from bot.cli_support import err, out, run_async
from bot.domain import CaseStatus, SpbotError
from bot.settings import Settings, load_settings

T = TypeVar("T")

app = typer.Typer(
    help="spbot – intake and advisor matching for Science Park, Region Jönköping.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
roster_app = typer.Typer(help="Advisor rosters (CSV or YAML).", no_args_is_help=True)
content_app = typer.Typer(help="Conversation content.", no_args_is_help=True)
cases_app = typer.Typer(help="Cases, for coordinators and admins.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(roster_app, name="roster")
app.add_typer(content_app, name="content")
app.add_typer(cases_app, name="cases")
register_matching(app)
register_cases(app, cases_app)

DEMO_ROSTER = Path(__file__).resolve().parent.parent / "data" / "demo_roster.yaml"


def _settings() -> Settings:
    return load_settings()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n")


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log at INFO.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# --- database ----------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations (every command that opens the database does this too)."""
    from bot.app import open_db

    async def go() -> None:
        db = await open_db(_settings())
        await db.dispose()

    run_async(go)
    out.print("Database is up to date.")


# --- seeding and rosters -----------------------------------------------------------------


async def _import(path: Path, replace: bool) -> str:
    from bot.app import open_db
    from bot.reference import load_gazetteer
    from bot.roster import parse_roster
    from bot.storage.advisors import import_roster
    from bot.taxonomy import load_taxonomy

    records = parse_roster(
        path,
        known_nodes=[n.slug for n in load_gazetteer().nodes],
        known_tags=load_taxonomy().tags,
    )
    db = await open_db(_settings())
    try:
        summary = await import_roster(db, records, replace=replace)
    finally:
        await db.dispose()
    return (
        f"{len(records)} advisors: {summary.created} created, {summary.updated} updated, "
        f"{summary.deactivated} deactivated."
    )


@app.command("seed")
def seed(
    demo: Annotated[bool, typer.Option("--demo", help="Load the fictitious demo roster.")] = False,
) -> None:
    """Load reference data (always) and, with --demo, the fictitious demo roster."""
    if not demo:
        db_upgrade()
        return
    out.print(run_async(lambda: _import(DEMO_ROSTER, replace=False)))


@roster_app.command("import")
def roster_import(
    file: Annotated[Path, typer.Argument(help="A .csv, .yaml or .yml roster.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Deactivate advisors missing from the file.")
    ] = False,
) -> None:
    """Create or update advisors from a roster file; a bad row changes nothing."""
    if not file.exists():
        err.print(f"error: no such file: {file}")
        raise typer.Exit(1)
    out.print(run_async(lambda: _import(file, replace)))


@roster_app.command("export")
def roster_export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or yaml")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Write the roster as CSV or YAML (to stdout unless --output is given)."""
    from bot.app import open_db
    from bot.roster import write_roster
    from bot.storage.advisors import export_roster

    async def go() -> str:
        db = await open_db(_settings())
        try:
            return write_roster(await export_roster(db), fmt.lower())
        finally:
            await db.dispose()

    text = run_async(go)
    if output:
        output.write_text(text, encoding="utf-8")
        out.print(f"Wrote {output}.")
    else:
        sys.stdout.write(text)


# --- content -----------------------------------------------------------------------------


@content_app.command("check")
def content_check(
    file: Annotated[
        Path | None, typer.Argument(help="Flow file (default: the configured one).")
    ] = None,
) -> None:
    """Validate the conversation content: schema, step targets, every message in every language."""
    from bot.content import load_flow

    path = file or _settings().flow_file
    try:
        flow = load_flow(path)
    except SpbotError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    out.print(
        f"{path}: OK – {len(flow.steps)} steps, {len(flow.messages)} messages in "
        f"{', '.join(lang.value for lang in flow.languages)}."
    )


# --- chat --------------------------------------------------------------------------------


async def _chat(user: str, language: str | None, seed_demo: bool) -> None:
    from bot.app import build_services
    from bot.handlers.terminal import run_chat
    from bot.storage.advisors import count_advisors

    services = await build_services(_settings())
    try:
        if seed_demo and await count_advisors(services.db) == 0:
            out.print(await _import(DEMO_ROSTER, replace=False))
        await run_chat(services.engine, user, language_hint=language)
    finally:
        await services.close()


@app.command("chat")
def chat(
    user: Annotated[str, typer.Option(help="Who you are in the terminal channel.")] = "",
    language: Annotated[str | None, typer.Option(help="sv or en")] = None,
) -> None:
    """Do the founder intake in the terminal (choices are numbered)."""
    run_async(lambda: _chat(user or f"terminal-{getpass.getuser()}", language, seed_demo=False))


@app.command("run")
def run(
    user: Annotated[str, typer.Option(help="Who you are in the terminal channel.")] = "",
    language: Annotated[str | None, typer.Option(help="sv or en")] = None,
) -> None:
    """Try the product: seeds the demo roster on first run, then starts the terminal chat."""
    settings = _settings()
    out.print(f"[dim]Database: {settings.database_url}[/dim]")
    run_async(lambda: _chat(user or f"terminal-{getpass.getuser()}", language, seed_demo=True))


# --- cases -------------------------------------------------------------------------------


@cases_app.command("list")
def cases_list(
    status: Annotated[str | None, typer.Option(help="Only cases with this status.")] = None,
    node: Annotated[str | None, typer.Option(help="Only cases at this node (slug).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List cases, newest first."""
    from bot.app import open_db
    from bot.storage.case_queries import list_cases

    if status and status not in {s.value for s in CaseStatus}:
        err.print(
            f"error: unknown status '{status}' (one of: {', '.join(s.value for s in CaseStatus)})"
        )
        raise typer.Exit(1)

    async def go() -> Any:
        db = await open_db(_settings())
        try:
            return await list_cases(db, status=status, node=node)
        finally:
            await db.dispose()

    cases = run_async(go)
    if as_json:
        _print_json([asdict(c) for c in cases])
        return
    if not cases:
        out.print("No cases.")
        return
    table = Table("Ref", "Status", "Municipality", "Node", "Advisor", "Stage", "Needs", "Opened")
    for c in cases:
        table.add_row(
            c.ref,
            c.status,
            c.municipality,
            c.node or "–",
            c.advisor or "–",
            c.stage or "–",
            ", ".join(c.needs),
            c.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    out.print(table)


@cases_app.command("show")
def cases_show(
    ref: Annotated[str, typer.Argument(help="Case reference, e.g. JKP-2026-0001.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show one case: answers, status, audit events and the intake transcript."""
    from bot.app import open_db
    from bot.storage.case_queries import get_case

    async def go() -> Any:
        db = await open_db(_settings())
        try:
            return await get_case(db, ref)
        finally:
            await db.dispose()

    detail = run_async(go)
    if as_json:
        _print_json(asdict(detail))
        return
    s = detail.summary
    out.print(
        f"[bold]{s.ref}[/bold]  {s.status}  {s.municipality} ({s.municipality_code})  "
        f"node {s.node or '–'}  advisor {s.advisor or '–'}"
    )
    out.print("[bold]Answers[/bold]")
    for key, value in detail.answers.items():
        out.print(f"  {key}: {value}", markup=False, highlight=False)
    out.print("[bold]Events[/bold]")
    for e in detail.events:
        out.print(
            f"  {e.at:%Y-%m-%d %H:%M} {e.actor_kind} {e.kind} – {e.reason or ''}",
            markup=False,
            highlight=False,
        )
    out.print("[bold]Transcript[/bold]")
    for line in detail.transcript:
        arrow = "→" if line.direction == "inbound" else "←"
        out.print(f"  {line.at:%H:%M:%S} {arrow} {line.text}", markup=False, highlight=False)
        for choice in line.choices or []:
            out.print(f"      [{choice}]", markup=False, highlight=False)


def main() -> None:
    try:
        app()
    except SpbotError as exc:  # e.g. invalid configuration, before any command ran
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise SystemExit(1) from None
