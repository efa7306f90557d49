"""Free meeting slots from an advisor's weekly meeting hours, without storage: the hours cut
into slots on Swedish working days (the same calendar as the offers: no weekends, public
holidays or the eves everyone takes off), minus the advisor's absences and the meetings
already booked, within a window of working days. One place for the rule, used to offer
times and to check a time someone asks for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from bot.cases.calendar import STOCKHOLM, WorkingCalendar
from bot.domain import SpbotError
from bot.records import Slot

PLACE_KINDS = ("office", "node", "video")
SLOT_MINUTES = (15, 20, 30, 45, 60, 90, 120)
EARLIEST = 7 * 60  # 07:00: hours outside 07–20 are most likely a typing mistake
LATEST = 20 * 60
MAX_PLACE = 300


class HoursInvalid(SpbotError):
    """Meeting hours that cannot be kept; ``field`` names the form field."""

    code = "hours_invalid"


@dataclass(frozen=True)
class Hours:
    """One weekly block of an advisor's meeting hours (a row of ``meeting_hours``)."""

    id: int
    weekday: int  # 0 Monday … 4 Friday
    start_minute: int
    end_minute: int
    slot_minutes: int
    place_kind: str
    place: str
    node_id: int | None = None
    node_name: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def applies_on(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or day >= self.valid_from)
            and (self.valid_until is None or day <= self.valid_until)
        )

    def starts_on(self, day: date) -> list[datetime]:
        """The local start of every slot that fits in the block on ``day``."""
        out: list[datetime] = []
        minute = self.start_minute
        while minute + self.slot_minutes <= self.end_minute:
            out.append(datetime.combine(day, time(minute // 60, minute % 60), STOCKHOLM))
            minute += self.slot_minutes
        return out

    def slot(self, local_start: datetime) -> Slot:
        starts = local_start.astimezone(STOCKHOLM)
        return Slot(
            hours_id=self.id,
            starts_at=starts.astimezone(UTC),
            ends_at=(starts + timedelta(minutes=self.slot_minutes)).astimezone(UTC),
            place_kind=self.place_kind,
            place=self.place,
            node_name=self.node_name if self.place_kind != "video" else None,
        )


def check_hours(
    weekday: int, start_minute: int, end_minute: int, slot_minutes: int, place_kind: str, place: str
) -> str:
    """Raise ``HoursInvalid`` for hours that cannot be kept; the place, tidied, otherwise."""
    if weekday not in range(5):
        raise HoursInvalid("meeting hours are on a weekday, Monday to Friday", field="weekday")
    if not EARLIEST <= start_minute < end_minute <= LATEST:
        raise HoursInvalid("the hours run between 07:00 and 20:00, start before end", field="start")
    if slot_minutes not in SLOT_MINUTES:
        raise HoursInvalid("a slot is 15, 20, 30, 45, 60, 90 or 120 minutes", field="slot")
    if end_minute - start_minute < slot_minutes:
        raise HoursInvalid("the hours are shorter than one slot", field="end")
    if place_kind not in PLACE_KINDS:
        raise HoursInvalid("the place is an office, a node or video", field="place_kind")
    place = " ".join(place.split())
    if not place or len(place) > MAX_PLACE or not place.isprintable():
        raise HoursInvalid("say where: an address, or the video link", field="place")
    if place_kind == "video":
        parts = urlsplit(place)
        if parts.scheme != "https" or not parts.netloc:
            raise HoursInvalid("a video meeting needs its https:// link", field="place")
    return place


def last_day(calendar: WorkingCalendar, today: date, working_days: int) -> date:
    """The ``working_days``-th working day after ``today``."""
    day, counted = today, 0
    while counted < working_days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def free_slots(
    hours: Iterable[Hours],
    *,
    calendar: WorkingCalendar,
    absent: Sequence[tuple[date, date]],
    busy: Sequence[tuple[datetime, datetime]],
    after: datetime,
    until: date,
) -> list[Slot]:
    """Every free slot that starts after ``after`` on a working day up to ``until`` (that
    day included), the advisor not absent and nothing booked over it; in time order."""
    blocks = list(hours)
    out: list[Slot] = []
    day = after.astimezone(STOCKHOLM).date()
    while day <= until:
        if calendar.is_working_day(day) and not any(a <= day <= b for a, b in absent):
            for block in blocks:
                if not block.applies_on(day):
                    continue
                for local in block.starts_on(day):
                    slot = block.slot(local)
                    if slot.starts_at <= after:
                        continue
                    if any(s < slot.ends_at and slot.starts_at < e for s, e in busy):
                        continue
                    out.append(slot)
        day += timedelta(days=1)
    out.sort(key=lambda s: (s.starts_at, s.hours_id))
    return out


def choose(
    slots: Sequence[Slot], home: Iterable[int], limit: int = 5, per_day: int = 2
) -> list[Slot]:
    """The slots to offer: at the advisor's own node first (``home``: those hours' ids), at
    most ``per_day`` a day so the founder has days to choose between, then the rest; in
    time order."""
    home_ids = set(home)
    picked: list[Slot] = []
    days: dict[date, int] = {}
    ordered = sorted(slots, key=lambda s: (s.hours_id not in home_ids, s.starts_at))
    for relax in (False, True):
        for slot in ordered:
            if len(picked) >= limit:
                break
            day = slot.starts_at.astimezone(STOCKHOLM).date()
            if slot in picked or (not relax and days.get(day, 0) >= per_day):
                continue
            if any(p.starts_at == slot.starts_at for p in picked):
                continue  # one time once: the founder picks a time, not a room
            picked.append(slot)
            days[day] = days.get(day, 0) + 1
    return sorted(picked, key=lambda s: s.starts_at)


def slot_key(advisor_id: int, starts_at: datetime) -> str:
    """What makes a slot one: the advisor and the moment (unique among meetings on)."""
    return f"{advisor_id}@{starts_at.astimezone(UTC):%Y%m%dT%H%M}"
