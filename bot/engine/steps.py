"""How each kind of step asks its question and takes its answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bot.content.schema import StepKind
from bot.domain import AuditKind, ConversationStatus, Language, PlaceCandidate, PlaceStatus
from bot.engine.messages import Choice, Inbound, InboundKind
from bot.engine.ports import PlaceResolver
from bot.engine.turn import Turn
from bot.engine.validation import clean_text, validate

MAX_PLACE_CHOICES = 6
MAX_READINGS = 3  # readings of an idea offered as buttons (then "something else")
OTHER = "_other"


def is_number(text: str) -> bool:
    """Plain ASCII digits only ("²" and "٣" are digits to Python but not to int())."""
    return text.isascii() and text.isdigit()


def language_choices(turn: Turn, prefix: str, every: bool = False) -> list[Choice]:
    """A button for each language of the flow the founder is not using (``every``: all of
    them), each offered in its own words ("In English, please", "بالعربية من فضلك")."""
    return [
        Choice(f"{prefix}{lang.value}", turn.flow.text("language.switch_to", lang))
        for lang in turn.flow.languages
        if every or lang is not turn.language
    ]


def ask(turn: Turn) -> None:
    """Append the current step's question (with its choices) to the replies."""
    step = turn.step
    state = turn.state
    sid = state.step
    pending = state.context.get("pending")
    if step.kind is StepKind.FINAL:
        return
    if step.kind is StepKind.CONSENT:
        turn.say(
            step.prompt or "",
            turn.choice(f"{sid}:accept", "consent.accept"),
            turn.choice(f"{sid}:decline", "consent.decline"),
            *language_choices(turn, f"{sid}:lang_"),
        )
    elif step.kind is StepKind.PLACE and pending:
        _ask_place_pending(turn, pending)
    elif step.kind is StepKind.CHOICE:
        assert step.vocabulary
        turn.say(step.prompt or "", *turn.vocabulary_choices(sid, step.vocabulary))
    elif step.kind is StepKind.MULTI_CHOICE:
        _ask_multi(turn)
    elif step.kind is StepKind.SECTOR:
        _ask_sector(turn)
    elif step.kind is StepKind.SUMMARY:
        _ask_summary(turn)
    else:
        turn.say(step.prompt or "")
        if step.validate_ is not None:
            turn.replies[-1] = replace(turn.replies[-1], max_length=step.validate_.max_length)


def take(turn: Turn, inbound: Inbound, places: PlaceResolver) -> None:
    """Apply the founder's answer to the current step, then ask what comes next."""
    kind = turn.step.kind
    handler: Callable[[Turn, Inbound], None] = {
        StepKind.CONSENT: _take_consent,
        StepKind.TEXT: _take_text,
        StepKind.PLACE: lambda t, i: _take_place(t, i, places),
        StepKind.CHOICE: _take_choice,
        StepKind.MULTI_CHOICE: _take_multi,
        StepKind.SECTOR: _take_sector,
        StepKind.SUMMARY: _take_summary,
        StepKind.FINAL: lambda t, i: None,
    }[kind]
    handler(turn, inbound)


def choice_from(turn: Turn, inbound: Inbound, choices: list[Choice]) -> str | None:
    """The id of the choice the founder made: a pressed button, or a typed label or number."""
    if inbound.kind is InboundKind.CHOICE:
        return inbound.text if any(c.id == inbound.text for c in choices) else None
    typed = clean_text(inbound.text).casefold().rstrip(".!")
    if not typed:
        return None
    if is_number(typed) and 1 <= int(typed) <= len(choices):
        return choices[int(typed) - 1].id
    for choice in choices:
        if typed in (choice.label.casefold(), choice.id.split(":")[-1].casefold()):
            return choice.id
    return None


def _reask(turn: Turn, error: str = "error.use_buttons", **values: object) -> None:
    turn.say_error(error, values)
    ask(turn)


def _advance(turn: Turn, choice_id: str | None = None) -> None:
    turn.complete_step(choice_id)
    if turn.step.kind is StepKind.FINAL:
        turn.submit = True
        return
    ask(turn)


# --- consent -----------------------------------------------------------------------------


def _take_consent(turn: Turn, inbound: Inbound) -> None:
    sid = turn.state.step
    options = [
        turn.choice(f"{sid}:accept", "consent.accept"),
        turn.choice(f"{sid}:decline", "consent.decline"),
        *language_choices(turn, f"{sid}:lang_", every=True),
    ] + [Choice(f"{sid}:lang_{lang.value}", lang.value) for lang in turn.flow.languages]
    picked = choice_from(turn, inbound, options)
    if picked == f"{sid}:accept":
        turn.state.consent = True
        _advance(turn)
    elif picked == f"{sid}:decline":
        turn.erase = True
        turn.erase_why = AuditKind.CONSENT_DECLINED
        turn.say("consent.declined")
    elif picked and picked.startswith(f"{sid}:lang_"):
        turn.state.language = Language(picked.rsplit("_", 1)[1])
        ask(turn)
    else:
        _reask(turn)


# --- free text ---------------------------------------------------------------------------


def _take_text(turn: Turn, inbound: Inbound) -> None:
    step = turn.step
    assert step.validate_ and step.answer
    if inbound.kind is InboundKind.CHOICE:
        _reask(turn, "error.empty")
        return
    verdict = validate(step.validate_, inbound.text)
    if not verdict.ok:
        assert verdict.error
        turn.say_error(verdict.error, verdict.values)
        if verdict.error != step.validate_.follow_up:  # a follow-up question stands alone
            ask(turn)
        return
    turn.state.answers[step.answer] = verdict.value
    _advance(turn)


# --- place -------------------------------------------------------------------------------


def _candidate_dict(c: PlaceCandidate, typed: str) -> dict[str, Any]:
    return {
        "municipality_code": c.municipality_code,
        "municipality": c.municipality,
        "locality": c.locality,
        "input": typed,
    }


def _label(p: dict[str, Any]) -> str:
    """A stored place answer shown the way ``PlaceCandidate.label`` shows a candidate."""
    return PlaceCandidate(p["municipality_code"], p["municipality"], p.get("locality")).label


def _ask_place_pending(turn: Turn, pending: dict[str, Any]) -> None:
    sid = turn.state.step
    candidates = pending["candidates"]
    if pending["mode"] == "confirm":
        turn.say(
            "place.confirm",
            turn.choice(f"{sid}:yes", "place.yes"),
            turn.choice(f"{sid}:no", "place.no"),
            place=_label(candidates[0]),
        )
    elif pending["mode"] == "choose":
        choices = [Choice(f"{sid}:{i}", _label(c)) for i, c in enumerate(candidates)]
        choices.append(turn.choice(f"{sid}:none", "place.none_of_these"))
        turn.say("place.ambiguous", *choices)
    else:  # out of region
        turn.say(
            "place.out_of_region",
            turn.choice(f"{sid}:retry", "place.try_another"),
            turn.choice(f"{sid}:finish", "place.finish"),
            place=_label(candidates[0]),
        )


def _take_place(turn: Turn, inbound: Inbound, places: PlaceResolver) -> None:
    state, step = turn.state, turn.step
    assert step.answer
    pending = state.context.get("pending")
    if pending and (
        inbound.kind is InboundKind.CHOICE or _is_pending_answer(turn, inbound, pending)
    ):
        _take_place_choice(turn, inbound, pending)
        return
    if inbound.kind is InboundKind.CHOICE:
        _reask(turn, "error.empty")
        return
    text = clean_text(inbound.text)
    if not text:
        _reask(turn, "error.empty")
        return
    if len(text) > 200:
        _reask(turn, "error.too_long", max=200)
        return
    result = places.resolve(text)
    typed = text
    if result.status is PlaceStatus.RESOLVED and result.best and result.exact:
        state.answers[step.answer] = _candidate_dict(result.best, typed)
        state.context.pop("pending", None)
        _advance(turn)
        return
    if result.status is PlaceStatus.RESOLVED and result.best:
        mode, cands = "confirm", [result.best]
    elif result.status is PlaceStatus.AMBIGUOUS and result.candidates:
        mode, cands = "choose", list(result.candidates[:MAX_PLACE_CHOICES])
    elif result.status is PlaceStatus.OUT_OF_REGION and result.best:
        mode, cands = "out_of_region", [result.best]
    else:
        state.context.pop("pending", None)
        turn.say("place.unknown", text=text if len(text) <= 60 else text[:57] + "…")
        return
    state.context["pending"] = {
        "mode": mode,
        "candidates": [_candidate_dict(c, typed) for c in cands],
    }
    _ask_place_pending(turn, state.context["pending"])


def _pending_choices(turn: Turn, pending: dict[str, Any]) -> list[Choice]:
    sid = turn.state.step
    if pending["mode"] == "confirm":
        return [turn.choice(f"{sid}:yes", "place.yes"), turn.choice(f"{sid}:no", "place.no")]
    if pending["mode"] == "choose":
        return [Choice(f"{sid}:{i}", _label(c)) for i, c in enumerate(pending["candidates"])] + [
            turn.choice(f"{sid}:none", "place.none_of_these")
        ]
    return [
        turn.choice(f"{sid}:retry", "place.try_another"),
        turn.choice(f"{sid}:finish", "place.finish"),
    ]


def _is_pending_answer(turn: Turn, inbound: Inbound, pending: dict[str, Any]) -> bool:
    return choice_from(turn, inbound, _pending_choices(turn, pending)) is not None


def _take_place_choice(turn: Turn, inbound: Inbound, pending: dict[str, Any]) -> None:
    state, step = turn.state, turn.step
    assert step.answer
    picked = choice_from(turn, inbound, _pending_choices(turn, pending))
    if picked is None:
        _reask(turn)
        return
    action = picked.split(":", 1)[1]
    candidates = pending["candidates"]
    if action in ("yes",) or is_number(action):
        chosen = candidates[0 if action == "yes" else int(action)]
        state.answers[step.answer] = chosen
        state.context.pop("pending", None)
        _advance(turn)
    elif action == "finish":
        state.answers["place_out_of_region"] = candidates[0]
        state.context.pop("pending", None)
        state.status = ConversationStatus.REFERRED
        turn.say("place.referred")
    else:  # no / none / retry: ask for the place again
        state.context.pop("pending", None)
        ask(turn)


# --- single and multiple choice ----------------------------------------------------------


def _take_choice(turn: Turn, inbound: Inbound) -> None:
    step, state = turn.step, turn.state
    assert step.vocabulary and step.answer
    picked = choice_from(turn, inbound, turn.vocabulary_choices(state.step, step.vocabulary))
    if picked is None:
        _reask(turn)
        return
    item = picked.split(":", 1)[1]
    state.answers[step.answer] = item
    # Answers of branches not taken are dropped (e.g. the email when switching to phone).
    for other, target in step.next_by_choice.items():
        if other != item:
            target_answer = turn.flow.steps[target].answer
            if target_answer:
                state.answers.pop(target_answer, None)
    _advance(turn, item)


def _ask_multi(turn: Turn) -> None:
    step, state = turn.step, turn.state
    assert step.vocabulary and step.answer
    selected: list[str] = state.context.get("selected", state.answers.get(step.answer, []))
    choices = [
        Choice(c.id, ("✔ " if c.id.split(":", 1)[1] in selected else "") + c.label)
        for c in turn.vocabulary_choices(state.step, step.vocabulary)
    ]
    choices.append(turn.choice(f"{state.step}:_done", "multi.done"))
    turn.say(step.prompt or "", *choices, multi=True)


def _take_multi(turn: Turn, inbound: Inbound) -> None:
    step, state = turn.step, turn.state
    assert step.vocabulary and step.answer
    selected: list[str] = list(state.context.get("selected", state.answers.get(step.answer, [])))
    options = turn.vocabulary_choices(state.step, step.vocabulary)
    options.append(turn.choice(f"{state.step}:_done", "multi.done"))
    picked = choice_from(turn, inbound, options)
    if picked is None and inbound.kind is InboundKind.TEXT:
        picked = _several_from_text(turn, inbound.text, options, selected)
    if picked is None:
        _reask(turn)
        return
    item = picked.split(":", 1)[1]
    if item == "_done":
        if len(selected) < step.min_choices:
            _reask(turn, "multi.none_selected")
            return
        state.answers[step.answer] = selected
        state.context.pop("selected", None)
        _advance(turn)
        return
    if item in selected:
        selected.remove(item)
    else:
        selected.append(item)
    order = [i.id for i in turn.flow.vocabularies[step.vocabulary]]
    selected.sort(key=order.index)
    state.context["selected"] = selected
    labels = ", ".join(turn.vocabulary_label(step.vocabulary, s) for s in selected)
    if selected:
        turn.say("multi.selected", selected=labels)
    _ask_multi(turn)


def _several_from_text(
    turn: Turn, text: str, options: list[Choice], selected: list[str]
) -> str | None:
    """Typed "1, 3" picks several at once; returns the last pick (the others are applied)."""
    parts = [p for p in text.replace(",", " ").split() if p]
    if len(parts) < 2 or not all(is_number(p) and 1 <= int(p) < len(options) for p in parts):
        return None
    picks = [options[int(p) - 1].id.split(":", 1)[1] for p in parts]
    for item in picks[:-1]:
        if item not in selected:
            selected.append(item)
    turn.state.context["selected"] = selected
    last = picks[-1]
    if last in selected:
        selected.remove(last)  # so that toggling it back on keeps it selected
    return f"{turn.state.step}:{last}"


# --- sector: the founder confirms how the idea was read ------------------------------------


def _readings(turn: Turn) -> list[str]:
    """The idea's readings (sector ids, best first), worked out once per idea text."""
    idea = str(turn.state.answers.get("idea", ""))
    known = turn.state.context.get("readings")
    if isinstance(known, dict) and known.get("idea") == idea:
        return list(known["sectors"])
    assert turn.step.vocabulary
    offered = {item.id for item in turn.flow.vocabularies[turn.step.vocabulary]}
    read = turn.read_idea(idea) if turn.read_idea and idea else []
    sectors = [s for s in read if s in offered][:MAX_READINGS]
    turn.state.context["readings"] = {"idea": idea, "sectors": sectors}
    return sectors


def _sector_choices(turn: Turn) -> list[Choice]:
    step, sid = turn.step, turn.state.step
    assert step.vocabulary
    readings = _readings(turn)
    if turn.state.context.get("pending") == "all" or not readings:
        return turn.vocabulary_choices(sid, step.vocabulary)
    choices = [Choice(f"{sid}:{r}", turn.vocabulary_label(step.vocabulary, r)) for r in readings]
    choices.append(turn.choice(f"{sid}:{OTHER}", "sector.other"))
    return choices


def _ask_sector(turn: Turn) -> None:
    choices = _sector_choices(turn)
    if turn.state.context.get("pending") == "all" or not _readings(turn):
        turn.say("sector.choose", *choices)
    else:
        turn.say(turn.step.prompt or "", *choices)


def _take_sector(turn: Turn, inbound: Inbound) -> None:
    step, state = turn.step, turn.state
    assert step.answer and step.vocabulary
    picked = choice_from(turn, inbound, _sector_choices(turn))
    if picked is None and inbound.kind is InboundKind.TEXT:
        # Typed the name of a sector not among the readings: any sector's label will do.
        picked = choice_from(turn, inbound, turn.vocabulary_choices(state.step, step.vocabulary))
    if picked is None:
        _reask(turn)
        return
    item = picked.split(":", 1)[1]
    if item == OTHER:
        state.context["pending"] = "all"
        ask(turn)
        return
    # The founder's choice is what routing uses; what the engine read is kept beside it (to
    # measure the reading against the founders' own choices).
    state.answers[step.answer] = item
    state.answers[f"{step.answer}_readings"] = _readings(turn)
    state.context.pop("readings", None)
    _advance(turn)


# --- summary -----------------------------------------------------------------------------


def summary_lines(turn: Turn) -> list[str]:
    step = turn.flow.steps[turn.state.step]
    lines = []
    for f in step.fields:
        value = next((turn.state.answers[a] for a in f.answers if a in turn.state.answers), None)
        if value is None:
            continue
        if f.vocabulary and isinstance(value, list):
            shown = ", ".join(turn.vocabulary_label(f.vocabulary, v) for v in value)
        elif f.vocabulary:
            shown = turn.vocabulary_label(f.vocabulary, str(value))
        elif isinstance(value, dict):
            shown = _label(value)
        else:
            shown = str(value)
        lines.append(f"• {turn.text(f.label)}: {shown}")
    return lines


def _ask_summary(turn: Turn) -> None:
    sid = turn.state.step
    if turn.state.context.get("pending") == "edit":
        fields = turn.step.fields
        choices = [Choice(f"{sid}:edit_{f.id}", turn.text(f.label)) for f in fields]
        choices.append(turn.choice(f"{sid}:back", "summary.back"))
        turn.say("summary.edit_which", *choices)
        return
    turn.say(
        turn.step.prompt or "",
        turn.choice(f"{sid}:confirm", "summary.confirm"),
        turn.choice(f"{sid}:edit", "summary.edit"),
        summary="\n".join(summary_lines(turn)),
    )


def _take_summary(turn: Turn, inbound: Inbound) -> None:
    state, step = turn.state, turn.step
    sid = state.step
    if state.context.get("pending") == "edit":
        options = [Choice(f"{sid}:edit_{f.id}", turn.text(f.label)) for f in step.fields]
        options.append(turn.choice(f"{sid}:back", "summary.back"))
        picked = choice_from(turn, inbound, options)
        if picked is None:
            _reask(turn)
            return
        state.context.pop("pending", None)
        if picked == f"{sid}:back":
            ask(turn)
            return
        field_id = picked.split(":", 1)[1].removeprefix("edit_")
        target = next(f.edit_step for f in step.fields if f.id == field_id)
        turn.go_to(target)
        state.context["return_to"] = sid
        ask(turn)
        return
    options = [
        turn.choice(f"{sid}:confirm", "summary.confirm"),
        turn.choice(f"{sid}:edit", "summary.edit"),
    ]
    picked = choice_from(turn, inbound, options)
    if picked == f"{sid}:confirm":
        _advance(turn)
    elif picked == f"{sid}:edit":
        state.context["pending"] = "edit"
        ask(turn)
    else:
        _reask(turn)
