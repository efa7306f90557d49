"""The results report on a history whose every figure is known by hand: a case across the
year boundary and the New Year holidays, an escalated and reassigned one that goes into
coaching, a declined and an expired offer, an erased founder; CSV and JSON shapes."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.cases.actions import Actor
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.reports import Period, results_report
from bot.reports.figures import Report
from bot.reports.periods import BadGoals, BadPeriod, Goals
from bot.reports.render import CSV_COLUMNS, to_csv, to_json
from bot.storage.db import Database
from bot.storage.models import Case, Offer
from tests.cases.conftest import FakeClock, open_case

GOALS = {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}
COORDINATOR = Actor(ActorKind.COORDINATOR, "coord")


def stockholm(y: int, m: int, d: int, hour: int) -> datetime:
    """``hour`` o'clock in Stockholm in winter (UTC+1)."""
    return datetime(y, m, d, hour - 1, 0, tzinfo=UTC)


async def _pending_offer(db: Database, ref: str) -> Offer:
    async with db.sessions() as session:
        offer = await session.scalar(
            select(Offer)
            .join(Case, Case.id == Offer.case_id)
            .where(Case.ref == ref, Offer.status == "pending")
        )
    assert offer is not None
    return offer


async def _history(db: Database, workflow: CaseWorkflow, clock: FakeClock) -> dict[str, str]:
    refs: dict[str, str] = {}
    # A: opened Tue 30 Dec 2025 10:00; accepted Fri 2 Jan 10:00 (31 Dec and 1 Jan are days
    # off: 7 + 2 = 9 working hours); in contact Mon 5 Jan 09:00 (7 + 9 + 1 = 17); a company
    # started on 2 March 2026.
    clock.set(stockholm(2025, 12, 30, 10))
    refs["a"] = await open_case(db, clock, user="a")
    await workflow.route(refs["a"])
    offer = await _pending_offer(db, refs["a"])
    clock.set(stockholm(2026, 1, 2, 10))
    await workflow.accept(offer.id, offer.advisor_id)
    clock.set(stockholm(2026, 1, 5, 9))
    await workflow.mark_in_contact(refs["a"], COORDINATOR)
    clock.set(stockholm(2026, 3, 2, 9))
    await workflow.close(refs["a"], "company_started", COORDINATOR)
    # B: opened Mon 2 Feb 09:00 and declined at once by the first advisor (the offer moves
    # on); escalated at 10:00, a coordinator assigns it at 13:00 (3 working hours waited; 4
    # to accept); coaching from Tue 10 Feb 09:00 (8 + 4×9 + 9 + 1 = 54 working hours to
    # the first contact), still going.
    clock.set(stockholm(2026, 2, 2, 9))
    refs["b"] = await open_case(db, clock, user="b")
    await workflow.route(refs["b"])
    offer = await _pending_offer(db, refs["b"])
    await workflow.decline(offer.id, offer.advisor_id, "no_capacity")
    clock.set(stockholm(2026, 2, 2, 10))
    await workflow.escalate(refs["b"], COORDINATOR, "needs a person who knows the sector")
    clock.set(stockholm(2026, 2, 2, 13))
    await workflow.reassign(refs["b"], "gis-1", COORDINATOR)
    clock.set(stockholm(2026, 2, 10, 9))
    await workflow.start_coaching(refs["b"], COORDINATOR)
    # C: opened Mon 2 Mar 09:00 in Tranås, nobody answers; still offered at the report.
    clock.set(stockholm(2026, 3, 2, 9))
    refs["c"] = await open_case(db, clock, user="c", municipality=("0687", "Tranås"))
    await workflow.route(refs["c"])
    clock.set(stockholm(2026, 3, 31, 12))
    return refs


def _node(report: Report, slug: str) -> object:
    return next(n for n in report.nodes if n.id == slug)


@pytest.mark.usefixtures("roster")
async def test_a_known_history_gives_exactly_these_figures(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    refs = await _history(db, workflow, clock)
    report = await results_report(db, Period.year(2026), GOALS, None, clock())
    region = report.region
    # Ideas met in 2026: B and C (A was met in 2025); A's company start counts in 2026.
    assert region.ideas_met.value == 2
    assert region.company_starts.value == 1
    assert (region.coached_now.value, region.coached_in_period) == (1, 1)
    # Pro rata: 31 March 12:00 Stockholm is 89.458 days into the year's 365.
    gone = (clock() - Period.year(2026).start) / timedelta(days=365)
    assert report.share_gone == pytest.approx(gone)
    assert region.ideas_met.expected == pytest.approx(1000 * gone, abs=0.01)
    assert region.coached_now.expected == 60  # a stock: its goal holds all year
    varnamo = _node(report, "varnamo")
    assert (varnamo.ideas_met.value, varnamo.company_starts.value) == (1, 1)  # B; A
    assert varnamo.ideas_met.goal == pytest.approx(1000 / 13, abs=0.01)
    assert _node(report, "tranas").ideas_met.value == 1
    service = report.service
    assert (service.hours_to_accept.n, service.hours_to_accept.median) == (1, 4.0)
    assert (service.hours_to_contact.n, service.hours_to_contact.median) == (1, 54.0)
    assert service.escalations.cases == 1 and service.escalations.waited.median == 3.0
    assert service.decline_reasons == {"no_capacity": 1}
    assert service.channels == {"test": 2}
    assert [m for m, n in service.per_month if n] == ["2026-02", "2026-03"]
    assert report.funnel is not None and report.funnel.submitted == 2
    assert report.funnel.accepted == 1 and report.funnel.in_contact == 1

    # The year before: A alone, with its holiday-crossing times.
    last_year = await results_report(db, Period.year(2025), GOALS, None, clock())
    assert last_year.region.ideas_met.value == 1 and last_year.region.company_starts.value == 0
    assert last_year.service.hours_to_accept.median == 9.0
    assert last_year.service.hours_to_contact.median == 17.0
    assert last_year.share_gone == 1.0

    # One node only: Gislaved's advisor holds B, but B's home node is Värnamo.
    gislaved = await results_report(db, Period.year(2026), GOALS, None, clock(), "gislaved")
    assert gislaved.region.ideas_met.value == 0 and gislaved.funnel is None
    assert refs


@pytest.mark.usefixtures("roster")
async def test_erasing_founders_changes_no_figure(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    refs = await _history(db, workflow, clock)
    before = to_json(await results_report(db, Period.year(2026), GOALS, None, clock()))
    async with db.sessions() as session:
        founder = await session.scalar(select(Case.founder_id).where(Case.ref == refs["a"]))
    assert founder is not None
    await workflow.erase_founder(founder, COORDINATOR, "asked by email")  # A is closed
    after = to_json(await results_report(db, Period.year(2026), GOALS, None, clock()))
    assert json.loads(after) == json.loads(before)


@pytest.mark.usefixtures("roster")
async def test_csv_and_json_shapes_are_stable(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    await _history(db, workflow, clock)
    report = await results_report(db, Period.year(2026), GOALS, None, clock())
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert (first["section"], first["scope"], first["metric"], first["value"]) == (
        "results",
        "region",
        "ideas_met",
        "2",
    )
    assert {r["section"] for r in rows} >= {"results", "funnel", "service", "offers", "per_month"}
    data = json.loads(to_json(report))
    assert data["schema"] == "spbot.report/1"
    assert set(data) == {
        "schema", "period", "as_of", "share_of_period_gone", "node", "region", "nodes",
        "funnel", "service", "events", "advising", "evidence", "satisfaction", "definitions",
    }  # fmt: skip
    assert set(data["region"]["ideas_met"]) == {"value", "goal", "expected", "share_of_expected"}
    assert len(data["nodes"]) == 13


def test_periods_and_goals_refuse_nonsense() -> None:
    with pytest.raises(BadPeriod):
        Period(Period.year(2026).last, Period.year(2026).first)
    with pytest.raises(BadPeriod):
        Period.year(1066)
    slugs = ["a", "b", "c"]
    goals = Goals.build(GOALS, '{"a": {"ideas": 400}}', slugs)
    assert goals.nodes["a"]["ideas"] == 400 and goals.nodes["b"]["ideas"] == 300
    assert goals.nodes["c"]["starts"] == 100  # no split given: equal shares
    for bad in ('{"x": {"ideas": 1}}', '{"a": {"ideas": -1}}', '{"a": {"cats": 2}}', "[1]", "{"):
        with pytest.raises(BadGoals):
            Goals.build(GOALS, bad, slugs)


def test_the_goal_of_a_period_that_is_not_a_calendar_year() -> None:
    from datetime import date

    quarter = Period(date(2026, 1, 1), date(2026, 3, 31))  # 90 days
    assert round(quarter.share_of_year(), 4) == round(90 / 365.2425, 4)
    summer = Period(date(2027, 3, 1), date(2027, 8, 31))  # 184 days, in any year
    assert round(summer.share_of_year(), 3) == 0.504
    assert Period.year(2028).share_of_year() == 1.0  # a leap year is a year
