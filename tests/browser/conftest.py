"""Browser tests: the real product (``spbot serve`` in a subprocess, on a prepared SQLite
database) driven by Playwright in Debian's headless Chromium, with axe-core for WCAG 2.1 AA.

Chromium comes from Debian (``apt-get install -y chromium``; ``.ci/run`` installs it when
missing). Without it these tests are skipped locally, and fail when SPBOT_REQUIRE_BROWSER is
set (CI sets it). A failing test leaves a screenshot in ``test-results/screenshots/``."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.http_server import free_port

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")  # Playwright's sync API holds an event loop while it runs
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("SPBOT_REQUIRE_BROWSER"):
            pytest.fail("Debian's chromium is missing: apt-get install -y chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call":
        item.stash[FAILED] = report.failed


FAILED = pytest.StashKey[bool]()


@pytest.fixture
def page(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED, False):
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
        page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.1 A/AA violations on the page as it is now. The script
    is evaluated through the DevTools protocol, which the page's CSP does not govern."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Any) -> None:
    found = axe_violations(page)
    assert found == [], f"axe on {page.url}: {found}"


@dataclass
class Product:
    url: str
    database_url: str
    people: dict[str, str] = field(default_factory=dict)  # role → email
    facts: dict[str, Any] = field(default_factory=dict)


PASSWORD = "browser tests passphrase"


async def _prepare(database_url: str) -> dict[str, Any]:
    """A region with a case offered to an advisor, a crowded advisor, and a transcript."""
    from sqlalchemy import select

    from bot.assembly import build_workflow, open_db
    from bot.cases.actions import Actor
    from bot.console.accounts import StaffAccounts
    from bot.domain import ActorKind
    from bot.settings import load_settings
    from bot.storage.models import Advisor, Conversation, Message, Offer, utcnow
    from tests.cases.conftest import open_case
    from tests.roster import advisor, seed_advisors

    settings = load_settings(DATABASE_URL=database_url)
    db = await open_db(settings)
    await seed_advisors(
        db,
        advisor("var-1", "varnamo", "food_beverage", "financing", capacity=3),
        advisor("var-2", "varnamo", "food_beverage", capacity=3),
        advisor("gis-1", "gislaved", "food_beverage", capacity=3),
        advisor("jkp-1", "jonkoping", "food_beverage", capacity=4),
    )
    workflow = build_workflow(settings, db)
    coordinator = Actor(ActorKind.COORDINATOR, "setup")
    now = utcnow
    offered = await open_case(db, now, user="offered")  # type: ignore[arg-type]
    await workflow.route(offered)
    async with db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
        key = (await session.get(Advisor, offer.advisor_id)).key  # type: ignore[union-attr]
    crowded = [await open_case(db, now, user=f"c{i}") for i in range(5)]  # type: ignore[arg-type]
    for ref in crowded:
        await workflow.reassign(ref, "gis-1", coordinator)
    async with db.transaction() as session:
        first = (await session.scalars(select(Conversation).order_by(Conversation.id))).first()
        assert first is not None
        for direction, text in (
            ("inbound", "Jag vill starta ett bageri <b>nu</b>"),
            ("outbound", "Vad roligt! Var bor du?"),
        ):
            session.add(
                Message(
                    conversation_id=first.id,
                    direction=direction,
                    channel="web",
                    kind="text",
                    text=text,
                    created_at=utcnow(),
                )
            )
    accounts = StaffAccounts(db)
    people = {
        "advisor": "radgivare@example.org",
        "coordinator": "samordnare@example.org",
        "admin": "admin@example.org",
    }
    await accounts.add(
        people["advisor"], "advisor", advisor_key=key, actor=Actor(ActorKind.SYSTEM, "t")
    )
    await accounts.add(people["coordinator"], "coordinator", actor=Actor(ActorKind.SYSTEM, "t"))
    await accounts.add(people["admin"], "admin", actor=Actor(ActorKind.SYSTEM, "t"))
    for email in people.values():
        await accounts.set_password_of(email, PASSWORD, Actor(ActorKind.SYSTEM, "t"))
    await db.dispose()
    return {
        "people": people,
        "offered": offered,
        "crowded": crowded,
        "first": offered,
        "advisor_key": key,
    }


@contextlib.contextmanager
def running_product(
    folder: Path, database_url: str | None = None, **extra_env: str
) -> Iterator[Product]:
    """``spbot serve`` on a prepared database (a SQLite file in ``folder`` unless given),
    until the block ends."""
    database_url = database_url or f"sqlite+aiosqlite:///{folder / 'spbot.db'}"
    # In a thread of its own: Playwright's sync API keeps an event loop in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        facts = pool.submit(asyncio.run, _prepare(database_url)).result()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SPBOT_HTTP_PORT": str(port),
        "SPBOT_TIMER_INTERVAL": "3600",
        **extra_env,
    }
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode() if process.stderr else "")
            time.sleep(0.05)
        yield Product(url, database_url, facts.pop("people"), facts)
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture
def product(tmp_path: Path, database_url: str) -> Iterator[Product]:
    """On SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set (as in CI)."""
    with running_product(tmp_path, database_url) as running:
        yield running


def sign_in(page: Any, product: Product, role: str) -> None:
    page.goto(product.url + "/console/")
    page.get_by_label("E-postadress").fill(product.people[role])
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
