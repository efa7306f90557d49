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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from bot.engine.intake import IntakeEngine, Preview
from bot.engine.messages import Inbound, InboundKind, Outbound
from bot.handlers.web.accessibility import statement_page
from bot.handlers.web.forms import MAX_BODY, visitor_token, visitor_token_valid
from bot.handlers.web.texts import LANGUAGES, RIGHT_TO_LEFT, text
from bot.metrics import observe_turn
from bot.records import ChatHistory, ChatLine
from bot.webkit import SecurityHeaders, cross_site, read_form, too_large

log = logging.getLogger(__name__)
CHANNEL = "web"
HERE = Path(__file__).resolve().parent
COOKIE = "spbot_chat"
LANG_COOKIE = "spbot_chat_lang"
MAX_TEXT = 12_000  # characters passed on (the engine answers "too long" itself)
DEFAULT_LIMIT = 4_000  # a typed answer where the question names no limit
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
    # Signs the form tokens; app.py passes the installation's key (shared by processes).
    form_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    # Where the accessibility statement sends people who report a problem, and the port its
    # form reports through (description, page, reply-to address; False: nothing to report).
    accessibility_contact: str = "tillganglighet@sciencepark.example"
    report_problem: Callable[[str, str, str], Awaitable[bool]] | None = None
    _locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))


def user_of(token: str) -> str:
    """The engine's id for a web session: a digest, so the database holds no cookie."""
    return hashlib.sha256(token.encode()).hexdigest()[:40]


def csrf_of(token: str, key: bytes) -> str:
    """The form token of a session: signed with the installation's key."""
    return hmac.new(key, b"chat-session:" + token.encode(), hashlib.sha256).hexdigest()[:32]


def _language(request: Request, history: ChatHistory | None = None) -> str:
    if history is not None and history.language in LANGUAGES:
        return history.language
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()[:2]
    return first if first in LANGUAGES else "sv"


def _step(choice_id: str) -> str:
    return choice_id.split(":")[0]


def page_items(
    lines: Sequence[ChatLine], unstored_prefix: str = "new"
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
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
                items.append(
                    {"who": "me", "text": said, "key": _key(line, number, unstored_prefix)}
                )
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
                "max_length": payload.get("max_length"),
                "news": bool(payload.get("news")),
                "key": _key(line, number, unstored_prefix),
                "index": len(items),
            }
        )
    last: dict[str, Any] | None = None
    if items and items[-1]["who"] == "bot" and items[-1]["choices"]:
        last = items[-1]
    return items, last


def answer_limit(items: Sequence[dict[str, Any]]) -> int:
    """The longest answer the question being asked takes (its field's ``maxlength``): from
    the latest question that is typed into; the chat's default when it is a button question
    or says nothing (a reply after a refusal asks the same question)."""
    for item in reversed(items):
        if item["who"] != "bot":
            continue
        if isinstance(item.get("max_length"), int):
            return int(item["max_length"])
        if item.get("choices"):
            break
    return DEFAULT_LIMIT


def grouped(n: int) -> str:
    """4 000: digits grouped as Swedish (and the page's English) writes them."""
    return f"{n:,}".replace(",", "\u00a0")


def last_key(items: Sequence[dict[str, Any]]) -> str:
    """The key of the last line shown: a form carries it, so an answer from a page that
    has fallen behind (another tab answered) is recognised and not played."""
    return str(items[-1]["key"]) if items else ""


def _key(line: ChatLine, number: int, unstored_prefix: str) -> str:
    return f"m{line.id}" if line.id is not None else f"{unstored_prefix}{number}"


def _last_bot(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    bots = [item for item in items if item["who"] == "bot"]
    return bots[-1] if bots else None


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
        csrf: str,
        history: ChatHistory,
        status: int = 200,
        notice: str | None = None,
        fragment: bool = False,
        typed: str = "",
    ) -> HTMLResponse:
        lang = _language(request, history)
        # Lines stored nowhere are new on every page drawn (a key of their own each time).
        items, last = page_items(history.lines, "u" + secrets.token_hex(4) + "-")
        html = env.get_template("chat_part.html" if fragment else "chat.html").render(
            t=lambda key, **values: text(key, lang, **values),
            lang=lang,
            direction="rtl" if lang in RIGHT_TO_LEFT else "ltr",
            switches=[(c, text("switch_to", c)) for c in LANGUAGES if c != lang],
            items=items,
            last=last,
            limit=answer_limit(items),
            grouped=grouped,
            seen=last_key(items) if any(line.id is not None for line in history.lines) else "",
            csrf=csrf,
            notice=notice,
            typed=typed,
            stored=any(line.id is not None for line in history.lines),
            embed=request.query_params.get("embed") == "1",
        )
        return HTMLResponse(html, status_code=status)

    async def session(request: Request) -> tuple[str, ChatHistory] | None:
        """The founder's session: a cookie this server issued (at consent) whose
        conversation is stored. A token the client made up, or one whose conversation is
        gone, is no session: such a visitor starts as someone new."""
        token = request.cookies.get(COOKIE, "")
        if not _TOKEN.match(token):
            return None
        history = await chat.history(CHANNEL, user_of(token))
        return (token, history) if history.lines else None

    def unstored(language: str, replies: Sequence[Outbound]) -> ChatHistory:
        """Replies shown once and stored nowhere (before consent, after an erasure)."""
        return ChatHistory(
            language,
            [ChatLine("outbound", "reply", r.text, r.to_payload(), None) for r in replies],
        )

    def visitor_render(request: Request, preview: Preview, **how: Any) -> HTMLResponse:
        """A page for someone with no session: what ``preview`` says, stored nowhere."""
        history = unstored(preview.language.value, preview.replies)
        return render(request, visitor_token(chat.form_key), history, **how)

    async def first_question(request: Request, lang: str, **how: Any) -> HTMLResponse:
        return visitor_render(request, await chat.engine.preview(CHANNEL, lang), **how)

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
        address = request.client.host if request.client else "unknown"
        if not chat.per_address.allow(address):
            return HTMLResponse(text("slow_down", _language(request)), status_code=429)
        found = await session(request)
        if found is not None:
            token, history = found
            response = render(request, csrf_of(token, chat.form_key), history)
        else:
            # Someone new: the first question, drawn from the content; nothing is stored
            # (and no cookie set) until they say yes.
            response = await first_question(request, _language(request))
            if COOKIE in request.cookies:
                response.delete_cookie(COOKIE, path="/")
        chosen = request.query_params.get("lang")
        if chosen in LANGUAGES:
            cookie(response, LANG_COOKIE, chosen)
        return response

    def answered(request: Request) -> RedirectResponse:
        """Where a plain form's answer leads: the chat again, embedded if it was, at the
        answer (chat.js puts the founder's focus there, as it does after a fetch)."""
        embedded = "?embed=1" if request.query_params.get("embed") == "1" else ""
        return RedirectResponse(f"/chat{embedded}#answer", status_code=303)

    def inbound_of(form: Any, user: str, hint: str) -> Inbound:
        choice, typed, command = form.get("choice"), form.get("text"), form.get("command")
        if isinstance(command, str) and command in {f"language {c}" for c in LANGUAGES}:
            return Inbound(CHANNEL, user, InboundKind.COMMAND, command, language_hint=hint)
        if isinstance(choice, str) and choice.strip():
            return Inbound(
                CHANNEL, user, InboundKind.CHOICE, choice.strip()[:64], language_hint=hint
            )
        # typed text, or nothing: an empty answer is answered like on every channel
        clean = _CONTROL.sub("", typed if isinstance(typed, str) else "")[:MAX_TEXT]
        return Inbound(CHANNEL, user, InboundKind.TEXT, clean, language_hint=hint)

    def typed_of(form: Any) -> str:
        typed = form.get("text")
        return _CONTROL.sub("", typed)[:MAX_TEXT] if isinstance(typed, str) else ""

    async def send(request: Request) -> Response:
        wants_part = request.headers.get("x-requested-with") == "fetch"
        lang = _language(request)
        if too_large(request, MAX_BODY):
            return HTMLResponse(text("too_big", lang), status_code=413)
        found = await session(request)
        address = request.client.host if request.client else "unknown"
        user = user_of(found[0]) if found is not None else ""
        if (found is not None and not chat.per_session.allow(user)) or not chat.per_address.allow(
            address
        ):
            notice = text("slow_down", lang)
            if found is None:
                return await first_question(
                    request, lang, status=429, notice=notice, fragment=wants_part
                )
            return render(
                request, csrf_of(found[0], chat.form_key), found[1], 429, notice, wants_part
            )
        form = await read_form(request, MAX_BODY)
        if form is None:  # not a form, or malformed: the client's error
            return HTMLResponse(text("too_big", lang), status_code=400)
        if found is None:
            return await visitor_sends(request, form, lang, wants_part)
        token, history = found
        csrf = csrf_of(token, chat.form_key)
        if not hmac.compare_digest(str(form.get("csrf") or "")[:64], csrf):
            log.info("web chat: refused a form without this session's token")
            notice = text("expired", lang)
            return render(request, csrf, history, 403, notice, wants_part, typed=typed_of(form))
        inbound = inbound_of(form, user, lang)
        items, _ = page_items(history.lines)
        seen = form.get("seen")
        if (
            isinstance(seen, str)
            and seen
            and seen != last_key(items)
            and inbound.kind is not InboundKind.COMMAND
        ):
            # Answered meanwhile in another tab (or news came): this page had fallen behind.
            # Nothing is played; the conversation as it is now, the words still in the box.
            notice = text("other_tab", lang)
            return render(request, csrf, history, 409, notice, wants_part, typed=typed_of(form))
        limit = answer_limit(items)
        if inbound.kind is InboundKind.TEXT and len(inbound.text) > limit:
            notice = text("too_long", lang, limit=grouped(limit), n=grouped(len(inbound.text)))
            return render(request, csrf, history, 422, notice, wants_part, typed=typed_of(form))
        try:
            replies = await play(token, inbound)
            history = await chat.history(CHANNEL, user)
        except Exception:  # the storage failed (a full disk, a lost database): nothing saved
            log.exception("web chat: an answer could not be stored")
            notice = text("error", lang)
            return render(request, csrf, history, 503, notice, wants_part, typed=typed_of(form))
        if not history.lines and replies:
            # Erased (/delete): nothing is stored, so the page shows the answer once, from
            # the turn itself, to someone who is new again.
            response = render(
                request, visitor_token(chat.form_key), unstored(lang, replies), fragment=wants_part
            )
            response.delete_cookie(COOKIE, path="/")
            return response
        if wants_part:
            return render(request, csrf, history, fragment=True)
        return answered(request)

    async def visitor_sends(request: Request, form: Any, lang: str, wants_part: bool) -> Response:
        """An answer from someone with no session: before consent it is answered from the
        content and stored nowhere; consent starts the stored conversation under a new
        session the server issues (never one the client brought)."""
        inbound = inbound_of(form, "", lang)
        given = form.get("csrf")
        if cross_site(request) or not visitor_token_valid(chat.form_key, given):
            log.info("web chat: refused a visitor's form without a token from this server")
            # A session's token (no dot) means that session is gone (cookie cleared).
            lost = isinstance(given, str) and len(given) == 32 and "." not in given
            notice = text("lost" if lost else "expired", lang)
            return await first_question(
                request, lang, status=403, notice=notice, fragment=wants_part, typed=typed_of(form)
            )
        preview = await chat.engine.preview(CHANNEL, lang, inbound)
        if not preview.consented:
            response = visitor_render(request, preview, fragment=wants_part)
            if preview.language.value != lang:
                cookie(response, LANG_COOKIE, preview.language.value)
            return response
        token = secrets.token_urlsafe(24)
        user = user_of(token)
        hint = preview.language.value
        try:
            start = Inbound(CHANNEL, user, InboundKind.COMMAND, "start", language_hint=hint)
            await play(token, start)
            await play(token, replace(inbound, user_id=user, language_hint=hint))
            history = await chat.history(CHANNEL, user)
        except Exception:  # the storage failed: the visitor is asked again, nothing lost
            log.exception("web chat: a consent could not be stored")
            return await first_question(
                request, hint, status=503, notice=text("error", hint), fragment=wants_part
            )
        answer: Response = (
            render(request, csrf_of(token, chat.form_key), history, fragment=True)
            if wants_part
            else answered(request)
        )
        cookie(answer, COOKIE, token)
        return answer

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

    async def favicon(request: Request) -> Response:
        # Browsers ask for /favicon.ico on every site: the same icon as the pages link to.
        return Response(
            (HERE / "static" / "favicon.svg").read_bytes(),
            media_type="image/svg+xml",
            headers={"cache-control": "public, max-age=86400"},
        )

    app = Starlette(
        routes=[
            Route("/robots.txt", robots, methods=["GET"]),
            Route("/favicon.ico", favicon, methods=["GET"]),
            Route(
                "/tillganglighet",
                statement_page(
                    env, chat.accessibility_contact, chat.form_key, chat.report_problem, _language
                ),
                methods=["GET", "POST"],
            ),
            Route("/", page, methods=["GET"]),
            Route("/chat", page, methods=["GET"]),
            Route("/chat", send, methods=["POST"]),
            Route("/embed.js", embed_js, methods=["GET"]),
            Mount("/chat/static", StaticFiles(directory=HERE / "static"), name="chat_static"),
        ]
    )
    return SecurityHeaders(app, chat.frame_ancestors)
