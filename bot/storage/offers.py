"""Offers as the channels need them: where an offer's card is, and an advisor's desk."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.answers import CaseAnswers
from bot.domain import ACTIVE_CASE_STATUSES
from bot.records import Desk, OfferCard
from bot.storage.db import Database
from bot.storage.models import Case, Municipality, Offer


async def record_card(db: Database, offer_id: int, channel: str, ts: str) -> None:
    async with db.transaction() as session:
        await session.execute(
            update(Offer).where(Offer.id == offer_id).values(card_channel=channel, card_ts=ts)
        )


async def offer_card(db: Database, offer_id: int) -> OfferCard | None:
    async with db.sessions() as session:
        row = (
            await session.execute(
                select(Offer, Case.ref)
                .join(Case, Case.id == Offer.case_id)
                .where(Offer.id == offer_id)
            )
        ).first()
    if row is None:
        return None
    offer, ref = row
    return OfferCard(
        offer.id,
        offer.case_id,
        ref,
        offer.advisor_id,
        offer.status,
        offer.card_channel,
        offer.card_ts,
    )


async def advisor_desk(db: Database, advisor_id: int) -> Desk:
    """The advisor's open offers (no contact details) and active cases."""
    async with db.sessions() as session:
        offers = (
            await session.execute(
                select(Offer.id, Case.ref, Case.answers, Municipality.name)
                .join(Case, Case.id == Offer.case_id)
                .join(Municipality, Municipality.code == Case.municipality_code)
                .where(Offer.advisor_id == advisor_id, Offer.status == "pending")
                .order_by(Offer.id)
            )
        ).all()
        cases = (
            await session.execute(
                select(Case.ref, Case.status, Case.answers, Municipality.name)
                .join(Municipality, Municipality.code == Case.municipality_code)
                .where(Case.advisor_id == advisor_id, Case.status.in_(ACTIVE_CASE_STATUSES))
                .order_by(Case.id)
            )
        ).all()
    return Desk(
        [
            {
                "offer_id": oid,
                "ref": ref,
                "idea": CaseAnswers.read(answers).idea,
                "municipality": name,
            }
            for oid, ref, answers, name in offers
        ],
        [
            {
                "ref": ref,
                "status": status,
                "name": CaseAnswers.read(answers).name,
                "municipality": name,
            }
            for ref, status, answers, name in cases
        ],
    )
