"""The coordinator's region: the queue, the workload (chart and table), rebalancing (a
proposal checked again when approved) and everyone's absences."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from starlette.responses import Response

from bot.cases.actions import ProposalUsed, StaleProposal
from bot.console.permissions import Action
from bot.console.views.cases import actor_of, advisors_in_scope
from bot.console.views.desk import as_advisor, failed, parse_day
from bot.console.web import Req, view
from bot.domain import SpbotError
from bot.storage import console_queries
from bot.storage.absences import list_absences
from bot.storage.console_queries import queue as waiting_queue

UNROUTED_AFTER = timedelta(minutes=5)  # a new case nobody was offered by then waits here


@view(Action.QUEUE)
async def queue(r: Req) -> Response:
    console = r.console
    assert r.staff is not None
    items = await waiting_queue(console.db, console.clock() - UNROUTED_AFTER, r.staff.account.scope)
    return r.render(
        "queue.html",
        items=items,
        advisors=await advisors_in_scope(r),
        names=await console_queries.advisor_names(console.db),
        now=console.clock(),
    )


@view(Action.WORKLOAD)
async def workload(r: Req) -> Response:
    profiles = [p for p in await advisors_in_scope(r) if p.active]
    by_node: dict[str, dict[str, int]] = defaultdict(
        lambda: {"load": 0, "capacity": 0, "pending": 0, "away": 0, "advisors": 0}
    )
    for p in profiles:
        node = by_node[p.node_name]
        node["load"] += p.load
        node["capacity"] += p.capacity
        node["pending"] += p.pending_offers
        node["away"] += int(p.absent)
        node["advisors"] += 1
    widest = max([p.capacity for p in profiles] + [p.committed for p in profiles] + [1])
    return r.render(
        "workload.html",
        profiles=sorted(profiles, key=lambda p: (p.node_name, p.name)),
        nodes=sorted(by_node.items()),
        widest=widest,
    )


@view(Action.REBALANCE)
async def rebalance(r: Req) -> Response:
    assert r.staff is not None
    plan = await r.console.workflow.propose_rebalance(r.staff.account.scope)
    return r.render("rebalance.html", plan=plan, stale=False, results=None, **await _who(r))


async def _who(r: Req) -> dict[str, Any]:
    return {"names": await console_queries.advisor_names(r.console.db)}


@view(Action.REBALANCE)
async def approve(r: Req) -> Response:
    raw = r.request.path_params.get("proposal_id", "")
    if not raw.isdigit() or len(raw) > 18:
        return r.not_found()
    try:
        results = await r.console.workflow.apply_proposal(int(raw), actor_of(r))
    except StaleProposal as exc:
        return r.render(
            "rebalance.html", status=409, plan=exc.fresh, stale=True, results=None, **await _who(r)
        )
    except ProposalUsed:
        return r.back(r.url("rebalance") + "?err=proposal_used")
    except SpbotError as exc:
        return failed(r, r.url("rebalance"), exc)
    return r.render("rebalance.html", plan=None, stale=False, results=results, **await _who(r))


@view(Action.DESK)
async def my_absence(r: Req) -> Response:
    """An advisor records their own absence (from the desk)."""
    assert r.staff is not None and r.staff.account.advisor_key is not None
    return await _add_absence(r, r.staff.account.advisor_key, r.url("desk"))


@view(Action.ABSENCES)
async def absences(r: Req) -> Response:
    console = r.console
    advisors = await advisors_in_scope(r)
    keys = {p.key for p in advisors}
    return r.render(
        "absences.html",
        absences=[
            a
            for a in await list_absences(console.db, ending_from=console.workflow.today())
            if a.advisor_key in keys
        ],
        advisors=advisors,
        today=console.workflow.today(),
    )


@view(Action.ABSENCES)
async def add_absence(r: Req) -> Response:
    key = r.field("advisor", 64)
    if not key:
        return r.back(r.url("absences") + "?err=advisor_missing")
    return await _add_absence(r, key, r.url("absences"))


async def _add_absence(r: Req, advisor_key: str, to: str) -> Response:
    starts, ends = parse_day(r.field("starts", 10)), parse_day(r.field("ends", 10))
    if starts is None or ends is None:
        return r.back(to + "?err=dates_missing")
    if ends < starts:
        return r.back(to + "?err=absence_invalid")
    if ends < r.console.workflow.today():
        return r.back(to + "?err=absence_past")
    delegate = r.field("delegate", 64) or None
    assert r.staff is not None
    mine = r.staff.account.advisor_key == advisor_key and not r.staff.may(Action.ABSENCES)
    try:
        await r.console.workflow.set_absence(
            advisor_key,
            starts,
            ends,
            as_advisor(r) if mine else actor_of(r),
            r.field("note", 200) or None,
            delegate,
        )
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="absence_set")


@view()
async def cancel_absence(r: Req) -> Response:
    """Anyone's with the right to manage absences; otherwise only one's own."""
    assert r.staff is not None
    raw = r.request.path_params.get("absence_id", "")
    if not raw.isdigit() or len(raw) > 18:
        return r.not_found()
    console = r.console
    found = [a for a in await list_absences(console.db) if a.id == int(raw)]
    if not found:
        return r.not_found()
    own = found[0].advisor_key == r.staff.account.advisor_key
    if not own and not r.staff.may(Action.ABSENCES):
        return await r.refuse(f"absence {raw}")
    to = r.url("absences") if r.staff.may(Action.ABSENCES) and not own else r.url("desk")
    if r.field("back", 40) in (r.url("absences"), r.url("desk")):
        to = r.field("back", 40)
    try:
        await console.workflow.cancel_absence(int(raw), as_advisor(r) if own else actor_of(r))
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="absence_cancelled")
