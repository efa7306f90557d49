"""Every staff text exists in Swedish and English: the keys the templates and views name,
and the labels for every status, outcome, event, purpose and error code."""

from __future__ import annotations

import re
from pathlib import Path

from bot.cases.reading import Purpose
from bot.cases.states import DeclineReason
from bot.content.staff_texts import CATALOG
from bot.domain import CaseStatus, EventKind, Outcome

CONSOLE = Path(__file__).resolve().parents[2] / "bot" / "console"
KEY = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")


def test_every_named_key_exists_in_both_languages() -> None:
    named = set()
    for path in [*CONSOLE.rglob("*.html"), *CONSOLE.rglob("*.py")]:
        named |= set(KEY.findall(path.read_text(encoding="utf-8")))
    assert len(named) > 150
    missing = sorted(k for k in named if k not in CATALOG)
    assert missing == []
    empty = sorted(k for k, (sv, en) in CATALOG.items() if not sv.strip() or not en.strip())
    assert empty == []


def test_every_value_the_pages_show_has_a_label() -> None:
    wanted = (
        [f"status.{s.value}" for s in CaseStatus]
        + [f"outcome.{o.value}" for o in Outcome]
        + [f"event.{e.value}" for e in EventKind]
        + [f"purpose.{p.value}" for p in Purpose]
        + [f"decline.{d.value}" for d in DeclineReason]
        + [f"role.{r}" for r in ("advisor", "coordinator", "admin")]
    )
    assert [k for k in wanted if k not in CATALOG] == []


def test_slack_and_report_texts_exist_in_both_languages() -> None:
    root = Path(__file__).resolve().parents[2] / "bot"
    slack = set()
    for path in (root / "handlers" / "slack").rglob("*.py"):
        slack |= set(
            re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", path.read_text(encoding="utf-8"))
        )
    assert len(slack) > 60
    assert sorted(k for k in slack if f"slack.{k}" not in CATALOG) == []
    closed = ("expired", "withdrawn", "accepted", "declined", "erased", "away")
    assert [s for s in closed if f"slack.closed.{s}" not in CATALOG] == []
    reports = set()
    for path in (root / "reports").rglob("*.html"):
        reports |= set(KEY.findall(path.read_text(encoding="utf-8")))
    assert len(reports) > 40
    assert sorted(k for k in reports if k not in CATALOG) == []


def test_every_audit_kind_has_a_label_in_both_languages() -> None:
    """The audit page shows a person's words for every kind it can meet, never the key."""
    from bot.content.staff_texts import CATALOG
    from bot.domain import AuditKind, EventKind

    for kind in [*AuditKind, *EventKind]:
        pair = CATALOG.get(f"event.{kind.value}")
        assert pair is not None and all(pair), f"no label for the audit kind {kind.value}"
