"""Signing in: passwords, refusals (logged, throttled), sessions that expire and end, the
target kept, cookies and headers, one-time links."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.domain import Actor, ActorKind
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


async def test_nobody_elsewhere_can_lock_the_owner_out(browsers, people: None) -> None:  # type: ignore[no-untyped-def]
    """Five wrong passwords from the attacker's address throttle that address for that
    email, not the owner signing in from their own."""
    attacker = await browsers(address="203.0.113.66")
    for _ in range(8):
        await attacker.sign_in("vera@example.org", "not the password at all")
    assert (await attacker.sign_in("vera@example.org", PASSWORD)).status_code == 429
    owner = await browsers(address="198.51.100.7")
    response = await owner.sign_in("vera@example.org", PASSWORD)
    assert response.status_code == 303, "the owner signs in from their own address"


async def test_password_spraying_from_one_address_is_slowed(browsers, people: None) -> None:  # type: ignore[no-untyped-def]
    """Many emails, one wrong password each, from one address: after twenty, that address
    waits, whatever email it tries (even a right password), while others sign in."""
    sprayer = await browsers(address="203.0.113.99")
    statuses = [
        (await sprayer.sign_in(f"person{i}@example.org", "Summer2026!Summer")).status_code
        for i in range(24)
    ]
    assert statuses[:20] == [400] * 20 and statuses[20:] == [429] * 4
    assert (await sprayer.sign_in("cora@example.org", PASSWORD)).status_code == 429
    elsewhere = await browsers(address="198.51.100.8")
    assert (await elsewhere.sign_in("cora@example.org", PASSWORD)).status_code == 303


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
    _, token = await staff.accounts.add(
        "new@example.org", "coordinator", actor=Actor(ActorKind.ADMIN, "t")
    )
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


async def test_password_checks_run_off_the_event_loop(
    browser: Browser, people: None, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """argon2 takes tens of milliseconds of CPU: on the loop, a storm of sign-ins stalls
    every chat and webhook. It runs in a worker thread."""
    import threading

    from bot.console import accounts

    threads: list[int] = []
    verifies = accounts._verifies

    def recording(stored, password):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return verifies(stored, password)

    monkeypatch.setattr(accounts, "_verifies", recording)
    assert (await browser.sign_in("vera@example.org")).status_code == 303
    assert threads and threading.get_ident() not in threads


async def test_a_storm_of_password_checks_waits_in_a_bounded_queue() -> None:
    """Two at once; beyond the queue, refused at once as busy instead of piling up."""
    import asyncio
    import threading

    from bot.console.accounts import HashPool

    pool = HashPool(threads=1, queue=1)
    release = threading.Event()
    first = asyncio.create_task(pool.run(lambda: release.wait(5)))
    second = asyncio.create_task(pool.run(lambda: "second"))
    await asyncio.sleep(0)
    assert await pool.run(lambda: "third") is None, "full: refused at once"
    release.set()
    assert await first is True and await second == "second"
    assert await pool.run(lambda: "again") == "again"


async def test_a_session_ends_after_its_maximum_lifetime_however_active(
    browser: Browser, people: None, clock
) -> None:  # type: ignore[no-untyped-def]
    await browser.sign_in("cora@example.org")
    for _ in range(35):  # busy all day: a page every twenty minutes, 11 h 40 min
        clock.advance(minutes=20)
        assert (await browser.get("/console/queue")).status_code == 200
    clock.advance(minutes=21)
    response = await browser.get("/console/queue")
    assert response.status_code == 303 and "/console/sign-in" in response.headers["location"]


async def test_the_daily_retention_run_removes_staff_sessions_that_are_over(
    browser: Browser, people: None, clock, workflow, db: Database
) -> None:  # type: ignore[no-untyped-def]
    await browser.sign_in("cora@example.org")
    clock.advance(days=2)
    run = await workflow.retention.apply()
    assert run.staff_sessions == 1
    async with db.sessions() as session:
        assert (await session.scalars(select(StaffSession))).all() == []


async def test_a_sign_in_form_token_the_client_made_up_is_refused(
    browser: Browser, people: None
) -> None:
    browser.client.cookies.set("spbot_form", "made-up-by-the-client", path="/console")
    response = await browser.client.post(
        "/console/sign-in",
        data={"csrf": "made-up-by-the-client", "email": "cora@example.org", "password": PASSWORD},
    )
    assert response.status_code == 403 and "spbot_staff" not in response.headers.get(
        "set-cookie", ""
    )
    browser.client.cookies.clear()
    ok = await browser.sign_in("cora@example.org")  # a token this server drew
    assert ok.status_code == 303


async def test_a_one_time_link_is_built_from_the_public_address_not_the_host_header(
    browsers, people: None
) -> None:  # type: ignore[no-untyped-def]
    ada = await browsers("ada@example.org")
    token = await ada.csrf("/console/staff")
    page = await ada.client.post(
        "/console/staff",
        data={"csrf": token, "email": "nils@example.org", "role": "coordinator"},
        headers={"host": "evil.example"},
    )
    assert "evil.example" not in page.text
    assert re.search(r"http://testserver/console/password/[\w-]+", page.text)
