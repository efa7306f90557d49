"""Conversation store: founders, channel identities, conversation state and transcripts."""

from __future__ import annotations

import collections
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Row, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.domain import (
    ActorKind,
    AlreadyPlayedError,
    AuditKind,
    ConcurrentUpdateError,
    ConversationStatus,
    Direction,
    EventKind,
    Language,
)
from bot.engine.messages import Inbound, Outbound
from bot.engine.state import ConversationState
from bot.records import PendingReply
from bot.storage import erasure, inbox
from bot.storage.db import Database
from bot.storage.models import (
    AuditEntry,
    Case,
    CaseEvent,
    ChannelIdentity,
    Conversation,
    Founder,
    Message,
    utcnow,
)


def _to_state(row: Conversation | Row[Any]) -> ConversationState:
    return ConversationState(
        id=row.id,
        founder_id=row.founder_id,
        channel=row.channel,
        user_id=row.external_id,
        flow=row.flow,
        step=row.step,
        language=Language(row.language),
        status=ConversationStatus(row.status),
        consent=row.consent,
        answers=dict(row.answers or {}),
        context=dict(row.context or {}),
        version=row.version,
        case_ref=row.case_ref,
    )


def _inbound_values(
    state: ConversationState, inbound: Inbound, text: str, now: datetime
) -> dict[str, Any]:
    return {
        "conversation_id": state.id,
        "direction": Direction.INBOUND.value,
        "channel": inbound.channel,
        "channel_message_id": inbound.message_id,
        "kind": inbound.kind.value,
        "text": text,
        "choices": None,
        "payload": None,
        "created_at": now,
        "inbox_id": inbound.inbox_id,
    }


# Built once: the statements of every turn, executed with their parameters (building and
# keying a statement each time costs more than running it).
_SAVE_STATE = update(Conversation).where(
    Conversation.id == bindparam("w_id"), Conversation.version == bindparam("w_version")
)
_CONSENTED = (
    update(Founder)
    .where(Founder.id == bindparam("w_id"), Founder.consent_at.is_(None))
    .values(consent_at=bindparam("w_now"))
)
_MILESTONES = insert(AuditEntry)
_DELIVERED = update(Message).where(
    Message.id.in_(bindparam("w_ids", expanding=True)), Message.delivered_at.is_(None)
)
_MESSAGES = insert(Message).returning(Message.id, sort_by_parameter_order=True)


def _save_turn(
    conn: Connection,
    state: ConversationState,
    outbound: Sequence[Outbound],
    inbound: tuple[Inbound, str] | None,
    consented: bool,
    milestones: Sequence[AuditKind],
    now: datetime,
) -> list[int]:
    """One turn in one transaction: the inbox row done (first: ``AlreadyPlayedError`` when a
    turn saved it before), the state (checked by its version: ``ConcurrentUpdateError`` when
    another turn saved first), consent, milestones, the founder's message and the replies.
    Anything raised rolls it all back. Synchronous, run in one go (``run_sync``): no trip
    through the asyncio layer per statement."""
    if inbound is not None and inbound[0].inbox_id is not None:
        inbox.mark_done(conn, inbound[0].inbox_id, now)  # first: a second play stops here
    result = conn.execute(
        _SAVE_STATE,
        {
            "w_id": state.id,
            "w_version": state.version,
            "step": state.step,
            "language": state.language.value,
            "status": state.status.value,
            "consent": state.consent,
            "answers": state.answers,
            "context": state.context,
            "case_ref": state.case_ref,
            "version": state.version + 1,
            "updated_at": now,
        },
    )
    if result.rowcount != 1:
        # Raised, not returned: the whole transaction (the inbox row too) is rolled back.
        raise ConcurrentUpdateError(
            f"conversation {state.id} is no longer at version {state.version}"
        )
    if consented:
        conn.execute(_CONSENTED, {"w_id": state.founder_id, "w_now": now})
    if milestones:
        conn.execute(
            _MILESTONES,
            [
                {
                    "actor_kind": ActorKind.FOUNDER.value,
                    "actor_id": None,
                    "kind": kind,
                    "subject": f"conversation:{state.id}",
                    "reason": None,
                    "payload": {"channel": state.channel},
                    "created_at": now,
                }
                for kind in milestones
            ],
        )
    rows = []
    if inbound is not None:
        message, text = inbound
        rows.append(_inbound_values(state, message, text, now))
    rows += [
        {
            "conversation_id": state.id,
            "direction": Direction.OUTBOUND.value,
            "channel": state.channel,
            "channel_message_id": None,
            "kind": "reply",
            "text": reply.text,
            "choices": [c.label for c in reply.choices] or None,
            "payload": reply.to_payload(),
            "created_at": now,
            "inbox_id": None,
        }
        for reply in outbound
    ]
    if not rows:
        return []
    # One INSERT for the whole turn (executemany with RETURNING, in order).
    ids = conn.execute(_MESSAGES, rows).scalars().all()
    return list(ids[len(rows) - len(outbound) :])


class SqlConversationStore:
    """Implements the engine's ``ConversationStore`` port on SQLAlchemy."""

    def __init__(
        self,
        db: Database,
        cache_size: int = 5000,
        eraser: Callable[[int, AuditKind], Awaitable[object]] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """``eraser(founder_id, why)``: the case workflow's erasure routine (``app.py`` plugs it
        in); without one, only the storage part runs (tests of the store alone)."""
        self.db = db
        self.eraser = eraser
        self.clock = clock  # the workflow's (a test's fake clock reaches the transcript too)
        # The latest state of recently active founders, so a turn need not read it back.
        # Safe with several processes: a stale copy fails the version check when saved,
        # is dropped, and the turn is replayed on the stored state.
        self._latest: collections.OrderedDict[tuple[str, str], ConversationState] = (
            collections.OrderedDict()
        )
        self._cache_size = cache_size

    def _remember(self, state: ConversationState, *, owned: bool = False) -> None:
        """Cache the founder's latest state (``owned``: the caller hands over its copy)."""
        key = (state.channel, state.user_id)
        self._latest[key] = state if owned else state.copy()
        self._latest.move_to_end(key)
        while len(self._latest) > self._cache_size:
            self._latest.popitem(last=False)

    def _forget(self, channel: str, user_id: str) -> None:
        self._latest.pop((channel, user_id), None)

    async def load_latest(self, channel: str, user_id: str) -> ConversationState | None:
        cached = self._latest.get((channel, user_id))
        if cached is not None:
            return cached.copy()
        async with self.db.reading() as conn:
            row = (
                await conn.execute(
                    select(*Conversation.__table__.columns)
                    .where(Conversation.channel == channel, Conversation.external_id == user_id)
                    .order_by(Conversation.id.desc())
                    .limit(1)
                )
            ).first()
        if row is None:
            return None
        state = _to_state(row)
        self._remember(state)
        return state.copy()

    async def start_conversation(
        self,
        channel: str,
        user_id: str,
        flow: str,
        step: str,
        language: Language,
        consent: bool = False,
    ) -> ConversationState:
        now = self.clock()
        async with self.db.writing() as conn:
            founder_id = await conn.scalar(
                select(ChannelIdentity.founder_id).where(
                    ChannelIdentity.channel == channel, ChannelIdentity.external_id == user_id
                )
            )
            if founder_id is None:
                founder_id = await conn.scalar(
                    insert(Founder)
                    .values(language=language.value, created_at=now)
                    .returning(Founder.id)
                )
                await conn.execute(
                    insert(ChannelIdentity).values(
                        founder_id=founder_id, channel=channel, external_id=user_id, created_at=now
                    )
                )
            values: dict[str, Any] = {
                "founder_id": founder_id,
                "channel": channel,
                "external_id": user_id,
                "flow": flow,
                "step": step,
                "language": language.value,
                "status": ConversationStatus.ACTIVE.value,
                "consent": consent,
                "answers": {},
                "context": {},
                "case_ref": None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            conversation_id = await conn.scalar(
                insert(Conversation).values(**values).returning(Conversation.id)
            )
        state = _to_state(SimpleNamespace(id=conversation_id, **values))  # type: ignore[arg-type]
        self._remember(state)
        return state.copy()

    async def record_inbound(self, state: ConversationState, inbound: Inbound, text: str) -> None:
        try:
            async with self.db.transaction() as session:
                row = _inbound_values(state, inbound, text, self.clock())
                await session.execute(insert(Message), [row])
        except IntegrityError:
            # The conversation is gone (erased by another process): the caller starts over.
            self._forget(state.channel, state.user_id)
            raise ConcurrentUpdateError(f"conversation {state.id} no longer exists") from None

    async def save_turn(
        self,
        state: ConversationState,
        outbound: Sequence[Outbound],
        *,
        inbound: tuple[Inbound, str] | None = None,
        consented: bool = False,
        milestones: Sequence[AuditKind] = (),
    ) -> list[int]:
        try:
            async with self.db.writing() as conn:
                saved = await conn.run_sync(
                    _save_turn, state, outbound, inbound, consented, milestones, self.clock()
                )
        except (AlreadyPlayedError, ConcurrentUpdateError):
            self._forget(state.channel, state.user_id)  # whoever saved first moved it on
            raise
        after = state.copy()
        after.version += 1
        self._remember(after, owned=True)
        return saved

    async def mark_delivered(self, reply_ids: Sequence[int]) -> None:
        """The platform took these replies (the outbox is done with them)."""
        if not reply_ids:
            return
        async with self.db.single_write() as conn:
            await conn.execute(_DELIVERED, {"w_ids": list(reply_ids), "delivered_at": self.clock()})

    async def undelivered(
        self, channel: str, older_than: float, max_age: float = 86400.0, limit: int = 200
    ) -> list[PendingReply]:
        """Replies stored between ``older_than`` seconds and ``max_age`` ago that the
        platform has not taken (a crash between the turn and the send), oldest first. Older
        ones are no use to the founder any more and are left."""
        now = self.clock()
        cutoff, oldest = now - timedelta(seconds=older_than), now - timedelta(seconds=max_age)
        async with self.db.sessions() as session:
            rows = await session.execute(
                select(Message.id, Conversation.external_id, Message.payload, Message.text)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(
                    Message.direction == Direction.OUTBOUND.value,
                    Message.delivered_at.is_(None),
                    Message.channel == channel,
                    Message.created_at <= cutoff,
                    Message.created_at >= oldest,
                )
                .order_by(Message.id)
                .limit(limit)
            )
            return [
                PendingReply(mid, channel, chat, payload or {"text": text})
                for mid, chat, payload, text in rows
            ]

    async def erase_founder(
        self, founder_id: int, why: AuditKind = AuditKind.DELETED_ON_REQUEST
    ) -> None:
        """Erase everything personal about the founder (GDPR art. 17)."""
        if self.eraser is not None:
            await self.eraser(founder_id, why)
        else:
            now = self.clock()
            async with self.db.transaction() as session:
                cases = await erasure.founder_cases(session, founder_id)
                for case in cases:
                    session.add(
                        CaseEvent(
                            case_id=case.id,
                            actor_kind=ActorKind.FOUNDER.value,
                            kind=EventKind.FOUNDER_ERASED,
                            reason="the founder asked for their data to be erased",
                            payload={},
                            created_at=now,
                        )
                    )
                await erasure.erase_personal_data(session, founder_id, cases, now)
        for key, state in list(self._latest.items()):
            if state.founder_id == founder_id:
                del self._latest[key]

    async def finish_request(self, inbox_id: int) -> None:
        await inbox.finish(self.db, inbox_id, now=self.clock())

    async def case_status(self, case_ref: str) -> str | None:
        async with self.db.sessions() as session:
            return await session.scalar(select(Case.status).where(Case.ref == case_ref))
