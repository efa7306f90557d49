"""Screenshots for the README: ``python -m tests.browser.screenshots`` (needs Debian's
chromium). Runs the product on a prepared database and saves pages to docs/screenshots/."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, FLAGS, ROOT, running_product, sign_in

OUT = ROOT / "docs" / "screenshots"
HISTORY = """
import asyncio
from bot.assembly import workflow_settings
from bot.storage.advisors import export_roster
from bot.settings import load_settings
from bot.sim.history import write_demo_year
from bot.storage.db import open_database
from bot.storage.models import utcnow

async def main():
    settings = load_settings()
    db = await open_database(settings.database_url)
    roster = await export_roster(db)  # the prepared product's own roster
    await write_demo_year(db, roster, workflow_settings(settings), utcnow(), 500, fresh_only=False)
    await db.dispose()

asyncio.run(main())
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        running_product(Path(folder)) as product,
        sync_playwright() as playwright,
    ):
        # A fictitious year as well, so Resultat has figures to show.
        made = subprocess.run(
            [sys.executable, "-c", HISTORY],
            env={**os.environ, "DATABASE_URL": product.database_url},
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            raise SystemExit(made.stderr[-3000:])
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        desktop = browser.new_context(viewport={"width": 1200, "height": 800}, locale="sv-SE")
        page = desktop.new_page()
        sign_in(page, product, "advisor")
        page.screenshot(path=str(OUT / "console-desk.png"))
        page = browser.new_context(
            viewport={"width": 1200, "height": 800}, locale="sv-SE"
        ).new_page()
        sign_in(page, product, "coordinator")
        page.goto(product.url + "/console/workload")
        page.screenshot(path=str(OUT / "console-workload.png"))
        page.goto(product.url + "/console/rebalance")
        page.screenshot(path=str(OUT / "console-rebalance.png"))
        page.set_viewport_size({"width": 1200, "height": 1500})
        page.goto(product.url + "/console/results")
        page.screenshot(path=str(OUT / "console-results.png"))
        page.set_viewport_size({"width": 1200, "height": 800})
        page.goto(product.url + "/console/events")
        page.get_by_label("Nod", exact=True).first.select_option("varnamo")
        page.get_by_label("Slag").select_option("start_business_evening")
        page.get_by_label("Rubrik på svenska").fill("Starta eget-kväll")
        page.get_by_label("Börjar").fill("2099-03-10T18:00")
        page.get_by_label("Slutar").fill("2099-03-10T20:00")
        page.get_by_label("Plats", exact=True).fill("Science Park Värnamo, Storgatan 1")
        page.get_by_role("button", name="Lägg till", exact=True).click()
        page.goto(product.url + "/console/events")
        page.screenshot(path=str(OUT / "console-events.png"))
        page.goto(product.url + "/events/varnamo")
        page.screenshot(path=str(OUT / "public-calendar.png"))
        phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
        small = phone.new_page()
        sign_in(small, product, "admin")
        small.goto(f"{product.url}/console/cases/{product.facts['first']}")
        small.screenshot(path=str(OUT / "console-case-phone.png"))
        chat_page = browser.new_context(
            viewport={"width": 1200, "height": 800}, locale="sv-SE"
        ).new_page()
        chat_page.goto(product.url + "/")
        for label in ("Ja, det går bra",):
            chat_page.get_by_role("button", name=label).click()
        for line in ("Anna Andersson", "Huskvarna"):
            chat_page.get_by_label("Ditt svar").fill(line)
            chat_page.get_by_role("button", name="Skicka").click()
            chat_page.locator("#log li.me").last.filter(has_text=line).wait_for()
        chat_page.screenshot(path=str(OUT / "chat-desktop.png"))
        phone_chat = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="sv-SE", device_scale_factor=1
        ).new_page()
        phone_chat.goto(product.url + "/")
        phone_chat.screenshot(path=str(OUT / "chat-phone.png"))
        browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
