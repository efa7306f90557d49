"""Direct messages: founders who are not advisors do the intake in a DM with the app. The
events arrive through the durable inbox (``slack.inbox``), one founder at a time."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.engine.messages import Inbound, InboundKind
from bot.handlers.inbox import current_inbox_id, mark_played
from bot.handlers.slack.deps import CHANNEL, SlackDeps, call
from bot.handlers.slack.render import post_replies
from bot.handlers.slack.texts import t

DM_SUBTYPES = (None, "file_share", "message_changed")


def founder_message(event: dict[str, Any]) -> bool:
    """A direct message from a person (not a bot, not our own echo)."""
    return (
        event.get("type") == "message"
        and event.get("channel_type") == "im"
        and not event.get("bot_id")
        and event.get("subtype") in DM_SUBTYPES
        and bool(_author(event))
    )


def _author(event: dict[str, Any]) -> str | None:
    if event.get("subtype") == "message_changed":
        edited = event.get("message")
        if not isinstance(edited, dict) or edited.get("bot_id") or not edited.get("user"):
            return None  # e.g. the app updating its own question after a button press
        return str(edited["user"])
    return str(event["user"]) if event.get("user") else None


def author(event: dict[str, Any]) -> str:
    return _author(event) or str(event.get("channel", ""))


async def play_direct_message(
    deps: SlackDeps, client: AsyncWebClient, body: dict[str, Any]
) -> None:
    event = body.get("event") or {}
    user = _author(event)
    if not user:
        return
    staff = await deps.advisor(user)
    if staff is not None:
        # Someone on the roster gets staff help, never the founder intake (once per message
        # they write; edits and the app's own echoes are not answered).
        if event.get("subtype") is None:
            console = f": {deps.console_url}" if deps.console_url else ""
            await call(
                client,
                "chat.postMessage",
                channel=str(event.get("channel") or user),
                text=t(
                    "staff_help", staff.language, name=staff.name.split(" ")[0], console=console
                ),
            )
        return
    subtype = event.get("subtype")
    if subtype == "message_changed":
        kind = InboundKind.EDITED
        text = str((event.get("message") or {}).get("text") or "")
    else:
        kind = InboundKind.UNSUPPORTED if subtype == "file_share" else InboundKind.TEXT
        text = str(event.get("text") or "")
    replies = await deps.engine.handle(
        Inbound(
            CHANNEL,
            user,
            kind,
            text,
            message_id=str(event.get("ts")) if event.get("ts") else None,
            inbox_id=current_inbox_id(),
        )
    )
    mark_played()
    await post_replies(client, str(event.get("channel") or user), replies, deps.delivered)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.event("message")
    async def other_messages() -> None:
        """Founders' DMs went to the inbox before this; other messages need nothing."""
