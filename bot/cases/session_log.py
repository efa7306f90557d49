"""The session log: each session of advising on a case (date, minutes, kind, how, notes, next
step), logged by its holder or staff in scope. The notes are personal data: read only with a
logged read (``session_notes_viewed``), erased with the founder; the minutes stay."""

from __future__ import annotations

from datetime import date, timedelta

from bot.cases.actions import (
    SESSION_CHANNELS,
    SESSION_KINDS,
    Actor,
    MeetingInvalid,
    SessionDraft,
    SessionInvalid,
)
from bot.cases.context import CaseContext
from bot.cases.holding import ensure_holder
from bot.domain import ActorKind, EventKind
from bot.records import SessionEntry
from bot.storage import case_rows
from bot.storage import meetings as rows
from bot.storage.models import AdvisingSession, Meeting

MAX_NOTES = 4000
MAX_NEXT_STEP = 1000
MAX_MINUTES = 8 * 60


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


class SessionLog:
    ctx: CaseContext

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
