"""The platforms' side of the webhook benchmark: fake Telegram Bot API and Slack Web API
servers that answer like the real ones and note when a reply reaches a chat."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Replies:
    """Who is waiting for a reply in which chat (resolved by the fake APIs)."""

    waiting: dict[str, asyncio.Future[float]] = field(default_factory=dict)

    def expect(self, chat: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[chat] = future
        return future

    def arrived(self, chat: str) -> None:
        future = self.waiting.pop(chat, None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())


async def _params(request: web.Request) -> dict[str, Any]:
    """A Web API call's parameters, sent as JSON or as a form (both platforms take either)."""
    if request.content_type == "application/json":
        return dict(await request.json())
    return dict(await request.post())


def fake_bot_api(replies: Replies) -> web.Application:
    ids = itertools.count(1)
    me = {"id": 999, "is_bot": True, "first_name": "bench", "username": "bench_bot"}

    async def call(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        result: Any = True
        if method == "getMe":
            result = me
        elif method in ("sendMessage", "editMessageText"):
            chat = str(params.get("chat_id"))
            result = {
                "message_id": next(ids),
                "date": int(time.time()),
                "chat": {"id": int(chat), "type": "private"},
                "text": str(params.get("text", "")),
            }
            replies.arrived(chat)
        return web.json_response({"ok": True, "result": result})

    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", call)
    return app


def fake_slack_api(replies: Replies) -> web.Application:
    ts = itertools.count(1)

    async def call(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        body: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            body |= {"user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "user": "bench"}
        elif method == "chat.postMessage":
            body |= {"channel": params.get("channel"), "ts": f"{next(ts)}.0001"}
            replies.arrived(str(params.get("channel")))
        return web.json_response(body)

    app = web.Application()
    app.router.add_route("*", "/api/{method}", call)
    return app


@contextlib.asynccontextmanager
async def serving(app: web.Application) -> AsyncIterator[str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
