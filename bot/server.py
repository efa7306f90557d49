"""The HTTP application ``spbot serve`` runs: Telegram webhook, health, and the timers.

One ASGI app (Starlette under uvicorn); later issues mount Slack and the console here.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.app import Services
from bot.handlers.telegram import TelegramChannel
from bot.settings import Settings

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000  # bytes; Telegram updates are far smaller
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Runtime:
    services: Services
    settings: Settings
    telegram: Application | None = None  # type: ignore[type-arg]
    channel: TelegramChannel | None = None
    slack: AsyncApp | None = None
    timers: bool = True


async def run_timers(services: Services, interval: float, stop: asyncio.Event) -> None:
    """Fire due timers and route waiting cases until ``stop`` is set; errors are logged and
    the loop goes on (the timers are rows in the database: nothing is lost)."""
    while not stop.is_set():
        try:
            await services.workflow.fire_due_timers()
            await services.workflow.route_waiting()
        except Exception:
            log.exception("timer round failed; retrying in %s s", interval)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)


def build_http_app(runtime: Runtime) -> Starlette:
    settings = runtime.settings
    telegram = runtime.telegram
    webhook = telegram is not None and settings.telegram_mode == "webhook"

    async def healthz(_: Request) -> Response:
        database = await runtime.services.db.ping()
        body = {
            "database": "ok" if database else "unreachable",
            "channels": {
                "telegram": settings.telegram_mode if telegram else "off",
                "slack": ("socket" if settings.slack_app_token else "http")
                if runtime.slack
                else "off",
            },
        }
        return JSONResponse(body, status_code=200 if database else 503)

    async def telegram_webhook(request: Request) -> Response:
        assert telegram is not None and settings.telegram_webhook_secret is not None
        expected = settings.telegram_webhook_secret.get_secret_value()
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            log.warning("refused a Telegram webhook call with a wrong or missing secret")
            return JSONResponse({"error": "forbidden"}, status_code=403)
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
        try:
            data = json.loads(body)
            update = Update.de_json(data, telegram.bot)
        except (ValueError, TypeError, KeyError):
            return JSONResponse({"error": "not a Telegram update"}, status_code=400)
        if update is None:
            return JSONResponse({"error": "not a Telegram update"}, status_code=400)
        await telegram.process_update(update)
        return Response(status_code=200)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        tasks = []
        if telegram is not None:
            await telegram.initialize()
            await telegram.start()
            if runtime.channel is not None:
                await runtime.channel.publish_commands(telegram)
            if webhook:
                secret = settings.telegram_webhook_secret
                await telegram.bot.set_webhook(
                    str(settings.telegram_webhook_url),
                    secret_token=secret.get_secret_value() if secret else None,
                    allowed_updates=Update.ALL_TYPES,
                )
            elif telegram.updater is not None:
                await telegram.bot.delete_webhook()
                await telegram.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        socket = None
        if runtime.slack is not None and settings.slack_app_token is not None:
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            socket = AsyncSocketModeHandler(
                runtime.slack, settings.slack_app_token.get_secret_value()
            )
            await socket.connect_async()  # type: ignore[no-untyped-call]
        if runtime.timers:
            tasks.append(
                asyncio.create_task(run_timers(runtime.services, settings.timer_interval, stop))
            )
        log.info("spbot is serving (telegram: %s)", settings.telegram_mode if telegram else "off")
        try:
            yield
        finally:
            stop.set()
            for task in tasks:
                await task
            if socket is not None:
                await socket.close_async()  # type: ignore[no-untyped-call]
            if telegram is not None:
                if telegram.updater is not None and telegram.updater.running:
                    await telegram.updater.stop()
                await telegram.stop()
                await telegram.shutdown()

    routes = [Route("/healthz", healthz, methods=["GET"])]
    if runtime.slack is not None:
        slack_handler = AsyncSlackRequestHandler(runtime.slack)

        async def slack_events(request: Request) -> Response:
            return await slack_handler.handle(request)

        routes.append(Route("/slack/events", slack_events, methods=["POST"]))
    if webhook:
        routes.append(Route("/telegram/webhook", telegram_webhook, methods=["POST"]))
    return Starlette(routes=routes, lifespan=lifespan)
