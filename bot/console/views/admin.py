"""The admin's pages: the audit trail, privacy requests (find, export, erase a founder) and
staff accounts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time

from starlette.responses import Response

from bot.console.permissions import Action
from bot.console.views.cases import actor_of
from bot.console.views.desk import failed, parse_day
from bot.console.web import Req, view
from bot.domain import AuditKind, NotFoundError, SpbotError
from bot.storage import console_queries, export, staff
from bot.storage.console_queries import TrailFilters
from bot.storage.staff import ROLES

PAGE = 100


@view(Action.AUDIT)
async def audit(r: Req) -> Response:
    q = r.request.query_params
    since, until = parse_day(q.get("from", "")[:10]), parse_day(q.get("to", "")[:10])
    page_no = q.get("page", "1")
    page = int(page_no) if page_no.isdigit() and len(page_no) < 6 and int(page_no) > 0 else 1
    filters = TrailFilters(
        case_ref=q.get("case", "")[:32] or None,
        actor=q.get("actor", "")[:64] or None,
        kind=q.get("kind", "")[:32] or None,
        since=datetime.combine(since, time(), UTC) if since else None,
        until=datetime.combine(until, time.max, UTC) if until else None,
    )
    entries, more = await console_queries.trail(
        r.console.db, filters, offset=(page - 1) * PAGE, limit=PAGE
    )
    return r.render(
        "audit.html",
        entries=entries,
        more=more,
        page=page,
        kinds=await console_queries.trail_kinds(r.console.db),
        names=await console_queries.advisor_names(r.console.db),
        f={k: q.get(k, "")[:64] for k in ("case", "actor", "kind", "from", "to")},
    )


def _moment(iso: str | None) -> datetime | None:
    """A time of the export (ISO 8601) back as a moment, shown in Stockholm time."""
    try:
        return datetime.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _founder_id(r: Req) -> int | None:
    raw = r.request.path_params.get("founder_id", "")
    return int(raw) if raw.isdigit() and len(raw) < 18 else None


async def _log(r: Req, kind: AuditKind, founder_id: int, reason: str | None = None) -> None:
    actor = actor_of(r)
    await staff.audit(
        r.console.db,
        actor,
        kind,
        f"founder:{founder_id}",
        reason,
        {},
        now=r.console.clock(),
    )


@view(Action.PRIVACY)
async def privacy(r: Req) -> Response:
    needle = r.request.query_params.get("q", "").strip()[:254]
    if not needle:
        return r.render("privacy.html", needle="", error=None)
    try:
        founder_id = await export.find_founder(r.console.db, needle)
    except NotFoundError:
        return r.render("privacy.html", status=404, needle=needle, error=r.t("privacy.none"))
    return r.back(r.url("founder", founder_id=founder_id))


@view(Action.PRIVACY)
async def founder(r: Req) -> Response:
    founder_id = _founder_id(r)
    if founder_id is None:
        return r.not_found()
    try:
        data = await export.export_founder(r.console.db, founder_id)
    except NotFoundError:
        return r.not_found()
    await _log(r, AuditKind.FOUNDER_VIEWED, founder_id)
    # Written for a person (the page an admin reads back to someone who asks what we keep):
    # each case as its advisor sees it, with contact details; the conversations as read.
    leads = {c["ref"]: await r.console.workflow.lead(c["ref"], True) for c in data["cases"]}
    names = [lead.contact.name for lead in leads.values() if lead.contact and lead.contact.name]
    names += [
        str(c["answers"].get("name")) for c in data["conversations"] if c["answers"].get("name")
    ]
    return r.render(
        "founder.html",
        founder_id=founder_id,
        data=data,
        name=names[-1] if names else None,
        leads=leads,
        transcripts=await export.founder_transcripts(r.console.db, founder_id),
        retention=r.console.retention,
        at=_moment,
    )


@view(Action.PRIVACY)
async def founder_export(r: Req) -> Response:
    """Everything stored about the founder, machine-readable (GDPR art. 15 and 20)."""
    founder_id = _founder_id(r)
    if founder_id is None:
        return r.not_found()
    try:
        data = await export.export_founder(r.console.db, founder_id)
    except NotFoundError:
        return r.not_found()
    await _log(r, AuditKind.FOUNDER_EXPORTED, founder_id)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return Response(
        body,
        media_type="application/json",
        headers={"content-disposition": f'attachment; filename="founder-{founder_id}.json"'},
    )


@view(Action.PRIVACY)
async def founder_erase(r: Req) -> Response:
    founder_id = _founder_id(r)
    if founder_id is None:
        return r.not_found()
    to = r.url("founder", founder_id=founder_id)
    asked = r.field("asked_by", 300)
    if r.field("confirm", 8) != "yes":
        return r.back(to + "?err=confirm_missing")
    if not asked:
        return r.back(to + "?err=asked_by_missing")
    try:
        await r.console.workflow.erase_founder(founder_id, actor_of(r), asked)
    except NotFoundError:
        return r.not_found()
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(r.url("privacy"), ok="erased")


@view(Action.STAFF)
async def staff_page(r: Req) -> Response:
    return r.render(
        "staff.html",
        accounts=await staff.list_accounts(r.console.db),
        roles=ROLES,
        nodes=r.console.gazetteer.nodes,
        link=None,
    )


@view(Action.STAFF)
async def staff_add(r: Req) -> Response:
    actor = actor_of(r)
    try:
        account, token = await r.console.accounts.add(
            r.field("email", 254),
            r.field("role", 16),
            advisor_key=r.field("advisor", 64) or None,
            language="en" if r.field("language", 8) == "en" else "sv",
            actor=actor,
            nodes=_nodes_of(r),
        )
    except SpbotError as exc:
        return failed(r, r.url("staff_page"), exc)
    return await _with_link(r, account.email, token)


@view(Action.STAFF)
async def staff_link(r: Req) -> Response:
    actor = actor_of(r)
    try:
        account, token = await r.console.accounts.new_link(r.field("email", 254), actor)
    except SpbotError as exc:
        return failed(r, r.url("staff_page"), exc)
    return await _with_link(r, account.email, token)


def _nodes_of(r: Req) -> list[str]:
    """The nodes chosen for a node manager (at most all thirteen, each a short slug)."""
    chosen = r.form.getlist("nodes") if r.form is not None else []
    return [str(n)[:64] for n in chosen[:20] if isinstance(n, str)]


async def _with_link(r: Req, email: str, token: str) -> Response:
    # From the configured address, never from the request's Host header (which the
    # client writes: a link to another site would carry the token there).
    link = f"{r.console.public_url}/console/password/{token}"
    return r.render(
        "staff.html",
        accounts=await staff.list_accounts(r.console.db),
        roles=ROLES,
        nodes=r.console.gazetteer.nodes,
        link={"email": email, "url": link},
    )


@view(Action.STAFF)
async def staff_remove(r: Req) -> Response:
    assert r.staff is not None
    email = r.field("email", 254)
    if email.lower() == r.staff.account.email:
        return r.back(r.url("staff_page") + "?err=not_yourself")
    actor = actor_of(r)
    try:
        await staff.remove_account(r.console.db, email, actor, r.console.clock())
    except SpbotError as exc:
        return failed(r, r.url("staff_page"), exc)
    return r.back(r.url("staff_page"), ok="staff_removed")


@view(Action.STAFF)
async def staff_role(r: Req) -> Response:
    assert r.staff is not None
    raw = r.field("account", 18)
    if not raw.isdigit():
        return r.not_found()
    if int(raw) == r.staff.account.id:
        return r.back(r.url("staff_page") + "?err=not_yourself")
    actor = actor_of(r)
    try:
        await staff.set_role(
            r.console.db,
            int(raw),
            r.field("role", 16),
            actor,
            r.console.clock(),
            nodes=_nodes_of(r),
        )
    except SpbotError as exc:
        return failed(r, r.url("staff_page"), exc)
    return r.back(r.url("staff_page"), ok="role_changed")
