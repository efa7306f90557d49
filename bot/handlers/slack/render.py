"""Engine replies as Slack messages for founders: text plus buttons."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.web.async_client import AsyncWebClient

from bot.engine.messages import Outbound
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import call


def reply_blocks(reply: Outbound) -> list[blocks.Block]:
    out = [blocks.section(blocks.escape(reply.text))]
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


async def post_replies(client: AsyncWebClient, channel: str, replies: Sequence[Outbound]) -> None:
    for reply in replies:
        await call(
            client,
            "chat.postMessage",
            channel=channel,
            text=reply.text[:3000],
            blocks=reply_blocks(reply),
        )
