"""Nothing stalls unseen: an escalated case waiting for a coordinator, or an accepted case
without a first contact, is brought up again every ``watch_hours`` until it moves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import SYSTEM
from bot.cases.context import CaseContext, Outbox
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.domain import CaseStatus, EventKind
from bot.storage import case_rows
from bot.storage.models import Timer


async def fire_watch(
    ctx: CaseContext, session: AsyncSession, timer: Timer, outbox: Outbox, now: datetime
) -> None:
    if timer.case_id is None:
        return
    case = await case_rows.lock_case_by_id(session, timer.case_id)
    if case is None:
        return
    status = CaseStatus(case.status)
    hours = round(ctx.calendar.working_hours_between(case.updated_at, now))
    if status is CaseStatus.ESCALATED:
        reason = f"still waiting for a coordinator after {hours} working hours"
        ctx.event(session, case, SYSTEM, EventKind.STALL_REMINDER, reason, {}, now)
        await ctx.ask_coordinators(session, case, outbox, reason)
    elif status is CaseStatus.ACCEPTED and case.advisor_id is not None:
        reason = f"no contact with the founder after {hours} working hours"
        away = await case_rows.is_away(session, case.advisor_id, ctx.today())
        if away:
            reason += " (the advisor is away)"
        ctx.event(session, case, SYSTEM, EventKind.CONTACT_OVERDUE, reason, {}, now)
        # While the advisor is away, only the coordinators are reminded.
        audiences: list[tuple[Audience, int | None]] = [(Audience.COORDINATORS, None)]
        if not away:
            audiences.insert(0, (Audience.ADVISOR, case.advisor_id))
        for audience, recipient in audiences:
            outbox.add(
                Notification(
                    NotificationKind.CONTACT_OVERDUE,
                    audience,
                    case.ref,
                    recipient,
                    "sv",
                    {"reason": reason, "advisor_id": case.advisor_id},
                )
            )
    else:
        return  # the case moved on: nothing stalls
    await ctx.arm_watch(session, case, now)
