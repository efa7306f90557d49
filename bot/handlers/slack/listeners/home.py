"""The App Home tab: an advisor's open offers and active cases, with buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.slack import blocks
from bot.handlers.slack.deps import SlackDeps, call
from bot.handlers.slack.texts import t


async def publish_home(client: AsyncWebClient, deps: SlackDeps, user: str) -> None:
    advisor = await deps.advisor(user)
    if advisor is None:
        view = {"type": "home", "blocks": [blocks.section(t("not_on_roster"))]}
    else:
        desk = await deps.advisor_desk(advisor.id)
        view = blocks.home(desk.offers, desk.cases, advisor.language)
    await call(client, "views.publish", user_id=user, view=view)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.event("app_home_opened")
    async def home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") == "home":
            await publish_home(client, deps, event["user"])
