"""The door of ``POST /slack/events``: what reaches Bolt has a size Slack sends, well-formed
signature headers, a valid signature and a body of the shape Slack sends. Everything else is
answered 413/401/400 here, without reading more than the limit and without logging the body
(Bolt's own check logs the whole body of every unsigned request at INFO)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from urllib.parse import parse_qs

from slack_bolt.adapter.starlette.async_handler import to_async_bolt_request, to_starlette_response
from slack_bolt.async_app import AsyncApp
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # bytes; Slack's payloads are far smaller
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")


class SlackGate:
    """Checks a request, then hands it to the Bolt app."""

    def __init__(self, app: AsyncApp, signing_secret: str, *, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.secret = signing_secret.encode()
        self.max_body = max_body

    async def handle(self, request: Request) -> Response:
        body = await _read_at_most(request, self.max_body)
        if body is None:
            return _refuse(413, "too_large", request)
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        if not (_TIMESTAMP.match(timestamp) and _SIGNATURE.match(signature)):
            return _refuse(401, "invalid_request", request)
        if abs(time.time() - int(timestamp)) > 60 * 5 or not self._signed(
            body, timestamp, signature
        ):
            return _refuse(401, "invalid_request", request)
        if not _slack_shaped(body, request.headers.get("content-type", "")):
            return _refuse(400, "bad_body", request)
        bolt_response = await self.app.async_dispatch(to_async_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    def _signed(self, body: bytes, timestamp: str, signature: str) -> bool:
        """Slack's v0 signature: HMAC-SHA256 over "v0:timestamp:body" (any bytes)."""
        base = b"v0:" + timestamp.encode() + b":" + body
        expected = "v0=" + hmac.new(self.secret, base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)


async def _read_at_most(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is (or says it is) larger than ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isdigit() or int(declared) > limit):
        return None
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    except ClientDisconnect:
        return None
    return b"".join(chunks)


def _slack_shaped(body: bytes, content_type: str) -> bool:
    """An event is a JSON object; an interaction is a form whose ``payload`` is a JSON
    object; a slash command is a form."""
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            return isinstance(json.loads(text), dict)
        form = parse_qs(text, keep_blank_values=True, max_num_fields=1000)
        payload = form.get("payload")
        if payload is not None:
            return len(payload) == 1 and isinstance(json.loads(payload[0]), dict)
        return bool(form)
    except (UnicodeDecodeError, ValueError):
        return False


def _refuse(status: int, error: str, request: Request) -> Response:
    client = request.client.host if request.client else "?"
    log.warning("slack: request refused (%s, %d) from %s", error, status, client)
    return JSONResponse({"error": error}, status_code=status)
