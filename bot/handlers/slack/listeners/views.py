"""Modal submissions: the reason an advisor declines a lead."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain import SpbotError
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import SlackDeps, call
from bot.handlers.slack.texts import error_text, lang_of, t

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.view("decline_offer")
    async def declined(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        values = view["state"]["values"]
        reason = ((values.get("reason") or {}).get("value") or {}).get("selected_option") or {}
        note = ((values.get("note") or {}).get("value") or {}).get("value")
        advisor = await deps.advisor(body["user"]["id"])
        lang = lang_of(advisor)
        if not reason.get("value"):
            await ack(response_action="errors", errors={"reason": t("choose_reason", lang)})
            return
        await ack()
        offer_id = int(view["private_metadata"])
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
                text=t("could_not_decline", lang, why=error_text(exc, lang)),
            )
            return
        if card.channel and card.ts:
            label = blocks.decline_label(reason["value"], lang)
            lead = await deps.cases.lead(card.ref, False)
            result = t("declined_because", lang, reason=label)
            await call(
                client,
                "chat.update",
                channel=card.channel,
                ts=card.ts,
                text=f"{card.ref}: {result}",
                blocks=blocks.closed_card(card.ref, lead, result, lang),
            )
