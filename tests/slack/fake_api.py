"""A local fake of the Slack Web API that records every call (and response_url posts)."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@dataclass
class FakeSlackApi:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)  # posts to response_url
    errors: dict[str, list[str]] = field(default_factory=dict)  # method → error codes to return
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(100))
    # Sign in with Slack: who openid.connect.userInfo says the user is, and the codes the
    # token endpoint accepts (code → nonce to put in the id_token).
    identity: dict[str, Any] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    # users.lookupByEmail: email → member id; and how many calls to answer 429 first.
    members: dict[str, str] = field(default_factory=dict)
    rate_limited: int = 0

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/api/{method}", self._call, methods=["POST", "GET"]),
                Route("/respond/{hook}", self._respond, methods=["POST"]),
            ]
        )

    async def _body(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(request.query_params)
        raw = (await request.body()).decode()
        if request.headers.get("content-type", "").startswith("application/json"):
            return json.loads(raw) if raw else {}
        return dict(urllib.parse.parse_qsl(raw))

    async def _call(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        try:
            params = await self._body(request)
        except ClientDisconnect:  # the caller went away mid-request: nothing arrived
            return JSONResponse({}, status_code=499)
        self.calls.append((method, params))
        if self.errors.get(method):
            return JSONResponse({"ok": False, "error": self.errors[method].pop(0)})
        if method == "users.lookupByEmail":
            if self.rate_limited > 0:
                self.rate_limited -= 1
                return JSONResponse(
                    {"ok": False, "error": "ratelimited"},
                    status_code=429,
                    headers={"Retry-After": "0"},
                )
            member = self.members.get(str(params.get("email", "")).lower())
            if member is None:
                return JSONResponse({"ok": False, "error": "users_not_found"})
            return JSONResponse({"ok": True, "user": {"id": member, "deleted": False}})
        result: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            result.update(
                user_id="UBOT",
                bot_id="BBOT",
                team_id="T0TEAM",
                user="spbot",
                team="Science Park",
                url="https://sciencepark.slack.com/",
            )
        elif method == "chat.postMessage":
            channel = str(params.get("channel"))
            if channel.startswith("U"):
                channel = "D" + channel[1:]
            result.update(
                channel=channel,
                ts=f"{int(time.time())}.{next(self._ts):06d}",
                message={"text": params.get("text")},
            )
        elif method == "openid.connect.token":
            nonce = self.codes.pop(str(params.get("code")), None)
            basic = "Basic " + base64.b64encode(b"123.456:oidc-secret").decode()
            if nonce is None or request.headers.get("authorization") != basic:
                return JSONResponse({"ok": False, "error": "invalid_code"})
            claims = base64.urlsafe_b64encode(json.dumps({"nonce": nonce}).encode()).decode()
            result.update(access_token="xoxp-user", id_token=f"e30.{claims.rstrip('=')}.sig")
        elif method == "openid.connect.userInfo":
            if request.headers.get("authorization") != "Bearer xoxp-user":
                return JSONResponse({"ok": False, "error": "invalid_auth"})
            result.update(self.identity)
        elif method == "chat.update":
            result.update(channel=params.get("channel"), ts=params.get("ts"))
        return JSONResponse(result)

    async def _respond(self, request: Request) -> JSONResponse:
        self.responses.append(await self._body(request))
        return JSONResponse({"ok": True})

    def of(self, method: str) -> list[dict[str, Any]]:
        return [p for m, p in self.calls if m == method]

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.of(method)) >= count:
                return self.of(method)
            await asyncio.sleep(0.02)
        raise AssertionError(f"expected {count} {method} calls, got {self.of(method)}")

    async def wait_for_response(
        self, count: int = 1, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.responses) >= count:
                return self.responses
            await asyncio.sleep(0.02)
        raise AssertionError(f"expected {count} responses, got {self.responses}")
