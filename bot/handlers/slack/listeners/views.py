"""Modal submissions: the reason an advisor declines a lead; a session of advising logged."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.cases.actions import Actor, SessionDraft
from bot.domain import ActorKind, SpbotError
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import SlackDeps, call
from bot.handlers.slack.texts import error_text, lang_of, t

log = logging.getLogger(__name__)


# The modal's blocks by the form field a workflow error names.
SESSION_FIELDS = {
    "held_on": "held_on",
    "minutes": "minutes",
    "kind": "kind",
    "channel": "channel",
    "notes": "notes",
    "next_step": "next_step",
}


def modal_value(values: dict[str, Any], block: str) -> str:
    """A modal input's value as text (plain text, number, date or select)."""
    element = (values.get(block) or {}).get("value") or {}
    for key in ("value", "selected_date"):
        if isinstance(element.get(key), str):
            return str(element[key])
    option = element.get("selected_option") or {}
    return str(option.get("value") or "")


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.view("log_session")
    async def session_logged(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        values = view["state"]["values"]
        advisor = await deps.advisor(body["user"]["id"])
        lang = lang_of(advisor)
        ref = str(view.get("private_metadata") or "")[:32]
        minutes = modal_value(values, "minutes")
        try:
            held_on = date.fromisoformat(modal_value(values, "held_on"))
        except ValueError:
            await ack(response_action="errors", errors={"held_on": t("session.bad", lang)})
            return
        if advisor is None:
            await ack()
            return
        draft = SessionDraft(
            held_on=held_on,
            minutes=int(minutes) if minutes.isdigit() and len(minutes) < 5 else 0,
            kind=modal_value(values, "kind"),
            channel=modal_value(values, "channel"),
            notes=modal_value(values, "notes"),
            next_step=modal_value(values, "next_step"),
        )
        try:
            await deps.cases.log_session(ref, draft, Actor(ActorKind.ADVISOR, advisor.key))
        except SpbotError as exc:
            field = SESSION_FIELDS.get(str(exc.details.get("field", "")))
            if field is not None:
                await ack(response_action="errors", errors={field: t("session.bad", lang)})
                return
            await ack()
            await call(
                client,
                "chat.postEphemeral",
                channel=body["user"]["id"],
                user=body["user"]["id"],
                text=error_text(exc, lang),
            )
            return
        await ack()
        await call(
            client,
            "chat.postMessage",
            channel=body["user"]["id"],
            text=t("session.logged", lang, ref=blocks.escape(ref), minutes=draft.minutes),
        )

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
