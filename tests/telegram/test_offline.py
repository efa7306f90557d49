"""Telegram updates (JSON, as Telegram sends them) through the real PTB Application, with a
request object that records every Bot API call and answers like Telegram. No network at all:
``RecordingRequest`` is the only way out of the bot."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.app import Services, build_services
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import InboxItem, Message
from tests.node_events import add_event
from tests.telegram.emulator import BOT_USER

TOKEN = "123456:OFFLINE"
CHAT = 777


class RecordingRequest(BaseRequest):
    """Answers Bot API calls like Telegram would, records them, and can fail on cue."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.failures: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._ids = itertools.count(100)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        assert url.startswith("https://api.telegram.org/bot"), f"unexpected URL {url}"
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((name, params))
        if self.failures.get(name):
            status, body = self.failures[name].pop(0)
            return status, json.dumps(body).encode()
        result: Any = True
        if name == "getMe":
            result = BOT_USER
        elif name in ("sendMessage", "editMessageText"):
            result = {
                "message_id": int(params.get("message_id") or next(self._ids)),
                "date": 0,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "text": params["text"],
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent(self) -> list[dict[str, Any]]:
        return [p for m, p in self.calls if m == "sendMessage"]


@pytest.fixture
def recording() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def services(settings: Settings, db: Database, recording: RecordingRequest) -> Services:
    """The product with Telegram configured, its HTTP replaced by the recording request."""
    with_telegram = settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN)})
    return await build_services(with_telegram, db, telegram_request=recording)


@pytest.fixture
async def telegram(
    services: Services, recording: RecordingRequest
) -> AsyncIterator[tuple[Application, RecordingRequest]]:  # type: ignore[type-arg]
    request = recording
    application = services.telegram
    assert application is not None
    application.bot_data["spbot_inbox"] = services.telegram_inbox
    await application.initialize()
    yield application, request
    await application.shutdown()


_ids = itertools.count(1)


def text_update(text: str, language: str = "sv", update_id: int | None = None) -> dict[str, Any]:
    return {
        "update_id": update_id or next(_ids),
        "message": {
            "message_id": next(_ids),
            "date": 1767225600,
            "text": text,
            "chat": {"id": CHAT, "type": "private"},
            "from": {"id": CHAT, "is_bot": False, "first_name": "F", "language_code": language},
        },
    }


async def feed(application: Application, data: dict[str, Any]) -> None:  # type: ignore[type-arg]
    """As Telegram delivers it: into the inbox (what a webhook call does), then played."""
    inbox = application.bot_data["spbot_inbox"]
    await inbox.accept(data)
    await inbox.receiver.drain()


async def test_start_shows_consent_with_buttons(telegram: Any) -> None:
    application, request = telegram
    await feed(application, text_update("/start"))
    assert [m for m, _ in request.calls][-1] == "sendMessage"
    assert "sendChatAction" not in [m for m, _ in request.calls], "a quick turn needs no typing"
    message = request.sent()[-1]
    assert "Är det okej att vi sparar dina svar?" in message["text"]
    buttons = [row[0]["text"] for row in message["reply_markup"]["inline_keyboard"]]
    assert buttons == [
        "Ja, det går bra",
        "Nej tack",
        "In English, please",
        "بالعربية من فضلك",
        "Na bosanskom, molim",
        "به فارسی لطفاً",
        "Po polsku, proszę",
        "Af-Soomaali fadlan",
    ]
    assert "parse_mode" not in message, "plain text: founders' words need no escaping"


async def test_a_slow_turn_shows_typing(telegram: Any, services: Services) -> None:
    application, request = telegram
    handle = services.engine.handle

    async def slow(*args: Any) -> Any:
        await asyncio.sleep(0.6)
        return await handle(*args)

    services.engine.handle = slow  # type: ignore[method-assign]
    await feed(application, text_update("/start"))
    methods = [m for m, _ in request.calls]
    assert methods[-2:] == ["sendChatAction", "sendMessage"]


async def test_english_client_gets_english(telegram: Any) -> None:
    application, request = telegram
    await feed(application, text_update("/start", language="en-GB"))
    assert "Is it okay for us to store your answers?" in request.sent()[-1]["text"]


async def test_a_redelivered_update_is_handled_once(telegram: Any, services: Services) -> None:
    application, request = telegram
    update = text_update("/start", update_id=987654)
    await feed(application, update)
    await feed(application, update)
    assert len(request.sent()) == 1
    async with services.db.sessions() as session:
        assert (
            await session.scalar(
                select(func.count()).select_from(Message).where(Message.direction == "inbound")
            )
            == 1
        )


async def test_button_press_is_answered_and_the_question_edited(telegram: Any) -> None:
    application, request = telegram
    await feed(application, text_update("/start"))
    question = request.sent()[-1]
    await feed(
        application,
        {
            "update_id": next(_ids),
            "callback_query": {
                "id": "cb1",
                "chat_instance": "ci",
                "data": "consent:accept",
                "from": {"id": CHAT, "is_bot": False, "first_name": "F", "language_code": "sv"},
                "message": {
                    "message_id": 100,
                    "date": 0,
                    "chat": {"id": CHAT, "type": "private"},
                    "text": question["text"],
                    "reply_markup": question["reply_markup"],
                },
            },
        },
    )
    methods = [m for m, _ in request.calls]
    assert methods[-3:] == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    edited = request.calls[-2][1]
    assert edited["text"].endswith("✔ Ja, det går bra") and "reply_markup" not in edited
    assert "Vad heter du?" in request.sent()[-1]["text"]


async def test_long_messages_and_stickers_get_a_polite_answer(telegram: Any) -> None:
    application, request = telegram
    await feed(application, text_update("/start"))
    await feed(application, text_update("x" * 10_000))
    # The polite answer and the question asked again arrive as one message, with its buttons.
    answer = request.sent()[-1]
    assert "Välj ett av alternativen" in answer["text"] and "sparar dina svar" in answer["text"]
    assert "reply_markup" in answer
    attachments = [
        {
            "sticker": {
                "file_id": "a",
                "file_unique_id": "b",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"voice": {"file_id": "v", "file_unique_id": "w", "duration": 3}},
        {"photo": [{"file_id": "p", "file_unique_id": "q", "width": 90, "height": 90}]},
    ]
    for attachment in attachments:
        await feed(
            application,
            {
                "update_id": next(_ids),
                "message": {
                    "message_id": next(_ids),
                    "date": 0,
                    "chat": {"id": CHAT, "type": "private"},
                    "from": {"id": CHAT, "is_bot": False, "first_name": "F"},
                    **attachment,
                },
            },
        )
        assert "Jag kan bara läsa text" in request.sent()[-1]["text"], attachment


async def test_retry_after_is_respected(telegram: Any) -> None:
    application, request = telegram
    request.failures["sendMessage"] = [
        (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            },
        )
    ]
    await feed(application, text_update("/start"))
    sends = [m for m, _ in request.calls if m == "sendMessage"]
    assert len(sends) == 2, "the refused send was retried after the pause"
    assert "sparar dina svar" in request.sent()[-1]["text"]


async def test_a_founder_who_blocked_the_bot_changes_nothing(
    telegram: Any, services: Services
) -> None:
    application, request = telegram
    request.failures["sendMessage"] = [
        (
            403,
            {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            },
        )
    ]
    await feed(application, text_update("/start"))  # handled, logged as a warning, no crash
    async with services.db.sessions() as session:
        texts = (await session.scalars(select(Message.direction))).all()
    assert list(texts) == ["inbound", "outbound"], "the turn was stored before the send failed"


@pytest.mark.allow_errors
async def test_an_unexpected_error_gets_an_apology(telegram: Any, services: Services) -> None:
    application, request = telegram

    async def broken(*_: Any) -> list[Any]:
        raise RuntimeError("database on fire")

    services.engine.handle = broken  # type: ignore[method-assign]
    await feed(application, text_update("hej"))
    apology = request.sent()[-1]["text"]
    assert "något gick fel hos oss" in apology
    assert "database on fire" not in apology, "no exception text reaches a founder"


async def test_a_database_lost_mid_turn_plays_the_message_again_without_an_apology(
    telegram: Any, services: Services
) -> None:
    application, request = telegram
    handle = services.engine.handle
    failures = [OperationalError("UPDATE conversation", {}, ConnectionError("server closed"))]

    async def flaky(*args: Any) -> list[Any]:
        if failures:
            raise failures.pop()
        return await handle(*args)

    services.engine.handle = flaky  # type: ignore[method-assign]
    inbox = application.bot_data["spbot_inbox"]
    await inbox.accept(text_update("/start"))
    await inbox.receiver.idle()
    assert request.sent() == [], "no apology: the message is kept and played again"
    async with services.db.sessions() as session:
        waiting = await session.scalar(
            select(func.count()).select_from(InboxItem).where(InboxItem.processed_at.is_(None))
        )
    assert waiting == 1
    await inbox.receiver.drain()  # what the poll does a moment later
    assert len(request.sent()) == 1 and "sparar dina svar" in request.sent()[0]["text"]
    async with services.db.sessions() as session:
        inbound = (
            await session.scalars(select(Message.text).where(Message.direction == "inbound"))
        ).all()
    assert list(inbound) == ["/start"]


async def test_a_network_failure_is_retried(telegram: Any) -> None:
    application, request = telegram
    request.failures["sendMessage"] = [
        (502, {"ok": False, "error_code": 502, "description": "Bad Gateway"})
    ]
    await feed(application, text_update("/start"))
    sends = [m for m, _ in request.calls if m == "sendMessage"]
    assert len(sends) == 2 and "sparar dina svar" in request.sent()[-1]["text"]


async def test_events_on_telegram_are_listed_with_buttons(
    telegram: Any, services: Services
) -> None:
    added = await add_event(
        services, "Afterwork för nya företagare", days=5, kind="afterwork", place="Kaféet"
    )
    application, request = telegram
    await feed(application, text_update("/events"))
    listed = next(m for m in request.sent() if "Afterwork för nya företagare" in m["text"])
    markup = listed["reply_markup"]
    keyboard = (json.loads(markup) if isinstance(markup, str) else markup)["inline_keyboard"]
    assert [b["callback_data"] for row in keyboard for b in row] == [f"event:join:{added.id}"]
    await feed(
        application,
        {
            "update_id": next(_ids),
            "callback_query": {
                "id": "cb-event",
                "chat_instance": "ci",
                "data": f"event:join:{added.id}",
                "from": {"id": CHAT, "is_bot": False, "first_name": "F", "language_code": "sv"},
                "message": {
                    "message_id": 100,
                    "date": 0,
                    "chat": {"id": CHAT, "type": "private"},
                    "text": listed["text"],
                    "reply_markup": listed["reply_markup"],
                },
            },
        },
    )
    # No consent yet: nothing is stored, and the founder is told how to give it.
    assert any("säga ja till att vi sparar" in m["text"] for m in request.sent()[-2:])
    assert (await services.workflow.events.listing(added.id)).taken == 0
