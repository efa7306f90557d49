"""A small Telegram Bot API emulator over real HTTP: the methods spbot uses, a scripted
founder who types and presses buttons, long polling with offset/timeout, webhook delivery
with the secret-token header, and injectable failures (429 retry_after, 403 blocked)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.http_server import serving

BOT_USER = {"id": 999000, "is_bot": True, "first_name": "spbot", "username": "spbot_test_bot"}


@dataclass
class Webhook:
    url: str
    secret: str | None


@dataclass
class BotApiEmulator:
    token: str = "123456:TEST-token"
    updates: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    sent: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # chat → bot messages
    webhook: Webhook | None = None
    failures: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    webhook_responses: list[int] = field(default_factory=list)
    # As Telegram does: deliver a webhook update again until it is answered 200.
    redeliver: bool = False
    # Deliver to these in turn instead of the registered webhook (a round-robin proxy in
    # front of several processes): each attempt goes to the next one.
    spread_to: list[str] = field(default_factory=list)
    _turns: itertools.count[int] = field(default_factory=itertools.count)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5000))
    _new: asyncio.Event = field(default_factory=asyncio.Event)
    _closing: bool = False

    def close(self) -> None:
        """Answer the long polls now (a server that stops waits for open requests)."""
        self._closing = True
        self._new.set()

    # --- the HTTP side --------------------------------------------------------------------

    def app(self) -> Starlette:
        return Starlette(
            routes=[Route("/bot{token}/{method}", self._call, methods=["GET", "POST"])]
        )

    async def _call(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401
            )
        method = request.path_params["method"]
        try:
            params = await self._params(request)
        except ClientDisconnect:
            # The caller went away mid-request (a crash test kills spbot): as Telegram's
            # servers would, drop the call quietly; nothing reached the chat.
            return Response(status_code=499)
        self.calls.append((method, params))
        queued = self.failures.get(method)
        if queued:
            status, body = queued.pop(0)
            return JSONResponse(body, status_code=status)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return JSONResponse(
                {
                    "ok": False,
                    "error_code": 404,
                    "description": f"Not Found: method {method} not emulated",
                },
                status_code=404,
            )
        result = handler(params)
        if asyncio.iscoroutine(result):
            result = await result
        if isinstance(result, JSONResponse):
            return result
        return JSONResponse({"ok": True, "result": result})

    @staticmethod
    async def _params(request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").startswith("application/json"):
            data: dict[str, Any] = await request.json()
            return data
        body = (await request.body()).decode()
        params: dict[str, Any] = {}
        for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
            text = str(value)
            try:
                params[key] = (
                    json.loads(text)
                    if text[:1] in "[{" or text in ("true", "false") or text.lstrip("-").isdigit()
                    else text
                )
            except ValueError:
                params[key] = text
        return params

    def _m_getMe(self, _: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER | {
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(p.get("offset") or 0)
        timeout = float(p.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            if self.updates or time.monotonic() >= deadline or self._closing:
                return self.updates[: int(p.get("limit") or 100)]
            self._new.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._new.wait(), timeout=max(0.01, deadline - time.monotonic())
                )

    def _m_setWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = Webhook(p["url"], p.get("secret_token"))
        return True

    def _m_deleteWebhook(self, _: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    def _m_getWebhookInfo(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }

    def _m_setMyCommands(self, _: dict[str, Any]) -> bool:
        return True

    def _m_sendChatAction(self, _: dict[str, Any]) -> bool:
        return True

    def _m_answerCallbackQuery(self, _: dict[str, Any]) -> bool:
        return True

    def _m_sendMessage(self, p: dict[str, Any]) -> dict[str, Any] | JSONResponse:
        chat_id = int(p["chat_id"])
        if chat_id in self.blocked:
            return JSONResponse(
                {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                },
                status_code=403,
            )
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            "text": p["text"],
        }
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        self.sent.setdefault(chat_id, []).append(message)
        return message

    def _m_editMessageText(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._find(int(p["chat_id"]), int(p["message_id"]))
        message["text"] = p["text"]
        message.pop("reply_markup", None)
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        message["edited"] = True
        return message

    def _find(self, chat_id: int, message_id: int) -> dict[str, Any]:
        return next(m for m in self.sent.get(chat_id, []) if m["message_id"] == message_id)

    # --- the founder's side ---------------------------------------------------------------

    def user(self, user_id: int, language: str = "sv") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": "Founder", "language_code": language}

    async def type(self, user_id: int, text: str, language: str = "sv") -> dict[str, Any]:
        update = {
            "update_id": next(self._update_ids),
            "message": {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "text": text,
                "chat": {"id": user_id, "type": "private"},
                "from": self.user(user_id, language),
            },
        }
        if text.startswith("/"):
            command = text.split()[0]
            update["message"]["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command)}
            ]
        await self.deliver(update)
        return update

    async def send_sticker(self, user_id: int) -> None:
        await self.deliver(
            {
                "update_id": next(self._update_ids),
                "message": {
                    "message_id": next(self._ids),
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private"},
                    "from": self.user(user_id),
                    "sticker": {
                        "file_id": "s1",
                        "file_unique_id": "u1",
                        "width": 512,
                        "height": 512,
                        "is_animated": False,
                        "is_video": False,
                        "type": "regular",
                    },
                },
            }
        )

    async def press(self, user_id: int, label: str, language: str = "sv") -> None:
        """Press the button with this label on the bot's latest message that has buttons."""
        message = self.last_with_buttons(user_id)
        for row in message["reply_markup"]["inline_keyboard"]:
            for button in row:
                if button["text"].removeprefix("✔ ") == label:
                    await self.deliver(
                        {
                            "update_id": next(self._update_ids),
                            "callback_query": {
                                "id": str(next(self._ids)),
                                "from": self.user(user_id, language),
                                "chat_instance": "ci-1",
                                "data": button["callback_data"],
                                "message": message,
                            },
                        }
                    )
                    return
        raise AssertionError(f"no button {label!r} in {message['reply_markup']}")

    async def deliver(self, update: dict[str, Any]) -> None:
        if self.webhook is None:
            self.updates.append(update)
            self._new.set()
            return
        headers = (
            {"X-Telegram-Bot-Api-Secret-Token": self.webhook.secret} if self.webhook.secret else {}
        )
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient() as client:
            while True:
                url = (
                    self.spread_to[next(self._turns) % len(self.spread_to)]
                    if self.spread_to
                    else self.webhook.url
                )
                try:
                    response = await client.post(url, json=update, headers=headers, timeout=30)
                except httpx.TransportError:
                    if not self.redeliver or time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(0.1)
                    continue
                self.webhook_responses.append(response.status_code)
                if response.status_code == 200 or not self.redeliver:
                    return
                await asyncio.sleep(0.1)

    # --- what the founder sees ------------------------------------------------------------

    def texts(self, chat_id: int) -> list[str]:
        return [m["text"] for m in self.sent.get(chat_id, [])]

    def last_with_buttons(self, chat_id: int) -> dict[str, Any]:
        for message in reversed(self.sent.get(chat_id, [])):
            if message.get("reply_markup", {}).get("inline_keyboard"):
                return message
        raise AssertionError(f"no message with buttons for chat {chat_id}")

    async def wait_for(self, chat_id: int, needle: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for text in self.texts(chat_id):
                if needle in text:
                    return text
            await asyncio.sleep(0.02)
        raise AssertionError(f"{needle!r} never reached chat {chat_id}: {self.texts(chat_id)}")

    def methods(self) -> list[str]:
        return [m for m, _ in self.calls]


@dataclass
class TelegramFounder:
    """A founder in a Telegram chat, for the intake driver (``tests/intake_driver.py``)."""

    api: BotApiEmulator
    chat: int
    language: str = "sv"
    timeout: float = 10.0  # how long a message may take to come
    actions: int = 0  # messages and presses sent
    _mark: int = 0  # messages in the chat before the last action

    def _before_acting(self) -> None:
        self._mark = len(self.api.sent.get(self.chat, []))
        self.actions += 1

    async def say(self, text: str) -> None:
        self._before_acting()
        await self.api.type(self.chat, text, self.language)

    async def press(self, label: str) -> None:
        self._before_acting()
        await self.api.press(self.chat, label, self.language)

    async def shows(self, needle: str) -> str:
        """Wait until a message sent since the last action (or the one it answered, which a
        button press edits in place) contains ``needle``."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            for message in self.api.sent.get(self.chat, [])[max(0, self._mark - 1) :]:
                if needle in message["text"]:
                    return str(message["text"])
            await asyncio.sleep(0.02)
        raise AssertionError(
            f"{needle!r} never reached chat {self.chat}: {self.api.texts(self.chat)}"
        )

    @property
    def buttons(self) -> list[str]:
        message = self.api.last_with_buttons(self.chat)
        return [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


@contextlib.asynccontextmanager
async def emulating(api: BotApiEmulator) -> AsyncIterator[str]:
    """The emulator on a free port; long polls are answered when the test is done."""
    async with serving(api.app()) as url:
        try:
            yield url
        finally:
            api.close()
