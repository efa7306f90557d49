"""Every console list page on a ten-year database (10,000 cases, their events, offers and
intake milestones: ``bench.reports.write_history``) while founders' answers flow, beside
``/healthz`` (the floor every request waits behind) in the same run.

The product's HTTP app (what ``spbot serve`` runs) is driven in-process over ASGI; a
coordinator and an admin are signed in; while the pages are read, eight visitors at a time
answer the founder chat (consent, name, place: each answer a stored turn), so the pages
compete with writes as they would on a working day.

    .venv/bin/python -m bench.console_pages              # prints a Markdown table
    .venv/bin/python -m bench.console_pages --quick      # 1,000 cases, a smoke run

Nothing here is asserted: the figures go to docs/benchmarks.md with the command.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import platform
import re
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from bench.reports import write_history
from bot.app import build_services
from bot.console.accounts import StaffAccounts
from bot.domain import Actor, ActorKind
from bot.http import build_http_app
from bot.settings import load_settings
from bot.storage.db import open_database

PASSWORD = "a long enough bench passphrase"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
BENCH = Actor(ActorKind.SYSTEM, "bench")
PAGES = {
    "cora@bench.invalid": [
        "/console/queue",
        "/console/cases",
        "/console/cases?page=40",
        "/console/cases?status=closed",
        "/console/cases?sector=food_beverage",
        "/console/workload",
        "/console/absences",
        "/console/rebalance",
        "/console/roster",
        "/console/events",
        "/console/results",
        "/console/companies",
        "/console/cases/{ref}",
    ],
    "ada@bench.invalid": ["/console/audit", "/console/audit?page=20", "/console/staff"],
}


async def sign_in(client: httpx.AsyncClient, email: str) -> None:
    page = await client.get("/console/sign-in")
    token = CSRF.search(page.text)
    assert token, page.status_code
    done = await client.post(
        "/console/sign-in", data={"csrf": token.group(1), "email": email, "password": PASSWORD}
    )
    assert done.status_code == 303, done.text[:200]


async def founders(app: object, n: int, stop: asyncio.Event, counter: list[int]) -> None:
    """A visitor at a time per task, from an address of its own: consent, a name, a place,
    one answer every 2.5 s (the chat's own limit is 30 a minute a session); then the next."""
    transport = httpx.ASGITransport(app=app, client=(f"10.0.0.{n}", 40000))  # type: ignore[arg-type]
    while not stop.is_set():
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            page = await client.get("/chat")
            answers = ({"choice": "consent:accept"}, {"text": "Bench Grundare"}, {"text": "Eksjö"})
            for form in answers:
                token = CSRF.search(page.text)
                seen = re.search(r'name="seen" value="([^"]+)"', page.text)
                data = {"csrf": token.group(1) if token else "", **form}
                if seen:
                    data["seen"] = seen.group(1)
                page = await client.post("/chat", data=data, headers={"x-requested-with": "fetch"})
                counter[0] += page.status_code == 200
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 2.5)
                if stop.is_set():
                    return


def row(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p95:.1f} | {max(times):.1f} |"
    )


async def run(cases: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite+aiosqlite:///{Path(scratch) / 'console.db'}"
        settings = load_settings(DATABASE_URL=url)
        db = await open_database(url)
        started = time.perf_counter()
        await write_history(db, cases)
        written = time.perf_counter() - started
        accounts = StaffAccounts(db)
        for email, role in (("cora@bench.invalid", "coordinator"), ("ada@bench.invalid", "admin")):
            await accounts.add(email, role, actor=BENCH)
            await accounts.set_password_of(email, PASSWORD, BENCH)
        services = await build_services(settings, db)
        app = build_http_app(services, timers=False)
        async with db.sessions() as session:
            from sqlalchemy import select

            from bot.storage.models import Case

            ref = await session.scalar(select(Case.ref).order_by(Case.id.desc()).limit(1))
        transport = httpx.ASGITransport(app=app)
        results: dict[str, list[float]] = {}
        stop = asyncio.Event()
        answers = [0]
        async with contextlib.AsyncExitStack() as stack:
            clients = {}
            for email in PAGES:
                client = await stack.enter_async_context(
                    httpx.AsyncClient(transport=transport, base_url="http://bench")
                )
                await sign_in(client, email)
                clients[email] = client
            load = [asyncio.create_task(founders(app, n, stop, answers)) for n in range(8)]
            began = time.perf_counter()
            for _ in range(repeat + 2):  # the first two rounds warm caches and are dropped
                for email, paths in PAGES.items():
                    client = clients[email]
                    for path in ["/healthz", *paths]:
                        path = path.format(ref=ref)
                        t = time.perf_counter()
                        response = await client.get(path)
                        elapsed = (time.perf_counter() - t) * 1000
                        assert response.status_code == 200, (path, response.status_code)
                        results.setdefault(path, []).append(elapsed)
            took = time.perf_counter() - began
            stop.set()
            await asyncio.gather(*load)
        await db.dispose()
    for times in results.values():
        del times[:2]
    print(
        f"{cases:,} cases written in {written:.0f} s; {platform.machine()}, Python "
        f"{platform.python_version()}; {repeat} reads of each page while {answers[0]} founder "
        f"answers were stored ({answers[0] / took:.1f}/s)\n"
    )
    print("| page | reads | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    healthz = results.pop("/healthz")
    print(row("/healthz (floor)", healthz))
    for path, times in results.items():
        print(row(path.replace(ref or "", "<ref>"), times))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1,000 cases, 5 reads a page")
    args = parser.parse_args()
    asyncio.run(run(1_000 if args.quick else 10_000, 5 if args.quick else 20))


if __name__ == "__main__":
    main()
