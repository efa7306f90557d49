"""From match to meeting: advisors' bookable hours, the founder booking the first meeting
with one press (checked and held atomically), invitations and reminders, held or no-show,
and the session log. Every change is on the case's audit trail or in the audit log.

The rules:
- times are cut from the advisor's weekly hours on Swedish working days, minus absences and
  meetings already on (``cases/slots.py``); a founder is offered ``meeting_choices`` of them
  within ``meeting_days`` working days, at least ``meeting_notice_hours`` ahead, at the
  advisor's own node first;
- a booking locks the advisor's row and checks the time again inside the transaction; the
  unique ``slot_key`` is the last guard: two founders never get one time;
- a founder has one meeting on per case: booking another time moves it (same UID, SEQUENCE
  + 1, the advisor told); cancelling frees the time;
- a reminder goes to both the working day before at 09:00 (a durable timer: once, however
  many workers run);
- the first meeting marked held puts an accepted case "in contact".

The advisor's hours and feed are ``cases/meeting_hours.py``, the session log
``cases/session_log.py``; ``Meetings`` is the one object the workflow hands out.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import Actor, MeetingInvalid, MeetingNotFound
from bot.cases.calendar import STOCKHOLM
from bot.cases.context import CaseContext, Outbox, first_language
from bot.cases.holding import ensure_holder
from bot.cases.meeting_hours import MeetingHoursDesk
from bot.cases.meeting_news import advisor_note, founder_data, founder_invitation
from bot.cases.meeting_times import choices, free_times, offered_times
from bot.cases.node_events import reminder_due
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.cases.session_log import SessionLog
from bot.cases.slots import slot_key
from bot.cases.surveys import send_survey
from bot.domain import (
    ACTIVE_CASE_STATUSES,
    ActorKind,
    CaseStatus,
    EventKind,
    NotFoundError,
)
from bot.records import Booking, FounderTimes, MeetingView, Slot
from bot.storage import case_rows
from bot.storage import meetings as rows
from bot.storage.models import Advisor, Case, Meeting, Timer


class Meetings(MeetingHoursDesk, SessionLog):
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    # --- times -----------------------------------------------------------------------------

    async def _offered(
        self, session: AsyncSession, advisor: Advisor, besides: int | None = None
    ) -> tuple[Slot, ...]:
        settings = self.ctx.settings
        return await offered_times(
            session,
            advisor,
            calendar=self.ctx.calendar,
            now=self.ctx.clock(),
            notice_hours=settings.meeting_notice_hours,
            days=settings.meeting_days,
            limit=settings.meeting_choices,
            besides=besides,
        )

    def choices(self, ref: str, slots: tuple[Slot, ...], language: str) -> list[dict[str, str]]:
        return choices(ref, slots, language)

    async def free(self, advisor_key: str) -> list[Slot]:
        """Every free time of the advisor in the booking window (the console, the CLI)."""
        settings = self.ctx.settings
        async with self.ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            return await free_times(
                session,
                advisor,
                calendar=self.ctx.calendar,
                now=self.ctx.clock(),
                notice_hours=settings.meeting_notice_hours,
                days=settings.meeting_days,
            )

    async def _founders_case(
        self, session: AsyncSession, founder_id: int, ref: str, lock: bool
    ) -> tuple[Case, Advisor] | None:
        case = (
            await case_rows.case_by_ref(session, ref.strip().upper())
            if not lock
            else await _lock_or_none(session, ref)
        )
        if case is None or case.founder_id != founder_id or case.advisor_id is None:
            return None
        if CaseStatus(case.status) not in ACTIVE_CASE_STATUSES:
            return None
        advisor = await case_rows.get_advisor(session, case.advisor_id)
        if advisor is None or not advisor.active:
            return None
        return case, advisor

    async def times(self, founder_id: int, ref: str) -> FounderTimes | None:
        async with self.ctx.db.sessions() as session:
            found = await self._founders_case(session, founder_id, ref, lock=False)
            if found is None:
                return None
            case, advisor = found
            upcoming = await rows.upcoming_of_case(session, case.id, self.ctx.clock())
            # Their own time is busy too: a change offers other times.
            slots = await self._offered(session, advisor)
            return FounderTimes(
                case.ref,
                advisor.name,
                await rows.view(session, upcoming) if upcoming else None,
                slots,
            )

    # --- the founder books ------------------------------------------------------------------

    async def book(self, founder_id: int, ref: str, hours_id: int, local: datetime) -> Booking:
        """Book the time, or move the founder's meeting to it. Checked against the hours,
        the calendar, absences and other meetings inside one transaction with the advisor's
        row locked; a race lost at the unique slot is ``taken`` with fresh times."""
        outbox = Outbox()
        try:
            async with self.ctx.db.transaction() as session:
                booking = await self._book(session, founder_id, ref, hours_id, local, outbox)
        except IntegrityError:
            booking = Booking("taken")
        if booking.result == "taken" or booking.result == "gone":
            fresh = await self.times(founder_id, ref)
            if fresh is None:
                return Booking("closed")
            return Booking(booking.result, None, fresh.slots, fresh.advisor_name)
        await self.ctx.deliver(outbox)
        return booking

    async def _book(
        self,
        session: AsyncSession,
        founder_id: int,
        ref: str,
        hours_id: int,
        local: datetime,
        outbox: Outbox,
    ) -> Booking:
        found = await self._founders_case(session, founder_id, ref, lock=True)
        if found is None:
            return Booking("closed")
        case, advisor = found
        await rows.lock_advisor(session, advisor.id)
        now = self.ctx.clock()
        upcoming = await rows.upcoming_of_case(session, case.id, now)
        starts_at = local.astimezone(STOCKHOLM)
        if (
            upcoming is not None
            and upcoming.starts_at == starts_at
            and upcoming.hours_id == hours_id
        ):
            return Booking("already", await rows.view(session, upcoming), (), advisor.name)
        settings = self.ctx.settings
        free = await free_times(
            session,
            advisor,
            calendar=self.ctx.calendar,
            now=now,
            notice_hours=settings.meeting_notice_hours,
            days=settings.meeting_days,
            besides=upcoming.id if upcoming else None,
        )
        slot = next((s for s in free if s.hours_id == hours_id and s.starts_at == starts_at), None)
        if slot is None:
            taken = await rows.busy_of(session, advisor.id, now)
            busy = any(s <= starts_at < e for s, e in taken)
            return Booking("taken" if busy else "gone")
        key = slot_key(advisor.id, slot.starts_at)
        if upcoming is not None:
            meeting = upcoming
            meeting.slot_key = None
            await session.flush()  # the old time is free before the new one is held
            meeting.starts_at, meeting.ends_at = slot.starts_at, slot.ends_at
            meeting.place_kind, meeting.place = slot.place_kind, slot.place
            meeting.hours_id, meeting.slot_key = slot.hours_id, key
            meeting.sequence += 1
            meeting.updated_at = now
            kind, result = EventKind.MEETING_MOVED, "moved"
        else:
            meeting = Meeting(
                uid=f"meeting-{secrets.token_hex(12)}@spbot",
                case_id=case.id,
                advisor_id=advisor.id,
                founder_id=founder_id,
                hours_id=slot.hours_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                place_kind=slot.place_kind,
                place=slot.place,
                status="booked",
                slot_key=key,
                sequence=0,
                language=case.language,
                created_at=now,
                updated_at=now,
            )
            session.add(meeting)
            kind, result = EventKind.MEETING_BOOKED, "booked"
        await session.flush()
        self.ctx.event(
            session,
            case,
            Actor(ActorKind.FOUNDER),
            kind,
            None,
            {"meeting": meeting.id, "starts_at": meeting.starts_at.isoformat()},
            now,
        )
        await self._arm_reminder(session, meeting, now)
        view = await rows.view(session, meeting, with_founder=True)
        outbox.add(
            advisor_note(
                self.ctx.clock(),
                NotificationKind.MEETING_BOOKED,
                case,
                advisor,
                view,
                moved=result == "moved",
            )
        )
        await founder_invitation(session, case, view, outbox, now)
        return Booking(result, await rows.view(session, meeting), (), advisor.name)

    async def none_fits(self, founder_id: int, ref: str) -> bool:
        outbox = Outbox()
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            found = await self._founders_case(session, founder_id, ref, lock=True)
            if found is None:
                return False
            case, advisor = found
            self.ctx.event(
                session, case, Actor(ActorKind.FOUNDER), EventKind.CONTACT_ASKED, None, {}, now
            )
            outbox.add(
                Notification(
                    NotificationKind.CONTACT_ASKED,
                    Audience.ADVISOR,
                    case.ref,
                    advisor.id,
                    first_language(advisor.languages),
                    lead=await self.ctx.lead(session, case, True),
                )
            )
        await self.ctx.deliver(outbox)
        return True

    async def cancel(self, founder_id: int, ref: str) -> MeetingView | None:
        """The founder cancels their booked meeting; the advisor is told."""
        outbox = Outbox()
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            found = await self._founders_case(session, founder_id, ref, lock=True)
            if found is None:
                return None
            case, advisor = found
            meeting = await rows.upcoming_of_case(session, case.id, now)
            if meeting is None:
                return None
            await self._cancel(session, case, meeting, Actor(ActorKind.FOUNDER), now)
            view = await rows.view(session, meeting, with_founder=True)
            outbox.add(
                advisor_note(
                    self.ctx.clock(), NotificationKind.MEETING_CANCELLED, case, advisor, view
                )
            )
            await founder_invitation(session, case, view, outbox, now)
        await self.ctx.deliver(outbox)
        return view

    # --- the advisor (and staff) -------------------------------------------------------------

    async def cancel_by_staff(
        self, meeting_id: int, actor: Actor, reason: str | None = None
    ) -> MeetingView:
        """The advisor (or staff) cancels: the founder is told in their channel with fresh
        times to choose from, and gets the cancellation in their calendar."""
        outbox = Outbox()
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            meeting, case = await self._meeting(session, meeting_id, actor)
            if meeting.status != "booked" or meeting.ends_at <= now:
                raise MeetingInvalid("only a coming meeting can be cancelled", field="meeting")
            await self._cancel(session, case, meeting, actor, now, reason)
            view = await rows.view(session, meeting, with_founder=True)
            advisor = await case_rows.get_advisor(session, meeting.advisor_id)
            slots = await self._offered(session, advisor) if advisor else ()
            if case.founder_id is not None:
                outbox.add(
                    Notification(
                        NotificationKind.MEETING_CANCELLED,
                        Audience.FOUNDER,
                        case.ref,
                        case.founder_id,
                        case.language,
                        {
                            **founder_data(view, case.language),
                            "choices": self.choices(case.ref, slots, case.language),
                        },
                    )
                )
                await founder_invitation(session, case, view, outbox, now)
            if advisor is not None:
                # The advisor cancelled: only their calendar needs the word.
                outbox.add(
                    advisor_note(
                        self.ctx.clock(),
                        NotificationKind.MEETING_CANCELLED,
                        case,
                        advisor,
                        view,
                        email_only=True,
                    )
                )
        await self.ctx.deliver(outbox)
        return view

    async def mark(self, meeting_id: int, held: bool, actor: Actor) -> MeetingView:
        """The advisor marks a meeting held or a no-show (once it has begun). The first held
        meeting puts an accepted case in contact, and the founder gets the survey."""
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            meeting, case = await self._meeting(session, meeting_id, actor)
            if meeting.status == "cancelled" or meeting.starts_at > now:
                raise MeetingInvalid("a meeting is marked once it has begun", field="meeting")
            meeting.status = "held" if held else "no_show"
            meeting.updated_at = now
            await rows.disarm_reminders(session, meeting.id, now)
            kind = EventKind.MEETING_HELD if held else EventKind.MEETING_NO_SHOW
            self.ctx.event(session, case, actor, kind, None, {"meeting": meeting.id}, now)
            if held and case.status == CaseStatus.ACCEPTED.value:
                await self.ctx.transition(
                    session,
                    case,
                    CaseStatus.IN_CONTACT,
                    actor,
                    EventKind.IN_CONTACT,
                    "the first meeting was held",
                    {"meeting": meeting.id},
                    now,
                )
            if held:
                await send_survey(self.ctx, session, case, outbox)
            view = await rows.view(session, meeting, with_founder=True)
        await self.ctx.deliver(outbox)
        return view

    async def of_case(self, ref: str, actor: Actor) -> list[MeetingView]:
        async with self.ctx.db.sessions() as session:
            case = await case_rows.find_case(session, ref)
            await ensure_holder(session, case, actor)
            return [
                await rows.view(session, m, with_founder=True)
                for m in await rows.meetings_of_case(session, case.id)
            ]

    async def of_advisor(self, advisor_key: str, days: int = 14) -> list[MeetingView]:
        """The advisor's coming meetings (and those of the last day, to mark)."""
        now = self.ctx.clock()
        async with self.ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            return [
                m
                for m in await rows.feed_meetings(session, advisor.id, now - timedelta(days=1))
                if m.status != "cancelled" and m.starts_at <= now + timedelta(days=days)
            ]

    # --- the reminder timer ------------------------------------------------------------------

    async def _arm_reminder(self, session: AsyncSession, meeting: Meeting, now: datetime) -> None:
        await rows.disarm_reminders(session, meeting.id, now)
        due = reminder_due(meeting.starts_at, self.ctx)
        if due > now:
            rows.arm_reminder(session, meeting, due)

    async def fire_reminder(
        self, session: AsyncSession, timer: Timer, outbox: Outbox, now: datetime
    ) -> None:
        """The working day before: both sides reminded of a meeting still on."""
        meeting = await session.get(Meeting, timer.meeting_id) if timer.meeting_id else None
        if meeting is None or meeting.status != "booked" or meeting.starts_at <= now:
            return
        case = await session.get(Case, meeting.case_id)
        advisor = await case_rows.get_advisor(session, meeting.advisor_id)
        if case is None or advisor is None:
            return
        view = await rows.view(session, meeting, with_founder=True)
        self.ctx.event(
            session,
            case,
            Actor(ActorKind.SYSTEM),
            EventKind.MEETING_REMINDED,
            None,
            {"meeting": meeting.id},
            now,
        )
        if case.founder_id is not None:
            outbox.add(
                Notification(
                    NotificationKind.MEETING_REMINDER,
                    Audience.FOUNDER,
                    case.ref,
                    case.founder_id,
                    case.language,
                    founder_data(view, case.language),
                )
            )
        outbox.add(advisor_note(now, NotificationKind.MEETING_REMINDER, case, advisor, view))

    # --- inside -------------------------------------------------------------------------------

    async def _meeting(
        self, session: AsyncSession, meeting_id: int, actor: Actor
    ) -> tuple[Meeting, Case]:
        meeting = await session.get(Meeting, meeting_id, with_for_update=True)
        if meeting is None:
            raise MeetingNotFound(f"no meeting {meeting_id}", meeting=meeting_id)
        case = await session.get(Case, meeting.case_id)
        assert case is not None
        await ensure_holder(session, case, actor)
        return meeting, case

    async def _cancel(
        self,
        session: AsyncSession,
        case: Case,
        meeting: Meeting,
        actor: Actor,
        now: datetime,
        reason: str | None = None,
    ) -> None:
        meeting.status = "cancelled"
        meeting.slot_key = None
        meeting.sequence += 1
        meeting.updated_at = now
        await rows.disarm_reminders(session, meeting.id, now)
        # A note someone wrote goes in the payload's "note": erasure redacts it.
        payload: dict[str, Any] = {"meeting": meeting.id}
        if reason:
            payload["note"] = reason
        self.ctx.event(session, case, actor, EventKind.MEETING_CANCELLED, None, payload, now)


async def _lock_or_none(session: AsyncSession, ref: str) -> Case | None:
    try:
        return await case_rows.lock_case(session, ref)
    except NotFoundError:
        return None
