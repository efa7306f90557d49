"""Opening a case from a finished intake (status ``new``), with its first audit event."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.answers import CaseAnswers
from bot.cases.matching import sectors_answer
from bot.cases.numbering import allocate_ref
from bot.domain import ActorKind, CaseStatus, EventKind, ValidationFailed
from bot.engine.ports import OpenedCase
from bot.engine.state import ConversationState
from bot.matching.expertise import ExpertiseClassifier
from bot.storage import case_rows
from bot.storage.db import Database
from bot.storage.export import founders_with_contact
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
        given = CaseAnswers.read(state.answers)  # read once, here, as the case opens
        code = given.municipality_code
        if not code:
            raise ValidationFailed("an intake without a place cannot open a case")
        now = self.clock()
        answers = dict(state.answers)
        # The sectors an advisor will see, with the founder's words that point to each: the
        # one the founder confirmed, or (an intake from before the question) the reading.
        reading = self.classifier.classify(given.idea or "")
        answers["sectors"] = sectors_answer(reading, given.sector)
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
        await self._note_same_contact(ref, state)
        return OpenedCase(ref=ref, municipality=name)

    async def _note_same_contact(self, ref: str, state: ConversationState) -> None:
        """Someone who gave the same email or phone before (another channel, say) may be the
        same person: the case says so for the coordinators, who can link them (`spbot
        founders link`); nothing is merged by itself."""
        given = CaseAnswers.read(state.answers)
        others = await founders_with_contact(self.db, given.email, given.phone, state.founder_id)
        if not others:
            return
        async with self.db.transaction() as session:
            refs = [r for f in others for r, _ in await case_rows.cases_of_founder(session, f)]
            case = await case_rows.lock_case(session, ref)
            case_rows.add_event(
                session,
                case,
                ActorKind.SYSTEM,
                None,
                EventKind.POSSIBLE_SAME_FOUNDER,
                "the same contact details were given by another founder",
                {"founders": others, "cases": refs},
                self.clock(),
            )

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
