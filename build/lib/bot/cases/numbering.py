"""Case references such as ``JKP-2026-0042``: prefix, year, a per-year sequence."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import CaseSequence


def format_ref(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:04d}"


async def allocate_ref(session: AsyncSession, prefix: str, year: int) -> str:
    """Take the next number for ``year`` inside the caller's transaction.

    The increment is a single UPDATE … RETURNING, so two transactions can never get the same
    number: PostgreSQL serialises them on the row lock, SQLite on its single writer.
    """
    for _ in range(2):
        result = await session.execute(
            update(CaseSequence)
            .where(CaseSequence.year == year)
            .values(last_value=CaseSequence.last_value + 1)
            .returning(CaseSequence.last_value)
        )
        number = result.scalar_one_or_none()
        if number is not None:
            return format_ref(prefix, year, number)
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        await session.execute(
            insert(CaseSequence).values(year=year, last_value=0).on_conflict_do_nothing()
        )
    raise RuntimeError("could not allocate a case reference")  # pragma: no cover
