"""Requests signed the way Slack signs them (v0, HMAC-SHA256 over "v0:timestamp:body")."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from typing import Any

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def signed(
    body: bytes, content_type: str, secret: str = SECRET, timestamp: int | None = None
) -> dict[str, str]:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    base = f"v0:{ts}:".encode() + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
        "Content-Type": content_type,
    }


def interaction(payload: dict[str, Any]) -> tuple[bytes, str]:
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    return body, "application/x-www-form-urlencoded"


def command(fields: dict[str, str]) -> tuple[bytes, str]:
    return urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"


def event(payload: dict[str, Any]) -> tuple[bytes, str]:
    return json.dumps(payload).encode(), "application/json"
