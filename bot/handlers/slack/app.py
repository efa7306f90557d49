"""The Bolt ``AsyncApp``, built in a function: signature checks always on, founders' DMs
through the durable inbox, errors logged and never crashing a listener."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.slack.deps import SlackDeps
from bot.handlers.slack.inbox import SlackInbox
from bot.handlers.slack.listeners import actions, commands, company, events, home, views

log = logging.getLogger(__name__)


def web_client(token: str, api_url: str | None = None) -> AsyncWebClient:
    """A Web API client; ``api_url`` (with or without a trailing slash) for GovSlack or a
    local fake. Rate-limited calls are retried after Slack's Retry-After."""
    base = (api_url or "https://slack.com/api/").rstrip("/") + "/"
    client = AsyncWebClient(token=token, base_url=base)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client


# Bolt turns itself into a multi-workspace OAuth app (an installation store, no bot token)
# whenever these are in the environment: the very variables "Sign in with Slack" uses. This
# app serves one workspace with its bot token, whatever else is configured.
_BOLT_OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")


@contextlib.contextmanager
def _without_oauth_environment() -> Iterator[None]:
    hidden = {name: os.environ.pop(name) for name in _BOLT_OAUTH_VARIABLES if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(hidden)


def build_slack_app(
    client: AsyncWebClient, signing_secret: str, deps: SlackDeps, inbox: SlackInbox
) -> AsyncApp:
    """The Bolt app on ``client`` (built first, so the notifiers can share it). Founders'
    direct messages go to the durable ``inbox`` before Slack is answered."""
    with _without_oauth_environment():
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

    for module in (actions, commands, company, events, home, views):
        module.register(app, deps)
    return app
