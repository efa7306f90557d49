"""Signing in and out, setting a password through a one-time link, choosing a language."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.console.accounts import PasswordRejected
from bot.console.web import (
    FORM_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    Console,
    Req,
    client_address,
    form_token_valid,
    new_form_token,
    pre_sign_in_form_ok,
    read_form,
    safe_next,
    view,
)
from bot.content.staff_texts import LANGUAGES
from bot.storage import staff as staff_rows

LANDING = {
    "advisor": "desk",
    "node_manager": "queue",
    "coordinator": "queue",
    "admin": "queue",
}


# A refused sign-in: the message and the status.
_REFUSALS = {
    "wrong": ("signin.wrong", 400),
    "throttled": ("signin.throttled", 429),
    "busy": ("signin.busy", 503),
}


def _anonymous(request: Request) -> Req:
    return Req(request, request.app.state.console, None)


def _with_form_token(r: Req, template: str, status: int = 200, **context: object) -> Response:
    token = r.request.cookies.get(FORM_COOKIE, "")
    if not form_token_valid(r.console.form_key, token):
        token = new_form_token(r.console.form_key)
    response = r.render(template, status=status, form_token=token, **context)
    response.set_cookie(
        FORM_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=r.console.secure_cookies,
        path=PREFIX,
    )
    return response


async def sign_in_page(request: Request) -> Response:
    r = _anonymous(request)
    response = _with_form_token(
        r, "sign_in.html", next=safe_next(request.query_params.get("next")), error=None
    )
    chosen = request.query_params.get("lang")
    if chosen in LANGUAGES:  # the language links on the sign-in page
        response.set_cookie(
            "spbot_lang",
            chosen,
            samesite="lax",
            path=PREFIX,
            max_age=365 * 86400,
            secure=r.console.secure_cookies,
        )
    return response


async def sign_in(request: Request) -> Response:
    r = _anonymous(request)
    console: Console = r.console
    r.form = await read_form(request)
    if r.form is None or not pre_sign_in_form_ok(
        console.form_key, r.form.get("csrf"), request.cookies.get(FORM_COOKIE, "")
    ):
        return _with_form_token(
            r, "sign_in.html", status=403, next=r.url("home"), error=r.t("signin.expired_form")
        )
    email, password = r.field("email", 254), r.form.get("password")
    target = safe_next(r.field("next", 500))
    if not email or not isinstance(password, str) or not password:
        return _with_form_token(
            r, "sign_in.html", status=400, next=target, error=r.t("signin.missing"), email=email
        )
    result = await console.accounts.sign_in(email, password, client_address(request))
    if result.account is None or result.token is None:
        key, status = _REFUSALS.get(result.refusal or "", ("signin.wrong", 400))
        return _with_form_token(
            r,
            "sign_in.html",
            status=status,
            next=target,
            error=r.t(key),
            email=email,
        )
    if target == r.url("home"):
        target = r.url(LANDING.get(result.account.role, "home"))
    response = RedirectResponse(target, status_code=303)
    session_cookie(response, result.token, console.secure_cookies)
    return response


def session_cookie(response: Response, token: str, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure, path=PREFIX
    )


@view()
async def sign_out(r: Req) -> Response:
    assert r.staff is not None
    await r.console.accounts.sign_out(r.staff.token, r.staff.account)
    response = RedirectResponse(r.url("sign_in_page"), status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


@view()
async def home(r: Req) -> Response:
    assert r.staff is not None
    return RedirectResponse(r.url(LANDING.get(r.staff.account.role, "desk")), status_code=303)


@view()
async def set_language(r: Req) -> Response:
    assert r.staff is not None
    chosen = r.field("language", 8)
    if chosen not in LANGUAGES:
        return r.bad(r.t("error.bad.language"))
    await staff_rows.set_language(r.console.db, r.staff.account.id, chosen)
    return RedirectResponse(safe_next(r.field("next", 500)), status_code=303)


async def password_page(request: Request) -> Response:
    r = _anonymous(request)
    token = request.path_params["token"]
    account = await r.console.accounts.account_for_link(token)
    if account is None:
        return r.render(
            "error.html",
            status=404,
            title=r.t("password.link_gone.title"),
            message=r.t("password.link_gone.body"),
        )
    return _with_form_token(r, "password.html", email=account.email, error=None)


async def password_set(request: Request) -> Response:
    r = _anonymous(request)
    token = request.path_params["token"]
    r.form = await read_form(request)
    if r.form is None or not pre_sign_in_form_ok(
        r.console.form_key, r.form.get("csrf"), request.cookies.get(FORM_COOKIE, "")
    ):
        return r.render(
            "error.html", status=403, title=r.t("error.csrf.title"), message=r.t("error.csrf.body")
        )
    account = await r.console.accounts.account_for_link(token)
    if account is None:
        return r.render(
            "error.html",
            status=404,
            title=r.t("password.link_gone.title"),
            message=r.t("password.link_gone.body"),
        )
    password, again = r.form.get("password"), r.form.get("again")
    if not isinstance(password, str) or password != again:
        return _with_form_token(
            r, "password.html", status=400, email=account.email, error=r.t("password.mismatch")
        )
    try:
        done = await r.console.accounts.set_password(token, password)
    except PasswordRejected as exc:
        return _with_form_token(
            r,
            "password.html",
            status=503 if exc.details["rule"] == "busy" else 400,
            email=account.email,
            error=r.t(f"password.{exc.details['rule']}"),
        )
    if done is None:
        return r.render(
            "error.html",
            status=404,
            title=r.t("password.link_gone.title"),
            message=r.t("password.link_gone.body"),
        )
    return RedirectResponse(r.url("sign_in_page") + "?ok=password_set", status_code=303)
