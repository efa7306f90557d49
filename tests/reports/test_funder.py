"""The funder pack on a known history: RCO01/04/05, claimed and verified starts, advising
hours and the companies' list come out as counted by hand; a sole trader is counted but not
listed by number; the workbook reads back with openpyxl; an erasure changes no figure."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.cases.actions import Actor, SessionDraft
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.reports import Period, funder_pack
from bot.reports.funder import funder_texts, to_csv, to_xlsx
from bot.storage.db import Database
from bot.storage.models import Case
from tests.cases.conftest import FakeClock, open_case

pytestmark = pytest.mark.usefixtures("roster")
ADMIN = Actor(ActorKind.ADMIN, "admin")
VAR = Actor(ActorKind.ADVISOR, "var-1")


async def test_the_funder_pack_counts_each_enterprise_once(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    refs = []
    for user in ("a", "b", "c", "d"):
        ref = await open_case(db, clock, user=user)
        await workflow.reassign(ref, "var-1", ADMIN)
        refs.append(ref)
    unassigned = await open_case(db, clock, user="e")  # never had an advisor: not supported
    clock.set(datetime(2026, 12, 20, 9, 0, tzinfo=UTC))
    companies = workflow.companies
    one, two, three, four = refs
    await companies.record(
        one, VAR, orgnr="556012-5790", name="Surdeg AB", registered_on=date(2026, 12, 15),
        size_class="1-4", sni="10710", confirmed=True,
    )  # fmt: skip
    await companies.record(two, VAR, orgnr="5560125790")  # the same enterprise, again
    await companies.record(three, VAR, orgnr="811228-9874", name="Frida Bageri", sni="47241")
    await companies.record(
        four, VAR, orgnr="969663-7033", name="Gamla HB", registered_on=date(2016, 5, 1),
        confirmed=True,
    )  # fmt: skip
    await workflow.meetings.log_session(
        one, SessionDraft(date(2026, 12, 18), 90, "advice", "in_person"), VAR
    )
    await workflow.meetings.log_session(
        three, SessionDraft(date(2026, 12, 19), 30, "advice", "phone"), VAR
    )
    await workflow.close(one, "company_started", VAR)
    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == unassigned))
        assert case is not None and case.company_id is None

    pack = await funder_pack(db, Period.year(2026), clock())
    # Three enterprises (Surdeg AB once for two cases, the sole trader, the old HB); advised:
    # the two with a logged session; new: Surdeg AB (the HB is ten years old, the sole
    # trader's registration date is not known).
    assert pack.rco01_enterprises_supported == 3
    assert pack.rco04_non_financial_support == 2
    assert pack.rco05_new_enterprises == 1
    assert (pack.evidence.claimed_starts, pack.evidence.verified_starts) == (1, 1)
    assert pack.advising_hours == 2.0
    assert pack.sole_traders_unlisted == 1
    listed = [r.orgnr for r in pack.companies]
    assert listed == ["556012-5790", "969663-7033", None], "no personnummer in the list"
    assert pack.by_sni_division == {"10": 1, "47": 1, "unknown": 1}
    assert "811228" not in to_csv(pack) and "Frida" not in to_csv(pack)

    book = load_workbook(io.BytesIO(to_xlsx(pack, funder_texts("sv"))))
    assert book.sheetnames == ["Indikatorer", "Företag", "Definitioner"]
    rows = list(book["Indikatorer"].iter_rows(values_only=True))
    assert ("RCO01", "Företag som fått stöd", 3) in rows
    assert ("RCO05", "Nya företag som fått stöd", 1) in rows
    firms = list(book["Företag"].iter_rows(values_only=True))
    assert firms[1][0] == "556012-5790" and firms[3][0] == "(enskild firma)"
    assert any(
        "2021/1058" in (r[0] or "") for r in book["Definitioner"].iter_rows(values_only=True)
    )

    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == three))
        assert case is not None and case.founder_id is not None
        founder = case.founder_id
    await workflow.erase_founder(founder, ADMIN, "asked by phone")
    after = await funder_pack(db, Period.year(2026), clock())
    assert (
        after.rco01_enterprises_supported,
        after.rco04_non_financial_support,
        after.rco05_new_enterprises,
        after.advising_hours,
    ) == (3, 2, 1, 2.0), "an erasure changes no figure"
