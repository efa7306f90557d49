"""Direct messages: founders who are not advisors do the intake in a DM with the app."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.engine.messages import Inbound, InboundKind
from bot.handlers.slack.deps import CHANNEL, SlackDeps
from bot.handlers.slack.render import post_replies


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.event("message")
    async def direct_message(event: dict[str, Any], client: AsyncWebClient) -> None:
        if (
            event.get("channel_type") != "im"
            or event.get("bot_id")
            or event.get("subtype") not in (None, "file_share")
        ):
            return
        user = event.get("user")
        if not user or await deps.advisor(user) is not None:
            return  # advisors use the cards, the App Home and /spbot
        kind = InboundKind.UNSUPPORTED if event.get("subtype") == "file_share" else InboundKind.TEXT
        replies = await deps.engine.handle(
            Inbound(CHANNEL, user, kind, event.get("text") or "", message_id=event.get("ts"))
        )
        await post_replies(client, event["channel"], replies)
