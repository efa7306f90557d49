"""Operator commands that change cases or rosters: reassign, close, workload, absences,
applying a rebalancing, and the timer worker. All changes go through ``CaseWorkflow``."""

from __future__ import annotations

import asyncio
import getpass
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table

from bot.cli_support import err, out, run_async
from bot.domain import ActorKind

T = TypeVar("T")
advisors_app = typer.Typer(help="Advisors: absences.", no_args_is_help=True)
log = logging.getLogger(__name__)


def _operator(kind: ActorKind = ActorKind.COORDINATOR) -> Any:
    from bot.cases.workflow import Actor

    return Actor(kind, f"cli:{getpass.getuser()}")


async def _with_workflow(action: Callable[[Any], Awaitable[T]]) -> T:
    from bot.app import build_workflow, open_db
    from bot.settings import load_settings

    settings = load_settings()
    db = await open_db(settings)
    try:
        return await action(build_workflow(settings, db))
    finally:
        await db.dispose()


def cases_reassign(
    ref: Annotated[str, typer.Argument(help="Case reference.")],
    advisor: Annotated[str, typer.Argument(help="Advisor key (see `spbot roster export`).")],
) -> None:
    """Give a case to an advisor directly (open offers are withdrawn; everyone is told)."""
    case = run_async(lambda: _with_workflow(lambda wf: wf.reassign(ref, advisor, _operator())))
    out.print(f"{case.ref} is now with {advisor} ({case.status}).")


def cases_close(
    ref: Annotated[str, typer.Argument(help="Case reference.")],
    outcome: Annotated[
        str, typer.Option(help="company_started, coached, referred, not_pursued or no_response")
    ],
    note: Annotated[str | None, typer.Option(help="Why, for the audit trail.")] = None,
) -> None:
    """Close a case with an outcome."""
    case = run_async(lambda: _with_workflow(lambda wf: wf.close(ref, outcome, _operator(), note)))
    out.print(f"{case.ref} closed: {case.outcome}.")


def workload(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Active cases against capacity, and pending offers, per advisor and per node."""
    from bot.app import open_db
    from bot.settings import load_settings
    from bot.storage.advisors import load_advisor_profiles

    async def go() -> Any:
        db = await open_db(load_settings())
        try:
            return await load_advisor_profiles(db, date.today())
        finally:
            await db.dispose()

    profiles = sorted(run_async(go), key=lambda a: (a.node_slug, a.key))
    nodes: dict[str, dict[str, int]] = {}
    for a in profiles:
        n = nodes.setdefault(a.node_slug, {"active": 0, "capacity": 0, "pending_offers": 0})
        n["active"] += a.load
        n["capacity"] += a.capacity
        n["pending_offers"] += a.pending_offers
    if as_json:
        import json
        import sys

        sys.stdout.write(
            json.dumps(
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
                ensure_ascii=False,
            )
            + "\n"
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
    advisor: Annotated[str, typer.Argument(help="Advisor key.")],
    start: Annotated[str, typer.Argument(metavar="FROM", help="First day away (YYYY-MM-DD).")],
    end: Annotated[str, typer.Argument(metavar="TO", help="Last day away (YYYY-MM-DD).")],
    note: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record an absence: the advisor gets no offers on those days."""
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        err.print(f"error: dates are written YYYY-MM-DD (got '{start}' and '{end}')")
        raise typer.Exit(1) from None
    run_async(lambda: _with_workflow(lambda wf: wf.set_absence(advisor, first, last, note)))
    out.print(f"{advisor} is away {first} – {last}.")


def apply_rebalance() -> int:
    """Apply the current rebalancing proposal through the workflow; returns moves applied."""
    from bot.cases.matching import load_open_cases, load_pool
    from bot.matching.rebalance import propose_rebalance

    async def go(wf: Any) -> int:
        pool = await load_pool(wf.db, date.today())
        proposal = propose_rebalance(await load_open_cases(wf.db), pool)
        keys = {a.id: a.key for a in pool.advisors}
        for move in proposal.moves:
            await wf.reassign(move.case_ref, keys[move.to_advisor], _operator())
            out.print(f"{move.case_ref}: {keys[move.from_advisor]} → {keys[move.to_advisor]}")
        return len(proposal.moves)

    return run_async(lambda: _with_workflow(go))


def worker(
    interval: Annotated[float, typer.Option(help="Seconds between rounds.", min=0.1)] = 15.0,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
) -> None:
    """Run the durable timers (offer reminders and expiries) and route waiting cases.
    Several workers may run at once: each timer still fires once."""

    async def loop(wf: Any) -> None:
        stop = asyncio.Event()
        if not once:
            for sig in (signal.SIGINT, signal.SIGTERM):
                asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        while True:
            fired = await wf.fire_due_timers()
            routed = await wf.route_waiting()
            if fired or routed:
                log.info("worker round: %s timers fired, %s cases routed", fired, routed)
            if once:
                out.print(f"{fired} timers fired, {routed} waiting cases routed.")
                return
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
                return
            except TimeoutError:
                continue

    run_async(lambda: _with_workflow(loop))


def register(app: typer.Typer, cases_app: typer.Typer) -> None:
    cases_app.command("reassign")(cases_reassign)
    cases_app.command("close")(cases_close)
    app.command("workload")(workload)
    app.add_typer(advisors_app, name="advisors")
    app.command("worker")(worker)
    app.command("simulate")(simulate)
    app.command("serve")(serve)


def simulate(
    ideas: Annotated[int, typer.Option(min=1, max=20000, help="Intakes over the year.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same year).")] = 1,
    accept_rate: Annotated[float, typer.Option(min=0, max=1)] = 0.7,
    decline_rate: Annotated[float, typer.Option(min=0, max=1)] = 0.1,
) -> None:
    """Replay a year of intakes through the case workflow with simulated advisors, for this
    routing and a least-loaded-at-home-node baseline, side by side (scratch databases)."""
    from pathlib import Path

    from bot.cases.simulation import ROUTERS, Behaviour
    from bot.cases.simulation import simulate as run_simulation
    from bot.reference import load_gazetteer
    from bot.roster import parse_roster
    from bot.settings import load_settings
    from bot.taxonomy import load_taxonomy

    if accept_rate + decline_rate > 1:
        err.print("error: --accept-rate and --decline-rate add up to more than 1")
        raise typer.Exit(1)
    roster = parse_roster(
        Path(__file__).resolve().parent.parent / "data" / "demo_roster.yaml",
        known_nodes=[n.slug for n in load_gazetteer().nodes],
        known_tags=load_taxonomy().tags,
    )
    behaviour = Behaviour(accept_rate=accept_rate, decline_rate=decline_rate)
    settings = load_settings().workflow_settings()

    async def go() -> list[dict[str, str]]:
        rows = []
        for name, router in ROUTERS.items():
            result = await run_simulation(ideas, seed, roster, router(), name, behaviour, settings)
            rows.append(result.row())
        return rows

    import sys

    rows = run_async(go)
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row[h] for h in header) + " |" for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")


def _slack(settings: Any, services: Any) -> Any:
    from bot.handlers.slack import SlackDeps, build_slack_app
    from bot.handlers.slack.notifier import SlackFounderNotifier, SlackStaffNotifier

    token = settings.slack_bot_token.get_secret_value()
    secret = (
        settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    )
    deps = SlackDeps(
        services.db,
        services.workflow,
        services.engine,
        services.flow,
        settings.slack_coordinators_channel,
    )
    slack = build_slack_app(token, secret, deps, settings.slack_api_url)
    services.notifier.staff = SlackStaffNotifier(
        slack.client, services.db, settings.slack_coordinators_channel
    )
    services.notifier.founders["slack"] = SlackFounderNotifier(
        slack.client, services.db, services.flow
    )
    return slack


def serve() -> None:
    """Run the product: HTTP (Telegram webhook, /healthz), Telegram polling when configured,
    and the case timers, in one process. Settings: see .env.example."""
    import uvicorn

    from bot.app import build_services, telegram_channel, telegram_notifier
    from bot.handlers.telegram import build_telegram_application
    from bot.server import Runtime, build_http_app
    from bot.settings import load_settings

    settings = load_settings()
    logging.getLogger().setLevel(settings.log_level.upper())
    # httpx logs every request URL at INFO, and the URL holds the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)

    async def go() -> None:
        services = await build_services(settings)
        telegram = channel = None
        if settings.telegram_bot_token is not None:
            channel = telegram_channel(services)
            telegram = build_telegram_application(
                settings.telegram_bot_token.get_secret_value(),
                channel,
                base_url=settings.telegram_base_url,
                webhook=settings.telegram_mode == "webhook",
            )
            telegram_notifier(services, telegram.bot)
        else:
            out.print("TELEGRAM_BOT_TOKEN is not set: serving without Telegram.")
        slack = None
        if settings.slack_bot_token is not None:
            slack = _slack(settings, services)
        else:
            out.print("SLACK_BOT_TOKEN is not set: serving without Slack (staff news is logged).")
        app = build_http_app(Runtime(services, settings, telegram, channel, slack))
        config = uvicorn.Config(
            app,
            host=settings.http_host,
            port=settings.http_port,
            log_level=settings.log_level.lower(),
            access_log=False,
        )
        try:
            await uvicorn.Server(config).serve()
        finally:
            await services.close()

    run_async(go)
