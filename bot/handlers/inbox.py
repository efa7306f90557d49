"""Playing the durable inbox: requests of different chats concurrently (bounded), those of
one chat strictly in arrival order, a turn at a time when other chats are kept waiting; and
the outbox sweeper that sends replies a crash left
unsent. Channel-agnostic: each channel plugs in how to play one request and how to send one
stored reply; storage comes as ports built in ``bot/app.py``.

How it holds up (docs/architecture.md has the whole story):
- a request is answered 200 only after ``accept`` committed it, so it is always played;
- a request redelivered by the platform is refused by the inbox's unique key;
- the turn marks its row done in its own transaction, so a crash mid-turn replays it, and a
  crash after the turn's commit does not (its replies are then in the outbox);
- a row found unfinished at start is counted; one that crashed the process three times is
  set aside as failed instead of being played again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

from bot.domain import AlreadyPlayedError
from bot.faults import crash_point
from bot.logs import LOG_CONTEXT
from bot.metrics import observe_turn
from bot.records import ChatHold, InboxEntry, PendingReply

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # plays of one request that never finished (each crashed the process)


@dataclass
class Playing:
    """The inbox row being played in this task; channels read it through ``PLAYING``."""

    inbox_id: int
    transient: Callable[[BaseException], bool] = lambda _error: False
    played: bool = False  # the engine saved a turn for it (that marked the row done)
    failed: bool = False  # the channel's error handler ran
    for_now: bool = False  # … for a passing reason (the database away): played again later


PLAYING: ContextVar[Playing | None] = ContextVar("spbot_inbox_playing", default=None)


def current_inbox_id() -> int | None:
    playing = PLAYING.get()
    return playing.inbox_id if playing else None


def mark_played() -> None:
    playing = PLAYING.get()
    if playing is not None:
        playing.played = True


def mark_failed(error: BaseException | None = None) -> bool:
    """The request's play failed; True when it failed only for now (the database away for a
    moment): it stays in the inbox and is played again, so the founder needs no apology."""
    playing = PLAYING.get()
    if playing is None:
        return False
    playing.failed = True
    playing.for_now = not playing.played and error is not None and playing.transient(error)
    return playing.for_now


class InboxPort(Protocol):
    async def accept(
        self,
        platform: str,
        bot: str,
        update_id: str,
        chat: str,
        payload: dict[str, Any] | None,
        *,
        handled: bool = False,
    ) -> int | None: ...

    async def pending_chats(self, platform: str) -> list[str]: ...

    async def finish(self, inbox_id: int, outcome: str) -> None: ...

    async def count_attempt(self, inbox_id: int) -> int: ...

    def transient(self, error: BaseException) -> bool:
        """The error is the database's, and passing (a lost connection, a lock): the
        request can be played again later."""

    def chat_lock(self, platform: str, chat: str) -> AbstractAsyncContextManager[ChatHold]:
        """Held while this process plays the chat (``mine`` False if another one does);
        ``waiting(limit)`` reads the chat's waiting requests, oldest first."""

    @property
    def shared(self) -> bool:
        """Other processes may accept and play requests too (PostgreSQL)."""


# How long a chat may wait for a slot before the chats playing one let go after their
# current request (sends waiting on Telegram's rate limit make slots slow to come by).
FAIR_WAIT = 0.2


class Receiver:
    """One platform's inbox: ``receive`` stores a request (the caller answers the platform
    only after it returns), the player plays it in the background."""

    def __init__(
        self,
        platform: str,
        bot: str,
        inbox: InboxPort,
        play: Callable[[InboxEntry], Awaitable[None]],
        *,
        concurrency: int = 32,
        poll_interval: float = 2.0,
    ) -> None:
        self.platform = platform
        self.bot = bot
        self.inbox = inbox
        self.play = play
        self.poll_interval = poll_interval
        self._slots = asyncio.Semaphore(concurrency)
        # When each chat waiting for a slot began to wait (insertion order: oldest first).
        self._waiting_since: dict[object, float] = {}
        self._busy: set[str] = set()
        self._again: set[str] = set()
        # Requests this process accepted, by chat, in order: played without reading them
        # back. Chats found waiting in the database (at start, by the poll) are read from it.
        self._queued: dict[str, list[InboxEntry]] = {}
        self._recover: set[str] = set()
        self._lock_misses: dict[str, int] = {}
        self._fresh: set[int] = set()  # accepted by this process: not a recovery
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = False

    async def receive(self, update_id: str, chat: str, payload: dict[str, Any]) -> bool:
        """Store the request; False when it was received before (a redelivery)."""
        inbox_id = await self.inbox.accept(self.platform, self.bot, update_id, chat, payload)
        if inbox_id is None:
            log.info("%s update %s was received before", self.platform, update_id)
            return False
        self._fresh.add(inbox_id)
        crash_point("inbox_committed")
        self._queued.setdefault(chat, []).append(InboxEntry(inbox_id, self.platform, chat, payload))
        self.wake(chat)
        return True

    async def first_time(self, update_id: str, chat: str) -> bool:
        """Remember a request that the caller handles at once (nothing to replay); False
        when it was seen before (a redelivery, to be dropped)."""
        accepted = await self.inbox.accept(
            self.platform, self.bot, update_id, chat, None, handled=True
        )
        return accepted is not None

    def wake(self, chat: str) -> None:
        if chat in self._busy:
            self._again.add(chat)
        else:
            self._start(chat)

    def _start(self, chat: str) -> None:
        if self._stopping:
            return
        self._busy.add(chat)
        task = asyncio.get_running_loop().create_task(self._play_chat(chat))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self, stop: asyncio.Event) -> None:
        """Pick up waiting requests (at start, and every ``poll_interval``: requests other
        processes accepted, or that a crash left) until ``stop`` is set."""
        while not stop.is_set():
            try:
                self._recover_chats(await self.inbox.pending_chats(self.platform))
            except Exception:
                log.exception("could not read the %s inbox; retrying", self.platform)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.poll_interval)
        # Shutting down: each chat finishes the request it is playing; the rest stays in the
        # inbox for the next start (or another process).
        self._stopping = True
        await self.idle()

    async def idle(self) -> None:
        """Wait until every chat this process is playing is done."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def drain(self) -> None:
        """Play everything waiting now and return when done (tests and tools)."""
        self._recover_chats(await self.inbox.pending_chats(self.platform))
        await self.idle()

    def _recover_chats(self, chats: list[str]) -> None:
        for chat in chats:
            self._recover.add(chat)
            if chat in self._busy:
                self._again.add(chat)
            else:
                self._start(chat)

    async def _next(self, chat: str, hold: ChatHold) -> list[InboxEntry]:
        if chat not in self._recover:
            return self._queued.pop(chat, [])
        self._recover.discard(chat)
        entries = await hold.waiting(20)
        if entries:
            # Those rows include what this process queued for the chat: play each once.
            last = entries[-1].id
            queued = [e for e in self._queued.pop(chat, []) if e.id > last]
            if queued:
                self._queued[chat] = queued
            self._recover.add(chat)  # more rows may wait behind this batch
        return entries

    @contextlib.asynccontextmanager
    async def _slot(self) -> AsyncIterator[None]:
        token = object()
        self._waiting_since[token] = time.monotonic()
        try:
            await self._slots.acquire()
        finally:
            del self._waiting_since[token]
        try:
            yield
        finally:
            self._slots.release()

    def _others_kept_waiting(self) -> bool:
        """Another chat has waited for a slot longer than a chat should (``FAIR_WAIT``)."""
        oldest = next(iter(self._waiting_since.values()), None)
        return oldest is not None and time.monotonic() - oldest > FAIR_WAIT

    async def _play_chat(self, chat: str) -> None:
        try:
            async with self._slot(), self.inbox.chat_lock(self.platform, chat) as hold:
                if not hold.mine:
                    # Another process plays this chat now and may play what this one
                    # accepted (it looks before it lets go): forget the queue, and look in
                    # the database again shortly for whatever is still waiting.
                    self._queued.pop(chat, None)
                    self._recover.add(chat)
                    self._retry_soon(chat)
                    return
                self._lock_misses.pop(chat, None)
                checked = played = False
                while True:
                    self._again.discard(chat)
                    entries = await self._next(chat, hold)
                    if not entries:
                        if chat in self._again or self._queued.get(chat):
                            continue
                        if self.inbox.shared and not checked:
                            # Rows another process accepted while this one held the chat.
                            checked = True
                            self._recover.add(chat)
                            continue
                        break
                    checked = False
                    for i, entry in enumerate(entries):
                        if self._stopping:
                            return
                        if played and self._others_kept_waiting():
                            # This chat goes to the back of the line with the rest of its
                            # requests: a founder who answers quickly does not keep a slot
                            # from everyone else (when slots are quick to come by, a chat
                            # plays what it has without a new wait).
                            self._queued[chat] = entries[i:] + self._queued.get(chat, [])
                            self._again.add(chat)
                            return
                        played = True
                        if not await self._play_one(entry):
                            # Kept in the database, in order: read from there next time.
                            self._queued.pop(chat, None)
                            self._recover.add(chat)
                            asyncio.get_running_loop().call_later(
                                self.poll_interval, self.wake, chat
                            )
                            return
        except Exception:
            log.exception("playing the %s inbox failed; it is retried", self.platform)
        finally:
            self._busy.discard(chat)
            if chat in self._again:
                self._again.discard(chat)
                self._start(chat)

    def _retry_soon(self, chat: str, delay: float = 0.2, tries: int = 10) -> None:
        misses = self._lock_misses.get(chat, 0) + 1
        if misses > tries:
            self._lock_misses.pop(chat, None)
            return  # the poll picks it up
        self._lock_misses[chat] = misses
        asyncio.get_running_loop().call_later(delay, self.wake, chat)

    async def _play_one(self, entry: InboxEntry) -> bool:
        """Play one request; False when it must be played again later (and the chat's
        later requests wait for it)."""
        if entry.id in self._fresh:
            self._fresh.discard(entry.id)
        elif await self.inbox.count_attempt(entry.id) > MAX_ATTEMPTS:
            log.error(
                "%s inbox row %s was started %s times without finishing; set aside",
                self.platform,
                entry.id,
                MAX_ATTEMPTS,
            )
            await self.inbox.finish(entry.id, "failed")
            return True
        playing = Playing(entry.id, self.inbox.transient)
        token = PLAYING.set(playing)
        LOG_CONTEXT.set({"update": f"{self.platform}:{entry.id}"})
        started = time.perf_counter()
        try:
            await self.play(entry)
        except AlreadyPlayedError as exc:
            log.info("%s", exc)  # another process answered it: nothing to add
        except Exception as exc:
            if not mark_failed(exc):
                log.exception("playing %s inbox row %s failed", self.platform, entry.id)
        finally:
            PLAYING.reset(token)
            observe_turn(self.platform, started, not playing.failed)
        if playing.for_now:
            log.warning(
                "%s inbox row %s could not be played for now (database); it is played again",
                self.platform,
                entry.id,
            )
            return False
        if not playing.played:
            await self.inbox.finish(entry.id, "failed" if playing.failed else "done")
        return True


class DeliveryMarks:
    """Marks stored replies delivered in batches: one transaction for the replies of many
    turns, ``delay`` seconds after the first. A mark that fails (a lock, a lost connection)
    is tried again ``retry`` seconds later, and meanwhile this process's sweeper knows those
    replies went out (``outbox``): a reply is sent again only after a crash (the
    at-least-once the outbox promises), never because its mark was late."""

    def __init__(
        self,
        mark: Callable[[Sequence[int]], Awaitable[None]],
        delay: float = 0.05,
        retry: float = 1.0,
    ) -> None:
        self.mark = mark
        self.delay = delay
        self.retry = retry
        self._pending: list[int] = []
        self._sent: set[int] = set()  # sent by this process, not yet marked
        self._flushing: asyncio.Task[None] | None = None

    async def __call__(self, reply_ids: Sequence[int]) -> None:
        if not reply_ids:
            return
        self._pending.extend(reply_ids)
        self._sent.update(reply_ids)
        self._schedule(self.delay)

    def _schedule(self, delay: float) -> None:
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.get_running_loop().create_task(self._flush_later(delay))

    async def _flush_later(self, delay: float) -> None:
        await asyncio.sleep(delay)
        await self.flush()

    async def flush(self) -> bool:
        """Mark what is pending; False when it could not be (it is tried again)."""
        ids, self._pending = self._pending, []
        if not ids:
            return True
        try:
            await self.mark(ids)
        except Exception:
            log.warning(
                "could not mark %s replies delivered; trying again", len(ids), exc_info=True
            )
            self._pending = ids + self._pending
            with contextlib.suppress(RuntimeError):  # no loop: shutting down
                self._flushing = None
                self._schedule(self.retry)
            return False
        self._sent.difference_update(ids)
        return True

    def sent_here(self, reply_id: int) -> bool:
        return reply_id in self._sent

    def outbox(self, store: OutboxPort) -> OutboxPort:
        """``store`` as the sweeper should see it: without the replies sent here."""
        return _SentHereKnown(store, self)


class _SentHereKnown:
    def __init__(self, store: OutboxPort, marks: DeliveryMarks) -> None:
        self.store, self.marks = store, marks

    async def undelivered(self, channel: str, older_than: float) -> list[PendingReply]:
        replies = await self.store.undelivered(channel, older_than)
        return [r for r in replies if not self.marks.sent_here(r.id)]

    async def mark_delivered(self, reply_ids: Sequence[int]) -> None:
        await self.store.mark_delivered(reply_ids)


class OutboxPort(Protocol):
    async def undelivered(self, channel: str, older_than: float) -> list[PendingReply]: ...

    async def mark_delivered(self, reply_ids: Sequence[int]) -> None: ...


async def sweep_outbox(
    channel: str,
    outbox: OutboxPort,
    send: Callable[[PendingReply], Awaitable[bool]],
    older_than: float = 30.0,
) -> int:
    """Send the channel's replies that a crash left unsent; returns how many went out.
    ``send`` returns False for a reply the platform refused for good (it is marked too:
    it will never go out, and it is not tried forever)."""
    sent = 0
    for reply in await outbox.undelivered(channel, older_than):
        try:
            await send(reply)
        except Exception:
            log.warning("could not resend reply %s on %s; trying later", reply.id, channel)
            break  # keep the chat's order: later replies wait for this one
        await outbox.mark_delivered([reply.id])
        sent += 1
    if sent:
        log.info("resent %s replies on %s that a restart left unsent", sent, channel)
    return sent


async def run_outbox_sweeper(
    channel: str,
    outbox: OutboxPort,
    send: Callable[[PendingReply], Awaitable[bool]],
    stop: asyncio.Event,
    *,
    resend_after: float = 30.0,
    interval: float = 10.0,
) -> None:
    while not stop.is_set():
        try:
            await sweep_outbox(channel, outbox, send, resend_after)
        except Exception:
            log.exception("the %s outbox sweep failed; retrying", channel)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
