"""The founder's satisfaction survey: after the case's first held meeting (or when it closes
without one), once per case, three short questions in the founder's channel — how useful
(1–5), would they recommend it (yes, maybe, no), anything to tell us. Each answer counts once;
a low score, a "no" or a comment is brought to the coordinators. The report shows scores per
node and for the region, never per advisor. A comment is free text: it is erased with the
founder (kept as the event's note)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import Actor
from bot.cases.context import CaseContext, Outbox
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.domain import ActorKind, EventKind, NotFoundError
from bot.engine.surveys import QUESTIONS, useful_choices
from bot.storage import case_rows
from bot.storage.models import Case, CaseEvent

MAX_COMMENT = 2000
LOW = ("1", "2")


async def _answered(session: AsyncSession, case_id: int) -> set[str]:
    rows = await session.scalars(
        select(CaseEvent.payload).where(
            CaseEvent.case_id == case_id, CaseEvent.kind == EventKind.SURVEY_ANSWERED.value
        )
    )
    return {str(p.get("question")) for p in rows if isinstance(p, dict)}


async def send_survey(ctx: CaseContext, session: AsyncSession, case: Case, outbox: Outbox) -> None:
    """Ask the founder, once per case (inside the caller's transaction)."""
    if case.founder_id is None:
        return
    sent = await case_rows.last_event_at(session, case.id, EventKind.SURVEY_SENT)
    if sent is not None:
        return
    ctx.event(session, case, Actor(ActorKind.SYSTEM), EventKind.SURVEY_SENT, None, {}, ctx.clock())
    outbox.add(
        Notification(
            NotificationKind.SURVEY,
            Audience.FOUNDER,
            case.ref,
            case.founder_id,
            case.language,
            {"choices": useful_choices(case.ref)},
        )
    )


class Surveys:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    async def answer(self, founder_id: int, ref: str, question: str, value: str) -> str:
        if question != "comment" and value not in QUESTIONS.get(question, ()):
            return "unknown"
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            try:
                case = await case_rows.lock_case(session, ref)
            except NotFoundError:
                return "unknown"
            if case.founder_id != founder_id:
                return "unknown"
            if await case_rows.last_event_at(session, case.id, EventKind.SURVEY_SENT) is None:
                return "unknown"
            if question in await _answered(session, case.id):
                return "already"
            comment = " ".join(value.split())[:MAX_COMMENT] if question == "comment" else ""
            payload: dict[str, object] = {"question": question}
            if question == "comment":
                payload["given"] = bool(comment)
                if comment:
                    payload["note"] = comment  # free text: erasure redacts the note
            else:
                payload["value"] = value
            self.ctx.event(
                session, case, Actor(ActorKind.FOUNDER), EventKind.SURVEY_ANSWERED, None,
                payload, now,
            )  # fmt: skip
            low = (question == "useful" and value in LOW) or (question, value) == (
                "recommend",
                "no",
            )
            if low or comment:
                node = await case_rows.node_slug(session, case.node_id)
                outbox.add(
                    Notification(
                        NotificationKind.SURVEY_ALERT,
                        Audience.COORDINATORS,
                        case.ref,
                        None,
                        "sv",
                        {
                            "question": question,
                            "value": "" if comment else value,
                            "comment": comment,
                            "node": node or "",
                        },
                    )
                )
        await self.ctx.deliver(outbox)
        return "recorded"
