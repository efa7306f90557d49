"""The Telegram rate limiter: slots evenly spaced, first come first served, founders'
replies ahead of notices, "typing…" only when a slot is free, Telegram's RetryAfter obeyed."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.handlers.telegram.limiter import FairRateLimiter, Priority

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
RATE = 200.0  # slots 5 ms apart: quick tests, the same rules


class Calls:
    def __init__(self) -> None:
        self.log: list[tuple[str, float]] = []
        self.refusals: dict[str, int] = {}

    async def send(self, name: str) -> bool:
        if self.refusals.get(name, 0):
            self.refusals[name] -= 1
            raise RetryAfter(0)
        self.log.append((name, time.monotonic()))
        return True

    @property
    def order(self) -> list[str]:
        return [name for name, _ in self.log]


async def request(
    limiter: FairRateLimiter,
    calls: Calls,
    name: str,
    priority: Priority | None = None,
    endpoint: str = "sendMessage",
    chat: int | None = 1,
) -> Any:
    data = {"chat_id": chat} if chat is not None else {}
    return await limiter.process_request(calls.send, (name,), {}, endpoint, data, priority)


async def test_slots_are_evenly_spaced_and_first_come_first_served() -> None:
    limiter, calls = FairRateLimiter(RATE), Calls()
    names = [f"m{i}" for i in range(12)]
    tasks = []
    for name in names:
        tasks.append(asyncio.create_task(request(limiter, calls, name)))
        await asyncio.sleep(0)  # each asks in turn
    await asyncio.gather(*tasks)
    assert calls.order == names
    gaps = [b - a for (_, a), (_, b) in zip(calls.log, calls.log[1:], strict=False)]
    assert min(gaps) >= limiter.interval * 0.99


async def test_replies_go_before_notices_already_waiting() -> None:
    limiter, calls = FairRateLimiter(RATE), Calls()
    tasks = [
        asyncio.create_task(request(limiter, calls, f"notice{i}", Priority.NOTICE))
        for i in range(5)
    ]
    await asyncio.sleep(0)
    tasks.append(asyncio.create_task(request(limiter, calls, "reply")))
    await asyncio.gather(*tasks)
    # The first notice took the free slot at once; the reply went next.
    assert calls.order[:2] == ["notice0", "reply"]
    assert calls.order[2:] == ["notice1", "notice2", "notice3", "notice4"]


async def test_typing_is_skipped_when_it_would_wait() -> None:
    limiter, calls = FairRateLimiter(RATE), Calls()
    assert await request(limiter, calls, "typing", endpoint="sendChatAction") is True
    first = asyncio.create_task(request(limiter, calls, "reply"))
    await asyncio.sleep(0)
    assert await request(limiter, calls, "typing again", endpoint="sendChatAction") is True
    await first
    assert calls.order == ["typing", "reply"]


async def test_requests_without_a_chat_are_not_limited() -> None:
    limiter, calls = FairRateLimiter(1.0), Calls()  # one slot a second
    await request(limiter, calls, "a message")
    waiting = asyncio.create_task(request(limiter, calls, "the next message"))
    await request(limiter, calls, "a button's answer", endpoint="answerCallbackQuery", chat=None)
    assert calls.order == ["a message", "a button's answer"]
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert limiter.waiting == 0


async def test_retry_after_is_obeyed_and_the_request_keeps_its_place() -> None:
    limiter, calls = FairRateLimiter(RATE), Calls()
    calls.refusals["first"] = 1
    tasks = [asyncio.create_task(request(limiter, calls, "first"))]
    await asyncio.sleep(0)
    tasks.append(asyncio.create_task(request(limiter, calls, "second")))
    await asyncio.gather(*tasks)
    assert calls.order == ["first", "second"]


async def test_retry_after_past_the_retries_reaches_the_caller() -> None:
    limiter, calls = FairRateLimiter(RATE, max_retries=1), Calls()
    calls.refusals["stubborn"] = 2
    with pytest.raises(RetryAfter):
        await request(limiter, calls, "stubborn")
