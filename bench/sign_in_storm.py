"""Sign-in storm: does a burst of console sign-ins slow everything else down?

`spbot serve` on a fresh SQLite database with one staff account. A probe asks ``/healthz``
every 20 ms (what every chat, webhook and page also waits behind); first with nothing else
going on (the idle figure), then while clients sign in, 16 at once, 64 attempts a round
(right and wrong passwords: each costs an argon2 check). Reported: /healthz p50/p99/max in
both phases, and the sign-ins' own answer times.

    .venv/bin/python -m bench.sign_in_storm
    .venv/bin/python -m bench.sign_in_storm --rounds 1    # a smoke run

Nothing here is asserted: the figures go to docs/benchmarks.md with the command.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.webhook import _ready, free_port

ROOT = Path(__file__).resolve().parent.parent
EMAIL = "storm@bench.invalid"
PASSWORD = "a long enough bench passphrase"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


ACCOUNT = """
import asyncio, sys
from bot.console.accounts import StaffAccounts
from bot.storage.db import open_database

try:  # the code under test may be older than the typed Actor
    from bot.domain import Actor, ActorKind
    BENCH = Actor(ActorKind.SYSTEM, "bench")
except ImportError:
    BENCH = ("system", "bench")

async def main(url, email, password):
    db = await open_database(url)
    try:
        accounts = StaffAccounts(db)
        await accounts.add(email, "coordinator", actor=BENCH)
        await accounts.set_password_of(email, password, BENCH)
    finally:
        await db.dispose()

asyncio.run(main(*sys.argv[1:]))
"""


def _account(tree: Path, database_url: str) -> None:
    """The staff account, made by the code under test (run in ``tree``)."""
    url = database_url.replace("sqlite://", "sqlite+aiosqlite://", 1)
    subprocess.run([sys.executable, "-c", ACCOUNT, url, EMAIL, PASSWORD], cwd=tree, check=True)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _line(name: str, ms: list[float]) -> str:
    return (
        f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {_pct(ms, 99):.1f} | {max(ms):.1f} |"
    )


PROBE = """
import json, sys, time, httpx
url, seconds = sys.argv[1], float(sys.argv[2])
out, end = [], time.monotonic() + seconds
with httpx.Client(timeout=30) as client:
    while time.monotonic() < end:
        started = time.perf_counter()
        client.get(url + "/healthz")
        out.append((time.perf_counter() - started) * 1000)
        time.sleep(0.02)
print(json.dumps(out))
"""


async def _probe(url: str, seconds: float) -> list[float]:
    """/healthz every 20 ms for ``seconds``, from a process of its own (so the load
    generator's work never shows up as the server's latency)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", PROBE, url, str(seconds), stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    return [float(x) for x in json.loads(out)]


async def _sign_in(url: str, n: int, out: list[float], statuses: list[int]) -> None:
    # Every attempt from an address of its own (behind the trusted proxy): a botnet, which
    # no per-address limit slows, so every attempt costs a password check.
    address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
    headers = {"X-Forwarded-For": address}
    async with httpx.AsyncClient(base_url=url, timeout=60, headers=headers) as client:
        page = await client.get("/console/sign-in")
        token = CSRF.search(page.text)
        assert token, page.status_code
        # Half the right password, half guesses for other emails (each a check too).
        email, password = (EMAIL, PASSWORD) if n % 2 == 0 else (f"{n}@bench.invalid", "guess")
        started = time.perf_counter()
        response = await client.post(
            "/console/sign-in",
            data={"csrf": token.group(1), "email": email, "password": password},
        )
        out.append((time.perf_counter() - started) * 1000)
        statuses.append(response.status_code)


async def run(tree: Path, rounds: int, at_once: int) -> tuple[str, list[str]]:
    """One storm against the code in ``tree``: the summary line and the table rows."""
    scratch = Path(tempfile.mkdtemp(prefix="spbot-storm-"))
    database_url = f"sqlite:///{scratch / 'storm.db'}"
    subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        cwd=tree,
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _account(tree, database_url)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tree,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "SPBOT_HTTP_PORT": str(port),
            "SPBOT_LOG_LEVEL": "WARNING",
            "SPBOT_TIMER_INTERVAL": "60",
            "SPBOT_TRUSTED_PROXIES": "127.0.0.1",
        },
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        await _ready(url)
        idle = await _probe(url, 5)
        signing: list[float] = []
        statuses: list[int] = []
        limit = asyncio.Semaphore(at_once)

        async def one(n: int) -> None:
            async with limit:
                await _sign_in(url, n, signing, statuses)

        async def storm() -> float:
            started = time.perf_counter()
            for r in range(rounds):
                await asyncio.gather(*(one(r * 64 + n) for n in range(64)))
            return time.perf_counter() - started

        storming = asyncio.create_task(storm())
        await asyncio.sleep(0.5)
        during = await _probe(url, 8)
        elapsed = await storming
    finally:
        server.terminate()
        server.wait(timeout=20)
    summary = (
        f"{rounds * 64} sign-ins, {at_once} at once, in {elapsed:.1f} s "
        f"({rounds * 64 / elapsed:.1f}/s); answers: "
        + ", ".join(f"{s}×{statuses.count(s)}" for s in sorted(set(statuses)))
    )
    return summary, [
        _line("/healthz, idle", idle),
        _line("/healthz, during the storm", during),
        _line("sign-in POST, during the storm", signing),
    ]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="rounds of 64 sign-ins")
    parser.add_argument("--at-once", type=int, default=16)
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also run the same storm against this git revision (a worktree in /tmp)",
    )
    args = parser.parse_args()
    trees = [("this tree", ROOT)]
    if args.baseline:
        where = Path(tempfile.gettempdir()) / f"spbot-baseline-{args.baseline}"
        if not where.exists():
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(where), args.baseline],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        trees.insert(0, (f"baseline {args.baseline}", where))
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {python}")
    rows = []
    for name, tree in trees:
        summary, lines = await run(tree, args.rounds, args.at_once)
        print(f"{name}: {summary}")
        rows += [line.replace("| ", f"| {name}: ", 1) for line in lines]
    print()
    print("| what | requests | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    asyncio.run(main())
