"""From match to meeting in a real browser: the advisor sets their meeting hours, a
coordinator gives a web founder's case to them, the founder comes back to the chat and books
the first meeting with one press, both get a calendar invitation by email (a local SMTP
server; parsed back), and the advisor logs the session afterwards. axe on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import Product, assert_accessible, running_product, sign_in
from tests.browser.test_web_chat_journeys import answer, press
from tests.smtp import Inbox, smtp_server


@pytest.fixture
def smtp_and_product(tmp_path: Path, database_url: str) -> Iterator[tuple[Inbox, Product]]:
    with (
        smtp_server() as (inbox, port),
        running_product(
            tmp_path,
            database_url,
            SPBOT_SMTP_HOST="127.0.0.1",
            SPBOT_SMTP_PORT=str(port),
            SPBOT_SMTP_SECURITY="none",
        ) as product,
    ):
        yield inbox, product


def _calendar(mail: EmailMessage) -> Calendar:
    for part in mail.walk():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_content())
    raise AssertionError("no invitation in the email")


def test_a_web_founder_books_the_first_meeting_and_the_advisor_logs_it(
    chromium: Any, smtp_and_product: tuple[Inbox, Product]
) -> None:
    inbox, product = smtp_and_product
    advisor_page = chromium.new_context(locale="sv-SE").new_page()
    founder = chromium.new_context(locale="sv-SE").new_page()
    coordinator = chromium.new_context(locale="sv-SE").new_page()

    # The advisor keeps meeting hours at their office, every weekday.
    sign_in(advisor_page, product, "advisor")
    advisor_page.get_by_role("link", name="Mina mötestider").click()
    expect(advisor_page.get_by_role("heading", name="Mina mötestider")).to_be_visible()
    assert_accessible(advisor_page)
    for day in ("måndag", "tisdag", "onsdag", "torsdag", "fredag"):
        advisor_page.get_by_label("Veckodag").select_option(label=day)
        advisor_page.get_by_label("Från").fill("08:00")
        advisor_page.get_by_label("Till").fill("17:00")
        advisor_page.get_by_label("Adress eller videolänk").fill("Storgatan 1, Värnamo")
        advisor_page.get_by_role("button", name="Lägg till tider").click()
        expect(advisor_page.get_by_role("status")).to_contain_text("Tiderna är tillagda")
    expect(advisor_page.get_by_role("heading", name=re.compile("Lediga tider"))).to_be_visible()
    assert_accessible(advisor_page)

    # A founder does the intake in the web chat and gives an email address.
    founder.goto(product.url + "/")
    press(founder, "Ja, det går bra")
    answer(founder, "Maja Möte")
    answer(founder, "Jag bor i Värnamo")
    answer(founder, "Jag vill starta ett bageri med surdegsbröd som levereras till kaféer.")
    press(founder, "Mat, dryck, kafé och restaurang")
    press(founder, "Jag startar nu")
    press(founder, "Finansiering")
    press(founder, "Klar ✔")
    press(founder, "E-post")
    answer(founder, "maja@example.se")
    press(founder, "Ja, skicka in")
    ref_text = founder.locator("#log").get_by_text(re.compile(r"JKP-\d{4}-\d+")).first
    expect(ref_text).to_be_visible()
    ref = re.search(r"JKP-\d{4}-\d+", ref_text.inner_text())
    assert ref is not None

    # A coordinator gives the case to the advisor.
    sign_in(coordinator, product, "coordinator")
    coordinator.goto(f"{product.url}/console/cases/{ref.group(0)}")
    key = product.facts["advisor_key"]
    coordinator.get_by_label("Tilldela", exact=True).select_option(key)
    coordinator.get_by_role("button", name="Tilldela", exact=True).click()
    expect(coordinator.get_by_role("status")).to_contain_text("tilldelat")

    # The founder comes back to the chat: the news, and times to press.
    founder.goto(product.url + "/chat")
    expect(
        founder.locator("#log").get_by_text(re.compile("Välj en tid för ert första möte"))
    ).to_be_visible()
    assert_accessible(founder)
    times = founder.get_by_role("button", name=re.compile(r"\d\d:\d\d · "))
    expect(times).to_have_count(5)
    first = times.first.inner_text()
    press(founder, first)
    expect(founder.locator("#log").get_by_text(re.compile("Bokat!"))).to_be_visible()
    assert_accessible(founder)

    # Both get the invitation by email: the same meeting, in their calendars.
    mails = {str(m["To"]): m for m in inbox.wait_for(3)}  # the news, and two invitations
    invitations = {to: _calendar(m) for to, m in mails.items() if m["Subject"].startswith("Möte")}
    assert "maja@example.se" in invitations and len(invitations) == 2, list(mails)
    events = [c.walk("VEVENT")[0] for c in invitations.values()]
    assert len({str(e["UID"]) for e in events}) == 1
    assert all(str(c["METHOD"]) == "REQUEST" for c in invitations.values())

    # The advisor sees the meeting on the case and logs the session.
    advisor_page.goto(f"{product.url}/console/cases/{ref.group(0)}")
    expect(advisor_page.get_by_role("heading", name="Möten och rådgivning")).to_be_visible()
    expect(advisor_page.get_by_role("cell", name="bokat", exact=True)).to_be_visible()
    advisor_page.get_by_text("Logga ett samtal").click()
    advisor_page.get_by_label("Minuter").fill("45")
    advisor_page.get_by_label("Slag").select_option(label="första möte")
    advisor_page.get_by_label("Anteckningar").fill("Pratade om lokal och finansiering.")
    advisor_page.get_by_label("Nästa steg").fill("Skicka en budget")
    advisor_page.get_by_role("button", name="Spara").click()
    expect(advisor_page.get_by_role("status")).to_contain_text("Samtalet är loggat")
    expect(advisor_page.get_by_text("Sammanlagt 45 minuter i 1 samtal")).to_be_visible()
    assert_accessible(advisor_page)
    advisor_page.get_by_role("button", name="Visa anteckningarna (loggas)").click()
    expect(advisor_page.get_by_text("Pratade om lokal och finansiering.")).to_be_visible()
    assert_accessible(advisor_page)

    # The advisor names the company with a mistyped number: the problem beside the field,
    # the form open and filled in as typed, the page accessible in that state; then right.
    advisor_page.goto(f"{product.url}/console/cases/{ref.group(0)}")
    advisor_page.get_by_text("Ange företaget").click()
    advisor_page.get_by_label("Organisationsnummer").fill("556012-5791")
    advisor_page.get_by_label("Företagsnamn").fill("Majas Bageri AB")
    advisor_page.get_by_role("button", name="Spara företaget").click()
    expect(advisor_page.locator("#c-orgnr-error")).to_contain_text("organisationsnummer")
    expect(advisor_page.get_by_label("Organisationsnummer")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(advisor_page.get_by_label("Företagsnamn")).to_have_value("Majas Bageri AB")
    assert_accessible(advisor_page)
    advisor_page.get_by_label("Organisationsnummer").fill("556012-5790")
    advisor_page.get_by_role("button", name="Spara företaget").click()
    expect(advisor_page.get_by_role("status")).to_contain_text("Företaget är sparat")


def test_an_admin_keeps_partners_and_a_coordinator_imports_an_extract(
    page: Any, product: Product, tmp_path: Path
) -> None:
    """The partner directory and the registry-extract page, with the keyboard's labels and
    axe on each."""
    sign_in(page, product, "admin")
    page.get_by_role("link", name="Partner", exact=True).click()
    expect(page.get_by_role("heading", name="Partnerorganisationer")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-post för kontakter").first.fill("kontakt@almi.example.org")
    page.get_by_role("button", name="Spara Almi Företagspartner Jönköping").click()
    expect(page.get_by_role("status")).to_contain_text("Partnern är sparad")
    assert_accessible(page)
    page.get_by_role("link", name="Företagsregister").click()
    extract = tmp_path / "extract.csv"
    extract.write_text("orgnr;namn;registreringsdatum\n556012-5790;X;2026-01-01\n", "utf-8")
    page.get_by_label("Utdraget (CSV)").set_input_files(str(extract))
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("status")).to_contain_text("1 rader lästa")
    assert_accessible(page)
