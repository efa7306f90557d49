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
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import SESSION_CHANNELS, SESSION_KINDS, Actor, NotAllowed, SessionDraft
from bot.cases.calendar import STOCKHOLM
from bot.cases.context import CaseContext, Outbox, first_language
from bot.cases.holding import ensure_holder, require_node
from bot.cases.ics import meeting_invitation
from bot.cases.meeting_times import choices, free_times, hours_of_row, offered_times
from bot.cases.node_events import reminder_due
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.cases.slots import Hours, HoursInvalid, check_hours, slot_key
from bot.cases.surveys import send_survey
from bot.content.dates import long_moment
from bot.domain import (
    ACTIVE_CASE_STATUSES,
    ActorKind,
    AuditKind,
    CaseStatus,
    EventKind,
    NotFoundError,
    SpbotError,
)
from bot.engine.meetings import when, where
from bot.records import Booking, FounderTimes, MeetingView, SessionEntry, Slot
from bot.storage import case_rows
from bot.storage import meetings as rows
from bot.storage.erasure import add_audit
from bot.storage.models import AdvisingSession, Advisor, Case, Meeting, MeetingHours, Timer

MAX_NOTES = 4000
MAX_NEXT_STEP = 1000
MAX_MINUTES = 8 * 60


class MeetingNotFound(NotFoundError):
    code = "meeting_not_found"


class MeetingInvalid(SpbotError):
    """A meeting change that cannot be made (a past meeting moved, say); ``field`` names
    the form field where there is one."""

    code = "meeting_invalid"


class SessionInvalid(MeetingInvalid):
    """A session log entry that cannot be kept; ``field`` names the form field."""

    code = "session_invalid"


def checked_session(draft: SessionDraft, today: date) -> SessionDraft:
    """A session as it may be logged, or ``SessionInvalid`` naming the field."""
    if draft.held_on > today:
        raise SessionInvalid("a session is logged once it has been held", field="held_on")
    if draft.held_on < today - timedelta(days=366):
        raise SessionInvalid("a session more than a year ago", field="held_on")
    if not 1 <= draft.minutes <= MAX_MINUTES:
        raise SessionInvalid("minutes between 1 and 480", field="minutes")
    if draft.kind not in SESSION_KINDS:
        raise SessionInvalid("unknown kind of session", field="kind")
    if draft.channel not in SESSION_CHANNELS:
        raise SessionInvalid("unknown way of meeting", field="channel")
    notes, step = draft.notes.strip(), draft.next_step.strip()
    if len(notes) > MAX_NOTES:
        raise SessionInvalid(f"notes longer than {MAX_NOTES} characters", field="notes")
    if len(step) > MAX_NEXT_STEP:
        raise SessionInvalid(f"next step longer than {MAX_NEXT_STEP} characters", field="next_step")
    for text, name in ((notes, "notes"), (step, "next_step")):
        if any(not (c.isprintable() or c in "\n\t") for c in text.replace("\r\n", "\n")):
            raise SessionInvalid("control characters in the text", field=name)
    return SessionDraft(
        draft.held_on, draft.minutes, draft.kind, draft.channel, notes, step, draft.meeting_id
    )


class Meetings:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    # --- the advisor's hours ---------------------------------------------------------------

    async def hours(self, advisor_key: str) -> list[Hours]:
        async with self.ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            return [hours_of_row(r, n) for r, n in await rows.hours_of(session, advisor.id)]

    async def add_hours(
        self,
        advisor_key: str,
        *,
        weekday: int,
        start_minute: int,
        end_minute: int,
        slot_minutes: int,
        place_kind: str,
        place: str,
        actor: Actor,
        node_slug: str | None = None,
        valid_from: date | None = None,
        valid_until: date | None = None,
    ) -> Hours:
        """A weekly block of bookable hours (the advisor themself, or staff for them)."""
        place = check_hours(weekday, start_minute, end_minute, slot_minutes, place_kind, place)
        if valid_from and valid_until and valid_until < valid_from:
            raise HoursInvalid("the last day is before the first", field="valid_until")
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            self._may_manage(actor, advisor, await case_rows.node_slug(session, advisor.node_id))
            node_id: int | None = None
            if place_kind == "office":
                node_id = advisor.node_id
            elif place_kind == "node":
                node_id = await rows.node_id_of(session, node_slug or "")
                if node_id is None:
                    raise HoursInvalid("choose the node the hours are at", field="node")
            row = MeetingHours(
                advisor_id=advisor.id,
                weekday=weekday,
                start_minute=start_minute,
                end_minute=end_minute,
                slot_minutes=slot_minutes,
                place_kind=place_kind,
                node_id=node_id,
                place=place,
                valid_from=valid_from,
                valid_until=valid_until,
                created_at=now,
            )
            session.add(row)
            await session.flush()
            add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.MEETING_HOURS_ADDED,
                f"advisor:{advisor.key}",
                None,
                {"hours": row.id, "weekday": weekday, "place_kind": place_kind},
                now,
            )
            name = await case_rows.node_name(session, node_id) if node_id else None
            return hours_of_row(row, name)

    async def remove_hours(self, hours_id: int, actor: Actor) -> None:
        """Remove a block: times already booked in it stay booked."""
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            row = await session.get(MeetingHours, hours_id)
            advisor = await session.get(Advisor, row.advisor_id) if row else None
            if row is None or advisor is None:
                raise NotFoundError(f"no meeting hours {hours_id}", hours=hours_id)
            self._may_manage(actor, advisor, await case_rows.node_slug(session, advisor.node_id))
            await session.delete(row)
            add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.MEETING_HOURS_REMOVED,
                f"advisor:{advisor.key}",
                None,
                {"hours": hours_id},
                now,
            )

    @staticmethod
    def _may_manage(actor: Actor, advisor: Advisor, node_slug: str | None) -> None:
        """An advisor keeps their own hours; a node manager their nodes' advisors'; a
        coordinator or admin anyone's."""
        if actor.kind is ActorKind.ADVISOR:
            if actor.id != advisor.key:
                raise NotAllowed("only your own hours", advisor=advisor.key)
            return
        require_node(actor, node_slug)

    # --- the calendar feed ------------------------------------------------------------------

    async def make_feed(self, advisor_key: str, actor: Actor) -> str:
        """A new secret for the advisor's private calendar feed (the old link stops working).
        Returned once; only its hash is kept."""
        token = secrets.token_urlsafe(24)
        await self._set_feed(advisor_key, actor, rows.token_hash(token))
        return token

    async def revoke_feed(self, advisor_key: str, actor: Actor) -> None:
        await self._set_feed(advisor_key, actor, None)

    async def _set_feed(self, advisor_key: str, actor: Actor, value: str | None) -> None:
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            self._may_manage(actor, advisor, await case_rows.node_slug(session, advisor.node_id))
            advisor.calendar_token_hash = value
            kind = AuditKind.CALENDAR_FEED_MADE if value else AuditKind.CALENDAR_FEED_REVOKED
            add_audit(
                session, actor.kind.value, actor.id, kind, f"advisor:{advisor.key}", None, {}, now
            )

    async def feed(self, token: str, past_days: int = 60) -> tuple[str, list[MeetingView]] | None:
        """The advisor's name and meetings for the feed with this secret (None: no such)."""
        since = self.ctx.clock() - timedelta(days=past_days)
        async with self.ctx.db.sessions() as session:
            advisor = await rows.advisor_by_feed(session, token)
            if advisor is None or not advisor.active:
                return None
            return advisor.name, await rows.feed_meetings(session, advisor.id, since)

    async def has_feed(self, advisor_key: str) -> bool:
        async with self.ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            return advisor.calendar_token_hash is not None

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
            self._advisor_note(
                NotificationKind.MEETING_BOOKED, case, advisor, view, moved=result == "moved"
            )
        )
        await self._send_founder_invitation(session, case, view, outbox)
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
            outbox.add(self._advisor_note(NotificationKind.MEETING_CANCELLED, case, advisor, view))
            await self._send_founder_invitation(session, case, view, outbox)
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
                            **self._founder_data(view, case.language),
                            "choices": self.choices(case.ref, slots, case.language),
                        },
                    )
                )
                await self._send_founder_invitation(session, case, view, outbox)
            if advisor is not None:
                # The advisor cancelled: only their calendar needs the word.
                outbox.add(
                    self._advisor_note(
                        NotificationKind.MEETING_CANCELLED, case, advisor, view, email_only=True
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

    # --- the session log ---------------------------------------------------------------------

    async def log_session(self, ref: str, draft: SessionDraft, actor: Actor) -> SessionEntry:
        """Log a session of advising on the case (the holder, or staff in scope)."""
        draft = checked_session(draft, self.ctx.today())
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            await ensure_holder(session, case, actor)
            if case.founder_id is None:
                raise MeetingInvalid("the founder's data is erased: nothing more is logged")
            if case.advisor_id is None:
                raise MeetingInvalid("the case has no advisor yet", field="case")
            meeting_id = draft.meeting_id
            if meeting_id is not None:
                meeting = await session.get(Meeting, meeting_id)
                if meeting is None or meeting.case_id != case.id:
                    raise MeetingInvalid("that meeting is not this case's", field="meeting")
            advisor_id = case.advisor_id
            if actor.kind is ActorKind.ADVISOR:
                advisor_id = (await case_rows.active_advisor(session, actor.id or "")).id
            entry = AdvisingSession(
                case_id=case.id,
                advisor_id=advisor_id,
                meeting_id=meeting_id,
                held_on=draft.held_on,
                minutes=draft.minutes,
                kind=draft.kind,
                channel=draft.channel,
                notes=draft.notes or None,
                next_step=draft.next_step or None,
                logged_by=actor.id,
                created_at=now,
            )
            session.add(entry)
            await session.flush()
            self.ctx.event(
                session,
                case,
                actor,
                EventKind.SESSION_LOGGED,
                None,
                {"session": entry.id, "minutes": draft.minutes, "kind": draft.kind},
                now,
            )
            if meeting_id is not None:
                meeting = await session.get(Meeting, meeting_id)
                if meeting is not None and meeting.status == "booked" and meeting.starts_at <= now:
                    meeting.status = "held"
                    meeting.updated_at = now
            entries = await rows.sessions_of_case(session, case.id, with_notes=True)
            return next(e for e in entries if e.id == entry.id)

    async def sessions(self, ref: str, actor: Actor, with_notes: bool) -> list[SessionEntry]:
        """The case's session log. With ``with_notes`` (the holder, the node's managers and
        admins) the notes are read too, and that read is logged on the case."""
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            case = await case_rows.find_case(session, ref)
            await ensure_holder(session, case, actor)
            entries = await rows.sessions_of_case(session, case.id, with_notes)
            if with_notes and any(e.notes or e.next_step for e in entries):
                self.ctx.event(session, case, actor, EventKind.SESSION_NOTES_VIEWED, None, {}, now)
            return entries

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
                    self._founder_data(view, case.language),
                )
            )
        outbox.add(self._advisor_note(NotificationKind.MEETING_REMINDER, case, advisor, view))

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

    @staticmethod
    def _founder_data(view: MeetingView, language: str) -> dict[str, Any]:
        return {
            "meeting_id": view.id,
            "advisor": view.advisor_name,
            "when_text": when(view, language),
            "where_text": where(view, language),
        }

    def _advisor_note(
        self,
        kind: NotificationKind,
        case: Case,
        advisor: Advisor,
        view: MeetingView,
        *,
        moved: bool = False,
        email_only: bool = False,
    ) -> Notification:
        """To the advisor: in Slack (or the console), with the invitation for their email."""
        language = first_language(advisor.languages)
        summary = _summary(view, language)
        data: dict[str, Any] = {
            "meeting_id": view.id,
            "starts_at": view.starts_at.isoformat(),
            "ends_at": view.ends_at.isoformat(),
            "place_kind": view.place_kind,
            "place": view.place,
            "founder": view.founder_name or "",
            "moved": moved,
            "email_only": email_only,
        }
        if advisor.email and kind is not NotificationKind.MEETING_REMINDER:
            data["invitation"] = {
                "to": advisor.email,
                "language": language,
                "ics": meeting_invitation(
                    view,
                    summary=summary,
                    organizer=advisor.email,
                    attendee=None,
                    stamp=self.ctx.clock(),
                ).decode(),
                "when_text": long_moment(view.starts_at.astimezone(STOCKHOLM), language),
                "status": view.status,
            }
        return Notification(kind, Audience.ADVISOR, case.ref, advisor.id, language, data)

    async def _send_founder_invitation(
        self,
        session: AsyncSession,
        case: Case,
        view: MeetingView,
        outbox: Outbox,
    ) -> None:
        """The founder's calendar invitation (or cancellation) by email, when they gave an
        address in the case; their channel has the words already (the turn's reply)."""
        email = (case.answers or {}).get("email")
        if case.founder_id is None or not email:
            return
        advisor = await session.get(Advisor, case.advisor_id) if case.advisor_id else None
        summary = _summary(view, case.language)
        outbox.add(
            Notification(
                NotificationKind.MEETING_BOOKED
                if view.status != "cancelled"
                else NotificationKind.MEETING_CANCELLED,
                Audience.FOUNDER,
                case.ref,
                case.founder_id,
                case.language,
                {
                    **self._founder_data(view, case.language),
                    "email_only": True,
                    "invitation": {
                        "to": str(email),
                        "language": case.language,
                        "ics": meeting_invitation(
                            view,
                            summary=summary,
                            organizer=advisor.email if advisor else None,
                            attendee=str(email),
                            stamp=self.ctx.clock(),
                        ).decode(),
                        "when_text": long_moment(
                            view.starts_at.astimezone(STOCKHOLM), case.language
                        ),
                        "status": view.status,
                    },
                },
            )
        )


def _summary(view: MeetingView, language: str) -> str:
    if language == "en":
        return f"Meeting with Science Park ({view.case_ref})"
    return f"Möte med Science Park ({view.case_ref})"


async def _lock_or_none(session: AsyncSession, ref: str) -> Case | None:
    try:
        return await case_rows.lock_case(session, ref)
    except NotFoundError:
        return None
