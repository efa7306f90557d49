"""Telegram at its real limit: founders going through the intake at once against `spbot serve`
with the default rate limiter (Telegram asks a bot to stay within about 30 messages a second),
beside the same run with the limiter off, on a local fake Bot API.

Each founder walks the whole intake as a person does on Telegram — typing answers and
pressing buttons (a press is an answered callback, the pressed question edited, the next
question sent) — and waits for the next question before answering it (no time to think: the
hardest load for a limiter). Reported: the first message after each update and the next
question (what the founder waits for) p50/p99/max, Telegram calls to chats per turn and the
most the fake API received in any one second.

    .venv/bin/python -m bench.telegram_limit                  # 100 founders, 20 at once
    .venv/bin/python -m bench.telegram_limit --founders 40 --at-once 20

Nothing here is asserted: the figures go to docs/benchmarks.md with the command.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiohttp import web

from bench.fake_platforms import serving
from bench.webhook import SECRET, TOKEN, free_port, fresh_database, spbot_command, start, table

# (what the founder does, a part of the question they then wait for)
INTAKE: list[tuple[str, str]] = [
    ("/start", "sparar dina svar"),
    ("press:0", "Vad heter du?"),
    ("Eva Exempel", "Var bor du"),
    ("Värnamo", "Berätta om din idé"),
    ("Jag vill starta ett bageri med surdegsbröd som levereras till kaféer.", "stämmer bäst"),
    ("press:0", "Var befinner"),
    ("press:1", "Vad vill du ha hjälp med?"),
    ("press:0", "Vad vill du ha hjälp med?"),  # the question edited in place, ✔ on the choice
    ("press:-1", "Hur vill du att"),
    ("press:0", "Vilken e-postadress"),
    ("eva@example.se", "Stämmer det?"),
    ("press:0", "JKP-"),
]


@dataclass
class Chat:
    """What the fake Bot API has shown one founder."""

    last_id: int = 0
    last_text: str = ""
    last_markup: dict[str, Any] | None = None
    calls: int = 0
    first: asyncio.Future[float] | None = None
    question: tuple[str, asyncio.Future[float]] | None = None


@dataclass
class Api:
    chats: dict[int, Chat] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)  # each call to a chat

    def app(self) -> web.Application:
        ids = itertools.count(1)
        me = {"id": 999, "is_bot": True, "first_name": "bench", "username": "bench_bot"}

        async def call(request: web.Request) -> web.Response:
            method = request.match_info["method"]
            if request.content_type == "application/json":
                params = dict(await request.json())
            else:
                params = dict(await request.post())
            result: Any = True
            if method == "getMe":
                result = me
            elif "chat_id" in params:
                now = time.perf_counter()
                self.times.append(now)
                chat = self.chats.setdefault(int(params["chat_id"]), Chat())
                chat.calls += 1
                if method in ("sendMessage", "editMessageText"):
                    text = str(params.get("text", ""))
                    markup = params.get("reply_markup")
                    markup = json.loads(markup) if isinstance(markup, str) else markup
                    message_id = next(ids) if method == "sendMessage" else int(params["message_id"])
                    result = {
                        "message_id": message_id,
                        "date": int(time.time()),
                        "chat": {"id": int(params["chat_id"]), "type": "private"},
                        "text": text,
                    }
                    if markup:
                        result["reply_markup"] = markup
                    if method == "sendMessage" or markup:
                        chat.last_id, chat.last_text, chat.last_markup = message_id, text, markup
                    if chat.first is not None and not chat.first.done():
                        chat.first.set_result(now)
                    question = chat.question
                    if question and question[0] in text and not question[1].done():
                        question[1].set_result(now)
            return web.json_response({"ok": True, "result": result})

        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", call)
        return app


@dataclass
class Figures:
    name: str
    turns: int = 0
    seconds: float = 0.0
    first: list[float] = field(default_factory=list)
    question: list[float] = field(default_factory=list)
    lost: int = 0


def update(chat_id: int, update_id: int, action: str, shown: Chat) -> dict[str, Any]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Eva", "language_code": "sv"}
    if action.startswith("press:"):
        buttons = [b for row in (shown.last_markup or {})["inline_keyboard"] for b in row]
        button = buttons[int(action.split(":")[1])]
        return {
            "update_id": update_id,
            "callback_query": {
                "id": f"cb{update_id}",
                "chat_instance": "ci",
                "data": button["callback_data"],
                "from": person,
                "message": {
                    "message_id": shown.last_id,
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "text": shown.last_text,
                    "reply_markup": shown.last_markup,
                },
            },
        }
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "text": action,
        "chat": {"id": chat_id, "type": "private"},
        "from": person,
    }
    if action.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(action)}]
    return {"update_id": update_id, "message": message}


async def founders(url: str, api: Api, figures: Figures, chats: list[int], at_once: int) -> None:
    slots = asyncio.Semaphore(at_once)
    update_ids = itertools.count(chats[0] * 100)
    loop = asyncio.get_running_loop()

    async def founder(client: httpx.AsyncClient, chat_id: int) -> None:
        async with slots:
            shown = api.chats.setdefault(chat_id, Chat())
            for action, question in INTAKE:
                shown.first = loop.create_future()
                shown.question = (question, loop.create_future())
                body = update(chat_id, next(update_ids), action, shown)
                sent = time.perf_counter()
                response = await client.post(
                    f"{url}/telegram/webhook",
                    json=body,
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                )
                if response.status_code != 200:
                    raise RuntimeError(f"HTTP {response.status_code}")
                try:
                    figures.question.append(await asyncio.wait_for(shown.question[1], 30) - sent)
                    figures.first.append(shown.first.result() - sent)
                except TimeoutError:
                    figures.lost += 1
                    print(f"no question after {action!r}: {shown.last_text!r}", file=sys.stderr)
                    return
                figures.turns += 1

    limits = httpx.Limits(max_connections=at_once * 2, max_keepalive_connections=at_once * 2)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        await asyncio.gather(*(founder(client, c) for c in chats))


async def run(rate: float, count: int, at_once: int) -> dict[str, str]:
    api = Api()
    with tempfile.TemporaryDirectory() as scratch:
        async with serving(api.app()) as api_url:
            url = await fresh_database("sqlite", None, Path(scratch))
            port = free_port()
            env = {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_BASE_URL": api_url,
                "TELEGRAM_MODE": "webhook",
                "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/webhook",
                "TELEGRAM_WEBHOOK_SECRET": SECRET,
                "SPBOT_TELEGRAM_MAX_RATE": str(rate),
            }
            server = await start([spbot_command(port, url, env)])
            name = f"limiter {rate:g}/s" if rate else "no limiter"
            figures = Figures(f"spbot, {name}, {at_once} at once")
            try:
                # Warm-up, not counted: first connections, first statements, first imports.
                await founders(server.urls[0], api, Figures("warm-up"), [1, 2], 2)
                api.times.clear()
                began = time.perf_counter()
                chats = list(range(1000, 1000 + count))
                await founders(server.urls[0], api, figures, chats, at_once)
                figures.seconds = time.perf_counter() - began
            finally:
                server.stop()

    def pct(xs: list[float], q: float) -> str:
        xs = sorted(xs)
        return f"{xs[min(len(xs) - 1, int(q * len(xs)))] * 1000:.0f}" if xs else "-"

    def spread(xs: list[float]) -> str:
        return f"{pct(xs, 0.5)} / {pct(xs, 0.99)} / {pct(xs, 1.0)}"

    calls = sum(c.calls for chat_id, c in api.chats.items() if chat_id >= 1000)
    return {
        "server": figures.name,
        "turns/s": f"{figures.turns / figures.seconds:.1f}",
        "first message p50 / p99 / max ms": spread(figures.first),
        "next question p50 / p99 / max ms": spread(figures.question),
        "calls to chats per turn": f"{calls / max(figures.turns, 1):.2f}",
        "most calls in one second": str(busiest_second(api.times)),
        "no question": str(figures.lost),
    }


def busiest_second(times: list[float]) -> int:
    times = sorted(times)
    most, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--founders", type=int, default=100)
    parser.add_argument("--at-once", type=int, default=20)
    parser.add_argument(
        "--rates", default="0,30", help="limiter rates to run, 0 for none (default: 0,30)"
    )
    args = parser.parse_args()
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()}\n"
    )
    rates = [float(r) for r in args.rates.split(",")]
    rows = [await run(rate, args.founders, args.at_once) for rate in rates]
    print(table(rows))


if __name__ == "__main__":
    asyncio.run(main())
