"""Every conversation transcript, played by a founder in a Slack DM: signed Events API
requests and button presses over HTTP to the real Bolt app, the replies read from what the
app posted to the local fake Web API — in every language the intake speaks.

Slack tells an app no language we speak (its clients know none of Arabic, Bosnian, Persian,
Polish or Somali), so a founder who would have been greeted in their language elsewhere
picks it from the first question's buttons here; that reply is held to the transcript's
first expectations. Commands go through the app's slash command ("/spbot status": Slack keeps
"/status" and the like for itself), and the replies name them so."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.domain import Language
from bot.engine.messages import Choice, Outbound
from bot.handlers.slack.render import slack_commands
from bot.settings import Settings
from bot.storage.db import Database
from tests.engine.test_transcripts import TRANSCRIPTS, _check_replies
from tests.roster import seed_demo_roster
from tests.slack.signing import command, event, interaction
from tests.slack.test_slack_app import SlackWorld, slack_world
from tests.transcript_checks import answered, channels_used, check_case, inbound_stored, play

USER, DM = "U0FOUNDER", "D0FOUNDER"


@pytest.fixture
async def demo_world(settings: Settings, db: Database) -> AsyncIterator[SlackWorld]:
    await seed_demo_roster(db, in_slack=True)
    async for w in slack_world(settings, db):
        yield w


@dataclass
class SlackFounder:
    """A founder in a DM with the app, for the transcripts: ``last`` is what the app posted
    after the last thing the founder did (as the engine's ``Outbound`` replies)."""

    world: SlackWorld
    last: list[Outbound] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _posted(self) -> list[dict[str, Any]]:
        # The DM with the app: answers to messages name its channel, answers to "/spbot …"
        # the founder (Slack delivers both in the same DM).
        return [p for p in self.world.api.of("chat.postMessage") if p.get("channel") in (DM, USER)]

    async def _message(self, text: str, subtype: str | None = None) -> None:
        n = next(self._ids)
        body: dict[str, Any] = {
            "type": "message", "channel_type": "im", "channel": DM, "user": USER,
            "text": text, "ts": f"{n}.000001",
        }  # fmt: skip
        if subtype:
            body["subtype"] = subtype
        callback = {
            "type": "event_callback", "team_id": "T0TEAM", "api_app_id": "A0APP",
            "event_id": f"Ev0T{n}", "event_time": n, "token": "legacy", "event": body,
        }  # fmt: skip
        await self._act(event(callback))

    async def _act(self, request: tuple[bytes, str]) -> None:
        before = len(self._posted())
        response = await self.world.post(*request)
        assert response.status_code == 200, response.text
        await self._settle(before)
        self.last = [_as_outbound(p) for p in self._posted()[before:]]

    async def _settle(self, before: int, timeout: float = 10.0) -> None:
        """Until the app has answered: something posted, nothing left in the inbox or the
        outbox, and no more posts for a moment."""
        deadline, seen, quiet = time.monotonic() + timeout, -1, 0
        while time.monotonic() < deadline:
            posted = len(self._posted())
            if posted > before and posted == seen and await answered(self.world.db):
                quiet += 1
                if quiet >= 3:
                    return
            else:
                quiet = 0
            seen = posted
            await asyncio.sleep(0.02)
        raise AssertionError(f"the app never answered: {self._posted()[before:]}")

    async def say(self, text: str) -> None:
        await self._message(text)

    async def command(self, name: str) -> None:
        """As a founder types it in Slack: "/spbot status" (Slack keeps "/status" itself)."""
        fields = {
            "command": "/spbot", "text": name, "user_id": USER, "team_id": "T0TEAM",
            "channel_id": DM, "trigger_id": "t", "token": "legacy",
            "response_url": f"{self.world.api_url}/respond/0",
        }  # fmt: skip
        await self._act(command(fields))

    async def unsupported(self) -> None:
        await self._message("", subtype="file_share")

    async def choose(self, choice_id: str, label: str = "…") -> None:
        n = next(self._ids)
        payload = {
            "type": "block_actions",
            "user": {"id": USER, "username": "founder", "team_id": "T0TEAM"},
            "team": {"id": "T0TEAM"},
            "api_app_id": "A0APP",
            "token": "legacy",
            "trigger_id": f"trig-{n}",
            "container": {"type": "message", "message_ts": f"{n}.5", "channel_id": DM},
            "channel": {"id": DM},
            "message": {"ts": f"{n}.5", "text": "question"},
            "response_url": f"{self.world.api_url}/respond/{n}",
            "actions": [{
                "action_id": "intake_choice", "block_id": "b", "type": "button",
                "value": choice_id, "text": {"type": "plain_text", "text": label},
            }],
        }  # fmt: skip
        await self._act(interaction(payload))

    async def press(self, label: str) -> None:
        """The newest button with this label, as the founder sees it."""
        for posted in reversed(self._posted()):
            for button in _buttons(posted):
                if button["text"]["text"] == label:
                    await self.choose(button["value"], label)
                    return
        raise AssertionError(f"no button {label!r} in the DM")


def _as_slack_shows(expected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The transcript's expected texts with the commands as Slack shows them ("/spbot delete")."""

    def shown(value: Any) -> Any:
        if isinstance(value, list):
            return [shown(v) for v in value]
        return slack_commands(value) if isinstance(value, str) else value

    return [{k: shown(v) if k in ("contains", "not_contains") else v for k, v in e.items()}
            for e in expected]  # fmt: skip


def _buttons(posted: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in posted.get("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def _as_outbound(posted: dict[str, Any]) -> Outbound:
    choices = tuple(Choice(b["value"], b["text"]["text"]) for b in _buttons(posted))
    return Outbound(str(posted.get("text", "")), choices)


@pytest.mark.slow
@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript_in_a_slack_dm(path: Path, demo_world: SlackWorld) -> None:
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    founder = SlackFounder(demo_world)
    hint = Language.from_hint(script.get("language_hint")).value
    picked = 0
    for number, turn in enumerate(script["turns"], 1):
        where = f"{path.name} turn {number} ({ {k: v for k, v in turn.items() if k != 'expect'} })"
        await play(founder, turn)
        if number == 1 and hint != "sv":
            # No language from Slack: the first question is in Swedish, with the founder's
            # own language among its buttons.
            assert any(c.id == f"consent:lang_{hint}" for r in founder.last for c in r.choices)
            await founder.choose(f"consent:lang_{hint}")
            picked = 1
        if "expect" in turn:
            _check_replies(founder, _as_slack_shows(turn["expect"]), where)  # type: ignore[arg-type]

    await check_case(path, script, demo_world.db)
    expected_stored = script.get("inbound_stored", len(script["turns"])) + picked
    assert await inbound_stored(demo_world.db) == expected_stored, "every message is kept"
    assert await channels_used(demo_world.db) <= {"slack"}
