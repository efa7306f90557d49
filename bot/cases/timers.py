"""Firing the durable timers (offer reminders and expiries, case watches), routing cases a
crash left ``new``, and the one loop that does both every few seconds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import SYSTEM
from bot.cases.context import CaseContext, Outbox
from bot.cases.followups import FollowUps
from bot.cases.meetings import Meetings
from bot.cases.node_events import NodeEvents
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.cases.offering import Offering
from bot.cases.states import OfferStatus
from bot.cases.watch import fire_watch
from bot.domain import EventKind, TimerKind
from bot.storage import case_rows, timers
from bot.storage.models import Timer

log = logging.getLogger(__name__)


class Timers:
    def __init__(
        self,
        ctx: CaseContext,
        offering: Offering,
        events: NodeEvents | None = None,
        meetings: Meetings | None = None,
        followups: FollowUps | None = None,
    ) -> None:
        self.ctx = ctx
        self.offering = offering
        self.events = events
        self.meetings = meetings
        self.followups = followups

    async def fire_due(self, limit: int = 100) -> int:
        """Fire every timer that is due, each once, each in its own transaction."""
        fired = 0
        while fired < limit:
            now = self.ctx.clock()
            outbox = Outbox()
            async with self.ctx.db.transaction() as session:
                timer = await timers.lock_due_timer(session, now)
                if timer is None:
                    break
                if await timers.claim_timer(session, timer.id, now):
                    await self._fire(session, timer, outbox, now)
                    fired += 1
            await self.ctx.deliver(outbox)
        return fired

    async def route_waiting(self, older_than_seconds: float = 60) -> int:
        """Route cases left in ``new`` (a crash between opening and offering)."""
        cutoff = self.ctx.clock() - timedelta(seconds=older_than_seconds)
        async with self.ctx.db.sessions() as session:
            refs = await case_rows.waiting_case_refs(session, cutoff)
        for ref in refs:
            await self.offering.route(ref)
        return len(refs)

    async def _fire(
        self, session: AsyncSession, timer: Timer, outbox: Outbox, now: datetime
    ) -> None:
        if timer.kind == TimerKind.CASE_WATCH:
            await fire_watch(self.ctx, session, timer, outbox, now)
            return
        if timer.kind == TimerKind.EVENT_REMINDER:
            if self.events is not None:
                await self.events.fire_reminder(session, timer, outbox, now)
            return
        if timer.kind in (TimerKind.FOLLOWUP, TimerKind.SURVIVAL):
            if self.followups is not None:
                await self.followups.fire(session, timer, outbox, now)
            return
        if timer.kind == TimerKind.FOLLOWUP_REMINDER:
            if self.followups is not None:
                await self.followups.remind(session, timer, outbox, now)
            return
        if timer.kind == TimerKind.MEETING_REMINDER:
            if self.meetings is not None:
                await self.meetings.fire_reminder(session, timer, outbox, now)
            return
        offer = await case_rows.get_offer(session, timer.offer_id) if timer.offer_id else None
        if offer is None or offer.status != OfferStatus.PENDING.value:
            return  # answered, withdrawn or already expired: nothing to do
        case = await case_rows.lock_case_by_id(session, offer.case_id)
        assert case is not None
        if timer.kind == TimerKind.OFFER_REMINDER:
            self.ctx.event(
                session,
                case,
                SYSTEM,
                EventKind.REMINDED,
                "the offer expires soon",
                {"offer_id": offer.id},
                now,
            )
            outbox.add(
                Notification(
                    NotificationKind.OFFER_REMINDER,
                    Audience.ADVISOR,
                    case.ref,
                    offer.advisor_id,
                    "sv",
                    {
                        "offer_id": offer.id,
                        "expires_at": offer.expires_at.isoformat() if offer.expires_at else None,
                    },
                )
            )
            return
        offer.status = OfferStatus.EXPIRED.value
        offer.responded_at = now
        await timers.disarm_offer_timers(session, offer.id, now)
        advisor = await case_rows.get_advisor(session, offer.advisor_id)
        self.ctx.event(
            session,
            case,
            SYSTEM,
            EventKind.EXPIRED,
            f"{advisor.key if advisor else offer.advisor_id} did not answer in time",
            {"offer_id": offer.id},
            now,
        )
        outbox.add(
            Notification(
                NotificationKind.OFFER_CLOSED,
                Audience.ADVISOR,
                case.ref,
                offer.advisor_id,
                "sv",
                {"offer_id": offer.id, "status": OfferStatus.EXPIRED.value},
            )
        )
        await self.offering.offer_next(session, case, outbox, "the previous offer expired")


async def run_timer_loop(
    timers_: Timers,
    interval: float,
    stop: asyncio.Event,
    chores: Sequence[Callable[[], Awaitable[object]]] = (),
    heartbeat: Callable[[], None] | None = None,
) -> None:
    """Fire due timers, route waiting cases and give ``chores`` (retention: each claims its
    own once-a-day turn) their chance, until ``stop`` is set. Errors are logged and the loop
    goes on: the timers are rows in the database, so nothing is lost. ``heartbeat`` is
    called after each round that went through (/healthz and /metrics read it). Used by
    ``spbot serve`` and ``spbot worker`` alike."""
    while not stop.is_set():
        try:
            fired = await timers_.fire_due()
            routed = await timers_.route_waiting()
            if fired or routed:
                log.info("timer round: %s timers fired, %s cases routed", fired, routed)
            for chore in chores:
                await chore()
            if heartbeat is not None:
                heartbeat()
        except Exception:
            log.exception("timer round failed; retrying in %s s", interval)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
