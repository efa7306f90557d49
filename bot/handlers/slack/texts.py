"""Staff-facing texts in Slack, from the one staff catalog (``bot/content/staff_catalog/
slack.py``) in Swedish (the default) and English, by the reader's language; dates as
Slack's date tokens, so each reader sees their own locale and time zone. A person sees a
sentence chosen by an error's code, never an exception's own text (the log gets it)."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.cases.calendar import STOCKHOLM
from bot.content.dates import SV_SHORT_DAYS, SV_SHORT_MONTHS
from bot.content.staff_texts import staff_text
from bot.domain import SpbotError
from bot.records import StaffMember

log = logging.getLogger(__name__)


def t(key: str, lang: str = "sv", **values: object) -> str:
    return staff_text(f"slack.{key}", lang, **values)


def lang_of(member: StaffMember | None) -> str:
    return member.language if member is not None else "sv"


def slack_date(iso: str | datetime | None, lang: str = "sv") -> str:
    """``<!date^…>``: Slack shows it in the reader's own locale and time zone; the fallback
    (for clients that cannot) is Swedish time, written in the reader's language."""
    if not iso:
        return "–"
    moment = iso if isinstance(iso, datetime) else datetime.fromisoformat(iso)
    local = moment.astimezone(STOCKHOLM)
    if lang == "sv":
        fallback = (
            f"{SV_SHORT_DAYS[local.weekday()]} {local.day} {SV_SHORT_MONTHS[local.month - 1]} "
            f"kl. {local:%H:%M} (svensk tid)"
        )
    else:
        fallback = f"{local:%a %d %b %H:%M} (Swedish time)"
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def _details(exc: SpbotError, key: str) -> str:
    return str(exc.details.get(key, "")).replace("&", "&amp;").replace("<", "&lt;")


def error_text(exc: SpbotError, lang: str = "sv") -> str:
    """One clear sentence for a product error, by its code."""
    code = exc.code
    d = {k: _details(exc, k) for k in ("ref", "advisor", "status", "current", "target")}
    if code == "not_found":
        if "ref" in exc.details:
            return t("err.no_case", lang, ref=d["ref"])
        if "advisor" in exc.details:
            return t("err.no_advisor", lang, advisor=d["advisor"])
        return t("err.gone", lang)
    if code == "not_allowed":
        return t("not_yours", lang) if "ref" in exc.details else t("offered_to_other", lang)
    simple = {
        "already_taken": "err.taken",
        "already_assigned": "err.assigned",
        "invalid_transition": "err.transition",
        "absence_invalid": "err.absence",
        "proposal_used": "err.proposal_used",
        "unknown_outcome": "err.choice",
        "unknown_decline_reason": "err.choice",
    }
    if code in simple:
        return t(simple[code], lang, **d)
    log.warning("no Slack text for error code %s", code)
    return t("err.generic", lang)
