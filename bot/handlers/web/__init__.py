"""The founder web chat: the same intake as every channel, as an HTML page that works with a
little JavaScript and without it, embeddable on the Science Park's own site.

A random session token in an HttpOnly cookie is the founder's web identity (the engine sees
only its SHA-256). Every answer is stored by the engine before the page answers; the page
is drawn again from the stored conversation, so a reload or a server restart resumes at the
same step with everything shown."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.engine.intake import IntakeEngine
from bot.engine.messages import Inbound, InboundKind, Outbound
from bot.handlers.web.texts import text
from bot.metrics import observe_turn
from bot.records import ChatHistory, ChatLine

log = logging.getLogger(__name__)
CHANNEL = "web"
HERE = Path(__file__).resolve().parent
COOKIE = "spbot_chat"
LANG_COOKIE = "spbot_chat_lang"
MAX_BODY = 64_000  # bytes: a long idea fits many times over
MAX_TEXT = 12_000  # characters passed on (the engine answers "too long" itself)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

History = Callable[[str, str], Awaitable[ChatHistory]]
Delivered = Callable[[Sequence[int]], Awaitable[None]]


class RateLimit:
    """At most ``limit`` requests per ``window`` seconds per key (in this process)."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        seen = self._seen[key]
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            return False
        seen.append(now)
        if len(self._seen) > 50_000:  # forget the idle ones
            for stale in [k for k, v in self._seen.items() if not v or now - v[-1] > self.window]:
                del self._seen[stale]
        return True


@dataclass
class WebChat:
    engine: IntakeEngine
    history: History
    delivered: Delivered
    secure_cookies: bool = False
    frame_ancestors: str = "'self'"
    per_session: RateLimit = field(default_factory=lambda: RateLimit(30, 60))
    per_address: RateLimit = field(default_factory=lambda: RateLimit(300, 60))
    _locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))


def user_of(token: str) -> str:
    """The engine's id for a web session: a digest, so the database holds no cookie."""
    return hashlib.sha256(token.encode()).hexdigest()[:40]


def csrf_of(token: str) -> str:
    return hmac.new(token.encode(), b"spbot-chat-form", hashlib.sha256).hexdigest()[:32]


def _language(request: Request, history: ChatHistory | None = None) -> str:
    if history is not None and history.language in ("sv", "en"):
        return history.language
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in ("sv", "en"):
        return chosen
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()[:2]
    return "en" if first == "en" else "sv"


def _step(choice_id: str) -> str:
    return choice_id.split(":")[0]


def page_items(lines: Sequence[ChatLine]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The conversation as the page shows it, and the last question's live choices.
    A multi-select question answered by toggles is shown once, as it is now (edited in
    place, as on Telegram)."""
    items: list[dict[str, Any]] = []
    labels: dict[str, str] = {}  # the choices last offered: a pressed button shows its label
    for number, line in enumerate(lines):
        if line.direction == "inbound":
            if line.kind == "command" and line.text.strip().lstrip("/") == "start":
                continue
            said = line.text
            if line.kind == "choice":
                said = labels.get(line.text, line.text).removeprefix("✔ ")
            if said.strip():
                items.append({"who": "me", "text": said, "key": _key(line, number)})
            continue
        payload = line.payload or {"text": line.text, "choices": [], "multi_select": False}
        choices = payload.get("choices") or []
        if choices:
            labels = {str(c.get("id")): str(c.get("label")) for c in choices}
        if payload.get("multi_select") and choices:
            earlier = _last_bot(items)
            if (
                earlier is not None
                and earlier["multi_select"]
                and earlier["choices"]
                and _step(earlier["choices"][0]["id"]) == _step(choices[0]["id"])
                and all(i["who"] == "me" for i in items[earlier["index"] + 1 :])
            ):
                del items[earlier["index"] :]
        items.append(
            {
                "who": "bot",
                "text": str(payload.get("text", line.text)),
                "choices": choices,
                "multi_select": bool(payload.get("multi_select")),
                "news": bool(payload.get("news")),
                "key": _key(line, number),
                "index": len(items),
            }
        )
    last: dict[str, Any] | None = None
    if items and items[-1]["who"] == "bot" and items[-1]["choices"]:
        last = items[-1]
    return items, last


def _key(line: ChatLine, number: int) -> str:
    return f"m{line.id}" if line.id is not None else f"new{number}"


def _last_bot(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    bots = [item for item in items if item["who"] == "bot"]
    return bots[-1] if bots else None


class Headers:
    """Security headers on every chat response; ``frame-ancestors`` from the setting."""

    def __init__(self, app: ASGIApp, frame_ancestors: str) -> None:
        self.app = app
        csp = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"form-action 'self'; base-uri 'none'; object-src 'none'; "
            f"frame-ancestors {frame_ancestors}"
        )
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"cache-control", b"no-store"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in names
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def build_web_chat(chat: WebChat) -> ASGIApp:
    """The chat's routes (``/``, ``/chat``, ``/embed.js``, ``/chat/static``) with their
    headers; ``spbot serve`` mounts it last, at the root."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def cookie(response: Response, name: str, value: str) -> None:
        response.set_cookie(
            name,
            value,
            max_age=180 * 86400,
            httponly=True,
            # Inside an iframe on another site the cookie must be SameSite=None (and so
            # Secure, which needs HTTPS); on plain HTTP it stays Lax.
            samesite="none" if chat.secure_cookies else "lax",
            secure=chat.secure_cookies,
            path="/",
        )

    def render(
        request: Request,
        token: str,
        history: ChatHistory,
        status: int = 200,
        notice: str | None = None,
        fragment: bool = False,
    ) -> HTMLResponse:
        lang = _language(request, history)
        items, last = page_items(history.lines)
        html = env.get_template("chat_part.html" if fragment else "chat.html").render(
            t=lambda key: text(key, lang),
            lang=lang,
            items=items,
            last=last,
            csrf=csrf_of(token),
            notice=notice,
            embed=request.query_params.get("embed") == "1",
        )
        return HTMLResponse(html, status_code=status)

    async def session(request: Request) -> tuple[str, bool]:
        token = request.cookies.get(COOKIE, "")
        if _TOKEN.match(token):
            return token, False
        return secrets.token_urlsafe(24), True

    async def play(token: str, inbound: Inbound) -> list[Outbound]:
        started = time.perf_counter()
        ok = False
        try:
            async with chat._locks[token]:
                replies = await chat.engine.handle(inbound)
            ok = True
        finally:
            observe_turn(CHANNEL, started, ok)
        await chat.delivered([r.id for r in replies if r.id is not None])
        if not chat._locks[token].locked():
            chat._locks.pop(token, None)
        return replies

    async def page(request: Request) -> Response:
        token, new = await session(request)
        user = user_of(token)
        history = await chat.history(CHANNEL, user)
        if not history.lines:
            # A new or unknown session starts cleanly (an expired cookie, a wiped database).
            lang = _language(request)
            await play(
                token, Inbound(CHANNEL, user, InboundKind.COMMAND, "start", language_hint=lang)
            )
            history = await chat.history(CHANNEL, user)
        response = render(request, token, history)
        if new:
            cookie(response, COOKIE, token)
        chosen = request.query_params.get("lang")
        if chosen in ("sv", "en"):
            cookie(response, LANG_COOKIE, chosen)
        return response

    async def send(request: Request) -> Response:
        wants_part = request.headers.get("x-requested-with") == "fetch"
        token, new = await session(request)
        user = user_of(token)
        lang = _language(request)
        length = request.headers.get("content-length", "")
        if not length.isdigit() or int(length) > MAX_BODY:
            return HTMLResponse(text("too_big", lang), status_code=413)
        if new:  # no session (expired, or cookies blocked): start cleanly, say so
            response: Response = RedirectResponse("/chat", status_code=303)
            cookie(response, COOKIE, token)
            return response
        address = request.client.host if request.client else "unknown"
        if not chat.per_session.allow(user) or not chat.per_address.allow(address):
            history = await chat.history(CHANNEL, user)
            return render(request, token, history, 429, text("slow_down", lang), wants_part)
        try:
            form = await request.form(max_files=0, max_fields=20, max_part_size=MAX_BODY)
        except Exception:  # any malformed body is the client's error
            return HTMLResponse(text("too_big", lang), status_code=400)
        given = form.get("csrf")
        if not isinstance(given, str) or not hmac.compare_digest(given, csrf_of(token)):
            log.info("web chat: refused a form without this session's token")
            history = await chat.history(CHANNEL, user)
            return render(request, token, history, 403, text("expired", lang), wants_part)
        choice, typed, command = form.get("choice"), form.get("text"), form.get("command")
        hint = lang
        if isinstance(command, str) and command in ("language sv", "language en"):
            inbound = Inbound(CHANNEL, user, InboundKind.COMMAND, command, language_hint=hint)
        elif isinstance(choice, str) and choice.strip():
            inbound = Inbound(
                CHANNEL, user, InboundKind.CHOICE, choice.strip()[:64], language_hint=hint
            )
        else:  # typed text, or nothing: an empty answer is answered like on every channel
            clean = _CONTROL.sub("", typed if isinstance(typed, str) else "")[:MAX_TEXT]
            inbound = Inbound(CHANNEL, user, InboundKind.TEXT, clean, language_hint=hint)
        replies = await play(token, inbound)
        history = await chat.history(CHANNEL, user)
        if not history.lines and replies:
            # Erased (/delete, consent declined): nothing is stored, so the page shows the
            # answer once, from the turn itself.
            history = ChatHistory(
                lang,
                [ChatLine("outbound", "reply", r.text, r.to_payload(), None) for r in replies],
            )
            return render(request, token, history, fragment=wants_part)
        if wants_part:
            return render(request, token, history, fragment=True)
        return RedirectResponse("/chat#answer", status_code=303)

    async def embed_js(request: Request) -> Response:
        body = (HERE / "static" / "embed.js").read_text(encoding="utf-8")
        return Response(
            body,
            media_type="text/javascript; charset=utf-8",
            headers={"cache-control": "public, max-age=3600"},
        )

    async def robots(request: Request) -> Response:
        # The chat is a conversation, not a page to index: crawlers would only open intakes.
        return Response("User-agent: *\nDisallow: /\n", media_type="text/plain")

    app = Starlette(
        routes=[
            Route("/robots.txt", robots, methods=["GET"]),
            Route("/", page, methods=["GET"]),
            Route("/chat", page, methods=["GET"]),
            Route("/chat", send, methods=["POST"]),
            Route("/embed.js", embed_js, methods=["GET"]),
            Mount("/chat/static", StaticFiles(directory=HERE / "static"), name="chat_static"),
        ]
    )
    return Headers(app, chat.frame_ancestors)
