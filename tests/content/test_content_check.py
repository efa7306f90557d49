"""The content schema catches every dangling reference and language gap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content import load_flow
from bot.content.schema import DEFAULT_FLOW_FILE
from bot.domain import ContentError


def _broken(tmp_path: Path, change: Any) -> Path:
    raw = yaml.safe_load(DEFAULT_FLOW_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "flow.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_content_is_valid() -> None:
    flow = load_flow()
    assert flow.first_step == "consent"
    assert set(flow.languages) == {"sv", "en"}


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda r: r["steps"]["name"].update(next="nowhere"), "unknown step 'nowhere'"),
        (lambda r: r["messages"]["intake.name.ask"].pop("en"), "'intake.name.ask' has no en text"),
        (lambda r: r["messages"].pop("error.email"), "message 'error.email'"),
        (
            lambda r: r["steps"]["stage"].update(vocabulary="colours"),
            "unknown vocabulary 'colours'",
        ),
        (lambda r: r["steps"]["name"].update(colour="red"), "Extra inputs are not permitted"),
        (lambda r: r["steps"]["name"].update(kind="teleport"), "kind"),
        (lambda r: r["steps"]["name"]["validate"].update(rule="eval"), "rule"),
        (
            lambda r: r["messages"]["intake.place.ask"].update(en="Hi {nmae}"),
            "different placeholders",
        ),
        (lambda r: r.update(first_step="missing"), "step 'missing' is named but not defined"),
    ],
)
def test_broken_content_is_refused(tmp_path: Path, change: Any, complaint: str) -> None:
    with pytest.raises(ContentError) as excinfo:
        load_flow(_broken(tmp_path, change))
    assert complaint in str(excinfo.value)


def test_cli_content_check(tmp_path: Path) -> None:
    spbot = [sys.executable, "-m", "bot"]
    ok = subprocess.run([*spbot, "content", "check"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "OK" in ok.stdout
    bad = _broken(tmp_path, lambda r: r["steps"]["name"].update(next="nowhere"))
    failed = subprocess.run(
        [*spbot, "content", "check", str(bad)], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1
    assert "unknown step 'nowhere'" in failed.stderr
