"""What every Slack listener needs, and the role checks."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.cases.workflow import CaseWorkflow
from bot.content import Flow
from bot.engine.intake import IntakeEngine
from bot.storage.advisors import advisor_by_slack
from bot.storage.db import Database
from bot.storage.models import Advisor

log = logging.getLogger(__name__)
CHANNEL = "slack"
NOT_ALLOWED = "Sorry, that is for coordinators only. Ask a coordinator if you need this."
NOT_ON_ROSTER = "You are not on the advisor roster, so there is nothing here for you to do."


@dataclass
class SlackDeps:
    db: Database
    workflow: CaseWorkflow
    engine: IntakeEngine
    flow: Flow
    coordinators_channel: str | None = None

    async def advisor(self, user_id: str) -> Advisor | None:
        return await advisor_by_slack(self.db, user_id)

    async def coordinator(self, user_id: str) -> Advisor | None:
        advisor = await self.advisor(user_id)
        return advisor if advisor is not None and advisor.is_coordinator else None


async def call(client: AsyncWebClient, method: str, **kwargs: object) -> dict[str, object] | None:
    """A Web API call that never crashes a listener: errors (channel_not_found, a revoked
    token, rate limits after the client's own retries) are logged and reported as None."""
    try:
        response = await client.api_call(method, json=kwargs)
    except SlackApiError as exc:
        log.warning("Slack %s failed: %s", method, exc.response.get("error"))
        return None
    return dict(response.data) if isinstance(response.data, dict) else None
