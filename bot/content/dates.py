"""Month and weekday names for dates people read, in Swedish and English (one place)."""

from __future__ import annotations

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
