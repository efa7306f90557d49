"""The storage half of erasure (GDPR art. 17): everything personal about a founder goes.

Kept of a case: municipality, node, stage, needs, sector ids and scores, language, dates,
status and outcome (the results survive an erasure). Gone: the founder, their channel ids,
their optional answers for the equality reporting (gender, age band, born abroad),
conversations and transcripts, the case answers' name, contact details, idea, place text and
locality and the founder's words behind each sector, advisors' decline notes, the session
log's notes and next steps (its dates and minutes stay), meetings still to come (cancelled),
free-text notes in the audit trail (redacted once, the one change the database allows on
it), and the text of requests the inbox has played (those still waiting are played, then
cleared). The case workflow's ``FounderErasure`` calls this after it has closed the
founder's open cases; nothing else erases.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case as case_when
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import AuditKind, Outcome
from bot.storage.models import (
    AdvisingSession,
    AuditEntry,
    Case,
    CaseEvent,
    ChannelIdentity,
    Company,
    EventRegistration,
    Founder,
    FounderProfile,
    InboxItem,
    Meeting,
    Offer,
)

KEPT_ANSWERS = ("stage", "needs")


def scrubbed_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """What a case keeps of its answers once the founder is erased."""
    kept: dict[str, Any] = {k: answers[k] for k in KEPT_ANSWERS if k in answers}
    place = answers.get("place") or {}
    if isinstance(place, dict) and place.get("municipality_code"):
        kept["place"] = {
            "municipality_code": place["municipality_code"],
            "municipality": place.get("municipality"),
        }
    kept["sectors"] = [
        {"id": s["id"], "score": s.get("score", 1.0)}
        for s in answers.get("sectors") or []
        if isinstance(s, dict) and "id" in s
    ]
    kept["erased"] = True
    return kept


async def founder_cases(session: AsyncSession, founder_id: int) -> Sequence[Case]:
    return (
        await session.scalars(
            select(Case).where(Case.founder_id == founder_id).order_by(Case.id).with_for_update()
        )
    ).all()


async def erase_personal_data(
    session: AsyncSession, founder_id: int, cases: Sequence[Case], now: datetime
) -> None:
    """Inside the caller's transaction. The cases' status is the workflow's business."""
    identities = (
        await session.execute(
            select(ChannelIdentity.channel, ChannelIdentity.external_id).where(
                ChannelIdentity.founder_id == founder_id
            )
        )
    ).all()
    for channel, external_id in identities:
        # Requests already played (a failed one keeps its text for the operator) lose it;
        # those still waiting (sent after the /delete, or the erasing turn's own) are played
        # as usual, into a fresh conversation, and their text goes when they are.
        await session.execute(
            update(InboxItem)
            .where(
                InboxItem.platform == channel,
                InboxItem.chat == external_id,
                InboxItem.processed_at.is_not(None),
            )
            .values(payload=None)
        )
    case_ids = [c.id for c in cases]
    for case in cases:
        case.answers = scrubbed_answers(case.answers)
        case.founder_id = None
        case.updated_at = now
    if case_ids:
        await session.execute(update(Offer).where(Offer.case_id.in_(case_ids)).values(note=None))
        # The session log keeps its dates, minutes and kinds (the advising hours stay
        # counted), not the advisor's notes about the person.
        await session.execute(
            update(AdvisingSession)
            .where(AdvisingSession.case_id.in_(case_ids))
            .values(notes=None, next_step=None)
        )
        # Meetings still to come are off (their time is free again, reminders find nobody);
        # the advisor's calendar feed shows them cancelled.
        coming = (
            await session.scalars(
                select(Meeting).where(
                    Meeting.case_id.in_(case_ids),
                    Meeting.status == "booked",
                    Meeting.ends_at > now,
                )
            )
        ).all()
        for meeting in coming:
            meeting.status = "cancelled"
            meeting.slot_key = None
            meeting.sequence += 1
            meeting.updated_at = now
        await session.execute(
            update(Meeting).where(Meeting.case_id.in_(case_ids)).values(founder_id=None)
        )
        # A sole trader's company number is their personnummer, and the firm's name is often
        # theirs: both go; the row stays (the company still counts once, never by name).
        company_ids = [c.company_id for c in cases if c.company_id is not None]
        if company_ids:
            await session.execute(
                update(Company)
                .where(Company.id.in_(company_ids), Company.personal.is_(True))
                .values(orgnr=None, name=None)
            )
        events = (
            await session.scalars(
                select(CaseEvent).where(
                    CaseEvent.case_id.in_(case_ids), CaseEvent.redacted_at.is_(None)
                )
            )
        ).all()
        for event in events:
            redacted = _redacted(event)
            if redacted is not None:
                event.reason, event.payload = redacted
                event.redacted_at = now
    # Event registrations stay (the counts stay) without the person: no founder, name or
    # contact; a place on a waiting list is given up (a reminder finds nobody to tell).
    await session.execute(
        update(EventRegistration)
        .where(EventRegistration.founder_id == founder_id)
        .values(
            founder_id=None,
            name=None,
            contact=None,
            status=case_when(
                (EventRegistration.status == "waitlisted", "cancelled"),
                else_=EventRegistration.status,
            ),
        )
    )
    # The optional answers for the equality reporting go with the person (the foreign key
    # cascades too; said here so it does not rest on the database's settings alone).
    await session.execute(delete(FounderProfile).where(FounderProfile.founder_id == founder_id))
    await session.flush()
    await session.execute(delete(Founder).where(Founder.id == founder_id))


def _redacted(event: CaseEvent) -> tuple[str | None, dict[str, Any]] | None:
    """The event without free text people wrote (notes); None when it holds none."""
    payload = dict(event.payload or {})
    changed = payload.pop("note", None) is not None
    reason = event.reason
    if event.kind == "closed" and reason and reason not in {o.value for o in Outcome}:
        reason = payload.get("outcome") or "closed"  # the reason was someone's note
        changed = True
    return (reason, payload) if changed else None


def add_audit(
    session: AsyncSession,
    actor_kind: str,
    actor_id: str | None,
    kind: AuditKind,
    subject: str | None,
    reason: str | None,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    session.add(
        AuditEntry(
            actor_kind=actor_kind,
            actor_id=actor_id,
            kind=kind,
            subject=subject,
            reason=reason,
            payload=payload,
            created_at=now,
        )
    )
