"""Founders' Slack DMs through the durable inbox: the event is stored before Slack gets its
200 (a retried event is a no-op), then played one founder at a time; replies a crash left
unsent are posted again."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.engine.messages import Outbound
from bot.handlers.inbox import InboxPort, OutboxPort, Receiver, run_outbox_sweeper
from bot.handlers.slack.deps import CHANNEL, SlackDeps
from bot.handlers.slack.listeners.events import author, founder_message, play_direct_message
from bot.handlers.slack.render import post_reply
from bot.records import InboxEntry, PendingReply

log = logging.getLogger(__name__)


class SlackInbox:
    def __init__(
        self,
        client: AsyncWebClient,
        deps: SlackDeps,
        inbox: InboxPort,
        outbox: OutboxPort,
        *,
        app_key: str,
        concurrency: int,
        resend_after: float = 30.0,
    ) -> None:
        self.resend_after = resend_after
        self.client = client
        self.deps = deps
        self.outbox = outbox
        self.receiver = Receiver(CHANNEL, app_key, inbox, self.play, concurrency=concurrency)

    async def offer(self, body: dict[str, Any]) -> bool:
        """True when the event is taken care of here: a founder's message goes into the
        inbox (played later), a retried event is dropped. False: Bolt's listeners handle it
        now (other events, remembered by id so that a retry is dropped)."""
        event = body.get("event")
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or not isinstance(event, dict) or not event_id:
            return False
        if founder_message(event):
            await self.receiver.receive(str(event_id), author(event), body)
            return True
        return not await self.receiver.first_time(str(event_id), str(event.get("user") or ""))

    async def play(self, entry: InboxEntry) -> None:
        await play_direct_message(self.deps, self.client, entry.payload)

    async def resend(self, reply: PendingReply) -> bool:
        if not await post_reply(self.client, reply.chat, Outbound.from_payload(reply.payload)):
            raise RuntimeError("Slack did not take the reply")  # tried again later
        return True

    async def run(self, stop: asyncio.Event) -> None:
        await asyncio.gather(
            self.receiver.run(stop),
            run_outbox_sweeper(
                CHANNEL, self.outbox, self.resend, stop, resend_after=self.resend_after
            ),
        )
