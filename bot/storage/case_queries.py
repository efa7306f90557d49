"""Read-only views of cases for operators: lists, details, events and transcripts."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from bot.answers import CaseAnswers
from bot.domain import NotFoundError
from bot.records import CaseDetail, CaseSummary, EventView, TranscriptLine
from bot.storage.db import Database
from bot.storage.models import Advisor, Case, CaseEvent, Message, Municipality, Node


def summary_of(
    case: Case, municipality: str, node: str | None, advisor: str | None, advisor_key: str | None
) -> CaseSummary:
    return CaseSummary(
        ref=case.ref,
        status=case.status,
        outcome=case.outcome,
        municipality_code=case.municipality_code,
        municipality=municipality,
        node=node,
        advisor=advisor,
        advisor_key=advisor_key,
        stage=CaseAnswers.read(case.answers).stage,
        needs=list(CaseAnswers.read(case.answers).needs),
        language=case.language,
        created_at=case.created_at,
    )


def case_query() -> Select[Case, str, str, str, str]:
    advisor = aliased(Advisor)
    return (
        select(Case, Municipality.name, Node.slug, advisor.name, advisor.key)
        .join(Municipality, Municipality.code == Case.municipality_code)
        .outerjoin(Node, Node.id == Case.node_id)
        .outerjoin(advisor, advisor.id == Case.advisor_id)
    )


async def list_cases(
    db: Database, *, status: str | None = None, node: str | None = None, limit: int = 500
) -> list[CaseSummary]:
    query = case_query().order_by(Case.id.desc()).limit(limit)
    if status:
        query = query.where(Case.status == status)
    if node:
        query = query.where(Node.slug == node)
    async with db.sessions() as session:
        rows = (await session.execute(query)).all()
    return [summary_of(*row) for row in rows]


async def get_case(db: Database, ref: str, *, with_transcript: bool = True) -> CaseDetail:
    async with db.sessions() as session:
        row = (await session.execute(case_query().where(Case.ref == ref.strip().upper()))).first()
        if row is None:
            raise NotFoundError(f"no case with reference '{ref}'", ref=ref)
        case = row[0]
        events = (
            await session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
            )
        ).all()
        messages = []
        if with_transcript and case.conversation_id is not None:
            messages = list(
                (
                    await session.scalars(
                        select(Message)
                        .where(Message.conversation_id == case.conversation_id)
                        .order_by(Message.id)
                    )
                ).all()
            )
    return CaseDetail(
        summary=summary_of(*row),
        answers=dict(case.answers),
        events=[
            EventView(e.created_at, e.actor_kind, e.actor_id, e.kind, e.reason, dict(e.payload))
            for e in events
        ],
        transcript=[
            TranscriptLine(m.created_at, m.direction, m.channel, m.text, m.choices)
            for m in messages
        ],
    )
