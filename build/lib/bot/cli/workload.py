"""``spbot workload``, ``spbot advisors away`` and ``spbot rebalance``: the load on advisors."""

from __future__ import annotations

from datetime import date
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

advisors_app = typer.Typer(help="Advisors: absences.", no_args_is_help=True)


def workload(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Active cases against capacity, and pending offers, per advisor and per node."""
    from bot.cases.calendar import stockholm_today
    from bot.storage.advisors import load_advisor_profiles

    async def go() -> Any:
        async with database(settings_of(ctx)) as db:
            return await load_advisor_profiles(db, stockholm_today())

    profiles = sorted(run_async(go), key=lambda a: (a.node_slug, a.key))
    nodes: dict[str, dict[str, int]] = {}
    for a in profiles:
        n = nodes.setdefault(a.node_slug, {"active": 0, "capacity": 0, "pending_offers": 0})
        n["active"] += a.load
        n["capacity"] += a.capacity
        n["pending_offers"] += a.pending_offers
    if as_json:
        print_json(
            {
                "advisors": [
                    {
                        "advisor": a.key,
                        "name": a.name,
                        "node": a.node_slug,
                        "active": a.load,
                        "capacity": a.capacity,
                        "pending_offers": a.pending_offers,
                        "away": a.absent,
                    }
                    for a in profiles
                ],
                "nodes": [{"node": k, **v} for k, v in nodes.items()],
            },
            indent=None,
        )
        return
    table = Table("Node", "Advisor", "Active / capacity", "Pending offers", "Away")
    for a in profiles:
        over = a.load > a.capacity
        table.add_row(
            a.node_slug,
            f"{a.name} ({a.key})",
            f"[red]{a.load} / {a.capacity}[/red]" if over else f"{a.load} / {a.capacity}",
            str(a.pending_offers),
            "yes" if a.absent else "",
        )
    out.print(table)
    totals = Table("Node", "Active / capacity", "Pending offers")
    for slug, n in nodes.items():
        totals.add_row(slug, f"{n['active']} / {n['capacity']}", str(n["pending_offers"]))
    out.print(totals)


@advisors_app.command("away")
def advisors_away(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(help="Advisor key.")],
    start: Annotated[str, typer.Argument(metavar="FROM", help="First day away (YYYY-MM-DD).")],
    end: Annotated[str, typer.Argument(metavar="TO", help="Last day away (YYYY-MM-DD).")],
    note: Annotated[str | None, typer.Option()] = None,
    delegate: Annotated[
        str | None, typer.Option(help="Advisor key who takes over the active cases.")
    ] = None,
) -> None:
    """Record an absence: the advisor gets no offers on those days. When it covers today,
    their pending offers move on to the next advisor (and, with --delegate, their active
    cases go to that advisor); their reminders go to the coordinators while away."""
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        raise fail(f"dates are written YYYY-MM-DD (got '{start}' and '{end}')") from None
    handover = run_async(
        lambda: with_workflow(
            settings_of(ctx),
            lambda wf: wf.set_absence(advisor, first, last, operator(), note, delegate),
        )
    )
    out.print(f"{advisor} is away {first} – {last} (absence {handover.absence_id}).")
    for ref in handover.offers_moved:
        out.print(f"  {ref}: the open offer went on to the next advisor")
    for case in handover.cases_delegated:
        out.print(f"  {case.ref}: now with {delegate}")


@advisors_app.command("absences")
def advisors_absences(
    ctx: typer.Context,
    advisor: Annotated[str | None, typer.Argument(help="Only this advisor.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Absences that are not over, soonest first."""
    from bot.cases.calendar import stockholm_today
    from bot.storage.absences import list_absences

    async def go() -> Any:
        async with database(settings_of(ctx)) as db:
            return await list_absences(db, advisor, ending_from=stockholm_today())

    found = run_async(go)
    if as_json:
        print_json(found, indent=None)
        return
    if not found:
        out.print("No absences.")
    for a in found:
        out.print(f"{a.id}: {a.advisor_key} {a.starts_on} – {a.ends_on} {a.note or ''}")


@advisors_app.command("cancel-absence")
def advisors_cancel_absence(
    ctx: typer.Context, absence: Annotated[int, typer.Argument(help="Absence number.")]
) -> None:
    """Cancel an absence (the advisor gets offers again on those days)."""
    gone = run_async(
        lambda: with_workflow(settings_of(ctx), lambda wf: wf.cancel_absence(absence, operator()))
    )
    out.print(f"Cancelled: {gone.advisor_key} away {gone.starts_on} – {gone.ends_on}.")


def rebalance(
    ctx: typer.Context,
    apply: Annotated[
        int | None,
        typer.Option(
            "--apply",
            metavar="PROPOSAL",
            help="Apply this proposal (its number is printed when it is made), if nothing "
            "changed since.",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only propose (the default).")] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Propose the fewest case moves that bring every advisor within capacity (the proposal
    is kept, with its number); --apply PROPOSAL carries exactly those moves out through the
    case workflow if the cases and advisors are as they were, and otherwise refuses with a
    new proposal."""
    from bot.cases.actions import StaleProposal

    settings = settings_of(ctx)
    if apply is not None:

        async def go(wf: Any) -> int:
            try:
                results = await wf.apply_proposal(apply, operator())
            except StaleProposal as stale:
                show_plan(stale.fresh, as_json=False)
                raise fail(f"{stale} (nothing was moved)") from None
            for r in results:
                if r.moved:
                    out.print(f"{r.case_ref} → {r.to_key}")
                else:
                    out.print(f"{r.case_ref}: not moved ({r.error})", markup=False)
            return sum(1 for r in results if r.moved)

        moved = run_async(lambda: with_workflow(settings, go))
        out.print(f"{moved} cases moved.")
        return
    plan = run_async(lambda: with_workflow(settings, lambda wf: wf.propose_rebalance()))
    show_plan(plan, as_json=as_json)


def show_plan(plan: Any, *, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "proposal": plan.proposal_id,
                "moves": [
                    {
                        "case": m.case_ref,
                        "from": m.from_key,
                        "to": m.to_key,
                        "quality_before": m.quality_before,
                        "quality_after": m.quality_after,
                        "reason": m.reason,
                    }
                    for m in plan.moves
                ],
                "load": [
                    {"advisor": a.key, "capacity": a.capacity, "before": a.before, "after": a.after}
                    for a in plan.load
                ],
                "still_over": plan.still_over,
            },
            indent=None,
        )
        return
    if not plan.moves and not plan.still_over:
        out.print("Everyone is within capacity: nothing to move.")
        return
    table = Table("Case", "From", "To", "Why")
    for m in plan.moves:
        table.add_row(m.case_ref, m.from_name, m.to_name, m.reason)
    out.print(table)
    names = {a.key: a.name for a in plan.load}
    for key, n in plan.still_over.items():
        out.print(f"[yellow]{names[key]} stays {n} over capacity: no room anywhere.[/yellow]")
    out.print(
        f"Proposal {plan.proposal_id}: nothing was changed. "
        f"To carry it out: spbot rebalance --apply {plan.proposal_id}"
    )
