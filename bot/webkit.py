"""What every web surface shares — the staff console, the founder chat, the accessibility
statement and the public calendar: the security headers, the body limit and the reading of a
posted form, and the cross-site check. One place, so a header or a limit cannot drift
between them (after Datasette's and Healthchecks' single middleware)."""

from __future__ import annotations

import logging

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def content_security_policy(frame_ancestors: str = "'none'", scripts: bool = True) -> str:
    """Our own scripts (or none), styles and images only (plots are data: images), forms to
    ourselves, framed only by ``frame_ancestors``."""
    script_src = "'self'" if scripts else "'none'"
    return (
        f"default-src 'self'; script-src {script_src}; "
        "style-src 'self'; img-src 'self' data:; "
        f"form-action 'self'; base-uri 'none'; object-src 'none'; "
        f"frame-ancestors {frame_ancestors}"
    )


def security_headers(
    frame_ancestors: str = "'none'", scripts: bool = True
) -> list[tuple[bytes, bytes]]:
    policy = content_security_policy(frame_ancestors, scripts)
    headers = [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"cache-control", b"no-store"),
    ]
    if frame_ancestors == "'none'":
        headers.append((b"x-frame-options", b"DENY"))  # for browsers before CSP level 2
    return headers


class SecurityHeaders:
    """Every response of the app it wraps, pages and errors alike, carries the headers (a
    header the response sets itself is left as it is)."""

    def __init__(self, app: ASGIApp, frame_ancestors: str = "'none'") -> None:
        self.app = app
        self.headers = security_headers(frame_ancestors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


def too_large(request: Request, limit: int) -> bool:
    """A body without a length, or longer than ``limit`` bytes, is not read."""
    length = request.headers.get("content-length", "")
    return not length.isdigit() or int(length) > limit


async def read_form(
    request: Request, limit: int, max_fields: int = 20, max_files: int = 0
) -> FormData | None:
    """The posted form, or None when it is too big, not a form, or malformed (the client's
    error: the caller answers 4xx)."""
    if too_large(request, limit):
        return None
    if not request.headers.get("content-type", "").startswith(FORM_TYPES):
        return None
    try:
        return await request.form(max_files=max_files, max_fields=max_fields, max_part_size=limit)
    except Exception:  # a malformed body of any kind
        log.info("an unreadable form on %s", request.url.path)
        return None


def cross_site(request: Request) -> bool:
    """Browsers say where a request comes from; a form on another site is not ours."""
    return request.headers.get("sec-fetch-site", "") == "cross-site"
