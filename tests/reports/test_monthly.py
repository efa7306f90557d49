"""The coordinators' monthly summary: due at 09:00 on the month's first working day, sent
once however many workers run, with the month's and the year's figures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.cases.calendar import WorkingCalendar
from bot.cases.workflow import CaseWorkflow
from bot.reports.monthly import MonthlySummary, due_moment
from bot.storage.db import Database
from tests.cases.conftest import FakeClock, open_case

GOALS = {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}


def test_due_on_the_first_working_day_at_nine() -> None:
    calendar = WorkingCalendar()
    # 1 January 2027 is a holiday and the 2nd and 3rd a weekend: Monday the 4th, 09:00 CET.
    assert due_moment(datetime(2027, 1, 1, 12, tzinfo=UTC), calendar) == datetime(
        2027, 1, 4, 8, tzinfo=UTC
    )
    assert due_moment(datetime(2026, 12, 15, tzinfo=UTC), calendar) == datetime(
        2026, 12, 1, 8, tzinfo=UTC
    )


@pytest.mark.usefixtures("roster")
async def test_sent_once_with_two_workers(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 10, 9, tzinfo=UTC))
    ref = await open_case(db, clock)
    await workflow.route(ref)
    posted: list[str] = []

    async def post(text: str) -> None:
        posted.append(text)

    workers = [
        MonthlySummary(db, clock, GOALS, None, post, link="https://sp.example/r") for _ in "ab"
    ]
    clock.set(datetime(2026, 12, 1, 7, 59, tzinfo=UTC))  # 08:59 in Sweden: not yet
    assert await workers[0].run_if_due() is None
    clock.set(datetime(2026, 12, 1, 8, 0, 5, tzinfo=UTC))
    sent = await asyncio.gather(*(w.run_if_due() for w in workers))
    assert len([s for s in sent if s]) == 1 and len(posted) == 1
    text = posted[0]
    assert "november 2026" in text and "1 nya idéer" in text
    assert "https://sp.example/r" in text
    clock.set(datetime(2026, 12, 20, 12, tzinfo=UTC))
    assert [await w.run_if_due() for w in workers] == [None, None], "once a month"
    clock.set(datetime(2027, 1, 4, 8, 1, tzinfo=UTC))
    assert await workers[1].run_if_due() is not None and "december 2026" in posted[-1]
