"""Every conversation transcript, played by a founder in Telegram: updates from the Bot API
emulator (long polling) to the real PTB application, the replies read from what the bot
sent or edited — in every language the intake speaks (Telegram says which).

Telegram shows a turn differently from the engine: replies without buttons are joined into
one message with the question after them, and a multi-select question is updated in place.
So a turn's expectations are held to everything the founder sees change after it — every
expected text somewhere in it, and the expected buttons on the last keyboard. Text over
Telegram's 4,096 characters cannot be sent at all, so those turns are not played."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.app import Services, build_services
from bot.domain import Language
from bot.http import build_http_app
from bot.settings import load_settings
from bot.storage.db import Database
from tests.engine.test_transcripts import TRANSCRIPTS
from tests.http_server import serving
from tests.roster import seed_demo_roster
from tests.telegram.emulator import BotApiEmulator, emulating
from tests.transcript_checks import answered, channels_used, check_case, inbound_stored, play

CHAT = 4242
TELEGRAM_LIMIT = 4096


class TelegramTalker:
    """A founder in a private chat with the bot; ``seen`` is what changed after the last
    thing they did (new messages and edited ones)."""

    def __init__(self, api: BotApiEmulator, db: Database, language: str) -> None:
        self.api, self.db, self.language = api, db, language
        self.seen: list[dict[str, Any]] = []
        self.in_place = False  # nothing new: a question updated where it stands
        self._ids = itertools.count(10_000)

    def _messages(self) -> list[dict[str, Any]]:
        return self.api.sent.get(CHAT, [])

    @staticmethod
    def _look(message: dict[str, Any]) -> tuple[str, str]:
        return message["text"], repr(message.get("reply_markup"))

    async def act(self, doing: Any) -> None:
        before = {m["message_id"]: self._look(m) for m in self._messages()}
        await doing
        await self._settle(before)
        self.seen = [m for m in self._messages() if before.get(m["message_id"]) != self._look(m)]
        self.in_place = bool(self.seen) and all(m["message_id"] in before for m in self.seen)

    async def _settle(self, before: dict[int, tuple[str, str]], timeout: float = 10.0) -> None:
        deadline, last, quiet = time.monotonic() + timeout, None, 0
        while time.monotonic() < deadline:
            now = [self._look(m) for m in self._messages()]
            changed = len(now) != len(before) or any(
                before.get(m["message_id"]) != self._look(m) for m in self._messages()
            )
            if changed and now == last and await answered(self.db):
                quiet += 1
                if quiet >= 3:
                    return
            else:
                quiet = 0
            last = now
            await asyncio.sleep(0.02)
        raise AssertionError(f"the bot never answered: {self._messages()[-3:]}")

    async def _press_data(self, data: str) -> None:
        message = self._messages()[-1]  # a stale or forged press: whatever message it names
        await self.api.deliver(
            {
                "update_id": next(self.api._update_ids),  # in the emulator's own order
                "callback_query": {
                    "id": str(next(self._ids)),
                    "from": self.api.user(CHAT, self.language),
                    "chat_instance": "ci-1",
                    "data": data,
                    "message": message,
                },
            }
        )

    async def say(self, text: str) -> bool:
        if not text.strip() or len(text) > TELEGRAM_LIMIT:
            return False  # no Telegram client sends an empty message, or one over the limit
        await self.act(self.api.type(CHAT, text, self.language))
        return True

    async def command(self, name: str) -> bool:
        return await self.say(f"/{name}")

    async def press(self, label: str) -> None:
        await self.act(self.api.press(CHAT, label, self.language))

    async def choose(self, data: str) -> None:
        await self.act(self._press_data(data))

    async def unsupported(self) -> None:
        await self.act(self.api.send_sticker(CHAT))

    def check(self, expected: list[dict[str, Any]], where: str) -> None:
        if self.in_place and any(m.get("reply_markup") for m in self.seen):
            # A multi-select question answered in place: the ticks say what the engine's
            # "selected so far" says; the question itself is the last reply.
            ticks = [
                b["text"]
                for m in self.seen
                for row in m["reply_markup"]["inline_keyboard"]
                for b in row
                if b["text"].startswith("✔ ")
            ]
            assert ticks, f"{where}: nothing ticked in place"
            expected = expected[-1:]
        shown = "\n".join(m["text"] for m in self.seen)
        for expect in expected:
            for needle in _as_list(expect.get("contains", [])):
                assert needle in shown, f"{where}: {needle!r} not in {shown!r}"
            for needle in _as_list(expect.get("not_contains", [])):
                assert needle not in shown, f"{where}: {needle!r} in {shown!r}"
        keyboards = [m for m in self.seen if m.get("reply_markup")]
        labels = (
            [b["text"] for row in keyboards[-1]["reply_markup"]["inline_keyboard"] for b in row]
            if keyboards
            else []
        )
        last = expected[-1]
        if "choices" in last:
            assert labels == last["choices"], f"{where}: buttons {labels}"
        for label in _as_list(last.get("choices_include", [])):
            assert label in labels, f"{where}: no button {label!r} in {labels}"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@pytest.fixture
async def telegram(
    database_url: str, db: Database
) -> AsyncIterator[tuple[BotApiEmulator, Services]]:
    api = BotApiEmulator()
    async with emulating(api) as api_url:
        settings = load_settings(
            DATABASE_URL=database_url, TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_BASE_URL=api_url
        )
        services = await build_services(settings, db)
        await seed_demo_roster(db)
        async with serving(build_http_app(services, timers=False)):
            yield api, services


@pytest.mark.slow
@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript_on_telegram(
    path: Path, telegram: tuple[BotApiEmulator, Services], db: Database
) -> None:
    api, _ = telegram
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    founder = TelegramTalker(api, db, Language.from_hint(script.get("language_hint")).value)
    skipped = 0
    for number, turn in enumerate(script["turns"], 1):
        where = f"{path.name} turn {number} ({ {k: v for k, v in turn.items() if k != 'expect'} })"
        if not await play(founder, turn):
            skipped += 1
            continue
        if "expect" in turn:
            founder.check(turn["expect"], where)

    await check_case(path, script, db)
    expected_stored = script.get("inbound_stored", len(script["turns"]) - skipped)
    assert await inbound_stored(db) == expected_stored, "every message is kept"
    assert await channels_used(db) <= {"telegram"}
