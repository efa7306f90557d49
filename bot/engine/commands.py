"""Commands a founder may send at any step: /start, /restart, /cancel, /status, /language,
/help, /delete, /events and /meeting."""

from __future__ import annotations

from bot.domain import ConversationStatus, Language
from bot.engine import steps
from bot.engine.messages import COMMANDS, Choice, Inbound
from bot.engine.turn import Turn
from bot.engine.validation import clean_text


def run(turn: Turn, name: str, argument: str) -> None:
    if name not in COMMANDS:
        turn.say("error.unknown_command")
        if turn.state.status is ConversationStatus.ACTIVE:
            steps.ask(turn)
        return
    {
        "start": _start,
        "restart": _restart,
        "cancel": _cancel,
        "status": _status,
        "language": _language,
        "help": _help,
        "delete": _delete,
        "events": _events,
        "meeting": _meeting,
    }[name](turn, argument)


def explain_closed(turn: Turn) -> None:
    status = turn.state.status
    if status is ConversationStatus.SUBMITTED:
        turn.say("conversation.closed")
    elif status is ConversationStatus.REFERRED:
        turn.say("command.status.referred")
    else:
        turn.say("command.status.cancelled")


def _start(turn: Turn, _: str) -> None:
    state = turn.state
    if state.status is ConversationStatus.CANCELLED:
        state.status = ConversationStatus.ACTIVE
    if state.status is not ConversationStatus.ACTIVE:
        explain_closed(turn)
        return
    if state.step != turn.flow.first_step:
        turn.say("command.start.again")
    steps.ask(turn)


def _restart(turn: Turn, _: str) -> None:
    state = turn.state
    state.answers.clear()
    state.context.clear()
    state.status = ConversationStatus.ACTIVE
    state.case_ref = None
    turn.go_to(turn.flow.after_restart if state.consent else turn.flow.first_step)
    turn.say("command.restarted")
    steps.ask(turn)


def _cancel(turn: Turn, _: str) -> None:
    state = turn.state
    if state.status is not ConversationStatus.ACTIVE:
        explain_closed(turn)
        return
    state.status = ConversationStatus.CANCELLED
    state.context.pop("pending", None)
    turn.say("command.cancelled")


def _status(turn: Turn, _: str) -> None:
    state = turn.state
    if state.status is ConversationStatus.ACTIVE:
        if state.step == turn.flow.first_step:
            turn.say("command.status.none")
        else:
            turn.say("command.status.active")
        steps.ask(turn)
    elif state.status is ConversationStatus.SUBMITTED and state.case_ref:
        # The engine fills in the case status (it needs the store); see IntakeEngine.
        turn.wants_case_status = True
    else:
        explain_closed(turn)


def _language(turn: Turn, argument: str) -> None:
    """``/language en`` (or a language's name, in Swedish, English or its own words);
    without one, the languages offered as buttons (with two, simply the other one)."""
    state = turn.state
    wanted = clean_text(argument).lower()
    offered = turn.flow.languages
    names = {turn.flow.text("language.name", lang).casefold(): lang for lang in offered} | {
        "svenska": Language.SV,
        "swedish": Language.SV,
        "english": Language.EN,
    }
    if wanted in {lang.value for lang in offered}:
        state.language = Language(wanted)
    elif wanted.casefold() in names and names[wanted.casefold()] in offered:
        state.language = names[wanted.casefold()]
    elif len(offered) > 2:
        turn.say("command.language.choose", *steps.language_choices(turn, "language:"))
        return
    else:  # two languages: switch to the other one
        state.language = next(
            (lang for lang in offered if lang is not state.language), state.language
        )
    turn.say("command.language.switched")
    if state.status is ConversationStatus.ACTIVE:
        steps.ask(turn)


def _help(turn: Turn, _: str) -> None:
    turn.say("command.help")
    if turn.state.status is ConversationStatus.ACTIVE:
        steps.ask(turn)


def _events(turn: Turn, _: str) -> None:
    turn.wants_events = True  # the engine looks them up (it needs the event board)


def _meeting(turn: Turn, _: str) -> None:
    turn.wants_meeting = True  # the engine looks it up (it needs the meeting desk)


def _delete(turn: Turn, _: str) -> None:
    turn.state.context["confirm_delete"] = True
    turn.say(
        "command.delete.ask",
        turn.choice("delete:yes", "command.delete.yes"),
        turn.choice("delete:no", "command.delete.no"),
    )


def take_delete_confirmation(turn: Turn, inbound: Inbound) -> None:
    turn.state.context.pop("confirm_delete", None)
    options = [
        turn.choice("delete:yes", "command.delete.yes"),
        turn.choice("delete:no", "command.delete.no"),
    ]
    picked = steps.choice_from(turn, inbound, options)
    if picked == "delete:yes":
        turn.erase = True
        turn.say("command.delete.done")
        return
    turn.say("command.delete.kept")
    if turn.state.status is ConversationStatus.ACTIVE:
        steps.ask(turn)


def offer_open_case(turn: Turn, ref: str) -> None:
    """A founder with an open case asked to start again: add to it, or something new."""
    turn.state.context["open_case"] = ref
    turn.say(
        "command.restart.open_case",
        *_open_case_options(turn),
        case_ref=ref,
    )


def _open_case_options(turn: Turn) -> list[Choice]:
    return [
        turn.choice("open_case:add", "command.restart.add"),
        turn.choice("open_case:new", "command.restart.new"),
    ]


def take_open_case_choice(turn: Turn, inbound: Inbound) -> None:
    ref = str(turn.state.context.get("open_case"))
    picked = steps.choice_from(turn, inbound, _open_case_options(turn))
    if picked == "open_case:add":
        turn.state.context.pop("open_case", None)
        turn.state.context["adding_to"] = ref
        turn.say("command.restart.add_prompt", case_ref=ref)
    elif picked == "open_case:new":
        turn.state.context.pop("open_case", None)
        turn.restart_new = True
    else:
        turn.say("command.restart.open_case", *_open_case_options(turn), case_ref=ref)


def take_addition(turn: Turn, inbound: Inbound) -> None:
    ref = str(turn.state.context.pop("adding_to"))
    text = clean_text(inbound.text)
    if not text:
        turn.state.context["adding_to"] = ref
        turn.say("command.restart.add_prompt", case_ref=ref)
        return
    turn.add_note = (ref, text)
    turn.say("command.restart.added", case_ref=ref)
