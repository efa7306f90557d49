"""The engine's ``CaseOpener``: open the case, then offer it to an advisor right away."""

from __future__ import annotations

import logging

from bot.cases.opening import CaseOpening
from bot.cases.workflow import CaseWorkflow
from bot.engine.ports import OpenedCase
from bot.engine.state import ConversationState
from bot.storage import case_rows

log = logging.getLogger(__name__)


class CaseIntake:
    def __init__(self, opening: CaseOpening, workflow: CaseWorkflow) -> None:
        self.opening = opening
        self.workflow = workflow

    async def open_case(self, state: ConversationState) -> OpenedCase:
        opened = await self.opening.open_case(state)
        try:
            await self.workflow.route(opened.ref)
        except Exception:
            # The case is safely stored as `new`; the worker routes it on its next round.
            log.exception("routing %s failed; the worker will retry", opened.ref)
        return opened

    async def cases_of(self, founder_id: int) -> list[tuple[str, str]]:
        async with self.workflow.db.sessions() as session:
            return await case_rows.cases_of_founder(session, founder_id)

    async def add_to_case(self, ref: str, text: str) -> None:
        await self.workflow.add_founder_note(ref, text)
