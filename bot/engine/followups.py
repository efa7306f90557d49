"""Follow-ups in the conversation: the founder's yes or no to being asked later how it went
(the question comes with the news that the case closed), their answer to a follow-up, the
organisation number of a company they registered, and — a year and three years after a
start — whether the company still runs and how many people work in it. The workflow (a
``FollowUpDesk``) keeps what they say; nothing is asked without the yes, and one press stops
it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.engine.events import continue_intake
from bot.engine.messages import Inbound, InboundKind
from bot.engine.turn import Turn

PREFIX = "followup:"
CASE_ANSWERS = ("registered", "working", "paused", "help", "stop")
SURVIVAL_ANSWERS = ("running", "closed_down", "help", "stop")
ANSWERS = (*CASE_ANSWERS, *SURVIVAL_ANSWERS[:2])
MAX_REF = 32
MAX_PEOPLE = 100_000


class FollowUpDesk(Protocol):
    async def consent(self, founder_id: int, ref: str, yes: bool) -> str:
        """ "yes", "no" or "unknown" (not the founder's case)."""

    async def answer(self, founder_id: int, ref: str, answer: str) -> str:
        """ "recorded", "already" (this follow-up was answered) or "unknown"."""

    async def company(self, founder_id: int, ref: str, orgnr: str) -> str:
        """ "saved", "invalid" (not an organisation number) or "unknown"."""

    async def people(self, founder_id: int, ref: str, typed: str) -> str:
        """ "saved", "invalid" (not a number), "already" or "unknown"."""


@dataclass(frozen=True)
class FollowUpPress:
    ref: str
    what: str  # yes, no, answer, unknown
    answer: str = ""


def followup_question(ref: str) -> list[dict[str, str]]:
    """The buttons of "May we ask you in a few months how it went?"."""
    return [
        {"id": f"{PREFIX}yes:{ref}", "label_key": "followup.yes"},
        {"id": f"{PREFIX}no:{ref}", "label_key": "followup.no"},
    ]


def followup_answers(ref: str, survival: bool = False) -> list[dict[str, str]]:
    """The buttons of a follow-up (after a start: still running?)."""
    return [
        {"id": f"{PREFIX}answer:{ref}:{a}", "label_key": f"followup.answer.{a}"}
        for a in (SURVIVAL_ANSWERS if survival else CASE_ANSWERS)
    ]


def parse_press(inbound: Inbound) -> FollowUpPress | None:
    if inbound.kind is not InboundKind.CHOICE or not inbound.text.startswith(PREFIX):
        return None
    parts = inbound.text[len(PREFIX) :].split(":")
    ref = parts[1] if len(parts) >= 2 else ""
    if not (ref.isascii() and 0 < len(ref) <= MAX_REF):
        return FollowUpPress("", "unknown")
    if parts[0] in ("yes", "no") and len(parts) == 2:
        return FollowUpPress(ref, parts[0])
    if parts[0] == "answer" and len(parts) == 3 and parts[2] in ANSWERS:
        return FollowUpPress(ref, "answer", parts[2])
    return FollowUpPress("", "unknown")


def say_consent(turn: Turn, result: str) -> None:
    turn.say(
        {"yes": "followup.thanks_yes", "no": "followup.thanks_no"}.get(result, "followup.unknown")
    )


def say_answer(turn: Turn, press: FollowUpPress, result: str) -> None:
    if result == "already":
        turn.say("followup.already")
    elif result != "recorded":
        turn.say("followup.unknown")
    elif press.answer == "registered":
        turn.state.context["followup_orgnr"] = press.ref
        turn.say("followup.ask_orgnr")
    elif press.answer == "running":
        turn.state.context["followup_people"] = press.ref
        turn.say("followup.ask_people")
    else:
        turn.say(f"followup.answered.{press.answer}")


async def play(turn: Turn, desk: FollowUpDesk | None) -> None:
    """A follow-up's consent or answer, or the organisation number (or the number of people
    working in the company) typed after one."""
    founder = turn.state.founder_id
    if desk is None or not turn.state.consent:
        turn.say("followup.unknown")
    elif turn.followup_orgnr is not None:
        ref, typed = turn.followup_orgnr
        saved = await desk.company(founder, ref, typed)
        if saved == "invalid":
            turn.state.context["followup_orgnr"] = ref
            turn.say("followup.bad_orgnr")
        else:
            turn.say("followup.orgnr_saved" if saved == "saved" else "followup.unknown")
    elif turn.followup_people is not None:
        ref, typed = turn.followup_people
        saved = await desk.people(founder, ref, typed)
        if saved == "invalid":
            turn.state.context["followup_people"] = ref
            turn.say("followup.bad_people")
        else:
            turn.say(
                {"saved": "followup.people_saved", "already": "followup.already"}.get(
                    saved, "followup.unknown"
                )
            )
    elif turn.followup_press is not None:
        press = turn.followup_press
        if press.what in ("yes", "no"):
            say_consent(turn, await desk.consent(founder, press.ref, press.what == "yes"))
        elif press.what == "answer":
            say_answer(turn, press, await desk.answer(founder, press.ref, press.answer))
        else:
            turn.say("followup.unknown")
    continue_intake(turn)
