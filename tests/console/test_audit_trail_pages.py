"""The audit page's list: case events and audit-log entries as one newest-first list, paged
by the database — every page fits the next, nothing is lost or repeated between pages, and
the filters (case, who, what, when) hold across both logs."""

from __future__ import annotations

from datetime import timedelta

from bot.cases.actions import Actor
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind, AuditKind
from bot.storage import staff
from bot.storage.console_queries import TrailFilters, trail
from bot.storage.db import Database
from tests.cases.conftest import FakeClock, open_case

ADMIN = Actor(ActorKind.ADMIN, "ada")


async def _history(db: Database, workflow: CaseWorkflow, clock: FakeClock) -> list[str]:
    refs = []
    for n in range(6):
        ref = await open_case(db, clock, user=f"a{n}")
        await workflow.route(ref)
        await staff.audit(db, ADMIN, AuditKind.FOUNDER_VIEWED, ref, None, {}, now=clock())
        clock.advance(minutes=7)
        refs.append(ref)
    return refs


async def test_pages_fit_together_newest_first_across_both_logs(
    db: Database, workflow: CaseWorkflow, clock: FakeClock, roster: None
) -> None:
    refs = await _history(db, workflow, clock)
    everything, more = await trail(db, TrailFilters(), offset=0, limit=1000)
    assert not more and len(everything) > 12
    moments = [e.at for e in everything]
    assert moments == sorted(moments, reverse=True), "newest first"
    assert {e.kind for e in everything} >= {"opened", "offered", "founder_viewed"}
    paged = []
    for page in range(0, len(everything), 5):
        entries, more = await trail(db, TrailFilters(), offset=page, limit=5)
        assert more == (page + 5 < len(everything))
        paged += entries
    assert paged == everything, "no entry lost or repeated between pages"

    one = refs[2]
    mine, _ = await trail(db, TrailFilters(case_ref=one.lower()), limit=1000)
    assert mine and all(one in (e.case_ref, e.subject) for e in mine)
    assert {e.kind for e in mine} >= {"opened", "founder_viewed"}, "both logs"
    viewed, _ = await trail(db, TrailFilters(kind="founder_viewed"), limit=1000)
    assert len(viewed) == 6 and all(e.actor_id == "ada" for e in viewed)
    by_ada, _ = await trail(db, TrailFilters(actor="ada"), limit=1000)
    assert {e.kind for e in by_ada} == {"founder_viewed"}
    since = clock() - timedelta(minutes=8)
    late, _ = await trail(db, TrailFilters(since=since), limit=1000)
    assert late and all(e.at >= since for e in late) and len(late) < len(everything)
