"""Modal submissions: the reason an advisor declines a lead."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain import SpbotError
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import SlackDeps, call
from bot.handlers.slack.texts import error_text

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.view("decline_offer")
    async def declined(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        values = view["state"]["values"]
        reason = ((values.get("reason") or {}).get("value") or {}).get("selected_option") or {}
        note = ((values.get("note") or {}).get("value") or {}).get("value")
        if not reason.get("value"):
            await ack(response_action="errors", errors={"reason": "Please choose a reason."})
            return
        await ack()
        offer_id = int(view["private_metadata"])
        advisor = await deps.advisor(body["user"]["id"])
        card = await deps.offer_card(offer_id)
        if advisor is None or card is None:
            return
        try:
            await deps.cases.decline(offer_id, advisor.id, reason["value"], note)
        except SpbotError as exc:
            await call(
                client,
                "chat.postEphemeral",
                channel=body["user"]["id"],
                user=body["user"]["id"],
                text=f"Could not decline: {error_text(exc)}",
            )
            return
        if card.channel and card.ts:
            label = blocks.DECLINE_LABELS.get(reason["value"], reason["value"])
            lead = await deps.cases.lead(card.ref, False)
            await call(
                client,
                "chat.update",
                channel=card.channel,
                ts=card.ts,
                text=f"{card.ref}: declined",
                blocks=blocks.closed_card(
                    card.ref, lead, f"Declined: {label}. The case went to the next advisor."
                ),
            )
