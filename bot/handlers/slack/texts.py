"""Staff-facing texts in Slack for refusals and errors. A person sees a sentence chosen by
the error's code, never an exception's own text (the log gets the detail)."""

from __future__ import annotations

import logging

from bot.domain import SpbotError

log = logging.getLogger(__name__)

NOT_ALLOWED = "Sorry, that is for coordinators only. Ask a coordinator if you need this."
NOT_ON_ROSTER = "You are not on the advisor roster, so there is nothing here for you to do."
NOT_YOURS = "That case is not yours."
# A roster member who writes to the app: what they can do here (not the founder intake).
STAFF_HELP = (
    "Hej {name}! Du finns i rådgivarlistan, så här får du inte grundarnas intag utan "
    "personalens verktyg:\n"
    "• Nya ärenden kommer som kort här i Slack: *Ta ärendet* eller *Tacka nej*.\n"
    "• Dina ärenden finns under fliken *Hem* i appen: markera kontakt, coachning, avsluta.\n"
    "• */spbot away FRÅN TILL* när du är borta; */spbot workload* och */spbot rebalance* "
    "för samordnare.\n"
    "• Allt detta och resultaten finns också i personalkonsolen{console}.\n\n"
    "_Hi {name}! You are on the advisor roster, so here you get the staff tools rather than "
    "the founder intake: offers arrive as cards here, your cases are on the app's Home tab, "
    "and /spbot covers absences and coordination; the staff console has it all{console}._"
)


def _details(exc: SpbotError, key: str) -> str:
    return str(exc.details.get(key, "")).replace("&", "&amp;").replace("<", "&lt;")


def error_text(exc: SpbotError) -> str:
    """One clear sentence for a product error, by its code."""
    code = exc.code
    if code == "not_found":
        if "ref" in exc.details:
            return f"There is no case with reference {_details(exc, 'ref')}."
        if "advisor" in exc.details:
            return f"There is no active advisor '{_details(exc, 'advisor')}'."
        return "That no longer exists."
    if code == "not_allowed":
        return NOT_YOURS if "ref" in exc.details else "This lead was offered to another advisor."
    if code == "already_taken":
        return f"This lead is no longer open ({_details(exc, 'status')})."
    if code == "already_assigned":
        return f"{_details(exc, 'ref')} is already with {_details(exc, 'advisor')}."
    if code == "invalid_transition":
        return (
            f"{_details(exc, 'ref')} is {_details(exc, 'current')}: it cannot become "
            f"{_details(exc, 'target')}."
        )
    if code == "absence_invalid":
        return "The absence ends before it starts."
    if code == "proposal_used":
        return "That rebalancing was applied already."
    if code in ("unknown_outcome", "unknown_decline_reason"):
        return "That choice is not one of the options."
    log.warning("no Slack text for error code %s", code)
    return "Sorry, that could not be done. Please try again or ask a coordinator."
