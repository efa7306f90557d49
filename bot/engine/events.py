"""The nodes' events in the conversation: told after an intake, listed by /events, and a
place taken or given up with a button. Registering uses the name and contact the intake
already has (under the consent given), or asks for a name and an email."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.content.dates import day_and_time
from bot.content.schema import RuleName, ValidationRule
from bot.domain import ConversationStatus
from bot.engine import steps
from bot.engine.messages import Choice, Inbound, InboundKind
from bot.engine.turn import Turn
from bot.engine.validation import validate
from bot.records import EventListing

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ACTIONS = ("join", "wait", "leave")
# The kinds of event with a name in every founder language (``events.kind.*``); "other" has none.
NAMED_KINDS = ("idea_evening", "afterwork", "creative_workshop", "start_business_evening")
NAME_RULE = ValidationRule(rule=RuleName.NAME, max_length=200)
EMAIL_RULE = ValidationRule(rule=RuleName.EMAIL, max_length=254)


class EventBoard(Protocol):
    async def upcoming(
        self, municipality_code: str | None, founder_id: int | None = None, limit: int = 5
    ) -> list[EventListing]:
        """Events within the horizon at the founder's node and the region's own."""

    async def listing(self, event_id: int, founder_id: int | None = None) -> EventListing:
        """One event (raises a NotFoundError for an unknown one)."""

    async def register(
        self,
        event_id: int,
        founder_id: int,
        name: str,
        contact: str,
        language: str,
        waitlist: bool = False,
    ) -> str:
        """registered, waitlisted, already, full or closed."""

    async def unregister(self, event_id: int, founder_id: int) -> bool:
        """False when there was no place to give up."""


@dataclass(frozen=True)
class EventAction:
    action: str  # join, wait, leave
    event_id: int


def parse_action(inbound: Inbound) -> EventAction | None:
    """``event:join:12`` and the like, from a button; None for anything else."""
    if inbound.kind is not InboundKind.CHOICE or not inbound.text.startswith("event:"):
        return None
    parts = inbound.text.split(":")
    if len(parts) != 3 or parts[1] not in ACTIONS or not parts[2].isascii():
        return EventAction("unknown", 0)
    if not parts[2].isdigit() or len(parts[2]) > 12:
        return EventAction("unknown", 0)
    return EventAction(parts[1], int(parts[2]))


def when(event: EventListing, language: str) -> str:
    return day_and_time(event.starts_at.astimezone(STOCKHOLM), language)


def title(turn: Turn, event: EventListing) -> str:
    """The event's title in the founder's language; where staff wrote none in it, the
    Swedish title with the kind of event in the founder's words ("Idékväll i Värnamo (أمسية
    أفكار)")."""
    language = turn.language.value
    if language in event.title or event.kind not in NAMED_KINDS:
        return event.title_in(language)
    return f"{event.title_in(language)} ({turn.text(f'events.kind.{event.kind}')})"


def line(turn: Turn, event: EventListing) -> str:
    language = turn.language.value
    where = event.place + (f", {event.node_name}" if event.node_name else "")
    text = turn.text(
        "events.line", when=when(event, language), title=title(turn, event), place=where
    )
    if event.mine == "registered":
        text += " " + turn.text("events.you_are_registered")
    elif event.mine == "waitlisted":
        text += " " + turn.text("events.you_are_waiting")
    elif event.full:
        text += " " + turn.text("events.full_mark")
    return text


def buttons(turn: Turn, event: EventListing) -> list[Choice]:
    title = event.title_in(turn.language.value)
    short = title if len(title) <= 40 else title[:39] + "…"
    if event.mine in ("registered", "waitlisted"):
        return [Choice(f"event:leave:{event.id}", turn.text("events.leave", title=short))]
    if not event.registration_open:
        return []
    if event.full:
        return [Choice(f"event:wait:{event.id}", turn.text("events.wait", title=short))]
    return [Choice(f"event:join:{event.id}", turn.text("events.join", title=short))]


def say_list(turn: Turn, events: list[EventListing], key: str) -> None:
    lines = "\n".join(line(turn, e) for e in events)
    choices = [c for e in events for c in buttons(turn, e)]
    turn.say(key, *choices, events=lines)


def contact_of(turn: Turn) -> tuple[str, str] | None:
    """The name and contact the intake (or an earlier sign-up) already has."""
    answers = turn.state.answers
    name = str(answers.get("name") or turn.state.context.get("event_name") or "")
    contact = str(
        answers.get("email") or answers.get("phone") or turn.state.context.get("event_email") or ""
    )
    return (name, contact) if name and contact else None


def take_signup_answer(turn: Turn, inbound: Inbound) -> EventAction | None:
    """A name or an email typed for an event sign-up; the sign-up once both are known."""
    pending = turn.state.context.get("event_signup") or {}
    want_name = not (turn.state.answers.get("name") or turn.state.context.get("event_name"))
    verdict = validate(NAME_RULE if want_name else EMAIL_RULE, inbound.text)
    if not verdict.ok:
        turn.say_error(verdict.error or "error.empty", verdict.values)
        turn.say("events.ask_name" if want_name else "events.ask_email")
        return None
    turn.state.context["event_name" if want_name else "event_email"] = verdict.value
    if contact_of(turn) is None:
        turn.say("events.ask_email")
        return None
    turn.state.context.pop("event_signup", None)
    return EventAction("wait" if pending.get("wait") else "join", int(pending.get("event", 0)))


def ask_for_contact(turn: Turn, action: EventAction) -> None:
    turn.state.context["event_signup"] = {"event": action.event_id, "wait": action.action == "wait"}
    if not (turn.state.answers.get("name") or turn.state.context.get("event_name")):
        turn.say("events.ask_name")
    else:
        turn.say("events.ask_email")


def continue_intake(turn: Turn) -> None:
    if turn.state.status is ConversationStatus.ACTIVE and not turn.state.context.get(
        "event_signup"
    ):
        steps.ask(turn)
