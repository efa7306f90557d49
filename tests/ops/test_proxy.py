"""Behind the reverse proxy of docs/deploy.md: the client's address is the one the proxy saw,
only when SPBOT_TRUSTED_PROXIES names the proxy; a client can never choose its own address
(not for the rate limits, not for /metrics, not in the audit log)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from sqlalchemy import select

from bot.app import build_services
from bot.console.accounts import StaffAccounts
from bot.domain import Actor, ActorKind
from bot.http import build_http_app
from bot.settings import load_settings
from bot.storage.db import Database
from bot.storage.models import AuditEntry

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
PASSWORD = "a long enough passphrase"


def _client(app: object, host: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(host, 5000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://spbot")


async def _sign_in(client: httpx.AsyncClient, forwarded_for: str | None) -> None:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    page = await client.get("/console/sign-in", headers=headers)
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token, page.text
    done = await client.post(
        "/console/sign-in",
        data={"csrf": token.group(1), "email": "ada@example.org", "password": PASSWORD},
        headers=headers,
    )
    assert done.status_code == 303, done.text


async def _sign_in_addresses(db: Database) -> list[str]:
    async with db.sessions() as session:
        rows = (
            await session.scalars(
                select(AuditEntry.payload)
                .where(AuditEntry.kind == "sign_in")
                .order_by(AuditEntry.id)
            )
        ).all()
    return [row["address"] for row in rows]


async def test_a_forwarded_address_counts_only_from_a_trusted_proxy(
    database_url: str, db: Database
) -> None:
    accounts = StaffAccounts(db)
    await accounts.add("ada@example.org", "admin", actor=Actor(ActorKind.ADMIN, "test"))
    await accounts.set_password_of("ada@example.org", PASSWORD, Actor(ActorKind.ADMIN, "test"))

    # No proxy configured: a header the client wrote changes nothing.
    plain = build_http_app(
        await build_services(load_settings(DATABASE_URL=database_url), db), timers=False
    )
    async with _client(plain, "127.0.0.1") as client:
        await _sign_in(client, "203.0.113.77")
    async with _client(plain, "198.51.100.20") as client:
        await _sign_in(client, "127.0.0.1")
        spoofed = await client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"})
        assert spoofed.status_code == 403, "/metrics is not opened by a forged header"

    # Behind the proxy on this machine: the address it saw.
    proxied = build_http_app(
        await build_services(
            load_settings(DATABASE_URL=database_url, SPBOT_TRUSTED_PROXIES="127.0.0.1"), db
        ),
        timers=False,
    )
    async with _client(proxied, "127.0.0.1") as client:
        await _sign_in(client, "203.0.113.78")
        outside = await client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.78"})
        assert outside.status_code == 403, "a client outside is outside, through the proxy too"
    # Someone else than the proxy cannot use the header.
    async with _client(proxied, "198.51.100.21") as client:
        await _sign_in(client, "10.1.2.3")

    assert await _sign_in_addresses(db) == [
        "127.0.0.1",
        "198.51.100.20",
        "203.0.113.78",
        "198.51.100.21",
    ]


def test_the_guides_proxy_blocks_set_the_client_address_and_name_the_setting() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in guide
    assert "SPBOT_TRUSTED_PROXIES=127.0.0.1" in guide
    assert "$proxy_add_x_forwarded_for" not in guide, "appending keeps the client's own header"
