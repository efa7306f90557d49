"""The floor for the Slack events benchmark: a bare Bolt ``AsyncApp`` that answers a DM with
``chat.postMessage``, mounted in Starlette as bolt-python's own example does.

    python -m bench.bolt_echo PORT SLACK_API_URL SIGNING_SECRET
"""

from __future__ import annotations

import sys
from typing import Any

import uvicorn
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def build(api_url: str, secret: str) -> Starlette:
    client = AsyncWebClient(token="xoxb-bench", base_url=api_url.rstrip("/") + "/")
    app = AsyncApp(signing_secret=secret, client=client)

    @app.event("message")
    async def echo(event: dict[str, Any], client: AsyncWebClient) -> None:
        await client.chat_postMessage(channel=event["channel"], text=event.get("text") or "")

    handler = AsyncSlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    async def healthz(_: Request) -> Response:
        return Response("ok")

    return Starlette(
        routes=[
            Route("/slack/events", events, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )


if __name__ == "__main__":
    port, api_url, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    uvicorn.run(
        build(api_url, secret), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )
