"""The ``spbot`` command line: one Typer app, one module per sub-app. Settings are loaded
once, in the root callback, and reach every command through the Typer context."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from bot.cli import (
    cases,
    chat,
    companies,
    content,
    db,
    events,
    founders,
    matching,
    meetings,
    report,
    roster,
    serve,
    simulate,
    staff,
    workload,
)
from bot.cli.output import err
from bot.domain import SpbotError
from bot.logs import configure as configure_logging
from bot.settings import load_settings

app = typer.Typer(
    help="spbot – intake and advisor matching for Science Park, Region Jönköping.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
app.add_typer(roster.app, name="roster")
app.add_typer(content.app, name="content")
app.add_typer(cases.app, name="cases")
app.add_typer(founders.app, name="founders")
app.add_typer(staff.app, name="staff")
app.add_typer(events.app, name="events")
app.add_typer(meetings.app, name="meetings")
app.add_typer(companies.app, name="companies")
app.add_typer(matching.places_app, name="places")
app.add_typer(workload.advisors_app, name="advisors")
app.command("seed")(roster.seed)
app.command("chat")(chat.chat)
app.command("run")(chat.run)
app.command("classify")(matching.classify)
app.command("match")(matching.match)
app.command("workload")(workload.workload)
app.command("rebalance")(workload.rebalance)
app.command("serve")(serve.serve)
app.command("worker")(serve.worker)
app.command("simulate")(simulate.simulate)
app.command("report")(report.report)


@app.callback()
def _main(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log at INFO.")] = False,
) -> None:
    settings = load_settings()
    configure_logging(logging.INFO if verbose else logging.WARNING, settings.log_format)
    ctx.obj = settings


def main() -> None:
    try:
        app()
    except SpbotError as exc:  # e.g. invalid configuration, before any command ran
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise SystemExit(1) from None
