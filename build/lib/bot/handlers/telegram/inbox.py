"""Telegram through the durable inbox: webhook bodies and polled updates are stored before
Telegram is answered (or before the polling offset moves on), then played one chat at a
time; replies a crash left unsent are sent again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import Application

from bot.engine.messages import Outbound
from bot.handlers.inbox import InboxPort, OutboxPort, Receiver, run_outbox_sweeper
from bot.handlers.telegram.bot import CHANNEL, send_reply
from bot.handlers.telegram.updates import BadUpdate, chat_of, parse_update
from bot.records import InboxEntry, PendingReply

log = logging.getLogger(__name__)
POLL_TIMEOUT = 10  # seconds Telegram holds a getUpdates call open


def bot_key(token: str) -> str:
    """The bot's id (the token's part before the colon): update ids restart for a new bot,
    so the inbox key includes it."""
    return token.split(":", 1)[0]


class TelegramInbox:
    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        inbox: InboxPort,
        outbox: OutboxPort,
        *,
        concurrency: int,
        resend_after: float = 30.0,
    ) -> None:
        self.resend_after = resend_after
        self.application = application
        self.outbox = outbox
        self._parsed: dict[int, Update] = {}
        self.receiver = Receiver(
            CHANNEL, bot_key(application.bot.token), inbox, self.play, concurrency=concurrency
        )

    async def accept_body(self, body: bytes) -> bool:
        """A webhook body: checked, stored; raises ``BadUpdate`` for anything else."""
        return await self.accept(parse_update(body))

    async def accept(self, data: dict[str, Any]) -> bool:
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:  # PTB's parser raises many kinds on hostile data
            raise BadUpdate(f"not a Telegram update ({type(exc).__name__})") from None
        self._parsed[update.update_id] = update  # played from memory: parsed once
        fresh = False
        try:
            fresh = await self.receiver.receive(str(data["update_id"]), chat_of(data), data)
            return fresh
        finally:
            if not fresh:  # a redelivery (or a failure): nothing will play this copy
                self._parsed.pop(update.update_id, None)

    async def play(self, entry: InboxEntry) -> None:
        update = self._parsed.pop(int(entry.payload.get("update_id", 0)), None)
        if update is None:
            update = Update.de_json(entry.payload, self.application.bot)
        await self.application.process_update(update)

    async def resend(self, reply: PendingReply) -> bool:
        try:
            reply_ = Outbound.from_payload(reply.payload)
            await send_reply(self.application.bot, int(reply.chat), reply_)
        except (Forbidden, BadRequest) as exc:
            log.warning("a stored reply was refused by Telegram for good: %s", exc)
            return False
        return True

    async def run(self, stop: asyncio.Event, *, polling: bool) -> None:
        """Play the inbox, sweep the outbox and, in polling mode, fetch updates, until
        ``stop`` is set."""
        poller = asyncio.create_task(self.poll(stop)) if polling else None
        await asyncio.gather(
            self.receiver.run(stop),
            run_outbox_sweeper(
                CHANNEL, self.outbox, self.resend, stop, resend_after=self.resend_after
            ),
        )
        if poller is not None:  # it may be waiting on a long getUpdates: nothing to lose
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller

    async def poll(self, stop: asyncio.Event) -> None:
        """Long polling into the inbox: the offset moves past an update only after it is
        stored, so an update fetched before a crash is fetched again."""
        bot = self.application.bot
        offset: int | None = None
        failures = 0
        while not stop.is_set():
            try:
                updates = await bot.get_updates(
                    offset=offset, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
                )
                failures = 0
            except (NetworkError, TelegramError) as exc:
                failures += 1
                log.warning("getUpdates failed (%s); retrying", type(exc).__name__)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=min(30.0, 0.5 * 2**failures))
                continue
            for update in updates:
                data = update.to_dict()
                try:
                    await self.accept(data)
                except BadUpdate as exc:
                    log.warning("a polled update was refused: %s", exc)
                offset = update.update_id + 1
