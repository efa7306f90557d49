"""Swedish working hours: office hours on weekdays that are not public holidays.

Offer deadlines and reminders are counted in these hours, so an offer made on Friday
afternoon does not expire over the weekend, and none expires on Midsummer Eve.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@functools.cache
def swedish_days_off(year: int) -> frozenset[date]:
    """Public holidays plus the eves everyone takes off (midsommarafton, julafton,
    nyårsafton), which the holidays library lists in its ``de_facto`` category. Taken by
    date only: the library names holidays in the process's language, so a name is never
    looked up (``LANG=sv_SE.UTF-8`` gives "Midsommardagen", not "Midsummer Day")."""
    days = holidays.country_holidays(
        "SE", years=year, include_sundays=False, categories=(holidays.PUBLIC, holidays.DE_FACTO)
    )
    return frozenset(days)


def stockholm_today(now: datetime | None = None) -> date:
    """The date in Sweden at ``now`` (default: this moment)."""
    return (now or datetime.now(UTC)).astimezone(STOCKHOLM).date()


@dataclass(frozen=True)
class WorkingCalendar:
    opens: time = time(8, 0)
    closes: time = time(17, 0)
    zone: ZoneInfo = STOCKHOLM

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in swedish_days_off(day.year)

    def _window(self, day: date) -> tuple[datetime, datetime]:
        return (
            datetime.combine(day, self.opens, self.zone),
            datetime.combine(day, self.closes, self.zone),
        )

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` working hours after ``start`` (timezone-aware, UTC out)."""
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        remaining = timedelta(hours=hours)
        current = start.astimezone(self.zone)
        day = current.date()
        for _ in range(3660):  # ten years of days: far beyond any sensible deadline
            if self.is_working_day(day):
                opens, closes = self._window(day)
                begin = max(current, opens)
                if begin < closes:
                    available = closes - begin
                    if remaining <= available:
                        return (begin + remaining).astimezone(UTC)
                    remaining -= available
            day += timedelta(days=1)
            current = datetime.combine(day, time(0, 0), self.zone)
        raise ValueError(f"{hours} working hours is too far ahead")

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        if end <= start:
            return 0.0
        total = timedelta()
        day = start.astimezone(self.zone).date()
        last = end.astimezone(self.zone).date()
        while day <= last:
            if self.is_working_day(day):
                opens, closes = self._window(day)
                begin, finish = max(start, opens), min(end, closes)
                if finish > begin:
                    total += finish - begin
            day += timedelta(days=1)
        return total.total_seconds() / 3600
