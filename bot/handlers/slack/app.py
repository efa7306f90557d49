"""The Bolt ``AsyncApp``, built in a function: signature checks always on, founders' DMs
through the durable inbox, errors logged and never crashing a listener."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.slack.deps import SlackDeps
from bot.handlers.slack.inbox import SlackInbox
from bot.handlers.slack.listeners import actions, commands, events, home, views

log = logging.getLogger(__name__)


def web_client(token: str, api_url: str | None = None) -> AsyncWebClient:
    """A Web API client; ``api_url`` (with or without a trailing slash) for GovSlack or a
    local fake. Rate-limited calls are retried after Slack's Retry-After."""
    base = (api_url or "https://slack.com/api/").rstrip("/") + "/"
    client = AsyncWebClient(token=token, base_url=base)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client


def build_slack_app(
    client: AsyncWebClient, signing_secret: str, deps: SlackDeps, inbox: SlackInbox
) -> AsyncApp:
    """The Bolt app on ``client`` (built first, so the notifiers can share it). Founders'
    direct messages go to the durable ``inbox`` before Slack is answered."""
    app = AsyncApp(
        signing_secret=signing_secret,
        client=client,
        request_verification_enabled=True,
        raise_error_for_unhandled_request=False,
    )

    @app.middleware
    async def founders_to_the_inbox(
        req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        # Runs after Bolt's signature check. A founder's DM is stored, then acknowledged;
        # it is played in the background, one founder at a time (a retry is a no-op).
        try:
            taken = await inbox.offer(req.body or {})
        except Exception:
            # Not stored (the database away): Slack sends the event again later.
            log.exception("could not store a Slack event; Slack will retry it")
            return BoltResponse(status=503, body="")
        if taken:
            return BoltResponse(status=200, body="")
        return await next()

    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("error in a Slack listener (%s)", body.get("type"), exc_info=error)

    for module in (actions, commands, events, home, views):
        module.register(app, deps)
    return app
