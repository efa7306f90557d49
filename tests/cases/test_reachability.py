"""No offer nobody can see: with the rule on, an advisor without a Slack id or a console
account is skipped; the coordinators are told who they are once for each change."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.cases.context import WorkflowSettings
from bot.cases.notifications import RecordingNotifier
from bot.cases.reachability import UnreachableNotice
from bot.cases.workflow import CaseWorkflow
from bot.console.accounts import StaffAccounts
from bot.domain import Actor, ActorKind
from bot.storage.db import Database
from bot.storage.models import Advisor, Offer
from tests.cases.conftest import FakeClock, open_case
from tests.roster import advisor, seed_advisors


async def test_an_unreachable_advisor_is_never_offered_a_case(
    db: Database, clock: FakeClock
) -> None:
    await seed_advisors(
        db,
        advisor("var-1", "varnamo", "food_beverage", "financing"),  # the best fit, unreachable
        advisor("var-2", "varnamo", "food_beverage", slack="U0VAR2"),
        advisor("gis-1", "gislaved", "food_beverage", "financing"),  # a console account
    )
    await StaffAccounts(db, clock=clock).add(
        "gis@example.org", "advisor", advisor_key="gis-1", actor=Actor(ActorKind.ADMIN, "t")
    )
    workflow = CaseWorkflow(
        db, RecordingNotifier(), clock=clock,
        settings=WorkflowSettings(offer_hours=16, max_offers=5, offer_only_reachable=True),
    )  # fmt: skip
    ref = await open_case(db, clock)
    await workflow.route(ref)
    offered: list[str] = []
    for _ in range(3):
        async with db.sessions() as session:
            pending = await session.scalar(select(Offer).where(Offer.status == "pending"))
            if pending is None:
                break
            key = await session.scalar(select(Advisor.key).where(Advisor.id == pending.advisor_id))
        offered.append(str(key))
        await workflow.decline(pending.id, pending.advisor_id, "no_capacity")
    assert "var-1" not in offered and set(offered) == {"var-2", "gis-1"}


async def test_coordinators_are_told_once_per_change(db: Database, clock: FakeClock) -> None:
    await seed_advisors(
        db,
        advisor("var-1", "varnamo", "food_beverage"),
        advisor("var-2", "varnamo", "food_beverage", slack="U0VAR2"),
    )
    posted: list[str] = []

    async def post(text: str) -> None:
        posted.append(text)

    workers = [UnreachableNotice(db, clock, post) for _ in "ab"]
    await asyncio.gather(*(w.run_if_changed() for w in workers))
    assert len(posted) == 1 and "Test var-1 (var-1)" in posted[0] and "var-2" not in posted[0]
    await workers[0].run_if_changed()
    assert len(posted) == 1, "the same list is not told again"
    async with db.transaction() as session:
        row = await session.scalar(select(Advisor).where(Advisor.key == "var-1"))
        assert row is not None
        row.slack_user_id = "U0VAR1"
    await workers[1].run_if_changed()
    assert len(posted) == 1, "nobody unreachable: nothing to tell"
