"""Transcript tests: YAML conversations (founder turns, expected replies, expected case)
played through the real engine on a real database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.app import Services
from tests.chat import Founder
from tests.roster import seed_demo_roster
from tests.transcript_checks import check_case, inbound_stored, play

TRANSCRIPTS = sorted((Path(__file__).parent.parent / "transcripts").glob("*.yaml"))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _check_replies(founder: Founder, expected: list[dict[str, Any]], where: str) -> None:
    got = founder.last
    assert len(got) == len(expected), (
        f"{where}: expected {len(expected)} replies, got {len(got)}:\n"
        + "\n---\n".join(r.text for r in got)
    )
    for i, (reply, expect) in enumerate(zip(got, expected, strict=True)):
        for needle in _as_list(expect.get("contains", [])):
            assert needle in reply.text, f"{where} reply {i}: {needle!r} not in {reply.text!r}"
        for needle in _as_list(expect.get("not_contains", [])):
            assert needle not in reply.text, f"{where} reply {i}: {needle!r} in {reply.text!r}"
        labels = [c.label for c in reply.choices]
        if "choices" in expect:
            assert labels == expect["choices"], f"{where} reply {i}: buttons {labels}"
        for label in _as_list(expect.get("choices_include", [])):
            assert label in labels, f"{where} reply {i}: no button {label!r} in {labels}"


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript(path: Path, services: Services, caplog: pytest.LogCaptureFixture) -> None:
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    await seed_demo_roster(services.db)
    founder = Founder(services.engine, language_hint=script.get("language_hint"))
    inbound_count = 0
    for number, turn in enumerate(script["turns"], 1):
        where = f"{path.name} turn {number} ({ {k: v for k, v in turn.items() if k != 'expect'} })"
        await play(founder, turn)
        inbound_count += 1
        if "expect" in turn:
            _check_replies(founder, turn["expect"], where)

    await check_case(path, script, services.db)
    expected_stored = script.get("inbound_stored", inbound_count)
    assert await inbound_stored(services.db) == expected_stored, "every message is kept"
    errors = [r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert errors == [], "nothing went wrong behind the founder's back"
