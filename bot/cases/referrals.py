"""Warm referrals to partner organisations (Almi, Nyföretagarcentrum, …), with the founder's
consent asked in their own channel.

1. The advisor who holds the case (or staff in scope) refers the founder to a partner and
   chooses what to share: name, contact, idea. Nothing is sent yet: the founder is asked,
   in their language, with "yes" and "no" buttons.
2. Yes: the partner gets one email with only what the founder agreed to share, and a link
   to confirm receipt (no account needed; the link's secret is kept only as a hash). No:
   nothing is sent. Either way the advisor is told.
3. The partner confirms with the link; the advisor records the outcome.
Every step is on the case's audit trail; referrals count in the results.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.answers import CaseAnswers
from bot.cases.actions import Actor
from bot.cases.context import CaseContext, Outbox, first_language
from bot.cases.holding import ensure_holder
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.content.schema import RuleName, ValidationRule
from bot.domain import (
    ACTIVE_CASE_STATUSES,
    ActorKind,
    AuditKind,
    CaseStatus,
    EventKind,
    NotFoundError,
    SpbotError,
)
from bot.engine.validation import validate
from bot.storage import case_rows
from bot.storage.erasure import add_audit
from bot.storage.models import Advisor, Case, Partner, Referral

SHARES = ("name", "contact", "idea")
OUTCOMES = ("helped", "no_contact", "not_relevant")


class ReferralInvalid(SpbotError):
    """A referral that cannot be made or changed; ``field`` names the form field."""

    code = "referral_invalid"


@dataclass(frozen=True)
class ReferralView:
    id: int
    case_ref: str
    partner_key: str
    partner: str
    status: str  # asked, declined, sent, received
    shares: tuple[str, ...]
    asked_at: datetime
    answered_at: datetime | None
    received_at: datetime | None
    outcome: str | None


@dataclass(frozen=True)
class PartnerView:
    key: str
    name: str
    what_sv: str
    what_en: str
    website: str
    email: str | None
    active: bool


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _view(referral: Referral, partner: Partner, ref: str) -> ReferralView:
    return ReferralView(
        referral.id,
        ref,
        partner.key,
        partner.name,
        referral.status,
        tuple(referral.shares or ()),
        referral.asked_at,
        referral.answered_at,
        referral.received_at,
        referral.outcome,
    )


def _partner(p: Partner) -> PartnerView:
    return PartnerView(p.key, p.name, p.what_sv, p.what_en, p.website, p.email, p.active)


class Referrals:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    # --- the directory ----------------------------------------------------------------------

    async def partners(self, active_only: bool = False) -> list[PartnerView]:
        async with self.ctx.db.sessions() as session:
            query = select(Partner).order_by(Partner.name)
            if active_only:
                query = query.where(Partner.active.is_(True))
            return [_partner(p) for p in (await session.scalars(query)).all()]

    async def set_partner(
        self, key: str, actor: Actor, *, email: str | None, active: bool
    ) -> PartnerView:
        """An admin sets where a partner's referrals go (None: none can be sent), or turns
        the partner off."""
        if email:
            verdict = validate(ValidationRule(rule=RuleName.EMAIL, max_length=254), email)
            if not verdict.ok:
                raise ReferralInvalid("not an email address", field="email")
            email = str(verdict.value)
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            partner = await session.scalar(select(Partner).where(Partner.key == key))
            if partner is None:
                raise NotFoundError(f"no partner '{key}'", partner=key)
            partner.email, partner.active, partner.updated_at = email or None, active, now
            add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.PARTNER_CHANGED,
                f"partner:{key}",
                None,
                {"active": active, "has_email": bool(email)},
                now,
            )
            return _partner(partner)

    # --- the advisor refers ------------------------------------------------------------------

    async def refer(
        self, ref: str, partner_key: str, shares: set[str], actor: Actor
    ) -> ReferralView:
        """Ask the founder whether their details may go to the partner."""
        chosen = [s for s in SHARES if s in shares]
        if "contact" not in chosen:
            raise ReferralInvalid("a referral shares at least the contact", field="shares")
        if set(shares) - set(SHARES):
            raise ReferralInvalid("unknown detail to share", field="shares")
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            await ensure_holder(session, case, actor)
            if case.founder_id is None or CaseStatus(case.status) not in ACTIVE_CASE_STATUSES:
                raise ReferralInvalid("only an open case with an advisor", field="case")
            partner = await session.scalar(
                select(Partner).where(Partner.key == partner_key, Partner.active.is_(True))
            )
            if partner is None:
                raise ReferralInvalid("choose a partner", field="partner")
            if not partner.email:
                raise ReferralInvalid("the partner has no address yet", field="partner")
            open_one = await session.scalar(
                select(Referral.id).where(
                    Referral.case_id == case.id,
                    Referral.partner_id == partner.id,
                    Referral.status == "asked",
                )
            )
            if open_one is not None:
                raise ReferralInvalid("the founder has not answered yet", field="partner")
            referral = Referral(
                case_id=case.id,
                partner_id=partner.id,
                status="asked",
                shares=chosen,
                asked_by=actor.id,
                asked_at=now,
            )
            session.add(referral)
            await session.flush()
            self.ctx.event(
                session,
                case,
                actor,
                EventKind.REFERRAL_ASKED,
                None,
                {"referral": referral.id, "partner": partner.key, "shares": chosen},
                now,
            )
            advisor = (
                await case_rows.get_advisor(session, case.advisor_id) if case.advisor_id else None
            )
            outbox.add(
                Notification(
                    NotificationKind.REFERRAL_CONSENT,
                    Audience.FOUNDER,
                    case.ref,
                    case.founder_id,
                    case.language,
                    {
                        "referral": referral.id,
                        "partner": partner.name,
                        "what_sv": partner.what_sv,
                        "what_en": partner.what_en,
                        "shares": chosen,
                        "advisor": advisor.name if advisor else "",
                        "choices": [
                            {"id": f"refer:yes:{referral.id}", "label_key": "referral.yes"},
                            {"id": f"refer:no:{referral.id}", "label_key": "referral.no"},
                        ],
                    },
                )
            )
            view = _view(referral, partner, case.ref)
        await self.ctx.deliver(outbox)
        return view

    # --- the founder answers ----------------------------------------------------------------

    async def answer(self, founder_id: int, referral_id: int, yes: bool) -> tuple[str, str]:
        """The founder's yes or no: (what came of it, the partner's name). "sent",
        "declined", "already" (answered before) or "unknown" (not theirs, or gone)."""
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            referral = await session.get(Referral, referral_id, with_for_update=True)
            case = await session.get(Case, referral.case_id) if referral else None
            if referral is None or case is None or case.founder_id != founder_id:
                return "unknown", ""
            partner = await session.get(Partner, referral.partner_id)
            assert partner is not None
            if referral.status != "asked":
                return "already", partner.name
            referral.answered_at = now
            advisor = (
                await case_rows.get_advisor(session, case.advisor_id) if case.advisor_id else None
            )
            founder = Actor(ActorKind.FOUNDER)
            if not yes or not partner.email or not partner.active:
                referral.status = "declined"
                self.ctx.event(
                    session, case, founder, EventKind.REFERRAL_DECLINED, None,
                    {"referral": referral.id, "partner": partner.key}, now,
                )  # fmt: skip
                result = "declined"
            else:
                token = secrets.token_urlsafe(24)
                referral.status = "sent"
                referral.sent_at = now
                referral.token_hash = _hash(token)
                self.ctx.event(
                    session, case, founder, EventKind.REFERRAL_SENT, None,
                    {"referral": referral.id, "partner": partner.key, "shares": referral.shares},
                    now,
                )  # fmt: skip
                outbox.add(self._email(case, partner, referral, advisor, token))
                result = "sent"
            if advisor is not None:
                outbox.add(
                    Notification(
                        NotificationKind.REFERRAL_NEWS,
                        Audience.ADVISOR,
                        case.ref,
                        advisor.id,
                        first_language(advisor.languages),
                        {"partner": partner.name, "status": result},
                    )
                )
            name = partner.name
        await self.ctx.deliver(outbox)
        return result, name

    def _email(
        self,
        case: Case,
        partner: Partner,
        referral: Referral,
        advisor: Advisor | None,
        token: str,
    ) -> Notification:
        """The partner's email: only what the founder agreed to share (built here, inside
        the transaction that records the consent)."""
        answers = CaseAnswers.read(case.answers)
        shared: dict[str, Any] = {}
        if "name" in referral.shares:
            shared["name"] = answers.name
        if "contact" in referral.shares:
            shared["email"] = answers.email
            shared["phone"] = answers.phone
        if "idea" in referral.shares:
            shared["idea"] = answers.idea
        return Notification(
            NotificationKind.REFERRAL_EMAIL,
            Audience.PARTNER,
            case.ref,
            None,
            "sv",
            {
                "referral_email": {
                    "to": partner.email,
                    "partner": partner.name,
                    "shared": {k: v for k, v in shared.items() if v},
                    "token": token,
                    "advisor": advisor.name if advisor else "",
                    "advisor_email": advisor.email if advisor else "",
                }
            },
        )

    # --- the partner confirms; the outcome ------------------------------------------------------

    async def confirm(self, token: str) -> str | None:
        """The partner's link: the referral marked received (once). Returns the case
        reference, or None for an unknown link."""
        if not token or len(token) > 128 or not token.isascii():
            return None
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            referral = await session.scalar(
                select(Referral).where(Referral.token_hash == _hash(token)).with_for_update()
            )
            if referral is None:
                return None
            case = await session.get(Case, referral.case_id)
            partner = await session.get(Partner, referral.partner_id)
            assert case is not None and partner is not None
            if referral.status == "sent":
                referral.status = "received"
                referral.received_at = now
                self.ctx.event(
                    session, case, Actor(ActorKind.ADDRESS, partner.key),
                    EventKind.REFERRAL_RECEIVED, None, {"referral": referral.id}, now,
                )  # fmt: skip
                if case.advisor_id is not None:
                    advisor = await case_rows.get_advisor(session, case.advisor_id)
                    outbox.add(
                        Notification(
                            NotificationKind.REFERRAL_NEWS,
                            Audience.ADVISOR,
                            case.ref,
                            case.advisor_id,
                            first_language(advisor.languages) if advisor else "sv",
                            {"partner": partner.name, "status": "received"},
                        )
                    )
            ref = case.ref
        await self.ctx.deliver(outbox)
        return ref

    async def partner_of_token(self, token: str) -> tuple[str, str, str] | None:
        """(partner, case reference, status) for the confirmation page (None: unknown)."""
        if not token or len(token) > 128 or not token.isascii():
            return None
        async with self.ctx.db.sessions() as session:
            row = (
                await session.execute(
                    select(Partner.name, Case.ref, Referral.status)
                    .join(Partner, Partner.id == Referral.partner_id)
                    .join(Case, Case.id == Referral.case_id)
                    .where(Referral.token_hash == _hash(token))
                )
            ).first()
            return (str(row[0]), str(row[1]), str(row[2])) if row else None

    async def set_outcome(self, referral_id: int, outcome: str, actor: Actor) -> ReferralView:
        if outcome not in OUTCOMES:
            raise ReferralInvalid("unknown outcome", field="outcome")
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            referral = await session.get(Referral, referral_id, with_for_update=True)
            case = await session.get(Case, referral.case_id) if referral else None
            if referral is None or case is None:
                raise NotFoundError(f"no referral {referral_id}", referral=referral_id)
            await ensure_holder(session, case, actor)
            if referral.status not in ("sent", "received"):
                raise ReferralInvalid("only a referral that was sent", field="outcome")
            referral.outcome = outcome
            self.ctx.event(
                session, case, actor, EventKind.REFERRAL_OUTCOME, outcome,
                {"referral": referral.id}, now,
            )  # fmt: skip
            partner = await session.get(Partner, referral.partner_id)
            assert partner is not None
            return _view(referral, partner, case.ref)

    async def of_case(self, ref: str, actor: Actor) -> list[ReferralView]:
        async with self.ctx.db.sessions() as session:
            case = await case_rows.find_case(session, ref)
            await ensure_holder(session, case, actor)
            rows = await session.execute(
                select(Referral, Partner)
                .join(Partner, Partner.id == Referral.partner_id)
                .where(Referral.case_id == case.id)
                .order_by(Referral.id)
            )
            return [_view(r, p, case.ref) for r, p in rows]
