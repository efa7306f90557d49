"""Reading a founder's intake: never without a purpose, never unlogged. The view is an event
on the case (who, when, why) written in the same transaction that reads the transcript."""

from __future__ import annotations

from enum import StrEnum

from bot.cases.actions import Actor
from bot.cases.context import CaseContext
from bot.cases.holding import ensure_holder
from bot.domain import EventKind
from bot.records import TranscriptLine
from bot.storage import case_rows


class Purpose(StrEnum):
    FOUNDER_REQUEST = "founder_request"  # the founder asked (e.g. art. 15)
    CASE_WORK = "case_work"  # the advisor working on the case
    QUALITY_REVIEW = "quality_review"
    COMPLAINT = "complaint"
    OTHER = "other"  # with a note


class Reading:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    async def transcript(
        self, ref: str, actor: Actor, purpose: Purpose, note: str | None = None
    ) -> list[TranscriptLine]:
        """The case's intake transcript. An advisor may read only a case they hold."""
        ctx = self.ctx
        now = ctx.clock()
        async with ctx.db.transaction() as session:
            case = await case_rows.find_case(session, ref)
            await ensure_holder(session, case, actor)
            payload: dict[str, str] = {"purpose": purpose.value}
            if note:
                payload["note"] = note
            ctx.event(
                session, case, actor, EventKind.TRANSCRIPT_VIEWED, purpose.value, payload, now
            )
            if case.conversation_id is None:
                return []
            return await case_rows.transcript(session, case.conversation_id)
