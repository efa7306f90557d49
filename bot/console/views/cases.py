"""Cases: the list with filters and paging, one case's page and what may be done to it, and
its transcript (only with a stated purpose; every view is an event on the case)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from bot.cases.actions import SESSION_CHANNELS, SESSION_KINDS, Actor
from bot.cases.reading import Purpose
from bot.cases.referrals import OUTCOMES as REFERRAL_OUTCOMES
from bot.cases.states import Outcome
from bot.console.permissions import Action
from bot.console.views.desk import failed
from bot.console.web import CASE_REF, NotFound, Refused, Req, view
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import ACTIVE_CASE_STATUSES, SIZE_CLASSES, ActorKind, CaseStatus, SpbotError
from bot.matching.ranking import AdvisorProfile
from bot.storage import console_queries
from bot.storage.advisors import load_advisor_profiles
from bot.storage.case_queries import get_case
from bot.storage.console_queries import CaseAccess, CaseFilters

PAGE = 50


def actor_of(r: Req, access: CaseAccess | None = None) -> Actor:
    """Who acts: the advisor themself on a case they hold, else the staff role."""
    assert r.staff is not None
    account = r.staff.account
    if account.role == "advisor" or (
        access is not None and account.advisor_key and access.holder_key == account.advisor_key
    ):
        return Actor(ActorKind.ADVISOR, account.advisor_key)
    kind = {
        "admin": ActorKind.ADMIN,
        "node_manager": ActorKind.NODE_MANAGER,
    }.get(account.role, ActorKind.COORDINATOR)
    return Actor(kind, account.actor_id, account.scope)


async def advisors_in_scope(r: Req) -> list[AdvisorProfile]:
    """The advisors this person may hand cases to or manage: a node manager's nodes' only."""
    assert r.staff is not None
    scope = r.staff.account.scope
    profiles = await load_advisor_profiles(r.console.db, r.console.workflow.today())
    return [p for p in profiles if scope is None or p.node_slug in scope]


async def _case(r: Req, action: Action) -> CaseAccess:
    """The case named in the path, if this person may do ``action`` on it (else raises for a
    404 or a 403)."""
    ref = str(r.request.path_params.get("ref", "")).strip().upper()
    access = await console_queries.case_access(r.console.db, ref) if CASE_REF.match(ref) else None
    if access is None:
        raise NotFound
    assert r.staff is not None
    if not r.staff.may(action, access):
        raise Refused(f"{action.value} {access.ref}")
    return access


@view(Action.CASES)
async def case_list(r: Req) -> Response:
    q = r.request.query_params
    days = q.get("older_than", "")
    page_no = q.get("page", "1")
    filters = CaseFilters(
        node=q.get("node") or None,
        municipality=q.get("municipality") or None,
        status=q.get("status") or None,
        sector=q.get("sector") or None,
        advisor=q.get("advisor") or None,
        older_than_days=int(days) if days.isdigit() and len(days) < 5 else None,
    )
    page = int(page_no) if page_no.isdigit() and len(page_no) < 6 and int(page_no) > 0 else 1
    console = r.console
    assert r.staff is not None
    scope = r.staff.account.scope
    found = await console_queries.find_cases(
        console.db,
        filters,
        console.clock(),
        offset=(page - 1) * PAGE,
        limit=PAGE,
        scope=scope,
    )
    return r.render(
        "cases.html",
        found=found,
        filters=filters,
        page=page,
        pages=max(1, (found.total + PAGE - 1) // PAGE),
        statuses=[s.value for s in CaseStatus],
        sectors=console.taxonomy.sectors,
        nodes=[n for n in console.gazetteer.nodes if scope is None or n.slug in scope],
        municipalities=[m for m in console.gazetteer.municipalities.values() if m.in_region],
        advisors=await advisors_in_scope(r),
        older_than=days if filters.older_than_days else "",
        base_query=urlencode([(k, v[:64]) for k, v in q.multi_items() if k != "page"]),
    )


# The company form's fields and their labels, in the form's order.
COMPANY_FIELDS = {
    "orgnr": "company.orgnr",
    "name": "company.name",
    "registered_on": "company.registered_on",
    "sni": "company.sni",
    "size_class": "company.size_class",
}


@view()
async def case_page(r: Req) -> Response:
    access = await _case(r, Action.VIEW_CASE)
    return await case_view(r, access)


async def case_view(r: Req, access: CaseAccess, status: int = 200, **extra: Any) -> Response:
    """The case page; ``extra``: a form's problems and values to show again (status 400)."""
    assert r.staff is not None
    console = r.console
    account = r.staff.account
    holds = bool(account.advisor_key) and access.holder_key == account.advisor_key
    detail = await get_case(console.db, access.ref, with_transcript=False)
    lead = await console.workflow.lead(access.ref, with_contact=holds)
    my_offer = None
    if account.advisor_key and account.advisor_key in access.offered_to:
        my_offer = await console_queries.pending_offer_of(
            console.db, access.ref, account.advisor_key
        )
    active = CaseStatus(access.status) in ACTIVE_CASE_STATUSES
    may_hold = active and r.staff.may(Action.HOLD_CASE, access)
    names = await console_queries.advisor_names(console.db)
    return r.render(
        "case.html",
        status=status,
        case=detail.summary,
        offered_names=sorted(names.get(k, k) for k in access.offered_to),
        names=names,
        lead=lead,
        events=detail.events,
        access=access,
        holds=holds,
        my_offer=my_offer,
        may_hold=may_hold,
        **await meetings_section(r, access, may_hold),
        may_assign=r.staff.may(Action.ASSIGN, access) and access.status != CaseStatus.CLOSED.value,
        may_read=r.staff.may(Action.READ_TRANSCRIPT, access),
        may_correct=r.staff.may(Action.CORRECT_SECTOR, access),
        sectors=list(load_taxonomy().sectors),
        purposes=[p.value for p in Purpose],
        outcomes=[o.value for o in Outcome],
        reasons=["outside_expertise", "no_capacity", "conflict_of_interest", "other"],
        advisors=await advisors_in_scope(r) if r.staff.may(Action.ASSIGN, access) else [],
        company_errors=extra.pop("company_errors", {}),
        company_values=extra.pop("company_values", None),
        company_labels=COMPANY_FIELDS,
        **extra,
    )


@view()
async def read_transcript(r: Req) -> Response:
    access = await _case(r, Action.READ_TRANSCRIPT)
    purpose_text = r.field("purpose", 32)
    note = r.field("note", 500) or None
    to = r.url("case_page", ref=access.ref)
    if purpose_text not in {p.value for p in Purpose}:
        return r.back(to + "?err=purpose_missing")
    purpose = Purpose(purpose_text)
    if purpose is Purpose.OTHER and not note:
        return r.back(to + "?err=purpose_note_missing")
    try:
        lines = await r.console.workflow.read_transcript(
            access.ref, actor_of(r, access), purpose, note
        )
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.render("transcript.html", ref=access.ref, lines=lines, purpose=purpose.value)


@view()
async def in_contact(r: Req) -> Response:
    access = await _case(r, Action.HOLD_CASE)
    try:
        await r.console.workflow.mark_in_contact(access.ref, actor_of(r, access))
    except SpbotError as exc:
        return failed(r, _return_to(r, access), exc)
    return r.back(_return_to(r, access), ok="in_contact", ref=access.ref)


@view()
async def coaching(r: Req) -> Response:
    access = await _case(r, Action.HOLD_CASE)
    try:
        await r.console.workflow.start_coaching(access.ref, actor_of(r, access))
    except SpbotError as exc:
        return failed(r, _return_to(r, access), exc)
    return r.back(_return_to(r, access), ok="coaching", ref=access.ref)


@view()
async def close(r: Req) -> Response:
    access = await _case(r, Action.HOLD_CASE)
    outcome = r.field("outcome", 32)
    if outcome not in {o.value for o in Outcome}:
        return r.back(_return_to(r, access) + "?err=outcome_missing")
    try:
        await r.console.workflow.close(
            access.ref, outcome, actor_of(r, access), r.field("note", 500) or None
        )
    except SpbotError as exc:
        return failed(r, _return_to(r, access), exc)
    return r.back(_return_to(r, access), ok="closed", ref=access.ref)


@view()
async def correct_sector(r: Req) -> Response:
    access = await _case(r, Action.CORRECT_SECTOR)
    to = _return_to(r, access)
    sector = r.field("sector", 64)
    if not sector:
        return r.back(to + ("&" if "?" in to else "?") + "err=sector_missing")
    try:
        await r.console.workflow.correct_sector(access.ref, sector, actor_of(r, access))
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="sector_corrected", ref=access.ref)


@view(Action.ASSIGN)
async def assign(r: Req) -> Response:
    access = await _case(r, Action.VIEW_CASE)
    key = r.field("advisor", 64)
    to = _return_to(r, access)
    if not key:
        return r.back(to + ("&" if "?" in to else "?") + "err=advisor_missing")
    try:
        await r.console.workflow.reassign(access.ref, key, actor_of(r))
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="assigned", ref=access.ref)


@view(Action.ASSIGN)
async def match_again(r: Req) -> Response:
    access = await _case(r, Action.VIEW_CASE)
    to = _return_to(r, access)
    try:
        await r.console.workflow.match_again(access.ref, actor_of(r))
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="matched_again", ref=access.ref)


async def meetings_section(r: Req, access: CaseAccess, may_hold: bool) -> dict[str, Any]:
    """What the case page shows of meetings and sessions."""
    assert r.staff is not None
    ref = access.ref
    actor = actor_of(r, access)
    meetings = r.console.workflow.meetings
    try:
        found = await meetings.of_case(ref, actor)
        entries = await meetings.sessions(ref, actor, with_notes=False)
    except SpbotError:
        found, entries = [], []
    account = r.staff.account
    holds = bool(account.advisor_key) and access.holder_key == account.advisor_key
    try:
        referrals = await r.console.workflow.referrals.of_case(ref, actor)
    except SpbotError:
        referrals = []
    try:
        company = await r.console.workflow.companies.of_case(ref, actor)
    except SpbotError:
        company = None
    return {
        "company": company,
        "size_classes": SIZE_CLASSES,
        "referrals": referrals,
        "partners": await r.console.workflow.referrals.partners(active_only=True),
        "referral_outcomes": REFERRAL_OUTCOMES,
        "meetings": found,
        "sessions": entries,
        "session_minutes": sum(e.minutes for e in entries),
        "may_read_notes": holds or account.role in ("admin", "node_manager"),
        "session_kinds": SESSION_KINDS,
        "session_channels": SESSION_CHANNELS,
        "now": r.console.clock(),
        "today": r.console.workflow.today().isoformat(),
        "may_log": may_hold,
    }


def _return_to(r: Req, access: CaseAccess) -> str:
    """Back to where the form was (the desk, the queue), else to the case."""
    wanted = r.field("back", 40)
    if wanted in (r.url("desk"), r.url("queue")):
        return wanted
    return r.url("case_page", ref=access.ref)
