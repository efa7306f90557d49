"""The advisor's desk: offers to accept or decline (the same facts as the Slack card, through
the same workflow), the cases they hold, and their absences."""

from __future__ import annotations

from datetime import date

from starlette.responses import Response

from bot.cases.actions import Actor
from bot.cases.states import DeclineReason, Outcome
from bot.console.permissions import Action
from bot.console.web import Req, view
from bot.content.staff_catalog.reasons import match_reasons
from bot.domain import ActorKind, SpbotError
from bot.storage.absences import list_absences
from bot.storage.console_queries import offer_reasons, offer_times
from bot.storage.offers import advisor_desk


class ReasonMissing(SpbotError):
    code = "reason_missing"


def as_advisor(r: Req) -> Actor:
    assert r.staff is not None
    return Actor(ActorKind.ADVISOR, r.staff.account.advisor_key)


def failed(r: Req, to: str, exc: SpbotError) -> Response:
    """Back to the page with the error's sentence (chosen by its code, never its text)."""
    return r.back(to + ("&" if "?" in to else "?") + f"err={exc.code}")


@view(Action.DESK)
async def desk(r: Req) -> Response:
    assert r.staff is not None and r.staff.account.advisor_id is not None
    console = r.console
    mine = await advisor_desk(console.db, r.staff.account.advisor_id)
    expires = await offer_times(console.db, [o["offer_id"] for o in mine.offers])
    why = await offer_reasons(console.db, [o["offer_id"] for o in mine.offers])
    offers = [
        {
            "id": o["offer_id"],
            "lead": await console.workflow.lead(o["ref"], with_contact=False),
            "expires_at": expires.get(o["offer_id"]),
            "why": match_reasons(why.get(o["offer_id"], {}).get("why"), r.lang, r.label)
            or why.get(o["offer_id"], {}).get("lines", []),
        }
        for o in mine.offers
    ]
    cases = [
        {"status": c["status"], "lead": await console.workflow.lead(c["ref"], with_contact=True)}
        for c in mine.cases
    ]
    absences = await list_absences(
        console.db, r.staff.account.advisor_key, ending_from=console.workflow.today()
    )
    return r.render(
        "desk.html",
        offers=offers,
        cases=cases,
        absences=absences,
        reasons=[reason.value for reason in DeclineReason],
        outcomes=[o.value for o in Outcome],
        today=console.workflow.today(),
    )


def _offer_id(r: Req) -> int | None:
    raw = r.request.path_params.get("offer_id", "")
    return int(raw) if raw.isdigit() and len(raw) < 18 else None


@view(Action.DESK)
async def accept(r: Req) -> Response:
    assert r.staff is not None and r.staff.account.advisor_id is not None
    offer_id = _offer_id(r)
    if offer_id is None:
        return r.not_found()
    try:
        state = await r.console.workflow.accept(offer_id, r.staff.account.advisor_id, as_advisor(r))
    except SpbotError as exc:
        return failed(r, r.url("desk"), exc)
    return r.back(r.url("desk"), ok="accepted", ref=state.ref)


@view(Action.DESK)
async def decline(r: Req) -> Response:
    assert r.staff is not None and r.staff.account.advisor_id is not None
    offer_id = _offer_id(r)
    if offer_id is None:
        return r.not_found()
    reason = r.field("reason", 32)
    if reason not in {d.value for d in DeclineReason}:
        return failed(r, r.url("desk"), ReasonMissing("no decline reason"))
    note = r.field("note", 500) or None
    try:
        state = await r.console.workflow.decline(offer_id, r.staff.account.advisor_id, reason, note)
    except SpbotError as exc:
        return failed(r, r.url("desk"), exc)
    return r.back(r.url("desk"), ok="declined", ref=state.ref)


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
