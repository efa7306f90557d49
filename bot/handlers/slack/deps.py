"""What every Slack listener needs, as ports built in ``bot/app.py`` (the Slack adapter never
imports storage), and the role checks."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.cases.actions import CaseActions
from bot.content import Flow
from bot.engine.intake import IntakeEngine
from bot.matching.ranking import AdvisorProfile
from bot.records import CaseDetail, Desk, OfferCard, StaffMember

log = logging.getLogger(__name__)
CHANNEL = "slack"


@dataclass(frozen=True)
class SlackDeps:
    cases: CaseActions
    engine: IntakeEngine
    flow: Flow
    staff_by_slack: Callable[[str], Awaitable[StaffMember | None]]
    offer_card: Callable[[int], Awaitable[OfferCard | None]]
    advisor_desk: Callable[[int], Awaitable[Desk]]
    case_detail: Callable[[str], Awaitable[CaseDetail]]
    workload: Callable[[date], Awaitable[list[AdvisorProfile]]]
    list_absences: Callable[[str], Awaitable[Sequence[Any]]]  # an advisor's, soonest first
    delivered: Callable[[Sequence[int]], Awaitable[None]]  # stored replies Slack took
    coordinators_channel: str | None = None
    console_url: str | None = None  # the staff console, named in the staff help

    async def advisor(self, user_id: str) -> StaffMember | None:
        return await self.staff_by_slack(user_id)

    async def coordinator(self, user_id: str) -> StaffMember | None:
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
