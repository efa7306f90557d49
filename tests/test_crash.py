"""Killed at the worst moments, nothing is lost: `spbot serve` (webhook mode, a real process)
is killed with SIGKILL at a chosen point while founders do their intakes, restarted, and
Telegram redelivers whatever was not answered 200. Afterwards every message is in the
transcript exactly once, every turn's replies were sent, and no case was opened twice."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.db import Database
from bot.storage.models import Case, Conversation, InboxItem, Message
from tests.http_server import free_port
from tests.intake_driver import Answers, complete_intake
from tests.telegram.emulator import BotApiEmulator, TelegramFounder, emulating

SECRET = "crash-test-secret-0123456789"
FOUNDERS = (7001, 7002, 7003)
ROOT = Path(__file__).resolve().parent.parent


class Server:
    """``python -m bot serve`` in a subprocess, restarted (without the crash) when killed."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env = env
        self.port = port
        self.kills = 0
        self._proc: asyncio.subprocess.Process | None = None
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    async def start(self, crash_at: str | None) -> None:
        self._task = asyncio.create_task(self._supervise(crash_at))
        await self.ready()

    async def _supervise(self, crash_at: str | None) -> None:
        env = dict(self.env)
        if crash_at:
            env["SPBOT_CRASH_AT"] = crash_at
        while not self._stopping:
            self._proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "serve",
                env=env,
                cwd=ROOT,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            code = await self._proc.wait()
            if self._stopping:
                return
            assert code == -signal.SIGKILL, f"spbot serve exited with {code}"
            self.kills += 1
            env.pop("SPBOT_CRASH_AT", None)  # the restarted process runs normally

    async def ready(self) -> None:
        async with httpx.AsyncClient() as client:
            for _ in range(300):
                with contextlib.suppress(httpx.TransportError):
                    if (
                        await client.get(f"http://127.0.0.1:{self.port}/healthz")
                    ).status_code == 200:
                        return
                await asyncio.sleep(0.1)
        raise AssertionError("spbot serve did not start")

    async def stop(self) -> None:
        self._stopping = True
        if self._proc is not None and self._proc.returncode is None:
            self._proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self._proc.wait(), timeout=20)
        if self._task is not None:
            await self._task


async def intake(api: BotApiEmulator, founder: int) -> int:
    """One founder's whole intake, waiting for each answer as a person would. Returns the
    number of messages (updates) the founder sent."""
    talker = TelegramFounder(api, founder, timeout=60)
    await talker.say("/start")
    answers = Answers(
        name="Tove Telegram",
        place="Jag bor i Gränna",
        idea="Ett kafé med polkagrisar och lokalt rostat kaffe.",
        email=f"f{founder}@example.se",
    )
    await complete_intake(talker, answers)
    return talker.actions


@pytest.fixture
async def emulator() -> AsyncIterator[tuple[BotApiEmulator, str]]:
    api = BotApiEmulator(redeliver=True)
    async with emulating(api) as url:
        yield api, url


async def _seed(database_url: str) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "seed",
        "--demo",
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=asyncio.subprocess.DEVNULL,
    )
    assert await proc.wait() == 0


def _serve_env(
    database_url: str, api: BotApiEmulator, api_url: str, port: int, webhook_port: int
) -> dict[str, str]:
    """`spbot serve` in webhook mode on ``port`` (the webhook registered at ``webhook_port``)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_BASE_URL": api_url,
        "TELEGRAM_MODE": "webhook",
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{webhook_port}/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "SPBOT_HTTP_PORT": str(port),
        "SPBOT_OUTBOX_RESEND_AFTER": "0.5",
        "SPBOT_LOG_LEVEL": "WARNING",
    }


async def _replies_settled(database_url: str, timeout: float = 30.0) -> None:
    """Wait, while the servers still run, until no stored reply is waiting to go out (the
    last turn's replies may still be on their way when a founder has seen the one they
    waited for). The check afterwards says whether they all went: this only waits."""
    from bot.storage.db import create_engine

    engine = create_engine(database_url)
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            try:
                async with engine.connect() as conn:
                    unsent = await conn.scalar(
                        select(func.count())
                        .select_from(Message)
                        .where(Message.direction == "outbound", Message.delivered_at.is_(None))
                    )
            except Exception:  # a connection the test's own fault harness ended: try again
                unsent = None
            if unsent == 0:
                return
            await asyncio.sleep(0.2)
    finally:
        await engine.dispose()


async def _nothing_left_or_twice(session: AsyncSession, founders: Sequence[int]) -> None:
    """One case per founder, nothing waiting in the inbox, every reply sent."""
    cases = (await session.scalars(select(Case.conversation_id))).all()
    assert len(cases) == len(founders) == len(set(cases)), "no case opened twice"
    waiting = await session.scalar(
        select(func.count()).select_from(InboxItem).where(InboxItem.processed_at.is_(None))
    )
    assert waiting == 0
    unsent = await session.scalar(
        select(func.count())
        .select_from(Message)
        .where(Message.direction == "outbound", Message.delivered_at.is_(None))
    )
    assert unsent == 0, "every reply went out"


@pytest.mark.parametrize(
    "crash_at", ["inbox_committed:9", "mid_turn:9", "turn_committed:9", "replies_sent:9"]
)
async def test_killed_and_restarted_nothing_is_lost(
    crash_at: str, emulator: tuple[BotApiEmulator, str], database_url: str, db: Database
) -> None:
    api, api_url = emulator
    await _seed(database_url)
    port = free_port()
    env = _serve_env(database_url, api, api_url, port, port)
    server = Server(env, port)
    await server.start(crash_at)
    try:
        sent = await asyncio.gather(*(intake(api, f) for f in FOUNDERS))
    finally:
        await server.stop()
    assert server.kills == 1, "the crash point was reached"

    async with db.sessions() as session:
        for founder, count in zip(FOUNDERS, sent, strict=True):
            inbound = await session.scalar(
                select(func.count())
                .select_from(Message)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Conversation.external_id == str(founder), Message.direction == "inbound")
            )
            assert inbound == count, f"founder {founder}: every message once ({crash_at})"
        await _nothing_left_or_twice(session, FOUNDERS)
    for founder in FOUNDERS:
        replies = api.texts(founder)
        assert sum("Ditt ärende har nummer" in t for t in replies) >= 1


async def test_two_processes_on_postgresql_with_kills_and_ended_connections(
    emulator: tuple[BotApiEmulator, str], database_url: str, db: Database, backend: str
) -> None:
    """Two `spbot serve` processes on one PostgreSQL, each founder's updates alternating
    between them (a round-robin proxy); one process is killed mid-turn and restarted, and
    the database server ends every connection halfway. Afterwards: every message in the
    transcript once and true (the name, not a placeholder), every reply sent, no case
    twice or offered twice, nothing left in the inbox."""
    if backend != "postgresql":
        pytest.skip("several processes share a PostgreSQL database")
    from bot.storage.models import CaseEvent
    from tests.telegram.test_webhook_edges import _end_every_other_connection

    api, api_url = emulator
    await _seed(database_url)
    ports = [free_port(), free_port()]
    servers = []
    for port in ports:
        env = _serve_env(database_url, api, api_url, port, ports[0])
        servers.append(Server(env, port))
    api.spread_to = [f"http://127.0.0.1:{p}/telegram/webhook" for p in ports]
    await servers[0].start("mid_turn:7")
    await servers[1].start(None)
    founders = (7101, 7102, 7103, 7104)
    try:
        walks = [asyncio.create_task(intake(api, f)) for f in founders]
        await asyncio.sleep(1.0)
        await _end_every_other_connection(database_url)
        sent = await asyncio.gather(*walks)
        await _replies_settled(database_url)
    finally:
        for server in servers:
            await server.stop()
    assert servers[0].kills == 1, "the crash point was reached"
    await db.engine.dispose()  # this test's own connections were ended too

    async with db.sessions() as session:
        for founder, count in zip(founders, sent, strict=True):
            inbound = (
                await session.scalars(
                    select(Message.text)
                    .join(Conversation, Conversation.id == Message.conversation_id)
                    .where(Conversation.external_id == str(founder))
                    .where(Message.direction == "inbound")
                )
            ).all()
            assert len(inbound) == count, f"founder {founder}: every message once"
            assert "Tove Telegram" in inbound, f"founder {founder}: the transcript is true"
        await _nothing_left_or_twice(session, founders)
        # Routing runs in whichever process plays the turn, and the timer loops of both
        # pick up new cases: each case was offered once, to one advisor.
        offered = (
            await session.execute(
                select(CaseEvent.case_id, func.count())
                .where(CaseEvent.kind == "offered")
                .group_by(CaseEvent.case_id)
            )
        ).all()
        assert sorted(n for _, n in offered) == [1] * len(founders), offered
