"""``spbot meetings``: advisors' meeting hours, their free times and coming meetings, and a
case's meetings and session log (without the notes, which are read in the console)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from bot.cli.output import fail, operator, out, print_json, run_async, settings_of, with_workflow

app = typer.Typer(help="Meeting hours, meetings and the session log.", no_args_is_help=True)
DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}
NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri")


def _minute(text: str) -> int:
    hour, _, minute = text.partition(":")
    if not (hour.isdigit() and minute.isdigit() and len(minute) == 2):
        raise fail(f"'{text}' is not a time like 09:30")
    return int(hour) * 60 + int(minute)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@app.command("hours")
def hours_list(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(help="Advisor key.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """An advisor's weekly meeting hours."""
    hours = run_async(
        lambda: with_workflow(settings_of(ctx), lambda wf: wf.meetings.hours(advisor))
    )
    if as_json:
        print_json(hours)
        return
    if not hours:
        out.print(f"{advisor} has no meeting hours: founders are told the advisor will call.")
        return
    table = Table("Id", "Day", "From", "To", "Slot", "Where")
    for h in hours:
        place = f"{h.node_name}, {h.place}" if h.node_name and h.place_kind != "video" else h.place
        table.add_row(
            str(h.id),
            NAMES[h.weekday],
            _clock(h.start_minute),
            _clock(h.end_minute),
            f"{h.slot_minutes} min",
            f"{h.place_kind}: {place}",
        )
    out.print(table)


@app.command("add-hours")
def hours_add(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(help="Advisor key.")],
    day: Annotated[str, typer.Option(help="mon, tue, wed, thu or fri.")],
    start: Annotated[str, typer.Option("--from", help="Start, e.g. 09:00 (Swedish time).")],
    end: Annotated[str, typer.Option("--to", help="End, e.g. 12:00.")],
    place: Annotated[str, typer.Option(help="The address, or the https:// video link.")],
    place_kind: Annotated[str, typer.Option(help="office, node or video.")] = "office",
    node: Annotated[str | None, typer.Option(help="The node (slug), for place-kind node.")] = None,
    slot: Annotated[int, typer.Option(help="Minutes per meeting.")] = 60,
) -> None:
    """Add a weekly block of bookable hours."""
    if day.lower()[:3] not in DAYS:
        raise fail(f"'{day}' is not a weekday (mon … fri)")
    added = run_async(
        lambda: with_workflow(
            settings_of(ctx),
            lambda wf: wf.meetings.add_hours(
                advisor,
                weekday=DAYS[day.lower()[:3]],
                start_minute=_minute(start),
                end_minute=_minute(end),
                slot_minutes=slot,
                place_kind=place_kind,
                place=place,
                node_slug=node,
                actor=operator(),
            ),
        )
    )
    out.print(f"Added hours {added.id}: {NAMES[added.weekday]} {start}–{end} for {advisor}.")


@app.command("remove-hours")
def hours_remove(
    ctx: typer.Context, hours_id: Annotated[int, typer.Argument(help="The hours' id.")]
) -> None:
    """Remove a block of hours (meetings already booked in it stay)."""
    run_async(
        lambda: with_workflow(
            settings_of(ctx), lambda wf: wf.meetings.remove_hours(hours_id, operator())
        )
    )
    out.print(f"Removed hours {hours_id}.")


@app.command("free")
def free(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(help="Advisor key.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """The advisor's free times in the booking window."""
    slots = run_async(lambda: with_workflow(settings_of(ctx), lambda wf: wf.meetings.free(advisor)))
    if as_json:
        print_json(slots)
        return
    for s in slots:
        out.print(f"{s.starts_at:%Y-%m-%d %H:%M} UTC  {s.place_kind}: {s.node_name or s.place}")
    if not slots:
        out.print("No free times.")


@app.command("list")
def meetings_list(
    ctx: typer.Context,
    advisor: Annotated[str, typer.Argument(help="Advisor key.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """The advisor's coming meetings."""
    found = run_async(
        lambda: with_workflow(settings_of(ctx), lambda wf: wf.meetings.of_advisor(advisor))
    )
    if as_json:
        print_json([_public(m) for m in found])
        return
    for m in found:
        out.print(f"{m.case_ref}  {m.starts_at:%Y-%m-%d %H:%M} UTC  {m.status}  {m.place_kind}")
    if not found:
        out.print("No meetings.")


def _public(meeting: Any) -> dict[str, Any]:
    """A meeting without the founder's name (a coordinator's terminal is not the case)."""
    return {k: v for k, v in vars(meeting).items() if k != "founder_name"}
