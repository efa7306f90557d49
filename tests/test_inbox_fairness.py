"""The inbox shares its slots fairly: a founder who answers quickly (or a chat with a backlog)
does not keep a slot while other chats wait — they go in turn, each chat still in order."""

from __future__ import annotations

import asyncio

import pytest

from bot.handlers import inbox as inbox_module
from bot.handlers.inbox import Receiver
from bot.records import InboxEntry
from bot.storage.db import Database
from bot.storage.inbox import SqlInbox


async def test_a_chat_with_a_backlog_lets_a_waiting_chat_in(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox_module, "FAIR_WAIT", 0.01)
    played: list[str] = []

    async def play(entry: InboxEntry) -> None:
        played.append(str(entry.payload["text"]))
        await asyncio.sleep(0.05)  # a send waiting on the platform's rate limit

    receiver = Receiver("test", "bot", SqlInbox(db), play, concurrency=1)
    for i in range(6):
        await receiver.receive(f"a{i}", "busy", {"text": f"busy-{i}"})
    await asyncio.sleep(0.01)  # the busy chat has the only slot
    await receiver.receive("b0", "other", {"text": "other-0"})
    await receiver.idle()
    assert sorted(played) == sorted([f"busy-{i}" for i in range(6)] + ["other-0"])
    assert played.index("other-0") < played.index("busy-5"), played
    assert [p for p in played if p.startswith("busy")] == [f"busy-{i}" for i in range(6)]


async def test_without_anyone_waiting_a_chat_plays_its_backlog_at_once(db: Database) -> None:
    played: list[str] = []

    async def play(entry: InboxEntry) -> None:
        played.append(str(entry.payload["text"]))

    receiver = Receiver("test", "bot", SqlInbox(db), play, concurrency=1)
    for i in range(4):
        await receiver.receive(f"a{i}", "busy", {"text": f"busy-{i}"})
    await receiver.idle()
    assert played == [f"busy-{i}" for i in range(4)]
