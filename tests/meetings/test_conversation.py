"""The first meeting in the founder's own conversation: the news that an advisor took the
case comes with times to press, /meeting shows the meeting with "change" and "cancel", an
old or forged button is answered in words, and nothing is booked without the case's founder."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import Services, build_services
from bot.cases.actions import Actor
from bot.cases.notifications import Audience, Notification, NotificationKind, RecordingNotifier
from bot.domain import ActorKind
from bot.settings import Settings
from bot.storage.db import Database
from tests.cases.conftest import FakeClock
from tests.chat import Founder
from tests.intake_driver import Answers, complete_intake
from tests.roster import advisor, seed_advisors

ADMIN = Actor(ActorKind.ADMIN, "admin")
VAR = Actor(ActorKind.ADVISOR, "var-1")
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 09:00 in Stockholm


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
async def product(settings: Settings, db: Database, clock: FakeClock) -> Services:
    await seed_advisors(db, advisor("var-1", "varnamo", "food_beverage", "financing"))
    services = await build_services(settings, db, clock=clock)
    await services.workflow.meetings.add_hours(
        "var-1",
        weekday=1,
        start_minute=9 * 60,
        end_minute=12 * 60,
        slot_minutes=60,
        place_kind="office",
        place="Storgatan 1, Värnamo",
        actor=VAR,
    )
    return services


async def accepted(product: Services, founder: Founder) -> Notification:
    """The founder's intake, the case taken by var-1: the news the founder gets."""
    notifier = RecordingNotifier()
    product.workflow.ctx.notifier = notifier
    await founder.command("start")
    await complete_intake(
        founder,
        Answers(
            name="Frida Framåt",
            place="Jag bor i Värnamo",
            idea="Ett bageri med surdegsbröd som levererar till kaféer i Värnamo.",
            email="frida@example.se",
            place_confirm=None,
        ),
    )
    offer = next(n for n in notifier.sent if n.kind is NotificationKind.OFFER)
    await product.workflow.accept(int(offer.data["offer_id"]), int(offer.recipient_id or 0))
    return next(
        n
        for n in notifier.sent
        if n.kind is NotificationKind.ADVISOR_FOUND and n.audience is Audience.FOUNDER
    )


async def test_book_change_and_cancel_in_the_conversation(product: Services) -> None:
    frida = Founder(product.engine, user_id="frida")
    news = await accepted(product, frida)
    choices = news.data["choices"]
    assert [c.get("label") for c in choices][:2] == [
        "tis 1 dec 09:00 · Science Park Värnamo",
        "tis 1 dec 10:00 · Science Park Värnamo",
    ]

    await frida.choose(choices[0]["id"])  # one press, from the news
    assert "Bokat! Du träffar Test var-1 tisdag 1 december kl. 09:00" in frida.text
    assert "Science Park Värnamo, Storgatan 1, Värnamo" in frida.text

    await frida.command("meeting")
    assert "Du träffar Test var-1 tisdag 1 december kl. 09:00" in frida.text
    assert frida.buttons == ["Byt tid", "Avboka mötet"]
    await frida.press("Byt tid")
    assert "tis 1 dec 09:00 · Science Park Värnamo" not in frida.buttons, "their own time"
    await frida.press("tis 1 dec 11:00 · Science Park Värnamo")
    assert "ny tid" in frida.text and "kl. 11:00" in frida.text

    await frida.command("meeting")
    await frida.press("Avboka mötet")
    assert "Mötet är avbokat" in frida.text
    await frida.choose(choices[0]["id"])  # the old button still books while it is free
    assert "Bokat!" in frida.text


async def test_someone_elses_or_a_forged_button_books_nothing(product: Services) -> None:
    frida = Founder(product.engine, user_id="frida")
    news = await accepted(product, frida)
    mallory = Founder(product.engine, user_id="mallory")
    await mallory.command("start")
    await mallory.press("Ja, det går bra")
    await mallory.choose(news.data["choices"][0]["id"])
    assert "inget ärende hos en affärsutvecklare" in mallory.text
    for forged in (
        "meet:",
        "meet:JKP-2026-0001:x:y",
        "meet:JKP-2026-0001:1:209913459999",
        "meet:" + "A" * 60,
    ):
        await frida.choose(forged)
        assert "kunde jag inte läsa" in frida.text or "inget ärende" in frida.text, forged
    times = await product.workflow.meetings.times(1, news.case_ref)
    assert times is not None and times.meeting is None, "nothing was booked"


async def test_meeting_without_a_case_says_so_and_none_fits_tells_the_advisor(
    product: Services,
) -> None:
    early = Founder(product.engine, user_id="early")
    await early.command("start")
    await early.command("meeting")
    assert "inget ärende" in early.text or "samtycke" in early.text
    frida = Founder(product.engine, user_id="frida")
    news = await accepted(product, frida)
    await frida.choose(news.data["choices"][-1]["id"])
    assert "kontaktar dig, så bestämmer ni en tid" in frida.text
