"""The optional questions about the founder for the funders' equality reporting: gender, age
band, born in Sweden or abroad — asked once, after the case is opened, only when the region
turns them on, each with "prefer not to say" and one press to skip them all. One press per
answer; the workflow (a ``ProfileDesk``) keeps the latest answer of each, apart from the
idea, for aggregates only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.engine.events import continue_intake
from bot.engine.messages import Choice, Inbound, InboundKind
from bot.engine.turn import Turn

PREFIX = "about:"
UNSAID = "unsaid"
# Asked in this order; each value's label is ``profile.<question>.<value>``.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "gender": ("woman", "man", "other", UNSAID),
    "age_band": ("under_25", "25_34", "35_49", "50_64", "65_plus", UNSAID),
    "born_abroad": ("sweden", "abroad", UNSAID),
}
ORDER = tuple(QUESTIONS)
SKIP = "skip"


class ProfileDesk(Protocol):
    async def wanted(self, founder_id: int) -> bool:
        """Whether to ask this founder (asked once: not when they answered before)."""

    async def record(self, founder_id: int, question: str, value: str) -> str:
        """ "recorded" or "unknown" (the founder is gone)."""


@dataclass(frozen=True)
class ProfilePress:
    question: str  # one of QUESTIONS, SKIP, or "unknown"
    value: str = ""


def parse_press(inbound: Inbound) -> ProfilePress | None:
    if inbound.kind is not InboundKind.CHOICE or not inbound.text.startswith(PREFIX):
        return None
    rest = inbound.text[len(PREFIX) :]
    if rest == SKIP:
        return ProfilePress(SKIP)
    question, _, value = rest.partition(":")
    if value not in QUESTIONS.get(question, ()):
        return ProfilePress("unknown")
    return ProfilePress(question, value)


def ask(turn: Turn, question: str, first: bool = False) -> None:
    """One question with its answers as buttons, "prefer not to say" last, then "skip"."""
    choices = [
        Choice(f"{PREFIX}{question}:{v}", turn.text(f"profile.{question}.{v}"))
        for v in QUESTIONS[question]
    ]
    choices.append(Choice(f"{PREFIX}{SKIP}", turn.text("profile.skip")))
    if first:
        turn.say("profile.why")
    turn.say(f"profile.{question}", *choices)


async def offer(turn: Turn, desk: ProfileDesk | None) -> None:
    """After the case is opened: the first question, when the region asks and the founder has
    not answered before."""
    if desk is not None and await desk.wanted(turn.state.founder_id):
        ask(turn, ORDER[0], first=True)


async def play(turn: Turn, desk: ProfileDesk | None) -> None:
    """An answer (or "skip"), then the next question or thanks."""
    press = turn.profile_press
    if press is None:
        return
    if press.question == SKIP:
        turn.say("profile.skipped")
    elif (
        press.question == "unknown"
        or desk is None
        or await desk.record(turn.state.founder_id, press.question, press.value) != "recorded"
    ):
        turn.say("profile.unknown")
    else:
        later = ORDER[ORDER.index(press.question) + 1 :]
        if later:
            ask(turn, later[0])
        else:
            turn.say("profile.thanks")
    continue_intake(turn)
