"""What each kind of staff may see and do: an advisor's desk and only their own cases, a
coordinator's region, an admin's audit, privacy and staff pages. Every refusal is logged."""

from __future__ import annotations

from sqlalchemy import select

from bot.cases.workflow import CaseWorkflow
from bot.storage.db import Database
from bot.storage.models import Advisor, AuditEntry, Offer
from tests.console.conftest import open_case

COORDINATOR_PAGES = [
    "/console/queue",
    "/console/cases",
    "/console/workload",
    "/console/rebalance",
    "/console/absences",
]
ADMIN_PAGES = ["/console/audit", "/console/privacy", "/console/staff"]


async def _refusals(db: Database) -> int:
    async with db.sessions() as session:
        return len(
            (
                await session.scalars(select(AuditEntry).where(AuditEntry.kind == "access_refused"))
            ).all()
        )


async def test_an_advisor_is_refused_the_region_and_admin_pages(browsers, people, db) -> None:  # type: ignore[no-untyped-def]
    vera = await browsers("vera@example.org")
    for path in COORDINATOR_PAGES + ADMIN_PAGES:
        response = await vera.get(path)
        assert response.status_code == 403, path
        assert "Försöket har loggats" in response.text
    assert await _refusals(db) == len(COORDINATOR_PAGES + ADMIN_PAGES)


async def test_a_coordinator_sees_the_region_but_not_the_admin_pages(browsers, people) -> None:  # type: ignore[no-untyped-def]
    cora = await browsers("cora@example.org")
    for path in COORDINATOR_PAGES:
        assert (await cora.get(path)).status_code == 200, path
    for path in ADMIN_PAGES:
        assert (await cora.get(path)).status_code == 403, path
    # Without a roster entry there is no desk.
    assert (await cora.get("/console/desk")).status_code == 403


async def test_an_admin_sees_everything_but_a_desk(browsers, people) -> None:  # type: ignore[no-untyped-def]
    ada = await browsers("ada@example.org")
    for path in COORDINATOR_PAGES + ADMIN_PAGES:
        assert (await ada.get(path)).status_code == 200, path


async def test_the_menu_shows_only_what_the_role_may_open(browsers, people) -> None:  # type: ignore[no-untyped-def]
    vera = await browsers("vera@example.org")
    desk = (await vera.get("/console/desk")).text
    assert 'href="/console/desk"' in desk and 'href="/console/queue"' not in desk
    cora = await browsers("cora@example.org")
    queue = (await cora.get("/console/queue")).text
    assert 'href="/console/workload"' in queue and 'href="/console/audit"' not in queue


async def test_an_advisor_accepts_an_offer_and_then_sees_the_contact(
    browsers, staff, roster, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    ref = await open_case(db, clock)
    await workflow.route(ref)
    async with db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
        key = (await session.get(Advisor, offer.advisor_id)).key  # type: ignore[union-attr]
    await staff.add("offered@example.org", "advisor", key)
    person = await browsers("offered@example.org")
    desk = (await person.get("/console/desk")).text
    assert ref in desk and "surdegsbageri" in desk
    assert "frida@example.se" not in desk and "Frida Founder" not in desk  # not before accept
    # Why this advisor, as on the Slack card, in Swedish.
    assert "Varför just du" in desk and "personens hemnod" in desk and "kompetens" in desk
    assert "<dt>Skede</dt>" in desk and "<dt>Språk</dt><dd>svenska</dd>" in desk, "as on Slack"
    done = await person.post(f"/console/offers/{offer.id}/accept")
    assert done.status_code == 303 and "ok=accepted" in done.headers["location"]
    after = (await person.get(done.headers["location"])).text
    assert "Du har tagit ärende" in after and "frida@example.se" in after
    # The same offer again: already taken, said plainly.
    again = await person.post(f"/console/offers/{offer.id}/accept")
    page = (await person.get(again.headers["location"])).text
    assert "För sent" in page


async def test_an_advisor_cannot_open_or_act_on_another_advisors_case(
    browsers, people, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    from bot.cases.actions import Actor
    from bot.domain import ActorKind

    ref = await open_case(db, clock)
    await workflow.reassign(ref, "var-1", Actor(ActorKind.COORDINATOR, "test"))
    gustav = await browsers("gustav@example.org")
    before = await _refusals(db)
    assert (await gustav.get(f"/console/cases/{ref}")).status_code == 403
    vera = await browsers("vera@example.org")
    token = await vera.csrf(f"/console/cases/{ref}")
    # Gustav's own token, Vera's case: refused by role, not by CSRF.
    own = await gustav.csrf("/console/desk")
    for action in ("in-contact", "close", "transcript", "sector"):
        response = await gustav.client.post(
            f"/console/cases/{ref}/{action}",
            data={"csrf": own, "outcome": "coached", "purpose": "case_work", "sector": "retail"},
        )
        assert response.status_code == 403, action
    assert await _refusals(db) == before + 5
    assert token  # Vera may open it
    assert (await vera.get(f"/console/cases/{ref}")).status_code == 200


async def test_unknown_ids_are_404_pages_not_tracebacks(browsers, people) -> None:  # type: ignore[no-untyped-def]
    ada = await browsers("ada@example.org")
    for path in (
        "/console/cases/JKP-2026-9999",
        "/console/cases/<script>",
        "/console/cases/" + "X" * 5000,
        "/console/privacy/founders/999999",
        "/console/privacy/founders/abc",
        "/console/nope",
    ):
        response = await ada.get(path)
        assert response.status_code == 404, path
        assert "Sidan finns inte" in response.text
    for path in (
        "/console/offers/999999/accept",
        "/console/offers/abc/accept",
        "/console/absences/99999/cancel",
        "/console/rebalance/abc/approve",
    ):
        response = await ada.post(path, token_from="/console/queue")
        assert response.status_code in (303, 403, 404), path


async def test_a_post_without_a_valid_csrf_token_changes_nothing(
    browsers, people, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    ref = await open_case(db, clock)
    cora = await browsers("cora@example.org")
    for token in (None, "", "forged", "x" * 5000):
        data = {"advisor": "var-1"} | ({"csrf": token} if token is not None else {})
        response = await cora.client.post(f"/console/cases/{ref}/assign", data=data)
        assert response.status_code == 403
        assert "Formuläret har gått ut" in response.text
    detail = await workflow.lead(ref, with_contact=False)
    assert detail.ref == ref
    from bot.storage.case_queries import get_case

    assert (await get_case(db, ref)).summary.advisor is None


async def test_bad_bodies_get_a_clear_400(browsers, people) -> None:  # type: ignore[no-untyped-def]
    cora = await browsers("cora@example.org")
    response = await cora.client.post(
        "/console/absences", content=b'{"json": true}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    response = await cora.client.post(
        "/console/absences",
        content=b"a" * 3_000_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400


async def test_the_advisor_with_the_case_puts_it_in_the_right_sector(
    browsers, people, db: Database, workflow: CaseWorkflow, clock
) -> None:  # type: ignore[no-untyped-def]
    from bot.cases.actions import Actor
    from bot.domain import ActorKind
    from bot.storage.models import Case, CaseEvent

    ref = await open_case(db, clock)
    await workflow.reassign(ref, "var-1", Actor(ActorKind.COORDINATOR, "test"))
    vera = await browsers("vera@example.org")
    page = (await vera.get(f"/console/cases/{ref}")).text
    assert "Fel bransch?" in page
    nothing = await vera.post(f"/console/cases/{ref}/sector", {"sector": ""})
    assert "err=sector_missing" in nothing.headers["location"]
    bogus = await vera.post(f"/console/cases/{ref}/sector", {"sector": "astrology"})
    assert "Den branschen finns inte" in (await vera.get(bogus.headers["location"])).text
    done = await vera.post(f"/console/cases/{ref}/sector", {"sector": "retail_ecommerce"})
    assert "ok=sector_corrected" in done.headers["location"]
    async with db.sessions() as session:
        case = (await session.scalars(select(Case).where(Case.ref == ref))).one()
        events = (
            await session.scalars(select(CaseEvent).where(CaseEvent.kind == "sector_corrected"))
        ).all()
    assert [s["id"] for s in case.answers["sectors"]] == ["retail_ecommerce"]
    assert case.answers["sector_correction"]["to"] == "retail_ecommerce"
    assert len(events) == 1 and events[0].actor_id == "var-1"
    page = (await vera.get(f"/console/cases/{ref}")).text
    assert "Bransch ändrad" in page and "(ändrad av personal)" in page
