"""Sign in with Slack (OpenID Connect, through slack_sdk): the email Slack verified is matched
to a staff account (never to the roster, which coordinators edit). State and nonce travel in
a short-lived HttpOnly cookie and are checked on the way back; the code is exchanged with the
client secret, server to server."""

from __future__ import annotations

import base64
import hmac
import json
import logging
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from slack_sdk.errors import SlackApiError
from slack_sdk.oauth import OpenIDConnectAuthorizeUrlGenerator
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.console.views.signin import LANDING, session_cookie
from bot.console.web import PREFIX, Req, client_address, safe_next
from bot.storage import staff as staff_rows

log = logging.getLogger(__name__)
STATE_COOKIE = "spbot_oidc"
SCOPES = ("openid", "email", "profile")


@dataclass(frozen=True)
class SlackSignIn:
    client_id: str
    client_secret: str
    redirect_uri: str  # {public url}/console/sign-in/slack/callback
    api_url: str = "https://slack.com/api/"
    authorize_url: str = "https://slack.com/openid/connect/authorize"


def _console(request: Request) -> Req:
    return Req(request, request.app.state.console, None)


async def start(request: Request) -> Response:
    r = _console(request)
    config: SlackSignIn | None = r.console.slack_sign_in
    if config is None:
        return r.not_found()
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    url = OpenIDConnectAuthorizeUrlGenerator(
        client_id=config.client_id,
        redirect_uri=quote(config.redirect_uri, safe=""),
        scopes=list(SCOPES),
        authorization_url=config.authorize_url,
    ).generate(state=state, nonce=nonce)
    response = RedirectResponse(url, status_code=303)
    target = safe_next(request.query_params.get("next"))
    response.set_cookie(
        STATE_COOKIE,
        f"{state}.{nonce}.{base64.urlsafe_b64encode(target.encode()).decode()}",
        max_age=600,
        httponly=True,
        samesite="lax",
        secure=r.console.secure_cookies,
        path=PREFIX,
    )
    return response


def _claims(id_token: str) -> dict[str, Any]:
    """The id_token's payload (its nonce is what we check; the token itself came straight
    from Slack over TLS in exchange for our client secret)."""
    try:
        payload = id_token.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return data if isinstance(data, dict) else {}
    except (IndexError, ValueError):
        return {}


async def callback(request: Request) -> Response:
    r = _console(request)
    config: SlackSignIn | None = r.console.slack_sign_in
    if config is None:
        return r.not_found()
    parts = request.cookies.get(STATE_COOKIE, "").split(".")
    given = request.query_params.get("state", "")
    code = request.query_params.get("code", "")
    if len(parts) != 3 or not given or not hmac.compare_digest(given, parts[0]) or not code:
        return await _refused(r, "state", "signin.slack_failed")
    state_nonce, target = parts[1], safe_next(_decode(parts[2]))
    try:
        client = AsyncWebClient(base_url=config.api_url)
        token = await client.openid_connect_token(
            client_id=config.client_id,
            client_secret=config.client_secret,
            code=code[:500],
            redirect_uri=config.redirect_uri,
        )
        if _claims(str(token.get("id_token") or "")).get("nonce") != state_nonce:
            return await _refused(r, "nonce", "signin.slack_failed")
        info = await AsyncWebClient(
            token=str(token["access_token"]), base_url=config.api_url
        ).openid_connect_userInfo()
    except (SlackApiError, KeyError, OSError) as exc:
        log.warning("console: Slack sign-in failed (%s)", type(exc).__name__)
        return await _refused(r, "slack_error", "signin.slack_failed")
    slack_user = str(info.get("https://slack.com/user_id") or "")
    email = str(info.get("email") or "") if info.get("email_verified") else ""
    account = await staff_rows.account_for_slack(r.console.db, email)
    if account is None:
        return await _refused(r, "no_role", "signin.slack_no_role", who=email or slack_user)
    opened = await r.console.accounts.open_session(account, client_address(request), "slack")
    if target == r.url("home"):
        target = r.url(LANDING.get(account.role, "home"))
    response = RedirectResponse(target, status_code=303)
    session_cookie(response, opened, r.console.secure_cookies)
    response.delete_cookie(STATE_COOKIE, path=PREFIX)
    return response


def _decode(text: str) -> str:
    try:
        return base64.urlsafe_b64decode(text.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return PREFIX + "/"


async def _refused(r: Req, why: str, message: str, who: str = "") -> Response:
    await staff_rows.refused_sign_in(
        r.console.db, who, f"slack:{why}", client_address(r.request), r.console.clock()
    )
    response = r.render("error.html", status=403, title=r.t("signin.title"), message=r.t(message))
    response.delete_cookie(STATE_COOKIE, path=PREFIX)
    return response
