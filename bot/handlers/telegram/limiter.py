"""Telegram's limit for a bot, spent on the founders who are waiting first.

Telegram asks a bot to send no more than about 30 messages a second to different chats and
answers 429 (``RetryAfter``) beyond it. PTB's ``AIORateLimiter`` keeps to the rate but wakes
its waiters in no fixed order and lets a second's worth go out at once: measured with 20
founders typing at once, a median reply came in 132 ms and the 99th percentile in 4.6–5.2 s
(docs/benchmarks.md, "Telegram at its real limit"). This limiter hands out sending slots
evenly spaced (at most ``rate`` in any second), first come first served, with four lanes:

- ``MORE``: the rest of an answer already begun (the next question after the pressed one
  was edited, the second part of a long text) — a turn waits in the queue once, not once
  per message;
- ``REPLY``: the answer to what a founder just sent (a turn's replies, the question edited
  in place) — a person is looking at the chat;
- ``NOTICE``: news nobody is waiting for this second (a case's progress, an event's
  reminder, a re-sent reply): it waits for the replies queued before it goes;
- ``COSMETIC``: "typing…" — sent only when a slot is free at once, else skipped.

Order within one chat needs nothing here: a chat's messages are sent one after the other
(each awaited), so a later one never asks for a slot before the earlier one is sent.
Requests without a chat (answering a button press, setting the webhook) are not limited, as
in PTB's limiter. A ``RetryAfter`` from Telegram pauses every lane for the time it names and
the request asks again at the front of its lane.
"""

from __future__ import annotations

import asyncio
import collections
import enum
import logging
import time
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


class Priority(enum.IntEnum):
    # Not 0: PTB passes on only a truthy ``rate_limit_args``.
    MORE = 1
    REPLY = 2
    NOTICE = 3
    COSMETIC = 4


# What a request is when its caller does not say: a message or an edit answers a founder.
_BY_ENDPOINT = {"sendChatAction": Priority.COSMETIC}


def with_priority(bot: ExtBot[Any], priority: Priority) -> dict[str, Any]:
    """The keyword a call passes to say its lane; nothing when the bot has no limiter (PTB
    refuses ``rate_limit_args`` then)."""
    return {"rate_limit_args": priority} if bot.rate_limiter is not None else {}


class FairRateLimiter(BaseRateLimiter[Priority]):
    def __init__(
        self,
        rate: float,
        *,
        max_retries: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self.max_retries = max_retries
        self._clock = clock
        self._free_at = 0.0  # when the next slot is free
        self._lanes: tuple[collections.deque[asyncio.Future[None]], ...] = (
            collections.deque(),
            collections.deque(),
            collections.deque(),
        )
        self._timer: asyncio.TimerHandle | None = None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        for lane in self._lanes:
            while lane:
                lane.popleft().cancel()

    @property
    def waiting(self) -> int:
        return sum(len(lane) for lane in self._lanes)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Priority | None,
    ) -> JSONResult:
        if data.get("chat_id") is None:
            return await callback(*args, **kwargs)
        priority = (
            rate_limit_args
            if rate_limit_args is not None
            else _BY_ENDPOINT.get(endpoint, Priority.REPLY)
        )
        if priority is Priority.COSMETIC:
            if not self._take_now():
                return True  # skipped: a slot is worth more to a message than to "typing…"
            return await callback(*args, **kwargs)
        front = False
        for attempt in range(self.max_retries + 1):
            await self._slot(priority, front)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.max_retries:
                    raise
                seconds = _seconds(exc)
                log.warning("Telegram asked to slow down: waiting %.1f s", seconds + 0.1)
                self._free_at = max(self._free_at, self._clock() + seconds + 0.1)
                front = True
        raise AssertionError("unreachable")  # pragma: no cover

    # --- slots ----------------------------------------------------------------------------

    def _take_now(self) -> bool:
        now = self._clock()
        if self.waiting or self._free_at > now:
            return False
        self._free_at = now + self.interval
        return True

    async def _slot(self, priority: Priority, front: bool) -> None:
        if self._take_now():
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        lane = self._lanes[priority - 1]
        if front:
            lane.appendleft(future)
        else:
            lane.append(future)
        self._schedule()
        try:
            await future
        except asyncio.CancelledError:
            if future in lane:  # (given a slot just as it was cancelled: the slot goes unused)
                lane.remove(future)
            raise

    def _schedule(self) -> None:
        if self._timer is None and self.waiting:
            loop = asyncio.get_running_loop()
            delay = max(0.0, self._free_at - self._clock())
            self._timer = loop.call_later(delay, self._release)

    def _release(self) -> None:
        """A slot is free: give it to the first waiting request of the first lane."""
        self._timer = None
        now = self._clock()
        if self._free_at > now:  # a RetryAfter moved the next slot on
            self._schedule()
            return
        for lane in self._lanes:
            while lane:
                future = lane.popleft()
                if not future.done():
                    future.set_result(None)
                    self._free_at = now + self.interval
                    self._schedule()
                    return
        self._schedule()


def _seconds(exc: RetryAfter) -> float:
    """How long Telegram asked to wait (an int today, a timedelta in PTB's next major)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        pause = exc.retry_after
    return float(pause) if isinstance(pause, int | float) else pause.total_seconds()
