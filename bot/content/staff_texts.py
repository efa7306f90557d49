"""Every text the staff console shows, in Swedish (the default) and English: one catalog
(kept by area in ``staff_catalog/``), looked up by key. A key missing in a language falls back
to Swedish; a key missing in both is shown as itself (a test checks that every key the
templates use exists in both)."""

from __future__ import annotations

from bot.content.staff_catalog import cases, common, meetings, records, reports, slack

LANGUAGES = ("sv", "en")

# key: (Swedish, English)
CATALOG: dict[str, tuple[str, str]] = {
    **common.TEXTS,
    **cases.TEXTS,
    **meetings.TEXTS,
    **records.TEXTS,
    **reports.TEXTS,
    **slack.TEXTS,
}


def staff_text(key: str, language: str = "sv", **values: object) -> str:
    pair = CATALOG.get(key)
    if pair is None:
        return key
    text = pair[1] if language == "en" and pair[1] else pair[0]
    if values:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
    return text
