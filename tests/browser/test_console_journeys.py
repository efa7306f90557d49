"""People clicking through the console in a real browser: an advisor takes an offer, a
coordinator reassigns a case and approves a rebalancing, an admin reads a transcript with a
purpose, exports and erases a founder. axe-core checks every page on the way."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import Product, assert_accessible, axe_violations, sign_in


def test_the_accessibility_check_finds_what_it_should(page: Any) -> None:
    """The checker itself: a page with a known fault is caught (so a clean result means
    something)."""
    page.set_content(
        '<html><body><main><img src="x.png"><p style="color:#bbb;background:#fff">faint</p>'
        "<label>unlabelled</label><input></main></body></html>"
    )
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "color-contrast"} <= found, found


def test_an_advisor_signs_in_and_accepts_an_offer(page: Any, product: Product) -> None:
    page.goto(product.url + "/console/desk")
    expect(page).to_have_url(re.compile(r"/console/sign-in\?next="))
    assert_accessible(page)
    sign_in(page, product, "advisor")
    expect(page.get_by_role("heading", name="Mitt skrivbord")).to_be_visible()
    ref = product.facts["offered"]
    offer = page.get_by_role("article", name=ref)
    expect(offer).to_contain_text("surdegsbageri")
    expect(page.get_by_text("frida@example.se")).to_have_count(0)
    assert_accessible(page)
    offer.get_by_role("button", name="Ta ärendet").click()
    expect(page.get_by_role("status")).to_contain_text(f"Du har tagit ärende {ref}")
    expect(page.get_by_role("link", name="frida@example.se")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=ref).click()
    expect(page.get_by_role("heading", name=f"Ärende {ref}")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name=f"Case {ref}")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_coordinator_reassigns_a_case_and_approves_a_rebalancing(
    page: Any, product: Product
) -> None:
    sign_in(page, product, "coordinator")
    expect(page.get_by_role("heading", name="Ärenden som väntar")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ärenden", exact=True).click()
    assert_accessible(page)
    ref = product.facts["crowded"][0]
    page.get_by_role("link", name=ref).click()
    page.get_by_label("Tilldela", exact=True).select_option("jkp-1")
    page.get_by_role("button", name="Tilldela", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"{ref} är tilldelat")
    expect(page.get_by_role("table", name="Händelser")).to_contain_text("Tilldelat")
    assert_accessible(page)
    page.get_by_role("link", name="Arbetsbelastning").click()
    expect(page.get_by_role("img", name=re.compile("Pågående ärenden"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Omfördelning").click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"Godkänn (\d+ flyttar|flytten)")).click()
    expect(page.get_by_role("status")).to_contain_text("flyttar gjordes")
    assert_accessible(page)
    page.get_by_role("link", name="Frånvaro").click()
    page.get_by_label("Rådgivare").select_option("var-2")
    page.get_by_label("Första dagen").fill("2031-01-05")
    page.get_by_label("Sista dagen").fill("2031-01-09")
    page.get_by_role("button", name="Lägg in frånvaro").click()
    expect(page.get_by_role("status")).to_contain_text("Frånvaron är sparad")
    assert_accessible(page)
    page.get_by_role("link", name="Rådgivare", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Lägg till en rådgivare").click()
    page.get_by_label("Nyckel").fill("var-1")  # taken: the server says so
    page.get_by_label("Namn").fill("Ny Rådgivare")
    page.get_by_label("Nod").select_option("tranas")
    page.get_by_label("Kapacitet (pågående ärenden)").fill("4")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("finns redan i rådgivarlistan")
    expect(page.get_by_label("Nyckel")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_an_admin_reads_a_transcript_with_a_purpose_exports_and_erases(
    page: Any, product: Product
) -> None:
    sign_in(page, product, "admin")
    ref = product.facts["first"]
    page.goto(f"{product.url}/console/cases/{ref}")
    expect(page.get_by_text("Jag vill starta")).to_have_count(0)
    page.get_by_label("Syfte").select_option("quality_review")
    page.get_by_role("button", name="Visa samtalet").click()
    expect(page.get_by_text("Jag vill starta ett bageri <b>nu</b>")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Kvalitetsgranskning")
    assert_accessible(page)
    page.get_by_role("link", name=f"Tillbaka till {ref}").click()
    expect(page.get_by_role("row", name=re.compile("Samtalet lästes"))).to_contain_text(
        "admin@example.org"
    )
    page.get_by_role("link", name="Händelselogg").click()
    expect(page.get_by_role("table")).to_contain_text("Samtalet lästes")
    assert_accessible(page)
    page.get_by_role("link", name="Integritet").click()
    assert_accessible(page)
    page.get_by_label("E-post, telefon eller ärendenummer").fill("frida@example.se")
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("heading", name=re.compile("Vad vi har sparat om"))).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Ladda ner allt")).click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["schema"] == "spbot.founder-export/1"
    page.get_by_label("Vem bad om det, och hur?").fill("Personen ringde 1 dec")
    page.get_by_label("Jag förstår att det inte går att ångra.").check()
    page.get_by_role("button", name="Radera för alltid").click()
    expect(page.get_by_role("status")).to_contain_text("Personen är raderad")
    page.get_by_role("link", name="Personal", exact=True).click()
    assert_accessible(page)


def test_error_pages_and_the_password_page_are_accessible(page: Any, product: Product) -> None:
    page.goto(product.url + "/console/password/not-a-real-token")
    expect(page.get_by_role("heading", name="Länken gäller inte längre")).to_be_visible()
    assert_accessible(page)
    sign_in(page, product, "advisor")
    page.goto(product.url + "/console/audit")
    expect(page.get_by_role("heading", name="Det här får du inte se")).to_be_visible()
    assert_accessible(page)


def test_the_console_works_on_a_phone_and_with_the_keyboard(
    chromium: Any, product: Product
) -> None:
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="sv-SE"
    )
    page = context.new_page()
    try:
        page.goto(product.url + "/console/sign-in")
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text("Hoppa till innehållet")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.type(product.people["coordinator"])
        page.keyboard.press("Tab")
        from tests.browser.conftest import PASSWORD

        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Ärenden som väntar")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the page scrolls sideways at phone width ({width}px)"
        assert_accessible(page)
    finally:
        context.close()
