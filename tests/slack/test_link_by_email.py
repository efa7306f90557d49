"""Advisors linked to Slack from their roster email, against the local fake Web API: found,
not found, an email two advisors share, a member already someone else's, rate limited."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain import Actor, ActorKind
from bot.handlers.slack.app import web_client
from bot.handlers.slack.linking import find_members
from bot.storage.advisors import link_slack_ids, slack_candidates
from bot.storage.db import Database
from bot.storage.models import Advisor, AuditEntry
from tests.http_server import serving
from tests.roster import advisor, seed_advisors
from tests.slack.fake_api import FakeSlackApi


async def test_a_roster_with_emails_only_is_linked_with_one_command(db: Database) -> None:
    await seed_advisors(
        db,
        advisor("var-1", "varnamo", "food_beverage"),
        advisor("var-2", "varnamo", "food_beverage"),
        advisor("gis-1", "gislaved", "food_beverage"),
        advisor("tra-1", "tranas", "food_beverage"),
        advisor("eks-1", "eksjo", "food_beverage", slack="U0EKS"),
    )
    async with db.transaction() as session:  # two advisors share an address
        tra = await session.scalar(select(Advisor).where(Advisor.key == "tra-1"))
        assert tra is not None
        tra.email = "GIS-1@demo.example.org"
    api = FakeSlackApi(
        members={
            "var-1@demo.example.org": "U0VAR1",
            "var-2@demo.example.org": "U0EKS",  # already eks-1's
            "gis-1@demo.example.org": "U0GIS",
        },
        rate_limited=1,  # the first lookup is answered 429 with Retry-After: 0
    )
    async with serving(api.app()) as url:
        client = web_client("xoxb-test", url + "/api/")
        missing, taken = await slack_candidates(db)
        assert [k for k, _ in missing] == ["gis-1", "tra-1", "var-1", "var-2"]
        result = await find_members(client, missing, taken)
    assert result.linked == {"var-1": "U0VAR1"}, result
    assert sorted(result.ambiguous) == [
        "gis-1: gis-1@demo.example.org is on the roster more than once",
        "tra-1: gis-1@demo.example.org is on the roster more than once",
        "var-2: U0EKS is already eks-1's",
    ]
    assert result.not_found == [] and result.failed == []
    lookups = api.of("users.lookupByEmail")
    assert len(lookups) == 3, "the rate-limited call was retried once; shared emails not asked"
    assert await link_slack_ids(db, result.linked, Actor(ActorKind.COORDINATOR, "cli:test")) == 1
    async with db.sessions() as session:
        ids = dict((await session.execute(select(Advisor.key, Advisor.slack_user_id))).all())
        audit = (await session.scalars(select(AuditEntry.kind))).all()
    assert ids["var-1"] == "U0VAR1" and ids["var-2"] is None
    assert "roster_slack_linked" in audit


async def test_someone_not_in_slack_is_reported_not_found(db: Database) -> None:
    await seed_advisors(db, advisor("nas-1", "nassjo", "food_beverage"))
    api = FakeSlackApi()
    async with serving(api.app()) as url:
        missing, taken = await slack_candidates(db)
        result = await find_members(web_client("xoxb-test", url + "/api/"), missing, taken)
    assert result.not_found == ["nas-1"] and result.linked == {}
