"""``spbot cases``: list, show, reassign and close cases (changes go through the workflow)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.table import Table

from bot.cli.output import (
    database,
    fail,
    operator,
    out,
    print_json,
    run_async,
    settings_of,
    with_workflow,
)
from bot.domain import CaseStatus

app = typer.Typer(help="Cases, for coordinators and admins.", no_args_is_help=True)


@app.command("list")
def cases_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only cases with this status.")] = None,
    node: Annotated[str | None, typer.Option(help="Only cases at this node (slug).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List cases, newest first."""
    from bot.storage.case_queries import list_cases

    if status and status not in {s.value for s in CaseStatus}:
        raise fail(f"unknown status '{status}' (one of: {', '.join(s.value for s in CaseStatus)})")

    async def go() -> Any:
        async with database(settings_of(ctx)) as db:
            return await list_cases(db, status=status, node=node)

    cases = run_async(go)
    if as_json:
        print_json([asdict(c) for c in cases])
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


@app.command("show")
def cases_show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Case reference, e.g. JKP-2026-0001.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show one case: answers, status, audit events and the intake transcript."""
    from bot.storage.case_queries import get_case

    async def go() -> Any:
        async with database(settings_of(ctx)) as db:
            return await get_case(db, ref)

    detail = run_async(go)
    if as_json:
        print_json(asdict(detail))
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


@app.command("reassign")
def cases_reassign(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Case reference.")],
    advisor: Annotated[str, typer.Argument(help="Advisor key (see `spbot roster export`).")],
) -> None:
    """Give a case to an advisor directly (open offers are withdrawn; everyone is told)."""
    case = run_async(
        lambda: with_workflow(settings_of(ctx), lambda wf: wf.reassign(ref, advisor, operator()))
    )
    out.print(f"{case.ref} is now with {advisor} ({case.status}).")


@app.command("close")
def cases_close(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Case reference.")],
    outcome: Annotated[
        str, typer.Option(help="company_started, coached, referred, not_pursued or no_response")
    ],
    note: Annotated[str | None, typer.Option(help="Why, for the audit trail.")] = None,
) -> None:
    """Close a case with an outcome."""
    case = run_async(
        lambda: with_workflow(settings_of(ctx), lambda wf: wf.close(ref, outcome, operator(), note))
    )
    out.print(f"{case.ref} closed: {case.outcome}.")
