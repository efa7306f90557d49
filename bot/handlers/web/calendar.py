"""The public calendar: the nodes' coming events as an accessible HTML list the Science Park
can link to (``/events``, ``/events/<node>``) and as iCalendar feeds people subscribe to
(``/events.ics``, ``/events/<node>.ics``). Nothing personal: titles, times and places."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot.cases.calendar import STOCKHOLM
from bot.cases.ics import to_ics
from bot.engine.events import when
from bot.handlers.web.texts import section
from bot.records import EventListing
from bot.webkit import security_headers

HERE = Path(__file__).parent
# The public calendar runs no script and may be shown on the nodes' own sites.
HEADERS = {k.decode(): v.decode() for k, v in security_headers(frame_ancestors="*", scripts=False)}


class Calendar(Protocol):
    async def feed(self, node: str | None = None, past_days: int = 30) -> list[EventListing]: ...

    async def nodes(self) -> dict[str, str]: ...


def calendar_routes(board: Calendar) -> list[Route]:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape())

    def language(request: Request) -> str:
        return "en" if request.query_params.get("lang") == "en" else "sv"

    async def node_of(request: Request) -> tuple[str | None, dict[str, str]]:
        """The node in the path (None: the whole region) and every node's name; an unknown
        node is a 404."""
        nodes = await board.nodes()
        slug = request.path_params.get("node")
        if slug is not None and slug not in nodes:
            raise HTTPException(404, "No such node.")
        return slug, nodes

    async def page(request: Request) -> Response:
        slug, nodes = await node_of(request)
        lang = language(request)
        t = section("calendar.", lang)
        events = [e for e in await board.feed(slug, past_days=0) if not e.cancelled]
        html = env.get_template("events.html").render(
            lang=lang,
            t=t,
            node=slug,
            node_name=nodes.get(slug or "", ""),
            nodes=nodes,
            events=[_item(e, lang) for e in events],
        )
        return HTMLResponse(html, headers=HEADERS)

    async def feed(request: Request) -> Response:
        slug, nodes = await node_of(request)
        name = f"{nodes[slug]}" if slug else "Science Park Region Jönköping"
        data = to_ics(await board.feed(slug), name)
        return Response(
            data,
            media_type="text/calendar; charset=utf-8",
            headers={"content-disposition": f'inline; filename="{slug or "science-park"}.ics"'},
        )

    return [
        Route("/events.ics", feed, methods=["GET"]),
        Route("/events", page, methods=["GET"]),
        Route("/events/{node:str}.ics", feed, methods=["GET"]),
        Route("/events/{node:str}", page, methods=["GET"]),
    ]


def _item(e: EventListing, lang: str) -> dict[str, Any]:
    local = e.starts_at.astimezone(STOCKHOLM)
    return {
        "title": e.title_in(lang),
        "description": e.description_in(lang),
        "when": when(e, lang),
        "ends": e.ends_at.astimezone(STOCKHOLM).strftime("%H:%M"),
        "iso": local.isoformat(),
        "place": e.place,
        "node": e.node_name,
        "full": e.full,
        "capacity": e.capacity,
    }
