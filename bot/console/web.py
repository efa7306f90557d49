"""The console's plumbing: the signed-in person on each request, CSRF, pages rendered with
Jinja2 (autoescaped), security headers, and the one ``view`` decorator that every page goes
through so none forgets to ask ``allowed``."""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot import webkit
from bot.cases.workflow import CaseWorkflow
from bot.console.accounts import StaffAccounts
from bot.console.permissions import Action, allowed
from bot.content.staff_texts import CATALOG, LANGUAGES, staff_text
from bot.datafiles.gazetteer import Gazetteer
from bot.datafiles.taxonomy import Taxonomy
from bot.domain import AuditKind, Language
from bot.signing import dated_token, dated_token_valid
from bot.storage import staff as staff_rows
from bot.storage.console_queries import CaseAccess
from bot.storage.db import Database
from bot.storage.staff import Account

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "spbot_staff"
FORM_COOKIE = "spbot_form"  # double-submit token for the forms used before signing in
MAX_FORM = 2_000_000  # bytes (a roster CSV fits)
CASE_REF = re.compile(r"^[A-Z]{2,6}-\d{4}-\d{3,7}$")


@dataclass(frozen=True)
class Goals:
    """The region's yearly goals and the optional split per node (settings)."""

    region: dict[str, float] = field(
        default_factory=lambda: {"ideas": 1000.0, "starts": 300.0, "coached": 60.0}
    )
    nodes: str | None = None


PREFIX = "/console"  # where ``spbot serve`` mounts the console


@dataclass
class Console:
    """What the console's views need, built once by ``build_console``."""

    db: Database
    workflow: CaseWorkflow
    accounts: StaffAccounts
    env: Environment
    clock: Callable[[], datetime]
    gazetteer: Gazetteer
    taxonomy: Taxonomy
    # A page's path by its route's name ("case_page", ref=…): the one place paths are spelled.
    url: Callable[..., str]
    secure_cookies: bool = False
    slack_sign_in: Any = None  # SlackSignIn when Slack's OpenID Connect is configured
    goals: Goals = field(default_factory=Goals)
    # The smallest count the funder pack's equality splits show (SPBOT_REPORT_MIN_CELL).
    min_cell: int = 5
    # What views keep between requests of this console (the Resultat page's drawings).
    caches: dict[str, Any] = field(default_factory=dict)
    # How long personal data is kept (SPBOT_RETAIN_*_DAYS), told on the person page.
    retention: dict[str, int] = field(
        default_factory=lambda: {"abandoned": 90, "transcript": 365, "closed": 730}
    )
    # Where people reach the server (links in one-time password links), never a Host header.
    public_url: str = "http://127.0.0.1:8080"
    form_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))


def template_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "svg"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@dataclass
class Staff:
    """The person behind a request."""

    account: Account
    csrf: str
    token: str

    @property
    def lang(self) -> str:
        return self.account.language if self.account.language in LANGUAGES else "sv"

    def may(self, action: Action | str, case: CaseAccess | None = None) -> bool:
        return allowed(self.account, Action(action), case)


@dataclass
class Req:
    """One request to a view: the person, their form, and how to answer."""

    request: Request
    console: Console
    staff: Staff | None
    form: FormData | None = None

    @property
    def lang(self) -> str:
        if self.staff is not None:
            return self.staff.lang
        return request_language(self.request)

    def t(self, key: str, **values: object) -> str:
        return staff_text(key, self.lang, **values)

    def has_text(self, key: str) -> bool:
        return key in CATALOG

    def url(self, name: str, **params: object) -> str:
        """A console path by its route's name: ``r.url("case_page", ref=ref)``."""
        return self.console.url(name, **params)

    def problem_text(self, code: str, detail: str = "") -> str:
        """A form field's problem (a stable code) in this person's language; a code the
        catalog lacks reads as the general "check this field"."""
        key = f"form.error.{code}"
        return self.t(key, detail=detail) if key in CATALOG else self.t("form.error.invalid")

    def label(self, tag: str) -> str:
        """A sector's or a need's name in this person's language."""
        return self.console.taxonomy.label(tag, Language(self.lang))

    def field(self, name: str, limit: int = 2000) -> str:
        """A form field as clean text: at most ``limit`` characters, no control characters."""
        raw = self.form.get(name) if self.form is not None else None
        if not isinstance(raw, str):
            return ""
        return clean(raw, limit)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.console.env.get_template(template).render(
            t=self.t,
            lang=self.lang,
            staff=self.staff,
            csrf=self.staff.csrf if self.staff else context.pop("form_token", ""),
            path=self.request.url.path,
            query=self.request.query_params,
            notice=notice_of(self.request, self.t),
            slack_sign_in=self.console.slack_sign_in is not None,
            label=self.label,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    async def refuse(self, what: str) -> HTMLResponse:
        """403, logged: someone signed in asked for what their role does not allow."""
        if self.staff is not None:
            await staff_rows.audit(
                self.console.db,
                self.staff.account.as_actor,
                AuditKind.ACCESS_REFUSED,
                what[:128],
                None,
                {"path": self.request.url.path[:200], "role": self.staff.account.role},
                now=self.console.clock(),
            )
        log.warning("console: refused %s", self.request.url.path[:200])
        return self.render(
            "error.html",
            status=403,
            title=self.t("error.forbidden.title"),
            message=self.t("error.forbidden.body"),
        )

    def not_found(self) -> HTMLResponse:
        return self.render(
            "error.html",
            status=404,
            title=self.t("error.not_found.title"),
            message=self.t("error.not_found.body"),
        )

    def bad(self, message: str) -> HTMLResponse:
        return self.render(
            "error.html", status=400, title=self.t("error.bad.title"), message=message
        )

    def back(self, to: str, ok: str | None = None, ref: str | None = None) -> RedirectResponse:
        """After a change, to a page (Post/Redirect/Get) with a notice by key."""
        params = []
        if ok:
            params.append(f"ok={quote(ok)}")
        if ref:
            params.append(f"ref={quote(ref)}")
        target = to + (("&" if "?" in to else "?") + "&".join(params) if params else "")
        return RedirectResponse(target, status_code=303)


NOTICE_KEYS = re.compile(r"^[a-z_.]{1,40}$")


def notice_of(request: Request, t: Callable[..., str]) -> dict[str, str] | None:
    """The message after a change (``?ok=key`` or ``?err=code``): only known keys, never
    text from the URL (a case reference only when it looks like one)."""
    ref = request.query_params.get("ref", "")
    ref = ref if CASE_REF.match(ref) else ""
    for param, kind in (("err", "error"), ("ok", "ok")):
        key = request.query_params.get(param, "")
        if not key:
            continue
        if not NOTICE_KEYS.match(key):
            return None
        text = t(f"{param}.{key}", ref=ref)
        if text.startswith(f"{param}."):
            text = t(f"{param}.generic", ref=ref) if kind == "error" else ""
        return {"kind": kind, "text": text} if text else None
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str, limit: int) -> str:
    return _CONTROL.sub("", text).strip()[:limit]


def request_language(request: Request) -> str:
    chosen = request.query_params.get("lang") or request.cookies.get("spbot_lang")
    if chosen in LANGUAGES:
        return chosen
    accept = request.headers.get("accept-language", "").lower()
    first = accept.split(",")[0].strip()[:2]
    return "en" if first == "en" else "sv"


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path inside the console."""
    if (
        target
        and target.startswith(PREFIX)
        and not target.startswith("//")
        and ("\\" not in target)
        and len(target) < 500
    ):
        return target
    return PREFIX + "/"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def read_form(request: Request) -> FormData | None:
    """The posted form, or None when it is too big, not a form or malformed (the kit's rule;
    a roster CSV or a registry extract fits)."""
    return await webkit.read_form(request, MAX_FORM, max_fields=200, max_files=1)


def same_token(given: object, expected: str) -> bool:
    return isinstance(given, str) and bool(expected) and hmac.compare_digest(given, expected)


View = Callable[[Req], Awaitable[Response]]


class NotFound(Exception):
    """Raised by a view (or a helper it calls) for a 404: the view returns no union."""


class Refused(Exception):
    """Raised by a view for a 403 on ``what`` (logged in the audit trail like any refusal)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class BadRequest(Exception):
    """Raised by a view for a 400 with a message in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def view(
    action: Action | None = None,
) -> Callable[[View], Callable[[Request], Awaitable[Response]]]:
    """A console page: signed in (else to sign-in, keeping the target), allowed ``action``
    (else 403, logged), and for POST a readable form with this session's CSRF token. The
    view answers with a response, or raises ``NotFound``, ``Refused`` or ``BadRequest``."""

    def wrap(fn: View) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            console: Console = request.app.state.console
            token = request.cookies.get(SESSION_COOKIE)
            held = await console.accounts.current(token)
            if held is None or token is None:
                target = request.url.path
                if request.url.query and request.method == "GET":
                    target += "?" + request.url.query
                response: Response = RedirectResponse(
                    PREFIX + "/sign-in?next=" + quote(target, safe=""), status_code=303
                )
                if token:
                    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
                return response
            r = Req(request, console, Staff(held.account, held.csrf, token))
            if request.method == "POST":
                r.form = await read_form(request)
                if r.form is None:
                    return r.bad(r.t("error.bad.form"))
                if not same_token(r.form.get("csrf"), held.csrf):
                    log.warning("console: refused a POST without a valid CSRF token")
                    return r.render(
                        "error.html",
                        status=403,
                        title=r.t("error.csrf.title"),
                        message=r.t("error.csrf.body"),
                    )
            if action is not None and not allowed(held.account, action):
                return await r.refuse(action.value)
            try:
                return await fn(r)
            except NotFound:
                return r.not_found()
            except Refused as exc:
                return await r.refuse(exc.what)
            except BadRequest as exc:
                return r.bad(exc.message)

        endpoint.__name__ = fn.__name__
        return endpoint

    return wrap


FORM_TOKEN_TTL = 2 * 3600  # seconds a sign-in or password form may wait


def new_form_token(key: bytes) -> str:
    """A token for the forms used before signing in, made and signed by this server (a
    pair of cookie and field the client invented is refused)."""
    return dated_token(key, "console-form")


def form_token_valid(key: bytes, token: object) -> bool:
    return dated_token_valid(key, "console-form", token, FORM_TOKEN_TTL)


def pre_sign_in_form_ok(key: bytes, given: object, cookie: str) -> bool:
    """Both halves present and equal (double submit), and made by this server."""
    return same_token(given, cookie) and form_token_valid(key, cookie)
