"""Retention: personal data is kept only as long as the organisation decided (settings;
defaults chosen for the data protection officer to review, see docs/privacy.md). A daily
chore applies it, through the same erasure routine as ``/delete``, logged and audited."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.cases.actions import SYSTEM
from bot.cases.context import CaseContext
from bot.cases.erasure import FounderErasure
from bot.domain import AuditKind
from bot.storage import erasure, inbox, retention, staff

log = logging.getLogger(__name__)
DAILY = timedelta(hours=20)  # "once a day", whichever worker comes first


@dataclass(frozen=True)
class RetentionPeriods:
    abandoned_days: int = 90  # an intake left unfinished (no case): the founder is erased
    transcript_days: int = 365  # after a case ended: its transcript is deleted
    closed_case_days: int = 730  # after all of a founder's cases ended: the founder is erased
    inbox_days: int = 2  # processed platform requests (redelivery comes within 24 h)


@dataclass(frozen=True)
class RetentionRun:
    abandoned: int = 0
    transcripts: int = 0
    closed: int = 0
    inbox: int = 0
    staff_sessions: int = 0


# Staff sessions this old are over under any setting (idle at most a day, a session at most
# thirty days long): the daily run removes them.
STAFF_SESSION_IDLE = timedelta(days=1)
STAFF_SESSION_AGE = timedelta(days=30)


class Retention:
    def __init__(self, ctx: CaseContext, erasure_: FounderErasure, periods: RetentionPeriods):
        self.ctx = ctx
        self.erasure = erasure_
        self.periods = periods

    async def apply_if_due(self) -> RetentionRun | None:
        now = self.ctx.clock()
        if not await retention.claim_chore(self.ctx.db, "retention", now, DAILY):
            return None
        return await self.apply()

    async def apply(self) -> RetentionRun:
        p, now, db = self.periods, self.ctx.clock(), self.ctx.db
        async with db.sessions() as session:
            abandoned = await retention.abandoned_founders(
                session, now - timedelta(days=p.abandoned_days)
            )
            closed = await retention.founders_closed_before(
                session, now - timedelta(days=p.closed_case_days)
            )
        for founder_id in abandoned:
            await self.erasure.erase(
                founder_id,
                SYSTEM,
                f"retention: intake unfinished for {p.abandoned_days} days",
                AuditKind.RETENTION_ERASED,
            )
        for founder_id in closed:
            await self.erasure.erase(
                founder_id,
                SYSTEM,
                f"retention: cases ended over {p.closed_case_days} days ago",
                AuditKind.RETENTION_ERASED,
            )
        async with db.transaction() as session:
            transcripts = await retention.delete_transcripts_closed_before(
                session, now - timedelta(days=p.transcript_days)
            )
        pruned = await inbox.prune(db, now - timedelta(days=p.inbox_days))
        sessions = await staff.prune_sessions(
            db, idle_before=now - STAFF_SESSION_IDLE, created_before=now - STAFF_SESSION_AGE
        )
        run = RetentionRun(len(abandoned), transcripts, len(closed), pruned, sessions)
        async with db.transaction() as session:
            erasure.add_audit(
                session,
                SYSTEM.kind.value,
                None,
                AuditKind.RETENTION_APPLIED,
                None,
                None,
                {
                    "abandoned_founders": run.abandoned,
                    "transcript_lines": run.transcripts,
                    "closed_founders": run.closed,
                    "inbox_rows": run.inbox,
                    "staff_sessions": run.staff_sessions,
                },
                now,
            )
        log.info(
            "retention: %s abandoned founders and %s with long-closed cases erased, "
            "%s transcript lines and %s inbox rows removed",
            run.abandoned,
            run.closed,
            run.transcripts,
            run.inbox,
        )
        return run
