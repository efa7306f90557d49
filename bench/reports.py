"""The results report over ten years of history (10,000 cases, 100,000 case events, their
offers and intake milestones) on SQLite, beside the naive approach (load every case, event
and offer into Python as ORM objects, then compute), in the same run.

    taskset -c 1 .venv/bin/python -m bench.reports          # prints a Markdown table
    .venv/bin/python -m bench.reports --quick               # 1,000 cases, a smoke run

The history is written straight into a scratch database (bulk inserts of what the workflow
would have written); both approaches then compute the same report, checked equal.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bot.assembly import DEMO_ROSTER
from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.roster import parse_roster
from bot.datafiles.taxonomy import load_taxonomy
from bot.reports import Period, results_report
from bot.reports.figures import build_report
from bot.reports.periods import Goals
from bot.reports.render import to_json
from bot.storage.advisors import import_roster
from bot.storage.db import Database, open_database
from bot.storage.gazetteer import sync_gazetteer
from bot.storage.models import Advisor, AuditEntry, Case, CaseEvent, Node, Offer
from bot.storage.report_facts import (
    FUNNEL_KINDS,
    TIMELINE_KINDS,
    CaseEventFact,
    CaseFact,
    IntakeFact,
    NodeFact,
    OfferFact,
    ReportFacts,
)

GOALS = {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


async def write_history(db: Database, cases: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    gazetteer = load_gazetteer()
    await sync_gazetteer(db, gazetteer)
    roster = parse_roster(
        DEMO_ROSTER, known_nodes=[n.slug for n in gazetteer.nodes], known_tags=load_taxonomy().tags
    )
    await import_roster(db, roster)
    async with db.sessions() as session:
        advisors = [(a.id, a.node_id) for a in (await session.scalars(select(Advisor))).all()]
        nodes = {n.id: n.municipality_code for n in (await session.scalars(select(Node))).all()}
    munis = sorted(set(nodes.values()))
    sectors = sorted(load_taxonomy().sectors)
    start = NOW - timedelta(days=3650)
    case_rows, event_rows, offer_rows, audit_rows = [], [], [], []
    offer_id = 0
    for i in range(1, cases + 1):
        opened = start + timedelta(seconds=rng.uniform(0, 3650 * 86400))
        advisor, node = rng.choice(advisors)
        t = opened
        events: list[tuple[str, datetime]] = [("opened", t)]
        for _ in range(rng.choice((1, 1, 2, 3))):
            offer_id += 1
            t += timedelta(hours=rng.uniform(1, 30))
            events.append(("offered", t))
            status = "declined"
            offer_rows.append(
                dict(id=offer_id, case_id=i, advisor_id=advisor, status=status, offered_at=t,
                     responded_at=t + timedelta(hours=2), decline_reason="no_capacity")
            )  # fmt: skip
            events.append(("declined", t + timedelta(hours=2)))
        offer_rows[-1]["status"] = "accepted"
        offer_rows[-1]["decline_reason"] = None
        t += timedelta(hours=rng.uniform(2, 20))
        events[-1] = ("accepted", t)
        t += timedelta(hours=rng.uniform(2, 40))
        events.append(("in_contact", t))
        status, outcome = "in_contact", None
        if rng.random() < 0.15:
            t += timedelta(days=rng.uniform(5, 30))
            events.append(("coaching_started", t))
            status = "coaching"
        end = t + timedelta(days=rng.uniform(10, 200))
        if end < NOW:
            events.append(("closed", end))
            status = "closed"
            outcome = rng.choice(("company_started", "not_pursued", "referred", "coached"))
        while len(events) < 10:  # reminders and views: read by nobody, there in the table
            events.append(("reminded", opened + timedelta(hours=len(events))))
        case_rows.append(
            dict(id=i, ref=f"JKP-{opened.year}-{i:05d}", municipality_code=nodes[node],
                 node_id=node, advisor_id=advisor, status=status, outcome=outcome,
                 language="sv", created_at=opened, updated_at=t,
                 answers={"stage": "idea", "needs": ["financing"],
                          "place": {"municipality_code": nodes[node]},
                          "sectors": [{"id": rng.choice(sectors), "score": 1.0}], "erased": True})
        )  # fmt: skip
        for kind, at in events:
            event_rows.append(
                dict(case_id=i, actor_kind="system", kind=kind, created_at=min(at, NOW),
                     payload={"channel": "web"} if kind == "opened" else {})
            )  # fmt: skip
        for kind, minutes in (("intake_started", 9), ("consent_given", 5), ("intake_submitted", 0)):
            audit_rows.append(
                dict(actor_kind="founder", kind=kind, subject=f"conversation:{i}",
                     payload={"channel": "web"}, created_at=opened - timedelta(minutes=minutes))
            )  # fmt: skip
    del munis
    async with db.transaction() as session:
        for model, rows in ((Case, case_rows), (Offer, offer_rows), (CaseEvent, event_rows),
                            (AuditEntry, audit_rows)):  # fmt: skip
            for chunk in range(0, len(rows), 5000):
                await session.execute(insert(model), rows[chunk : chunk + 5000])
    return len(event_rows)


async def naive_report(db: Database, period: Period) -> Any:
    """Everything into Python as ORM objects, then filter and compute."""
    async with db.sessions() as session:
        nodes = (await session.scalars(select(Node))).all()
        advisors = {a.id: a for a in (await session.scalars(select(Advisor))).all()}
        cases = (await session.scalars(select(Case))).all()
        events = (await session.scalars(select(CaseEvent).order_by(CaseEvent.id))).all()
        offers = (await session.scalars(select(Offer).order_by(Offer.id))).all()
        audit = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    from bot.storage.models import Municipality

    async with db.sessions() as session:
        names = {m.code: m.name for m in (await session.scalars(select(Municipality))).all()}
    slug = {n.id: n.slug for n in nodes}
    home = {}
    for n in sorted(nodes, key=lambda n: n.id):
        home.setdefault(n.municipality_code, n.slug)
    facts: dict[int, CaseFact] = {}
    by_case: dict[int, list[CaseEvent]] = {}
    for e in events:
        by_case.setdefault(e.case_id, []).append(e)
    for c in cases:
        timeline = sorted(by_case.get(c.id, []), key=lambda e: (e.created_at, e.id))
        closed = [
            e for e in timeline if e.kind == "closed" and period.start <= e.created_at < period.end
        ]
        coaching = [
            e for e in timeline if e.kind == "coaching_started" and e.created_at < period.end
        ]
        if not (
            period.start <= c.created_at < period.end
            or closed
            or coaching
            or c.status == "coaching"
        ):
            continue
        holder = advisors.get(c.advisor_id) if c.advisor_id else None
        answers = c.answers or {}
        facts[c.id] = CaseFact(
            c.id, c.ref, c.created_at, c.municipality_code, home.get(c.municipality_code),
            c.status, c.outcome, slug.get(holder.node_id) if holder else None,
            answers.get("stage"), tuple(answers.get("needs") or ()),
            (answers.get("sectors") or [{}])[0].get("id"),
            [CaseEventFact(e.kind, e.created_at,
                           (e.payload or {}).get("channel") if e.kind == "opened" else None)
             for e in timeline if e.kind in TIMELINE_KINDS],
        )  # fmt: skip
    cohort = {i for i, f in facts.items() if period.start <= f.opened_at < period.end}
    offer_facts = [
        OfferFact(o.case_id, advisors[o.advisor_id].key, slug[advisors[o.advisor_id].node_id],
                  o.status, o.offered_at, o.responded_at, o.decline_reason)
        for o in offers if o.case_id in cohort
    ]  # fmt: skip
    started = {
        a.subject
        for a in audit
        if a.kind == "intake_started" and period.start <= a.created_at < period.end
    }
    milestones: dict[str, dict[str, datetime]] = {}
    for a in audit:
        if a.kind in FUNNEL_KINDS and a.subject in started:
            milestones.setdefault(a.subject, {}).setdefault(a.kind, a.created_at)
    node_facts = sorted(
        (NodeFact(n.slug, n.name, n.municipality_code, names[n.municipality_code]) for n in nodes),
        key=lambda n: (n.municipality, n.slug),
    )
    report_facts = ReportFacts(node_facts, facts, offer_facts,
                               [IntakeFact(s, m) for s, m in milestones.items()])  # fmt: skip
    goals = Goals.build(GOALS, None, [n.slug for n in node_facts])
    return build_report(report_facts, period, goals, NOW)


def timed(runs: int, fn: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cases = 1000 if args.quick else 10_000
    with tempfile.TemporaryDirectory() as scratch:
        loop = asyncio.new_event_loop()
        db = loop.run_until_complete(open_database(f"sqlite+aiosqlite:///{Path(scratch) / 'r.db'}"))
        events = loop.run_until_complete(write_history(db, cases))
        rows = []
        for label, period in (
            ("one year (2026)", Period.year(2026)),
            ("all ten years", Period(datetime(2016, 12, 1).date(), datetime(2026, 12, 31).date())),
        ):
            fast, a = timed(args.runs, lambda p=period: loop.run_until_complete(
                results_report(db, p, GOALS, None, NOW)))  # fmt: skip
            slow, b = timed(
                args.runs, lambda p=period: loop.run_until_complete(naive_report(db, p))
            )
            assert to_json(a) == to_json(b), "both approaches give the same report"
            rows.append((label, a.region.ideas_met.value, fast, slow))
        loop.run_until_complete(db.dispose())
        loop.close()
    print(f"{cases:,} cases, {events:,} case events; {platform.python_version()}, "
          f"median of {args.runs} runs\n")  # fmt: skip
    print(
        "| report period | cases opened in it | spbot (s) | naive: every row as ORM objects (s) |"
    )
    print("|---|---:|---:|---:|")
    for label, n, fast, slow in rows:
        print(f"| {label} | {n:,} | {fast:.2f} | {slow:.2f} |")


if __name__ == "__main__":
    main()
