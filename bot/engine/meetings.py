"""The first meeting in the conversation: the founder books a time their advisor offers with
one press, changes or cancels it, or asks to be contacted when no time fits; /meeting shows
where things stand. The workflow (a ``MeetingDesk``) checks and holds the time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.content.dates import long_moment, short_moment
from bot.engine.events import continue_intake
from bot.engine.messages import Choice, Inbound, InboundKind
from bot.engine.ports import CaseOpener
from bot.engine.turn import Turn
from bot.records import Booking, FounderTimes, MeetingView, Slot

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PREFIX = "meet:"
WORDS = ("none", "change", "cancel")
MAX_REF = 32


class MeetingDesk(Protocol):
    async def times(self, founder_id: int, ref: str) -> FounderTimes | None:
        """The founder's meeting and the times they may book (None: no case with an
        advisor to meet)."""

    async def book(self, founder_id: int, ref: str, hours_id: int, local: datetime) -> Booking:
        """Book (or move their meeting to) the time; checked and held atomically."""

    async def none_fits(self, founder_id: int, ref: str) -> bool:
        """No time fits: the advisor is asked to contact the founder (False: no case)."""

    async def cancel(self, founder_id: int, ref: str) -> MeetingView | None:
        """Cancel the founder's booked meeting (None: there was none)."""


@dataclass(frozen=True)
class MeetingAction:
    ref: str
    what: str  # book, none, change, cancel, unknown
    hours_id: int = 0
    local: datetime | None = None


def choice_id(ref: str, slot: Slot) -> str:
    """``meet:JKP-2026-0002:12:202612081000``: the case, the block of hours and the local
    start (fits Telegram's 64 bytes of callback data)."""
    local = slot.starts_at.astimezone(STOCKHOLM)
    return f"{PREFIX}{ref}:{slot.hours_id}:{local:%Y%m%d%H%M}"


def parse_action(inbound: Inbound) -> MeetingAction | None:
    """A press on a meeting button; None for anything else. A malformed one is
    ``unknown`` (answered in words, nothing booked)."""
    if inbound.kind is not InboundKind.CHOICE or not inbound.text.startswith(PREFIX):
        return None
    parts = inbound.text[len(PREFIX) :].split(":")
    ref = parts[0] if parts and parts[0].isascii() and 0 < len(parts[0]) <= MAX_REF else ""
    if not ref:
        return MeetingAction("", "unknown")
    if len(parts) == 2 and parts[1] in WORDS:
        return MeetingAction(ref, parts[1])
    if len(parts) == 3 and parts[1].isdigit() and len(parts[1]) <= 12:
        try:
            local = datetime.strptime(parts[2], "%Y%m%d%H%M").replace(tzinfo=STOCKHOLM)
        except ValueError:
            return MeetingAction(ref, "unknown")
        return MeetingAction(ref, "book", int(parts[1]), local)
    return MeetingAction(ref, "unknown")


def slot_label(slot: Slot, language: str, video: str = "video") -> str:
    """ "tis 8 dec 10:00 · Science Park Jönköping", "wt. 8 gru 10:00 · wideo"."""
    return slot_text(slot_moment(slot, language), slot.where(video))


def slot_moment(slot: Slot, language: str) -> str:
    return short_moment(slot.starts_at.astimezone(STOCKHOLM), language)


def slot_text(moment: str, place: str) -> str:
    """A time button's label: the moment and the place."""
    return f"{moment} · {place}"


def slot_choices(
    ref: str, slots: tuple[Slot, ...] | list[Slot], language: str, video: str = "video"
) -> list[Choice]:
    return [Choice(choice_id(ref, s), slot_label(s, language, video)) for s in slots]


def when(meeting: MeetingView, language: str) -> str:
    return long_moment(meeting.starts_at.astimezone(STOCKHOLM), language)


def video_place(video: str, link: str) -> str:
    """A video meeting's place as a sentence reads it: ``video`` is the word in the reader's
    language (``meeting.video``)."""
    return f"{video}: {link}"


def where(meeting: MeetingView, language: str, video: str = "video") -> str:
    """The place as a sentence reads it: the node and address, or the video link."""
    if meeting.place_kind == "video":
        return video_place(video, meeting.place)
    if meeting.node_name and meeting.node_name not in meeting.place:
        return f"{meeting.node_name}, {meeting.place}"
    return meeting.place


def say_times(turn: Turn, ref: str, slots: tuple[Slot, ...], key: str, advisor: str = "") -> None:
    """Times to choose from, and "none fits"; or, without times, that the advisor will be in
    touch."""
    if not slots:
        turn.say("meeting.no_times", advisor=advisor)
        return
    choices = slot_choices(ref, slots, turn.language.value, turn.text("meeting.video"))
    choices.append(Choice(f"{PREFIX}{ref}:none", turn.text("meeting.none_fits")))
    turn.say(key, *choices, advisor=advisor)


def say_meeting(turn: Turn, meeting: MeetingView) -> None:
    language = turn.language.value
    turn.say(
        "meeting.yours",
        Choice(f"{PREFIX}{meeting.case_ref}:change", turn.text("meeting.change")),
        Choice(f"{PREFIX}{meeting.case_ref}:cancel", turn.text("meeting.cancel")),
        advisor=meeting.advisor_name,
        when=when(meeting, language),
        where=where(meeting, language, turn.text("meeting.video")),
    )


def say_booking(turn: Turn, ref: str, booking: Booking) -> None:
    language = turn.language.value
    meeting = booking.meeting
    if booking.result in ("booked", "moved", "already") and meeting is not None:
        turn.say(
            f"meeting.{booking.result}",
            advisor=meeting.advisor_name,
            when=when(meeting, language),
            where=where(meeting, language, turn.text("meeting.video")),
        )
    elif booking.result in ("taken", "gone"):
        say_times(turn, ref, booking.slots, f"meeting.{booking.result}")
    else:
        turn.say("meeting.no_case")


async def play(turn: Turn, desk: MeetingDesk | None, cases: CaseOpener) -> None:
    """/meeting, or a button pressed for a meeting: book, change, cancel, none fits."""
    state = turn.state
    action = turn.meeting_action
    ref = action.ref if action is not None else await _case_with_advisor(state.founder_id, cases)
    if desk is None or not state.consent or not ref:
        turn.say("meeting.no_case")
        continue_intake(turn)
        return
    founder = state.founder_id
    if action is None or action.what == "change":
        times = await desk.times(founder, ref)
        if times is None:
            turn.say("meeting.no_case")
        elif times.meeting is not None and action is None:
            say_meeting(turn, times.meeting)
        else:
            say_times(turn, ref, times.slots, "meeting.choose", advisor=times.advisor_name)
    elif action.what == "book" and action.local is not None:
        say_booking(turn, ref, await desk.book(founder, ref, action.hours_id, action.local))
    elif action.what == "none":
        asked = await desk.none_fits(founder, ref)
        turn.say("meeting.contact_asked" if asked else "meeting.no_case")
    elif action.what == "cancel":
        cancelled = await desk.cancel(founder, ref)
        turn.say("meeting.cancelled" if cancelled else "meeting.nothing_to_cancel")
    else:
        turn.say("meeting.unknown")
    continue_intake(turn)


async def _case_with_advisor(founder_id: int, cases: CaseOpener) -> str | None:
    """The founder's latest case an advisor works on (for /meeting)."""
    for ref, status in reversed(await cases.cases_of(founder_id)):
        if status in ("accepted", "in_contact", "coaching"):
            return ref
    return None
