"""Composition root: builds the services and the channels from settings and plugs every port.

The order matters and is the whole point of this module: the channels' clients (the Telegram
bot, the Slack Web API client) are made first, so the notifiers that use them exist before
the case workflow that needs them; then the engine; then the channel applications. Nothing is
changed after it is built.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from slack_bolt.async_app import AsyncApp
from telegram.ext import Application
from telegram.request import BaseRequest

from bot.assembly import (
    build_idea_meaning,
    build_place_resolver,
    build_workflow,
    open_db,
    workflow_settings,
)
from bot.cases.actions import Actor
from bot.cases.delivery import ChannelNotifier
from bot.cases.intake import CaseIntake
from bot.cases.notifications import LogNotifier, Notifier
from bot.cases.opening import CaseOpening
from bot.cases.reachability import UnreachableNotice
from bot.cases.timers import run_timer_loop
from bot.cases.workflow import CaseWorkflow
from bot.content import Flow, load_flow
from bot.domain import ActorKind
from bot.engine.intake import IntakeEngine
from bot.handlers.inbox import DeliveryMarks
from bot.handlers.slack import SlackDeps, build_slack_app
from bot.handlers.slack.app import web_client
from bot.handlers.slack.inbox import SlackInbox
from bot.handlers.slack.notifier import SlackFounderNotifier, SlackStaffNotifier
from bot.handlers.telegram import (
    CHANNEL as TELEGRAM,
)
from bot.handlers.telegram import (
    TelegramChannel,
    build_telegram_application,
    build_telegram_bot,
)
from bot.handlers.telegram.inbox import TelegramInbox
from bot.handlers.telegram.notifier import TelegramFounderNotifier
from bot.handlers.web import CHANNEL as WEB
from bot.handlers.web import RateLimit, WebChat
from bot.handlers.web.invitations import InvitationMailer
from bot.handlers.web.news import Mailer, SmtpSettings, WebFounderNotifier
from bot.matching.expertise import ExpertiseClassifier
from bot.matching.semantic import IdeaMeaning
from bot.matching.sni import SniReader, read_sectors, suggest_code
from bot.reports.monthly import MonthlySummary
from bot.settings import Settings, public_base
from bot.storage import advisors, case_queries, offers
from bot.storage.absences import list_absences
from bot.storage.channels import add_news, chat_history, founder_email, founder_identities
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database
from bot.storage.inbox import SqlInbox
from bot.storage.keys import server_key
from bot.storage.models import utcnow

SLACK = "slack"
FOUNDER = Actor(ActorKind.FOUNDER)
ASKED_IN_CHAT = "the founder asked in the chat"


@dataclass(frozen=True)
class Services:
    """The product, built: the database, the engine, the workflow and the channels that
    are configured (None for the others)."""

    settings: Settings
    db: Database
    flow: Flow
    engine: IntakeEngine
    workflow: CaseWorkflow
    delivered: DeliveryMarks  # the channels mark sent replies through it (in batches)
    telegram: Application | None = None  # type: ignore[type-arg]
    telegram_channel: TelegramChannel | None = None
    telegram_inbox: TelegramInbox | None = None
    slack: AsyncApp | None = None
    slack_inbox: SlackInbox | None = None
    web: WebChat | None = None
    monthly: MonthlySummary | None = None  # the coordinators' monthly summary in Slack
    unreachable: UnreachableNotice | None = None  # who gets no offers, told once
    # The installation's key for form tokens (the web chat's and the console's).
    form_key: bytes = b""
    # The second reader of English ideas (None: turned off); the server loads it at start.
    meaning: IdeaMeaning | None = None

    def chores(self) -> list[Callable[[], Awaitable[object]]]:
        """What the timer loop also runs: retention, the monthly summary, the notice."""
        out: list[Callable[[], Awaitable[object]]] = [self.workflow.retention.apply_if_due]
        if self.monthly is not None:
            out.append(self.monthly.run_if_due)
        if self.unreachable is not None:
            out.append(self.unreachable.run_if_changed)
        return out

    async def close(self) -> None:
        await self.delivered.flush()
        await self.db.dispose()


def coordinators_post(settings: Settings) -> Callable[[str], Awaitable[None]] | None:
    """Posting to SLACK_COORDINATORS_CHANNEL (None without Slack or without the channel)."""
    if settings.slack_bot_token is None or not settings.slack_coordinators_channel:
        return None
    client = web_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    channel = settings.slack_coordinators_channel

    async def post(text: str) -> None:
        await client.chat_postMessage(channel=channel, text=text, mrkdwn=True)

    return post


def monthly_summary(
    settings: Settings, db: Database, clock: Callable[[], datetime] = utcnow
) -> MonthlySummary | None:
    """The monthly summary to SLACK_COORDINATORS_CHANNEL (None without Slack, without the
    channel, or with SPBOT_MONTHLY_SUMMARY=false)."""
    post = coordinators_post(settings)
    if not settings.monthly_summary or post is None:
        return None
    return MonthlySummary(
        db,
        clock,
        settings.region_goals(),
        settings.node_goals,
        post,
        link=f"{public_base(settings)}/console/results",
    )


def unreachable_notice(
    settings: Settings, db: Database, clock: Callable[[], datetime] = utcnow
) -> UnreachableNotice | None:
    """Tells SLACK_COORDINATORS_CHANNEL who gets no offers (with Slack and the rule on)."""
    post = coordinators_post(settings)
    if not workflow_settings(settings).offer_only_reachable or post is None:
        return None
    return UnreachableNotice(db, clock, post)


def build_mailer(settings: Settings) -> Mailer | None:
    if not settings.smtp_host:
        return None
    return Mailer(
        SmtpSettings(
            host=settings.smtp_host,
            port=settings.smtp_port,
            user=settings.smtp_user,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            security=settings.smtp_security,
            sender=settings.mail_from,
        )
    )


async def build_services(
    settings: Settings,
    db: Database | None = None,
    *,
    clock: Callable[[], datetime] = utcnow,
    telegram_request: BaseRequest | None = None,
) -> Services:
    """Everything ``spbot serve`` runs. Telegram and Slack are built when their tokens are
    set; ``telegram_request`` replaces Telegram's HTTP (offline tests)."""
    flow = load_flow(settings.flow_file)
    db = db or await open_db(settings)
    identities = partial(founder_identities, db)

    telegram_bot = None
    founders: dict[str, Notifier] = {}
    staff: Notifier = LogNotifier()
    if settings.telegram_bot_token is not None:
        telegram_bot = build_telegram_bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=settings.telegram_base_url,
            request=telegram_request,
            max_rate=settings.telegram_max_rate,
        )
        founders[TELEGRAM] = TelegramFounderNotifier(telegram_bot, flow, identities)
    slack_client = None
    if settings.slack_bot_token is not None:
        slack_client = web_client(
            settings.slack_bot_token.get_secret_value(), settings.slack_api_url
        )
        founders[SLACK] = SlackFounderNotifier(slack_client, flow, identities)
        staff = SlackStaffNotifier(
            slack_client,
            settings.slack_coordinators_channel,
            staff_by_id=partial(advisors.staff_by_id, db),
            offer_card=partial(offers.offer_card, db),
            record_card=partial(offers.record_card, db),
        )

    mailer = build_mailer(settings)
    founders[WEB] = WebFounderNotifier(
        flow,
        identities,
        add_news=partial(add_news, db),
        email_of=partial(founder_email, db),
        mailer=mailer,
        link=f"{public_base(settings)}/chat",
    )
    notifier = ChannelNotifier(
        identities,
        founders=founders,
        staff=staff,
        fallback=LogNotifier(),
        invitations=(
            InvitationMailer(mailer, public_base(settings)) if mailer is not None else None
        ),
    )
    workflow = build_workflow(settings, db, notifier, clock)
    store = SqlConversationStore(
        db,
        clock=clock,
        eraser=lambda founder_id, why: workflow.erase_founder(
            founder_id, FOUNDER, ASKED_IN_CHAT, kind=why
        ),
    )
    classifier = ExpertiseClassifier()
    sni = SniReader()
    meaning = build_idea_meaning(settings)

    def suggest_sni(idea: str, sector: str | None) -> tuple[str, str] | None:
        return suggest_code(sni, idea, sector, meaning.code if meaning is not None else None)

    engine = IntakeEngine(
        flow=flow,
        store=store,
        cases=CaseIntake(
            CaseOpening(db, prefix=settings.case_ref_prefix, clock=clock, classifier=classifier),
            workflow,
        ),
        places=build_place_resolver(),
        events=workflow.events,
        meetings=workflow.meetings,
        referrals=workflow.referrals,
        followups=workflow.followups,
        surveys=workflow.surveys,
        profiles=workflow.profiles if settings.ask_about_founder else None,
        read_idea=lambda idea: read_sectors(classifier, sni, idea, meaning),
        suggest_sni=suggest_sni,
    )
    inbox = SqlInbox(db, clock=clock)
    # Chats played at once: on PostgreSQL each holds a connection for its lock (the pool has
    # room for them and for the turns); on SQLite one process serves and writes one at a time,
    # so concurrency only overlaps the sends.
    concurrency = 4 if db.is_sqlite else 8

    delivered = DeliveryMarks(store.mark_delivered)
    telegram = channel = telegram_inbox = None
    if telegram_bot is not None:
        channel = TelegramChannel(engine, flow, delivered)
        telegram = build_telegram_application(telegram_bot, channel)
        telegram_inbox = TelegramInbox(
            telegram,
            inbox,
            delivered.outbox(store),
            concurrency=concurrency,
            resend_after=settings.outbox_resend_after,
        )
    slack = slack_inbox = None
    if slack_client is not None:
        secret = settings.slack_signing_secret
        deps = SlackDeps(
            cases=workflow,
            engine=engine,
            flow=flow,
            staff_by_slack=partial(advisors.staff_by_slack, db),
            offer_card=partial(offers.offer_card, db),
            advisor_desk=partial(offers.advisor_desk, db),
            case_detail=partial(case_queries.get_case, db),
            workload=partial(advisors.load_advisor_profiles, db),
            list_absences=partial(list_absences, db),
            delivered=delivered,
            coordinators_channel=settings.slack_coordinators_channel,
            console_url=f"{public_base(settings)}/console/",
        )
        slack_inbox = SlackInbox(
            slack_client,
            deps,
            inbox,
            delivered.outbox(store),
            app_key="events",
            concurrency=concurrency,
            resend_after=settings.outbox_resend_after,
        )
        signing = secret.get_secret_value() if secret else ""
        slack = build_slack_app(slack_client, signing, deps, slack_inbox)
    form_key = await server_key(db, "forms")
    web = WebChat(
        engine,
        history=partial(chat_history, db),
        delivered=delivered,
        secure_cookies=settings.secure_cookies,
        frame_ancestors=settings.web_frame_ancestors,
        per_session=RateLimit(settings.web_rate_per_minute, 60),
        per_address=RateLimit(settings.web_rate_per_minute * 10, 60),
        form_key=form_key,
        accessibility_contact=settings.accessibility_contact,
        report_problem=workflow.accessibility.report,
    )
    return Services(
        settings,
        db,
        flow,
        engine,
        workflow,
        delivered,
        telegram,
        channel,
        telegram_inbox,
        slack,
        slack_inbox,
        web,
        monthly_summary(settings, db, clock),
        unreachable_notice(settings, db, clock),
        form_key,
        meaning,
    )


async def run_worker(settings: Settings, interval: float, once: bool) -> tuple[int, int]:
    """The timers alone (``spbot worker``): one round with ``once``, else rounds every
    ``interval`` seconds until SIGINT or SIGTERM. Returns what the last round did."""
    async with contextlib.AsyncExitStack() as stack:
        db = await open_db(settings)
        stack.push_async_callback(db.dispose)
        workflow = build_workflow(settings, db)
        timers = workflow.timers
        chores: list[Callable[[], Awaitable[object]]] = [workflow.retention.apply_if_due]
        monthly = monthly_summary(settings, db)
        if monthly is not None:
            chores.append(monthly.run_if_due)
        notice = unreachable_notice(settings, db)
        if notice is not None:
            chores.append(notice.run_if_changed)
        if once:
            fired, routed = await timers.fire_due(), await timers.route_waiting()
            for chore in chores:
                await chore()
            return fired, routed
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        await run_timer_loop(timers, interval, stop, chores=chores)
    return 0, 0
