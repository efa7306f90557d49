"""The Slack endpoint as an attacker meets it: oversized, malformed and unsigned requests are
refused before Bolt and never logged with their body; and configuring "Sign in with Slack"
(SLACK_CLIENT_ID and SLACK_CLIENT_SECRET in the environment) leaves founders' DMs working."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import InboxItem
from tests.slack.signing import event, signed
from tests.slack.test_slack_app import SlackWorld, slack_world


def _dm(event_id: str, text: str = "hej") -> dict[str, object]:
    return {
        "type": "event_callback",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event_id": event_id,
        "event_time": 1,
        "token": "legacy",
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": "D0GATE",
            "user": "U0GATE",
            "text": text,
            "ts": "5.000001",
        },
    }


@pytest.fixture
async def gate_world(settings: Settings, db: Database) -> AsyncIterator[SlackWorld]:
    async for w in slack_world(settings, db):
        yield w


@pytest.fixture
async def world_with_sign_in(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[SlackWorld]:
    monkeypatch.setenv("SLACK_CLIENT_ID", "123.456")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "oidc-secret")
    async for w in slack_world(settings, db):
        yield w


async def _inbox_rows(db: Database) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count(InboxItem.id))) or 0)


async def test_with_sign_in_with_slack_configured_a_founders_dm_is_stored_and_answered(
    world_with_sign_in: SlackWorld,
) -> None:
    import os

    w = world_with_sign_in
    response = await w.post(*event(_dm("Ev0SIGNIN")))
    assert response.status_code == 200
    # Free text before consent: "please pick one of the options", then the question again.
    posted = await w.api.wait_for("chat.postMessage", 2)
    assert any("Är det okej att vi sparar dina svar?" in p["text"] for p in posted)
    assert await _inbox_rows(w.db) == 1
    # The environment is as it was: the console's sign-in still reads it.
    assert os.environ["SLACK_CLIENT_ID"] == "123.456"


async def _raw(w: SlackWorld, body: bytes, headers: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(f"{w.url}/slack/events", content=body, headers=headers)


async def test_an_oversized_body_is_refused_before_its_signature_is_checked(
    gate_world: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    huge = json.dumps({"type": "event_callback", "padding": "x" * 2_000_000}).encode()
    caplog.set_level(logging.DEBUG)
    refused = await _raw(gate_world, huge, signed(huge, "application/json", secret="wrong"))
    assert refused.status_code == 413
    assert "xxxxxxxx" not in caplog.text


async def test_an_unsigned_request_is_refused_without_logging_its_body(
    gate_world: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    body = json.dumps(_dm("Ev0FORGED", "secret-text\nINFO forged log line")).encode()
    caplog.set_level(logging.DEBUG)
    refused = await _raw(gate_world, body, signed(body, "application/json", secret="wrong"))
    assert refused.status_code == 401
    assert "secret-text" not in caplog.text and "forged log line" not in caplog.text
    assert await _inbox_rows(gate_world.db) == 0


@pytest.mark.parametrize(
    "timestamp, signature",
    [
        ("soon", None),
        ("", None),
        ("1" * 40, None),
        (None, "v1=abc"),
        (None, ""),
        (None, "v0=" + "z" * 64),
    ],
)
async def test_malformed_signature_headers_are_401_not_500(
    gate_world: SlackWorld, timestamp: str | None, signature: str | None
) -> None:
    body = json.dumps(_dm("Ev0MALFORMED")).encode()
    headers = signed(body, "application/json")
    if timestamp is not None:
        headers["X-Slack-Request-Timestamp"] = timestamp
    if signature is not None:
        headers["X-Slack-Signature"] = signature
    refused = await _raw(gate_world, body, headers)
    assert refused.status_code == 401
    assert await _inbox_rows(gate_world.db) == 0


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"[1, 2, 3]", "application/json"),
        (b'"just a string"', "application/json"),
        (b"{not json", "application/json"),
        (b"\xff\xfe", "application/json"),
        (b"payload=%5B1%5D", "application/x-www-form-urlencoded"),
        (b"payload=nope", "application/x-www-form-urlencoded"),
    ],
)
async def test_a_signed_body_not_shaped_like_slacks_is_400_not_500(
    gate_world: SlackWorld, body: bytes, content_type: str
) -> None:
    refused = await _raw(gate_world, body, signed(body, content_type))
    assert refused.status_code == 400
    assert await _inbox_rows(gate_world.db) == 0
