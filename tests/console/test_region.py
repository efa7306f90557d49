"""The coordinator's region through the console: the queue with Assign and Match again,
filters, workload, rebalancing checked again on approval, absences; an advisor's decline,
first contact and close; staff management."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.cases.actions import Actor
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.storage.case_queries import get_case
from bot.storage.db import Database
from bot.storage.models import Case, Offer
from tests.console.conftest import open_case

COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")


async def test_the_queue_shows_waiting_cases_and_a_coordinator_assigns_one(
    browsers, people, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    unrouted = await open_case(db, clock, user="u1")
    escalated = await open_case(db, clock, user="u2")
    await workflow.escalate(escalated, COORDINATOR, "nobody fits")
    # The workflow's own reasons are read in the coordinator's language; a note as written.
    unanswered = await open_case(db, clock, user="u3")
    await workflow.escalate(unanswered, COORDINATOR, "3 offers without an accept")
    clock.advance(minutes=10)
    cora = await browsers("cora@example.org")
    page = (await cora.get("/console/queue")).text
    assert unrouted in page and escalated in page
    assert "nobody fits" in page and "Inte erbjudet någon än" in page
    assert "3 erbjudanden utan att någon tog ärendet" in page and "without an accept" not in page
    done = await cora.post(
        f"/console/cases/{escalated}/assign",
        {"advisor": "gis-1", "back": "/console/queue"},
        token_from="/console/queue",
    )
    assert done.headers["location"].startswith("/console/queue?ok=assigned")
    assert (await get_case(db, escalated)).summary.advisor_key == "gis-1"
    again = await cora.post(
        f"/console/cases/{unrouted}/match-again",
        {"back": "/console/queue"},
        token_from="/console/queue",
    )
    assert "ok=matched_again" in again.headers["location"]
    after = (await cora.get("/console/queue")).text
    assert escalated not in after
    unknown = await cora.post(
        f"/console/cases/{unrouted}/assign", {"advisor": "no-such"}, token_from="/console/queue"
    )
    assert "err=not_found" in unknown.headers["location"]


async def test_cases_filter_and_page(browsers, people, db: Database, clock) -> None:  # type: ignore[no-untyped-def]
    for i in range(55):
        await open_case(db, clock, user=f"p{i}")
    await open_case(db, clock, user="gis", municipality=("0662", "Gislaved"))
    cora = await browsers("cora@example.org")
    first = (await cora.get("/console/cases")).text
    assert "56 ärenden" in first and "Sida 1 av 2" in first
    second = (await cora.get("/console/cases?page=2")).text
    assert len(re.findall(r'href="/console/cases/JKP-', second)) == 6
    gislaved = (await cora.get("/console/cases?municipality=0662")).text
    assert "1 ärenden" in gislaved
    for bad in ("?page=-1", "?page=abc", "?older_than=x", "?status=<b>", "?page=99999999999"):
        assert (await cora.get("/console/cases" + bad)).status_code == 200, bad


async def test_workload_has_a_chart_and_a_table(browsers, people, db, workflow, clock) -> None:  # type: ignore[no-untyped-def]
    ref = await open_case(db, clock)
    await workflow.reassign(ref, "var-1", COORDINATOR)
    cora = await browsers("cora@example.org")
    page = (await cora.get("/console/workload")).text
    assert "<svg" in page and 'role="img"' in page
    assert re.search(r"1/3", page)


async def test_a_stale_rebalancing_is_refused_and_the_fresh_one_applies(
    browsers, people, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    refs = [await open_case(db, clock, user=f"r{i}") for i in range(5)]
    for ref in refs:
        await workflow.reassign(ref, "var-1", COORDINATOR)
    cora = await browsers("cora@example.org")
    shown = (await cora.get("/console/rebalance")).text
    proposal = re.search(r"action=\"/console/rebalance/(\d+)/approve", shown)
    assert proposal and "Godkänn 2 flyttar" in shown
    # Why, in words: the load and the fit as a share (not "0.50 → 0.80" unexplained).
    assert "har 5 ärenden och plats för 3" in shown and re.search(r"\d+ % → \d+ %", shown)
    assert "has room" not in shown
    await workflow.reassign(refs[0], "tra-1", COORDINATOR)  # the state moves on
    stale = await cora.post(f"/console/rebalance/{proposal.group(1)}/approve")
    assert stale.status_code == 409 and "inget flyttades" in stale.text
    fresh = re.search(r"action=\"/console/rebalance/(\d+)/approve", stale.text)
    assert fresh and fresh.group(1) != proposal.group(1)
    assert "Godkänn flytten" in stale.text
    applied = await cora.post(f"/console/rebalance/{fresh.group(1)}/approve")
    assert applied.status_code == 200 and "1 av 1 flyttar gjordes" in applied.text
    used = await cora.post(f"/console/rebalance/{fresh.group(1)}/approve")
    assert "err=proposal_used" in used.headers["location"]
    async with db.sessions() as session:
        held = await session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.status == "accepted", Case.advisor_id == 1)
        )
    assert held is not None and held <= 3


async def test_an_advisor_declines_with_a_reason_then_holds_and_closes_a_case(
    browsers, staff, roster, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    from bot.storage.models import Advisor

    ref = await open_case(db, clock)
    await workflow.route(ref)
    async with db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
        key = (await session.get(Advisor, offer.advisor_id)).key  # type: ignore[union-attr]
    await staff.add("first@example.org", "advisor", key)
    first = await browsers("first@example.org")
    no_reason = await first.post(f"/console/offers/{offer.id}/decline", {"reason": ""})
    assert "err=reason_missing" in no_reason.headers["location"]
    declined = await first.post(
        f"/console/offers/{offer.id}/decline", {"reason": "no_capacity", "note": "full vecka"}
    )
    assert "ok=declined" in declined.headers["location"]
    async with db.sessions() as session:
        answered = await session.get(Offer, offer.id)
        assert answered is not None and answered.decline_reason == "no_capacity"
        nxt = (await session.scalars(select(Offer).where(Offer.status == "pending"))).one()
        next_key = (await session.get(Advisor, nxt.advisor_id)).key  # type: ignore[union-attr]
    await staff.add("second@example.org", "advisor", next_key)
    second = await browsers("second@example.org")
    await second.post(f"/console/offers/{nxt.id}/accept")
    contact = await second.post(f"/console/cases/{ref}/in-contact", {"back": "/console/desk"})
    assert "ok=in_contact" in contact.headers["location"]
    bad = await second.post(f"/console/cases/{ref}/close", {"outcome": "won_lottery"})
    assert "err=outcome_missing" in bad.headers["location"]
    closed = await second.post(f"/console/cases/{ref}/close", {"outcome": "company_started"})
    assert "ok=closed" in closed.headers["location"]
    detail = await get_case(db, ref)
    assert (detail.summary.status, detail.summary.outcome) == ("closed", "company_started")


async def test_absences_for_oneself_and_for_anyone(browsers, people, db, workflow) -> None:  # type: ignore[no-untyped-def]
    from bot.storage.absences import list_absences

    vera = await browsers("vera@example.org")
    today = workflow.today()
    bad = await vera.post("/console/desk/absences", {"starts": "2026-12-10", "ends": "2026-12-01"})
    assert "err=absence_invalid" in bad.headers["location"]
    garbage = await vera.post("/console/desk/absences", {"starts": "tomorrow", "ends": "💥"})
    assert "err=dates_missing" in garbage.headers["location"]
    ok = await vera.post(
        "/console/desk/absences", {"starts": today.isoformat(), "ends": "2026-12-24", "note": "jul"}
    )
    assert "ok=absence_set" in ok.headers["location"]
    mine = await list_absences(db, "var-1")
    assert len(mine) == 1
    cora = await browsers("cora@example.org")
    page = (await cora.get("/console/absences")).text
    assert "var-1" in page
    add = await cora.post(
        "/console/absences", {"advisor": "gis-1", "starts": "2026-12-28", "ends": "2026-12-30"}
    )
    assert "ok=absence_set" in add.headers["location"]
    # Gustav may not cancel Vera's absence; Vera may.
    gustav = await browsers("gustav@example.org")
    refused = await gustav.post(f"/console/absences/{mine[0].id}/cancel")
    assert refused.status_code == 403
    cancelled = await vera.post(f"/console/absences/{mine[0].id}/cancel", {"back": "/console/desk"})
    assert "ok=absence_cancelled" in cancelled.headers["location"]
    assert await list_absences(db, "var-1") == []


async def test_an_admin_adds_a_person_who_sets_a_password_and_signs_in(
    browsers, people, db
) -> None:  # type: ignore[no-untyped-def]
    ada = await browsers("ada@example.org")
    page = await ada.post(
        "/console/staff", {"email": "Nils@Example.org", "role": "advisor", "advisor": "tra-1"}
    )
    assert page.status_code == 200
    link = re.search(r"http://testserver/console/password/[\w-]+", page.text)
    assert link, page.text
    duplicate = await ada.post("/console/staff", {"email": "nils@example.org", "role": "admin"})
    assert "err=staff_exists" in duplicate.headers["location"]
    no_key = await ada.post("/console/staff", {"email": "x@example.org", "role": "advisor"})
    assert "err=staff_invalid" in no_key.headers["location"]
    nils = await browsers()
    path = link.group(0).removeprefix("http://testserver")
    token = await nils.csrf(path)
    await nils.client.post(path, data={"csrf": token, "password": "x" * 14, "again": "x" * 14})
    assert (await nils.sign_in("nils@example.org", "x" * 14)).status_code == 303
    self_remove = await ada.post("/console/staff/remove", {"email": "ada@example.org"})
    assert "err=not_yourself" in self_remove.headers["location"]
    removed = await ada.post("/console/staff/remove", {"email": "nils@example.org"})
    assert "ok=staff_removed" in removed.headers["location"]
    assert (await nils.get("/console/desk")).status_code == 303  # signed out at once
