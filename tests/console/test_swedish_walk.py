"""Every console page, for every role, in Swedish, on a demo history written through the real
workflow: no English word of ours, no raw key of the staff catalog, no Python repr, no
advisor key or node slug where a name belongs. (Founders' own words are theirs; the demo's
are Swedish.)"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from bot.assembly import workflow_settings
from bot.content.staff_texts import CATALOG
from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.roster import parse_roster
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import Actor, ActorKind
from bot.settings import Settings
from bot.sim.history import write_demo_year
from bot.storage.db import Database
from bot.storage.models import Advisor, Case, NodeEvent
from tests.cases.conftest import FakeClock
from tests.console.conftest import Staff
from tests.roster import DEMO, seed_demo_roster

pytestmark = pytest.mark.slow

# Words of ours that must never reach a Swedish page (whole words, case-insensitive).
ENGLISH = re.compile(
    r"\b(the|and|with|offer(ed|s)?|accepted|declined|expired|submitted|advisor|founder|"
    r"case|cases|intake|reason|status|none|true|false|pending|closed|reassigned|escalated|"
    r"unknown|node|nodes|moved|proposal|fit|score)\b",
    re.IGNORECASE,
)
REPR = re.compile(r"\{'|\['|': |\bdatetime\(|\+00:00")
PREFIXES = sorted({key.split(".")[0] for key in CATALOG}, key=len, reverse=True)
RAW_KEY = re.compile(r"\b(" + "|".join(map(re.escape, PREFIXES)) + r")\.[a-z_]+\b")
# An advisor's key (demo-016) or a node's slug (jonkoping) where a name belongs.
SLUGS = sorted({n.slug for n in load_gazetteer().nodes if not n.slug.isalpha() or True})
ADVISOR_KEY = re.compile(r"\bdemo-\d{3}\b")


def visible_text(html: str) -> str:
    main = html.split('<main id="main"', 1)[-1]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r"<(input|textarea|select|option)\b[^>]*>", " ", main)
    return re.sub(r"<[^>]+>", " ", main)


def problems(text: str) -> list[str]:
    found = [
        f"English: {text[max(0, m.start() - 30) : m.end() + 30]!r}" for m in ENGLISH.finditer(text)
    ]
    found += [f"repr: {m.group(0)!r}" for m in REPR.finditer(text)]
    found += [f"raw key: {m.group(0)!r}" for m in RAW_KEY.finditer(text)]
    found += [f"advisor key: {m.group(0)!r}" for m in ADVISOR_KEY.finditer(text)]
    found += [
        f"node slug: {slug!r}" for slug in SLUGS if re.search(rf"(?<![\w/-]){slug}(?![\w/-])", text)
    ]
    return found


async def _history(db: Database, settings: Settings, clock: FakeClock, staff: Staff) -> str:
    await seed_demo_roster(db)
    records = parse_roster(
        DEMO,
        known_nodes=[n.slug for n in load_gazetteer().nodes],
        known_tags=load_taxonomy().tags,
    )
    await write_demo_year(db, records, workflow_settings(settings), clock(), 80, fresh_only=False)
    async with db.sessions() as session:
        busiest = await session.scalar(
            select(Advisor.key)
            .join(Case, Case.advisor_id == Advisor.id)
            .group_by(Advisor.key)
            .order_by(func.count().desc())
            .limit(1)
        )
    assert busiest is not None
    admin = Actor(ActorKind.ADMIN, "test")
    for email, role, key, nodes in (
        ("adam@example.org", "advisor", busiest, None),
        ("nils@example.org", "node_manager", None, ["jonkoping", "varnamo"]),
        ("cora@example.org", "coordinator", None, None),
        ("ada@example.org", "admin", None, None),
    ):
        await staff.accounts.add(email, role, advisor_key=key, nodes=nodes or (), actor=admin)
        await staff.accounts.set_password_of(email, "a long enough passphrase", admin)
    return busiest


async def test_every_console_page_speaks_swedish_to_every_role(  # type: ignore[no-untyped-def]
    browsers, db: Database, settings: Settings, clock: FakeClock, staff: Staff
) -> None:
    busiest = await _history(db, settings, clock, staff)
    async with db.sessions() as session:
        refs = list(
            (
                await session.scalars(select(Case.ref).order_by(Case.status, Case.id).limit(400))
            ).all()
        )
        statuses = dict((await session.execute(select(Case.ref, Case.status))).all())
        event_ids = list((await session.scalars(select(NodeEvent.id).limit(3))).all())
    # One case of each status, and the advisor's own.
    by_status: dict[str, str] = {}
    for ref in refs:
        by_status.setdefault(statuses[ref], ref)
    cases = [f"/console/cases/{ref}" for ref in by_status.values()]
    common = ["/console/results", "/console/hours", "/console/password"]
    pages = {
        "adam@example.org": ["/console/desk", *cases, *common],
        "nils@example.org": [
            "/console/queue", "/console/cases", "/console/workload", "/console/absences",
            "/console/rebalance", "/console/events", *cases, *common,
        ],
        "cora@example.org": [
            "/console/queue", "/console/cases", "/console/workload", "/console/absences",
            "/console/rebalance", "/console/roster", f"/console/roster/advisors/{busiest}",
            "/console/roster/new", "/console/events", *[f"/console/events/{i}" for i in event_ids],
            "/console/companies", *cases, *common,
        ],
        "ada@example.org": [
            "/console/audit", "/console/privacy", "/console/staff", "/console/partners",
            "/console/privacy/founders/1", *cases, *common,
        ],
    }  # fmt: skip
    found: dict[str, list[str]] = {}
    for email, paths in pages.items():
        person = await browsers(email)
        for path in paths:
            response = await person.get(path)
            if response.status_code in (403, 404):
                continue  # not theirs (the permission matrix checks who sees what)
            assert response.status_code == 200, (email, path, response.status_code)
            wrong = problems(visible_text(response.text))
            if path.startswith("/console/roster"):
                # The roster's own column: the key a roster file names each advisor by.
                wrong = [w for w in wrong if not w.startswith("advisor key")]
            if wrong:
                found[f"{email} {path}"] = sorted(set(wrong))[:8]
    assert not found, "\n".join(f"{page}: {wrong}" for page, wrong in found.items())
