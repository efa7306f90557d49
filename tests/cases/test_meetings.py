"""From match to meeting, with a fake clock: the advisor's hours, the times a founder is
offered when the advisor accepts, booking with one press (and losing a race), moving and
cancelling with iCalendar updates, the reminder once, held or no-show, the session log."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.cases.actions import Actor, NotAllowed, SessionDraft
from bot.cases.meetings import MeetingInvalid
from bot.cases.notifications import (
    Audience,
    Notification,
    NotificationKind,
    RecordingNotifier,
    founder_choices,
)
from bot.cases.slots import HoursInvalid
from bot.cases.workflow import CaseWorkflow
from bot.content import load_flow
from bot.domain import ActorKind
from bot.engine.meetings import STOCKHOLM
from bot.storage.db import Database
from bot.storage.models import Advisor, Case, CaseEvent, Meeting, Offer
from tests.cases.conftest import FakeClock, open_case

pytestmark = pytest.mark.usefixtures("roster")
ADVISOR = Actor(ActorKind.ADVISOR, "var-1")
ADMIN = Actor(ActorKind.ADMIN, "admin")
OFFICE = "Storgatan 1, 331 30 Värnamo"
VIDEO = "https://meet.example.org/var-1"


async def give_hours(workflow: CaseWorkflow) -> None:
    """var-1: Tuesdays 09–12 and Thursdays 13–16 at the office, Wednesdays 10–11 by video."""
    for weekday, start, end, kind, place in (
        (1, 9 * 60, 12 * 60, "office", OFFICE),
        (3, 13 * 60, 16 * 60, "office", OFFICE),
        (2, 10 * 60, 11 * 60, "video", VIDEO),
    ):
        await workflow.meetings.add_hours(
            "var-1",
            weekday=weekday,
            start_minute=start,
            end_minute=end,
            slot_minutes=60,
            place_kind=kind,
            place=place,
            actor=ADVISOR,
        )


async def accepted_case(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, user: str = "f1"
) -> tuple[str, int]:
    """A case var-1 has accepted, and its founder's id."""
    ref = await open_case(db, clock, user=user)
    await workflow.route(ref)
    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None and case.founder_id is not None
        offer, advisor_key = (
            await session.execute(
                select(Offer, Advisor.key)
                .join(Advisor, Advisor.id == Offer.advisor_id)
                .where(Offer.case_id == case.id, Offer.status == "pending")
            )
        ).one()
    if advisor_key != "var-1":  # the second founder's case may go to var-2 first
        await workflow.reassign(ref, "var-1", ADMIN)
    else:
        await workflow.accept(offer.id, offer.advisor_id)
    return ref, case.founder_id


def local(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=STOCKHOLM)


def sent(
    notifier: RecordingNotifier, kind: NotificationKind, audience: Audience
) -> list[Notification]:
    return [n for n in notifier.sent if n.kind is kind and n.audience is audience]


def parsed(note: Notification) -> Calendar:
    return Calendar.from_ical(note.data["invitation"]["ics"])


async def test_the_founder_books_with_one_press_and_both_get_the_invitation(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)

    # The news that an advisor took the case comes with five times and "none fits": the
    # office first, at most two a day, within ten working days, the earliest four hours on.
    found = sent(notifier, NotificationKind.ADVISOR_FOUND, Audience.FOUNDER)[-1]
    labels = [c.label for c in founder_choices(found, load_flow())]
    assert labels == [
        "tis 1 dec 09:00 · Science Park Värnamo",
        "tis 1 dec 10:00 · Science Park Värnamo",
        "tors 3 dec 13:00 · Science Park Värnamo",
        "tors 3 dec 14:00 · Science Park Värnamo",
        "tis 8 dec 09:00 · Science Park Värnamo",
        "Ingen tid passar – kontakta mig",
    ], labels
    first = found.data["choices"][0]["id"]
    assert first.startswith(f"meet:{ref}:") and first.endswith(":202612010900")
    assert len(first.encode()) <= 64, "fits Telegram's callback data"

    hours_id = int(first.split(":")[2])
    booking = await workflow.meetings.book(founder, ref, hours_id, local(1, 9))
    assert booking.result == "booked" and booking.meeting is not None
    assert booking.meeting.starts_at == local(1, 9)

    # The advisor hears of it (Slack or the console) with an invitation for their calendar;
    # the founder gets one at the address they gave.
    to_advisor = sent(notifier, NotificationKind.MEETING_BOOKED, Audience.ADVISOR)[-1]
    invite = parsed(to_advisor)
    assert str(invite["METHOD"]) == "REQUEST"
    event = invite.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == local(1, 9)
    assert int(event["SEQUENCE"]) == 0 and str(event["LOCATION"]).endswith(OFFICE)
    assert to_advisor.data["founder"] == "Frida Founder"
    to_founder = sent(notifier, NotificationKind.MEETING_BOOKED, Audience.FOUNDER)[-1]
    assert to_founder.data["invitation"]["to"] == "frida@example.se"
    assert to_founder.data["email_only"], "the chat has the words already"
    attendee = parsed(to_founder).walk("VEVENT")[0]["ATTENDEE"]
    assert str(attendee) == "mailto:frida@example.se"

    # The time is no longer offered to anyone; pressing it again changes nothing.
    times = await workflow.meetings.times(founder, ref)
    assert times is not None and times.meeting is not None
    assert local(1, 9) not in [s.starts_at for s in times.slots]
    again = await workflow.meetings.book(founder, ref, hours_id, local(1, 9))
    assert again.result == "already"


async def test_a_time_someone_else_took_meanwhile_gives_fresh_times(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    await give_hours(workflow)
    ref1, founder1 = await accepted_case(db, workflow, clock, "f1")
    ref2, founder2 = await accepted_case(db, workflow, clock, "f2")
    hours = await workflow.meetings.hours("var-1")
    tuesday = next(h for h in hours if h.weekday == 1)

    # Both press the same time at once: one gets it, the other fresh times without it.
    one, two = await asyncio.gather(
        workflow.meetings.book(founder1, ref1, tuesday.id, local(1, 10)),
        workflow.meetings.book(founder2, ref2, tuesday.id, local(1, 10)),
    )
    assert sorted([one.result, two.result]) == ["booked", "taken"]
    loser = one if one.result == "taken" else two
    assert loser.slots and local(1, 10) not in [s.starts_at for s in loser.slots]
    async with db.sessions() as session:
        booked = (await session.scalars(select(Meeting).where(Meeting.status == "booked"))).all()
    assert len(booked) == 1


@pytest.mark.parametrize(
    ("moment", "why"),
    [
        (local(1, 12), "after the hours end"),
        (local(1, 9) + timedelta(minutes=30), "not on the hour's grid"),
        (local(2, 9), "a Wednesday at nine: no office hours then"),
        (local(24, 9) - timedelta(days=1), "beyond ten working days"),
        (datetime(2026, 11, 30, 10, 0, tzinfo=STOCKHOLM), "in the past"),
    ],
)
async def test_a_time_outside_the_hours_is_gone(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, moment: datetime, why: str
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    tuesday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 1)
    booking = await workflow.meetings.book(founder, ref, tuesday.id, moment)
    assert booking.result == "gone", why
    assert booking.slots, "with fresh times to choose from"


async def test_only_the_cases_own_founder_books_in_it(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    tuesday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 1)
    assert (await workflow.meetings.book(founder + 99, ref, tuesday.id, local(1, 9))).result == (
        "closed"
    )
    assert (
        await workflow.meetings.book(founder, "JKP-1999-0001", tuesday.id, local(1, 9))
    ).result == ("closed")
    assert await workflow.meetings.times(founder + 99, ref) is None


async def test_moving_and_cancelling_update_the_same_calendar_entry(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    hours = {h.weekday: h for h in await workflow.meetings.hours("var-1")}
    booked = await workflow.meetings.book(founder, ref, hours[1].id, local(1, 9))
    moved = await workflow.meetings.book(founder, ref, hours[2].id, local(2, 10))
    assert moved.result == "moved" and moved.meeting is not None
    assert booked.meeting is not None and moved.meeting.uid == booked.meeting.uid
    assert moved.meeting.place_kind == "video" and moved.meeting.sequence == 1
    update = parsed(sent(notifier, NotificationKind.MEETING_BOOKED, Audience.ADVISOR)[-1])
    entry = update.walk("VEVENT")[0]
    assert (str(entry["UID"]), int(entry["SEQUENCE"])) == (booked.meeting.uid, 1)
    assert str(entry["URL"]) == VIDEO
    # The old time is free again.
    times = await workflow.meetings.times(founder, ref)
    assert times is not None and local(1, 9) in [s.starts_at for s in times.slots]

    # The advisor cancels: the founder is told in their chat, with fresh times, and their
    # calendar gets the cancellation (same UID, higher SEQUENCE).
    await workflow.meetings.cancel_by_staff(moved.meeting.id, ADVISOR, "sick")
    told = sent(notifier, NotificationKind.MEETING_CANCELLED, Audience.FOUNDER)
    words = [n for n in told if not n.data.get("email_only")][-1]
    assert words.data["choices"] and words.data["when_text"] == "onsdag 2 december kl. 10:00"
    cancel = parsed([n for n in told if n.data.get("email_only")][-1])
    assert str(cancel["METHOD"]) == "CANCEL"
    assert int(cancel.walk("VEVENT")[0]["SEQUENCE"]) == 2
    assert str(cancel.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    with pytest.raises(MeetingInvalid):
        await workflow.meetings.cancel_by_staff(moved.meeting.id, ADVISOR)


async def test_the_founder_cancels_and_the_advisor_is_told(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    tuesday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 1)
    await workflow.meetings.book(founder, ref, tuesday.id, local(1, 9))
    cancelled = await workflow.meetings.cancel(founder, ref)
    assert cancelled is not None and cancelled.status == "cancelled"
    note = sent(notifier, NotificationKind.MEETING_CANCELLED, Audience.ADVISOR)[-1]
    assert not note.data.get("email_only")
    assert await workflow.meetings.cancel(founder, ref) is None, "nothing left to cancel"


async def test_none_fits_asks_the_advisor_to_call(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    assert await workflow.meetings.none_fits(founder, ref)
    asked = sent(notifier, NotificationKind.CONTACT_ASKED, Audience.ADVISOR)[-1]
    assert asked.lead is not None and asked.lead.contact is not None


async def test_the_reminder_goes_once_the_working_day_before(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    thursday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 3)
    await workflow.meetings.book(founder, ref, thursday.id, local(3, 13))
    clock.set(local(2, 8).astimezone(UTC))
    await workflow.fire_due_timers()
    assert not sent(notifier, NotificationKind.MEETING_REMINDER, Audience.FOUNDER)
    clock.set(local(2, 9).astimezone(UTC) + timedelta(minutes=1))
    # Several workers at once (each a timer round): the reminder goes once.
    await asyncio.gather(*(workflow.fire_due_timers() for _ in range(4)))
    await workflow.fire_due_timers()
    assert len(sent(notifier, NotificationKind.MEETING_REMINDER, Audience.FOUNDER)) == 1
    reminder = sent(notifier, NotificationKind.MEETING_REMINDER, Audience.ADVISOR)
    assert len(reminder) == 1 and reminder[0].data["founder"] == "Frida Founder"


async def test_held_puts_the_case_in_contact_and_the_session_log_keeps_the_advising(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)
    tuesday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 1)
    booked = await workflow.meetings.book(founder, ref, tuesday.id, local(1, 9))
    assert booked.meeting is not None
    with pytest.raises(MeetingInvalid):
        await workflow.meetings.mark(booked.meeting.id, True, ADVISOR)  # not yet begun
    clock.set(local(1, 10).astimezone(UTC))
    with pytest.raises(NotAllowed):
        await workflow.meetings.mark(booked.meeting.id, True, Actor(ActorKind.ADVISOR, "var-2"))
    held = await workflow.meetings.mark(booked.meeting.id, True, ADVISOR)
    assert held.status == "held"
    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None and case.status == "in_contact"

    entry = await workflow.meetings.log_session(
        ref,
        SessionDraft(
            date(2026, 12, 1),
            55,
            "first_meeting",
            "in_person",
            "Talked financing.",
            "Send the budget",
        ),
        ADVISOR,
    )
    assert (entry.minutes, entry.notes) == (55, "Talked financing.")
    for bad, field in (
        (SessionDraft(date(2026, 12, 2), 30, "advice", "phone"), "held_on"),
        (SessionDraft(date(2026, 12, 1), 0, "advice", "phone"), "minutes"),
        (SessionDraft(date(2026, 12, 1), 30, "gossip", "phone"), "kind"),
        (SessionDraft(date(2026, 12, 1), 30, "advice", "phone", "x" * 4001), "notes"),
        (SessionDraft(date(2026, 12, 1), 30, "advice", "phone", "a\x00b"), "notes"),
    ):
        with pytest.raises(MeetingInvalid) as caught:
            await workflow.meetings.log_session(ref, bad, ADVISOR)
        assert caught.value.details["field"] == field
    with pytest.raises(NotAllowed):
        await workflow.meetings.log_session(
            ref,
            SessionDraft(date(2026, 12, 1), 30, "advice", "phone"),
            Actor(ActorKind.ADVISOR, "var-2"),
        )

    # Reading the notes is logged on the case; the list without notes is not.
    plain = await workflow.meetings.sessions(ref, ADVISOR, with_notes=False)
    assert plain[0].notes is None
    read = await workflow.meetings.sessions(ref, ADMIN, with_notes=True)
    assert read[0].notes == "Talked financing."
    async with db.sessions() as session:
        kinds = (await session.scalars(select(CaseEvent.kind))).all()
    assert kinds.count("session_notes_viewed") == 1

    # The person's export has the meeting and the advisor's notes about them.
    from bot.storage.export import export_founder

    exported = await export_founder(db, founder)
    assert exported is not None
    (case_export,) = exported["cases"]
    assert case_export["meetings"][0]["status"] == "held"
    assert case_export["sessions"][0]["notes"] == "Talked financing."

    # Erased with the founder: the minutes stay, the notes go.
    await workflow.erase_founder(founder, ADMIN, "asked by phone")
    after = await workflow.meetings.sessions(ref, ADMIN, with_notes=True)
    assert (after[0].minutes, after[0].notes, after[0].next_step, after[0].erased) == (
        55,
        None,
        None,
        True,
    )


async def test_hours_are_checked_and_kept_by_their_advisor(workflow: CaseWorkflow) -> None:
    good = dict(
        weekday=1,
        start_minute=540,
        end_minute=720,
        slot_minutes=60,
        place_kind="office",
        place=OFFICE,
    )
    for change, field in (
        ({"weekday": 5}, "weekday"),
        ({"start_minute": 720, "end_minute": 540}, "start"),
        ({"slot_minutes": 7}, "slot"),
        ({"place": "  "}, "place"),
        ({"place_kind": "video", "place": "meet.example.org"}, "place"),
        ({"place_kind": "node"}, "node"),
    ):
        with pytest.raises(HoursInvalid) as caught:
            await workflow.meetings.add_hours("var-1", actor=ADVISOR, **{**good, **change})  # type: ignore[arg-type]
        assert caught.value.details["field"] == field
    with pytest.raises(NotAllowed):
        await workflow.meetings.add_hours("var-2", actor=ADVISOR, **good)  # type: ignore[arg-type]
    added = await workflow.meetings.add_hours("var-1", actor=ADVISOR, **good)  # type: ignore[arg-type]
    assert added.node_name == "Värnamo" or added.node_name
    await workflow.meetings.remove_hours(added.id, ADVISOR)
    assert await workflow.meetings.hours("var-1") == []


async def test_an_advisor_without_hours_is_called_as_before(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    await accepted_case(db, workflow, clock)
    found = sent(notifier, NotificationKind.ADVISOR_FOUND, Audience.FOUNDER)[-1]
    assert found.data["choices"] == []


async def test_an_absence_and_a_public_holiday_take_no_bookings(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    from bot.storage.absences import add_absence

    await give_hours(workflow)
    await add_absence(db, "var-1", date(2026, 12, 22), date(2026, 12, 22), "course")
    clock.set(datetime(2026, 12, 21, 8, 0, tzinfo=UTC))  # the Monday before Christmas
    ref, founder = await accepted_case(db, workflow, clock)
    free = await workflow.meetings.free("var-1")
    days = {s.starts_at.astimezone(STOCKHOLM).date() for s in free}
    # Away on the 22nd; Christmas Eve, New Year's Eve and Epiphany are days off.
    for day_off in (date(2026, 12, 22), date(2026, 12, 24), date(2026, 12, 31), date(2027, 1, 6)):
        assert day_off not in days
    assert {date(2026, 12, 23), date(2026, 12, 29), date(2027, 1, 5)} <= days
    times = await workflow.meetings.times(founder, ref)
    assert times is not None and times.slots
    assert {s.starts_at.astimezone(STOCKHOLM).date() for s in times.slots} <= days


async def test_the_results_count_meetings_advising_hours_and_referrals(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    from bot.reports import Period, results_report
    from bot.reports.render import csv_rows

    await give_hours(workflow)
    ref, founder = await accepted_case(db, workflow, clock)  # accepted Monday 09:00
    tuesday = next(h for h in await workflow.meetings.hours("var-1") if h.weekday == 1)
    booked = await workflow.meetings.book(founder, ref, tuesday.id, local(1, 10))
    assert booked.meeting is not None
    ref2, founder2 = await accepted_case(db, workflow, clock, "f2")
    other = await workflow.meetings.book(founder2, ref2, tuesday.id, local(1, 11))
    assert other.meeting is not None
    clock.set(local(1, 12).astimezone(UTC))
    await workflow.meetings.mark(booked.meeting.id, True, ADVISOR)
    await workflow.meetings.mark(other.meeting.id, False, ADVISOR)
    for minutes in (200, 120):
        await workflow.meetings.log_session(
            ref, SessionDraft(date(2026, 12, 1), minutes, "advice", "video"), ADVISOR
        )
    await workflow.referrals.set_partner("almi", ADMIN, email="k@almi.example.org", active=True)
    referral = await workflow.referrals.refer(ref, "almi", {"contact"}, ADVISOR)
    await workflow.referrals.answer(founder, referral.id, True)

    report = await results_report(
        db, Period.year(2026), {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}, None, clock()
    )
    advising = report.advising
    # Accepted Monday 09:00, met Tuesday 10:00 and 11:00: 8 working hours on Monday (to
    # 17:00) and 2 or 3 on Tuesday (from 08:00).
    assert advising.hours_to_first_meeting.n == 2
    assert advising.hours_to_first_meeting.median == 10.5
    (varnamo,) = advising.by_node
    assert (varnamo.meetings, varnamo.held, varnamo.no_shows) == (2, 1, 1)
    assert (varnamo.sessions, varnamo.minutes, varnamo.cases_advised, varnamo.long_term) == (
        2,
        320,
        1,
        1,
    )
    (almi,) = advising.referrals
    assert (almi.partner, almi.asked, almi.sent) == ("almi", 1, 1)
    rows = csv_rows(report)
    assert {
        "section": "advising",
        "scope": "node",
        "id": "varnamo",
        "metric": "minutes",
    }.items() <= next(r for r in rows if r["metric"] == "minutes").items()
    assert report.to_dict()["advising"]["by_node"][0]["held"] == 1


async def test_a_returning_founder_goes_first_to_the_advisor_they_had(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    first = await open_case(db, clock, user="back")
    await workflow.route(first)
    await workflow.reassign(first, "gis-1", ADMIN)  # Gislaved's advisor helped last time
    await workflow.close(first, "not_pursued", ADMIN)
    again = await open_case(db, clock, user="back")  # the same person, a new idea, in Värnamo
    await workflow.route(again)
    offer = [n for n in notifier.sent if n.kind is NotificationKind.OFFER][-1]
    async with db.sessions() as session:
        gis = await session.scalar(select(Advisor).where(Advisor.key == "gis-1"))
    assert gis is not None and offer.recipient_id == gis.id
    assert offer.data["explanation"][0] == "worked with this founder before"
    stranger = await open_case(db, clock, user="new")
    await workflow.route(stranger)
    offer = [n for n in notifier.sent if n.kind is NotificationKind.OFFER][-1]
    assert offer.recipient_id != gis.id, "others go home first, as before"


async def test_promises_kept_offers_answered_in_time_and_contact_within_two_days(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    from bot.reports import Period, results_report
    from bot.reports.monthly import summary_text

    goals = {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}
    quick, _ = await accepted_case(db, workflow, clock, "q")  # accepted Monday 09:00
    slow, _ = await accepted_case(db, workflow, clock, "s")
    clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))  # Tuesday 11:00: 11 working hours
    await workflow.mark_in_contact(quick, ADVISOR)
    clock.set(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))  # Thursday 11:00: 29 working hours
    await workflow.mark_in_contact(slow, ADVISOR)
    # An offer that expired (to var-1: it was not answered within its 16 working hours).
    late = await open_case(db, clock, user="late")
    await workflow.route(late)
    clock.advance(days=5)
    await workflow.fire_due_timers()

    report = await results_report(db, Period.year(2026), goals, None, clock())
    (varnamo,) = [d for d in report.service.deadlines if d.node == "varnamo"]
    assert (varnamo.accepted, varnamo.contacted_in_time) == (2, 1)
    assert varnamo.contacted_share == 0.5
    assert varnamo.offers_due >= 3 and varnamo.answered_in_time == varnamo.offers_due - 1
    text = summary_text(report, report, "sv", None)
    assert "kontaktade inom två arbetsdagar" in text and "50" in text
