"""Webhook benchmark: `spbot serve` beside the frameworks' floors, as the platforms see it.

Telegram: a local fake Bot API, a bare python-telegram-bot echo bot (``bench/echo_bot.py``)
and `spbot serve` in webhook mode, run one after the other in the same run; founders (each a
chat) send messages and wait for the answer before the next one, N of them at once. Slack:
signed DM events against a bare Bolt app (``bench/bolt_echo.py``) and `spbot serve`.

Reported per run: updates/s, the webhook answer (what the platform waits for) p50/p99, the
first reply after the webhook call p50/p99, and the server's CPU per update.

    .venv/bin/python -m bench.webhook                     # SQLite, Telegram and Slack
    .venv/bin/python -m bench.webhook --postgres postgresql://postgres@127.0.0.1/test
    .venv/bin/python -m bench.webhook --quick             # a smoke run

Nothing here is asserted: the figures go to docs/benchmarks.md with the command.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.fake_platforms import Replies, fake_bot_api, fake_slack_api, serving

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-token"
SECRET = "bench-webhook-secret-0123456789"
SLACK_SECRET = "bench-slack-signing-secret"
INTAKE = ["/start", "1", "Eva Exempel", "Värnamo", "Jag vill starta ett bageri med surdeg."]
TICKS = os.sysconf("SC_CLK_TCK")


# --- the servers under test ---------------------------------------------------------------


def others_cpu_seconds() -> float:
    """CPU time of the rest of what runs the benchmark: this process (the founders' load
    and the fake platform APIs) and the local PostgreSQL server's processes (all of them:
    the backends serving the run, WAL writer, checkpointer; ended backends are counted in
    their parent's children's time)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = usage.ru_utime + usage.ru_stime
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        total += sum(int(f) for f in fields[11:15]) / TICKS
    return total


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    processes: list[subprocess.Popen[bytes]]
    urls: list[str]

    def cpu_seconds(self, part: str = "both") -> float:
        """CPU time of the server processes (user, system or both; all threads)."""
        total = 0.0
        for proc in self.processes:
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            user, system = int(fields[11]), int(fields[12])
            total += {"user": user, "system": system, "both": user + system}[part] / TICKS
        return total

    def stop(self) -> None:
        for proc in self.processes:
            proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


async def _ready(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(600):
            with contextlib.suppress(httpx.TransportError):
                if (await client.get(f"{url}/healthz")).status_code == 200:
                    return
            await asyncio.sleep(0.05)
    raise RuntimeError(f"{url} did not start")


async def start(commands: Sequence[tuple[list[str], dict[str, str], int]]) -> Server:
    processes, urls = [], []
    for argv, env, port in commands:
        processes.append(
            subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
        )
        urls.append(f"http://127.0.0.1:{port}")
    for url in urls:
        await _ready(url)
    return Server(processes, urls)


async def fresh_database(kind: str, postgres: str | None, scratch: Path) -> str:
    if kind == "sqlite":
        path = scratch / f"bench-{time.monotonic_ns()}.db"
        url = f"sqlite:///{path}"
    else:
        assert postgres
        from sqlalchemy import text

        from bot.storage.db import create_engine

        url = postgres
        engine = create_engine(url.replace("postgresql://", "postgresql+asyncpg://", 1))
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
    subprocess.run(
        [sys.executable, "-m", "bot", "seed", "--demo"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return url


def spbot_command(
    port: int, database_url: str, env: dict[str, str]
) -> tuple[list[str], dict[str, str], int]:
    return (
        [sys.executable, "-m", "bot", "serve"],
        {
            "DATABASE_URL": database_url,
            "SPBOT_HTTP_PORT": str(port),
            "SPBOT_LOG_LEVEL": "WARNING",
            "SPBOT_TIMER_INTERVAL": "60",
            **env,
        },
        port,
    )


def profile(server: Server) -> subprocess.Popen[bytes] | None:
    """BENCH_PROFILE=FILE: sample spbot's first process with py-spy (raw stacks) meanwhile."""
    out = os.environ.get("BENCH_PROFILE")
    if not out:
        return None
    pid = str(server.processes[0].pid)
    return subprocess.Popen(
        ["py-spy", "record", "--pid", pid, "--rate", "250", "--gil", "--format", "raw", "-o", out],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_profile(profiler: subprocess.Popen[bytes] | None) -> None:
    if profiler is not None:
        profiler.send_signal(signal.SIGINT)
        profiler.wait(timeout=60)


# --- the founders' side -------------------------------------------------------------------


@dataclass
class Figures:
    name: str
    updates: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    acks: list[float] = field(default_factory=list)
    replies: list[float] = field(default_factory=list)
    lost: int = 0
    others: float = 0.0  # the rest of the machine's CPU: database server, load generator

    def row(self) -> dict[str, str]:
        def pct(xs: list[float], q: float) -> float:
            xs = sorted(xs)
            return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else float("nan")

        return {
            "server": self.name,
            "updates/s": f"{self.updates / self.seconds:.1f}",
            "answer p50 / p99 ms": f"{pct(self.acks, 0.5):.1f} / {pct(self.acks, 0.99):.1f}",
            "first reply p50 / p99 ms": (
                f"{pct(self.replies, 0.5):.1f} / {pct(self.replies, 0.99):.1f}"
            ),
            "CPU ms / update": f"{self.cpu / max(self.updates, 1) * 1000:.2f}",
            "DB server + load generator CPU ms / update": (
                f"{self.others / max(self.updates, 1) * 1000:.2f}"
            ),
            "no reply": str(self.lost),
        }


Post = Callable[[httpx.AsyncClient, str, int, str, int], Awaitable[httpx.Response]]


async def founders_typing(
    name: str,
    server: Server,
    replies: Replies,
    post: Post,
    chat_key: Callable[[int], str],
    founders: int,
    at_once: int,
    first_chat: int,
) -> Figures:
    figures = Figures(name)
    slots = asyncio.Semaphore(at_once)
    update_ids = itertools.count(first_chat * 10)
    targets = itertools.cycle(server.urls)
    limits = httpx.Limits(max_connections=at_once * 2, max_keepalive_connections=at_once * 2)

    async def founder(client: httpx.AsyncClient, chat: int) -> None:
        async with slots:
            for text in INTAKE:
                waiting = replies.expect(chat_key(chat))
                sent = time.perf_counter()
                response = await post(client, next(targets), chat, text, next(update_ids))
                figures.acks.append(time.perf_counter() - sent)
                if response.status_code != 200:
                    raise RuntimeError(f"{name}: HTTP {response.status_code}")
                try:
                    figures.replies.append(await asyncio.wait_for(waiting, 30) - sent)
                except TimeoutError:
                    figures.lost += 1
                figures.updates += 1

    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        # Warm-up, not counted: first connections, first statements, first imports.
        await asyncio.gather(*(founder(client, first_chat + i) for i in range(at_once)))
        figures = Figures(name)
        cpu, others = server.cpu_seconds(), others_cpu_seconds()
        began = time.perf_counter()
        await asyncio.gather(*(founder(client, first_chat + at_once + i) for i in range(founders)))
    figures.seconds = time.perf_counter() - began
    figures.cpu = server.cpu_seconds() - cpu
    figures.others = others_cpu_seconds() - others
    return figures


async def post_telegram(
    client: httpx.AsyncClient, url: str, chat: int, text: str, update_id: int
) -> httpx.Response:
    update = {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "F", "language_code": "sv"},
        },
    }
    if text.startswith("/"):
        update["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": 6}]
    return await client.post(
        f"{url}/telegram/webhook",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )


async def post_slack(
    client: httpx.AsyncClient, url: str, chat: int, text: str, update_id: int
) -> httpx.Response:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "token": "x",
            "event_id": f"Ev{update_id}",
            "event_time": int(time.time()),
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": f"D{chat}",
                "user": f"U{chat}",
                "text": text,
                "ts": f"{update_id}.0001",
            },
        }
    ).encode()
    stamp = str(int(time.time()))
    signature = hmac.new(
        SLACK_SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256
    ).hexdigest()
    return await client.post(
        f"{url}/slack/events",
        content=body,
        headers={
            "content-type": "application/json",
            "x-slack-request-timestamp": stamp,
            "x-slack-signature": f"v0={signature}",
        },
    )


# --- the runs -------------------------------------------------------------------------------


async def telegram_runs(
    database: str, postgres: str | None, loads: list[tuple[int, int]], processes: int
) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    replies = Replies()
    chats = itertools.count(100_000, 10_000)
    with tempfile.TemporaryDirectory() as scratch:
        async with serving(fake_bot_api(replies)) as api:
            for founders, at_once in loads:
                port = free_port()
                floor = await start(
                    [([sys.executable, "-m", "bench.echo_bot", str(port), api, TOKEN], {}, port)]
                )
                try:
                    echo = await founders_typing(
                        f"PTB echo bot, {at_once} at once",
                        floor,
                        replies,
                        post_telegram,
                        str,
                        founders,
                        at_once,
                        next(chats),
                    )
                finally:
                    floor.stop()
                url = await fresh_database(database, postgres, Path(scratch))
                commands = []
                for _ in range(processes):
                    p = free_port()
                    env = {
                        "TELEGRAM_BOT_TOKEN": TOKEN,
                        "TELEGRAM_BASE_URL": api,
                        "TELEGRAM_MODE": "webhook",
                        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{p}/telegram/webhook",
                        "TELEGRAM_WEBHOOK_SECRET": SECRET,
                        # The echo bot has no rate limiter: compare processing with none.
                        "SPBOT_TELEGRAM_MAX_RATE": "0",
                    }
                    commands.append(spbot_command(p, url, env))
                server = await start(commands)
                profiler = profile(server)
                try:
                    spbot = await founders_typing(
                        f"spbot ({database}, {processes} proc), {at_once} at once",
                        server,
                        replies,
                        post_telegram,
                        str,
                        founders,
                        at_once,
                        next(chats),
                    )
                finally:
                    stop_profile(profiler)
                    server.stop()
                rows += [echo.row(), spbot.row()]
                print(json.dumps(rows[-2:], ensure_ascii=False), file=sys.stderr)
    return rows


async def slack_runs(loads: list[tuple[int, int]]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    replies = Replies()
    chats = itertools.count(500_000, 10_000)
    with tempfile.TemporaryDirectory() as scratch:
        async with serving(fake_slack_api(replies)) as api:
            for founders, at_once in loads:
                port = free_port()
                floor = await start(
                    [
                        (
                            [
                                sys.executable,
                                "-m",
                                "bench.bolt_echo",
                                str(port),
                                f"{api}/api/",
                                SLACK_SECRET,
                            ],
                            {},
                            port,
                        )
                    ]
                )
                try:
                    bolt = await founders_typing(
                        f"Bolt echo app, {at_once} at once",
                        floor,
                        replies,
                        post_slack,
                        lambda c: f"D{c}",
                        founders,
                        at_once,
                        next(chats),
                    )
                finally:
                    floor.stop()
                url = await fresh_database("sqlite", None, Path(scratch))
                p = free_port()
                env = {
                    "SLACK_BOT_TOKEN": "xoxb-bench",
                    "SLACK_SIGNING_SECRET": SLACK_SECRET,
                    "SLACK_API_URL": f"{api}/api/",
                }
                server = await start([spbot_command(p, url, env)])
                try:
                    spbot = await founders_typing(
                        f"spbot (sqlite), {at_once} at once",
                        server,
                        replies,
                        post_slack,
                        lambda c: f"D{c}",
                        founders,
                        at_once,
                        next(chats),
                    )
                finally:
                    server.stop()
                rows += [bolt.row(), spbot.row()]
                print(json.dumps(rows[-2:], ensure_ascii=False), file=sys.stderr)
    return rows


def table(rows: list[dict[str, str]]) -> str:
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r[h] for h in header) + " |" for r in rows]
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small loads (a smoke run)")
    parser.add_argument("--postgres", help="also run on this PostgreSQL (it is emptied)")
    parser.add_argument("--no-slack", action="store_true")
    args = parser.parse_args()
    loads = [(10, 1), (40, 20)] if args.quick else [(30, 1), (200, 20), (300, 100)]
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()}\n"
    )
    print("### Telegram webhook, SQLite, one process\n")
    print(table(await telegram_runs("sqlite", None, loads, 1)) + "\n")
    if args.postgres:
        print("### Telegram webhook, PostgreSQL, two processes\n")
        print(table(await telegram_runs("postgresql", args.postgres, loads[1:2], 2)) + "\n")
    if not args.no_slack:
        print("### Slack DM events, SQLite\n")
        print(table(await slack_runs(loads[:2])) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
