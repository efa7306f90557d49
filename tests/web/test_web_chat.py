"""The web chat's own behaviour: sessions that resume (reload, restart), markup shown as
text, forged forms, limits, headers, the embed script, and the plain-form path."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import func, select

from bot.app import Services, build_services
from bot.http import build_http_app
from bot.settings import load_settings
from bot.storage.models import ChannelIdentity, Message
from tests.web.conftest import WebFounder

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>{{7*7}}"


async def test_a_founder_resumes_after_a_reload_and_a_server_restart(
    services: Services, web: httpx.AsyncClient, settings
) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    await founder.press("Ja, det går bra")
    await founder.say("Linda Öberg")
    assert "Trevligt, Linda!" in founder.text
    reloaded = WebFounder(web)
    await reloaded.open("/chat")
    assert "Linda Öberg" in reloaded.page and "Trevligt, Linda!" in reloaded.page
    # A new process on the same database, the same browser (cookie jar).
    again = await build_services(settings, services.db)
    app = build_http_app(again, timers=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver", cookies=web.cookies
    ) as client:
        after = WebFounder(client)
        await after.open()
        assert "Trevligt, Linda!" in after.page
        await after.say("Eksjö")
        assert "Berätta om din idé" in after.text


async def test_the_database_never_holds_the_cookie(services: Services, web) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    await founder.press("Ja, det går bra")
    cookie = web.cookies.get("spbot_chat")
    async with services.db.sessions() as session:
        identity = (await session.scalars(select(ChannelIdentity))).one()
    assert identity.channel == "web" and cookie and identity.external_id != cookie


async def test_markup_in_what_a_founder_writes_is_shown_as_text(web) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    await founder.press("Ja, det går bra")
    await founder.say("Lisa " + HOSTILE)
    page = (await web.get("/chat")).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "{{7*7}}" in page


async def test_a_forged_or_missing_form_token_changes_nothing(services: Services, web) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    async with services.db.sessions() as session:
        before = await session.scalar(select(func.count()).select_from(Message))
    for token in ("forged", "", "x" * 5000):
        response = await web.post("/chat", data={"csrf": token, "choice": "consent:accept"})
        assert response.status_code == 403 and "Skriv ditt svar igen" in response.text
    response = await web.post("/chat", data={"choice": "consent:accept"})
    assert response.status_code == 403
    async with services.db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Message)) == before


async def test_no_or_an_unknown_session_starts_cleanly(web) -> None:  # type: ignore[no-untyped-def]
    response = await web.post("/chat", data={"csrf": "x", "text": "hej"})
    assert response.status_code == 403 and "Är det okej att vi sparar dina svar?" in response.text
    web.cookies.set("spbot_chat", "unknown-session-that-nobody-has-1234")
    page = await web.get("/chat")
    assert page.status_code == 200 and "Är det okej att vi sparar dina svar?" in page.text
    assert 'spbot_chat=""' in page.headers.get("set-cookie", ""), "the unknown cookie is dropped"
    web.cookies.set("spbot_chat", "<bad>")
    assert (await web.get("/")).status_code == 200


async def _rows(services: Services) -> dict[str, int]:
    from bot.storage.models import Conversation, Founder

    counts = {}
    async with services.db.sessions() as session:
        for model in (Founder, Conversation, Message, ChannelIdentity):
            counts[model.__tablename__] = int(
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
    return counts


async def test_nothing_is_stored_before_consent(services: Services, web) -> None:  # type: ignore[no-untyped-def]
    """The page promises "Vi sparar inget förrän du har sagt ja": visits, typed words, a
    language switch, /help, /delete and a "no" store nothing and set no session cookie."""
    for _ in range(20):
        page = await web.get("/")
        assert page.status_code == 200 and "spbot_chat=" not in page.headers.get("set-cookie", "")
    founder = WebFounder(web)
    await founder.open()
    await founder.say("Hej, jag heter Lisa och bor i Vetlanda")
    assert "Välj ett av alternativen" in founder.text
    await founder.press("In English, please")
    assert "Is it okay for us to store your answers?" in founder.text
    await founder.say("/help")
    await founder.say("/delete")
    assert "we have not stored anything" in founder.text
    await founder.say("/start")
    await founder.press("No thanks")
    assert "we have not stored anything" in founder.text
    assert await _rows(services) == {
        "founder": 0,
        "conversation": 0,
        "message": 0,
        "channel_identity": 0,
    }
    assert "spbot_chat" not in web.cookies
    # Yes: from here everything is stored, in the language chosen.
    await founder.say("/start")
    await founder.press("Yes, that's fine")
    assert "What is your name?" in founder.text
    rows = await _rows(services)
    assert rows["founder"] == 1 and rows["conversation"] == 1


async def test_a_session_id_the_client_chose_is_never_adopted(services: Services, web) -> None:  # type: ignore[no-untyped-def]
    """Session fixation: whoever plants a cookie must not be able to read the conversation
    of the founder who then uses that browser."""
    planted = "attacker-chosen-session-id-0123456789"
    web.cookies.set("spbot_chat", planted)
    founder = WebFounder(web)
    await founder.open()
    await founder.press("Ja, det går bra")
    await founder.say("Lisa Lind")
    issued = {c.value for c in web.cookies.jar if c.name == "spbot_chat"} - {planted}
    assert len(issued) == 1, "the server issued a session of its own"
    async with httpx.AsyncClient(
        transport=web._transport, base_url="http://testserver", cookies={"spbot_chat": planted}
    ) as attacker:
        page = await attacker.get("/chat")
    assert "Lisa Lind" not in page.text and "Är det okej att vi sparar" in page.text


async def test_a_form_from_another_site_or_an_old_page_starts_nothing(
    services: Services, web
) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    token = founder.page.split('name="csrf" value="')[1].split('"')[0]
    cross = await web.post(
        "/chat",
        data={"csrf": token, "choice": "consent:accept"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert cross.status_code == 403
    stale = "1000000000." + token.split(".")[1]  # a token from 2001, re-dated
    old = await web.post("/chat", data={"csrf": stale, "choice": "consent:accept"})
    assert old.status_code == 403 and "spbot_chat" not in web.cookies
    assert (await _rows(services))["conversation"] == 0


async def test_a_lost_session_keeps_what_the_founder_typed(services: Services, web) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    await founder.press("Ja, det går bra")
    await founder.say("Lisa Lind")
    web.cookies.clear()  # the browser forgot the cookie (cleared, expired)
    idea = "Jag vill öppna ett bageri med surdegsbröd i Vetlanda"
    await founder.say(idea)
    assert founder.status == 403
    assert "Vi hittar inte ditt samtal" in founder.page
    assert f">{idea}</textarea>" in founder.page, "what was typed is still in the box"


async def test_bodies_too_large_or_malformed_are_refused_politely(web) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    big = await web.post(
        "/chat",
        content=b"text=" + b"a" * 70_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert big.status_code == 413 and "för stort" in big.text
    odd = await web.post(
        "/chat", content=b"\xff\xfe{", headers={"content-type": "multipart/form-data; boundary=x"}
    )
    assert odd.status_code in (400, 403)


async def test_too_many_answers_get_a_polite_pause(database_url: str) -> None:
    settings = load_settings(DATABASE_URL=database_url, SPBOT_WEB_RATE_PER_MINUTE=5)
    services = await build_services(settings)
    try:
        app = build_http_app(services, timers=False)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            founder = WebFounder(client)
            await founder.open()
            await founder.press("Ja, det går bra")
            statuses = []
            for _ in range(7):
                await founder.say("hej")
                statuses.append(founder.status)
            assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
            assert "Vänta en liten stund" in founder.page
            # Visits are limited per address too (ten times one chat's answers a minute).
            pages = [(await client.get("/")).status_code for _ in range(50)]
            assert 429 in pages and pages[0] == 200
    finally:
        await services.close()


async def test_headers_and_the_embed_script(web) -> None:  # type: ignore[no-untyped-def]
    page = await web.get("/")
    csp = page.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    founder = WebFounder(web)
    await founder.open()
    token = founder.page.split('name="csrf" value="')[1].split('"')[0]
    consented = await web.post("/chat", data={"csrf": token, "choice": "consent:accept"})
    cookie = consented.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    script = await web.get("/embed.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "/chat?embed=1" in script.text
    assert (await web.get("/chat/static/chat.js")).status_code == 200
    # The console keeps its own, stricter framing rule.
    assert (
        "frame-ancestors 'none'"
        in (await web.get("/console/sign-in")).headers["content-security-policy"]
    )


async def test_frame_ancestors_and_secure_cookies_come_from_the_settings(database_url: str) -> None:
    settings = load_settings(
        DATABASE_URL=database_url,
        SPBOT_WEB_FRAME_ANCESTORS="'self' https://www.sciencepark.se",
        SPBOT_SECURE_COOKIES="true",
    )
    services = await build_services(settings)
    try:
        app = build_http_app(services, timers=False)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="https://testserver"
        ) as client:
            page = await client.get("/")
            assert (
                "frame-ancestors 'self' https://www.sciencepark.se"
                in page.headers["content-security-policy"]
            )
            token = page.text.split('name="csrf" value="')[1].split('"')[0]
            consented = await client.post("/chat", data={"csrf": token, "choice": "consent:accept"})
            cookie = consented.headers["set-cookie"].lower()
            assert "samesite=none" in cookie and "secure" in cookie
    finally:
        await services.close()


def test_a_bad_frame_ancestors_setting_is_refused() -> None:
    import pytest

    from bot.settings import ConfigError

    with pytest.raises(ConfigError):
        load_settings(SPBOT_WEB_FRAME_ANCESTORS="'self'; script-src *")


async def test_the_plain_form_path_without_javascript(web) -> None:  # type: ignore[no-untyped-def]
    founder = WebFounder(web)
    await founder.open()
    await founder.post({"choice": "consent:accept"}, fetch=False)
    assert founder.status == 200 and "Vad heter du?" in founder.page
    await founder.post({"command": "language en"}, fetch=False)
    assert 'lang="en"' in founder.page


async def test_an_embedded_chat_stays_embedded_on_the_plain_form_path(web) -> None:  # type: ignore[no-untyped-def]
    # A founder whose click beats chat.js (or who has none) sends a plain form from the
    # frame on the Science Park's site: the chat comes back inside the frame as it was,
    # without the page's own header, at the answer.
    page = (await web.get("/chat?embed=1")).text
    assert '<body class="embed">' in page
    token = page.split('name="csrf" value="')[1].split('"')[0]
    consent = await web.post("/chat?embed=1", data={"csrf": token, "choice": "consent:accept"})
    assert consent.status_code == 303 and consent.headers["location"] == "/chat?embed=1#answer"
    page = (await web.get(consent.headers["location"])).text
    assert '<body class="embed">' in page and "Vad heter du?" in page
    token = page.split('name="csrf" value="')[1].split('"')[0]
    named = await web.post("/chat?embed=1", data={"csrf": token, "text": "Eva Exempel"})
    assert named.status_code == 303 and named.headers["location"] == "/chat?embed=1#answer"
    # Not embedded, not embedded after.
    plain = await web.post("/chat", data={"csrf": token, "text": "Eksjö"})
    assert plain.headers["location"] == "/chat#answer"


async def test_crawlers_are_asked_to_stay_away(web) -> None:  # type: ignore[no-untyped-def]
    robots = await web.get("/robots.txt")
    assert robots.status_code == 200 and "Disallow: /" in robots.text


async def test_the_favicon_is_there(web) -> None:  # type: ignore[no-untyped-def]
    icon = await web.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    page = await web.get("/")
    assert 'rel="icon"' in page.text


@pytest.mark.allow_errors
async def test_an_answer_storage_refused_is_kept_in_the_box_with_a_clear_word(
    services: Services, web, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import OperationalError

    founder = WebFounder(web)
    await founder.open()
    await founder.press("Ja, det går bra")
    await founder.say("Lisa Lind")
    store = services.engine.store
    record = store.record_inbound

    async def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT INTO message", {}, Exception("database or disk is full"))

    monkeypatch.setattr(store, "record_inbound", full)
    place = "Vetlanda, nära Holsbyån"
    await founder.say(place)
    assert founder.status == 503
    assert "ditt svar kom inte fram" in founder.page
    assert f">{place}</textarea>" in founder.page
    monkeypatch.setattr(store, "record_inbound", record)
    await founder.say("Vetlanda")  # sent again once the storage is back
    assert founder.status == 200 and "Berätta om din idé" in founder.text


async def test_the_accessibility_statement_follows_diggs_model(web) -> None:  # type: ignore[no-untyped-def]
    """Linked from every public page; says who, how compliant, what is not accessible, how
    to report, the supervisory authority with its form, the method and the dates."""
    page = await web.get("/tillganglighet")
    assert page.status_code == 200
    text = page.text
    for needle in (
        "Science Park i Region Jönköpings län",
        "delvis förenlig",
        "Innehåll som inte är tillgängligt",
        "mailto:tillganglighet@sciencepark.example",
        "https://www.digg.se/tdosanmalan",
        "WCAG 2.1",
        "självskattning",
        "Bedömningen gjordes den",
    ):
        assert needle in text, needle
    english = await web.get("/tillganglighet?lang=en")
    assert "partially compliant" in english.text and 'lang="en"' in english.text
    for public in ("/", "/events"):
        assert 'href="/tillganglighet' in (await web.get(public)).text, public


async def test_an_accessibility_problem_reported_reaches_the_staff(web, services) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from bot.storage.models import AuditEntry

    page = await web.get("/tillganglighet")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token and 'for="r-description"' in page.text
    refused = await web.post("/tillganglighet", data={"description": "x"})
    assert refused.status_code == 403, "a form without its token"
    empty = await web.post("/tillganglighet", data={"csrf": token.group(1), "description": " "})
    assert empty.status_code == 400 and "Beskriv gärna problemet" in empty.text
    sent = await web.post(
        "/tillganglighet",
        data={
            "csrf": token.group(1),
            "description": "Knappen Skicka går inte att nå med tangentbordet <b>alls</b>.",
            "page": "/chat",
            "reply_to": "anna@example.se",
        },
    )
    assert sent.status_code == 200 and "Din rapport har kommit fram" in sent.text
    async with services.db.sessions() as session:
        (entry,) = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.kind == "accessibility_reported")
            )
        ).all()
    assert entry.reason is not None and entry.reason.startswith("Knappen Skicka")
    assert "anna@example.se" not in f"{entry.reason} {entry.payload}", "the address not kept"
