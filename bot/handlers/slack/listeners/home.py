"""The App Home tab: an advisor's open offers and active cases, with buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.slack import blocks
from bot.handlers.slack.deps import NOT_ON_ROSTER, SlackDeps, call
from bot.storage.offers import advisor_desk


async def publish_home(client: AsyncWebClient, deps: SlackDeps, user: str) -> None:
    advisor = await deps.advisor(user)
    if advisor is None:
        view = {"type": "home", "blocks": [blocks.section(NOT_ON_ROSTER)]}
    else:
        offers, cases = await advisor_desk(deps.db, advisor.id)
        view = blocks.home(offers, cases)
    await call(client, "views.publish", user_id=user, view=view)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.event("app_home_opened")
    async def home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") == "home":
            await publish_home(client, deps, event["user"])
