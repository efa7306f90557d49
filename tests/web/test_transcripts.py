"""Every conversation transcript, played through the web chat over HTTP: the same intake,
the same answers, on a page (Swedish and English, every bad input)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import func, select

from bot.app import Services
from bot.storage.case_queries import list_cases
from bot.storage.models import Message
from tests.engine.test_transcripts import TRANSCRIPTS, _check_replies
from tests.roster import seed_demo_roster
from tests.transcript_checks import play
from tests.web.conftest import WebFounder


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript_on_the_web(
    path: Path, services: Services, web: httpx.AsyncClient
) -> None:
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    await seed_demo_roster(services.db)
    founder = WebFounder(web, language_hint=script.get("language_hint"))
    played = refused = 0
    for number, turn in enumerate(script["turns"], 1):
        where = f"{path.name} turn {number} ({ {k: v for k, v in turn.items() if k != 'expect'} })"
        if not await play(founder, turn):
            continue
        played += 1
        if "say_repeated" in turn and founder.status == 422:
            # Over the question's limit: the page itself refuses it (the text stays in the
            # box, nothing is stored) where other channels get the engine's word.
            assert re.search(
                r"högst [\d\u00a0]+ tecken|at most [\d\u00a0]+ characters", founder.page
            )
            refused += 1
            continue
        assert founder.status == 200, f"{where}: HTTP {founder.status}"
        if "expect" in turn:
            _check_replies(founder, turn["expect"], where)  # type: ignore[arg-type]
    cases = await list_cases(services.db)
    assert len(cases) == (1 if script.get("case") else 0)
    if script.get("case"):
        assert cases[0].municipality_code == script["case"].get(
            "municipality_code", cases[0].municipality_code
        )
    skipped = sum(1 for t in script["turns"] if "unsupported" in t)
    async with services.db.sessions() as session:
        stored = await session.scalar(
            select(func.count()).select_from(Message).where(Message.direction == "inbound")
        )
    expected = script.get("web_inbound_stored", script.get("inbound_stored", len(script["turns"])))
    assert stored == expected - skipped - refused
