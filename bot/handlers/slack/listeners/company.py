"""The case's company from Slack: a button on the advisor's App Home opens a modal (the
console's company form: organisation number, name, registration date, size class, "I have
seen the registration"); the workflow checks the number and who may name it, and a bad field
is shown on the field itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.cases.actions import Actor
from bot.content.staff_texts import staff_text
from bot.domain import SIZE_CLASSES, ActorKind, SpbotError
from bot.handlers.slack.blocks import Block, escape, section
from bot.handlers.slack.deps import SlackDeps, call
from bot.handlers.slack.listeners.views import modal_value
from bot.handlers.slack.texts import error_text, lang_of, t

FIELDS = ("orgnr", "name", "registered_on", "size_class")


def company_modal(ref: str, lang: str = "sv") -> dict[str, Any]:
    def text_input(block: str, limit: int, optional: bool, hint: str | None = None) -> Block:
        found: Block = {
            "type": "input",
            "block_id": block,
            "optional": optional,
            "label": {"type": "plain_text", "text": staff_text(f"company.{block}", lang)},
            "element": {"type": "plain_text_input", "action_id": "value", "max_length": limit},
        }
        if hint:
            found["hint"] = {"type": "plain_text", "text": hint[:2000]}
        return found

    return {
        "type": "modal",
        "callback_id": "record_company",
        "private_metadata": ref,
        "title": {"type": "plain_text", "text": staff_text("company.title", lang)[:24]},
        "submit": {"type": "plain_text", "text": t("save", lang)},
        "close": {"type": "plain_text", "text": t("cancel", lang)},
        "blocks": [
            section(t("company_for", lang, ref=escape(ref))),
            text_input("orgnr", 20, False, staff_text("company.orgnr_hint", lang)),
            text_input("name", 200, True),
            {
                "type": "input",
                "block_id": "registered_on",
                "optional": True,
                "label": {"type": "plain_text", "text": staff_text("company.registered_on", lang)},
                "element": {"type": "datepicker", "action_id": "value"},
            },
            {
                "type": "input",
                "block_id": "size_class",
                "optional": True,
                "label": {"type": "plain_text", "text": staff_text("company.size_class", lang)},
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "options": [
                        {"text": {"type": "plain_text", "text": size}, "value": size}
                        for size in SIZE_CLASSES
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "confirmed",
                "optional": True,
                "label": {"type": "plain_text", "text": staff_text("company.verified", lang)},
                "element": {
                    "type": "checkboxes",
                    "action_id": "value",
                    "options": [
                        {
                            "text": {
                                "type": "plain_text",
                                "text": staff_text("company.confirmed", lang)[:75],
                            },
                            "value": "yes",
                        }
                    ],
                },
            },
        ],
    }


def _checked(values: dict[str, Any], block: str) -> bool:
    element = (values.get(block) or {}).get("value") or {}
    chosen = element.get("selected_options") or []
    return any(isinstance(o, dict) and o.get("value") == "yes" for o in chosen)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.action("case_company")
    async def open_modal(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        advisor = await deps.advisor(body["user"]["id"])
        lang = lang_of(advisor)
        if advisor is None:
            await call(
                client,
                "chat.postEphemeral",
                channel=body["user"]["id"],
                user=body["user"]["id"],
                text=t("not_on_roster", lang),
            )
            return
        ref = str(body["actions"][0].get("value", ""))[:32]
        await call(
            client, "views.open", trigger_id=body["trigger_id"], view=company_modal(ref, lang)
        )

    @app.view("record_company")
    async def recorded(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        values = view["state"]["values"]
        advisor = await deps.advisor(body["user"]["id"])
        lang = lang_of(advisor)
        ref = str(view.get("private_metadata") or "")[:32]
        registered = modal_value(values, "registered_on")
        try:
            registered_on = date.fromisoformat(registered) if registered else None
        except ValueError:
            await ack(response_action="errors", errors={"registered_on": t("company.bad", lang)})
            return
        if advisor is None:
            await ack()
            return
        try:
            await deps.cases.record_company(
                ref,
                Actor(ActorKind.ADVISOR, advisor.key),
                orgnr=modal_value(values, "orgnr")[:20],
                name=modal_value(values, "name")[:200],
                registered_on=registered_on,
                size_class=modal_value(values, "size_class") or None,
                confirmed=_checked(values, "confirmed"),
            )
        except SpbotError as exc:
            field = str(exc.details.get("field", ""))
            if field in FIELDS:
                await ack(response_action="errors", errors={field: t(f"company.bad_{field}", lang)})
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
            text=t("company.saved", lang, ref=escape(ref)),
        )
