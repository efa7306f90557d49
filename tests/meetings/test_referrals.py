"""Warm referrals: the advisor refers the founder to a partner, the founder says yes or no
in their own chat, and only with a yes does the partner's address (a local SMTP server) get
an email — with only what the founder agreed to share and a link to confirm receipt."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.app import Services, build_services
from bot.cases.actions import Actor, NotAllowed
from bot.cases.referrals import ReferralInvalid
from bot.domain import ActorKind
from bot.settings import load_settings
from bot.storage.db import Database
from bot.storage.models import CaseEvent, Offer
from tests.chat import Founder
from tests.intake_driver import Answers, complete_intake
from tests.roster import advisor, seed_advisors
from tests.smtp import Inbox, smtp_server

ADMIN = Actor(ActorKind.ADMIN, "admin")
VAR = Actor(ActorKind.ADVISOR, "var-1")
IDEA = "Ett bageri med surdegsbröd som levererar till kaféer i Värnamo."


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as running:
        yield running


@pytest.fixture
async def product(database_url: str, db: Database, smtp: tuple[Inbox, int]) -> Services:
    settings = load_settings(
        DATABASE_URL=database_url,
        SPBOT_SMTP_HOST="127.0.0.1",
        SPBOT_SMTP_PORT=str(smtp[1]),
        SPBOT_SMTP_SECURITY="none",
        SPBOT_PUBLIC_URL="https://spbot.example.org",
    )
    await seed_advisors(db, advisor("var-1", "varnamo", "food_beverage", "financing"))
    services = await build_services(settings, db)
    await services.workflow.referrals.set_partner(
        "nyforetagarcentrum", ADMIN, email="radgivning@nfc.example.org", active=True
    )
    return services


async def taken_case(product: Services, founder: Founder) -> str:
    await founder.command("start")
    ref = await complete_intake(
        founder,
        Answers(
            name="Frida Framåt",
            place="Jag bor i Värnamo",
            idea=IDEA,
            email="frida@example.se",
            place_confirm=None,
        ),
    )
    async with product.db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
    await product.workflow.accept(offer.id, offer.advisor_id)
    found = re.search(r"JKP-\d{4}-\d+", ref)
    assert found
    return found.group(0)


async def test_with_a_yes_the_partner_gets_only_what_was_agreed_and_confirms(
    product: Services, smtp: tuple[Inbox, int]
) -> None:
    inbox, _ = smtp
    frida = Founder(product.engine, user_id="frida")
    ref = await taken_case(product, frida)
    inbox.messages.clear()
    referrals = product.workflow.referrals
    referral = await referrals.refer(ref, "nyforetagarcentrum", {"name", "contact"}, VAR)
    assert referral.status == "asked" and inbox.messages == [], "nothing before the yes"

    # The founder is asked in their chat (the news), and answers with a press.
    await frida.choose(f"refer:yes:{referral.id}")
    assert "Vi har skickat det till Nyföretagarcentrum Jönköping" in frida.text
    (mail,) = inbox.messages
    assert mail["To"] == "radgivning@nfc.example.org"
    body = mail.get_content()
    assert "Namn: Frida Framåt" in body and "E-post: frida@example.se" in body
    assert "surdeg" not in body, "the idea was not agreed to"
    link = next(w for w in body.split() if "/console/referrals/" in w)
    token = link.rsplit("/", 1)[1]
    assert link.startswith("https://spbot.example.org/console/referrals/")

    # A second press changes nothing; the partner's link confirms once.
    await frida.choose(f"refer:yes:{referral.id}")
    assert "redan svarat" in frida.text and len(inbox.messages) == 1
    assert await referrals.confirm(token) == ref
    assert await referrals.confirm("not-a-token") is None
    (seen,) = await referrals.of_case(ref, VAR)
    assert seen.status == "received"
    done = await referrals.set_outcome(seen.id, "helped", VAR)
    assert done.outcome == "helped"
    async with product.db.sessions() as session:
        kinds = (await session.scalars(select(CaseEvent.kind))).all()
    assert [k for k in kinds if k.startswith("referral")] == [
        "referral_asked",
        "referral_sent",
        "referral_received",
        "referral_outcome",
    ]


async def test_without_a_yes_nothing_is_sent(product: Services, smtp: tuple[Inbox, int]) -> None:
    inbox, _ = smtp
    frida = Founder(product.engine, user_id="frida")
    ref = await taken_case(product, frida)
    inbox.messages.clear()
    referrals = product.workflow.referrals
    referral = await referrals.refer(ref, "nyforetagarcentrum", {"name", "contact", "idea"}, VAR)
    mallory = Founder(product.engine, user_id="mallory")
    await mallory.command("start")
    await mallory.press("Ja, det går bra")
    await mallory.choose(f"refer:yes:{referral.id}")  # not theirs
    assert "hittar jag inte" in mallory.text
    for forged in ("refer:yes:", "refer:maybe:1", "refer:yes:99999999999999"):
        await frida.choose(forged)
        assert "hittar jag inte" in frida.text
    await frida.choose(f"refer:no:{referral.id}")
    assert "vi skickar ingenting" in frida.text
    await frida.choose(f"refer:yes:{referral.id}")  # changed their mind: asked again later
    assert "redan svarat" in frida.text
    assert inbox.messages == []
    (seen,) = await referrals.of_case(ref, VAR)
    assert seen.status == "declined"
    with pytest.raises(ReferralInvalid):
        await referrals.set_outcome(seen.id, "helped", VAR)


async def test_bad_referrals_are_refused(product: Services) -> None:
    frida = Founder(product.engine, user_id="frida")
    ref = await taken_case(product, frida)
    referrals = product.workflow.referrals
    for partner, shares, field in (
        ("almi", {"contact"}, "partner"),  # no address set
        ("atlantis", {"contact"}, "partner"),
        ("nyforetagarcentrum", {"name"}, "shares"),  # no contact: nobody could call
        ("nyforetagarcentrum", {"contact", "passport"}, "shares"),
    ):
        with pytest.raises(ReferralInvalid) as caught:
            await referrals.refer(ref, partner, shares, VAR)
        assert caught.value.details["field"] == field
    with pytest.raises(NotAllowed):
        await referrals.refer(
            ref, "nyforetagarcentrum", {"contact"}, Actor(ActorKind.ADVISOR, "gis-1")
        )
    await referrals.refer(ref, "nyforetagarcentrum", {"contact"}, VAR)
    with pytest.raises(ReferralInvalid):  # asked already, not yet answered
        await referrals.refer(ref, "nyforetagarcentrum", {"contact"}, VAR)
    with pytest.raises(ReferralInvalid):
        await referrals.set_partner("almi", ADMIN, email="not an address", active=True)
