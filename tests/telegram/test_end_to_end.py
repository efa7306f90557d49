"""A founder completes the intake on Telegram over real HTTP: the bot (as `spbot serve` runs
it) talks to a local Bot API emulator, in polling mode and in webhook mode."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from bot.app import Services, build_services
from bot.domain import Language
from bot.http import build_http_app
from bot.settings import load_settings
from bot.storage.db import Database
from bot.storage.models import Case
from tests.http_server import free_port, serving
from tests.intake_driver import Answers, complete_intake
from tests.roster import seed_demo_roster
from tests.telegram.emulator import BotApiEmulator, TelegramFounder, emulating

FOUNDER = 424242
SECRET = "s3cret-token-for-tests"


@pytest.fixture
async def emulator() -> AsyncIterator[tuple[BotApiEmulator, str]]:
    api = BotApiEmulator()
    async with emulating(api) as url:
        yield api, url


async def _services(
    database_url: str, db: Database, api_url: str, api: BotApiEmulator, **env: str
) -> Services:
    settings = load_settings(
        DATABASE_URL=database_url,
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=api_url,
        SPBOT_TIMER_INTERVAL="0.2",
        **env,
    )
    services = await build_services(settings, db)
    await seed_demo_roster(db)
    return services


async def _complete_intake(api: BotApiEmulator, chat: int = FOUNDER) -> str:
    founder = TelegramFounder(api, chat)
    await founder.say("/start")
    answers = Answers(
        name="Tove Telegram",
        place="Jag bor i Gränna",
        idea="Jag vill öppna ett kafé med polkagrisar och lokalt rostat kaffe.",
        email="tove@example.se",
    )
    return await complete_intake(founder, answers)


async def _assert_case(db: Database) -> None:
    async with db.sessions() as session:
        case = await session.scalar(select(Case))
    assert case is not None
    assert (case.status, case.municipality_code) == ("offered", "0680")
    assert case.answers["email"] == "tove@example.se"


async def test_intake_by_polling(
    emulator: tuple[BotApiEmulator, str], database_url: str, db: Database
) -> None:
    api, api_url = emulator
    services = await _services(database_url, db, api_url, api)
    async with serving(build_http_app(services)):
        done = await _complete_intake(api)
    assert "Science Park i Jönköping" in done
    await _assert_case(db)
    methods = api.methods()
    for method in (
        "getMe",
        "deleteWebhook",
        "getUpdates",
        "setMyCommands",
        "answerCallbackQuery",
        "editMessageText",
    ):
        assert method in methods, method
    # The answered question shows the choice and has no stale buttons.
    consent = next(m for m in api.sent[FOUNDER] if "sparar dina svar" in m["text"])
    assert consent["text"].endswith("✔ Ja, det går bra") and "reply_markup" not in consent
    # The multi-select keyboard was edited in place, with a tick on the chosen need.
    needs = next(m for m in api.sent[FOUNDER] if "Vad vill du ha hjälp med?" in m["text"])
    assert needs.get("edited")


# (language, name, place, idea, thanks, interpreter word, municipality code)
IN_THEIR_LANGUAGE = [
    ("ar", "سارا أحمد", "أسكن في Värnamo", "أريد أن أفتح ett bageri med surdegsbröd i Värnamo",
     "شكرًا يا سارا!", "مترجم", "0683"),
    ("bs", "Amra Hodžić", "Živim u Gnosjö", "Želim otvoriti ett bageri med surdegsbröd i Gnosjö",
     "Hvala, Amra!", "prevodioca", "0617"),
    ("fa", "مریم رضایی", "Huskvarna", "می‌خواهم ett bageri med surdegsbröd i Huskvarna باز کنم",
     "ممنون، مریم!", "مترجم", "0680"),
    ("pl", "Katarzyna Nowak", "Mieszkam w Tranås", "Chcę otworzyć ett bageri i Tranås",
     "Dziękuję, Katarzyna!", "tłumacza", "0687"),
    ("so", "Hodan Cali", "Jönköping", "Waxaan rabaa inaan furo ett bageri i Jönköping",
     "Mahadsanid, Hodan!", "turjubaan", "0680"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "name", "place", "idea", "thanks", "interpreter", "municipality"),
    IN_THEIR_LANGUAGE,
    ids=[row[0] for row in IN_THEIR_LANGUAGE],
)
async def test_a_founder_does_the_intake_in_their_own_language(
    emulator: tuple[BotApiEmulator, str],
    database_url: str,
    db: Database,
    code: str,
    name: str,
    place: str,
    idea: str,
    thanks: str,
    interpreter: str,
    municipality: str,
) -> None:
    """Telegram says the founder's app is in Arabic (Bosnian, Persian, Polish, Somali): the
    intake is in that language from the first word, the case opens with it, and the founder
    hears about an interpreter."""
    api, api_url = emulator
    services = await _services(database_url, db, api_url, api)
    async with serving(build_http_app(services)):
        founder = TelegramFounder(api, FOUNDER, language=code)
        await founder.say("/start")
        done = await complete_intake(
            founder,
            Answers(
                name=name, place=place, idea=idea, email="founder@example.se",
                language=Language(code),
            ),
        )  # fmt: skip
        assert thanks in done
        await founder.shows(interpreter)
    async with db.sessions() as session:
        case = await session.scalar(select(Case))
    assert case is not None and (case.language, case.municipality_code) == (code, municipality)


async def test_intake_by_webhook(
    emulator: tuple[BotApiEmulator, str], database_url: str, db: Database
) -> None:
    api, api_url = emulator
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    services = await _services(
        database_url,
        db,
        api_url,
        api,
        TELEGRAM_MODE="webhook",
        TELEGRAM_WEBHOOK_URL=url,
        TELEGRAM_WEBHOOK_SECRET=SECRET,
    )
    async with serving(build_http_app(services), port=port) as base:
        assert api.webhook is not None and api.webhook.secret == SECRET
        await _complete_intake(api)
        assert set(api.webhook_responses) == {200}
        async with httpx.AsyncClient() as client:
            health = await client.get(f"{base}/healthz")
            update = {
                "update_id": 1,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "text": "hej",
                    "chat": {"id": 1, "type": "private"},
                },
            }
            missing = await client.post(url, json=update)
            wrong = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
            )
            garbage = await client.post(
                url, content=b"{not json", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
    body = health.json()
    assert body["database"] == "ok" and body["timers"]["ok"] is True
    assert body["channels"] == {"telegram": "webhook", "slack": "off"}
    assert (missing.status_code, wrong.status_code, garbage.status_code) == (403, 403, 400)
    assert 1 not in api.sent, "a refused request is not processed"
    await _assert_case(db)


async def test_a_founder_books_the_first_meeting_with_one_press(
    emulator: tuple[BotApiEmulator, str], database_url: str, db: Database
) -> None:
    from bot.storage.models import Advisor, Offer
    from tests.meetings.hours import bookable_every_weekday

    api, api_url = emulator
    services = await _services(database_url, db, api_url, api)
    async with serving(build_http_app(services)):
        await _complete_intake(api)
        async with db.sessions() as session:
            offer = (await session.scalars(select(Offer))).one()
            advisor = await session.get(Advisor, offer.advisor_id)
        assert advisor is not None
        await bookable_every_weekday(
            services.workflow, advisor.key, "video", "https://meet.example.org/advisor"
        )
        await services.workflow.accept(offer.id, offer.advisor_id)
        founder = TelegramFounder(api, FOUNDER)
        await founder.shows("Välj en tid för ert första möte")
        times = [b for b in founder.buttons if "· video" in b]
        assert len(times) == 5 and "Ingen tid passar – kontakta mig" in founder.buttons
        await founder.press(times[0])
        booked = await founder.shows("Bokat!")
    assert "video: https://meet.example.org/advisor" in booked
    async with db.sessions() as session:
        from bot.storage.models import Meeting

        meeting = (await session.scalars(select(Meeting))).one()
    assert meeting.status == "booked" and meeting.place_kind == "video"
