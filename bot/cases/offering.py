"""Offering a case: to the best advisor first, then the next; accepts and declines are a
compare-and-set on the offer, so of two racing answers exactly one wins."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import SYSTEM, Actor, CaseState, NotAllowed
from bot.cases.context import CaseContext, Outbox, first_language, state_of
from bot.cases.matching import case_profile
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.cases.states import AlreadyTaken, DeclineReason, OfferStatus
from bot.domain import ActorKind, CaseStatus, EventKind, NotFoundError, SpbotError, TimerKind
from bot.matching.ranking import AdvisorPool
from bot.storage import case_rows, timers
from bot.storage.advisors import advisor_profiles, unreachable_advisor_ids
from bot.storage.models import Case, Offer


class UnknownDeclineReason(SpbotError):
    code = "unknown_decline_reason"


class Offering:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    async def route(self, ref: str) -> None:
        """Offer a new case to the best advisor (or escalate when nobody fits)."""
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            if CaseStatus(case.status) is CaseStatus.NEW:
                await self.offer_next(session, case, outbox, "new case")
        await self.ctx.deliver(outbox)

    async def accept(self, offer_id: int, advisor_id: int, actor: Actor | None = None) -> CaseState:
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            _, case = await self._answer(
                session, offer_id, advisor_id, now, status=OfferStatus.ACCEPTED.value
            )
            advisor = await case_rows.get_advisor(session, advisor_id)
            assert advisor is not None
            await self.ctx.transition(
                session,
                case,
                CaseStatus.ACCEPTED,
                actor or Actor(ActorKind.ADVISOR, advisor.key),
                EventKind.ACCEPTED,
                "the advisor accepted the offer",
                {"advisor": advisor.key},
                now,
            )
            await self.ctx.give_case(session, case, advisor, outbox, NotificationKind.LEAD_ACCEPTED)
            state = state_of(case)
        await self.ctx.deliver(outbox)
        return state

    async def decline(
        self, offer_id: int, advisor_id: int, reason: DeclineReason | str, note: str | None = None
    ) -> CaseState:
        try:
            reason = DeclineReason(reason)
        except ValueError:
            raise UnknownDeclineReason(
                f"unknown decline reason '{reason}'", reason=str(reason)
            ) from None
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            _, case = await self._answer(
                session,
                offer_id,
                advisor_id,
                now,
                status=OfferStatus.DECLINED.value,
                decline_reason=reason.value,
                note=note or None,
            )
            advisor = await case_rows.get_advisor(session, advisor_id)
            self.ctx.event(
                session,
                case,
                Actor(ActorKind.ADVISOR, advisor.key if advisor else None),
                EventKind.DECLINED,
                reason.value,
                {"note": note} if note else {},
                now,
            )
            await self.offer_next(session, case, outbox, f"declined: {reason.value}")
            state = state_of(case)
        await self.ctx.deliver(outbox)
        return state

    async def _answer(
        self,
        session: AsyncSession,
        offer_id: int,
        advisor_id: int,
        now: datetime,
        **values: Any,
    ) -> tuple[Offer, Case]:
        """Close a pending offer with the advisor's answer: a compare-and-set on its status,
        so of two racing answers exactly one wins (the other gets ``AlreadyTaken``)."""
        offer = await case_rows.get_offer(session, offer_id)
        if offer is None:
            raise NotFoundError(f"no offer {offer_id}", offer=offer_id)
        if offer.advisor_id != advisor_id:
            raise NotAllowed("this offer was made to another advisor", offer=offer_id)
        if not await case_rows.answer_pending_offer(session, offer_id, responded_at=now, **values):
            await session.refresh(offer)
            raise AlreadyTaken(
                f"this offer is no longer open (it was {offer.status})", status=offer.status
            )
        case = await case_rows.lock_case_by_id(session, offer.case_id)
        assert case is not None
        await timers.disarm_offer_timers(session, offer.id, now)
        return offer, case

    async def offer_next(self, session: AsyncSession, case: Case, outbox: Outbox, why: str) -> None:
        ctx = self.ctx
        now = ctx.clock()
        offers = await case_rows.offers_of(session, case.id)
        # An advisor never gets the same case twice.
        asked = {o.advisor_id for o in offers}
        # Offers count towards escalation since the last time a coordinator asked to match
        # again: each such request starts a fresh round of ``max_offers``.
        round_start = await case_rows.last_event_at(session, case.id, EventKind.MATCH_AGAIN)
        counted = [o for o in offers if round_start is None or o.offered_at >= round_start]
        if len(counted) >= ctx.settings.max_offers:
            await ctx.escalate(
                session, case, outbox, f"{len(counted)} offers without an accept", SYSTEM
            )
            return
        pool = AdvisorPool(await advisor_profiles(session, ctx.today()), ctx.geography, ctx.weights)
        profile = case_profile(case.answers, case.municipality_code, case.language)
        if case.founder_id is not None:
            known = await case_rows.earlier_advisors(session, case.founder_id, case.id)
            profile = replace(profile, known_by=tuple(known))
        if ctx.settings.offer_only_reachable:
            # An offer nobody can see would only wait out its expiry.
            asked |= await unreachable_advisor_ids(session)
        ranked = ctx.router.choose(pool, profile, asked)
        if not ranked:
            await ctx.escalate(session, case, outbox, "no advisor with room fits", SYSTEM)
            return
        best = ranked[0]
        expires = ctx.calendar.add_working_hours(now, ctx.settings.offer_hours)
        offer = await case_rows.add_offer(
            session,
            Offer(
                case_id=case.id,
                advisor_id=best.advisor.id,
                status=OfferStatus.PENDING.value,
                offered_at=now,
                expires_at=expires,
                explanation={
                    "score": best.score,
                    "lines": list(best.explanation),
                    "home": best.home,
                    "why": best.why,
                },
            ),
        )
        timers.arm_timer(session, TimerKind.OFFER_EXPIRY, case.id, expires, offer.id)
        if 0 < ctx.settings.reminder_hours < ctx.settings.offer_hours:
            remind = ctx.calendar.add_working_hours(
                now, ctx.settings.offer_hours - ctx.settings.reminder_hours
            )
            timers.arm_timer(session, TimerKind.OFFER_REMINDER, case.id, remind, offer.id)
        await ctx.transition(
            session,
            case,
            CaseStatus.OFFERED,
            SYSTEM,
            EventKind.OFFERED,
            why,
            {
                "advisor": best.advisor.key,
                "offer_id": offer.id,
                "score": best.score,
                "expires_at": expires.isoformat(),
                "explanation": list(best.explanation),
            },
            now,
        )
        outbox.add(
            Notification(
                NotificationKind.OFFER,
                Audience.ADVISOR,
                case.ref,
                best.advisor.id,
                first_language(best.advisor.languages),
                {
                    "offer_id": offer.id,
                    "expires_at": expires.isoformat(),
                    "explanation": list(best.explanation),
                    "why": best.why,
                },
                lead=await ctx.lead(session, case, False),
            )
        )
