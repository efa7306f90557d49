"""The whole product over real HTTP: a founder finishes the intake on Telegram (local Bot API
emulator), the lead reaches an advisor in Slack (local fake Web API), the advisor's Accept (a
signed request) reaches the founder back on Telegram."""

from __future__ import annotations

import httpx
from pydantic import SecretStr
from sqlalchemy import select

from bot.app import build_services
from bot.http import build_http_app
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Case, Offer
from tests.http_server import serving
from tests.roster import advisor, seed_advisors
from tests.slack.fake_api import FakeSlackApi
from tests.slack.signing import interaction, signed
from tests.slack.test_slack_app import slack_settings
from tests.telegram.emulator import BotApiEmulator
from tests.telegram.test_end_to_end import FOUNDER, _complete_intake

ADVISOR_SLACK = "U0JKP1"


async def test_telegram_founder_slack_advisor(settings: Settings, db: Database) -> None:
    await seed_advisors(
        db, advisor("jkp-1", "jonkoping", "food_beverage", "financing", slack=ADVISOR_SLACK)
    )
    tg, slack_api = BotApiEmulator(), FakeSlackApi()
    async with serving(tg.app()) as tg_url, serving(slack_api.app()) as slack_url:
        both = slack_settings(settings, slack_url + "/api", "C0COORD").model_copy(
            update={"telegram_bot_token": SecretStr(tg.token), "telegram_base_url": tg_url}
        )
        services = await build_services(both, db)
        async with serving(build_http_app(services, timers=False)) as app_url:
            await _complete_intake(tg)
            card = (await slack_api.wait_for("chat.postMessage"))[-1]
            assert card["channel"] == ADVISOR_SLACK
            # The sector the founder confirmed in Telegram, said so on the advisor's card.
            assert "(bekräftad av personen)" in str(card["blocks"])
            assert "56110 Restaurangverksamhet" in str(card["blocks"])  # the SNI suggestion
            async with db.sessions() as session:
                offer = await session.scalar(select(Offer))
            assert offer is not None
            body, content_type = interaction(
                {
                    "type": "block_actions",
                    "user": {"id": ADVISOR_SLACK},
                    "team": {"id": "T0"},
                    "api_app_id": "A0",
                    "token": "x",
                    "trigger_id": "t",
                    "channel": {"id": "D0JKP1"},
                    "message": {"ts": "9.1", "text": "card"},
                    "container": {"type": "message", "message_ts": "9.1", "channel_id": "D0JKP1"},
                    "response_url": f"{slack_url}/respond/1",
                    "actions": [
                        {
                            "action_id": "offer_accept",
                            "value": str(offer.id),
                            "block_id": f"offer:{offer.id}",
                            "type": "button",
                        }
                    ],
                }
            )
            async with httpx.AsyncClient() as client:
                response = await client.post(
                    f"{app_url}/slack/events", content=body, headers=signed(body, content_type)
                )
            assert response.status_code == 200
            news = await tg.wait_for(FOUNDER, "Goda nyheter!")
            # The accept listener closes the card after the founder's news may have gone:
            # wait for it before the emulator stops, or its call meets a closed port.
            closed = (await slack_api.wait_for("chat.update"))[-1]
            assert closed["channel"] == "D0JKP1"
    assert "Test jkp-1 på Science Park Jönköping" in news
    contact = [m for m in slack_api.of("chat.postMessage") if "tove@example.se" in str(m)]
    assert contact and contact[0]["channel"] == ADVISOR_SLACK
    async with db.sessions() as session:
        assert await session.scalar(select(Case.status)) == "accepted"
