"""The founder's optional answers for the funders' equality reporting (gender, age band, born
in Sweden or abroad): the latest answer to each question is kept, in its own table apart from
the idea and the cases; a founder answering twice still counts once. Nothing here is shown
per person: the report reads them only into counts, with small cells suppressed
(``bot.reports.equality``). Erasure deletes the row with the founder."""

from __future__ import annotations

from sqlalchemy import select

from bot.cases.context import CaseContext
from bot.engine.profile import QUESTIONS
from bot.storage.models import Founder, FounderProfile


class FounderProfiles:
    def __init__(self, ctx: CaseContext) -> None:
        self.ctx = ctx

    async def wanted(self, founder_id: int) -> bool:
        async with self.ctx.db.sessions() as session:
            found = await session.scalar(
                select(FounderProfile.founder_id).where(FounderProfile.founder_id == founder_id)
            )
        return found is None

    async def record(self, founder_id: int, question: str, value: str) -> str:
        if value not in QUESTIONS.get(question, ()):
            return "unknown"
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            founder = await session.get(Founder, founder_id, with_for_update=True)
            if founder is None:
                return "unknown"
            profile = await session.get(FounderProfile, founder_id)
            if profile is None:
                profile = FounderProfile(founder_id=founder_id)
                session.add(profile)
            setattr(profile, question, value)
            profile.updated_at = now
        return "recorded"
