"""Founders in a real browser: the intake in Swedish by mouse and in English by keyboard
alone, a reload and a server restart that resume, the chat embedded in a page of another
origin, and the case then in the console. axe-core checks the page at every step."""

from __future__ import annotations

import http.server
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import Product, assert_accessible, running_product, sign_in
from tests.http_server import free_port


def _becomes(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Whether the condition holds within the time (asked every 50 ms; a page that is
    navigating meanwhile, its script's context gone, is asked again)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return True
        except PlaywrightError:
            pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _posted(response: Any) -> bool:
    return bool(response.request.method == "POST" and "/chat" in response.url)


def answer(page: Any, text: str) -> None:
    """Type and send, then wait for the answer to be on the page (as a person would)."""
    page.get_by_label("Ditt svar").fill(text)
    with page.expect_response(_posted):
        page.get_by_role("button", name="Skicka").click()
    expect(page.locator("#log li.me").last).to_contain_text(text[:30])


KEYS = "() => [...document.querySelectorAll('#log li')].map((li) => li.dataset.key).join()"


def press(page: Any, label: str) -> None:
    """Press a button, then wait until the conversation on the page has changed."""
    before = page.evaluate(KEYS)
    with page.expect_response(_posted):
        page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_function(f"(before) => ({KEYS})() !== before", arg=before)


def test_a_founder_completes_the_intake_in_swedish_with_the_mouse(
    page: Any, product: Product
) -> None:
    page.goto(product.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#log").get_by_text("Är det okej att vi sparar dina svar?")).to_be_visible()
    assert_accessible(page)
    press(page, "Ja, det går bra")
    expect(page.locator("#log").get_by_text("Vad heter du?")).to_be_visible()
    answer(page, "Anna <b>Andersson</b>")
    expect(
        page.locator("#log").get_by_text("Anna <b>Andersson</b>", exact=True)
    ).to_be_visible()  # as text
    answer(page, "Jag bor i Huskvarna")
    # The idea's field says its limit and counts as the founder types.
    field = page.get_by_label("Ditt svar")
    expect(field).to_have_attribute("maxlength", "4000")
    expect(page.locator("#text-limit")).to_have_text("Högst 4\u00a0000 tecken.")
    field.press_sequentially("Ett bageri")
    expect(page.locator("#text-limit")).to_have_text("10 av 4\u00a0000 tecken")
    answer(page, "Jag vill starta ett bageri med surdegsbröd som levereras till kaféer.")
    # The founder sees how the idea was read and confirms it.
    expect(page.locator("#log").get_by_text("Vilket stämmer bäst?")).to_be_visible()
    assert_accessible(page)
    press(page, "Mat, dryck, kafé och restaurang")
    press(page, "Jag startar nu")
    press(page, "Finansiering")
    expect(page.get_by_role("button", name=re.compile("Finansiering"))).to_be_visible()
    assert_accessible(page)
    press(page, "Affärsplan")
    press(page, "Klar ✔")
    press(page, "Telefon")
    answer(page, "070-123 45 67")
    assert_accessible(page)
    press(page, "Ja, skicka in")
    expect(page.locator("#log").get_by_text(re.compile(r"JKP-\d{4}-\d+")).first).to_be_visible()
    # The whole conversation is still there after a reload.
    page.reload()
    expect(page.locator("#log").get_by_text("Anna <b>Andersson</b>", exact=True)).to_be_visible()
    expect(page.locator("#log").get_by_text(re.compile(r"JKP-\d{4}-\d+")).first).to_be_visible()
    assert_accessible(page)


def test_a_click_before_the_chat_script_has_loaded_still_lands_in_the_answer_field(
    page: Any, product: Product
) -> None:
    # The first chat.js never arrives (a slow line, a click faster than the script): the
    # consent goes as a plain form, and the page that comes back puts focus where the
    # script puts it after a fetch.
    held: list[str] = []

    def first_script_lost(route: Any) -> None:
        if held:
            route.continue_()
        else:
            held.append(route.request.url)
            route.abort()

    page.route("**/chat/static/chat.js", first_script_lost)
    page.goto(product.url + "/")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, det går bra").click()
    assert held
    expect(page).to_have_url(re.compile(r"/chat$"))  # redirected to /chat#answer, # taken off
    expect(page.locator("#log").get_by_text("Vad heter du?")).to_be_visible()
    # The field is the document's active element (a headless window itself may not hold
    # the focus, which Playwright calls "inactive").
    assert _becomes(lambda: page.evaluate("() => document.activeElement?.id") == "text")
    assert_accessible(page)


def test_a_founder_does_the_intake_in_english_with_the_keyboard_alone(
    chromium: Any, product: Product
) -> None:
    context = chromium.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(product.url + "/chat")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.keyboard.press("Tab")  # the first choice
        expect(page.locator(":focus")).to_have_text(re.compile("Yes"))
        page.keyboard.press("Enter")
        expect(page.locator("#log").get_by_text("What is your name?")).to_be_visible()
        expect(page.locator(":focus")).to_have_attribute("id", "text")  # focus moved on
        for line in (
            "John Smith",
            "I live in Smalandsstenar",
            "I want to build software that helps small factories plan maintenance.",
        ):
            page.keyboard.type(line)
            page.keyboard.press("Enter")
            page.wait_for_load_state()
        expect(page.locator("#announce")).not_to_be_empty()  # new messages are announced
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the chat scrolls sideways on a phone ({width}px)"
        assert_accessible(page)
    finally:
        context.close()


def test_a_founder_does_the_intake_in_arabic_right_to_left_by_keyboard(
    chromium: Any, product: Product
) -> None:
    """Arabic from the browser's language: the page right to left, the words Arabic, a
    Swedish place and mixed words shown in their own direction, axe clean."""
    context = chromium.new_context(locale="ar-SE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(product.url + "/chat")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("#log").get_by_text("هل توافق على أن نحفظ إجاباتك؟")).to_be_visible()
        expect(page.get_by_role("button", name="In English, please")).to_be_visible()
        assert_accessible(page)
        page.keyboard.press("Tab")  # the first choice
        expect(page.locator(":focus")).to_have_text("نعم، أوافق")
        page.keyboard.press("Enter")
        expect(page.locator("#log").get_by_text("ما اسمك؟")).to_be_visible()
        expect(page.locator(":focus")).to_have_attribute("id", "text")
        for line, next_question in (
            ("سارا أحمد", "تشرفنا يا سارا!"),
            ("أسكن في Värnamo", "حدّثني عن فكرتك"),
        ):
            page.keyboard.type(line)
            page.keyboard.press("Enter")
            expect(page.locator("#log li.bot").last).to_contain_text(next_question)
        # Mirrored: the bot's bubbles start on the right, the founder's end on the left.
        mine = page.locator("#log li.me").last.bounding_box()
        bot = page.locator("#log li.bot").last.bounding_box()
        assert mine and bot and mine["x"] < bot["x"] + 1, "RTL: the founder's bubble on the left"
        expect(page.locator("#text-limit")).to_contain_text("4 000")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the chat scrolls sideways on a phone ({width}px)"
        assert_accessible(page)
    finally:
        context.close()
    # Every other language from a browser set to it: its words, its direction, axe clean.
    for locale, lang, direction, question in (
        ("fa-IR", "fa", "rtl", "آیا موافقید پاسخ‌هایتان را ذخیره کنیم؟"),
        ("bs-BA", "bs", "ltr", "Da li je u redu da sačuvamo vaše odgovore?"),
        ("pl-PL", "pl", "ltr", "Czy możemy zapisać Twoje odpowiedzi?"),
        ("so-SO", "so", "ltr", "Ma ogoshahay inaan kaydino jawaabahaaga?"),
    ):
        context = chromium.new_context(locale=locale, viewport={"width": 390, "height": 844})
        page = context.new_page()
        try:
            page.goto(product.url + "/chat")
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator("html")).to_have_attribute("dir", direction)
            expect(page.locator("#log").get_by_text(question)).to_be_visible()
            assert_accessible(page)
        finally:
            context.close()


class _Host(http.server.SimpleHTTPRequestHandler):
    page = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def host_and_product(tmp_path: Path, database_url: str) -> Iterator[tuple[str, Product]]:
    host_port = free_port()
    host = f"http://127.0.0.1:{host_port}"
    with running_product(
        tmp_path, database_url, SPBOT_WEB_FRAME_ANCESTORS=f"'self' {host}"
    ) as product:
        _Host.page = (
            '<!doctype html><html lang="sv"><head><title>Science Park</title></head><body>'
            "<main><h1>Välkommen till Science Park</h1></main>"
            f'<script src="{product.url}/embed.js" defer></script></body></html>'
        ).encode()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), _Host)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield host, product
        finally:
            server.shutdown()


def test_the_chat_embedded_on_another_site_and_the_case_in_the_console(
    chromium: Any, host_and_product: tuple[str, Product]
) -> None:
    host, product = host_and_product
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(host + "/")
        opener = page.locator(".spbot-embed button")
        expect(opener).to_have_text("Prata med Science Park")
        opener.click()
        expect(opener).to_have_attribute("aria-expanded", "true")
        chat = page.frame_locator("iframe[title='Prata med Science Park']")
        with page.expect_response(_posted):
            chat.get_by_role("button", name="Ja, det går bra").click()
        # The answer field is where the chat put focus, whether the click came after the
        # frame's chat.js had loaded (a fetch) or before (a plain form, the page again at
        # #answer: seen in CI, the click beat the script). Asked of the frame's own document: an
        # embedded frame's document loses the window's focus to whatever the headless browser
        # does elsewhere (seen once in CI: the field was the frame's active element, "inactive"),
        # which is no part of the product.
        # (Polled from here: the chat's CSP forbids the eval that wait_for_function's
        # polling uses inside the page.)
        embedded = next(f for f in page.frames if "/chat" in f.url)
        assert _becomes(lambda: embedded.evaluate("() => document.activeElement?.id") == "text")
        expect(chat.get_by_label("Ditt svar")).to_have_attribute("id", "text")
        for line in (
            "Eva Exempel",
            "331 30 Värnamo",
            "En app som hjälper lantbrukare att planera skörden bättre.",
        ):
            chat.get_by_label("Ditt svar").fill(line)
            with page.expect_response(_posted):
                chat.get_by_role("button", name="Skicka").click()
            expect(chat.locator("#log li.me").last).to_contain_text(line[:20])
        for label in (
            "Något annat…",
            "IT, appar och digitala tjänster",
            "Jag har en idé",
            "Finansiering",
            "Klar ✔",
            "E-post",
        ):
            with page.expect_response(_posted):
                chat.get_by_role("button", name=label, exact=True).click()
            expect(chat.locator("#log li.me").last).to_contain_text(label.rstrip(" ✔"))
        chat.get_by_label("Ditt svar").fill("eva@example.se")
        with page.expect_response(_posted):
            chat.get_by_role("button", name="Skicka").click()
        with page.expect_response(_posted):
            chat.get_by_role("button", name="Ja, skicka in").click()
        found = chat.locator("#log").get_by_text(re.compile(r"JKP-\d{4}-\d+")).first
        expect(found).to_be_visible()
        ref = re.search(r"JKP-\d{4}-\d+", found.inner_text())
        assert ref
        staff = context.new_page()
        sign_in(staff, product, "coordinator")
        staff.goto(f"{product.url}/console/cases?municipality=0683")
        expect(staff.get_by_role("link", name=ref.group(0))).to_be_visible()
    finally:
        context.close()


def test_the_accessibility_statement_is_itself_accessible(page: Any, product: Product) -> None:
    page.goto(product.url + "/")
    page.get_by_role("link", name="Tillgänglighet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tillgänglighetsredogörelse")
    assert_accessible(page)
    page.get_by_role("link", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.goto(product.url + "/events")
    expect(page.get_by_role("link", name="Tillgänglighet")).to_be_visible()
    assert_accessible(page)
