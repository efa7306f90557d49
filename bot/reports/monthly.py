"""Once a month, on the first working day from 09:00, a short summary of the results to the
coordinators (Slack): the month just gone and the year so far against the goals. Run by the
timer loop (``spbot serve`` and ``spbot worker``); the month is claimed by compare-and-set,
so it is sent once however many workers run."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from bot.cases.calendar import STOCKHOLM, WorkingCalendar
from bot.content.dates import month_name
from bot.domain import AuditKind
from bot.reports import Period, results_report
from bot.reports.figures import Report
from bot.reports.render import number, percent, texts
from bot.storage import retention
from bot.storage.db import Database
from bot.storage.erasure import add_audit

log = logging.getLogger(__name__)
SENDS_AT = time(9, 0)


def first_working_day(year: int, month: int, calendar: WorkingCalendar) -> date:
    day = date(year, month, 1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def due_moment(now: datetime, calendar: WorkingCalendar) -> datetime:
    """When this month's summary is due: 09:00 in Sweden on its first working day."""
    local = now.astimezone(STOCKHOLM)
    day = first_working_day(local.year, local.month, calendar)
    return datetime.combine(day, SENDS_AT, STOCKHOLM).astimezone(UTC)


@dataclass
class MonthlySummary:
    db: Database
    clock: Callable[[], datetime]
    region_goals: dict[str, float]
    node_goals: str | None
    post: Callable[[str], Awaitable[None]]
    link: str | None = None  # the console's Resultat page
    language: str = "sv"
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    _done: datetime | None = field(default=None, init=False)  # the month known to be sent

    async def run_if_due(self) -> str | None:
        """The summary, sent, when this month's is due and nobody sent it yet; else None."""
        now = self.clock()
        due = due_moment(now, self.calendar)
        if now < due or self._done == due:
            return None
        # Read first (this runs every timer round): a month already sent costs no write.
        last = await retention.chore_last_run(self.db, "monthly_summary")
        if last is not None and last >= due:
            self._done = due
            return None
        if not await retention.claim_since(self.db, "monthly_summary", due, now):
            self._done = due
            return None
        self._done = due
        text = await self.text(now)
        await self.post(text)
        async with self.db.transaction() as session:
            add_audit(session, "system", None, AuditKind.MONTHLY_SUMMARY_SENT, None, None, {}, now)
        log.info("monthly summary sent to the coordinators")
        return text

    async def text(self, now: datetime) -> str:
        local = now.astimezone(STOCKHOLM).date()
        last_month_end = local.replace(day=1) - timedelta(days=1)
        month = Period.month(last_month_end.year, last_month_end.month)
        of_month = await self._report(month, now)
        of_year = await self._report(Period.year(last_month_end.year), now)
        return summary_text(of_month, of_year, self.language, self.link)

    async def _report(self, period: Period, now: datetime) -> Report:
        return await results_report(self.db, period, self.region_goals, self.node_goals, now)


def summary_text(of_month: Report, of_year: Report, language: str, link: str | None) -> str:
    t = texts(language)
    name = f"{month_name(of_month.period.first.month, language)} {of_month.period.first.year}"
    region, year = of_month.region, of_year.region
    lines = [f"*{t('summary.title', month=name)}*"]
    lines.append(
        t(
            "summary.month",
            month=name,
            ideas=number(region.ideas_met.value, language),
            starts=number(region.company_starts.value, language),
            coached=number(year.coached_now.value, language),
        )
    )
    for key, label in (
        ("ideas_met", "report.ideas_met"),
        ("company_starts", "report.company_starts"),
        ("coached_now", "report.coached_now"),
    ):
        p = getattr(year, key)
        lines.append(
            "• "
            + t(
                "summary.line",
                label=t(label),
                value=number(p.value, language),
                expected=number(round(p.expected), language),
                goal=number(round(p.goal), language),
            )
        )
    if year.hours_to_contact.n:
        lines.append(t("summary.contact", median=number(year.hours_to_contact.median, language)))
    deadlines = of_year.service.deadlines
    due = sum(d.offers_due for d in deadlines)
    accepted = sum(d.accepted for d in deadlines)
    if due or accepted:
        lines.append(
            t(
                "summary.deadlines",
                answered=percent(sum(d.answered_in_time for d in deadlines) / due, language)
                if due
                else "–",
                contacted=percent(sum(d.contacted_in_time for d in deadlines) / accepted, language)
                if accepted
                else "–",
            )
        )
    behind = [
        n.municipality or n.name
        for n in of_year.nodes
        if n.ideas_met.expected >= 1 and n.ideas_met.value < 0.8 * n.ideas_met.expected
    ]
    if behind:
        lines.append(t("summary.behind", nodes=", ".join(behind)))
    if link:
        lines.append(t("summary.link", url=link))
    return "\n".join(lines)
