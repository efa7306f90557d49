"""The rows of meetings: advisors' meeting hours, booked meetings, the session log and the
advisors' calendar feeds. Read and written inside the workflow's transactions
(``bot/cases/meetings.py`` decides; this module only reads and writes)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import TimerKind
from bot.records import MeetingView, SessionEntry
from bot.storage.models import (
    AdvisingSession,
    Advisor,
    AdvisorAbsence,
    Case,
    Meeting,
    MeetingHours,
    Node,
    Timer,
)

ON = ("booked", "held")  # a meeting that holds its time


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def hours_of(session: AsyncSession, advisor_id: int) -> list[tuple[MeetingHours, str | None]]:
    """The advisor's meeting hours, each with the name of the node it is at."""
    rows = await session.execute(
        select(MeetingHours, Node.name)
        .outerjoin(Node, Node.id == MeetingHours.node_id)
        .where(MeetingHours.advisor_id == advisor_id)
        .order_by(MeetingHours.weekday, MeetingHours.start_minute, MeetingHours.id)
    )
    return [(row, name) for row, name in rows]


async def absences_of(
    session: AsyncSession, advisor_id: int, since: date
) -> list[tuple[date, date]]:
    rows = await session.execute(
        select(AdvisorAbsence.starts_on, AdvisorAbsence.ends_on).where(
            AdvisorAbsence.advisor_id == advisor_id, AdvisorAbsence.ends_on >= since
        )
    )
    return [(a, b) for a, b in rows]


async def busy_of(
    session: AsyncSession, advisor_id: int, since: datetime, besides: int | None = None
) -> list[tuple[datetime, datetime]]:
    """The times of the advisor's meetings that are on, from ``since`` (``besides``: a
    meeting being moved does not stand in its own way)."""
    query = select(Meeting.starts_at, Meeting.ends_at).where(
        Meeting.advisor_id == advisor_id, Meeting.status.in_(ON), Meeting.ends_at > since
    )
    if besides is not None:
        query = query.where(Meeting.id != besides)
    return [(s, e) for s, e in await session.execute(query)]


async def lock_advisor(session: AsyncSession, advisor_id: int) -> Advisor | None:
    """The advisor's row locked for this transaction: bookings of one advisor's time queue
    up (``FOR UPDATE`` on PostgreSQL; SQLite's writers are one at a time anyway)."""
    return await session.get(Advisor, advisor_id, with_for_update=True)


async def upcoming_of_case(session: AsyncSession, case_id: int, now: datetime) -> Meeting | None:
    """The case's next booked meeting, if any."""
    return await session.scalar(
        select(Meeting)
        .where(Meeting.case_id == case_id, Meeting.status == "booked", Meeting.ends_at > now)
        .order_by(Meeting.starts_at)
        .limit(1)
    )


async def meetings_of_case(session: AsyncSession, case_id: int) -> Sequence[Meeting]:
    return (
        await session.scalars(
            select(Meeting).where(Meeting.case_id == case_id).order_by(Meeting.starts_at)
        )
    ).all()


async def view(session: AsyncSession, meeting: Meeting, with_founder: bool = False) -> MeetingView:
    advisor = await session.get(Advisor, meeting.advisor_id)
    case = await session.get(Case, meeting.case_id)
    node = await session.get(Node, advisor.node_id) if advisor else None
    founder_name = None
    if with_founder and case is not None and case.founder_id is not None:
        founder_name = (case.answers or {}).get("name")
    return MeetingView(
        id=meeting.id,
        uid=meeting.uid,
        case_ref=case.ref if case else "",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place_kind=meeting.place_kind,
        place=meeting.place,
        status=meeting.status,
        sequence=meeting.sequence,
        advisor_name=advisor.name if advisor else "",
        advisor_key=advisor.key if advisor else "",
        node_name=node.name if node else None,
        founder_name=str(founder_name) if founder_name else None,
    )


async def feed_meetings(
    session: AsyncSession, advisor_id: int, since: datetime
) -> list[MeetingView]:
    """An advisor's meetings for their calendar feed: everything from ``since``, cancelled
    ones too (a calendar client learns of a cancellation from its STATUS)."""
    rows = (
        await session.scalars(
            select(Meeting)
            .where(Meeting.advisor_id == advisor_id, Meeting.ends_at >= since)
            .order_by(Meeting.starts_at)
        )
    ).all()
    return [await view(session, m) for m in rows]


async def advisor_by_feed(session: AsyncSession, token: str) -> Advisor | None:
    if not token or len(token) > 128:
        return None
    return await session.scalar(
        select(Advisor).where(Advisor.calendar_token_hash == token_hash(token))
    )


def arm_reminder(session: AsyncSession, meeting: Meeting, due_at: datetime) -> None:
    session.add(
        Timer(
            kind=TimerKind.MEETING_REMINDER.value,
            case_id=meeting.case_id,
            meeting_id=meeting.id,
            due_at=due_at,
        )
    )


async def disarm_reminders(session: AsyncSession, meeting_id: int, now: datetime) -> None:
    await session.execute(
        update(Timer)
        .where(Timer.meeting_id == meeting_id, Timer.fired_at.is_(None))
        .values(fired_at=now)
    )


async def sessions_of_case(
    session: AsyncSession, case_id: int, with_notes: bool
) -> list[SessionEntry]:
    rows = await session.execute(
        select(AdvisingSession, Advisor.name, Case.ref, Case.founder_id)
        .join(Advisor, Advisor.id == AdvisingSession.advisor_id)
        .join(Case, Case.id == AdvisingSession.case_id)
        .where(AdvisingSession.case_id == case_id)
        .order_by(AdvisingSession.held_on, AdvisingSession.id)
    )
    return [
        SessionEntry(
            id=entry.id,
            case_ref=ref,
            held_on=entry.held_on,
            minutes=entry.minutes,
            kind=entry.kind,
            channel=entry.channel,
            advisor_name=name,
            notes=entry.notes if with_notes else None,
            next_step=entry.next_step if with_notes else None,
            erased=founder_id is None,
        )
        for entry, name, ref, founder_id in rows
    ]


async def node_id_of(session: AsyncSession, slug: str) -> int | None:
    id_: int | None = await session.scalar(select(Node.id).where(Node.slug == slug.strip()))
    return id_
