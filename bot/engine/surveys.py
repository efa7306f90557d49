"""The founder's satisfaction survey in the conversation: how useful the help was (1–5), whether
they would recommend it (yes, maybe, no), and anything they want to tell us (or skip). Each
answer is one press (or one message); the workflow (a ``SurveyDesk``) keeps it once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.engine.events import continue_intake
from bot.engine.messages import Choice, Inbound, InboundKind
from bot.engine.turn import Turn

PREFIX = "survey:"
QUESTIONS = {"useful": ("1", "2", "3", "4", "5"), "recommend": ("yes", "maybe", "no")}
MAX_REF = 32


class SurveyDesk(Protocol):
    async def answer(self, founder_id: int, ref: str, question: str, value: str) -> str:
        """ "recorded", "already" (answered before) or "unknown"."""


@dataclass(frozen=True)
class SurveyPress:
    ref: str
    question: str  # useful, recommend, comment (skip), unknown
    value: str = ""


def useful_choices(ref: str) -> list[dict[str, str]]:
    return [
        {"id": f"{PREFIX}{ref}:useful:{v}", "label_key": f"survey.useful.{v}"}
        for v in QUESTIONS["useful"]
    ]


def parse_press(inbound: Inbound) -> SurveyPress | None:
    if inbound.kind is not InboundKind.CHOICE or not inbound.text.startswith(PREFIX):
        return None
    parts = inbound.text[len(PREFIX) :].split(":")
    if len(parts) != 3 or not (parts[0].isascii() and 0 < len(parts[0]) <= MAX_REF):
        return SurveyPress("", "unknown")
    ref, question, value = parts
    if question == "comment" and value == "skip":
        return SurveyPress(ref, "comment", "")
    if value not in QUESTIONS.get(question, ()):
        return SurveyPress("", "unknown")
    return SurveyPress(ref, question, value)


def next_question(turn: Turn, press: SurveyPress, result: str) -> None:
    """After an answer: the next question, or thanks."""
    if result == "already":
        turn.say("survey.already")
    elif result != "recorded":
        turn.say("survey.unknown")
    elif press.question == "useful":
        turn.say(
            "survey.recommend",
            *[
                Choice(f"{PREFIX}{press.ref}:recommend:{v}", turn.text(f"survey.recommend.{v}"))
                for v in QUESTIONS["recommend"]
            ],
        )
    elif press.question == "recommend":
        turn.state.context["survey_comment"] = press.ref
        turn.say(
            "survey.comment",
            Choice(f"{PREFIX}{press.ref}:comment:skip", turn.text("survey.skip")),
        )
    else:
        turn.say("survey.thanks")


async def play(turn: Turn, desk: SurveyDesk | None) -> None:
    """An answer to the survey (a press, or the comment typed), then the next question."""
    press = turn.survey_press
    if press is None:
        return
    result = (
        await desk.answer(turn.state.founder_id, press.ref, press.question, press.value)
        if desk is not None and press.question != "unknown"
        else "unknown"
    )
    next_question(turn, press, result)
    continue_intake(turn)
