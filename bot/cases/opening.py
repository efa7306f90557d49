"""Opening a case from a finished intake (status ``new``), with its first audit event."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.cases.matching import sectors_answer
from bot.cases.numbering import allocate_ref
from bot.domain import ActorKind, CaseStatus, EventKind, ValidationFailed
from bot.engine.ports import OpenedCase
from bot.engine.state import ConversationState
from bot.matching.expertise import ExpertiseClassifier
from bot.storage.db import Database
from bot.storage.models import Case, CaseEvent, Municipality, Node, utcnow

log = logging.getLogger(__name__)


class CaseOpening:
    """Implements the engine's ``CaseOpener`` port."""

    def __init__(
        self,
        db: Database,
        prefix: str = "JKP",
        clock: Callable[[], datetime] = utcnow,
        classifier: ExpertiseClassifier | None = None,
    ) -> None:
        self.db = db
        self.prefix = prefix
        self.clock = clock
        self.classifier = classifier or ExpertiseClassifier()

    async def open_case(self, state: ConversationState) -> OpenedCase:
        existing = await self._existing(state.id)
        if existing is not None:
            return existing
        place = state.answers.get("place") or {}
        code = place.get("municipality_code")
        if not code:
            raise ValidationFailed("an intake without a place cannot open a case")
        now = self.clock()
        answers = dict(state.answers)
        # The sectors an advisor will see, with the founder's words that point to each.
        answers["sectors"] = sectors_answer(self.classifier.classify(str(answers.get("idea", ""))))
        try:
            async with self.db.transaction() as session:
                municipality = await session.get(Municipality, code)
                if municipality is None or not municipality.in_region:
                    raise ValidationFailed(f"municipality {code} is not in the region")
                node_id = await session.scalar(
                    select(Node.id).where(Node.municipality_code == code).order_by(Node.id)
                )
                ref = await allocate_ref(session, self.prefix, now.year)
                case = Case(
                    ref=ref,
                    conversation_id=state.id,
                    founder_id=state.founder_id,
                    municipality_code=code,
                    node_id=node_id,
                    status=CaseStatus.NEW.value,
                    language=state.language.value,
                    answers=answers,
                    created_at=now,
                    updated_at=now,
                )
                session.add(case)
                await session.flush()
                session.add(
                    CaseEvent(
                        case_id=case.id,
                        actor_kind=ActorKind.FOUNDER.value,
                        kind=EventKind.OPENED,
                        reason="intake submitted",
                        payload={"status": CaseStatus.NEW.value, "channel": state.channel},
                        created_at=now,
                    )
                )
                name = municipality.name
        except IntegrityError:
            # Two submissions of the same conversation raced: the other one won.
            existing = await self._existing(state.id)
            if existing is None:
                raise
            return existing
        log.info("opened case %s in %s", ref, code)
        return OpenedCase(ref=ref, municipality=name)

    async def _existing(self, conversation_id: int) -> OpenedCase | None:
        async with self.db.sessions() as session:
            row = (
                await session.execute(
                    select(Case.ref, Municipality.name)
                    .join(Municipality, Municipality.code == Case.municipality_code)
                    .where(Case.conversation_id == conversation_id)
                )
            ).first()
            return OpenedCase(ref=row[0], municipality=row[1]) if row else None
