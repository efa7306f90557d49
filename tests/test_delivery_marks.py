"""Marking replies delivered: a mark that fails (a lock, a killed connection) is tried again,
and until it lands this process's outbox sweeper knows the replies went out, so nothing is
sent twice without a crash. After a crash (a new process) the sweeper sends them again."""

from __future__ import annotations

from collections.abc import Sequence

from bot.handlers.inbox import DeliveryMarks, sweep_outbox
from bot.records import PendingReply


class FakeOutbox:
    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.unmarked = {1: "Vad heter du?", 2: "Var bor du?"}

    async def mark(self, ids: Sequence[int]) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("server closed the connection unexpectedly")
        for i in ids:
            self.unmarked.pop(i, None)

    async def undelivered(self, channel: str, older_than: float) -> list[PendingReply]:
        return [PendingReply(i, channel, "c1", {"text": t}) for i, t in self.unmarked.items()]

    async def mark_delivered(self, reply_ids: Sequence[int]) -> None:
        await self.mark(reply_ids)


async def test_a_failed_mark_is_retried_and_the_sweeper_sends_nothing_twice() -> None:
    store = FakeOutbox(failures=1)
    marks = DeliveryMarks(store.mark, retry=3600)  # the retry is driven by hand below
    await marks([1, 2])  # the turn's replies went out
    assert await marks.flush() is False, "the mark failed"
    resent: list[int] = []

    async def send(reply: PendingReply) -> bool:
        resent.append(reply.id)
        return True

    assert await sweep_outbox("telegram", marks.outbox(store), send, 0) == 0
    assert resent == [], "this process sent them: not again"
    assert await marks.flush() is True
    assert store.unmarked == {} and not marks.sent_here(1)


async def test_after_a_crash_the_sweeper_sends_what_was_never_marked() -> None:
    store = FakeOutbox(failures=0)
    fresh = DeliveryMarks(store.mark)  # a new process: it sent nothing itself
    resent: list[int] = []

    async def send(reply: PendingReply) -> bool:
        resent.append(reply.id)
        return True

    assert await sweep_outbox("telegram", fresh.outbox(store), send, 0) == 2
    assert resent == [1, 2] and store.unmarked == {}
