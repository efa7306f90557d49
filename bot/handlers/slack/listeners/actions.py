"""Button and select actions: accept/decline a lead, coordinators' assign and match again,
App Home case buttons, rebalancing approval, and founders' intake buttons."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.cases.actions import Actor, NotAllowed, StaleProposal
from bot.cases.states import AlreadyTaken
from bot.domain import ActorKind, SpbotError
from bot.engine.messages import Inbound, InboundKind
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import CHANNEL, SlackDeps, call
from bot.handlers.slack.listeners.home import publish_home
from bot.handlers.slack.notifier import CHANNEL_LANGUAGE
from bot.handlers.slack.render import post_replies
from bot.handlers.slack.texts import error_text, lang_of, t

log = logging.getLogger(__name__)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def ephemeral(client: AsyncWebClient, body: dict[str, Any], text: str) -> None:
        channel = (body.get("channel") or {}).get("id") or body["user"]["id"]
        await call(
            client, "chat.postEphemeral", channel=channel, user=body["user"]["id"], text=text
        )

    @app.action("offer_accept")
    async def accept(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user = body["user"]["id"]
        offer_id = int(body["actions"][0]["value"])
        advisor = await deps.advisor(user)
        if advisor is None:
            await ephemeral(client, body, t("not_on_roster"))
            return
        lang = advisor.language
        card = await deps.offer_card(offer_id)
        try:
            case = await deps.cases.accept(
                offer_id, advisor.id, Actor(ActorKind.ADVISOR, advisor.key)
            )
        except NotAllowed:
            await ephemeral(client, body, t("offered_to_other", lang))
            return
        except AlreadyTaken as exc:
            status = str(exc.details["status"])
            await ephemeral(client, body, t("err.taken", lang, status=status))
            await _close_card(
                client,
                body,
                card.ref if card else "",
                t("no_longer_open", lang, status=status),
                deps,
                lang,
            )
            return
        await _close_card(client, body, case.ref, t("accepted_by", lang, user=user), deps, lang)

    @app.action("offer_decline")
    async def decline(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        offer_id = int(body["actions"][0]["value"])
        advisor = await deps.advisor(body["user"]["id"])
        lang = lang_of(advisor)
        card = await deps.offer_card(offer_id)
        if advisor is None or card is None or card.advisor_id != advisor.id:
            await ephemeral(client, body, t("offered_to_other", lang))
            return
        if card.status != "pending":
            await ephemeral(client, body, t("err.taken", lang, status=card.status))
            return
        await call(
            client,
            "views.open",
            trigger_id=body["trigger_id"],
            view=blocks.decline_modal(offer_id, card.ref, lang),
        )

    @app.action("assign_case")
    async def assign(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        coordinator = await deps.coordinator(body["user"]["id"])
        if coordinator is None:
            await ephemeral(
                client, body, t("not_allowed", lang_of(await deps.advisor(body["user"]["id"])))
            )
            return
        lang = coordinator.language
        action = body["actions"][0]
        ref = action["block_id"].split(":", 1)[1]
        chosen = await deps.advisor(action["selected_user"])
        if chosen is None:
            await ephemeral(
                client, body, t("not_on_roster_user", lang, user=action["selected_user"])
            )
            return
        try:
            await deps.cases.reassign(
                ref, chosen.key, Actor(ActorKind.COORDINATOR, coordinator.key)
            )
        except SpbotError as exc:
            await ephemeral(
                client, body, t("could_not_assign", lang, ref=ref, why=error_text(exc, lang))
            )
            return
        await _replace_message(
            client,
            body,
            t(
                "assigned",
                CHANNEL_LANGUAGE,
                ref=ref,
                to=action["selected_user"],
                by=body["user"]["id"],
            ),
        )

    @app.action("match_again")
    async def match_again(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        coordinator = await deps.coordinator(body["user"]["id"])
        if coordinator is None:
            await ephemeral(
                client, body, t("not_allowed", lang_of(await deps.advisor(body["user"]["id"])))
            )
            return
        lang = coordinator.language
        ref = body["actions"][0]["value"]
        try:
            case = await deps.cases.match_again(ref, Actor(ActorKind.COORDINATOR, coordinator.key))
        except SpbotError as exc:
            await ephemeral(
                client, body, t("could_not_match", lang, ref=ref, why=error_text(exc, lang))
            )
            return
        await _replace_message(
            client,
            body,
            t(
                "matched_again",
                CHANNEL_LANGUAGE,
                ref=ref,
                by=body["user"]["id"],
                status=blocks.status_label(case.status, CHANNEL_LANGUAGE),
            ),
        )

    @app.action("case_contacted")
    async def contacted(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await _own_case_action(deps, client, body, body["actions"][0]["value"], None)

    @app.action("case_log_session")
    async def log_session(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        advisor = await deps.advisor(body["user"]["id"])
        lang = lang_of(advisor)
        ref = str(body["actions"][0].get("value", ""))[:32]
        if advisor is None:
            await ephemeral(client, body, t("not_on_roster", lang))
            return
        await call(
            client,
            "views.open",
            trigger_id=body["trigger_id"],
            view=blocks.session_modal(ref, deps.cases.today().isoformat(), lang),
        )

    @app.action("case_coaching")
    async def coaching(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await _own_case_action(deps, client, body, body["actions"][0]["value"], "coaching")

    @app.action("case_close")
    async def close(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        chosen = _case_and_choice(body)
        if chosen is None:
            await _unreadable(deps, client, body)
            return
        await _own_case_action(deps, client, body, chosen[0], chosen[1])

    @app.action("case_sector")
    async def sector(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        chosen = _case_and_choice(body)
        if chosen is None:
            await _unreadable(deps, client, body)
            return
        await _own_case_action(deps, client, body, chosen[0], None, sector=chosen[1])

    @app.action("rebalance_approve")
    async def approve(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        coordinator = await deps.coordinator(body["user"]["id"])
        if coordinator is None:
            lang = lang_of(await deps.advisor(body["user"]["id"]))
            await respond(text=t("not_allowed", lang), replace_original=False)
            return
        lang = coordinator.language
        value = str(body["actions"][0].get("value") or "")
        if not value.isdigit():
            await respond(text=t("proposal_invalid", lang), replace_original=False)
            return
        try:
            results = await deps.cases.apply_proposal(
                int(value), Actor(ActorKind.COORDINATOR, coordinator.key)
            )
        except StaleProposal as stale:
            fresh = stale.fresh
            if not fresh.moves:
                await respond(replace_original=True, text=t("proposal_nothing", lang))
                return
            await respond(
                replace_original=True,
                text=t("proposal_new", lang),
                blocks=blocks.rebalance_proposal(fresh, t("proposal_nothing_moved", lang), lang),
            )
            return
        except SpbotError as exc:
            await respond(text=error_text(exc, lang), replace_original=False)
            return
        done = [
            f"{r.case_ref} → {r.to_key}"
            if r.error is None
            else t("not_moved", lang, ref=r.case_ref, why=error_text(r.error, lang))
            for r in results
        ]
        await respond(
            replace_original=True, text=t("applied", lang, moves=blocks.escape("\n".join(done)))
        )

    @app.action("rebalance_discard")
    async def discard(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        lang = lang_of(await deps.advisor(body["user"]["id"]))
        await respond(replace_original=True, text=t("discarded", lang))

    @app.action({"action_id": "intake_choice"})
    async def intake_choice(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user = body["user"]["id"]
        choice = body["actions"][0]["value"]
        replies = await deps.engine.handle(Inbound(CHANNEL, user, InboundKind.CHOICE, choice))
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id") or user
        if message.get("ts"):
            label = body["actions"][0]["text"]["text"]
            await call(
                client,
                "chat.update",
                channel=channel,
                ts=message["ts"],
                text=message.get("text", ""),
                blocks=[
                    blocks.section(
                        blocks.escape(message.get("text", "")) + f"\n\n✔ {blocks.escape(label)}"
                    )
                ],
            )
        await post_replies(client, channel, replies, deps.delivered)


async def _close_card(
    client: AsyncWebClient,
    body: dict[str, Any],
    ref: str,
    result: str,
    deps: SlackDeps,
    lang: str = "sv",
) -> None:
    channel = (body.get("channel") or {}).get("id")
    ts = (body.get("message") or {}).get("ts") or (body.get("container") or {}).get("message_ts")
    if not channel or not ts:
        if body.get("view", {}).get("type") == "home":
            await publish_home(client, deps, body["user"]["id"])
        return
    lead = await deps.cases.lead(ref, False) if ref else None
    await call(
        client,
        "chat.update",
        channel=channel,
        ts=ts,
        text=f"{ref}: {result}",
        blocks=blocks.closed_card(ref, lead, result, lang),
    )


async def _replace_message(client: AsyncWebClient, body: dict[str, Any], text: str) -> None:
    channel = (body.get("channel") or {}).get("id")
    ts = (body.get("message") or {}).get("ts")
    if channel and ts:
        await call(
            client, "chat.update", channel=channel, ts=ts, text=text, blocks=[blocks.section(text)]
        )


async def _own_case_action(
    deps: SlackDeps,
    client: AsyncWebClient,
    body: dict[str, Any],
    ref: str,
    outcome: str | None,
    sector: str | None = None,
) -> None:
    user = body["user"]["id"]
    advisor = await deps.advisor(user)
    if advisor is None:
        await call(client, "chat.postEphemeral", channel=user, user=user, text=t("not_yours"))
        return
    # The workflow checks that the case is this advisor's (coordinators may act on any).
    actor = Actor(ActorKind.ADVISOR, advisor.key)
    try:
        if sector is not None:
            await deps.cases.correct_sector(ref, sector, actor)
        elif outcome is None:
            await deps.cases.mark_in_contact(ref, actor)
        elif outcome == "coaching":
            await deps.cases.start_coaching(ref, actor)
        else:
            await deps.cases.close(ref, outcome, actor)
    except SpbotError as exc:
        text = error_text(exc, advisor.language)
        await call(client, "chat.postEphemeral", channel=user, user=user, text=text)
        if isinstance(exc, NotAllowed):
            return
    await publish_home(client, deps, user)


def _case_and_choice(body: dict[str, Any]) -> tuple[str, str] | None:
    """A case's select menu answers "REF|choice"; anything else (a forged or stale payload)
    is None."""
    try:
        value = str(body["actions"][0]["selected_option"]["value"])
    except (KeyError, IndexError, TypeError):
        return None
    ref, _, choice = value.partition("|")
    return (ref, choice) if ref and choice else None


async def _unreadable(deps: SlackDeps, client: AsyncWebClient, body: dict[str, Any]) -> None:
    user = body["user"]["id"]
    text = t("menu_unreadable", lang_of(await deps.advisor(user)))
    await call(client, "chat.postEphemeral", channel=user, user=user, text=text)
