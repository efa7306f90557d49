"""Meetings in the console: an advisor's weekly meeting hours, their free times, coming
meetings and private calendar feed; on a case, its meetings (held, no-show, cancel) and its
session log (the notes shown only on a logged read)."""

from __future__ import annotations

from datetime import date

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from bot.cases.actions import SessionDraft
from bot.cases.companies import CompanyInvalid, ExtractInvalid
from bot.cases.ics import meetings_feed
from bot.cases.slots import SLOT_MINUTES
from bot.console.permissions import Action
from bot.console.views.cases import COMPANY_FIELDS, _case, actor_of, advisors_in_scope, case_view
from bot.console.views.desk import failed
from bot.console.web import Console, NotFound, Refused, Req, view
from bot.content.staff_texts import staff_text
from bot.domain import SpbotError
from bot.records import MeetingView

MAX_EXTRACT = 20_000_000


def _id(r: Req, name: str) -> int | None:
    """A numeric id from the path (None for anything else: the view answers 404)."""
    raw = str(r.request.path_params.get(name, ""))
    return int(raw) if raw.isdigit() and len(raw) <= 12 else None


def _minute(text: str) -> int | None:
    """ "09:30" → 570; None for anything else."""
    hour, _, minute = text.partition(":")
    if not (hour.isdigit() and minute.isdigit() and len(hour) <= 2 and len(minute) == 2):
        return None
    h, m = int(hour), int(minute)
    return h * 60 + m if h < 24 and m < 60 else None


async def _whose(r: Req) -> tuple[str, str]:
    """Whose hours the page is about, (key, name): the advisor's own, or for staff who
    manage absences (coordinators; node managers within their nodes) ``?advisor=key``."""
    assert r.staff is not None
    account = r.staff.account
    wanted = (r.request.query_params.get("advisor") or r.field("advisor", 64)).strip()
    if not wanted or wanted == account.advisor_key:
        if account.advisor_key is None:
            raise NotFound
        wanted = account.advisor_key
    elif not r.staff.may(Action.ABSENCES):
        raise Refused(f"hours {wanted[:64]}")
    profiles = {p.key: p for p in await advisors_in_scope(r)}
    if wanted not in profiles and wanted != account.advisor_key:
        raise NotFound
    name = profiles[wanted].name if wanted in profiles else wanted
    return wanted, name


async def _hours_page(r: Req, key: str, name: str, feed_url: str | None = None) -> Response:
    meetings = r.console.workflow.meetings
    hours = await meetings.hours(key)
    return r.render(
        "hours.html",
        key=key,
        name=name,
        own=r.staff is not None and key == r.staff.account.advisor_key,
        hours=hours,
        free=await meetings.free(key),
        coming=await meetings.of_advisor(key),
        has_feed=await meetings.has_feed(key),
        feed_url=feed_url,
        slot_lengths=SLOT_MINUTES,
        nodes=r.console.gazetteer.nodes,
    )


@view()
async def hours_page(r: Req) -> Response:
    whose = await _whose(r)
    return await _hours_page(r, *whose)


def _back(key: str, r: Req) -> str:
    assert r.staff is not None
    hours = r.url("hours_page")
    return hours if key == r.staff.account.advisor_key else f"{hours}?advisor={key}"


@view()
async def hours_add(r: Req) -> Response:
    whose = await _whose(r)
    key, _ = whose
    to = _back(key, r)
    weekday, slot = r.field("weekday", 2), r.field("slot", 4)
    start, end = _minute(r.field("start", 5)), _minute(r.field("end", 5))
    if not (weekday.isdigit() and slot.isdigit()) or start is None or end is None:
        return r.back(to + ("&" if "?" in to else "?") + "err=hours_invalid")
    try:
        await r.console.workflow.meetings.add_hours(
            key,
            weekday=int(weekday),
            start_minute=start,
            end_minute=end,
            slot_minutes=int(slot),
            place_kind=r.field("place_kind", 16),
            place=r.field("place", 400),
            node_slug=r.field("node", 64) or None,
            actor=actor_of(r),
        )
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="hours_added")


@view()
async def hours_remove(r: Req) -> Response:
    whose = await _whose(r)
    key, _ = whose
    to = _back(key, r)
    hours_id = _id(r, "hours_id")
    own = {h.id for h in await r.console.workflow.meetings.hours(key)}
    if hours_id is None or hours_id not in own:
        return r.not_found()
    try:
        await r.console.workflow.meetings.remove_hours(hours_id, actor_of(r))
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="hours_removed")


@view(Action.DESK)
async def feed_make(r: Req) -> Response:
    """A new private feed link for the signed-in advisor, shown once on the page."""
    assert r.staff is not None and r.staff.account.advisor_key is not None
    key = r.staff.account.advisor_key
    token = await r.console.workflow.meetings.make_feed(key, actor_of(r))
    url = f"{r.console.public_url}/console/calendar/{token}.ics"
    _, name = await _whose(r)
    return await _hours_page(r, key, name, feed_url=url)


@view(Action.DESK)
async def feed_revoke(r: Req) -> Response:
    assert r.staff is not None and r.staff.account.advisor_key is not None
    await r.console.workflow.meetings.revoke_feed(r.staff.account.advisor_key, actor_of(r))
    return r.back(r.url("hours_page"), ok="feed_revoked")


async def calendar_feed(request: Request) -> Response:
    """An advisor's private calendar feed: no sign-in, the secret in the URL is the key
    (as Google's and Outlook's secret addresses). 404 for an unknown or revoked one."""
    console: Console = request.app.state.console
    token = str(request.path_params.get("token", ""))
    found = await console.workflow.meetings.feed(token) if token.isascii() else None
    if found is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    name, meetings = found
    body = meetings_feed(
        meetings,
        staff_text("hours.feed_name", "sv", name=name),
        staff_text("hours.feed_summary", "sv", ref="{ref}"),
        console.clock(),
    )
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"cache-control": "private, max-age=300", "referrer-policy": "no-referrer"},
    )


# --- a case's meetings and session log -------------------------------------------------


async def _meeting_of_case(r: Req, ref: str) -> MeetingView | None:
    meeting_id = _id(r, "meeting_id")
    found = await r.console.workflow.meetings.of_case(ref, actor_of(r))
    return next((m for m in found if m.id == meeting_id), None)


async def _mark(r: Req, what: str) -> Response:
    access = await _case(r, Action.HOLD_CASE)
    to = r.url("case_page", ref=access.ref)
    try:
        meeting = await _meeting_of_case(r, access.ref)
        if meeting is None:
            return r.not_found()
        meetings = r.console.workflow.meetings
        if what == "cancel":
            await meetings.cancel_by_staff(
                meeting.id, actor_of(r, access), r.field("note", 500) or None
            )
        else:
            await meetings.mark(meeting.id, what == "held", actor_of(r, access))
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(
        to, ok={"held": "meeting_held", "no_show": "meeting_no_show"}.get(what, "meeting_cancelled")
    )


@view()
async def meeting_held(r: Req) -> Response:
    return await _mark(r, "held")


@view()
async def meeting_no_show(r: Req) -> Response:
    return await _mark(r, "no_show")


@view()
async def meeting_cancel(r: Req) -> Response:
    return await _mark(r, "cancel")


@view()
async def session_log(r: Req) -> Response:
    access = await _case(r, Action.HOLD_CASE)
    to = r.url("case_page", ref=access.ref)
    try:
        held_on = date.fromisoformat(r.field("held_on", 10))
    except ValueError:
        return r.back(to + "?err=session_invalid")
    minutes = r.field("minutes", 4)
    meeting = r.field("meeting", 12)
    draft = SessionDraft(
        held_on=held_on,
        minutes=int(minutes) if minutes.isdigit() else 0,
        kind=r.field("kind", 16),
        channel=r.field("channel", 16),
        notes=_text(r, "notes", 4001),
        next_step=_text(r, "next_step", 1001),
        meeting_id=int(meeting) if meeting.isdigit() else None,
    )
    try:
        await r.console.workflow.meetings.log_session(access.ref, draft, actor_of(r, access))
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="session_logged")


def _text(r: Req, name: str, limit: int) -> str:
    """A free-text field with its line breaks (``field`` keeps one line)."""
    raw = r.form.get(name) if r.form is not None else None
    return raw[:limit] if isinstance(raw, str) else ""


@view()
async def session_notes(r: Req) -> Response:
    """The session log with its notes: the holder, the node's managers and admins; the
    read is logged on the case."""
    access = await _case(r, Action.VIEW_CASE)
    assert r.staff is not None
    account = r.staff.account
    holds = bool(account.advisor_key) and access.holder_key == account.advisor_key
    if not (holds or account.role in ("admin", "node_manager")):
        return await r.refuse(f"session notes {access.ref}")
    entries = await r.console.workflow.meetings.sessions(
        access.ref, actor_of(r, access), with_notes=True
    )
    return r.render("session_notes.html", ref=access.ref, entries=entries)


# --- referrals to partners ----------------------------------------------------------------


@view()
async def referral_add(r: Req) -> Response:
    access = await _case(r, Action.HOLD_CASE)
    to = r.url("case_page", ref=access.ref)
    shares = set(r.form.getlist("share")) if r.form is not None else set()
    try:
        await r.console.workflow.referrals.refer(
            access.ref,
            r.field("partner", 64),
            {str(s)[:16] for s in shares},
            actor_of(r, access),
        )
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="referral_asked")


@view()
async def referral_outcome(r: Req) -> Response:
    access = await _case(r, Action.HOLD_CASE)
    to = r.url("case_page", ref=access.ref)
    referral_id = _id(r, "referral_id")
    actor = actor_of(r, access)
    mine = {x.id for x in await r.console.workflow.referrals.of_case(access.ref, actor)}
    if referral_id is None or referral_id not in mine:
        return r.not_found()
    try:
        await r.console.workflow.referrals.set_outcome(referral_id, r.field("outcome", 32), actor)
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="referral_outcome")


@view(Action.PARTNERS)
async def partners_page(r: Req) -> Response:
    return r.render("partners.html", partners=await r.console.workflow.referrals.partners())


@view(Action.PARTNERS)
async def partner_save(r: Req) -> Response:
    key = str(r.request.path_params.get("key", ""))[:64]
    try:
        await r.console.workflow.referrals.set_partner(
            key, actor_of(r), email=r.field("email", 254) or None, active=r.field("active") == "1"
        )
    except SpbotError as exc:
        return failed(r, r.url("partners_page"), exc)
    return r.back(r.url("partners_page"), ok="partner_saved")


async def referral_receipt(request: Request) -> Response:
    """The partner's link (no sign-in: its secret is the key). GET shows what it is about
    and a button; only the POST marks the referral received (a link preview in a mail
    client must not confirm anything)."""
    console: Console = request.app.state.console
    token = str(request.path_params.get("token", ""))
    found = await console.workflow.referrals.partner_of_token(token)
    lang = "sv"

    def t(key: str, **values: object) -> str:
        return staff_text(key, lang, **values)

    if found is None:
        html = console.env.get_template("error.html").render(
            t=t, lang=lang, staff=None, csrf="", path="", query={}, notice=None,
            slack_sign_in=False, label=lambda x: x,
            title=t("error.not_found.title"), message=t("referral.unknown_link"),
        )  # fmt: skip
        return HTMLResponse(html, status_code=404)
    confirmed = found[2] == "received"
    if request.method == "POST" and not confirmed:
        await console.workflow.referrals.confirm(token)
        confirmed = True
    partner, ref, _ = found
    html = console.env.get_template("referral_receipt.html").render(
        t=t, lang=lang, staff=None, csrf="", path="", query={}, notice=None,
        slack_sign_in=False, label=lambda x: x,
        partner=partner, ref=ref, confirmed=confirmed,
    )  # fmt: skip
    return HTMLResponse(html, headers={"referrer-policy": "no-referrer"})


# --- companies and verified starts ------------------------------------------------------


@view()
async def company_save(r: Req) -> Response:
    """The case's company: its number, and what the advisor knows (a registration seen)."""
    access = await _case(r, Action.HOLD_CASE)
    to = r.url("case_page", ref=access.ref)
    values = {
        "orgnr": r.field("orgnr", 20),
        "name": r.field("name", 200),
        "registered_on": r.field("registered_on", 10),
        "sni": r.field("sni", 8),
        "size_class": r.field("size_class", 8),
        "confirmed": r.field("confirmed", 4),
    }
    try:
        try:
            registered_on = (
                date.fromisoformat(values["registered_on"]) if values["registered_on"] else None
            )
        except ValueError:
            raise CompanyInvalid(
                "not a date", field="registered_on", problem="not_a_date"
            ) from None
        saved = await r.console.workflow.companies.record(
            access.ref,
            actor_of(r, access),
            orgnr=values["orgnr"],
            name=values["name"],
            registered_on=registered_on,
            sni=values["sni"] or None,
            size_class=values["size_class"] or None,
            confirmed=values["confirmed"] == "yes",
        )
    except CompanyInvalid as exc:
        # The case page again, the problem beside its field and what was typed kept.
        field = exc.field if exc.field in COMPANY_FIELDS else ""
        errors = {field: [r.problem_text(exc.problem)]}
        return await case_view(r, access, 400, company_errors=errors, company_values=values)
    except SpbotError as exc:
        return failed(r, to, exc)
    return r.back(to, ok="company_shared" if saved.also_in else "company_saved")


@view(Action.ROSTER)
async def companies_page(r: Req) -> Response:
    return r.render("companies.html", result=None, problems=[])


@view(Action.ROSTER)
async def registry_import(r: Req) -> Response:
    """A registry extract (Bolagsverket's or SCB's CSV): confirms the registrations of the
    companies our cases name; all or nothing, every row's problem listed."""
    assert r.form is not None
    upload = r.form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return r.back(r.url("companies_page") + "?err=file_missing")
    raw = await upload.read(MAX_EXTRACT + 1)
    if len(raw) > MAX_EXTRACT:
        return r.back(r.url("companies_page") + "?err=file_too_large")
    try:
        result = await r.console.workflow.companies.import_extract(
            raw, actor_of(r), upload.filename[:100]
        )
    except ExtractInvalid as exc:
        problems = [
            r.t("companies.row_problem", row=p.row, problem=r.problem_text(p.problem))
            for p in exc.rows
        ] or [r.problem_text(exc.problem)]
        return r.render("companies.html", status=400, result=None, problems=problems)
    return r.render("companies.html", result=result, problems=[])
