"""What the public pages' forms share beyond the web kit (``bot.webkit``: headers, body
limit, form reading, cross-site check): their body limit and the signed token of a visitor
(someone with no session yet: nothing is stored about them)."""

from __future__ import annotations

from bot.signing import dated_token, dated_token_valid

MAX_BODY = 64_000  # bytes: a long idea fits many times over
VISITOR_TOKEN_TTL = 24 * 3600  # seconds a page drawn for a visitor may be answered


def visitor_token(key: bytes) -> str:
    """The form token for someone with no session yet (nothing is stored about them)."""
    return dated_token(key, "chat-visitor")


def visitor_token_valid(key: bytes, given: object) -> bool:
    return dated_token_valid(key, "chat-visitor", given, VISITOR_TOKEN_TTL)
