"""The times a founder is offered to meet their advisor, read from storage (the rule itself
is ``cases/slots.py``): used when an advisor takes a case, by /meeting, and after a cancel."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.calendar import STOCKHOLM, WorkingCalendar
from bot.cases.slots import Hours, choose, free_slots, last_day
from bot.domain import Language
from bot.engine.meetings import choice_id, slot_label, slot_moment
from bot.records import Slot
from bot.storage import meetings as rows
from bot.storage.models import Advisor, MeetingHours


def hours_of_row(row: MeetingHours, node_name: str | None) -> Hours:
    return Hours(
        id=row.id,
        weekday=row.weekday,
        start_minute=row.start_minute,
        end_minute=row.end_minute,
        slot_minutes=row.slot_minutes,
        place_kind=row.place_kind,
        place=row.place,
        node_id=row.node_id,
        node_name=node_name,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
    )


async def free_times(
    session: AsyncSession,
    advisor: Advisor,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    notice_hours: float,
    days: int,
    besides: int | None = None,
) -> list[Slot]:
    """Every free time of the advisor from ``notice_hours`` ahead to ``days`` working days
    ahead (``besides``: a meeting being moved does not stand in its own way)."""
    today = now.astimezone(STOCKHOLM).date()
    hours = [hours_of_row(r, n) for r, n in await rows.hours_of(session, advisor.id)]
    if not hours:
        return []
    return free_slots(
        hours,
        calendar=calendar,
        absent=await rows.absences_of(session, advisor.id, today),
        busy=await rows.busy_of(session, advisor.id, now, besides),
        after=now + timedelta(hours=notice_hours),
        until=last_day(calendar, today, days),
    )


async def offered_times(
    session: AsyncSession,
    advisor: Advisor,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    notice_hours: float,
    days: int,
    limit: int,
    besides: int | None = None,
) -> tuple[Slot, ...]:
    """The times to offer: ``limit`` of the free ones, at the advisor's own node first."""
    free = await free_times(
        session,
        advisor,
        calendar=calendar,
        now=now,
        notice_hours=notice_hours,
        days=days,
        besides=besides,
    )
    home = [
        r.id
        for r, _ in await rows.hours_of(session, advisor.id)
        if r.place_kind == "office" or r.node_id == advisor.node_id
    ]
    return tuple(choose(free, home, limit=limit))


def choices(ref: str, slots: tuple[Slot, ...], language: str) -> list[dict[str, str]]:
    """Times as a notification's buttons, and "none fits" (nothing without times)."""
    if not slots:
        return []
    lang = Language.from_hint(language).value
    return [_time_choice(ref, s, lang) for s in slots] + [
        {"id": f"meet:{ref}:none", "label_key": "meeting.none_fits"}
    ]


def _time_choice(ref: str, slot: Slot, language: str) -> dict[str, str]:
    """A time's button; a video meeting's carries its moment, so that the sender says "video"
    in the founder's language (the workflow has no content at hand)."""
    choice = {"id": choice_id(ref, slot), "label": slot_label(slot, language)}
    if slot.place_kind == "video":
        choice["video_moment"] = slot_moment(slot, language)
    return choice
