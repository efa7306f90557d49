"""The nodes' events in the console (coordinators and admins): list, add, change, cancel
(everyone registered is told), registrations with attendance, and a calendar file import."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.datastructures import UploadFile
from starlette.responses import Response

from bot.cases.actions import NotAllowed
from bot.cases.calendar import STOCKHOLM
from bot.cases.event_drafts import EventDraft, EventInvalid, EventProblem, EventType
from bot.cases.ics import IcsEntry, IcsInvalid, parse_ics
from bot.console.permissions import Action
from bot.console.views.cases import actor_of
from bot.console.web import Req, view
from bot.domain import NotFoundError

MAX_ICS = 2_000_000


def _local(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=STOCKHOLM)).astimezone(UTC)


def _form_values(r: Req) -> dict[str, Any]:
    return {
        k: r.field(k, 4000)
        for k in (
            "node", "kind", "title_sv", "title_en", "description_sv", "description_en",
            "starts", "ends", "place", "capacity", "registration_open",
        )
    }  # fmt: skip


# The form's fields and their labels, in the form's order; the draft's names for two of them.
FORM_FIELDS = {
    "node": "case.node",
    "kind": "event.kind",
    "title_sv": "event.title_sv",
    "title_en": "event.title_en",
    "starts": "event.starts",
    "ends": "event.ends",
    "place": "event.place",
    "capacity": "event.capacity",
    "description_sv": "event.description_sv",
    "description_en": "event.description_en",
}
_FORM_NAME = {"starts_at": "starts", "ends_at": "ends"}


def _draft(values: dict[str, Any]) -> EventDraft:
    starts, ends = _local(values["starts"]), _local(values["ends"])
    if starts is None:
        raise EventInvalid(
            "give the start as a date and time", field="starts_at", problem="not_a_time"
        )
    if ends is None:
        raise EventInvalid("give the end as a date and time", field="ends_at", problem="not_a_time")
    capacity_text = values["capacity"].strip()
    if capacity_text and not capacity_text.lstrip("-").isdigit():
        raise EventInvalid(
            "the capacity is a whole number", field="capacity", problem="int_parsing"
        )
    return EventDraft(
        kind=values["kind"],
        title_sv=values["title_sv"],
        title_en=values["title_en"] or None,
        description_sv=values["description_sv"],
        description_en=values["description_en"] or None,
        starts_at=starts,
        ends_at=ends,
        place=values["place"],
        node=values["node"] or None,
        capacity=int(capacity_text) if capacity_text else None,
        registration_open=values["registration_open"] == "yes",
    )


def _scope(r: Req) -> frozenset[str] | None:
    assert r.staff is not None
    return r.staff.account.scope


async def _nodes(r: Req) -> dict[str, str]:
    """The nodes this person may put events on (a node manager: theirs)."""
    scope = _scope(r)
    return {
        slug: name
        for slug, name in (await r.console.workflow.events.nodes()).items()
        if scope is None or slug in scope
    }


async def _list(r: Req, status: int = 200, **context: Any) -> Response:
    events = r.console.workflow.events
    scope = _scope(r)
    return r.render(
        "events.html",
        status=status,
        events=[e for e in await events.feed() if scope is None or e.node_slug in scope],
        nodes=await _nodes(r),
        kinds=[k.value for k in EventType],
        values=context.pop("values", {"registration_open": "yes"}),
        errors=context.pop("errors", {}),
        field_labels=FORM_FIELDS,
        **context,
    )


@view(Action.EVENTS)
async def events_page(r: Req) -> Response:
    return await _list(r)


@view(Action.EVENTS)
async def event_add(r: Req) -> Response:
    values = _form_values(r)
    try:
        added = await r.console.workflow.events.add(_draft(values), actor_of(r))
    except NotAllowed:
        return await r.refuse("event for another node")
    except EventInvalid as exc:
        return await _list(r, 400, errors=_errors(r, exc), values=values)
    return r.back(r.url("event_page", event_id=added.id), ok="event_added")


def local(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")


def _errors(r: Req, exc: EventInvalid) -> dict[str, list[str]]:
    """The problem beside its field, in the reader's language ("" for the event as a whole)."""
    name = _FORM_NAME.get(exc.field, exc.field)
    return {name if name in FORM_FIELDS else "": [r.problem_text(exc.problem)]}


def _import_problem(r: Req, problem: EventProblem) -> str:
    field = problem.error.field
    return r.t(
        "event.import_problem",
        number=problem.number,
        title=problem.title[:60],
        field=r.t(f"event.field.{field}") if r.has_text(f"event.field.{field}") else field,
        problem=r.problem_text(problem.error.problem),
    )


async def _event_id(r: Req) -> int | None:
    raw = str(r.request.path_params.get("event_id", ""))
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


async def _page(r: Req, event_id: int, status: int = 200, **context: Any) -> Response:
    events = r.console.workflow.events
    try:
        event = await events.listing(event_id)
    except NotFoundError:
        return r.not_found()
    scope = _scope(r)
    if scope is not None and event.node_slug not in scope:
        return await r.refuse(f"event {event_id}")  # its registrations are personal data
    values = context.pop("values", None) or {
        "node": event.node_slug or "",
        "kind": event.kind,
        "title_sv": event.title["sv"],
        "title_en": event.title.get("en", ""),
        "description_sv": event.description.get("sv", ""),
        "description_en": event.description.get("en", ""),
        "starts": local(event.starts_at),
        "ends": local(event.ends_at),
        "place": event.place,
        "capacity": str(event.capacity or ""),
        "registration_open": "yes" if event.registration_open else "",
    }
    return r.render(
        "event.html",
        status=status,
        event=event,
        registrations=await events.registrations(event_id),
        nodes=await _nodes(r),
        kinds=[k.value for k in EventType],
        values=values,
        errors=context.pop("errors", {}),
        field_labels=FORM_FIELDS,
        **context,
    )


@view(Action.EVENTS)
async def event_page(r: Req) -> Response:
    event_id = await _event_id(r)
    return r.not_found() if event_id is None else await _page(r, event_id)


@view(Action.EVENTS)
async def event_save(r: Req) -> Response:
    event_id = await _event_id(r)
    if event_id is None:
        return r.not_found()
    values = _form_values(r)
    try:
        await r.console.workflow.events.update(event_id, _draft(values), actor_of(r))
    except NotFoundError:
        return r.not_found()
    except NotAllowed:
        return await r.refuse(f"event {event_id}")
    except EventInvalid as exc:
        return await _page(r, event_id, 400, errors=_errors(r, exc), values=values)
    return r.back(r.url("event_page", event_id=event_id), ok="event_saved")


@view(Action.EVENTS)
async def event_cancel(r: Req) -> Response:
    event_id = await _event_id(r)
    if event_id is None:
        return r.not_found()
    if r.field("confirm", 4) != "yes":
        return r.back(r.url("event_page", event_id=event_id) + "?err=confirm_missing")
    try:
        await r.console.workflow.events.cancel(
            event_id, actor_of(r), r.field("reason", 500) or None
        )
    except NotFoundError:
        return r.not_found()
    except NotAllowed:
        return await r.refuse(f"event {event_id}")
    return r.back(r.url("event_page", event_id=event_id), ok="event_cancelled")


@view(Action.EVENTS)
async def attendance(r: Req) -> Response:
    event_id = await _event_id(r)
    raw = r.field("registration", 12)
    if event_id is None or not raw.isdigit():
        return r.bad(r.t("error.bad.body"))
    came = {"yes": True, "no": False}.get(r.field("attended", 4))
    try:
        await r.console.workflow.events.mark_attended(int(raw), came, actor_of(r))
    except NotFoundError:
        return r.not_found()
    except NotAllowed:
        return await r.refuse(f"event {event_id}")
    return r.back(r.url("event_page", event_id=event_id), ok="attendance_saved")


@view(Action.EVENTS)
async def events_import(r: Req) -> Response:
    assert r.form is not None
    upload = r.form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return r.back(r.url("events_page") + "?err=file_missing")
    raw = await upload.read(MAX_ICS + 1)
    if len(raw) > MAX_ICS:
        return r.back(r.url("events_page") + "?err=file_too_large")
    node = r.field("node", 64) or None
    events = r.console.workflow.events
    if (node is None and _scope(r) is not None) or (
        node is not None and node not in await _nodes(r)
    ):
        return await _list(r, 400, problems=[r.t("event.unknown_node")])
    try:
        parsed = parse_ics(raw, node, r.console.clock())
    except IcsInvalid as exc:
        return await _list(r, 400, problems=[r.problem_text(exc.problem, exc.detail)])
    problems = [_entry(r, e) for e in parsed.problems] + [
        _import_problem(r, p) for p in await events.problems(parsed.drafts, parsed.numbers)
    ]
    skipped = [_entry(r, e) for e in parsed.skipped]
    if problems:
        return await _list(r, 400, problems=problems, skipped=skipped)
    added, updated = await events.import_events(parsed.drafts, actor_of(r), upload.filename)
    return await _list(
        r, imported=r.t("event.imported", added=added, updated=updated), skipped=skipped
    )


def _entry(r: Req, entry: IcsEntry) -> str:
    """An entry of a calendar file not imported, and why, in the reader's language."""
    return r.t(
        "event.import_entry",
        number=entry.number,
        title=entry.title[:60],
        problem=r.problem_text(entry.problem, entry.detail),
    )
