"""Node managers (nodansvariga): a coordinator for their own nodes only. Every list starts
from the scoped statement, every action is checked by the policy and again by the workflow;
and a permission matrix: every role against every console page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.cases.actions import NotAllowed
from bot.cases.workflow import CaseWorkflow
from bot.domain import Actor, ActorKind
from bot.storage.db import Database
from bot.storage.models import Case
from tests.cases.conftest import FakeClock, open_case
from tests.console.conftest import Staff

VARNAMO = ("0683", "Värnamo")
JONKOPING = ("0680", "Jönköping")


@pytest.fixture
async def nina(staff: Staff, people: None) -> str:
    """Nina manages the Värnamo node."""
    await staff.accounts.add(
        "nina@example.org", "node_manager", nodes=["varnamo"], actor=Actor(ActorKind.ADMIN, "test")
    )
    await staff.accounts.set_password_of(
        "nina@example.org", "a long enough passphrase", Actor(ActorKind.ADMIN, "test")
    )
    return "nina@example.org"


async def _cases(db: Database, clock: FakeClock) -> tuple[str, str]:
    here = await open_case(db, clock, "f-var", VARNAMO)
    there = await open_case(db, clock, "f-jkp", JONKOPING)
    clock.advance(minutes=10)  # nobody offered them: both wait in the queue
    return here, there


async def _holder(db: Database, ref: str) -> int | None:
    async with db.sessions() as session:
        return await session.scalar(select(Case.advisor_id).where(Case.ref == ref))


async def test_a_node_manager_sees_only_their_nodes_cases(
    browsers, nina: str, db: Database, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    here, there = await _cases(db, clock)
    me, cora = await browsers(nina), await browsers("cora@example.org")
    for page in ("/console/queue", "/console/cases", "/console/cases?status=new"):
        text = (await me.get(page)).text
        assert here in text and there not in text, page
        everything = (await cora.get(page)).text
        assert here in everything and there in everything, "a coordinator sees the region"
    # A filter naming another node shows nothing of it either.
    assert there not in (await me.get("/console/cases?node=jonkoping")).text
    assert (await me.get(f"/console/cases/{here}")).status_code == 200
    assert (await me.get(f"/console/cases/{there}")).status_code == 403
    workload = (await me.get("/console/workload")).text
    assert "var-1" in workload or "Värnamo" in workload
    assert "Tranås" not in workload and "Gislaved" not in workload


async def test_a_node_manager_cannot_act_on_another_nodes_case_or_advisor(
    browsers, nina: str, db: Database, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    here, there = await _cases(db, clock)
    me = await browsers(nina)
    refused = await me.post(
        f"/console/cases/{there}/assign", {"advisor": "coord"}, token_from=f"/console/cases/{here}"
    )
    assert refused.status_code == 403 and await _holder(db, there) is None
    again = await me.post(
        f"/console/cases/{there}/match-again", token_from=f"/console/cases/{here}"
    )
    assert again.status_code == 403
    # Their own case, but to an advisor of another node: refused, nothing changes.
    away = await me.post(f"/console/cases/{here}/assign", {"advisor": "gis-1"})
    assert away.status_code == 303 and "err=" in away.headers["location"]
    assert await _holder(db, here) is None
    ok = await me.post(f"/console/cases/{here}/assign", {"advisor": "var-2"})
    assert ok.status_code == 303 and "ok=assigned" in ok.headers["location"]
    assert await _holder(db, here) is not None
    # Another node's advisor's absence: refused.
    absent = await me.post(
        "/console/absences",
        {"advisor": "tra-1", "starts": "2026-12-01", "ends": "2026-12-03"},
        token_from="/console/absences",
    )
    assert "err=" in absent.headers["location"]


async def test_the_workflow_refuses_a_node_manager_outside_their_nodes_whatever_the_channel(
    workflow: CaseWorkflow, db: Database, clock: FakeClock, roster: None
) -> None:
    here, there = await _cases(db, clock)
    nina = Actor(ActorKind.NODE_MANAGER, "nina@example.org", frozenset({"varnamo"}))
    with pytest.raises(NotAllowed):
        await workflow.reassign(there, "coord", nina)
    with pytest.raises(NotAllowed):
        await workflow.reassign(here, "tra-1", nina)
    with pytest.raises(NotAllowed):
        await workflow.match_again(there, nina)
    assert await _holder(db, there) is None and await _holder(db, here) is None
    await workflow.reassign(here, "var-1", nina)
    assert await _holder(db, here) is not None


async def test_staff_add_checks_a_node_managers_nodes(staff: Staff, roster: None) -> None:
    from bot.storage.staff import StaffInvalid

    with pytest.raises(StaffInvalid):
        await staff.accounts.add("x@example.org", "node_manager", actor=Actor(ActorKind.ADMIN, "t"))
    with pytest.raises(StaffInvalid):
        await staff.accounts.add(
            "y@example.org", "node_manager", nodes=["atlantis"], actor=Actor(ActorKind.ADMIN, "t")
        )
    with pytest.raises(StaffInvalid):
        await staff.accounts.add(
            "z@example.org", "coordinator", nodes=["varnamo"], actor=Actor(ActorKind.ADMIN, "t")
        )
    account, _ = await staff.accounts.add(
        "w@example.org",
        "node_manager",
        nodes=["Varnamo ", "tranas"],
        actor=Actor(ActorKind.ADMIN, "t"),
    )
    assert account.nodes == frozenset({"varnamo", "tranas"}) and account.scope == account.nodes


async def test_a_node_manager_keeps_their_nodes_events_only(
    browsers, nina: str, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    from tests.console.test_events_pages import _form

    cora, me = await browsers("cora@example.org"), await browsers(nina)
    theirs = await cora.post(
        "/console/events", _form(clock, node="tranas", title_sv="Afterwork i Tranås"),
        token_from="/console/events",
    )  # fmt: skip
    tranas = theirs.headers["location"].split("?")[0]
    mine = await me.post("/console/events", _form(clock), token_from="/console/events")
    assert mine.status_code == 303, "an event at their own node"
    listed = (await me.get("/console/events")).text
    assert "Starta eget-kväll" in listed and "Afterwork i Tranås" not in listed
    assert (await me.get(tranas)).status_code == 403, "another node's sign-ups are not theirs"
    elsewhere = await me.post(
        "/console/events", _form(clock, node="tranas"), token_from="/console/events"
    )
    assert elsewhere.status_code == 403
    region = await me.post("/console/events", _form(clock, node=""), token_from="/console/events")
    assert region.status_code == 403, "the region's own events are the coordinators'"
    cancel = await me.post(tranas + "/cancel", {"confirm": "yes"}, token_from="/console/events")
    assert cancel.status_code == 403
    assert "Afterwork i Tranås" in (await cora.get("/console/events")).text


# Every role against every console page (GET): 200 where the role may, 403 where not; a
# page not listed for a role is refused. Signed-out people are sent to sign in (303).
PAGES = {
    "/console/desk": {"advisor"},
    "/console/queue": {"node_manager", "coordinator", "admin"},
    "/console/cases": {"node_manager", "coordinator", "admin"},
    "/console/workload": {"node_manager", "coordinator", "admin"},
    "/console/absences": {"node_manager", "coordinator", "admin"},
    "/console/rebalance": {"node_manager", "coordinator", "admin"},
    "/console/roster": {"coordinator", "admin"},
    "/console/roster.csv": {"coordinator", "admin"},
    "/console/events": {"node_manager", "coordinator", "admin"},
    "/console/results": {"advisor", "node_manager", "coordinator", "admin"},
    "/console/results/funder.xlsx": {"coordinator", "admin"},
    "/console/companies": {"coordinator", "admin"},
    "/console/partners": {"admin"},
    "/console/audit": {"admin"},
    "/console/privacy": {"admin"},
    "/console/staff": {"admin"},
}
PEOPLE = {
    "advisor": "vera@example.org",
    "node_manager": "nina@example.org",
    "coordinator": "cora@example.org",
    "admin": "ada@example.org",
}


async def test_the_permission_matrix(browsers, nina: str) -> None:  # type: ignore[no-untyped-def]
    signed_out = await browsers()
    for role, email in PEOPLE.items():
        person = await browsers(email)
        for page, roles in PAGES.items():
            status = (await person.get(page)).status_code
            expected = 200 if role in roles else 403
            assert status == expected, f"{role} on {page}: {status}, expected {expected}"
    for page in PAGES:
        assert (await signed_out.get(page)).status_code == 303, page


async def test_a_node_manager_sees_answer_rates_of_their_nodes_advisors_only(
    browsers, nina: str, db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    ref = await open_case(db, clock, "f-var", VARNAMO)
    await workflow.route(ref)
    me = await browsers(nina)

    def advisor_rows(text: str) -> list[dict[str, str]]:
        rows = csv.DictReader(io.StringIO(text))
        return [r for r in rows if r["section"] == "offers" and r["scope"] == "advisor"]

    region = (await me.get("/console/results.csv")).text
    assert "ideas_met" in region and advisor_rows(region) == [], "not the region's advisors"
    mine = advisor_rows((await me.get("/console/results.csv?node=varnamo")).text)
    assert mine and {r["id"] for r in mine} <= {"var-1", "var-2"}, "their own node's advisors"
    assert advisor_rows((await me.get("/console/results.csv?node=tranas")).text) == []


async def test_a_node_managers_rebalancing_stays_among_their_advisors(
    browsers, nina: str, db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    coordinator = Actor(ActorKind.COORDINATOR, "cora")
    for n in range(4):  # var-1 (capacity 3) gets four cases: one too many
        ref = await open_case(db, clock, f"f-{n}", VARNAMO)
        await workflow.reassign(ref, "var-1", coordinator)
    plan = await workflow.propose_rebalance(frozenset({"varnamo"}))
    assert plan.moves, "var-1 is over capacity"
    assert {m.to_key for m in plan.moves} <= {"var-1", "var-2"}
    assert {a.key for a in plan.load} <= {"var-1", "var-2"}
    me = await browsers(nina)
    page = await me.get("/console/rebalance")
    assert page.status_code == 200 and "gis-1" not in page.text and "tra-1" not in page.text


# Every role against the console's actions (POST with the person's own form token): 403
# where the role may not; anything else (done, or refused for its content) where it may.
ACTIONS = {
    "/console/rebalance/999/approve": {"node_manager", "coordinator", "admin"},
    "/console/absences": {"node_manager", "coordinator", "admin"},
    "/console/events": {"node_manager", "coordinator", "admin"},
    "/console/roster/advisors": {"coordinator", "admin"},
    "/console/roster/import": {"coordinator", "admin"},
    "/console/staff": {"admin"},
    "/console/staff/role": {"admin"},
    "/console/privacy/founders/999/erase": {"admin"},
}


async def test_the_permission_matrix_of_actions(browsers, nina: str) -> None:  # type: ignore[no-untyped-def]
    for role, email in PEOPLE.items():
        person = await browsers(email)
        token = await person.csrf("/console/results")
        for path, roles in ACTIONS.items():
            status = (await person.client.post(path, data={"csrf": token})).status_code
            if role in roles:
                assert status != 403, f"{role} may {path}"
            else:
                assert status == 403, f"{role} on {path}: {status}"
