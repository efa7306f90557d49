"""The command line as an operator and a newcomer use it: real processes, a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.intake_driver import Answers, typed_lines

INTAKE_SV = "\n".join(
    typed_lines(
        Answers(
            name="Eva Exempel",
            place="331 30 Värnamo",
            idea="Jag vill bygga en app som hjälper lantbrukare att planera skörden bättre.",
            stage="idea",
            email="eva@example.se",
        )
    )
)


@pytest.fixture
def spbot(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "COLUMNS": "200"}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    return run


def test_a_newcomer_runs_an_intake_and_an_operator_sees_the_case(spbot) -> None:  # type: ignore[no-untyped-def]
    run = spbot("chat", "--demo", "--user", "eva", stdin=INTAKE_SV)
    assert run.returncode == 0, run.stderr
    assert "33 advisors: 33 created" in run.stdout  # the demo roster is seeded on first run
    assert "Ditt ärende har nummer JKP-" in run.stdout
    assert "Science Park i Värnamo" in run.stdout

    listed = spbot("cases", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    cases = json.loads(listed.stdout)
    assert [(c["status"], c["municipality"], c["node"]) for c in cases] == [
        ("offered", "Värnamo", "varnamo")
    ]
    ref = cases[0]["ref"]

    shown = spbot("cases", "show", ref, "--json")
    detail = json.loads(shown.stdout)
    assert detail["answers"]["email"] == "eva@example.se"
    assert [e["kind"] for e in detail["events"]] == ["opened", "offered"]
    assert "home node: Science Park Värnamo" in detail["events"][1]["payload"]["explanation"]
    inbound = [t["text"] for t in detail["transcript"] if t["direction"] == "inbound"]
    assert "Eva Exempel" in inbound and "331 30 Värnamo" in inbound

    table = spbot("cases", "list")
    assert ref in table.stdout
    # Eva confirmed the first reading of her idea: the classifier is measured against it.
    assert detail["answers"]["sector"] == detail["answers"]["sector_readings"][0]
    scored = json.loads(spbot("classify", "--evaluate", "--json").stdout)
    assert (scored["ideas"], scored["by_founders"], scored["top1"]) == (1, 1, 1.0)
    assert "first reading right 100%" in spbot("classify", "--evaluate").stdout

    second = spbot("chat", "--demo", "--user", "eva", stdin="/quit\n")
    assert "33 created" not in second.stdout  # seeded only once


def test_unknown_values_give_clear_errors(spbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = spbot("cases", "show", "JKP-1999-0001")
    assert missing.returncode == 1
    assert "no case with reference 'JKP-1999-0001'" in missing.stderr

    bad_status = spbot("cases", "list", "--status", "lost")
    assert bad_status.returncode == 1 and "unknown status 'lost'" in bad_status.stderr

    roster = tmp_path / "bad.csv"
    roster.write_text("key,name,node\nx-1,Namn,atlantis\n", encoding="utf-8")
    imported = spbot("roster", "import", str(roster))
    assert imported.returncode == 1
    assert "row 2, field node: unknown node 'atlantis'" in imported.stderr
    assert spbot("roster", "export").stdout.count("\n") == 1  # header only: nothing imported

    nofile = spbot("roster", "import", str(tmp_path / "nope.csv"))
    assert nofile.returncode == 1 and "no such file" in nofile.stderr


def test_roster_export_after_demo_seed(spbot) -> None:  # type: ignore[no-untyped-def]
    assert spbot("seed", "--demo").returncode == 0
    exported = spbot("roster", "export", "--format", "yaml")
    assert exported.stdout.startswith("advisors:")
    assert exported.stdout.count("key: demo-") == 33


def test_matching_commands_for_scripts(spbot) -> None:  # type: ignore[no-untyped-def]
    lines = spbot("places", "resolve", "--jsonl", stdin="Värnamo\nTranemo\nJönkpöing\n\n")
    results = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [(r["input"], r["status"], r["municipality_code"]) for r in results] == [
        ("Värnamo", "resolved", "0683"),
        ("Tranemo", "out_of_region", "1452"),
        ("Jönkpöing", "resolved", "0680"),
        ("", "unknown", None),
    ]
    assert results[2]["confirm"] is True
    for key in (
        "input",
        "status",
        "municipality_code",
        "municipality",
        "locality",
        "score",
        "candidates",
    ):
        assert key in results[0]

    classified = json.loads(spbot("classify", "Ett surdegsbageri i Eksjö", "--json").stdout)
    assert classified["sectors"][0] == {
        "id": "food_beverage",
        "score": 1.0,
        "triggers": ["surdegsbageri"],
    }
    assert classified["sni"][0]["code"] == "10710"
    assert classified["sni"][0]["triggers"] == ["surdegsbageri"]
    # Too short to tell its language: read by its words only.
    assert classified["meaning"] == [] and classified["read_as"] is None
    # A Swedish idea: SCB's names, and its meaning, read through its words in English. A farm
    # and a cottage rental tie by the lexicon's words; SCB names "Stug- och rumsuthyrning",
    # which would put the rental first, but the dictionary gives "gård" as a yard and does not
    # know "stuguthyrning": the meaning is yard work, and the farm stays first.
    farm = json.loads(spbot("classify", "Vi har en gård med stuguthyrning.", "--json").stdout)
    assert [s["id"] for s in farm["sectors"]] == ["agriculture_forestry", "tourism_hospitality"]
    assert farm["names"] == [{"id": "tourism_hospitality", "score": 1.0}]
    assert farm["read_as"] == "yard stuguthyrning"
    assert farm["meaning"][0]["id"] == "agriculture_forestry"
    assert farm["offered"] == ["agriculture_forestry", "tourism_hospitality"]
    # An English idea is read by its meaning too: the nearest names say why.
    idea = "I am going to drive people to the airport in my own van."
    english = json.loads(spbot("classify", idea, "--json").stdout)
    assert english["sectors"] == []  # no word of the sector lexicon
    assert english["meaning"][0]["id"] == "transport_logistics"
    assert any("taxi" in name for name in english["meaning"][0]["like"])
    assert english["offered"][0] == "transport_logistics"
    assert english["sni_suggested"]["code"].startswith("5") or english["sni_suggested"][
        "code"
    ].startswith("49")

    assert spbot("seed", "--demo").returncode == 0
    ranked = json.loads(
        spbot(
            "match",
            "--municipality",
            "0686",
            "--sector",
            "food_beverage",
            "--need",
            "financing",
            "--json",
        ).stdout
    )
    assert ranked and ranked[0]["home"] is True and ranked[0]["node"] == "eksjo"
    assert all(c["explanation"] for c in ranked)
    bad = spbot("match", "--municipality", "0180", "--sector", "juggling")
    assert bad.returncode == 1
    assert "unknown sector 'juggling'" in bad.stderr and "--municipality" in bad.stderr
    assert spbot("match", "JKP-2020-0001").returncode == 1
    calm = spbot("rebalance", "--dry-run", "--json")
    assert json.loads(calm.stdout)["moves"] == []


def test_operator_commands_move_a_case_through_its_life(spbot) -> None:  # type: ignore[no-untyped-def]
    assert spbot("chat", "--demo", "--user", "eva", stdin=INTAKE_SV).returncode == 0
    ref = json.loads(spbot("cases", "list", "--json").stdout)[0]["ref"]

    load = json.loads(spbot("workload", "--json").stdout)
    pending = [a for a in load["advisors"] if a["pending_offers"]]
    assert len(pending) == 1 and pending[0]["node"] == "varnamo"
    assert {"node": "varnamo"}.items() <= next(
        n for n in load["nodes"] if n["node"] == "varnamo"
    ).items()

    away = spbot("advisors", "away", "demo-001", "2026-12-01", "2026-12-24")
    assert away.returncode == 0, away.stderr
    assert spbot("advisors", "away", "nobody", "2026-12-01", "2026-12-24").returncode == 1

    moved = spbot("cases", "reassign", ref, "demo-005")
    assert moved.returncode == 0, moved.stderr
    assert "now with demo-005 (accepted)" in moved.stdout
    bad = spbot("cases", "close", ref, "--outcome", "rich")
    assert bad.returncode == 1 and "unknown outcome 'rich'" in bad.stderr
    closed = spbot("cases", "close", ref, "--outcome", "coached", "--note", "three meetings")
    assert closed.returncode == 0, closed.stderr
    again = spbot("cases", "close", ref, "--outcome", "coached")
    assert again.returncode == 1 and "is closed; it cannot become closed" in again.stderr

    detail = json.loads(spbot("cases", "show", ref, "--json").stdout)
    assert detail["summary"]["status"] == "closed" and detail["summary"]["outcome"] == "coached"
    kinds = [e["kind"] for e in detail["events"]]
    # Closed without a held meeting: the founder is asked the survey.
    assert kinds == ["opened", "offered", "reassigned", "closed", "survey_sent"]
    assert detail["events"][2]["actor_kind"] == "coordinator"

    assert "timers fired" in spbot("worker", "--once").stdout
    proposal = json.loads(spbot("rebalance", "--json").stdout)["proposal"]
    assert "0 cases moved" in spbot("rebalance", "--apply", str(proposal)).stdout
    again = spbot("rebalance", "--apply", str(proposal))
    assert again.returncode == 1 and "applied already" in again.stderr


def test_simulation_compares_routing_with_the_baseline(spbot) -> None:  # type: ignore[no-untyped-def]
    run = spbot("simulate", "--ideas", "12", "--seed", "3")
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| routing | cases | accepted on an offer")
    assert rows[1].startswith("| spbot ranking | 12 |")
    assert rows[2].startswith("| least loaded at home node (baseline) | 12 |")
    bad = spbot("simulate", "--ideas", "5", "--accept-rate", "0.9", "--decline-rate", "0.5")
    assert bad.returncode == 1 and "add up to more than 1" in bad.stderr


def test_bad_configuration_is_named_not_a_traceback(tmp_path: Path) -> None:
    def run(**env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "cases", "list"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, **env},
            cwd=tmp_path,
        )

    for url, complaint in (
        ("nonsense", "is not a database URL"),
        ("mysql://x/y", "runs on SQLite or PostgreSQL"),
    ):
        result = run(DATABASE_URL=url)
        assert result.returncode == 1 and complaint in result.stderr
        assert "Traceback" not in result.stderr
    secret = "123456:very-secret-token"
    result = run(TELEGRAM_BOT_TOKEN=secret, TELEGRAM_MODE="webhook")
    assert result.returncode == 1 and "TELEGRAM_WEBHOOK_URL" in result.stderr
    assert "very-secret" not in result.stderr, "a secret is never echoed"
    empty = run(DATABASE_URL="", SPBOT_CASE_REF_PREFIX="JKP")
    assert empty.returncode == 0, empty.stderr  # empty means the default SQLite file


def test_a_founder_asks_for_a_copy_and_then_erasure_by_phone(spbot) -> None:  # type: ignore[no-untyped-def]
    """GDPR art. 15/20 and 17 for a request that arrives by email or phone."""
    assert spbot("chat", "--demo", "--user", "eva", stdin=INTAKE_SV).returncode == 0
    exported = spbot("founders", "export", "eva@example.se")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["schema"] == "spbot.founder-export/1"
    assert data["conversations"][0]["answers"]["name"] == "Eva Exempel"
    assert any("Eva Exempel" in line["text"] for line in data["conversations"][0]["transcript"])
    assert data["cases"][0]["ref"].startswith("JKP-")
    erased = spbot(
        "founders", "erase", data["cases"][0]["ref"], "--reason", "asked by phone", "--yes"
    )
    assert erased.returncode == 0, erased.stderr
    assert "Erased founder" in erased.stdout
    gone = spbot("founders", "export", "eva@example.se")
    assert gone.returncode == 1 and "no founder found" in gone.stderr
    detail = json.loads(spbot("cases", "show", data["cases"][0]["ref"], "--json").stdout)
    assert detail["summary"]["status"] == "closed" and "name" not in detail["answers"]
    assert detail["events"][-1]["kind"] == "founder_erased"
    assert detail["events"][-1]["reason"] == "asked by phone"


def test_meeting_hours_from_the_command_line(spbot) -> None:  # type: ignore[no-untyped-def]
    assert spbot("seed", "--demo").returncode == 0
    added = spbot(
        "meetings", "add-hours", "demo-001", "--day", "tue", "--from", "09:00", "--to", "11:00",
        "--place", "Storgatan 1, Aneby",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = spbot("meetings", "hours", "demo-001", "--json")
    (hours,) = json.loads(listed.stdout)
    assert (hours["weekday"], hours["start_minute"], hours["end_minute"]) == (1, 540, 660)
    free = json.loads(spbot("meetings", "free", "demo-001", "--json").stdout)
    assert free and all(s["hours_id"] == hours["id"] for s in free)
    bad = spbot(
        "meetings", "add-hours", "demo-001", "--day", "sat", "--from", "09:00", "--to", "11:00",
        "--place", "x",
    )  # fmt: skip
    assert bad.returncode == 1 and "not a weekday" in bad.stderr
    video = spbot(
        "meetings", "add-hours", "demo-001", "--day", "wed", "--from", "09:00", "--to", "11:00",
        "--place-kind", "video", "--place", "meet.example.org/x",
    )  # fmt: skip
    assert video.returncode == 1 and "https://" in video.stderr and "Traceback" not in video.stderr
    assert spbot("meetings", "remove-hours", str(hours["id"])).returncode == 0
    assert "no meeting hours" in spbot("meetings", "hours", "demo-001").stdout


def test_a_registry_extract_from_the_command_line(spbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("orgnr;namn;registreringsdatum\n556012-5791;X;2026-01-01\n", encoding="utf-8")
    refused = spbot("companies", "import", str(bad))
    assert refused.returncode == 1 and "row 2: the check digit does not match" in refused.stderr
    good = tmp_path / "good.csv"
    good.write_text("orgnr,name,registered\n556012-5790,Volvo,1915-01-01\n", encoding="utf-8")
    done = spbot("companies", "import", str(good))
    assert done.returncode == 0 and "0 of our companies confirmed, 1 others" in done.stdout
    missing = spbot("companies", "import", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr


def test_the_funder_pack_as_a_workbook(spbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    assert spbot("seed", "--demo").returncode == 0
    target = tmp_path / "funder.xlsx"
    written = spbot("report", "--funder", "--year", "2026", "--format", "xlsx", "-o", str(target))
    assert written.returncode == 0, written.stderr
    book = load_workbook(target)
    assert book.sheetnames == ["Indikatorer", "Företag", "Definitioner"]
    codes = [row[0] for row in book["Indikatorer"].iter_rows(values_only=True)]
    assert {"RCO01", "RCO04", "RCO05"} <= set(codes)
    printed = spbot("report", "--funder", "--year", "2026", "--language", "en")
    assert "RCO01  Enterprises supported: 0" in printed.stdout
    refused = spbot("report", "--format", "xlsx", "-o", str(target))
    assert refused.returncode == 2 and "--funder" in refused.stderr
