"""Signing in: passwords, refusals (logged, throttled), sessions that expire and end, the
target kept, cookies and headers, one-time links."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.storage.db import Database
from bot.storage.models import AuditEntry, StaffSession
from tests.console.conftest import PASSWORD, Browser, Staff


async def _audit_kinds(db: Database) -> list[str]:
    async with db.sessions() as session:
        return list((await session.scalars(select(AuditEntry.kind).order_by(AuditEntry.id))).all())


async def test_a_person_with_no_role_sees_only_the_sign_in_page(browser: Browser) -> None:
    for path in (
        "/console/",
        "/console/desk",
        "/console/queue",
        "/console/audit",
        "/console/cases/JKP-2026-0001",
        "/console/privacy/founders/1/export.json",
    ):
        response = await browser.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/console/sign-in?next=")
    page = await browser.get("/console/sign-in")
    assert page.status_code == 200
    assert 'lang="sv"' in page.text and "Logga in" in page.text


async def test_an_advisor_signs_in_and_lands_on_their_desk(
    browser: Browser, people: None, db: Database
) -> None:
    response = await browser.sign_in("VERA@example.org ")
    assert response.status_code == 303 and response.headers["location"] == "/console/desk"
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert "path=/console" in cookie.lower()
    desk = await browser.get("/console/desk")
    assert desk.status_code == 200 and "Mitt skrivbord" in desk.text
    assert "sign_in" in await _audit_kinds(db)


async def test_wrong_passwords_are_refused_logged_and_throttled(
    browser: Browser, people: None, db: Database
) -> None:
    for _ in range(5):
        response = await browser.sign_in("vera@example.org", "not the password at all")
        assert response.status_code == 400
        assert "stämmer inte" in response.text
    # The sixth try is refused even with the right password.
    response = await browser.sign_in("vera@example.org", PASSWORD)
    assert response.status_code == 429 and "För många försök" in response.text
    kinds = await _audit_kinds(db)
    assert kinds.count("sign_in_refused") == 6 and "sign_in" not in kinds


async def test_an_unknown_email_gets_the_same_answer(browser: Browser, people: None) -> None:
    response = await browser.sign_in("nobody@example.org", "whatever password")
    assert response.status_code == 400 and "stämmer inte" in response.text


async def test_sign_in_without_the_form_token_is_refused(browser: Browser, people: None) -> None:
    response = await browser.client.post(
        "/console/sign-in", data={"email": "vera@example.org", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "spbot_staff" not in response.headers.get("set-cookie", "")


async def test_an_idle_session_expires_and_the_target_is_kept(
    browser: Browser, people: None, clock
) -> None:  # type: ignore[no-untyped-def]
    await browser.sign_in("cora@example.org")
    assert (await browser.get("/console/queue")).status_code == 200
    clock.advance(minutes=31)
    response = await browser.get("/console/cases?status=new")
    assert response.status_code == 303
    assert response.headers["location"] == "/console/sign-in?next=%2Fconsole%2Fcases%3Fstatus%3Dnew"
    token = await browser.csrf("/console/sign-in?next=%2Fconsole%2Fcases%3Fstatus%3Dnew")
    again = await browser.client.post(
        "/console/sign-in",
        data={
            "csrf": token,
            "email": "cora@example.org",
            "password": PASSWORD,
            "next": "/console/cases?status=new",
        },
    )
    assert again.headers["location"] == "/console/cases?status=new"


async def test_sign_in_never_sends_anyone_off_the_console(browser: Browser, people: None) -> None:
    token = await browser.csrf("/console/sign-in")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil", "javascript:x"):
        response = await browser.client.post(
            "/console/sign-in",
            data={"csrf": token, "email": "cora@example.org", "password": PASSWORD, "next": target},
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/console/queue"


async def test_sign_out_ends_the_session_in_the_database(
    browser: Browser, people: None, db: Database
) -> None:
    await browser.sign_in("cora@example.org")
    cookie = browser.client.cookies.get("spbot_staff")
    response = await browser.post("/console/sign-out", token_from="/console/queue")
    assert response.status_code == 303
    async with db.sessions() as session:
        assert (await session.scalars(select(StaffSession))).all() == []
    # The old cookie signs nobody in.
    browser.client.cookies.set("spbot_staff", cookie or "", path="/console")
    assert (await browser.get("/console/queue")).status_code == 303


async def test_the_database_holds_no_secret_in_the_clear(
    browser: Browser, people: None, db: Database
) -> None:
    await browser.sign_in("cora@example.org")
    cookie = browser.client.cookies.get("spbot_staff") or ""
    async with db.sessions() as session:
        held = (await session.scalars(select(StaffSession))).one()
    assert held.token_hash != cookie and len(held.token_hash) == 64


async def test_a_one_time_link_sets_a_password_once(
    browser: Browser, staff: Staff, roster: None
) -> None:
    _, token = await staff.accounts.add("new@example.org", "coordinator", actor=("admin", "t"))
    page = await browser.get(f"/console/password/{token}")
    assert page.status_code == 200 and "new@example.org" in page.text
    form = await browser.csrf(f"/console/password/{token}")
    short = await browser.client.post(
        f"/console/password/{token}", data={"csrf": form, "password": "short", "again": "short"}
    )
    assert short.status_code == 400 and "minst 12 tecken" in short.text
    done = await browser.client.post(
        f"/console/password/{token}", data={"csrf": form, "password": PASSWORD, "again": PASSWORD}
    )
    assert done.status_code == 303
    assert (await browser.get(f"/console/password/{token}")).status_code == 404
    assert (await browser.sign_in("new@example.org")).status_code == 303


async def test_every_console_answer_carries_the_security_headers(
    browser: Browser, people: None
) -> None:
    for path in ("/console/sign-in", "/console/nope", "/console/desk"):
        response = await browser.get(path)
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"


async def test_the_sign_in_page_speaks_english_when_asked(browser: Browser) -> None:
    page = await browser.get("/console/sign-in?lang=en")
    assert 'lang="en"' in page.text and "Sign in" in page.text
    again = await browser.get("/console/sign-in")
    assert 'lang="en"' in again.text  # remembered
    chosen = await browser.get("/console/sign-in", headers={"accept-language": "en-GB"})
    assert re.search(r'lang="en"', chosen.text)
