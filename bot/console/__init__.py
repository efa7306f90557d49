"""The staff console: a server-rendered web app mounted at ``/console`` in ``spbot serve``
(advisors' desk, coordinators' region, admins' transcripts, audit and privacy)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles

from bot.cases.leads import lead_facts
from bot.cases.workflow import CaseWorkflow
from bot.console import slack_sign_in
from bot.console.accounts import StaffAccounts
from bot.console.slack_sign_in import SlackSignIn
from bot.console.views import (
    admin,
    cases,
    desk,
    events,
    meetings,
    region,
    results,
    roster,
    signin,
)
from bot.console.web import HERE, PREFIX, Console, Goals, Req, template_env
from bot.content.staff_catalog.reasons import audit_subject, case_reason
from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import Language
from bot.storage.db import Database
from bot.webkit import SecurityHeaders

__all__ = ["Goals", "SlackSignIn", "build_console"]


def _routes() -> list[Route | Mount]:
    post = ["POST"]
    return [
        Route("/", signin.home),
        Route("/sign-in", signin.sign_in_page, methods=["GET"]),
        Route("/sign-in", signin.sign_in, methods=post),
        Route("/sign-in/slack", slack_sign_in.start, methods=["GET"]),
        Route("/sign-in/slack/callback", slack_sign_in.callback, methods=["GET"]),
        Route("/sign-out", signin.sign_out, methods=post),
        Route("/language", signin.set_language, methods=post),
        Route("/password/{token}", signin.password_page, methods=["GET"], name="password_page"),
        Route("/password/{token}", signin.password_set, methods=post),
        Route("/desk", desk.desk),
        Route("/desk/absences", region.my_absence, methods=post),
        Route("/offers/{offer_id}/accept", desk.accept, methods=post),
        Route("/offers/{offer_id}/decline", desk.decline, methods=post),
        Route("/cases", cases.case_list),
        Route("/cases/{ref}", cases.case_page),
        Route("/cases/{ref}/transcript", cases.read_transcript, methods=post),
        Route("/cases/{ref}/in-contact", cases.in_contact, methods=post),
        Route("/cases/{ref}/coaching", cases.coaching, methods=post),
        Route("/cases/{ref}/close", cases.close, methods=post),
        Route("/cases/{ref}/sector", cases.correct_sector, methods=post),
        Route("/cases/{ref}/assign", cases.assign, methods=post),
        Route("/cases/{ref}/match-again", cases.match_again, methods=post),
        Route("/cases/{ref}/meetings/{meeting_id}/held", meetings.meeting_held, methods=post),
        Route("/cases/{ref}/meetings/{meeting_id}/no-show", meetings.meeting_no_show, methods=post),
        Route("/cases/{ref}/meetings/{meeting_id}/cancel", meetings.meeting_cancel, methods=post),
        Route("/cases/{ref}/sessions", meetings.session_log, methods=post),
        Route("/cases/{ref}/sessions/notes", meetings.session_notes, methods=post),
        Route("/hours", meetings.hours_page, methods=["GET"]),
        Route("/hours", meetings.hours_add, methods=post),
        Route("/hours/{hours_id}/remove", meetings.hours_remove, methods=post),
        Route("/hours/feed", meetings.feed_make, methods=post),
        Route("/hours/feed/revoke", meetings.feed_revoke, methods=post),
        Route("/calendar/{token}.ics", meetings.calendar_feed, methods=["GET"]),
        Route("/cases/{ref}/referrals", meetings.referral_add, methods=post),
        Route(
            "/cases/{ref}/referrals/{referral_id}/outcome",
            meetings.referral_outcome,
            methods=post,
        ),
        Route("/cases/{ref}/company", meetings.company_save, methods=post),
        Route("/companies", meetings.companies_page, methods=["GET"]),
        Route("/companies/import", meetings.registry_import, methods=post),
        Route("/partners", meetings.partners_page, methods=["GET"]),
        Route("/partners/{key}", meetings.partner_save, methods=post),
        Route("/referrals/{token}", meetings.referral_receipt, methods=["GET", "POST"]),
        Route("/events", events.events_page, methods=["GET"]),
        Route("/events", events.event_add, methods=post),
        Route("/events/import", events.events_import, methods=post),
        Route("/events/{event_id}", events.event_page, methods=["GET"]),
        Route("/events/{event_id}", events.event_save, methods=post),
        Route("/events/{event_id}/cancel", events.event_cancel, methods=post),
        Route("/events/{event_id}/attendance", events.attendance, methods=post),
        Route("/results", results.results),
        Route("/results.csv", results.results_csv),
        Route("/results.html", results.results_page),
        Route("/results/funder.xlsx", results.funder_workbook),
        Route("/queue", region.queue),
        Route("/workload", region.workload),
        Route("/rebalance", region.rebalance),
        Route("/rebalance/{proposal_id}/approve", region.approve, methods=post),
        Route("/absences", region.absences, methods=["GET"]),
        Route("/absences", region.add_absence, methods=post),
        Route("/absences/{absence_id}/cancel", region.cancel_absence, methods=post),
        Route("/roster", roster.roster),
        Route("/roster.csv", roster.roster_csv),
        Route("/roster/import", roster.roster_import, methods=post),
        Route("/roster/new", roster.advisor_new),
        Route("/roster/advisors", roster.advisor_save, methods=post),
        Route("/roster/advisors/{key}", roster.advisor_edit),
        Route("/audit", admin.audit),
        Route("/privacy", admin.privacy),
        Route("/privacy/founders/{founder_id}", admin.founder),
        Route("/privacy/founders/{founder_id}/export.json", admin.founder_export),
        Route("/privacy/founders/{founder_id}/erase", admin.founder_erase, methods=post),
        Route("/staff", admin.staff_page, methods=["GET"]),
        Route("/staff", admin.staff_add, methods=post),
        Route("/staff/link", admin.staff_link, methods=post),
        Route("/staff/remove", admin.staff_remove, methods=post),
        Route("/staff/role", admin.staff_role, methods=post),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


def build_console(
    db: Database,
    workflow: CaseWorkflow,
    *,
    clock: Callable[[], datetime],
    secure_cookies: bool = False,
    idle_minutes: float = 30,
    slack: SlackSignIn | None = None,
    goals: Goals | None = None,
    max_hours: float = 12,
    public_url: str = "http://127.0.0.1:8080",
    form_key: bytes | None = None,
    min_cell: int = 5,
    retention: dict[str, int] | None = None,
) -> Starlette:
    """The console. ``public_url``: where people reach it (links); ``form_key``: the
    installation's key for form tokens (random when not given: one process only)."""
    taxonomy = load_taxonomy()
    env = template_env()

    def when(moment: datetime | None) -> str:
        from bot.cases.calendar import STOCKHOLM

        return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M") if moment else "–"

    routes = _routes()
    paths = Router(routes=routes)

    def url(name: str, **params: object) -> str:
        """A console path by its route's name (the route is the one place it is spelled)."""
        return PREFIX + str(paths.url_path_for(name, **{k: str(v) for k, v in params.items()}))

    env.globals["url"] = url
    env.globals["when"] = when
    env.globals["case_reason"] = case_reason
    env.globals["audit_subject"] = audit_subject
    node_names = {n.slug: n.name for n in load_gazetteer().nodes}
    env.globals["node_name"] = lambda slug: node_names.get(slug, slug) if slug else "–"
    env.globals["lead_rows"] = lead_facts
    # The languages an advisor may speak on the roster: every one founders may use.
    env.globals["founder_languages"] = [language.value for language in Language]
    console = Console(
        db=db,
        workflow=workflow,
        accounts=StaffAccounts(
            db,
            clock=clock,
            idle_timeout=timedelta(minutes=idle_minutes),
            max_lifetime=timedelta(hours=max_hours),
        ),
        env=env,
        clock=clock,
        gazetteer=load_gazetteer(),
        taxonomy=taxonomy,
        secure_cookies=secure_cookies,
        slack_sign_in=slack,
        goals=goals or Goals(),
        public_url=public_url.rstrip("/"),
        form_key=form_key or secrets.token_bytes(32),
        min_cell=min_cell,
        retention=retention or {"abandoned": 90, "transcript": 365, "closed": 730},
        url=url,
    )

    async def http_error(request: Request, exc: Exception) -> Response:
        r = Req(request, console, None)
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 404:
            return r.not_found()
        if status == 405:
            return r.render(
                "error.html", status=405, title=r.t("error.bad.title"), message=r.t("error.method")
            )
        return r.render(
            "error.html", status=status, title=r.t("error.bad.title"), message=r.t("error.bad.body")
        )

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error},
    )
    app.state.console = console
    app.add_middleware(SecurityHeaders)  # frame-ancestors 'none': the console is never framed
    return app
