"""Advisors' absences (the roster side): on those days an advisor gets no offers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from bot.domain import NotFoundError, SpbotError
from bot.storage.case_rows import active_advisor
from bot.storage.db import Database
from bot.storage.models import Advisor, AdvisorAbsence


class AbsenceInvalid(SpbotError):
    code = "absence_invalid"


@dataclass(frozen=True)
class Absence:
    id: int
    advisor_key: str
    starts_on: date
    ends_on: date
    note: str | None


async def add_absence(
    db: Database, advisor_key: str, starts: date, ends: date, note: str | None = None
) -> int:
    if ends < starts:
        raise AbsenceInvalid(
            f"the absence ends ({ends}) before it starts ({starts})",
            starts=starts.isoformat(),
            ends=ends.isoformat(),
        )
    async with db.transaction() as session:
        advisor = await active_advisor(session, advisor_key)
        row = AdvisorAbsence(advisor_id=advisor.id, starts_on=starts, ends_on=ends, note=note)
        session.add(row)
        await session.flush()
        return row.id


async def list_absences(
    db: Database, advisor_key: str | None = None, ending_from: date | None = None
) -> list[Absence]:
    """Absences (of one advisor), those not over before ``ending_from``, soonest first."""
    query = (
        select(AdvisorAbsence, Advisor.key)
        .join(Advisor, Advisor.id == AdvisorAbsence.advisor_id)
        .order_by(AdvisorAbsence.starts_on, AdvisorAbsence.id)
    )
    if advisor_key:
        query = query.where(Advisor.key == advisor_key)
    if ending_from:
        query = query.where(AdvisorAbsence.ends_on >= ending_from)
    async with db.sessions() as session:
        rows = (await session.execute(query)).all()
    return [Absence(a.id, key, a.starts_on, a.ends_on, a.note) for a, key in rows]


async def cancel_absence(db: Database, absence_id: int) -> Absence:
    async with db.transaction() as session:
        row = (
            await session.execute(
                select(AdvisorAbsence, Advisor.key)
                .join(Advisor, Advisor.id == AdvisorAbsence.advisor_id)
                .where(AdvisorAbsence.id == absence_id)
            )
        ).first()
        if row is None:
            raise NotFoundError(f"no absence {absence_id}", absence=absence_id)
        absence, key = row
        await session.execute(delete(AdvisorAbsence).where(AdvisorAbsence.id == absence_id))
        return Absence(absence.id, key, absence.starts_on, absence.ends_on, absence.note)
