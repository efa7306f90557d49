"""``spbot serve`` and ``spbot worker``: the product as a service, and the timers alone."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from bot.cli.output import out, run_async, settings_of


def serve(
    ctx: typer.Context,
    no_timers: Annotated[
        bool, typer.Option("--no-timers", help="Leave the timers to `spbot worker` processes.")
    ] = False,
) -> None:
    """Run the product: HTTP (Telegram webhook, Slack events, /healthz), Telegram polling
    when configured, and the case timers, in one process. Settings: see .env.example."""
    from bot.http import serve as serve_http

    settings = settings_of(ctx)
    logging.getLogger().setLevel(settings.log_level.upper())
    # httpx logs every request URL at INFO, and the URL holds the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    run_async(lambda: serve_http(settings, out.print, timers=not no_timers), fast_loop=True)


def worker(
    ctx: typer.Context,
    interval: Annotated[float, typer.Option(help="Seconds between rounds.", min=0.1)] = 15.0,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
) -> None:
    """Run the durable timers (offer reminders and expiries) and route waiting cases.
    Several workers may run at once: each timer still fires once."""
    from bot.app import run_worker

    fired, routed = run_async(lambda: run_worker(settings_of(ctx), interval, once))
    if once:
        out.print(f"{fired} timers fired, {routed} waiting cases routed.")
