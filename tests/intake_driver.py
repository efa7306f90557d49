"""One intake walk for every test and channel, generated from the flow (intake.yaml).

The walk follows the flow's steps from the consent question to the submitted case: for each
step it checks that the founder is asked that step's question, then answers it the way a
person does on that step's kind (presses the consent button, types a text answer, presses
the vocabulary's labels, confirms the summary). A test says only what is particular to it
(``Answers``); a change to the flow changes every walk at once.

A channel plugs in as a ``Talker``: ``say`` and ``press`` (by the button's label) and
``shows``, which waits until the founder is shown a text (at once on the engine and the web
page; on Telegram, until the emulator has the message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from bot.content import Flow, StepKind, load_flow
from bot.domain import Language


class Talker(Protocol):
    async def say(self, text: str) -> object: ...

    async def press(self, label: str) -> object: ...

    async def shows(self, needle: str) -> str:
        """The text shown since the last action, once it contains ``needle``."""
        ...

    @property
    def buttons(self) -> list[str]:
        """The buttons shown now (only where a step's answer depends on them)."""
        ...


@dataclass(frozen=True)
class Answers:
    name: str = "Anna Andersson"
    place: str = "Huskvarna"
    idea: str = "Jag vill starta ett bageri med surdegsbröd som levereras till kaféer."
    # The sector the founder confirms: None takes the first reading offered.
    sector: str | None = None
    stage: str = "starting"
    needs: tuple[str, ...] = ("financing",)
    contact_method: str = "email"
    email: str = "anna@example.se"
    phone: str = "070-123 45 67"
    language: Language = Language.SV
    # The place may be answered with a guess to confirm ("Menar du …?"): the first offer is
    # taken. None: look at the buttons (talkers that answer at once); False/True: known.
    place_confirm: bool | None = False


_FLOW: Flow | None = None


def flow() -> Flow:
    global _FLOW
    if _FLOW is None:
        _FLOW = load_flow()
    return _FLOW


def question(key: str, language: Language) -> str:
    """A fixed part of a message that asks a step's question (placeholders left out): the
    longest line segment without a placeholder."""
    template = flow().messages[key][language]
    parts = [p.strip() for line in template.splitlines() for p in re.split(r"\{[^}]*\}", line)]
    return max(parts, key=len)


async def complete_intake(
    talker: Talker, answers: Answers = Answers(), *, from_step: str | None = None
) -> str:
    """Walk the intake from the consent question (shown already: after /start or the page
    opened) to the submitted case; returns the last text shown (the case's reference)."""
    f, lang = flow(), answers.language
    step_id = from_step or f.first_step
    shown = ""
    while True:
        step = f.steps[step_id]
        if step.kind is StepKind.FINAL:
            return shown
        assert step.prompt is not None
        await talker.shows(question(step.prompt, lang))
        next_id = step.next
        if step.kind is StepKind.CONSENT:
            await talker.press(f.text("consent.accept", lang))
        elif step.kind is StepKind.TEXT:
            assert step.answer is not None
            await talker.say(str(getattr(answers, step.answer)))
        elif step.kind is StepKind.PLACE:
            await talker.say(answers.place)
            confirm = answers.place_confirm
            if confirm is None:
                confirm = bool(talker.buttons) and talker.buttons[0] == f.text("place.yes", lang)
            if confirm:
                await talker.shows(question("place.confirm", lang))
                await talker.press(talker.buttons[0])
        elif step.kind is StepKind.CHOICE:
            assert step.answer is not None and step.vocabulary is not None
            chosen = str(getattr(answers, step.answer))
            await talker.press(f.vocabulary_label(step.vocabulary, chosen, lang))
            next_id = step.next_by_choice.get(chosen, step.next)
        elif step.kind is StepKind.MULTI_CHOICE:
            assert step.answer is not None and step.vocabulary is not None
            for item in getattr(answers, step.answer):
                await talker.press(f.vocabulary_label(step.vocabulary, item, lang))
                await talker.shows(question(step.prompt, lang))
            await talker.press(f.text("multi.done", lang))
        elif step.kind is StepKind.SECTOR:
            assert step.vocabulary is not None
            if answers.sector is None:
                await talker.press(talker.buttons[0])
            else:
                label = f.vocabulary_label(step.vocabulary, answers.sector, lang)
                if label not in talker.buttons:
                    await talker.press(f.text("sector.other", lang))
                    await talker.shows(question("sector.choose", lang))
                await talker.press(label)
        elif step.kind is StepKind.SUMMARY:
            await talker.press(f.text("summary.confirm", lang))
            shown = await talker.shows(question("submit.done", lang))
        assert next_id is not None, f"step {step_id} leads nowhere for these answers"
        step_id = next_id


class AtOnce:
    """``Talker`` methods for drivers whose answer is there when ``say``/``press`` returns
    (the engine, the web page): ``shows`` checks the last answer's text."""

    @property
    def text(self) -> str:  # pragma: no cover - provided by the class mixed into
        raise NotImplementedError

    async def shows(self, needle: str) -> str:
        text = self.text
        assert needle in text, f"expected {needle!r}, the founder sees: {text!r}"
        return text


def typed_lines(answers: Answers = Answers()) -> list[str]:
    """The same walk as lines typed in `spbot chat` (buttons are answered by number; the
    place is taken as typed, the sector as the first reading), ending with /quit."""
    f = flow()
    lines: list[str] = []
    step_id = f.first_step
    while (step := f.steps[step_id]).kind is not StepKind.FINAL:
        next_id = step.next
        if step.kind in (StepKind.CONSENT, StepKind.SECTOR, StepKind.SUMMARY):
            lines.append("1")
        elif step.kind in (StepKind.TEXT, StepKind.PLACE):
            assert step.answer is not None
            lines.append(str(getattr(answers, step.answer)))
        elif step.kind is StepKind.CHOICE:
            assert step.answer is not None and step.vocabulary is not None
            chosen = str(getattr(answers, step.answer))
            ids = [item.id for item in f.vocabularies[step.vocabulary]]
            lines.append(str(ids.index(chosen) + 1))
            next_id = step.next_by_choice.get(chosen, step.next)
        elif step.kind is StepKind.MULTI_CHOICE:
            assert step.answer is not None and step.vocabulary is not None
            ids = [item.id for item in f.vocabularies[step.vocabulary]]
            lines += [str(ids.index(item) + 1) for item in getattr(answers, step.answer)]
            lines.append(str(len(ids) + 1))  # done
        assert next_id is not None
        step_id = next_id
    return [*lines, "/quit"]


if __name__ == "__main__":  # `python -m tests.intake_driver NAME PLACE IDEA EMAIL`
    import sys

    name, place, idea, email = sys.argv[1:5]
    print("\n".join(typed_lines(Answers(name=name, place=place, idea=idea, email=email))))
