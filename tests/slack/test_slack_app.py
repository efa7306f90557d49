"""Signed requests over HTTP against the real Bolt app mounted in `spbot serve`'s HTTP app,
with the Web API pointed at a local fake that records calls."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.app import build_services
from bot.cases.actions import SYSTEM
from bot.cases.workflow import CaseWorkflow
from bot.engine.intake import IntakeEngine
from bot.http import build_http_app
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import Case, CaseEvent, Offer
from tests.cases.conftest import FakeClock, open_case
from tests.http_server import serving
from tests.roster import advisor, seed_advisors
from tests.slack.fake_api import FakeSlackApi
from tests.slack.signing import SECRET, command, event, interaction, signed

COORDINATORS = "C0COORD"
VAR1, VAR2, COORD, STRANGER = "U0VAR1", "U0VAR2", "U0COORD", "U0NOBODY"


@dataclass
class SlackWorld:
    url: str
    api: FakeSlackApi
    db: Database
    workflow: CaseWorkflow
    clock: FakeClock
    engine: IntakeEngine | None = None

    async def post(self, body: bytes, content_type: str, **sign: Any) -> httpx.Response:
        async with httpx.AsyncClient() as client:
            return await client.post(
                f"{self.url}/slack/events", content=body, headers=signed(body, content_type, **sign)
            )

    def user(self, user_id: str) -> dict[str, Any]:
        return {"id": user_id, "username": user_id.lower(), "team_id": "T0TEAM"}

    async def click(
        self,
        user_id: str,
        action: dict[str, Any],
        channel: str = "DVAR1",
        ts: str = "1.000100",
        view: dict[str, Any] | None = None,
    ) -> httpx.Response:
        payload = {
            "type": "block_actions",
            "user": self.user(user_id),
            "team": {"id": "T0TEAM"},
            "api_app_id": "A0APP",
            "token": "legacy",
            "trigger_id": "trig-1",
            "container": {"type": "message", "message_ts": ts, "channel_id": channel},
            "channel": {"id": channel},
            "message": {"ts": ts, "text": "card"},
            "response_url": f"{self.api_url}/respond/1",
            "actions": [action],
        }
        if view is not None:
            payload["view"] = view
        return await self.post(*interaction(payload))

    @property
    def api_url(self) -> str:
        return self._api_url

    _api_url: str = ""


@pytest.fixture
async def world(settings: Settings, db: Database) -> AsyncIterator[SlackWorld]:
    await seed_advisors(
        db,
        advisor("var-1", "varnamo", "food_beverage", "financing", slack=VAR1),
        advisor("var-2", "varnamo", "food_beverage", slack=VAR2),
        advisor(
            "coord", "jonkoping", "business_services", capacity=0, slack=COORD, coordinator=True
        ),
    )
    async for w in slack_world(settings, db):
        yield w


async def slack_world(settings: Settings, db: Database) -> AsyncIterator[SlackWorld]:
    """`spbot serve` with Slack configured against a local fake Web API, over HTTP."""
    api = FakeSlackApi()
    clock = FakeClock(time_now())
    async with serving(api.app()) as api_url:
        services = await build_services(
            slack_settings(settings, f"{api_url}/api/", COORDINATORS), db, clock=clock
        )
        async with serving(build_http_app(services, timers=False)) as url:
            w = SlackWorld(url, api, db, services.workflow, clock, services.engine)
            w._api_url = api_url
            yield w


def slack_settings(settings: Settings, api_url: str, coordinators: str) -> Settings:
    """The test settings with Slack configured against the local fake Web API."""
    return settings.model_copy(
        update={
            "slack_bot_token": SecretStr("xoxb-test-token"),
            "slack_signing_secret": SecretStr(SECRET),
            "slack_api_url": api_url,
            "slack_coordinators_channel": coordinators,
        }
    )


def time_now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a Monday morning


async def _offered(w: SlackWorld) -> tuple[str, Offer, dict[str, Any]]:
    ref = await open_case(w.db, w.clock)
    await w.workflow.route(ref)
    card = (await w.api.wait_for("chat.postMessage"))[-1]
    async with w.db.sessions() as session:
        offer = await session.scalar(select(Offer).where(Offer.status == "pending"))
    assert offer is not None
    return ref, offer, card


def _texts(blocks: list[dict[str, Any]]) -> str:
    out = []
    for b in blocks:
        if "text" in b and isinstance(b["text"], dict):
            out.append(b["text"]["text"])
        for f in b.get("fields", []) + b.get("elements", []):
            if isinstance(f, dict) and f.get("type") == "mrkdwn":
                out.append(f["text"])
    return "\n".join(out)


async def _events(db: Database, kind: str) -> int:
    async with db.sessions() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.kind == kind)
            )
            or 0
        )


async def test_a_lead_card_and_accept(world: SlackWorld) -> None:
    ref, offer, card = await _offered(world)
    assert card["channel"] == VAR1
    text = _texts(card["blocks"])
    assert "Ett surdegsbageri" in text and "Värnamo" in text
    # Why this advisor, in the advisor's language (not the ranking's English lines).
    assert "personens hemnod: Science Park Värnamo" in text and "kompetens" in text
    assert "home node" not in text and "expertise" not in text
    # The lead's facts: the one list the console shows too, the founder's language included.
    assert "*Skede*\n" in text and "*Språk*\nsvenska" in text
    assert "frida@example.se" not in str(card), "no contact details before accepting"
    buttons = [
        e["action_id"] for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert buttons == ["offer_accept", "offer_decline"]

    response = await world.click(
        VAR1,
        {
            "action_id": "offer_accept",
            "value": str(offer.id),
            "block_id": f"offer:{offer.id}",
            "type": "button",
        },
    )
    assert response.status_code == 200
    updates = await world.api.wait_for("chat.update")
    assert "Tagen av <@U0VAR1>" in _texts(updates[-1]["blocks"])
    assert not [b for b in updates[-1]["blocks"] if b["type"] == "actions"], "no stale buttons"
    dms = await world.api.wait_for("chat.postMessage", 2)
    assert "frida@example.se" in str(dms[-1]), "contact details after accepting"
    async with world.db.sessions() as session:
        assert await session.scalar(select(Case.status).where(Case.ref == ref)) == "accepted"


async def test_decline_with_a_reason(world: SlackWorld) -> None:
    _, offer, _ = await _offered(world)
    await world.click(
        VAR1,
        {
            "action_id": "offer_decline",
            "value": str(offer.id),
            "block_id": f"offer:{offer.id}",
            "type": "button",
        },
    )
    modal = (await world.api.wait_for("views.open"))[-1]
    assert modal["view"]["callback_id"] == "decline_offer" and modal["trigger_id"] == "trig-1"
    submission = {
        "type": "view_submission",
        "user": world.user(VAR1),
        "team": {"id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy",
        "trigger_id": "t2",
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": "decline_offer",
            "private_metadata": str(offer.id),
            "state": {
                "values": {
                    "reason": {
                        "value": {
                            "type": "static_select",
                            "selected_option": {
                                "value": "no_capacity",
                                "text": {"type": "plain_text", "text": "No capacity"},
                            },
                        }
                    },
                    "note": {
                        "value": {
                            "type": "plain_text_input",
                            "value": "Full until <!channel> January",
                        }
                    },
                }
            },
        },
    }
    response = await world.post(*interaction(submission))
    assert response.status_code == 200
    updates = await world.api.wait_for("chat.update")
    assert "Nej tack: Har inte tid just nu" in _texts(updates[-1]["blocks"])
    cards = await world.api.wait_for("chat.postMessage", 2)
    assert cards[-1]["channel"] == VAR2, "the next advisor at the home node gets the lead"
    async with world.db.sessions() as session:
        declined = await session.get(Offer, offer.id)
    assert declined is not None and declined.decline_reason == "no_capacity"
    assert declined.note == "Full until <!channel> January"


async def test_expiry_updates_the_card(world: SlackWorld) -> None:
    _, offer, _ = await _offered(world)
    world.clock.advance(days=5)
    assert await world.workflow.fire_due_timers() == 2
    updates = await world.api.wait_for("chat.update")
    assert "Erbjudandet gick ut" in _texts(updates[-1]["blocks"])
    async with world.db.sessions() as session:
        expired = await session.get(Offer, offer.id)
    assert expired is not None and expired.status == "expired"
    assert (updates[-1]["channel"], updates[-1]["ts"]) == (expired.card_channel, expired.card_ts)
    assert not [b for b in updates[-1]["blocks"] if b["type"] == "actions"], "no stale buttons"
    reminders = [m for m in world.api.of("chat.postMessage") if "Påminnelse" in m.get("text", "")]
    assert reminders and reminders[0].get("thread_ts")


async def test_two_advisors_race_and_one_wins(world: SlackWorld) -> None:
    _, offer, _ = await _offered(world)
    action = {
        "action_id": "offer_accept",
        "value": str(offer.id),
        "block_id": f"offer:{offer.id}",
        "type": "button",
    }
    responses = await asyncio.gather(
        world.click(VAR1, action), world.click(VAR1, action), world.click(VAR2, action)
    )
    assert {r.status_code for r in responses} == {200}
    # Both losers were told: each could lose only after the winner's accept was stored, so
    # all three clicks are done and nothing else can come.
    await world.api.wait_for("chat.postEphemeral", 2)
    assert await _events(world.db, "accepted") == 1
    ephemerals = " ".join(p["text"] for p in world.api.of("chat.postEphemeral"))
    assert "erbjöds en annan rådgivare" in ephemerals and "inte längre öppet" in ephemerals


async def test_coordinator_commands_and_a_stranger_refused(world: SlackWorld) -> None:
    ref, _, _ = await _offered(world)

    async def slash(user: str, text: str) -> dict[str, Any]:
        before = len(world.api.responses)
        response = await world.post(
            *command(
                {
                    "command": "/spbot",
                    "text": text,
                    "user_id": user,
                    "team_id": "T0TEAM",
                    "channel_id": "C0ANY",
                    "trigger_id": "t",
                    "token": "legacy",
                    "response_url": f"{world.api_url}/respond/2",
                }
            )
        )
        assert response.status_code == 200
        return (await world.api.wait_for_response(before + 1))[-1]

    workload = await slash(COORD, "workload")
    assert "varnamo" in workload["text"] and "0/5" in workload["text"]
    shown = await slash(COORD, f"case {ref}")
    assert ref in shown["text"] and "offered" in shown["text"]
    moved = await slash(COORD, f"reassign {ref} <@{VAR2}|var2>")
    assert f"{ref} ligger nu hos <@{VAR2}>" in moved["text"]
    refused = await slash(STRANGER, "workload")
    assert "bara för samordnare" in refused["text"]
    advisor_refused = await slash(VAR1, "rebalance")
    assert "bara för samordnare" in advisor_refused["text"]
    away = await slash(VAR1, "away 2026-12-21 2027-01-06")
    assert "du är borta 2026-12-21 – 2027-01-06" in away["text"]
    nothing = await slash(COORD, "rebalance")
    assert "inget behöver flyttas" in nothing["text"]
    unknown = await slash(COORD, "case JKP-1999-0001")
    assert "inget ärende med referensen" in unknown["text"]


async def test_escalation_reaches_the_coordinators_who_assign(world: SlackWorld) -> None:
    ref = await open_case(world.db, world.clock, municipality=("0604", "Aneby"))
    await world.workflow.escalate(ref, SYSTEM, "test escalation")
    posted = (await world.api.wait_for("chat.postMessage"))[-1]
    assert posted["channel"] == COORDINATORS and "behöver en samordnare" in posted["text"]
    select_action = {
        "action_id": "assign_case",
        "block_id": f"escalated:{ref}",
        "type": "users_select",
        "selected_user": VAR2,
    }
    await world.click(STRANGER, select_action, channel=COORDINATORS)
    refused = await world.api.wait_for("chat.postEphemeral")
    assert "bara för samordnare" in refused[-1]["text"]
    await world.click(COORD, select_action, channel=COORDINATORS)
    updates = await world.api.wait_for("chat.update")
    assert f"{ref} gavs till <@{VAR2}>" in updates[-1]["text"]
    async with world.db.sessions() as session:
        assert await session.scalar(select(Case.status).where(Case.ref == ref)) == "accepted"


async def test_forged_and_stale_requests_are_rejected(world: SlackWorld) -> None:
    _, offer, _ = await _offered(world)
    body, content_type = interaction(
        {
            "type": "block_actions",
            "user": world.user(VAR1),
            "team": {"id": "T0TEAM"},
            "actions": [
                {
                    "action_id": "offer_accept",
                    "value": str(offer.id),
                    "type": "button",
                    "block_id": "b",
                }
            ],
            "trigger_id": "t",
            "token": "legacy",
            "api_app_id": "A0APP",
        }
    )
    wrong = await world.post(body, content_type, secret="not-the-secret")
    stale = await world.post(body, content_type, timestamp=int(time.time()) - 6 * 60)
    # Refused before Bolt sees them: nothing runs after the 401.
    assert (wrong.status_code, stale.status_code) == (401, 401)
    assert await _events(world.db, "accepted") == 0, "nothing was processed"


async def test_app_home_and_case_buttons(world: SlackWorld) -> None:
    ref, offer, _ = await _offered(world)
    opened = {
        "type": "event_callback",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event_id": "Ev0HOME1",
        "event_time": 1,
        "token": "legacy",
        "event": {"type": "app_home_opened", "user": VAR1, "channel": "DVAR1", "tab": "home"},
    }
    response = await world.post(*event(opened))
    assert response.status_code == 200
    home = (await world.api.wait_for("views.publish"))[-1]
    assert home["user_id"] == VAR1 and ref in str(home["view"])
    # Slack retries the same event: the inbox knows it before the 200 and drops it there.
    again = await world.post(*event(opened))
    assert again.status_code == 200
    assert len(world.api.of("views.publish")) == 1

    await world.workflow.accept(offer.id, offer.advisor_id)
    await world.click(
        VAR1,
        {"action_id": "case_contacted", "value": ref, "block_id": f"case:{ref}", "type": "button"},
    )
    await world.api.wait_for("views.publish", 2)
    home = world.api.of("views.publish")[-1]["view"]
    assert "Fel bransch? Välj rätt" in str(home)
    # The advisor puts the case in its right sector from the App Home.
    await world.click(
        VAR1,
        {
            "action_id": "case_sector",
            "block_id": f"case:{ref}",
            "type": "static_select",
            "selected_option": {"value": f"{ref}|retail_ecommerce"},
        },
    )
    await world.api.wait_for("views.publish", 3)
    # A stale or forged menu value is answered in words and changes nothing.
    await world.click(
        VAR1,
        {
            "action_id": "case_sector",
            "block_id": f"case:{ref}",
            "type": "static_select",
            "selected_option": {"value": "no-bar-here"},
        },
    )
    told = await world.api.wait_for("chat.postEphemeral")
    assert "gick inte att läsa" in told[-1]["text"]
    async with world.db.sessions() as session:
        corrected = await session.scalar(select(Case).where(Case.ref == ref))
    assert corrected is not None
    assert [s["id"] for s in corrected.answers["sectors"]] == ["retail_ecommerce"]
    await world.click(
        VAR1,
        {
            "action_id": "case_close",
            "block_id": f"case:{ref}",
            "type": "static_select",
            "selected_option": {"value": f"{ref}|company_started"},
        },
    )
    await world.api.wait_for("views.publish", 4)
    async with world.db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
    assert case is not None and (case.status, case.outcome) == ("closed", "company_started")
    # Somebody else cannot move the case on (the answer is the next ephemeral message,
    # after the one about the malformed menu value above).
    before = len(world.api.of("chat.postEphemeral"))
    await world.click(
        VAR2,
        {"action_id": "case_contacted", "value": ref, "block_id": f"case:{ref}", "type": "button"},
    )
    refused = await world.api.wait_for("chat.postEphemeral", before + 1)
    assert "inte ditt" in refused[-1]["text"]


async def test_a_founder_does_the_intake_in_a_dm(world: SlackWorld) -> None:
    message = {
        "type": "event_callback",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event_id": "Ev0DM1",
        "event_time": 1,
        "token": "legacy",
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": "D0FOUNDER",
            "user": "U0FOUNDER",
            "text": "hej <!channel>",
            "ts": "2.000001",
        },
    }
    assert (await world.post(*event(message))).status_code == 200
    # Free text before consent: "please pick one of the options", then the question again.
    first, reply = (await world.api.wait_for("chat.postMessage", 2))[-2:]
    assert "Välj ett av alternativen" in first["text"]
    assert reply["channel"] == "D0FOUNDER"
    assert "Är det okej att vi sparar dina svar?" in reply["text"]
    buttons = [e["value"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons == [
        "consent:accept",
        "consent:decline",
        "consent:lang_en",
        "consent:lang_ar",
        "consent:lang_bs",
        "consent:lang_fa",
        "consent:lang_pl",
        "consent:lang_so",
    ]
    before = len(world.api.of("chat.postMessage"))
    await world.click(
        "U0FOUNDER",
        {
            "action_id": "intake_choice",
            "value": "consent:accept",
            "type": "button",
            "block_id": "b",
            "text": {"type": "plain_text", "text": "Ja, det går bra"},
        },
        channel="D0FOUNDER",
        ts="3.000001",
    )
    posted = await world.api.wait_for("chat.postMessage", before + 1)
    assert "Vad heter du?" in posted[-1]["text"]
    edited = (await world.api.wait_for("chat.update"))[-1]
    assert "✔ Ja, det går bra" in str(edited["blocks"])


@pytest.mark.allow_errors
async def test_a_dm_the_database_could_not_store_is_refused_for_slack_to_retry(
    world: SlackWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from bot.storage import inbox

    accept = inbox.accept
    failures = [OperationalError("INSERT INTO inbox", {}, ConnectionError("server closed"))]

    async def flaky(*args: Any, **kwargs: Any) -> int | None:
        if failures:
            raise failures.pop()
        return await accept(*args, **kwargs)

    monkeypatch.setattr(inbox, "accept", flaky)
    message = {
        "type": "event_callback",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event_id": "Ev0DM9",
        "event_time": 1,
        "token": "legacy",
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": "D0LATE",
            "user": "U0LATE",
            "text": "hej",
            "ts": "9.000001",
        },
    }
    refused = await world.post(*event(message))
    assert refused.status_code == 503, "not stored: Slack is asked to send it again"
    assert world.api.of("chat.postMessage") == []
    again = await world.post(*event(message))  # Slack's retry of the same event
    assert again.status_code == 200
    posted = await world.api.wait_for("chat.postMessage", 2)
    assert any("Är det okej att vi sparar dina svar?" in p["text"] for p in posted)


async def test_an_advisor_who_writes_to_the_app_gets_staff_help(world: SlackWorld) -> None:
    message = {
        "type": "event_callback",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event_id": "Ev0DM2",
        "event_time": 1,
        "token": "legacy",
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": "D0VAR1",
            "user": VAR1,
            "text": "hej, hur gör jag?",
            "ts": "5.000001",
        },
    }
    assert (await world.post(*event(message))).status_code == 200
    posted = (await world.api.wait_for("chat.postMessage"))[-1]
    assert posted["channel"] == "D0VAR1"
    assert "rådgivarlistan" in posted["text"] and "/spbot away" in posted["text"]
    assert "samtycke" not in posted["text"].lower() and "sparar dina svar" not in posted["text"]


def test_founder_text_is_escaped_for_mrkdwn() -> None:
    from bot.cases.leads import Lead
    from bot.handlers.slack import blocks

    card = blocks.offer_card(
        "JKP-2026-0001",
        1,
        Lead(
            ref="JKP-2026-0001",
            idea="Ping <!channel> & visit <https://evil.example|bank>",
            municipality="Eksjö",
            locality=None,
            stage=None,
            needs=(),
            sectors=(),
            language="sv",
        ),
        ["why <@U1>"],
        None,
    )
    text = str(card)
    assert "<!channel>" not in text and "<https://evil" not in text and "<@U1>" not in text
    assert "&lt;!channel&gt; &amp; visit &lt;https://evil.example|bank&gt;" in text


@pytest.mark.allow_errors  # the failed delivery is logged as an error, on purpose
async def test_slack_errors_are_recorded_not_lost(world: SlackWorld) -> None:
    world.api.errors["chat.postMessage"] = ["channel_not_found"]
    ref = await open_case(world.db, world.clock)
    await world.workflow.route(ref)  # the card cannot be delivered
    async with world.db.sessions() as session:
        kinds = (
            await session.scalars(
                select(CaseEvent.kind)
                .join(Case, Case.id == CaseEvent.case_id)
                .where(Case.ref == ref)
                .order_by(CaseEvent.id)
            )
        ).all()
    assert list(kinds) == ["opened", "offered", "notification_failed"]
    # A listener whose Web API call fails still answers Slack and crashes nothing.
    world.api.errors["chat.postEphemeral"] = ["token_revoked"]
    response = await world.click(
        STRANGER,
        {"action_id": "offer_accept", "value": "1", "block_id": "offer:1", "type": "button"},
    )
    assert response.status_code == 200


async def test_rebalance_proposal_approved_in_slack(world: SlackWorld) -> None:
    from bot.cases.actions import Actor
    from bot.domain import ActorKind

    coordinator = Actor(ActorKind.COORDINATOR, "coord")
    refs = [await open_case(world.db, world.clock, user=f"f{i}") for i in range(7)]
    for ref in refs:  # var-1 (capacity 5) gets seven cases
        await world.workflow.reassign(ref, "var-1", coordinator)
    response = await world.post(
        *command(
            {
                "command": "/spbot",
                "text": "rebalance",
                "user_id": COORD,
                "team_id": "T0TEAM",
                "channel_id": "C0ANY",
                "trigger_id": "t",
                "token": "legacy",
                "response_url": f"{world.api_url}/respond/3",
            }
        )
    )
    assert response.status_code == 200
    proposal = (await world.api.wait_for_response())[-1]
    approve = next(
        e
        for b in proposal["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "rebalance_approve"
    )
    assert "2 flyttar" in str(proposal["blocks"])
    await world.click(
        COORD,
        {
            "action_id": "rebalance_approve",
            "value": approve["value"],
            "type": "button",
            "block_id": "r",
        },
        channel="C0ANY",
    )
    applied = (await world.api.wait_for_response(2))[-1]
    assert applied["text"].startswith("Omfördelningen är gjord") and applied["replace_original"]
    async with world.db.sessions() as session:
        loads = dict(
            (
                await session.execute(
                    select(Case.advisor_id, func.count()).group_by(Case.advisor_id)
                )
            ).all()
        )
    assert sorted(loads.values()) == [2, 5]


def test_cards_read_in_the_advisors_language_with_slack_dates() -> None:
    from bot.cases.leads import Lead
    from bot.handlers.slack import blocks

    lead = Lead(
        ref="JKP-2026-0009",
        idea="Ett bageri",
        municipality="Eksjö",
        locality=None,
        stage="starting",
        needs=("financing",),
        sectors=(),
        language="sv",
    )
    sv = str(blocks.offer_card("JKP-2026-0009", 3, lead, [], "2026-12-10T17:00:00+00:00"))
    en = str(blocks.offer_card("JKP-2026-0009", 3, lead, [], "2026-12-10T17:00:00+00:00", "en"))
    assert "Startar nu" in sv and "Finansiering" in sv and "Ta ärendet" in sv
    assert "starting" not in sv, "words, not raw ids"
    assert "Starting now" in en and "Financing" in en and "Accept" in en
    # Each reader sees their own locale and time zone; the fallback is Swedish time.
    assert "<!date^1796922000^{date_short_pretty} {time}|tors 10 dec kl. 18:00 (svensk tid)>" in sv
    assert "|Thu 10 Dec 18:00 (Swedish time)>" in en


def test_staff_language_comes_from_the_roster() -> None:
    from bot.storage.advisors import _staff
    from bot.storage.models import Advisor

    swedish = Advisor(id=1, key="a", name="A", is_coordinator=False, languages=["sv", "en"])
    english = Advisor(id=2, key="b", name="B", is_coordinator=False, languages=["en"])
    assert _staff(swedish).language == "sv"  # type: ignore[union-attr]
    assert _staff(english).language == "en"  # type: ignore[union-attr]


async def test_a_founder_in_slack_books_the_first_meeting_with_one_press(
    world: SlackWorld,
) -> None:
    from tests.chat import Founder
    from tests.intake_driver import Answers, complete_intake
    from tests.meetings.hours import bookable_every_weekday

    assert world.engine is not None
    await bookable_every_weekday(world.workflow, "var-1")
    # The intake as the Slack DM plays it (the same engine, the founder's Slack user id).
    founder = Founder(world.engine, user_id="U0FOUNDER", channel="slack")
    await founder.command("start")
    await complete_intake(
        founder,
        Answers(
            name="Sara Slack",
            place="Jag bor i Värnamo",
            idea="Ett bageri med surdegsbröd som levererar till kaféer i Värnamo.",
            email="sara@example.se",
            place_confirm=None,
        ),
    )
    async with world.db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
    await world.workflow.accept(offer.id, offer.advisor_id)
    news = next(
        m for m in await world.api.wait_for("chat.postMessage") if m["channel"] == "U0FOUNDER"
    )
    assert "Välj en tid för ert första möte" in news["text"]
    buttons = [e for b in news["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(buttons) == 6 and buttons[0]["value"].startswith("meet:")
    before = len(world.api.of("chat.postMessage"))
    await world.click(
        "U0FOUNDER",
        {**buttons[0], "block_id": "b"},
        channel="D0FOUNDER",
        ts=news.get("ts", "5.000001"),
    )
    # The founder's answer and the advisor's news, in either order.
    posted = await world.api.wait_for("chat.postMessage", before + 2)
    assert any("Bokat!" in m["text"] for m in posted[before:] if m["channel"] != VAR1)
    booked = [m for m in posted[before:] if m["channel"] == VAR1]
    assert any("har bokat ett möte med dig" in m["text"] for m in booked), "the advisor is told"


def _session_submission(world: SlackWorld, user: str, ref: str, **fields: str) -> dict[str, Any]:
    values = {
        "held_on": fields.get("held_on", world.workflow.today().isoformat()),
        "minutes": fields.get("minutes", "45"),
        "kind": fields.get("kind", "advice"),
        "channel": fields.get("channel", "phone"),
        "notes": fields.get("notes", "Pratade om <!channel> budget."),
    }
    return {
        "type": "view_submission",
        "user": world.user(user),
        "team": {"id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy",
        "trigger_id": "t3",
        "view": {
            "id": "V2",
            "type": "modal",
            "callback_id": "log_session",
            "private_metadata": ref,
            "state": {
                "values": {
                    "held_on": {
                        "value": {"type": "datepicker", "selected_date": values["held_on"]}
                    },
                    "minutes": {"value": {"type": "number_input", "value": values["minutes"]}},
                    "kind": {
                        "value": {
                            "type": "static_select",
                            "selected_option": {"value": values["kind"]},
                        }
                    },
                    "channel": {
                        "value": {
                            "type": "static_select",
                            "selected_option": {"value": values["channel"]},
                        }
                    },
                    "notes": {"value": {"type": "plain_text_input", "value": values["notes"]}},
                    "next_step": {"value": {"type": "plain_text_input", "value": None}},
                }
            },
        },
    }


async def test_an_advisor_logs_a_session_from_slack(world: SlackWorld) -> None:
    from bot.storage.models import AdvisingSession

    ref, offer, _ = await _offered(world)
    await world.workflow.accept(offer.id, offer.advisor_id)
    await world.click(
        VAR1,
        {
            "action_id": "case_log_session",
            "value": ref,
            "type": "button",
            "block_id": f"case:{ref}",
        },
    )
    modal = (await world.api.wait_for("views.open"))[-1]
    assert (
        modal["view"]["callback_id"] == "log_session" and modal["view"]["private_metadata"] == ref
    )
    tomorrow = (world.workflow.today() + timedelta(days=1)).isoformat()
    refused = await world.post(
        *interaction(_session_submission(world, VAR1, ref, held_on=tomorrow))
    )
    assert refused.json()["response_action"] == "errors" and "held_on" in refused.json()["errors"]
    refused = await world.post(*interaction(_session_submission(world, VAR1, ref, minutes="0")))
    assert "minutes" in refused.json()["errors"]
    before = len(world.api.of("chat.postEphemeral"))
    stranger = await world.post(*interaction(_session_submission(world, VAR2, ref)))
    assert stranger.status_code == 200
    told = await world.api.wait_for("chat.postEphemeral", before + 1)
    assert "inte ditt" in told[-1]["text"]
    posted = len(world.api.of("chat.postMessage"))
    ok = await world.post(*interaction(_session_submission(world, VAR1, ref)))
    assert ok.status_code == 200
    # The next message, not any: the lead's messages came before (waiting for any raced).
    logged = await world.api.wait_for("chat.postMessage", posted + 1)
    assert any("är loggat (45 minuter)" in m["text"] for m in logged)
    async with world.db.sessions() as session:
        (entry,) = (await session.scalars(select(AdvisingSession))).all()
    assert (entry.minutes, entry.kind, entry.notes) == (
        45,
        "advice",
        "Pratade om <!channel> budget.",
    )


async def test_a_founder_uses_the_intake_commands_through_spbot(world: SlackWorld) -> None:
    """Slack keeps "/status", "/delete" … for itself: a founder (not on the roster) types
    "/spbot status", even in a shared channel, and is answered in the DM with the app only;
    the intake names its commands that way on Slack."""
    fields = {
        "command": "/spbot", "text": "start", "user_id": "U0FOUNDER", "team_id": "T0TEAM",
        "channel_id": "C0SHARED", "trigger_id": "t", "token": "legacy",
        "response_url": f"{world.api_url}/respond/9",
    }  # fmt: skip
    assert (await world.post(*command(fields))).status_code == 200
    posted = await world.api.wait_for("chat.postMessage")
    consent = posted[-1]
    assert consent["channel"] == "U0FOUNDER", "never into the shared channel"
    assert "/spbot delete" in consent["text"] and " /delete" not in consent["text"]
    assert all(p["channel"] != "C0SHARED" for p in world.api.of("chat.postMessage"))
    # An advisor's "/spbot status" is not a founder's: staff help, ephemeral.
    staff = await world.post(*command({**fields, "user_id": VAR1, "text": "status"}))
    assert staff.status_code == 200
    assert "workload" in (await world.api.wait_for_response())[-1]["text"]
