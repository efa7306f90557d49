"""The HTTP application ``spbot serve`` runs: it mounts what ``bot/app.py`` built (the
Telegram webhook, Slack's events), answers ``/healthz``, and runs the one timer loop.

One ASGI app (Starlette under uvicorn).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from telegram import Update
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.app import Services, build_services
from bot.cases.timers import run_timer_loop
from bot.console import Goals, SlackSignIn, build_console
from bot.handlers.slack.gate import SlackGate
from bot.handlers.telegram.updates import BadUpdate
from bot.handlers.web import build_web_chat
from bot.handlers.web.calendar import calendar_routes
from bot.metrics import Heartbeat, exposition
from bot.settings import Settings, public_base
from bot.storage.metrics import metric_facts

log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
MAX_BODY = 1_000_000  # bytes; Telegram updates are far smaller
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def build_http_app(services: Services, *, timers: bool = True) -> Starlette:
    """``timers=False`` when the timers run elsewhere (``spbot worker``, or a test)."""
    settings = services.settings
    telegram = services.telegram
    webhook = telegram is not None and settings.telegram_mode == "webhook"

    heartbeat = Heartbeat()
    # Timers are late when a round has not finished in three intervals (and a minute's grace).
    late_after = max(3 * settings.timer_interval, 60.0)
    started = datetime.now(UTC)

    def timer_health() -> tuple[dict[str, object], bool]:
        if not timers:
            return {"running_here": False}, True
        last = heartbeat.last
        since = (datetime.now(UTC) - (last or started)).total_seconds()
        ok = since <= late_after
        return {
            "running_here": True,
            "last_round": last.isoformat() if last else None,
            "ok": ok,
        }, ok

    async def healthz(_: Request) -> Response:
        database = await services.db.ping()
        timer_state, timers_ok = timer_health()
        write_failure = services.db.write_failure
        body = {
            "database": "ok" if database else "unreachable",
            "storage": "ok" if write_failure is None else f"cannot write: {write_failure}",
            "timers": timer_state,
            "channels": {
                "telegram": settings.telegram_mode if telegram else "off",
                "slack": ("socket" if settings.slack_app_token else "http")
                if services.slack
                else "off",
            },
        }
        healthy = database and timers_ok and write_failure is None
        return JSONResponse(body, status_code=200 if healthy else 503)

    async def metrics(request: Request) -> Response:
        """Prometheus text format. Never public by default: with SPBOT_METRICS_TOKEN it needs
        ``Authorization: Bearer <token>``; without one, only clients on this machine."""
        token = settings.metrics_token
        if token is not None:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(
                given.encode(), f"Bearer {token.get_secret_value()}".encode()
            ):
                return Response("Forbidden\n", status_code=403, media_type="text/plain")
        elif (request.client.host if request.client else "") not in LOOPBACK:
            return Response("Forbidden\n", status_code=403, media_type="text/plain")
        facts = await metric_facts(services.db, datetime.now(UTC))
        return Response(exposition(facts), media_type=CONTENT_TYPE_LATEST)

    telegram_inbox = services.telegram_inbox

    async def telegram_webhook(request: Request) -> Response:
        """Answered as soon as the update is in the inbox: Telegram waits for the commit
        only, never for the turn or its sends."""
        assert telegram_inbox is not None and settings.telegram_webhook_secret is not None
        expected = settings.telegram_webhook_secret.get_secret_value()
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            log.warning("refused a Telegram webhook call with a wrong or missing secret")
            return JSONResponse({"error": "forbidden"}, status_code=403)
        length = request.headers.get("content-length") or "0"
        if not length.isdigit() or int(length) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
        try:
            await telegram_inbox.accept_body(body)
        except BadUpdate as exc:
            log.warning("refused a Telegram webhook call: %s", exc)
            return JSONResponse({"error": "not a Telegram update"}, status_code=400)
        except Exception:
            # Not stored (the database away): Telegram delivers it again until a 200.
            log.exception("could not store a Telegram update; Telegram will redeliver it")
            return JSONResponse({"error": "unavailable, try again"}, status_code=503)
        return Response(status_code=200)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        tasks = []
        if services.meaning is not None:
            # Loaded beside the start (two seconds; the first time ever, its names' vectors
            # take minutes, and ideas are read by their words meanwhile), so that the
            # first founder's idea does not wait for it.
            asyncio.get_running_loop().run_in_executor(None, services.meaning.reader)
        if telegram is not None and telegram_inbox is not None:
            await telegram.initialize()
            await telegram.start()
            if services.telegram_channel is not None:
                await services.telegram_channel.publish_commands(telegram)
            if webhook:
                secret = settings.telegram_webhook_secret
                await telegram.bot.set_webhook(
                    str(settings.telegram_webhook_url),
                    secret_token=secret.get_secret_value() if secret else None,
                    allowed_updates=Update.ALL_TYPES,
                )
            else:
                await telegram.bot.delete_webhook()
            tasks.append(asyncio.create_task(telegram_inbox.run(stop, polling=not webhook)))
        if services.slack_inbox is not None:
            tasks.append(asyncio.create_task(services.slack_inbox.run(stop)))
        socket = None
        if services.slack is not None and settings.slack_app_token is not None:
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            socket = AsyncSocketModeHandler(
                services.slack, settings.slack_app_token.get_secret_value()
            )
            await socket.connect_async()  # type: ignore[no-untyped-call]
        if timers:
            loop = run_timer_loop(
                services.workflow.timers,
                settings.timer_interval,
                stop,
                chores=services.chores(),
                heartbeat=heartbeat.beat,
            )
            tasks.append(asyncio.create_task(loop))
        log.info("spbot is serving (telegram: %s)", settings.telegram_mode if telegram else "off")
        try:
            yield
        finally:
            stop.set()
            for task in tasks:
                await task
            await services.delivered.flush()
            if socket is not None:
                await socket.close_async()  # type: ignore[no-untyped-call]
            if telegram is not None:
                await telegram.stop()
                await telegram.shutdown()

    console = build_console(
        services.db,
        services.workflow,
        clock=services.workflow.ctx.clock,
        secure_cookies=settings.secure_cookies,
        idle_minutes=settings.console_idle_minutes,
        max_hours=settings.console_max_hours,
        public_url=public_base(settings),
        form_key=services.form_key or None,
        slack=slack_sign_in(settings),
        goals=Goals(settings.region_goals(), settings.node_goals),
        min_cell=settings.report_min_cell,
        retention={
            "abandoned": settings.retain_abandoned_days,
            "transcript": settings.retain_transcript_days,
            "closed": settings.retain_closed_case_days,
        },
    )

    async def to_console(_: Request) -> Response:
        return RedirectResponse("/console/", status_code=307)

    routes: list[Route | Mount] = [
        Route("/healthz", healthz, methods=["GET"]),
        *([Route("/metrics", metrics, methods=["GET"])] if settings.metrics else []),
        Route("/console", to_console),
        Mount("/console", app=console),
        *calendar_routes(services.workflow.events),
    ]
    if services.slack is not None and settings.slack_signing_secret is not None:
        # Socket Mode needs no HTTP endpoint; over HTTP every request passes the gate first.
        gate = SlackGate(services.slack, settings.slack_signing_secret.get_secret_value())
        routes.append(Route("/slack/events", gate.handle, methods=["POST"]))
    if webhook:
        routes.append(Route("/telegram/webhook", telegram_webhook, methods=["POST"]))
    if services.web is not None:
        routes.append(Mount("/", app=build_web_chat(services.web)))  # last: it takes the rest
    return Starlette(routes=routes, lifespan=lifespan, middleware=proxy_middleware(settings))


def proxy_middleware(settings: Settings) -> list[Middleware]:
    """The client's address and scheme from X-Forwarded-For/-Proto, only when the request
    comes from a configured proxy (uvicorn's own trust of 127.0.0.1 is turned off)."""
    trusted = [host.strip() for host in settings.trusted_proxies.split(",") if host.strip()]
    if not trusted:
        return []
    return [Middleware(ProxyHeadersMiddleware, trusted_hosts=trusted)]


def slack_sign_in(settings: Settings) -> SlackSignIn | None:
    if not (settings.slack_client_id and settings.slack_client_secret):
        return None
    return SlackSignIn(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        redirect_uri=f"{public_base(settings)}/console/sign-in/slack/callback",
        api_url=(settings.slack_api_url or "https://slack.com/api/").rstrip("/") + "/",
        authorize_url=settings.slack_oidc_authorize_url,
    )


async def serve(
    settings: Settings, announce: Callable[[str], None] = log.info, *, timers: bool = True
) -> None:
    """Build the product from settings and serve it until interrupted (``spbot serve``);
    ``timers=False`` when ``spbot worker`` processes run them."""
    import uvicorn

    services = await build_services(settings)
    if services.telegram is None:
        announce("TELEGRAM_BOT_TOKEN is not set: serving without Telegram.")
    if services.slack is None:
        announce("SLACK_BOT_TOKEN is not set: serving without Slack (staff news is logged).")
    config = uvicorn.Config(
        build_http_app(services, timers=timers),
        host=settings.http_host,
        port=settings.http_port,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=False,  # SPBOT_TRUSTED_PROXIES decides, in proxy_middleware
    )
    try:
        await uvicorn.Server(config).serve()
    finally:
        await services.close()
