"""The nodes' events in the web chat: told after the intake, signed up with one press on the
page, listed with /events (over HTTP, as a browser would post)."""

from __future__ import annotations

import httpx

from bot.app import Services
from tests.events.test_stories import intake_in_varnamo
from tests.node_events import add_event
from tests.roster import advisor, seed_advisors
from tests.web.conftest import WebFounder


async def test_a_web_founder_hears_of_the_evening_and_signs_up(
    services: Services, web: httpx.AsyncClient
) -> None:
    await seed_advisors(services.db, advisor("var-1", "varnamo", "food_beverage", "financing"))
    await add_event(
        services,
        "Starta eget-kväll",
        days=9,
        at_hour=17,
        kind="start_business_evening",
        place="Storgatan 1",
        node="varnamo",
        capacity=10,
    )
    founder = WebFounder(web)
    await intake_in_varnamo(founder, "Wera Webb", "wera@example.se")  # type: ignore[arg-type]
    assert "Starta eget-kväll" in founder.text
    await founder.press("Anmäl mig: Starta eget-kväll")
    assert "Du är anmäld till Starta eget-kväll" in founder.text
    await founder.command("events")
    assert "(du är anmäld)" in founder.text
    await founder.press("Avboka: Starta eget-kväll")
    assert "avbokad" in founder.text
    forged = await founder.choose("event:join:999999")
    assert founder.status == 200 and "hittar jag inte" in founder.text, forged
