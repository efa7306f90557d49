"""Advisors' absences (the roster side): on those days an advisor gets no offers."""

from __future__ import annotations

from datetime import date

from bot.domain import SpbotError
from bot.storage.case_rows import active_advisor
from bot.storage.db import Database
from bot.storage.models import AdvisorAbsence


class AbsenceInvalid(SpbotError):
    code = "absence_invalid"


async def add_absence(
    db: Database, advisor_key: str, starts: date, ends: date, note: str | None = None
) -> None:
    if ends < starts:
        raise AbsenceInvalid(
            f"the absence ends ({ends}) before it starts ({starts})",
            starts=starts.isoformat(),
            ends=ends.isoformat(),
        )
    async with db.transaction() as session:
        advisor = await active_advisor(session, advisor_key)
        session.add(
            AdvisorAbsence(advisor_id=advisor.id, starts_on=starts, ends_on=ends, note=note)
        )
