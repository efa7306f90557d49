"""Lifecycle stories of a case with a fake clock: offer, decline, expiry, re-offer,
escalation, accept, reassignment, contact and closing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from bot.cases.actions import Actor, NotAllowed
from bot.cases.notifications import Audience, NotificationKind, RecordingNotifier
from bot.cases.states import AlreadyTaken, InvalidTransition
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind, NotFoundError, SpbotError
from bot.storage.absences import add_absence
from bot.storage.db import Database
from bot.storage.models import Advisor, Case, CaseEvent, Offer, Timer
from tests.cases.conftest import FakeClock, open_case

COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")
pytestmark = pytest.mark.usefixtures("roster")


async def _case(db: Database, ref: str) -> Case:
    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None
        return case


async def _open_offer(db: Database, ref: str) -> tuple[Offer, str]:
    async with db.sessions() as session:
        row = (
            await session.execute(
                select(Offer, Advisor.key)
                .join(Advisor, Advisor.id == Offer.advisor_id)
                .join(Case, Case.id == Offer.case_id)
                .where(Case.ref == ref, Offer.status == "pending")
            )
        ).one()
        return row[0], row[1]


async def _events(db: Database, ref: str) -> list[str]:
    async with db.sessions() as session:
        return list(
            (
                await session.scalars(
                    select(CaseEvent.kind)
                    .join(Case, Case.id == CaseEvent.case_id)
                    .where(Case.ref == ref)
                    .order_by(CaseEvent.id)
                )
            ).all()
        )


async def test_the_whole_story(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    ref = await open_case(db, clock)
    await workflow.route(ref)

    # 1. The best fit at the home node gets the first offer, expiring in working hours.
    offer, key = await _open_offer(db, ref)
    assert key == "var-1"
    assert offer.expires_at == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tue 16:00 local
    lead = notifier.sent[-1]
    assert (lead.kind, lead.audience, lead.recipient_id) == (
        NotificationKind.OFFER,
        Audience.ADVISOR,
        offer.advisor_id,
    )
    assert lead.lead is not None and lead.lead.contact is None, "no contact details yet"
    assert "email" not in lead.data and "name" not in lead.data
    assert (lead.lead.idea or "").startswith("Ett surdegsbageri")

    # 2. Declined with a reason: the next advisor at home is asked.
    await workflow.decline(offer.id, offer.advisor_id, "no_capacity", "full until January")
    _offer2, key2 = await _open_offer(db, ref)
    assert key2 == "var-2"

    # 3. A reminder four working hours before expiry, then the offer expires: next node.
    clock.set(datetime(2026, 12, 1, 11, 0, tzinfo=UTC))  # Tue 12:00: reminder due
    assert await workflow.fire_due_timers() == 1
    assert notifier.sent[-1].kind is NotificationKind.OFFER_REMINDER
    clock.set(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))  # Tue 16:00: expiry due
    assert await workflow.fire_due_timers() == 1
    _offer3, key3 = await _open_offer(db, ref)
    assert key3 == "gis-1", "nearest other node with a fitting advisor"
    assert await workflow.fire_due_timers() == 0, "each timer fires once"

    # 4. The third offer expires too: the coordinators are asked.
    clock.advance(days=7)
    await workflow.fire_due_timers()
    case = await _case(db, ref)
    assert case.status == "escalated"
    assert notifier.sent[-1].kind is NotificationKind.ESCALATED
    assert notifier.sent[-1].audience is Audience.COORDINATORS

    # 5. "Match again" asks someone new (never an advisor already asked).
    await workflow.match_again(ref, COORDINATOR)
    offer4, key4 = await _open_offer(db, ref)
    assert key4 == "tra-1"

    # 6. Accepted: the advisor gets the contact details, the founder learns who and where.
    await workflow.accept(offer4.id, offer4.advisor_id)
    case = await _case(db, ref)
    assert (case.status, case.advisor_id) == ("accepted", offer4.advisor_id)
    accepted = [n for n in notifier.sent if n.kind is NotificationKind.LEAD_ACCEPTED]
    contact = accepted[0].lead.contact if accepted[0].lead else None
    assert contact is not None and contact.email == "frida@example.se"
    found = next(n for n in notifier.sent if n.kind is NotificationKind.ADVISOR_FOUND)
    assert found.data["node"] == "Science Park Tranås" and found.recipient_id == case.founder_id

    # 7. In contact, then closed with an outcome.
    await workflow.mark_in_contact(ref, Actor(ActorKind.ADVISOR, "tra-1"))
    await workflow.close(ref, "company_started", Actor(ActorKind.ADVISOR, "tra-1"))
    case = await _case(db, ref)
    assert (case.status, case.outcome) == ("closed", "company_started")

    assert await _events(db, ref) == [
        "opened",
        "offered",
        "declined",
        "offered",
        "reminded",  # four working hours before the second offer expired
        "expired",
        "offered",
        "reminded",
        "expired",
        "escalated",
        "match_again",
        "offered",
        "accepted",
        "in_contact",
        "closed",
        "survey_sent",  # no meeting was held: the founder is asked at close
    ]


async def test_invalid_transitions_and_unknown_values_change_nothing(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await open_case(db, clock)
    await workflow.route(ref)
    before = await _events(db, ref)
    with pytest.raises(
        InvalidTransition, match=f"case {ref} is offered; it cannot become in_contact"
    ):
        await workflow.mark_in_contact(ref, COORDINATOR)
    with pytest.raises(NotFoundError, match="no case with reference 'JKP-1999-0001'"):
        await workflow.close("JKP-1999-0001", "coached", COORDINATOR)
    with pytest.raises(NotFoundError, match="no active advisor 'nobody'"):
        await workflow.reassign(ref, "nobody", COORDINATOR)
    with pytest.raises(SpbotError, match="unknown outcome 'rich'"):
        await workflow.close(ref, "rich", COORDINATOR)
    with pytest.raises(NotFoundError, match="no offer 999"):
        await workflow.accept(999, 1)
    offer, _ = await _open_offer(db, ref)
    with pytest.raises(NotAllowed):
        await workflow.accept(offer.id, offer.advisor_id + 1)
    assert await _events(db, ref) == before
    assert (await _case(db, ref)).status == "offered"


async def test_a_timer_for_an_accepted_case_does_nothing(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    ref = await open_case(db, clock)
    await workflow.route(ref)
    offer, _ = await _open_offer(db, ref)
    await workflow.accept(offer.id, offer.advisor_id)
    clock.advance(days=30)
    sent = len(notifier.sent)
    assert await workflow.fire_due_timers() == 1, "only the contact watch, no offer timer"
    assert {n.kind for n in notifier.sent[sent:]} == {NotificationKind.CONTACT_OVERDUE}
    assert (await _case(db, ref)).status == "accepted"
    with pytest.raises(AlreadyTaken, match="it was accepted"):
        await workflow.accept(offer.id, offer.advisor_id)  # a double click


async def test_absent_and_full_advisors_get_no_offers(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    await add_absence(db, "var-1", date(2026, 11, 23), date(2026, 12, 4), "vacation")
    first = await open_case(db, clock, "a")
    await workflow.route(first)
    _, key = await _open_offer(db, first)
    assert key == "var-2", "var-1 is away this week"
    with pytest.raises(SpbotError, match=r"ends .* before it starts"):
        await add_absence(db, "var-2", date(2026, 12, 4), date(2026, 12, 1))


async def test_reassignment_withdraws_the_open_offer(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    ref = await open_case(db, clock)
    await workflow.route(ref)
    offer, _ = await _open_offer(db, ref)
    await workflow.reassign(ref, "tra-1", COORDINATOR)
    case = await _case(db, ref)
    assert case.status == "accepted"
    async with db.sessions() as session:
        assert (await session.get(Offer, offer.id)).status == "withdrawn"  # type: ignore[union-attr]
        due = await session.scalar(
            select(func.count())
            .select_from(Timer)
            .where(Timer.offer_id == offer.id, Timer.fired_at.is_(None))
        )
    assert due == 0, "the withdrawn offer's timers are cancelled"
    kinds = [n.kind for n in notifier.sent]
    assert NotificationKind.OFFER_CLOSED in kinds and NotificationKind.CASE_ASSIGNED in kinds
    with pytest.raises(AlreadyTaken):
        await workflow.accept(offer.id, offer.advisor_id)


async def test_nobody_fits_escalates_at_once(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await open_case(db, clock, municipality=("0604", "Aneby"))
    for key in ("var-1", "var-2", "gis-1", "tra-1"):
        await add_absence(db, key, date(2026, 11, 1), date(2026, 12, 31))
    await workflow.route(ref)
    assert (await _case(db, ref)).status == "escalated"


async def test_nothing_stalls_unseen(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    # An accepted case without contact: the advisor and the coordinators hear of it after
    # two working days, and again two working days later, until the advisor moves it on.
    ref = await open_case(db, clock)
    await workflow.route(ref)
    offer, _ = await _open_offer(db, ref)
    await workflow.accept(offer.id, offer.advisor_id)
    clock.advance(hours=30)  # Tuesday 15:00: 15 working hours since Monday 09:00
    assert await workflow.fire_due_timers() == 0
    clock.advance(hours=1)  # Tuesday 16:00: 16 working hours
    assert await workflow.fire_due_timers() == 1
    overdue = [n for n in notifier.sent if n.kind is NotificationKind.CONTACT_OVERDUE]
    assert {n.audience for n in overdue} == {Audience.ADVISOR, Audience.COORDINATORS}
    assert "no contact with the founder after 16 working hours" in overdue[0].data["reason"]
    clock.advance(days=2)
    assert await workflow.fire_due_timers() == 1, "reminded again"
    await workflow.mark_in_contact(ref, Actor(ActorKind.ADVISOR, "var-1"))
    clock.advance(days=30)
    assert await workflow.fire_due_timers() == 1  # the last watch fires and finds no stall
    assert await _events(db, ref) == [
        "opened",
        "offered",
        "accepted",
        "contact_overdue",
        "contact_overdue",
        "in_contact",
    ]

    # An escalated case nobody picks up is brought up again for the coordinators.
    other = await open_case(db, clock, "f2", municipality=("0604", "Aneby"))
    await workflow.escalate(other, COORDINATOR, "testing")
    clock.advance(days=3)
    sent = len(notifier.sent)
    await workflow.fire_due_timers()
    again = [n for n in notifier.sent[sent:] if n.kind is NotificationKind.ESCALATED]
    assert again and "still waiting for a coordinator" in again[0].data["reason"]
    await workflow.reassign(other, "tra-1", COORDINATOR)
    clock.advance(days=3)
    sent = len(notifier.sent)
    await workflow.fire_due_timers()
    assert not [n for n in notifier.sent[sent:] if n.kind is NotificationKind.ESCALATED]


async def test_only_the_holder_marks_contact_or_closes(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await open_case(db, clock)
    await workflow.route(ref)
    offer, key = await _open_offer(db, ref)
    await workflow.accept(offer.id, offer.advisor_id)
    before = await _events(db, ref)
    for action in (
        lambda: workflow.mark_in_contact(ref, Actor(ActorKind.ADVISOR, "var-2")),
        lambda: workflow.close(ref, "coached", Actor(ActorKind.ADVISOR, "var-2")),
    ):
        with pytest.raises(NotAllowed, match="is not yours"):
            await action()
    assert await _events(db, ref) == before, "a refused action changes nothing"
    await workflow.mark_in_contact(ref, Actor(ActorKind.ADVISOR, key))
    await workflow.close(ref, "coached", COORDINATOR)  # coordinators may act on any case
    assert (await _case(db, ref)).status == "closed"


def test_working_days_do_not_depend_on_the_holiday_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a server with LANG=sv_SE the holidays library names holidays in Swedish; the
    calendar takes days off by date, so nothing changes (it once crashed there)."""
    import holidays

    from bot.cases import calendar

    real = holidays.country_holidays

    def swedish(*args: object, **kwargs: object) -> object:
        return real(*args, language="sv", **kwargs)  # type: ignore[arg-type]

    english = calendar.swedish_days_off(2027)
    calendar.swedish_days_off.cache_clear()
    monkeypatch.setattr(holidays, "country_holidays", swedish)
    try:
        in_swedish = calendar.swedish_days_off(2027)
    finally:
        calendar.swedish_days_off.cache_clear()
    assert in_swedish == english
    for eve in (date(2027, 6, 25), date(2027, 12, 24), date(2027, 12, 31)):
        assert eve in in_swedish, "midsommarafton, julafton and nyårsafton are days off"
    work = calendar.WorkingCalendar()
    # An offer made on Thursday before Midsummer at 16:00 waits until Monday.
    start = datetime(2027, 6, 24, 14, 0, tzinfo=UTC)
    assert work.add_working_hours(start, 2) == datetime(2027, 6, 28, 7, 0, tzinfo=UTC)


async def test_coaching_is_a_stock_the_case_stays_open_until_closed(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A company being coached is an open case held by its advisor (it counts in the load
    and stays put in a rebalancing) until the coaching ends with an outcome."""
    ref = await open_case(db, clock)
    await workflow.route(ref)
    offer, key = await _open_offer(db, ref)
    await workflow.accept(offer.id, offer.advisor_id)
    with pytest.raises(NotAllowed, match="is not yours"):
        await workflow.start_coaching(ref, Actor(ActorKind.ADVISOR, "var-2"))
    await workflow.mark_in_contact(ref, Actor(ActorKind.ADVISOR, key))
    clock.advance(days=7)
    state = await workflow.start_coaching(ref, Actor(ActorKind.ADVISOR, key))
    assert state.status == "coaching"
    assert notifier.sent[-1].data == {"status": "coaching"}  # the founder is told
    assert (await _events(db, ref))[-1] == "coaching_started"
    with pytest.raises(InvalidTransition):
        await workflow.mark_in_contact(ref, Actor(ActorKind.ADVISOR, key))
    clock.advance(days=60)
    closed = await workflow.close(ref, "company_started", Actor(ActorKind.ADVISOR, key))
    assert (closed.status, closed.outcome) == ("closed", "company_started")
