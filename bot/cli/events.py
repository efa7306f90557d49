"""``spbot events``: the nodes' events (add, list, cancel, import a calendar, export)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from bot.cli.output import fail, operator, out, print_json, run_async, settings_of, with_workflow

app = typer.Typer(
    help="The nodes' events: idea evenings, afterworks, workshops.", no_args_is_help=True
)


def _moment(text: str, day: datetime | None = None) -> datetime:
    """``2026-12-10 18:00`` (Swedish time), or ``20:00`` on ``day``'s date."""
    from bot.cases.calendar import STOCKHOLM

    text = text.strip().replace("T", " ")
    try:
        if day is not None and len(text) <= 5:
            clock = time.fromisoformat(text)
            local = datetime.combine(day.astimezone(STOCKHOLM).date(), clock, STOCKHOLM)
        else:
            local = datetime.fromisoformat(text)
            local = local if local.tzinfo else local.replace(tzinfo=STOCKHOLM)
    except ValueError:
        raise fail(f"'{text}' is not a time like 2026-12-10 18:00", 2) from None
    return local.astimezone(UTC)


@app.command("add")
def events_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Option(help="The title in Swedish.")],
    starts: Annotated[str, typer.Option(help="Start, Swedish time: 2026-12-10 18:00.")],
    ends: Annotated[str, typer.Option(help="End: 20:00 (the same day) or a full time.")],
    place: Annotated[str, typer.Option(help="Where: address or room.")],
    node: Annotated[str | None, typer.Option(help="The node's slug (none: the region).")] = None,
    kind: Annotated[
        str,
        typer.Option(
            help="idea_evening, afterwork, creative_workshop, start_business_evening or other."
        ),
    ] = "other",
    title_en: Annotated[str | None, typer.Option(help="The title in English.")] = None,
    description: Annotated[str, typer.Option(help="A description in Swedish.")] = "",
    capacity: Annotated[int | None, typer.Option(help="Places (none: no limit).")] = None,
    closed: Annotated[bool, typer.Option("--closed", help="Registration not open.")] = False,
) -> None:
    """Add an event (audited)."""
    from bot.cases.event_drafts import EventDraft

    start = _moment(starts)
    draft = EventDraft(
        kind=kind,
        title_sv=title,
        title_en=title_en,
        starts_at=start,
        ends_at=_moment(ends, start),
        place=place,
        node=node,
        description_sv=description,
        capacity=capacity,
        registration_open=not closed,
    )
    added = run_async(
        lambda: with_workflow(settings_of(ctx), lambda wf: wf.events.add(draft, operator()))
    )
    out.print(f"Event {added.id} added: {added.title['sv']} ({added.node_name or 'the region'}).")


@app.command("list")
def events_list(
    ctx: typer.Context,
    node: Annotated[str | None, typer.Option(help="One node's (with the region's own).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Events from 30 days ago on, cancelled ones marked."""
    events = run_async(lambda: with_workflow(settings_of(ctx), lambda wf: wf.events.feed(node)))
    if as_json:
        print_json(
            [
                {
                    "id": e.id,
                    "uid": e.uid,
                    "node": e.node_slug,
                    "kind": e.kind,
                    "title": e.title,
                    "starts_at": e.starts_at,
                    "ends_at": e.ends_at,
                    "place": e.place,
                    "capacity": e.capacity,
                    "registered": e.taken,
                    "registration_open": e.registration_open,
                    "cancelled": e.cancelled,
                }
                for e in events
            ]
        )
        return
    from bot.cases.calendar import STOCKHOLM

    table = Table("Id", "When", "Node", "Kind", "Title", "Registered", "")
    for e in events:
        places = f"{e.taken}/{e.capacity}" if e.capacity else str(e.taken)
        table.add_row(
            str(e.id),
            e.starts_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
            e.node_slug or "region",
            e.kind,
            e.title["sv"],
            places,
            "cancelled" if e.cancelled else "",
        )
    out.print(table)


@app.command("cancel")
def events_cancel(
    ctx: typer.Context,
    event_id: Annotated[int, typer.Argument(metavar="ID")],
    reason: Annotated[str | None, typer.Option(help="Why (kept in the audit log).")] = None,
) -> None:
    """Cancel an event: everyone registered or waiting is told in their channel."""
    from bot.app import build_services

    async def go() -> int:
        services = await build_services(settings_of(ctx))
        try:
            return await services.workflow.events.cancel(event_id, operator(), reason)
        finally:
            await services.close()

    told = run_async(go)
    out.print(f"Event {event_id} cancelled; {told} registered founders told.")


@app.command("import")
def events_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An iCalendar (.ics) file.")],
    node: Annotated[str | None, typer.Option(help="The node the events belong to.")] = None,
    region: Annotated[bool, typer.Option("--region", help="Events of the whole region.")] = False,
) -> None:
    """Import a node's calendar: every entry checked first; a bad entry imports nothing.
    Entries already imported (same UID) are updated; past ones are skipped."""
    from bot.cases.ics import IcsInvalid, parse_ics
    from bot.storage.models import utcnow

    if (node is None) == (not region):
        raise fail("give --node SLUG or --region", 2)
    if not file.exists():
        raise fail(f"no such file: {file}")
    try:
        parsed = parse_ics(file.read_bytes(), node, utcnow())
    except IcsInvalid as exc:
        raise fail(f"{file}: {exc}") from None

    async def go(wf: Any) -> tuple[list[str], tuple[int, int]]:
        checked = await wf.events.problems(parsed.drafts, parsed.numbers)
        problems = [str(p) for p in parsed.problems] + [str(p) for p in checked]
        if problems:
            return problems, (0, 0)
        return [], await wf.events.import_events(parsed.drafts, operator(), file.name)

    problems, (added, updated) = run_async(lambda: with_workflow(settings_of(ctx), go))
    for entry in parsed.skipped:
        out.print(f"skipped {entry}")
    if problems:
        for line in problems:
            out.print(f"[red]{line}[/red]")
        raise fail(f"{file}: {len(problems)} entries cannot be imported; nothing was imported")
    out.print(f"Imported {added} new and {updated} changed events from {file.name}.")


@app.command("export")
def events_export(
    ctx: typer.Context,
    node: Annotated[str | None, typer.Option(help="One node's (with the region's own).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
) -> None:
    """The calendar as iCalendar (the same as the public feed)."""
    from bot.cases.ics import to_ics

    events = run_async(lambda: with_workflow(settings_of(ctx), lambda wf: wf.events.feed(node)))
    data = to_ics(events, f"Science Park {node or 'Region Jönköping'}")
    if output is None:
        print(data.decode(), end="")
    else:
        output.write_bytes(data)
        out.print(f"Wrote {len(events)} events to {output}.")
