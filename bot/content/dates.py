"""Month and weekday names for dates people read, in Swedish and English (one place)."""

from __future__ import annotations

from datetime import datetime

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


def month_name(month: int, language: str = "sv") -> str:
    return MONTHS.get(language, MONTHS["sv"])[month - 1]


EN_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SV_DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def short_moment(local: datetime, language: str = "sv") -> str:
    """A local time as a button reads it: "tis 8 dec 10:00", "Tue 8 Dec 10:00"."""
    if language == "en":
        day, month = EN_SHORT_DAYS[local.weekday()], MONTHS["en"][local.month - 1][:3]
        return f"{day} {local.day} {month} {local:%H:%M}"
    day, month = SV_SHORT_DAYS[local.weekday()], SV_SHORT_MONTHS[local.month - 1]
    return f"{day} {local.day} {month} {local:%H:%M}"


def long_moment(local: datetime, language: str = "sv") -> str:
    """A local time in a sentence: "tisdag 8 december kl. 10:00", "Tuesday 8 December at
    10:00"."""
    if language == "en":
        month = month_name(local.month, "en")
        return f"{EN_DAYS[local.weekday()]} {local.day} {month} at {local:%H:%M}"
    return f"{SV_DAYS[local.weekday()]} {local.day} {month_name(local.month)} kl. {local:%H:%M}"
