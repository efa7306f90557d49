"""Month and weekday names for dates people read (one place). Swedish and English are
written here in the house's own patterns ("tis 8 dec 10:00", "tisdag 8 december kl. 10:00");
the founders' further languages take their names and word order from the Unicode CLDR (by
Babel), which native speakers review — not from our own drafts."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from babel import Locale
from babel.dates import format_datetime, match_skeleton

MONTHS = {
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
SV_SHORT_MONTHS = tuple(m[:3] for m in MONTHS["sv"])  # jan feb mar … (maj, okt, dec)
SV_SHORT_DAYS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
EN_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SV_DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def _cldr_date(local: datetime, locale: Locale, skeleton: str, weekday_in_full: bool) -> str:
    pattern = str(locale.datetime_skeletons[match_skeleton(skeleton, locale.datetime_skeletons)])
    if weekday_in_full:
        pattern = re.sub(r"E+", "EEEE", pattern)
    return format_datetime(local, pattern, locale=locale)


def _cldr(local: datetime, language: str, skeleton: str, weekday_in_full: bool = False) -> str:
    """The date by the locale's pattern for a CLDR skeleton (its weekday written out when
    asked: CLDR patterns abbreviate it), joined to the 24-hour clock the locale's way
    ("{1}، ساعت {0}")."""
    locale = _locale(language)
    date = _cldr_date(local, locale, skeleton, weekday_in_full)
    join = str(locale.datetime_formats["long"]).replace("'", "")
    return join.replace("{1}", date).replace("{0}", f"{local:%H:%M}")


def month_name(month: int, language: str = "sv") -> str:
    if language in MONTHS:
        return MONTHS[language][month - 1]
    return str(_locale(language).months["stand-alone"]["wide"][month])


def short_moment(local: datetime, language: str = "sv") -> str:
    """A local time as a button reads it: "tis 8 dec 10:00", "Tue 8 Dec 10:00",
    "wt., 8 gru 10:00"."""
    if language == "en":
        day, month = EN_SHORT_DAYS[local.weekday()], MONTHS["en"][local.month - 1][:3]
        return f"{day} {local.day} {month} {local:%H:%M}"
    if language == "sv":
        day, month = SV_SHORT_DAYS[local.weekday()], SV_SHORT_MONTHS[local.month - 1]
        return f"{day} {local.day} {month} {local:%H:%M}"
    return _cldr(local, language, "MMMEd")


def long_moment(local: datetime, language: str = "sv") -> str:
    """A local time in a sentence: "tisdag 8 december kl. 10:00", "Tuesday 8 December at
    10:00", "الثلاثاء، 8 ديسمبر، 10:00"."""
    if language == "en":
        month = month_name(local.month, "en")
        return f"{EN_DAYS[local.weekday()]} {local.day} {month} at {local:%H:%M}"
    if language == "sv":
        return f"{SV_DAYS[local.weekday()]} {local.day} {month_name(local.month)} kl. {local:%H:%M}"
    return _cldr(local, language, "MMMMEd", weekday_in_full=True)


def long_day(local: datetime, language: str = "sv") -> str:
    """A day in a sentence: "tisdag 8 december", "Tuesday 8 December", "wtorek, 8 grudnia"."""
    if language == "en":
        return f"{EN_DAYS[local.weekday()]} {local.day} {month_name(local.month, 'en')}"
    if language == "sv":
        return f"{SV_DAYS[local.weekday()]} {local.day} {month_name(local.month)}"
    return _cldr_date(local, _locale(language), "MMMMEd", weekday_in_full=True)


def day_and_time(local: datetime, language: str = "sv") -> str:
    """A day of this year and its time, as an event list reads it: "8 december kl. 18:00",
    "8 December at 18:00", "8 grudnia 18:00"."""
    if language == "sv":
        return f"{local.day} {month_name(local.month)} kl. {local:%H:%M}"
    if language == "en":
        return f"{local.day} {month_name(local.month, 'en')} at {local:%H:%M}"
    return _cldr(local, language, "MMMMd")
