"""Sign in with Slack against a local fake of Slack's OpenID Connect endpoints: the email
Slack verified is matched to a staff account (never to the roster); forged state, a wrong
nonce and strangers are refused and logged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.routing import Mount

from bot.cases.workflow import CaseWorkflow
from bot.console import SlackSignIn, build_console
from bot.storage.db import Database
from bot.storage.models import Advisor, AuditEntry, StaffAccount
from tests.http_server import serving
from tests.slack.fake_api import FakeSlackApi


@pytest.fixture
async def slack() -> AsyncIterator[tuple[FakeSlackApi, str]]:
    api = FakeSlackApi()
    async with serving(api.app()) as url:
        yield api, url


@pytest.fixture
async def client(
    db: Database, workflow: CaseWorkflow, clock, slack
) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    _, url = slack
    config = SlackSignIn(
        client_id="123.456",
        client_secret="oidc-secret",
        redirect_uri="http://testserver/console/sign-in/slack/callback",
        api_url=url + "/api/",
        authorize_url="https://slack.example/openid/connect/authorize",
    )
    app = Starlette(
        routes=[Mount("/console", app=build_console(db, workflow, clock=clock, slack=config))]
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        yield c


async def _round_trip(
    client: httpx.AsyncClient,
    api: FakeSlackApi,
    *,
    state: str | None = None,
    nonce: str | None = None,
) -> httpx.Response:
    start = await client.get("/console/sign-in/slack")
    assert start.status_code == 303
    target = urlparse(start.headers["location"])
    query = parse_qs(target.query)
    assert target.netloc == "slack.example" and query["client_id"] == ["123.456"]
    assert query["scope"] == ["openid,email,profile"]
    assert query["redirect_uri"] == ["http://testserver/console/sign-in/slack/callback"]
    api.codes["the-code"] = nonce or query["nonce"][0]
    return await client.get(
        "/console/sign-in/slack/callback",
        params={"code": "the-code", "state": state or query["state"][0]},
    )


async def test_a_staff_member_signs_in_with_the_email_slack_verified(
    client, slack, db: Database, roster, staff
) -> None:  # type: ignore[no-untyped-def]
    api, _ = slack
    await staff.add("v@example.org", "advisor", "var-1")
    await staff.add("c@example.org", "coordinator")
    api.identity = {
        "https://slack.com/user_id": "UVAR1",
        "email": "V@example.org",
        "email_verified": True,
    }
    page = await client.get("/console/sign-in")
    assert "Logga in med Slack" in page.text
    done = await _round_trip(client, api)
    assert done.status_code == 303 and done.headers["location"] == "/console/desk"
    assert (await client.get("/console/desk")).status_code == 200
    api.identity = {
        "https://slack.com/user_id": "UC",
        "email": "c@example.org",
        "email_verified": True,
    }
    client.cookies.clear()
    again = await _round_trip(client, api)
    assert again.headers["location"] == "/console/queue"
    # An email Slack has not verified proves nothing.
    api.identity = {"https://slack.com/user_id": "UC", "email": "c@example.org"}
    client.cookies.clear()
    assert (await _round_trip(client, api)).status_code == 403


async def test_roster_data_a_coordinator_edits_never_grants_an_account(
    client, slack, db: Database, roster, staff
) -> None:  # type: ignore[no-untyped-def]
    """The attack: a coordinator gives a roster advisor the admin's email and their own
    Slack id, then signs in with Slack. They must not become the admin (nor anyone)."""
    api, _ = slack
    await staff.add("ada@example.org", "admin")
    async with db.transaction() as session:
        advisor = await session.scalar(select(Advisor).where(Advisor.key == "var-1"))
        assert advisor is not None
        advisor.email = "ada@example.org"
        advisor.slack_user_id = "UATTACKER"
        advisor.is_coordinator = True
    api.identity = {
        "https://slack.com/user_id": "UATTACKER",
        "email": "mallory@example.org",
        "email_verified": True,
    }
    refused = await _round_trip(client, api)
    assert refused.status_code == 403 and "ingen roll" in refused.text
    assert "spbot_staff" not in client.cookies
    assert (await client.get("/console/staff")).status_code in (303, 403)
    async with db.sessions() as session:
        kinds = (await session.scalars(select(AuditEntry.kind))).all()
        emails = (await session.scalars(select(StaffAccount.email))).all()
    assert "sign_in" not in kinds
    assert emails == ["ada@example.org"], "no account was made from the roster"


async def test_forged_state_wrong_nonce_and_strangers_are_refused(
    client, slack, db: Database, roster
) -> None:  # type: ignore[no-untyped-def]
    api, _ = slack
    api.identity = {
        "https://slack.com/user_id": "USTRANGER",
        "email": "who@example.org",
        "email_verified": True,
    }
    forged = await _round_trip(client, api, state="forged")
    assert forged.status_code == 403
    wrong_nonce = await _round_trip(client, api, nonce="another")
    assert wrong_nonce.status_code == 403
    stranger = await _round_trip(client, api)
    assert stranger.status_code == 403 and "ingen roll" in stranger.text
    no_cookie = await httpx.AsyncClient(
        transport=client._transport, base_url="http://testserver"
    ).get("/console/sign-in/slack/callback", params={"code": "x", "state": "y"})
    assert no_cookie.status_code == 403
    async with db.sessions() as session:
        reasons = (
            await session.scalars(
                select(AuditEntry.reason).where(AuditEntry.kind == "sign_in_refused")
            )
        ).all()
    assert reasons == ["slack:state", "slack:nonce", "slack:no_role", "slack:state"]
    assert "spbot_staff" not in client.cookies


async def test_without_slack_settings_there_is_no_slack_sign_in(browser) -> None:  # type: ignore[no-untyped-def]
    assert (await browser.get("/console/sign-in/slack")).status_code == 404
    assert "Logga in med Slack" not in (await browser.get("/console/sign-in")).text
