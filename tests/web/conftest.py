"""The web chat over HTTP (httpx against the app `spbot serve` runs): a founder in a
browser-like client, reading the page as a person would."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest

from bot.app import Services
from bot.engine.messages import Choice, InboundKind, Outbound
from bot.http import build_http_app
from bot.settings import Settings, load_settings
from tests.intake_driver import AtOnce

ITEM = re.compile(
    r'<li class="(bot|me)(?: news)?" data-key="([^"]+)">\s*'
    r'<span class="visually-hidden">[^<]*</span>\s*'
    r"(?:<strong[^>]*>[^<]*</strong>\s*)?<p dir=\"auto\">(.*?)</p>\s*</li>",
    re.S,
)
BUTTON = re.compile(
    r'<button type="submit" name="choice" value="([^"]+)" class="choice">(.*?)</button>'
)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
SEEN = re.compile(r'name="seen" value="([^"]+)"')


@dataclass
class WebFounder(AtOnce):
    """Talks to the chat page like the test ``Founder`` talks to the engine: ``last`` is
    what appeared on the page after the last answer."""

    client: httpx.AsyncClient
    language_hint: str | None = None
    last: list[Outbound] = field(default_factory=list)
    page: str = ""
    status: int = 0
    seen: set[str] = field(default_factory=set)

    @property
    def headers(self) -> dict[str, str]:
        return {"accept-language": self.language_hint} if self.language_hint else {}

    def _read(self, page: str, status: int) -> list[Outbound]:
        self.page, self.status = page, status
        items = ITEM.findall(page)
        buttons = tuple(Choice(v, html.unescape(label)) for v, label in BUTTON.findall(page))
        # What is new to a person: below their last answer, and not on the page before.
        mine = [i for i, (who, _, _) in enumerate(items) if who == "me"]
        below = items[mine[-1] + 1 :] if mine else items
        fresh = [
            (who, key, body) for who, key, body in below if who == "bot" and key not in self.seen
        ]
        self.seen = {key for _, key, _ in items}
        self.last = [
            Outbound(html.unescape(body), buttons if i == len(fresh) - 1 else ())
            for i, (_, _, body) in enumerate(fresh)
        ]
        return self.last

    async def open(self, path: str = "/") -> list[Outbound]:
        response = await self.client.get(path, headers=self.headers)
        return self._read(response.text, response.status_code)

    async def post(self, data: dict[str, str], *, fetch: bool = True) -> list[Outbound]:
        token, seen = CSRF.search(self.page), SEEN.search(self.page)
        # As a browser sends the form: its token and the last line the page showed.
        form = {"csrf": token.group(1) if token else ""}
        form |= {"seen": seen.group(1)} if seen else {}
        form |= data
        headers = self.headers | ({"x-requested-with": "fetch"} if fetch else {})
        response = await self.client.post("/chat", data=form, headers=headers)
        if response.status_code == 303:
            response = await self.client.get(response.headers["location"], headers=self.headers)
        return self._read(response.text, response.status_code)

    async def say(self, text: str) -> list[Outbound]:
        return await self.post({"text": text})

    async def choose(self, choice_id: str) -> list[Outbound]:
        return await self.post({"choice": choice_id})

    async def command(self, name: str) -> list[Outbound]:
        if name == "start" and not self.page:
            return await self.open()
        return await self.say("/" + name)

    async def send(self, kind: InboundKind, text: str) -> list[Outbound]:
        raise NotImplementedError("a web page sends text and button presses only")

    async def unsupported(self) -> bool:
        return False  # a page has no sticker or photo to send

    async def press(self, label: str) -> list[Outbound]:
        choices = self.last[-1].choices if self.last else ()
        for choice in choices:
            if choice.label == label or choice.label.removeprefix("✔ ") == label:
                return await self.choose(choice.id)
        raise AssertionError(
            f"no button {label!r} on the page; buttons: {[c.label for c in choices]}"
        )

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    @property
    def buttons(self) -> list[str]:
        return [c.label for c in self.last[-1].choices] if self.last else []


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Transcripts answer faster than a person: the per-minute limit is raised here (its
    own test uses the default)."""
    return load_settings(DATABASE_URL=database_url, SPBOT_WEB_RATE_PER_MINUTE=1000)


@pytest.fixture
async def web(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    app = build_http_app(services, timers=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client
    await services.delivered.flush()  # replies shown are marked before the database closes
