"""The report as a terminal table, CSV, JSON and HTML (a self-contained page, or the body the
console shows). One HTML body for both, so the console and the file always agree."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from bot.content.staff_texts import staff_text
from bot.datafiles.csv_cells import write_csv
from bot.reports.figures import Report, ScopeResult
from bot.reports.timeline import Spread

TEMPLATES = Path(__file__).parent / "templates"
CSV_COLUMNS = ("section", "scope", "id", "metric", "value", "goal", "expected")
_env = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(), trim_blocks=True
)


def texts(language: str) -> Callable[..., str]:
    return partial(_text, language)


def _text(language: str, key: str, **values: object) -> str:
    return staff_text(key, language, **values)


def number(value: float | None, language: str = "sv") -> str:
    """1 234,5 in Swedish, 1,234.5 in English; a dash for nothing."""
    if value is None:
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if language == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def percent(value: float | None, language: str = "sv") -> str:
    if value is None:
        return "–"
    return f"{number(round(value * 100), language)}\u00a0%"


def spread(value: Spread, language: str = "sv") -> str:
    if not value.n:
        return "–"
    return f"{number(value.median, language)} / {number(value.p90, language)} (n = {value.n})"


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def csv_rows(report: Report, per_advisor: bool = True) -> list[dict[str, Any]]:
    """One row per figure (a long table a spreadsheet pivots easily); the columns are
    stable: section, scope, id, metric, value, goal, expected."""
    rows: list[dict[str, Any]] = []

    def add(
        section: str,
        scope: str,
        sid: str,
        metric: str,
        value: Any,
        goal: Any = "",
        expected: Any = "",
    ) -> None:
        rows.append(
            dict(
                zip(CSV_COLUMNS, (section, scope, sid, metric, value, goal, expected), strict=True)
            )
        )

    for s in [report.region, *report.nodes] if report.node is None else report.nodes:
        for key in ("ideas_met", "company_starts", "coached_now"):
            p = getattr(s, key)
            add("results", s.scope, s.id, key, p.value, p.goal, p.expected)
        add("results", s.scope, s.id, "coached_in_period", s.coached_in_period)
        add("results", s.scope, s.id, "accepted", s.accepted)
        add("results", s.scope, s.id, "hours_to_contact_median", _blank(s.hours_to_contact.median))
    if report.funnel is not None:
        for key, value in report.funnel.__dict__.items():
            add("funnel", "region", "region", key, value)
    sv = report.service
    for key in ("hours_to_accept", "hours_to_contact"):
        spread_: Spread = getattr(sv, key)
        add("service", "all", "", f"{key}_median", _blank(spread_.median))
        add("service", "all", "", f"{key}_p90", _blank(spread_.p90))
        add("service", "all", "", f"{key}_n", spread_.n)
    add("service", "all", "", "offers_per_case", _blank(sv.offers_per_case))
    add("service", "all", "", "routed_home_share", _blank(sv.routed_home_share))
    add("service", "all", "", "escalated_cases", sv.escalations.cases)
    add("service", "all", "", "escalation_wait_median", _blank(sv.escalations.waited.median))
    add("service", "all", "", "escalation_wait_p90", _blank(sv.escalations.waited.p90))
    add("service", "all", "", "still_waiting", sv.escalations.still_waiting)
    groups_by = [("node", sv.offers_by_node)]
    if per_advisor:
        groups_by.append(("advisor", sv.offers_by_advisor))
    for scope, groups in groups_by:
        for g in groups:
            for status, count in g.counts.items():
                add("offers", scope, g.scope, status, count)
    for section, counts in (
        ("decline_reasons", sv.decline_reasons),
        ("sectors", sv.sectors),
        ("needs", sv.needs),
        ("stages", sv.stages),
        ("channels", sv.channels),
        ("outcomes", sv.outcomes),
    ):
        for key, count in counts.items():
            add(section, "all", key, "cases", count)
    for month, count in sv.per_month:
        add("per_month", "all", month, "cases", count)
    for e in report.events:
        section = "events_planned" if e.get("planned") else "events"
        for metric in ("events", "registered", "attended"):
            add(section, e["node"] or "region", e["kind"], metric, e[metric])
    for d in sv.deadlines:
        add("deadlines", "node", d.node, "offers_due", d.offers_due)
        add("deadlines", "node", d.node, "answered_in_time", d.answered_in_time)
        add("deadlines", "node", d.node, "accepted", d.accepted)
        add("deadlines", "node", d.node, "contacted_in_time", d.contacted_in_time)
    for score in report.satisfaction:
        scope = "region" if score.scope == "region" else "node"
        for metric in ("useful_n", "useful_mean", "recommend_n", "recommend_yes", "comments"):
            add("satisfaction", scope, score.scope, metric, _blank(getattr(score, metric)))
    for key, value in report.evidence.followups.items():
        add("followups", "region", "region", key, value)
    for key, value in asdict(report.evidence).items():
        if key == "followups":
            continue
        add(
            "evidence",
            "region" if report.node is None else "node",
            report.node or "region",
            key,
            value,
        )
    advising = report.advising
    waited = advising.hours_to_first_meeting
    add("advising", "all", "", "hours_to_first_meeting_median", _blank(waited.median))
    add("advising", "all", "", "hours_to_first_meeting_p90", _blank(waited.p90))
    add("advising", "all", "", "hours_to_first_meeting_n", waited.n)
    for n in advising.by_node:
        for metric in (
            "meetings",
            "held",
            "no_shows",
            "cancelled",
            "sessions",
            "minutes",
            "cases_advised",
            "long_term",
        ):
            add("advising", "node", n.node, metric, getattr(n, metric))
    for p in advising.referrals:
        for metric in ("asked", "declined", "sent", "received", "helped"):
            add("referrals", "partner", p.partner, metric, getattr(p, metric))
    return rows


def _blank(value: float | None) -> float | str:
    return "" if value is None else value


def to_csv(report: Report, per_advisor: bool = True) -> str:
    return write_csv(CSV_COLUMNS, csv_rows(report, per_advisor))


def body_html(
    report: Report,
    language: str,
    plots: bool = True,
    as_images: bool = False,
    per_advisor: bool = True,
) -> Markup:
    """The report's tables and plots, for the console page and the standalone file.
    ``as_images``: each plot as an ``<img>`` with a data URI (the console's Content Security
    Policy allows no inline styles, which matplotlib's SVG uses) instead of inline SVG;
    ``per_advisor``: the offer table per advisor as well as per node."""
    t = texts(language)
    drawn: dict[str, str] = {}
    if plots:
        # matplotlib is loaded when a page first draws (not by every process that imports
        # the reports: the bot, the CLI, the tests).
        from bot.reports.plots import all_plots

        drawn = all_plots(report, t)
    if as_images:
        drawn = {name: _as_image(svg) for name, svg in drawn.items()}
    return Markup(
        _env.get_template("report_body.html").render(
            r=report,
            t=t,
            lang=language,
            per_advisor=per_advisor,
            plots=drawn,
            num=partial(number, language=language),
            pct=partial(percent, language=language),
            spread=partial(spread, language=language),
            label=partial(_label, t, language),
            node_name=_node_name,
            advisor_name=lambda key: report.advisor_names.get(key, key),
            scopes=[report.region, *report.nodes] if report.node is None else report.nodes,
        )
    )


def _node_name(slug: str | None) -> str:
    """A node by its name ("Science Park Jönköping"'s place, as the gazetteer names it)."""
    from bot.datafiles.gazetteer import load_gazetteer

    if not slug:
        return "–"
    for node in load_gazetteer().nodes:
        if node.slug == slug:
            return node.name
    return slug


def _as_image(svg: str) -> str:
    """An inline SVG as an ``<img>``: the title becomes the alternative text."""
    import base64
    import re
    from html import escape, unescape

    found = re.search(r"<title>(.*?)</title>", svg)
    alt = unescape(found.group(1)) if found else ""
    data = base64.b64encode(svg.encode()).decode()
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'


def page_html(report: Report, language: str, per_advisor: bool = True) -> str:
    """One self-contained page (inline CSS and SVG, nothing fetched): a file to keep, print or
    put in a slide."""
    t = texts(language)
    return _env.get_template("report_page.html").render(
        r=report, t=t, lang=language, body=body_html(report, language, per_advisor=per_advisor)
    )


def _label(t: Callable[..., str], language: str, section: str, key: str) -> str:
    """A human name for a sector, need, stage, channel, outcome or decline reason."""
    if section in ("sectors", "needs"):
        from bot.datafiles.taxonomy import load_taxonomy
        from bot.domain import Language

        if key == "unknown":
            return t("sector.unknown")
        return load_taxonomy().label(key, Language.from_hint(language))
    prefix = {
        "stages": "stage",
        "channels": "channel",
        "outcomes": "outcome",
        "decline_reasons": "decline",
    }[section]
    text = t(f"{prefix}.{key}")
    return key if text == f"{prefix}.{key}" else text


def table_text(report: Report, language: str) -> None:
    """Print the report to the terminal (rich tables)."""
    from rich.console import Console
    from rich.table import Table

    t = texts(language)
    console = Console()
    console.print(f"[bold]{t('report.heading', period=report.period.label())}[/bold]")
    console.print(
        t(
            "report.as_of",
            date=report.as_of.date().isoformat(),
            share=percent(report.share_gone, language),
        )
    )
    table = Table(
        t("report.node"),
        t("report.ideas_met"),
        t("report.company_starts"),
        t("report.coached_now"),
        t("report.coached_in_period"),
        t("report.contact_median"),
        caption=t("report.table_note"),
    )
    for s in [report.region, *report.nodes] if report.node is None else report.nodes:
        table.add_row(
            _scope_name(s, t),
            *(
                _progress_cell(getattr(s, k), language)
                for k in ("ideas_met", "company_starts", "coached_now")
            ),
            number(s.coached_in_period, language),
            number(s.hours_to_contact.median, language),
        )
    console.print(table)
    if report.funnel is not None:
        funnel = Table(t("report.stage"), t("report.count"), title=t("report.funnel"))
        for key, value in report.funnel.__dict__.items():
            funnel.add_row(t(f"funnel.{key}"), number(value, language))
        console.print(funnel)
    sv = report.service
    service = Table(t("report.measure"), t("report.value"), title=t("report.service"))
    service.add_row(t("service.hours_to_accept"), spread(sv.hours_to_accept, language))
    service.add_row(t("service.hours_to_contact"), spread(sv.hours_to_contact, language))
    service.add_row(t("service.offers_per_case"), number(sv.offers_per_case, language))
    service.add_row(t("service.routed_home"), percent(sv.routed_home_share, language))
    service.add_row(t("service.escalations"), number(sv.escalations.cases, language))
    service.add_row(t("service.escalation_wait"), spread(sv.escalations.waited, language))
    service.add_row(t("service.still_waiting"), number(sv.escalations.still_waiting, language))
    console.print(service)


def _scope_name(s: ScopeResult, t: Callable[..., str]) -> str:
    return t("report.region") if s.scope == "region" else (s.municipality or s.name)


def _progress_cell(p: Any, language: str) -> str:
    return f"{number(p.value, language)} / {number(round(p.expected), language)}"
