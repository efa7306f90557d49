"""Resultat: the results report in the console (everyone signed in: the brief's "everyone
sees the results against the region's goals"; offers per advisor only for those who see
the workload), with a period and node filter, CSV and a page to keep."""

from __future__ import annotations

import time
from datetime import date

from markupsafe import Markup
from starlette.responses import Response

from bot.cases.calendar import stockholm_today
from bot.console.permissions import Action
from bot.console.web import BadRequest, Req, view
from bot.reports import Period, Report, funder_pack, results_report
from bot.reports import render as report_render
from bot.reports.funder import funder_texts, to_xlsx
from bot.reports.periods import BadPeriod
from bot.storage import console_queries


def _period(r: Req) -> Period | None:
    q = r.request.query_params
    first, last, year = q.get("from", "").strip(), q.get("to", "").strip(), q.get("year", "")
    try:
        if first or last:
            return Period(date.fromisoformat(first), date.fromisoformat(last))
        if year.strip():
            return Period.year(int(year))
        return Period.year(stockholm_today(r.console.clock()).year)
    except (ValueError, BadPeriod):
        return None


def _scope(r: Req) -> tuple[Period, str | None]:
    """The period and node asked for (a 400 that says what is wrong with them)."""
    period = _period(r)
    node = r.request.query_params.get("node", "").strip() or None
    slugs = {n.slug for n in r.console.gazetteer.nodes}
    if period is None or (node is not None and node not in slugs):
        raise BadRequest(
            r.t("report.bad_period") if period is None else r.t("error.not_found.body")
        )
    return period, node


async def _report(r: Req) -> Report:
    period, node = _scope(r)
    goals = r.console.goals
    return await results_report(
        r.console.db,
        period,
        goals.region,
        goals.nodes,
        r.console.clock(),
        node,
        rule=r.console.workflow.companies.rule,
    )


def _per_advisor(r: Req) -> bool:
    """Offers per advisor: for those who see the workload, and for a node manager only on
    a report of one of their nodes (never other nodes' advisors)."""
    if r.staff is None or not r.staff.may(Action.WORKLOAD):
        return False
    scope = r.staff.account.scope
    node = r.request.query_params.get("node", "").strip() or None
    return scope is None or (node is not None and node in scope)


class DrawnResults:
    """The Resultat page's report and its drawn tables and plots, kept a minute for the same
    question asked of the same data (the figures and plots of a year cost about a second):
    the key holds the period, node, language, whether per-advisor rows show, the minute,
    and the newest case and case event, so any change to a case draws afresh. Intakes under
    way (the funnel) show at most a minute late."""

    TTL = 60.0
    SIZE = 32

    def __init__(self) -> None:
        self._kept: dict[tuple[object, ...], tuple[float, Report, Markup]] = {}

    async def get(self, r: Req) -> tuple[Report, Markup]:
        per_advisor = _per_advisor(r)
        version = await console_queries.history_version(r.console.db)
        minute = r.console.clock().replace(second=0, microsecond=0)
        key = (str(r.request.url.query), r.lang, per_advisor, version, minute)
        now = time.monotonic()
        kept = self._kept.get(key)
        if kept is not None and now - kept[0] < self.TTL:
            return kept[1], kept[2]
        report = await _report(r)
        body = report_render.body_html(report, r.lang, as_images=True, per_advisor=per_advisor)
        if len(self._kept) >= self.SIZE:
            self._kept.pop(min(self._kept, key=lambda k: self._kept[k][0]))
        self._kept[key] = (now, report, body)
        return report, body


@view(Action.RESULTS)
async def results(r: Req) -> Response:
    kept = r.console.caches.setdefault("results", DrawnResults())
    report, body = await kept.get(r)
    query = str(r.request.url.query)
    return r.render(
        "results.html",
        report=report,
        body=body,
        nodes=r.console.gazetteer.nodes,
        filters=("?" + query) if query else "",
        year=r.request.query_params.get("year", ""),
        first=r.request.query_params.get("from", ""),
        last=r.request.query_params.get("to", ""),
        node=report.node or "",
    )


@view(Action.RESULTS)
async def results_csv(r: Req) -> Response:
    report = await _report(r)
    text = report_render.to_csv(report, per_advisor=_per_advisor(r))
    name = f"resultat-{report.period.first.isoformat()}-{report.period.last.isoformat()}.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@view(Action.RESULTS)
async def results_page(r: Req) -> Response:
    """The standalone page (inline SVG and CSS), as a download: opened from disk, it is not
    under the console's Content Security Policy."""
    report = await _report(r)
    html = report_render.page_html(report, r.lang, per_advisor=_per_advisor(r))
    name = f"resultat-{report.period.first.isoformat()}-{report.period.last.isoformat()}.html"
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@view(Action.FUNDER_PACK)
async def funder_workbook(r: Req) -> Response:
    """The funder pack as a workbook (indicators, companies, equality, definitions) for the
    period and node chosen on the page: coordinators and admins (the region's figures and
    its companies' organisation numbers)."""
    period, node = _scope(r)
    pack = await funder_pack(
        r.console.db,
        period,
        r.console.clock(),
        node,
        r.console.workflow.companies.rule,
        r.console.min_cell,
    )
    data = to_xlsx(pack, funder_texts(r.lang))
    name = f"finansiarer-{period.first.isoformat()}-{period.last.isoformat()}.xlsx"
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
