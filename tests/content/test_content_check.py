"""The content schema catches every dangling reference and language gap."""

from __future__ import annotations

import re
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
    assert set(flow.languages) == {"sv", "en", "ar", "bs", "fa", "pl", "so"}
    assert flow.drafts == ("ar", "bs", "fa", "pl", "so"), (
        "drafts until a native speaker reviews them"
    )
    # Every message in every language, with the same placeholders (checked by the schema).
    assert all(
        all(texts.get(c) for c in ("ar", "bs", "fa", "pl")) for texts in flow.messages.values()
    )


def test_a_translation_file_is_merged_and_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A translation lacking a message, naming one the flow does not have, or of an unknown
    language is refused with the file and the reason."""
    import shutil

    import yaml

    from bot.content.schema import DEFAULT_FLOW_FILE
    from bot.domain import ContentError

    flow_file = tmp_path / "intake.yaml"
    shutil.copy(DEFAULT_FLOW_FILE, flow_file)
    translation = yaml.safe_load(
        (DEFAULT_FLOW_FILE.parent / "intake.ar.yaml").read_text(encoding="utf-8")
    )
    for change, complaint in (
        (lambda t: t["messages"].pop("consent.accept"), "'consent.accept' has no ar text"),
        (lambda t: t["messages"].update({"no.such": "x"}), "messages the flow does not have"),
        (lambda t: t.update(language="xx"), "unknown language 'xx'"),
        (lambda t: t.update(status="done"), "status is 'draft' or 'reviewed'"),
        (
            lambda t: t["messages"].update({"submit.done": "{case_ref} {oops}"}),
            "different placeholders",
        ),
    ):
        broken = yaml.safe_load(yaml.safe_dump(translation, allow_unicode=True))
        change(broken)
        (tmp_path / "intake.ar.yaml").write_text(
            yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8"
        )
        with pytest.raises(ContentError, match=re.escape(complaint)):
            load_flow(flow_file)
    translation["status"] = "reviewed"
    (tmp_path / "intake.ar.yaml").write_text(
        yaml.safe_dump(translation, allow_unicode=True), encoding="utf-8"
    )
    assert load_flow(flow_file).drafts == (), "reviewed, and the only translation here"


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
        (
            lambda r: r["steps"]["stage"].update(answer="website"),
            "stores 'website', which a case does not read",
        ),
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
