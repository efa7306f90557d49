"""Absence hands over: an absence that covers today moves the advisor's open offers on,
gives their active cases to a named delegate, and sends their reminders to the coordinators;
absences are listed and cancelled, and all of it is in the audit log."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.cases.actions import Actor
from bot.cases.notifications import Audience, NotificationKind, RecordingNotifier
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.storage.absences import list_absences
from bot.storage.db import Database
from bot.storage.models import Advisor, AuditEntry, Case, Offer
from tests.cases.conftest import FakeClock, open_case

COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")
TODAY = date(2026, 11, 30)
pytestmark = pytest.mark.usefixtures("roster")


async def _holder(db: Database, ref: str) -> str | None:
    async with db.sessions() as session:
        return await session.scalar(
            select(Advisor.key).join(Case, Case.advisor_id == Advisor.id).where(Case.ref == ref)
        )


async def _pending_to(db: Database, ref: str) -> str:
    async with db.sessions() as session:
        key = await session.scalar(
            select(Advisor.key)
            .join(Offer, Offer.advisor_id == Advisor.id)
            .join(Case, Case.id == Offer.case_id)
            .where(Case.ref == ref, Offer.status == "pending")
        )
    assert key is not None
    return key


async def test_going_away_today_moves_open_offers_on(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    ref = await open_case(db, clock)
    await workflow.route(ref)
    assert await _pending_to(db, ref) == "var-1"
    handover = await workflow.set_absence("var-1", TODAY, date(2026, 12, 4), COORDINATOR, "sick")
    assert handover.offers_moved == (ref,)
    assert await _pending_to(db, ref) == "var-2", "the next advisor is asked"
    closed = [n for n in notifier.sent if n.kind is NotificationKind.OFFER_CLOSED]
    assert closed and closed[-1].data["status"] == "away"


async def test_a_future_absence_moves_nothing_yet(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await open_case(db, clock)
    await workflow.route(ref)
    handover = await workflow.set_absence(
        "var-1", date(2026, 12, 21), date(2027, 1, 6), COORDINATOR
    )
    assert handover.offers_moved == () and await _pending_to(db, ref) == "var-1"


async def test_a_delegate_takes_the_active_cases(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await open_case(db, clock)
    await workflow.reassign(ref, "var-1", COORDINATOR)
    handover = await workflow.set_absence("var-1", TODAY, TODAY, COORDINATOR, delegate="gis-1")
    assert [c.ref for c in handover.cases_delegated] == [ref]
    assert await _holder(db, ref) == "gis-1"


async def test_reminders_go_to_the_coordinators_while_away(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    ref = await open_case(db, clock)
    await workflow.reassign(ref, "var-1", COORDINATOR)
    await workflow.set_absence("var-1", TODAY, date(2026, 12, 11), COORDINATOR)
    sent = len(notifier.sent)
    clock.advance(days=3)  # past the 16 working hours of the contact watch
    await workflow.fire_due_timers()
    overdue = [n for n in notifier.sent[sent:] if n.kind is NotificationKind.CONTACT_OVERDUE]
    assert [n.audience for n in overdue] == [Audience.COORDINATORS]
    assert "away" in overdue[0].data["reason"]


async def test_absences_are_listed_cancelled_and_audited(
    db: Database, workflow: CaseWorkflow
) -> None:
    first = await workflow.set_absence("var-2", date(2026, 12, 21), date(2027, 1, 6), COORDINATOR)
    listed = await list_absences(db, "var-2")
    assert [a.id for a in listed] == [first.absence_id]
    await workflow.cancel_absence(first.absence_id, COORDINATOR)
    assert await list_absences(db, "var-2") == []
    async with db.sessions() as session:
        audit = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    assert [(a.kind, a.subject) for a in audit] == [
        ("roster_imported", None),  # the fixture's roster
        ("absence_set", "var-2"),
        ("absence_cancelled", "var-2"),
    ]
