"""Engine replies as Slack messages for founders: text plus buttons."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence

from slack_sdk.web.async_client import AsyncWebClient

from bot.engine.messages import COMMANDS, Outbound
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import call

# Slack takes a message that starts with "/" for one of its own commands (its "/status" sets
# the person's status): a founder reaches ours through the app's one command, "/spbot status".
_OUR_COMMAND = re.compile(r"(?<![\w/.])/(" + "|".join(sorted(COMMANDS)) + r")\b")


def slack_commands(text: str) -> str:
    """The intake's "/delete", "/status"… as a founder types them in Slack."""
    return _OUR_COMMAND.sub(r"/spbot \1", text)


def reply_blocks(reply: Outbound) -> list[blocks.Block]:
    out = [blocks.section(blocks.escape(slack_commands(reply.text)))]
    if reply.choices:
        out.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "intake_choice",
                        "value": choice.id[:2000],
                        "text": {"type": "plain_text", "text": choice.label[:75]},
                    }
                    for choice in reply.choices[:25]
                ],
            }
        )
    return out


async def post_reply(client: AsyncWebClient, channel: str, reply: Outbound) -> bool:
    response = await call(
        client,
        "chat.postMessage",
        channel=channel,
        text=slack_commands(reply.text)[:3000],
        blocks=reply_blocks(reply),
    )
    return response is not None


async def post_replies(
    client: AsyncWebClient,
    channel: str,
    replies: Sequence[Outbound],
    delivered: Callable[[Sequence[int]], Awaitable[None]],
) -> None:
    """Post in order and mark the stored replies delivered; after a failed post the rest
    stay in the outbox (in order) for the sweeper."""
    sent: list[int] = []
    for reply in replies:
        if not await post_reply(client, channel, reply):
            break
        if reply.id is not None:
            sent.append(reply.id)
    await delivered(sent)
