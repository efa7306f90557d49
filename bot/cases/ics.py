"""iCalendar in and out (the ``icalendar`` library): a node's existing calendar imported as
events, and the public feeds people subscribe to.

Import rules, each with a clear message: an entry needs a summary (the title), a start and a
place (LOCATION); its end is DTEND, or DTSTART + DURATION, or two hours after the start;
times without a zone are Swedish time; all-day entries and repeating ones (RRULE/RDATE) are
refused (add each date as its own event); entries that have already started are skipped
and reported. The kind comes from CATEGORIES (or X-SPBOT-KIND) when it names one of ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar
from icalendar import Event as IcsEvent

from bot.cases.calendar import STOCKHOLM
from bot.cases.event_drafts import EventDraft, EventType
from bot.domain import SpbotError
from bot.records import EventListing, MeetingView

MAX_BYTES = 2_000_000
MAX_ENTRIES = 2000
KIND_WORDS = {
    "idea_evening": EventType.IDEA_EVENING,
    "idékväll": EventType.IDEA_EVENING,
    "idea evening": EventType.IDEA_EVENING,
    "afterwork": EventType.AFTERWORK,
    "creative_workshop": EventType.CREATIVE_WORKSHOP,
    "kreativ workshop": EventType.CREATIVE_WORKSHOP,
    "workshop": EventType.CREATIVE_WORKSHOP,
    "start_business_evening": EventType.START_BUSINESS_EVENING,
    "starta eget-kväll": EventType.START_BUSINESS_EVENING,
    "starta eget": EventType.START_BUSINESS_EVENING,
}


class IcsInvalid(SpbotError):
    """The file (or one entry) cannot be imported: ``problem`` is a stable code a page shows
    in its reader's language (``form.error.<problem>``, with ``detail``); the message is
    English, for the CLI."""

    code = "ics_invalid"

    def __init__(self, message: str, *, problem: str = "invalid", detail: str = "") -> None:
        super().__init__(message, problem=problem, detail=detail)

    @property
    def problem(self) -> str:
        return str(self.details["problem"])

    @property
    def detail(self) -> str:
        return str(self.details["detail"])


@dataclass(frozen=True)
class IcsEntry:
    """An entry of the file that is not imported, and why."""

    number: int
    title: str
    problem: str  # a stable code (already_begun for one skipped)
    detail: str
    message: str  # English, for the CLI

    def __str__(self) -> str:
        label = f"entry {self.number}" + (f" ('{self.title[:60]}')" if self.title else "")
        return f"{label}: {self.message}"


@dataclass
class IcsImport:
    drafts: list[EventDraft] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each draft's entry in the file
    skipped: list[IcsEntry] = field(default_factory=list)  # entries already begun
    problems: list[IcsEntry] = field(default_factory=list)


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=STOCKHOLM)
    return None


def parse_ics(data: bytes, node: str | None, now: datetime) -> IcsImport:
    """Every VEVENT as a draft for ``node`` (None: the whole region), or the problems."""
    if len(data) > MAX_BYTES:
        raise IcsInvalid(
            f"the file is larger than {MAX_BYTES // 1_000_000} MB",
            problem="file_too_large_mb",
            detail=str(MAX_BYTES // 1_000_000),
        )
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise IcsInvalid(f"not an iCalendar file ({str(exc)[:120]})", problem="not_ics") from None
    entries = [c for c in calendar.walk("VEVENT")]
    if not entries:
        raise IcsInvalid("the file has no events (VEVENT)", problem="no_events")
    if len(entries) > MAX_ENTRIES:
        raise IcsInvalid(
            f"more than {MAX_ENTRIES} events in one file",
            problem="too_many_events",
            detail=str(MAX_ENTRIES),
        )
    out = IcsImport()
    for number, entry in enumerate(entries, start=1):
        summary = str(entry.get("SUMMARY") or "").strip()
        try:
            draft = _draft(entry, node)  # type: ignore[arg-type]
        except IcsInvalid as exc:
            out.problems.append(IcsEntry(number, summary, exc.problem, exc.detail, str(exc)))
            continue
        if draft.starts_at <= now:
            day = str(draft.starts_at.date())
            out.skipped.append(
                IcsEntry(number, summary, "already_begun", day, f"already begun ({day})")
            )
            continue
        out.drafts.append(draft)
        out.numbers.append(number)
    return out


def _draft(entry: IcsEvent, node: str | None) -> EventDraft:
    if entry.get("RRULE") or entry.get("RDATE"):
        raise IcsInvalid("repeats (RRULE); add each date as its own event", problem="repeats")
    summary = str(entry.get("SUMMARY") or "").strip()
    if not summary:
        raise IcsInvalid("no SUMMARY (the title)", problem="no_summary")
    raw_start = entry.decoded("DTSTART", None)
    if isinstance(raw_start, date) and not isinstance(raw_start, datetime):
        raise IcsInvalid("an all-day entry; give it a start time", problem="all_day")
    start = _moment(raw_start)
    if start is None:
        raise IcsInvalid("no DTSTART", problem="no_start")
    end = _moment(entry.decoded("DTEND", None))
    if end is None:
        duration = entry.decoded("DURATION", None)
        end = start + (duration if isinstance(duration, timedelta) else timedelta(hours=2))
    place = str(entry.get("LOCATION") or "").strip()
    if not place:
        raise IcsInvalid("no LOCATION (the place)", problem="no_location")
    kind = EventType.OTHER
    categories = entry.get("X-SPBOT-KIND") or entry.get("CATEGORIES")
    words = _words(categories)
    for word in words:
        if word.lower() in KIND_WORDS:
            kind = KIND_WORDS[word.lower()]
            break
    uid = str(entry.get("UID") or "").strip()[:255] or None
    return EventDraft(
        kind=kind.value,
        title_sv=summary,
        starts_at=start.astimezone(UTC),
        ends_at=end.astimezone(UTC),
        place=place,
        node=node,
        description_sv=str(entry.get("DESCRIPTION") or "").strip(),
        uid=uid,
    )


def _words(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        cats = getattr(item, "cats", None)
        if cats is not None:
            out += [str(c) for c in cats]
        else:
            out += [w.strip() for w in str(item).split(",")]
    return out


def to_ics(events: list[EventListing], name: str, language: str = "sv") -> bytes:
    """A feed: every event with its UID (so a change updates the subscriber's copy) and
    cancelled ones marked CANCELLED (so they disappear from subscribers' calendars)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Science Park Region Jönköping//spbot//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    for e in events:
        entry = IcsEvent()
        entry.add("uid", e.uid)
        entry.add("summary", e.title_in(language))
        entry.add("dtstart", e.starts_at.astimezone(UTC))
        entry.add("dtend", e.ends_at.astimezone(UTC))
        entry.add("dtstamp", e.starts_at.astimezone(UTC))
        entry.add("location", e.place)
        if e.description_in(language):
            entry.add("description", e.description_in(language))
        entry.add("categories", [e.kind])
        entry.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data


def _meeting_entry(
    meeting: MeetingView, summary: str, stamp: datetime, cancelled: bool
) -> IcsEvent:
    entry = IcsEvent()
    entry.add("uid", meeting.uid)
    entry.add("sequence", meeting.sequence)
    entry.add("summary", summary)
    entry.add("dtstart", meeting.starts_at.astimezone(UTC))
    entry.add("dtend", meeting.ends_at.astimezone(UTC))
    entry.add("dtstamp", stamp.astimezone(UTC))
    if meeting.place_kind == "video":
        entry.add("location", "Video")
        entry.add("url", meeting.place)
        entry.add("description", meeting.place)
    else:
        where = meeting.place
        if meeting.node_name and meeting.node_name not in where:
            where = f"{meeting.node_name}, {where}"
        entry.add("location", where)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("transp", "OPAQUE")
    return entry


def meeting_invitation(
    meeting: MeetingView,
    *,
    summary: str,
    organizer: str | None,
    attendee: str | None,
    stamp: datetime,
) -> bytes:
    """An iCalendar invitation (RFC 5546): METHOD:REQUEST for a new or moved meeting (the
    same UID, a higher SEQUENCE, so a calendar client updates its copy), METHOD:CANCEL for a
    cancelled one. The advisor organises; the founder attends. No idea text, no notes."""
    cancelled = meeting.status == "cancelled"
    calendar = Calendar()
    calendar.add("prodid", "-//Science Park Region Jönköping//spbot//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    entry = _meeting_entry(meeting, summary, stamp, cancelled)
    if organizer:
        entry.add("organizer", f"mailto:{organizer}", parameters={"CN": meeting.advisor_name})
    if attendee:
        entry.add(
            "attendee",
            f"mailto:{attendee}",
            parameters={"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"},
        )
    calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data


def meetings_feed(meetings: list[MeetingView], name: str, summary: str, stamp: datetime) -> bytes:
    """An advisor's private feed: every meeting from a while back, a moved one with its new
    time (same UID, higher SEQUENCE), a cancelled one marked CANCELLED."""
    calendar = Calendar()
    calendar.add("prodid", "-//Science Park Region Jönköping//spbot//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    for meeting in meetings:
        title = summary.format(ref=meeting.case_ref)
        calendar.add_component(_meeting_entry(meeting, title, stamp, meeting.status == "cancelled"))
    data: bytes = calendar.to_ical()
    return data
