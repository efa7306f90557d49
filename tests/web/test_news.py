"""Founder news on the web: when an advisor takes the case, the founder sees it on the page
when they come back, and gets an email (a real SMTP exchange with a local aiosmtpd server)
that says only what is needed, in their language."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from email.message import EmailMessage as Email

import httpx
import pytest
from sqlalchemy import select

from bot.app import build_services
from bot.domain import Language
from bot.http import build_http_app
from bot.settings import load_settings
from bot.storage.models import Advisor, Node, Offer
from tests.intake_driver import Answers, complete_intake
from tests.node_events import COORDINATOR, add_event
from tests.roster import seed_demo_roster
from tests.smtp import Inbox, smtp_server
from tests.web.conftest import WebFounder


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as running:
        yield running


@pytest.fixture
async def founder_site(database_url: str, smtp) -> AsyncIterator[tuple]:  # type: ignore[no-untyped-def,type-arg]
    settings = load_settings(
        DATABASE_URL=database_url,
        SPBOT_SMTP_HOST="127.0.0.1",
        SPBOT_SMTP_PORT=str(smtp[1]),
        SPBOT_SMTP_SECURITY="none",
        SPBOT_MAIL_FROM="Science Park <no-reply@sciencepark.example>",
        SPBOT_PUBLIC_URL="https://spbot.example.org",
        SPBOT_WEB_RATE_PER_MINUTE="1000",
    )
    services = await build_services(settings)
    await seed_demo_roster(services.db)
    app = build_http_app(services, timers=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield services, client
    await services.close()


async def _intake(founder: WebFounder, contact: str, address: str, english: bool = False) -> None:
    await founder.open()
    if english:
        await founder.press("In English, please")
    method = "email" if contact in ("E-post", "Email") else "phone"
    answers = Answers(
        contact_method=method,
        email=address if method == "email" else "",
        phone=address if method == "phone" else "",
        language=Language.EN if english else Language.SV,
    )
    await complete_intake(founder, answers)


async def test_the_founder_sees_the_news_on_the_page_and_by_email(founder_site, smtp) -> None:  # type: ignore[no-untyped-def]
    services, client = founder_site
    inbox, _ = smtp
    founder = WebFounder(client)
    await _intake(founder, "E-post", "anna@example.se")
    assert "JKP-" in founder.text
    async with services.db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
        advisor = await session.get(Advisor, offer.advisor_id)
        node = await session.get(Node, advisor.node_id)  # type: ignore[union-attr]
    await services.workflow.accept(offer.id, offer.advisor_id)
    [mail] = inbox.messages  # sent inside accept
    assert mail["To"] == "anna@example.se"
    assert mail["Subject"].startswith("Ditt ärende JKP-")
    body = mail.get_content()
    assert advisor.name in body and node.name in body  # type: ignore[union-attr]
    assert "https://spbot.example.org/chat" in body
    assert "Huskvarna" not in body and "bageri" not in body  # only what is needed
    back = WebFounder(client)
    page = (await back.open("/chat")) and back.page
    assert "Nytt om ditt ärende" in page and advisor.name in page  # type: ignore[union-attr]


async def test_no_email_for_a_founder_who_chose_the_phone(founder_site, smtp) -> None:  # type: ignore[no-untyped-def]
    services, client = founder_site
    inbox, _ = smtp
    founder = WebFounder(client)
    await _intake(founder, "Telefon", "070-123 45 67")
    async with services.db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
    # The notifiers run inside accept (an email would be in the SMTP server's hands now).
    await services.workflow.accept(offer.id, offer.advisor_id)
    assert inbox.messages == []
    back = WebFounder(client)
    await back.open("/chat")
    assert "Nytt om ditt ärende" in back.page


async def test_a_cancelled_event_reaches_a_web_founder_on_the_page_and_by_email(  # type: ignore[no-untyped-def]
    founder_site, smtp
) -> None:
    services, client = founder_site
    inbox, _ = smtp
    event = await add_event(services, "Idékväll i Huskvarna", days=8, node="jonkoping")
    founder = WebFounder(client)
    await _intake(founder, "E-post", "anna@example.se")
    await founder.press("Anmäl mig: Idékväll i Huskvarna")
    assert "Du är anmäld" in founder.text
    await services.workflow.events.cancel(event.id, COORDINATOR)
    for _ in range(100):
        if any("Idékväll" in str(m["Subject"]) for m in inbox.messages):
            break
        await asyncio.sleep(0.02)
    mails = [m for m in inbox.messages if "Idékväll" in str(m["Subject"])]
    assert len(mails) == 1 and mails[0]["To"] == "anna@example.se"
    assert "inställt" in mails[0].get_content()
    back = WebFounder(client)
    await back.open("/chat")
    assert "inställt" in back.page


def _calendar_part(mail: Email) -> tuple[str, str]:
    """The text/calendar alternative of an invitation email, and its METHOD parameter."""
    for part in mail.walk():
        if part.get_content_type() == "text/calendar":
            return str(part.get_content()), str(part.get_param("method"))
    raise AssertionError("no text/calendar part")


async def test_the_founder_books_from_the_page_and_both_get_a_calendar_invitation(
    founder_site, smtp
) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    from tests.meetings.hours import bookable_every_weekday

    services, client = founder_site
    inbox, _ = smtp
    founder = WebFounder(client)
    await _intake(founder, "E-post", "anna@example.se")
    async with services.db.sessions() as session:
        offer = (await session.scalars(select(Offer))).one()
        advisor = await session.get(Advisor, offer.advisor_id)
    assert advisor is not None
    await bookable_every_weekday(services.workflow, advisor.key, place="Storgatan 1")
    await services.workflow.accept(offer.id, offer.advisor_id)
    inbox.messages.clear()

    back = WebFounder(client)
    await back.open("/chat")
    assert "Välj en tid för ert första möte" in back.page
    times = [b for b in back.buttons if "·" in b]
    assert len(times) == 5 and "Ingen tid passar – kontakta mig" in back.buttons
    await back.press(times[0])
    assert "Bokat!" in back.text and advisor.name in back.text

    by_address = {str(m["To"]): m for m in inbox.messages}
    assert set(by_address) == {"anna@example.se", str(advisor.email)}
    founder_ics, method = _calendar_part(by_address["anna@example.se"])
    assert method == "REQUEST"
    event = Calendar.from_ical(founder_ics).walk("VEVENT")[0]
    assert str(event["ATTENDEE"]) == "mailto:anna@example.se"
    assert str(event["ORGANIZER"]) == f"mailto:{advisor.email}"
    advisor_ics, _ = _calendar_part(by_address[str(advisor.email)])
    same = Calendar.from_ical(advisor_ics).walk("VEVENT")[0]
    assert (same["UID"], same.decoded("DTSTART")) == (event["UID"], event.decoded("DTSTART"))
    attachments = [p.get_filename() for p in by_address["anna@example.se"].iter_attachments()]
    assert attachments == ["invite.ics"]
    body = by_address["anna@example.se"].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "bageri" not in body and "Huskvarna" not in body  # only what is needed
