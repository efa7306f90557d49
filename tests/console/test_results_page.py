"""Resultat in the console: everyone signed in sees the results against the goals; offers per
advisor only those who see the workload; CSV and the page to keep; a bad period is a 400."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from bot.cases.workflow import CaseWorkflow
from bot.storage.db import Database
from tests.cases.conftest import FakeClock
from tests.cases.conftest import open_case as open_story_case


async def test_everyone_sees_results_only_coordinators_per_advisor(  # type: ignore[no-untyped-def]
    browsers, people, db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await open_story_case(db, clock)
    await workflow.route(ref)
    year = clock().year
    vera = await browsers("vera@example.org")
    page = await vera.get(f"/console/results?year={year}")
    assert page.status_code == 200
    assert "Idéer mötta" in page.text and "Värnamo" in page.text
    assert 'href="/console/results"' in page.text  # in the menu
    assert "data:image/svg+xml;base64," in page.text, (
        "plots as images (the CSP allows no inline styles)"
    )
    assert "var-1" not in page.text, "an advisor does not see colleagues' answer rates"
    rows = list(csv.DictReader(io.StringIO((await vera.get("/console/results.csv")).text)))
    assert rows[0]["metric"] == "ideas_met" and rows[0]["value"] == "1"
    assert not [r for r in rows if r["section"] == "offers" and r["scope"] == "advisor"]

    cora = await browsers("cora@example.org")
    page = await cora.get(f"/console/results?year={year}&node=varnamo")
    assert page.status_code == 200 and "var-" in page.text
    download = await cora.get(f"/console/results.html?year={year}")
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "<svg" in download.text and "<title>" in download.text
    rows = list(csv.DictReader(io.StringIO((await cora.get("/console/results.csv")).text)))
    assert [r for r in rows if r["section"] == "offers" and r["scope"] == "advisor"]


async def test_the_funder_workbook_is_for_coordinators_and_admins(  # type: ignore[no-untyped-def]
    browsers, people, db: Database, workflow: CaseWorkflow, clock: FakeClock
) -> None:
    ref = await open_story_case(db, clock)
    await workflow.route(ref)
    year = clock().year
    vera = await browsers("vera@example.org")
    assert "funder.xlsx" not in (await vera.get(f"/console/results?year={year}")).text
    assert (await vera.get(f"/console/results/funder.xlsx?year={year}")).status_code == 403

    cora = await browsers("cora@example.org")
    page = await cora.get(f"/console/results?year={year}&node=varnamo")
    assert f'href="/console/results/funder.xlsx?year={year}&amp;node=varnamo"' in page.text
    download = await cora.get(f"/console/results/funder.xlsx?year={year}&node=varnamo")
    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(download.content))
    assert book.sheetnames == ["Indikatorer", "Företag", "Definitioner"]
    for query in ("year=twenty", "node=atlantis"):
        bad = await cora.get(f"/console/results/funder.xlsx?{query}")
        assert bad.status_code == 400 and "Traceback" not in bad.text


async def test_bad_periods_and_nodes_are_a_clear_400(browsers, people) -> None:  # type: ignore[no-untyped-def]
    cora = await browsers("cora@example.org")
    for query in (
        "year=twenty",
        "year=1900",
        "from=2026-05-01&to=2026-04-01",
        "from=2026-13-01&to=2026-14-01",
        "from=2026-01-01",
        "node=atlantis",
        "year=%00%FF",
    ):
        response = await cora.get(f"/console/results?{query}")
        assert response.status_code == 400, query
        assert "Traceback" not in response.text
    anonymous = await browsers(None)
    assert (await anonymous.get("/console/results")).status_code in (302, 303, 307)
