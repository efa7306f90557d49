"""The rows the case workflow reads and writes inside its own transactions: cases (locked),
advisors, offers and audit events. The workflow decides; these functions only fetch and write."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import ACTIVE_CASE_STATUSES, ActorKind, CaseStatus, EventKind, NotFoundError
from bot.records import TranscriptLine
from bot.storage.models import (
    Advisor,
    AdvisorAbsence,
    Case,
    CaseEvent,
    Message,
    Municipality,
    Node,
    Offer,
)


def _ref(ref: str) -> str:
    return ref.strip().upper()


async def lock_case(session: AsyncSession, ref: str) -> Case:
    """The case by reference, locked for this transaction (``FOR UPDATE`` on PostgreSQL)."""
    case = await session.scalar(select(Case).where(Case.ref == _ref(ref)).with_for_update())
    if case is None:
        raise NotFoundError(f"no case with reference '{ref}'", ref=ref)
    return case


async def lock_case_by_id(session: AsyncSession, case_id: int) -> Case | None:
    return await session.get(Case, case_id, with_for_update=True)


async def find_case(session: AsyncSession, ref: str) -> Case:
    case = await session.scalar(select(Case).where(Case.ref == _ref(ref)))
    if case is None:
        raise NotFoundError(f"no case with reference '{ref}'", ref=ref)
    return case


async def case_by_ref(session: AsyncSession, ref: str) -> Case | None:
    return await session.scalar(select(Case).where(Case.ref == ref))


async def active_advisor(session: AsyncSession, key: str) -> Advisor:
    advisor = await session.scalar(select(Advisor).where(Advisor.key == key.strip()))
    if advisor is None or not advisor.active:
        raise NotFoundError(f"no active advisor '{key}'", advisor=key)
    return advisor


async def node_slug(session: AsyncSession, node_id: int | None) -> str | None:
    if node_id is None:
        return None
    return await session.scalar(select(Node.slug).where(Node.id == node_id))


async def get_advisor(session: AsyncSession, advisor_id: int) -> Advisor | None:
    return await session.get(Advisor, advisor_id)


async def get_offer(session: AsyncSession, offer_id: int) -> Offer | None:
    return await session.get(Offer, offer_id)


async def offers_of(session: AsyncSession, case_id: int) -> Sequence[Offer]:
    return (await session.scalars(select(Offer).where(Offer.case_id == case_id))).all()


async def pending_offers_of(session: AsyncSession, case_id: int) -> Sequence[Offer]:
    return (
        await session.scalars(
            select(Offer).where(Offer.case_id == case_id, Offer.status == "pending")
        )
    ).all()


async def answer_pending_offer(session: AsyncSession, offer_id: int, **values: Any) -> bool:
    """Compare-and-set on a pending offer: True when this call closed it."""
    answered = await session.execute(
        update(Offer).where(Offer.id == offer_id, Offer.status == "pending").values(**values)
    )
    return bool(answered.rowcount == 1)  # type: ignore[attr-defined]


async def add_offer(session: AsyncSession, offer: Offer) -> Offer:
    session.add(offer)
    await session.flush()  # the offer's id, for its timers and notifications
    return offer


async def last_event_at(session: AsyncSession, case_id: int, kind: EventKind) -> datetime | None:
    moment: datetime | None = await session.scalar(
        select(CaseEvent.created_at)
        .where(CaseEvent.case_id == case_id, CaseEvent.kind == kind.value)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    )
    return moment


def add_event(
    session: AsyncSession,
    case: Case,
    actor_kind: ActorKind,
    actor_id: str | None,
    kind: EventKind,
    reason: str | None,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    """Append one event to the case's audit trail (never updated, never deleted)."""
    session.add(
        CaseEvent(
            case_id=case.id,
            actor_kind=actor_kind.value,
            actor_id=actor_id,
            kind=kind.value,
            reason=reason,
            payload=payload,
            created_at=now,
        )
    )


async def waiting_case_refs(session: AsyncSession, created_before: datetime) -> list[str]:
    """Cases still ``new`` (a crash between opening and routing), oldest first."""
    return list(
        (
            await session.scalars(
                select(Case.ref)
                .where(Case.status == CaseStatus.NEW.value, Case.created_at <= created_before)
                .order_by(Case.id)
            )
        ).all()
    )


async def municipality_name(session: AsyncSession, code: str) -> str:
    municipality = await session.get(Municipality, code)
    return municipality.name if municipality else code


async def node_name(session: AsyncSession, node_id: int) -> str:
    node = await session.get(Node, node_id)
    return node.name if node else ""


async def assigned_active_cases(session: AsyncSession) -> Sequence[Case]:
    """Cases an advisor is working on (what a rebalancing may move)."""
    return (
        await session.scalars(
            select(Case).where(Case.status.in_(ACTIVE_CASE_STATUSES), Case.advisor_id.is_not(None))
        )
    ).all()


async def advisors_out_of(
    session: AsyncSession, case_ids: Sequence[int], offer_statuses: Sequence[str]
) -> dict[int, set[int]]:
    """Per case, the advisors whose offer ended with one of ``offer_statuses``."""
    out: dict[int, set[int]] = defaultdict(set)
    if not case_ids:
        return out
    rows = await session.execute(
        select(Offer.case_id, Offer.advisor_id).where(
            Offer.case_id.in_(case_ids), Offer.status.in_(offer_statuses)
        )
    )
    for case_id, advisor_id in rows:
        out[case_id].add(advisor_id)
    return out


async def pending_offers_of_advisor(
    session: AsyncSession, advisor_id: int
) -> list[tuple[int, int]]:
    """(offer id, case id) of the advisor's pending offers, oldest first."""
    rows = await session.execute(
        select(Offer.id, Offer.case_id)
        .where(Offer.advisor_id == advisor_id, Offer.status == "pending")
        .order_by(Offer.id)
    )
    return [(int(o), int(c)) for o, c in rows]


async def case_refs_of_advisor(
    session: AsyncSession, advisor_id: int, statuses: frozenset[CaseStatus]
) -> list[str]:
    return list(
        (
            await session.scalars(
                select(Case.ref)
                .where(Case.advisor_id == advisor_id, Case.status.in_(statuses))
                .order_by(Case.id)
            )
        ).all()
    )


async def is_away(session: AsyncSession, advisor_id: int, day: date) -> bool:
    found = await session.scalar(
        select(AdvisorAbsence.id)
        .where(
            AdvisorAbsence.advisor_id == advisor_id,
            AdvisorAbsence.starts_on <= day,
            AdvisorAbsence.ends_on >= day,
        )
        .limit(1)
    )
    return found is not None


async def cases_of_founder(session: AsyncSession, founder_id: int) -> list[tuple[str, str]]:
    rows = await session.execute(
        select(Case.ref, Case.status).where(Case.founder_id == founder_id).order_by(Case.id)
    )
    return [(str(ref), str(status)) for ref, status in rows]


async def transcript(session: AsyncSession, conversation_id: int) -> list[TranscriptLine]:
    messages = (
        await session.scalars(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        )
    ).all()
    # Written for a person: a pressed button by its words (the label the founder saw, from
    # the reply that offered it), a command as typed, the offered choices by their words.
    out: list[TranscriptLine] = []
    labels: dict[str, str] = {}
    for m in messages:
        offered = (m.payload or {}).get("choices") if m.direction == "outbound" else None
        if offered:
            labels = {str(c.get("id")): str(c.get("label")) for c in offered if isinstance(c, dict)}
        text, choices = m.text, m.choices
        if m.direction == "inbound" and m.kind == "choice":
            text = labels.get(m.text, m.text).removeprefix("✔ ")
        elif m.direction == "inbound" and m.kind == "command":
            text = "/" + m.text.lstrip("/")
        elif offered:
            choices = [str(c.get("label")) for c in offered if isinstance(c, dict)]
        out.append(TranscriptLine(m.created_at, m.direction, m.channel, text, choices))
    return out


async def earlier_advisors(session: AsyncSession, founder_id: int, besides: int) -> list[int]:
    """The advisors who held the founder's other cases, most recent first (returning
    founders go to the advisor they had first)."""
    rows = await session.execute(
        select(Case.advisor_id)
        .where(
            Case.founder_id == founder_id,
            Case.id != besides,
            Case.advisor_id.is_not(None),
        )
        .order_by(Case.id.desc())
    )
    out: list[int] = []
    for (advisor_id,) in rows:
        if advisor_id is not None and advisor_id not in out:
            out.append(int(advisor_id))
    return out
