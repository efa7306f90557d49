"""The founder never loses a typed word: the field knows the question's limit (and says it),
an answer over it is refused with the text kept in the box, and an answer from a tab that
has fallen behind is not played but kept, with a word about the other tab."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import func, select

from bot.app import Services
from bot.storage.models import Message
from tests.web.conftest import WebFounder

FIELD = re.compile(r'<textarea id="text"[^>]*maxlength="(\d+)"[^>]*>(.*?)</textarea>', re.S)


async def _at_the_idea(web: httpx.AsyncClient) -> WebFounder:
    founder = WebFounder(web)
    await founder.open()
    await founder.press("Ja, det går bra")
    await founder.say("Linda Öberg")
    await founder.say("Eksjö")
    assert "Berätta om din idé" in founder.text
    return founder


async def _messages(services: Services) -> int:
    async with services.db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Message)) or 0)


async def test_the_field_knows_the_limit_and_an_answer_over_it_stays_in_the_box(
    services: Services, web: httpx.AsyncClient
) -> None:
    founder = await _at_the_idea(web)
    field = FIELD.search(founder.page)
    assert field and field.group(1) == "4000", "the idea's limit, not the chat's 12,000"
    assert "Högst 4\u00a0000 tecken." in founder.page
    before = await _messages(services)
    long_idea = "Ett kafé med surdegsbröd. " * 200  # 5,200 characters
    await founder.say(long_idea)
    assert founder.status == 422
    assert "högst 4\u00a0000 tecken, och ditt är 5\u00a0200" in founder.page
    field = FIELD.search(founder.page)
    assert field and field.group(2).startswith("Ett kafé med surdegsbröd."), "kept in the box"
    assert await _messages(services) == before, "nothing played, nothing stored"
    await founder.say("Ett kafé med surdegsbröd och lokala råvaror i Eksjö centrum.")
    assert founder.status == 200 and "din idé hör hemma" in founder.text


async def test_an_answer_from_a_tab_that_fell_behind_is_kept_not_played(
    services: Services, web: httpx.AsyncClient
) -> None:
    first = WebFounder(web)
    await first.open()
    await first.press("Ja, det går bra")
    second = WebFounder(web)  # the same browser, another tab
    await second.open("/chat")
    await first.say("Linda Öberg")
    assert "Trevligt, Linda!" in first.text
    before = await _messages(services)
    await second.say("Linnea Öberg")
    assert second.status == 409
    assert "gått vidare i en annan flik" in second.page
    field = FIELD.search(second.page)
    assert field and field.group(2) == "Linnea Öberg"
    assert "Trevligt, Linda!" in second.page, "the conversation as it is now"
    assert await _messages(services) == before
    # From the page it now shows, the answer goes through (to the question asked now).
    await second.say("Eksjö")
    assert second.status == 200 and "Berätta om din idé" in second.text
