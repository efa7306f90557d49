"""What the public pages' forms share: the body limit, the signed token of a visitor (someone
with no session yet: nothing is stored about them) and the cross-site check."""

from __future__ import annotations

from starlette.requests import Request

from bot.signing import dated_token, dated_token_valid

MAX_BODY = 64_000  # bytes: a long idea fits many times over
VISITOR_TOKEN_TTL = 24 * 3600  # seconds a page drawn for a visitor may be answered


def visitor_token(key: bytes) -> str:
    """The form token for someone with no session yet (nothing is stored about them)."""
    return dated_token(key, "chat-visitor")


def visitor_token_valid(key: bytes, given: object) -> bool:
    return dated_token_valid(key, "chat-visitor", given, VISITOR_TOKEN_TTL)


def cross_site(request: Request) -> bool:
    """Browsers say where a request comes from; a form on another site is not ours."""
    return request.headers.get("sec-fetch-site", "") == "cross-site"
