"""Everything stored about one founder, as JSON (GDPR art. 15 and 20): the schema is
``spbot.founder-export/1``, documented in docs/privacy.md. Finding a founder by a case
reference, an email address or a phone number is here too (for the CLI and the console), and
linking two founders that staff confirmed are one person."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, select, update

from bot.answers import CaseAnswers
from bot.domain import NotFoundError
from bot.records import TranscriptLine
from bot.storage import case_rows
from bot.storage.db import Database
from bot.storage.models import (
    AdvisingSession,
    Case,
    CaseEvent,
    ChannelIdentity,
    Conversation,
    EventRegistration,
    Founder,
    FounderProfile,
    Meeting,
    Message,
    NodeEvent,
    Offer,
)

SCHEMA = "spbot.founder-export/1"
CASE_REF = re.compile(r"^[A-Z]{2,6}-\d{4}-\d{4,}$")


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "46" + digits[1:] if digits.startswith("0") else digits


async def find_founder(db: Database, needle: str) -> int:
    """The founder behind a case reference, an email address or a phone number."""
    wanted = needle.strip()
    async with db.bulk_sessions() as session:
        if CASE_REF.match(wanted.upper()):
            founder_id = await session.scalar(
                select(Case.founder_id).where(Case.ref == wanted.upper())
            )
            if founder_id is not None:
                return int(founder_id)
        else:
            conversations = await session.execute(
                select(Conversation.founder_id, Conversation.answers)
            )
            cases = await session.execute(
                select(Case.founder_id, Case.answers).where(Case.founder_id.is_not(None))
            )
            rows = [*conversations.all(), *cases.all()]
            for founder_id, raw in rows:
                answers = CaseAnswers.read(raw)
                if "@" in wanted and (answers.email or "").lower() == wanted.lower():
                    return int(founder_id)
                phone = answers.phone or ""
                if phone and "@" not in wanted and _digits(phone) == _digits(wanted):
                    return int(founder_id)
    raise NotFoundError(f"no founder found for '{needle}'", needle=needle)


async def export_founder(db: Database, founder_id: int) -> dict[str, Any]:
    async with db.sessions() as session:
        founder = await session.get(Founder, founder_id)
        if founder is None:
            raise NotFoundError(f"no founder {founder_id}", founder=founder_id)
        identities = (
            await session.scalars(
                select(ChannelIdentity).where(ChannelIdentity.founder_id == founder_id)
            )
        ).all()
        conversations = (
            await session.scalars(
                select(Conversation)
                .where(Conversation.founder_id == founder_id)
                .order_by(Conversation.id)
            )
        ).all()
        messages = (
            await session.scalars(
                select(Message)
                .where(Message.conversation_id.in_([c.id for c in conversations]))
                .order_by(Message.id)
            )
        ).all()
        cases = (
            await session.scalars(
                select(Case).where(Case.founder_id == founder_id).order_by(Case.id)
            )
        ).all()
        events = (
            await session.scalars(
                select(CaseEvent)
                .where(CaseEvent.case_id.in_([c.id for c in cases]))
                .order_by(CaseEvent.id)
            )
        ).all()
        offers = (
            await session.scalars(
                select(Offer).where(Offer.case_id.in_([c.id for c in cases])).order_by(Offer.id)
            )
        ).all()
        case_ids = [c.id for c in cases]
        meetings = (
            await session.scalars(
                select(Meeting).where(Meeting.case_id.in_(case_ids)).order_by(Meeting.starts_at)
            )
        ).all()
        sessions = (
            await session.scalars(
                select(AdvisingSession)
                .where(AdvisingSession.case_id.in_(case_ids))
                .order_by(AdvisingSession.held_on, AdvisingSession.id)
            )
        ).all()
        profile = await session.get(FounderProfile, founder_id)
        registrations = (
            await session.execute(
                select(EventRegistration, NodeEvent)
                .join(NodeEvent, NodeEvent.id == EventRegistration.event_id)
                .where(EventRegistration.founder_id == founder_id)
                .order_by(EventRegistration.id)
            )
        ).all()
    by_conversation: dict[int, list[dict[str, Any]]] = {}
    for m in messages:
        by_conversation.setdefault(m.conversation_id, []).append(
            {
                "at": m.created_at.isoformat(),
                "direction": m.direction,
                "channel": m.channel,
                "text": m.text,
                "choices": m.choices,
            }
        )
    return {
        "schema": SCHEMA,
        "founder": {
            "id": founder.id,
            "language": founder.language,
            "consent_at": founder.consent_at.isoformat() if founder.consent_at else None,
            "created_at": founder.created_at.isoformat(),
        },
        "channels": [{"channel": i.channel, "id": i.external_id} for i in identities],
        # The optional answers for the funders' equality reporting (None: never answered).
        "about_you": (
            {
                "gender": profile.gender,
                "age_band": profile.age_band,
                "born_abroad": profile.born_abroad,
                "updated_at": profile.updated_at.isoformat(),
            }
            if profile is not None
            else None
        ),
        "conversations": [
            {
                "id": c.id,
                "channel": c.channel,
                "status": c.status,
                "step": c.step,
                "language": c.language,
                "answers": c.answers,
                "case": c.case_ref,
                "started_at": c.created_at.isoformat(),
                "updated_at": c.updated_at.isoformat(),
                "transcript": by_conversation.get(c.id, []),
            }
            for c in conversations
        ],
        "cases": [
            {
                "ref": c.ref,
                "status": c.status,
                "outcome": c.outcome,
                "municipality_code": c.municipality_code,
                "answers": c.answers,
                "opened_at": c.created_at.isoformat(),
                "events": [
                    {"at": e.created_at.isoformat(), "kind": e.kind, "reason": e.reason}
                    for e in events
                    if e.case_id == c.id
                ],
                "offers": [
                    {
                        "status": o.status,
                        "offered_at": o.offered_at.isoformat(),
                        "decline_reason": o.decline_reason,
                        "note": o.note,
                    }
                    for o in offers
                    if o.case_id == c.id
                ],
                "meetings": [
                    {
                        "starts_at": m.starts_at.isoformat(),
                        "ends_at": m.ends_at.isoformat(),
                        "place": m.place,
                        "status": m.status,
                    }
                    for m in meetings
                    if m.case_id == c.id
                ],
                # The advisor's notes are about the person: theirs to see (GDPR art. 15).
                "sessions": [
                    {
                        "held_on": s.held_on.isoformat(),
                        "minutes": s.minutes,
                        "kind": s.kind,
                        "channel": s.channel,
                        "notes": s.notes,
                        "next_step": s.next_step,
                    }
                    for s in sessions
                    if s.case_id == c.id
                ],
            }
            for c in cases
        ],
        "event_registrations": [
            {
                "event": e.title_sv,
                "starts_at": e.starts_at.isoformat(),
                "place": e.place,
                "name": r.name,
                "contact": r.contact,
                "status": r.status,
                "attended": r.attended,
                "registered_at": r.created_at.isoformat(),
            }
            for r, e in registrations
        ],
    }


async def founder_transcripts(db: Database, founder_id: int) -> dict[int, list[TranscriptLine]]:
    """Each of the founder's conversations as a person reads it (the words of the buttons
    pressed, commands as typed): conversation id → lines. The JSON export keeps the raw text."""
    async with db.sessions() as session:
        ids = (
            await session.scalars(
                select(Conversation.id)
                .where(Conversation.founder_id == founder_id)
                .order_by(Conversation.id)
            )
        ).all()
        return {i: await case_rows.transcript(session, i) for i in ids}


async def founders_with_contact(
    db: Database, email: str | None, phone: str | None, besides: int
) -> list[int]:
    """Other founders who gave the same email or phone (perhaps the same person on another
    channel: staff decide, nothing is merged by itself)."""
    wanted_email = (email or "").strip().lower()
    wanted_phone = _digits(phone) if phone else ""
    found: set[int] = set()
    async with db.bulk_sessions() as session:
        rows = (await session.execute(select(Conversation.founder_id, Conversation.answers))).all()
    for founder_id, raw in rows:
        answers = CaseAnswers.read(raw)
        if founder_id == besides:
            continue
        if wanted_email and (answers.email or "").lower() == wanted_email:
            found.add(int(founder_id))
        if wanted_phone and answers.phone and _digits(answers.phone) == wanted_phone:
            found.add(int(founder_id))
    return sorted(found)


async def link_founders(db: Database, keep: int, merge: int) -> list[str]:
    """Staff confirmed two founders are one person: ``merge``'s channels, conversations and
    cases move to ``keep``. Conversations' versions move on, so no process keeps playing a
    cached copy that still names the old founder. Returns the cases that moved."""
    if keep == merge:
        raise NotFoundError("those are the same founder", founder=keep)
    async with db.transaction() as session:
        for founder_id in (keep, merge):
            if await session.get(Founder, founder_id) is None:
                raise NotFoundError(f"no founder {founder_id}", founder=founder_id)
        await session.execute(
            update(ChannelIdentity)
            .where(ChannelIdentity.founder_id == merge)
            .values(founder_id=keep)
        )
        await session.execute(
            update(Conversation)
            .where(Conversation.founder_id == merge)
            .values(founder_id=keep, version=Conversation.version + 1)
        )
        refs = list((await session.scalars(select(Case.ref).where(Case.founder_id == merge))).all())
        await session.execute(update(Case).where(Case.founder_id == merge).values(founder_id=keep))
        # The optional answers: the kept founder's stand; the other's move when there are none.
        if await session.get(FounderProfile, keep) is None:
            await session.execute(
                update(FounderProfile)
                .where(FounderProfile.founder_id == merge)
                .values(founder_id=keep)
            )
        await session.execute(delete(FounderProfile).where(FounderProfile.founder_id == merge))
        await session.execute(delete(Founder).where(Founder.id == merge))
    return refs
