"""Companies and verified starts: organisation numbers checked, one company however many
cases name it, a start verified by an advisor who saw the registration or by a registry
extract (all or nothing), a sole trader's number erased with the founder, and the report's
claimed beside verified starts and unique enterprises."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.cases.actions import Actor, NotAllowed
from bot.cases.companies import CompanyInvalid, ExtractInvalid
from bot.cases.orgnr import OrgnrInvalid, parse_orgnr
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind
from bot.reports import Period, results_report
from bot.storage.db import Database
from bot.storage.models import Company
from tests.cases.conftest import FakeClock, open_case

pytestmark = pytest.mark.usefixtures("roster")
ADMIN = Actor(ActorKind.ADMIN, "admin")
VAR = Actor(ActorKind.ADVISOR, "var-1")
GOALS = {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}
AB = "556012-5790"  # a real aktiebolag's number (the check digit is right)
SOLE = "811228-9874"  # Skatteverket's example personnummer: a sole trader's


@pytest.mark.parametrize(
    ("text", "digits", "personal", "form"),
    [
        ("556012-5790", "5560125790", False, "aktiebolag"),
        ("5560125790", "5560125790", False, "aktiebolag"),
        ("16556012-5790", "5560125790", False, "aktiebolag"),
        ("969663-7033", "9696637033", False, "handelsbolag"),
        ("811228-9874", "8112289874", True, "enskild_firma"),
        ("19811228-9874", "8112289874", True, "enskild_firma"),
    ],
)
def test_organisation_numbers_are_read_as_people_write_them(
    text: str, digits: str, personal: bool, form: str
) -> None:
    number = parse_orgnr(text)
    assert (number.digits, number.personal, number.legal_form) == (digits, personal, form)
    assert number.display.endswith("****") == personal


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("556012-5791", "check_digit"),
        ("55601257", "length"),
        ("556012-579O", "characters"),
        ("", "length"),
        ("٥٥٦٠١٢٥٧٩٠", "characters"),  # Arabic-Indic digits are digits, not ours
        ("811328-9873", "date"),  # month 13: neither kind
        ("99556012-5790", "century"),
    ],
)
def test_a_bad_organisation_number_says_which_rule(text: str, reason: str) -> None:
    with pytest.raises(OrgnrInvalid) as caught:
        parse_orgnr(text)
    assert caught.value.details["reason"] == reason


async def _taken(db: Database, workflow: CaseWorkflow, clock: FakeClock, user: str) -> str:
    ref = await open_case(db, clock, user=user)
    await workflow.reassign(ref, "var-1", ADMIN)
    return ref


async def test_claimed_and_verified_starts_and_unique_enterprises(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    companies = workflow.companies
    one = await _taken(db, workflow, clock, "a")  # opened 30 Nov 2026
    two = await _taken(db, workflow, clock, "b")
    three = await _taken(db, workflow, clock, "c")
    old = await _taken(db, workflow, clock, "d")
    # 1: the advisor saw the registration (15 Dec); 2: the same company, from another founder.
    clock.set(datetime(2026, 12, 20, 9, 0, tzinfo=UTC))
    await companies.record(
        one, VAR, orgnr=AB, name="Surdeg AB", registered_on=date(2026, 12, 15), confirmed=True
    )
    same = await companies.record(two, VAR, orgnr="5560125790")
    assert same.also_in == (one,) and same.name == "Surdeg AB", "found by its number"
    # 3: a sole trader, claimed but not confirmed; 4: registered ten years ago (not new).
    await companies.record(three, VAR, orgnr=SOLE, name="Frida Founders Bageri")
    await companies.record(
        old, VAR, orgnr="969663-7033", registered_on=date(2016, 5, 1), confirmed=True
    )
    for ref in (one, two, three, old):
        await workflow.close(ref, "company_started", VAR)
    async with db.sessions() as session:
        assert len((await session.scalars(select(Company))).all()) == 3, "one company, two cases"

    report = await results_report(db, Period.year(2026), GOALS, None, clock())
    evidence = report.evidence
    # Four claimed; verified: Surdeg AB once (two cases name it), not the sole trader (not
    # confirmed) nor the company registered in 2016 (long before its case).
    assert (evidence.claimed_starts, evidence.verified_starts) == (4, 1)
    assert (evidence.enterprises, evidence.new_enterprises) == (3, 1)

    # A registry extract confirms the sole trader's registration: all or nothing.
    bad = (
        b"orgnr;namn;registreringsdatum;sni\n"
        b"811228-9874;X;2026-12-18;10710\n"
        b"556012-5791;Y;2026-12-01;\n"
    )
    with pytest.raises(ExtractInvalid) as caught:
        await companies.import_extract(bad, ADMIN, "bad.csv")
    assert [(p.row, p.problem) for p in caught.value.rows] == [(3, "orgnr")]
    report = await results_report(db, Period.year(2026), GOALS, None, clock())
    assert report.evidence.verified_starts == 1, "nothing of a bad file"
    good = (
        b"orgnr;namn;registreringsdatum;sni\n"
        b"811228-9874;Frida Founders Bageri;2026-12-18;10710\n"
        b"212000-0142;Someone else's company;2026-12-01;\n"
    )
    done = await companies.import_extract(good, ADMIN, "extract-2026-12.csv")
    assert (done.rows, done.matched, done.not_ours) == (2, 1, 1)
    report = await results_report(db, Period.year(2026), GOALS, None, clock())
    assert report.evidence.verified_starts == 2
    async with db.sessions() as session:
        known = {c.orgnr for c in (await session.scalars(select(Company))).all()}
    assert "2120000142" not in known, "an extract's other companies are not kept"

    # The sole trader's number and name go with the founder; the counts stay.
    async with db.sessions() as session:
        founder = await session.scalar(select(Company.id).where(Company.orgnr == "8112289874"))
    assert founder is not None
    from bot.storage.models import Case

    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == three))
        assert case is not None and case.founder_id is not None
        founder_id = case.founder_id
    await workflow.erase_founder(founder_id, ADMIN, "asked by phone")
    async with db.sessions() as session:
        erased = await session.get(Company, founder)
        assert erased is not None and (erased.orgnr, erased.name) == (None, None)
        kept = await session.scalar(select(Company).where(Company.orgnr == "5560125790"))
        assert kept is not None and kept.name == "Surdeg AB"
    after = await results_report(db, Period.year(2026), GOALS, None, clock())
    assert after.evidence == report.evidence, "erasure changes no figure"


async def test_bad_company_records_are_refused_and_change_nothing(
    db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await _taken(db, workflow, clock, "a")
    companies = workflow.companies
    for fields, field in (
        ({"orgnr": "556012-5791"}, "orgnr"),
        ({"orgnr": AB, "registered_on": date(2027, 1, 1)}, "registered_on"),
        ({"orgnr": AB, "confirmed": True}, "registered_on"),
        ({"orgnr": AB, "size_class": "huge"}, "size_class"),
        ({"orgnr": AB, "sni": "ten"}, "sni"),
        ({"orgnr": AB, "name": "a\x00b"}, "name"),
    ):
        with pytest.raises(CompanyInvalid) as caught:
            await companies.record(ref, VAR, **fields)  # type: ignore[arg-type]
        assert caught.value.details["field"] == field
    with pytest.raises(NotAllowed):
        await companies.record(ref, Actor(ActorKind.ADVISOR, "gis-1"), orgnr=AB)
    async with db.sessions() as session:
        assert (await session.scalars(select(Company))).all() == []
    assert await companies.of_case(ref, VAR) is None
