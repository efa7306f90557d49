"""The case's company from Slack, over signed HTTP against the local Web API emulator: the
App Home button opens the modal; a bad organisation number or a future date is shown on its
field; someone else's case is refused; a good one is saved as the console would save it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.storage.models import Case, Company
from tests.slack.signing import interaction
from tests.slack.test_slack_app import VAR1, VAR2, SlackWorld, _offered, world

__all__ = ["world"]


def _submission(world: SlackWorld, user: str, ref: str, **fields: Any) -> dict[str, Any]:
    confirmed = fields.get("confirmed", False)
    return {
        "type": "view_submission",
        "user": world.user(user),
        "team": {"id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy",
        "trigger_id": "t4",
        "view": {
            "id": "V3",
            "type": "modal",
            "callback_id": "record_company",
            "private_metadata": ref,
            "state": {
                "values": {
                    "orgnr": {"value": {"type": "plain_text_input", "value": fields.get("orgnr")}},
                    "name": {"value": {"type": "plain_text_input", "value": fields.get("name")}},
                    "registered_on": {
                        "value": {
                            "type": "datepicker",
                            "selected_date": fields.get("registered_on"),
                        }
                    },
                    "size_class": {
                        "value": {
                            "type": "static_select",
                            "selected_option": (
                                {"value": fields["size_class"]} if "size_class" in fields else None
                            ),
                        }
                    },
                    "confirmed": {
                        "value": {
                            "type": "checkboxes",
                            "selected_options": [{"value": "yes"}] if confirmed else [],
                        }
                    },
                }
            },
        },
    }


async def test_an_advisor_names_the_company_from_slack(world: SlackWorld) -> None:
    ref, offer, _ = await _offered(world)
    await world.workflow.accept(offer.id, offer.advisor_id)
    await world.click(
        VAR1, {"action_id": "case_company", "value": ref, "type": "button", "block_id": "c"}
    )
    modal = (await world.api.wait_for("views.open"))[-1]["view"]
    assert modal["callback_id"] == "record_company" and modal["private_metadata"] == ref
    assert [b.get("block_id") for b in modal["blocks"][1:]] == [
        "orgnr", "name", "registered_on", "size_class", "confirmed",
    ]  # fmt: skip

    for fields, field in (
        ({"orgnr": "556012-5791"}, "orgnr"),
        ({"orgnr": "hej"}, "orgnr"),
        ({"orgnr": "556012-5790", "registered_on": "2999-01-01"}, "registered_on"),
        ({"orgnr": "556012-5790", "registered_on": "20xx-01-01"}, "registered_on"),
        ({"orgnr": "556012-5790", "confirmed": True}, "registered_on"),
        ({"orgnr": "556012-5790", "size_class": "1000"}, "size_class"),
        ({"orgnr": "556012-5790", "name": "Bad\x07Name"}, "name"),
    ):
        refused = await world.post(*interaction(_submission(world, VAR1, ref, **fields)))
        assert refused.status_code == 200
        assert refused.json()["response_action"] == "errors", fields
        assert list(refused.json()["errors"]) == [field], fields
    before = len(world.api.of("chat.postEphemeral"))
    stranger = await world.post(*interaction(_submission(world, VAR2, ref, orgnr="556012-5790")))
    assert stranger.status_code == 200
    told = await world.api.wait_for("chat.postEphemeral", before + 1)
    assert "inte ditt" in told[-1]["text"]
    async with world.db.sessions() as session:
        assert (await session.scalars(select(Company))).first() is None, "nothing saved"

    posted = len(world.api.of("chat.postMessage"))
    yesterday = (world.workflow.today() - timedelta(days=1)).isoformat()
    ok = await world.post(
        *interaction(
            _submission(
                world,
                VAR1,
                ref,
                orgnr="5560125790",
                name="Surdeg AB",
                registered_on=yesterday,
                size_class="1-4",
                confirmed=True,
            )
        )
    )
    assert ok.status_code == 200 and ok.text == ""
    saved = await world.api.wait_for("chat.postMessage", posted + 1)
    assert any("är sparat" in m["text"] for m in saved)
    async with world.db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == ref))
        company = (await session.scalars(select(Company))).one()
    assert case is not None and case.company_id == company.id
    assert (company.orgnr, company.name, company.size_class, company.verified_by) == (
        "5560125790",
        "Surdeg AB",
        "1-4",
        "advisor",
    )
