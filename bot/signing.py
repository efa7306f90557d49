"""Dated tokens signed with the installation's key (``storage/keys.py``): the forms shown to
someone not signed in (the console's sign-in, the web chat before consent) carry one, so only
a page this server drew can be answered, and only for a while."""

from __future__ import annotations

import hashlib
import hmac
import time

MAX_LENGTH = 64


def dated_token(key: bytes, purpose: str, issued: int | None = None) -> str:
    """``issued.signature``: when it was made, signed for ``purpose``."""
    at = str(int(time.time()) if issued is None else issued)
    message = f"{purpose}:{at}".encode()
    return f"{at}.{hmac.new(key, message, hashlib.sha256).hexdigest()[:32]}"


def dated_token_valid(key: bytes, purpose: str, token: object, max_age: float) -> bool:
    """Made by this server for ``purpose``, at most ``max_age`` seconds ago."""
    if not isinstance(token, str) or len(token) > MAX_LENGTH:
        return False
    at = token.partition(".")[0]
    if not at.isdigit() or len(at) > 12:
        return False
    age = time.time() - int(at)
    return -60 <= age <= max_age and hmac.compare_digest(token, dated_token(key, purpose, int(at)))
