"""``spbot report``: results against the region's goals (definitions in docs/reports.md)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.output import database, fail, out, run_async, settings_of


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    HTML = "html"
    XLSX = "xlsx"  # the funder pack only


def report(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="A calendar year (default: this year).")] = None,
    from_: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="First day of the period.")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="Last day of the period.")
    ] = None,
    node: Annotated[str | None, typer.Option(help="One node's figures (its slug).")] = None,
    format_: Annotated[Format, typer.Option("--format", help="How to print it.")] = Format.TABLE,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file instead.")
    ] = None,
    language: Annotated[str, typer.Option(help="sv or en.")] = "sv",
    funder: Annotated[
        bool,
        typer.Option(
            "--funder", help="The funder pack: RCO01/04/05, verified starts, the companies."
        ),
    ] = False,
) -> None:
    """Ideas met, company starts and companies coached per node against the goals, the
    funnel, and how the service ran (time to accept and to contact in working hours, offers,
    escalations). ``--format html -o FILE`` writes one self-contained page with its plots."""
    from bot.cases.calendar import stockholm_today
    from bot.cases.companies import StartRule
    from bot.domain import SpbotError
    from bot.reports import render, results_report
    from bot.storage.models import utcnow

    if language not in ("sv", "en"):
        raise fail("--language must be sv or en", 2)
    try:
        period = _period(year, from_, to, stockholm_today())
    except (ValueError, SpbotError) as exc:
        raise fail(str(exc), 2) from None
    settings = settings_of(ctx)

    async def go() -> Any:
        async with database(settings) as db:
            return await results_report(
                db,
                period,
                settings.region_goals(),
                settings.node_goals,
                utcnow(),
                node,
                rule=StartRule(settings.start_before_days, settings.start_after_days),
            )

    if funder:
        _funder(settings, period, node, format_, output, language)
        return
    if format_ is Format.XLSX:
        raise fail("--format xlsx is for the funder pack (--funder)", 2)
    result = run_async(go)
    if format_ is Format.TABLE:
        if output is not None:
            raise fail("a table is printed; use --format csv, json or html with -o", 2)
        render.table_text(result, language)
        return
    if format_ is Format.JSON:
        text = render.to_json(result)
    elif format_ is Format.CSV:
        text = render.to_csv(result)
    else:
        text = render.page_html(result, language)
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    output.write_text(text, encoding="utf-8")
    out.print(f"Wrote {output} ({len(text.encode()) // 1024 + 1} kB).")


def _period(year: int | None, first: str | None, last: str | None, today: date) -> Any:
    from bot.reports import Period

    if year is not None and (first or last):
        raise ValueError("give --year or --from/--to, not both")
    if first or last:
        if not (first and last):
            raise ValueError("give both --from and --to")
        try:
            days = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError as exc:
            raise ValueError(f"dates are written YYYY-MM-DD ({exc})") from None
        return Period(*days)
    return Period.year(year if year is not None else today.year)


def _funder(
    settings: Any,
    period: Any,
    node: str | None,
    format_: Format,
    output: Path | None,
    language: str,
) -> None:
    """``spbot report --funder``: the indicators printed, or JSON, CSV (the companies) or
    XLSX (indicators, companies, definitions) written."""
    from bot.cases.companies import StartRule
    from bot.reports import funder_pack
    from bot.reports.funder import (
        INDICATORS,
        equality_lines,
        funder_texts,
        to_csv,
        to_json,
        to_xlsx,
    )
    from bot.storage.models import utcnow

    async def go() -> Any:
        async with database(settings) as db:
            return await funder_pack(
                db,
                period,
                utcnow(),
                node,
                StartRule(settings.start_before_days, settings.start_after_days),
                settings.report_min_cell,
            )

    pack = run_async(go)
    texts = funder_texts(language)
    if format_ is Format.XLSX:
        if output is None:
            raise fail("an XLSX file is written: give -o FILE", 2)
        data = to_xlsx(pack, texts)
        output.write_bytes(data)
        out.print(f"Wrote {output} ({len(data) // 1024 + 1} kB).")
        return
    if format_ is Format.TABLE:
        if output is not None:
            raise fail("a table is printed; use --format csv, json or xlsx with -o", 2)
        out.print(f"{texts['title']}: {pack.period.label()}")
        for code, key in INDICATORS:
            out.print(f"{code}  {texts['ind.' + code]}: {getattr(pack, key)}")
        out.print(f"{texts['claimed_starts']}: {pack.evidence.claimed_starts}")
        out.print(f"{texts['verified_starts']}: {pack.evidence.verified_starts}")
        out.print(f"{texts['advising_hours']}: {pack.advising_hours}")
        for months, (running, answered) in ((12, pack.survival_12), (36, pack.survival_36)):
            out.print(f"{texts[f'survival_{months}']}: {running} / {answered}")
        out.print(f"{texts['people_reported']}: {pack.people_reported}")
        for _, line in equality_lines(pack, texts) if pack.equality else []:
            out.print("  ".join(str(cell) for cell in line))
        return
    if format_ is Format.HTML:
        raise fail("the funder pack is table, json, csv or xlsx", 2)
    text = to_json(pack) if format_ is Format.JSON else to_csv(pack)
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    output.write_text(text, encoding="utf-8")
    out.print(f"Wrote {output}.")
