"""Fixtures for the console: the workflow on a fake clock, the console app over HTTP
(httpx against the ASGI app), and staff accounts for each role."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from bot.cases.workflow import CaseWorkflow
from bot.console import build_console
from bot.console.accounts import StaffAccounts
from bot.domain import Actor, ActorKind
from bot.storage.db import Database
from tests.cases.conftest import FakeClock, clock, notifier, open_case, roster, workflow

__all__ = ["clock", "notifier", "open_case", "roster", "workflow"]

PASSWORD = "a long enough passphrase"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Browser:
    """One person's HTTP client, with helpers that read forms as a browser would."""

    client: httpx.AsyncClient

    async def get(self, path: str, **kw: object) -> httpx.Response:
        return await self.client.get(path, **kw)  # type: ignore[arg-type]

    async def csrf(self, path: str = "/console/desk") -> str:
        page = await self.client.get(path)
        found = CSRF.search(page.text)
        assert found, f"no form token on {path}: {page.status_code}"
        return found.group(1)

    async def post(
        self, path: str, data: dict[str, str] | None = None, *, token_from: str | None = None
    ) -> httpx.Response:
        form = dict(data or {})
        if "csrf" not in form:
            form["csrf"] = await self.csrf(token_from or _page_of(path))
        return await self.client.post(path, data=form)

    async def sign_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        token = await self.csrf("/console/sign-in")
        return await self.client.post(
            "/console/sign-in", data={"csrf": token, "email": email, "password": password}
        )


def _page_of(path: str) -> str:
    if path.startswith("/console/cases/"):
        return "/".join(path.split("/")[:4])
    if path.startswith(("/console/offers", "/console/desk")):
        return "/console/desk"
    if path.startswith("/console/staff"):
        return "/console/staff"
    if path.startswith("/console/privacy/founders/"):
        return "/".join(path.split("/")[:5])
    if path.startswith("/console/absences"):
        return "/console/absences"
    if path.startswith("/console/rebalance"):
        return "/console/rebalance"
    return "/console/desk"


@dataclass
class Staff:
    accounts: StaffAccounts

    async def add(self, email: str, role: str, advisor: str | None = None) -> None:
        await self.accounts.add(
            email, role, advisor_key=advisor, actor=Actor(ActorKind.ADMIN, "test")
        )
        await self.accounts.set_password_of(email, PASSWORD, Actor(ActorKind.ADMIN, "test"))


@pytest.fixture
def console_app(db: Database, workflow: CaseWorkflow, clock: FakeClock):  # type: ignore[no-untyped-def]
    return build_console(db, workflow, clock=clock, public_url="http://testserver")


@pytest.fixture
def staff(db: Database, clock: FakeClock) -> Staff:
    return Staff(StaffAccounts(db, clock=clock))


@pytest.fixture
async def people(staff: Staff, roster: None) -> None:
    """An advisor (var-1, Värnamo), another advisor (gis-1), a coordinator and an admin."""
    await staff.add("vera@example.org", "advisor", "var-1")
    await staff.add("gustav@example.org", "advisor", "gis-1")
    await staff.add("cora@example.org", "coordinator")
    await staff.add("ada@example.org", "admin")


@pytest.fixture
async def browser(console_app) -> AsyncIterator[Browser]:  # type: ignore[no-untyped-def]
    async with _client(console_app) as client:
        yield Browser(client)


def _client(app, address: str = "127.0.0.1") -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    from starlette.applications import Starlette
    from starlette.routing import Mount

    outer = Starlette(routes=[Mount("/console", app=app)])
    transport = httpx.ASGITransport(app=outer, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def browsers(console_app):  # type: ignore[no-untyped-def]
    """A factory of separate people (each their own cookie jar and, if given, address)."""
    opened: list[httpx.AsyncClient] = []

    async def make(email: str | None = None, address: str = "127.0.0.1") -> Browser:
        client = _client(console_app, address)
        opened.append(client)
        b = Browser(client)
        if email:
            response = await b.sign_in(email)
            assert response.status_code == 303, response.text
        return b

    yield make
    for client in opened:
        await client.aclose()
