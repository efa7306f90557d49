"""The conversation store on a real database: optimistic concurrency, erasure, transcripts."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.app import Services
from bot.domain import AlreadyPlayedError, ConcurrentUpdateError, Language
from bot.engine.messages import Inbound, InboundKind, Outbound
from bot.storage import inbox
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database
from bot.storage.models import (
    Case,
    CaseEvent,
    ChannelIdentity,
    Conversation,
    Founder,
    InboxItem,
    Message,
)
from tests.chat import Founder as ChatFounder
from tests.intake_driver import Answers, complete_intake


async def test_a_stale_version_is_refused(db: Database) -> None:
    store = SqlConversationStore(db)
    state = await store.start_conversation("test", "u1", "intake", "consent", Language.SV)
    await store.save_turn(state, [])
    saved = await store.load_latest("test", "u1")
    assert saved is not None and saved.version == state.version + 1
    state.step = "name"
    with pytest.raises(ConcurrentUpdateError):
        await store.save_turn(state, [])  # still at the old version
    reloaded = await store.load_latest("test", "u1")
    assert reloaded is not None and reloaded.step == "consent"


async def _inbox_row(db: Database, update_id: str) -> Inbound:
    inbox_id = await inbox.accept(db, "telegram", "bot", update_id, "u1", {"text": "Eva"})
    assert inbox_id is not None
    return Inbound("test", "u1", InboundKind.TEXT, "Eva", inbox_id=inbox_id)


async def _pending(db: Database) -> int:
    async with db.sessions() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(InboxItem).where(InboxItem.processed_at.is_(None))
            )
            or 0
        )


async def test_a_turn_refused_for_a_stale_version_leaves_its_request_to_be_played(
    db: Database,
) -> None:
    store = SqlConversationStore(db)
    state = await store.start_conversation("test", "u1", "intake", "consent", Language.SV)
    stale = state.copy()
    await store.save_turn(state, [])
    message = await _inbox_row(db, "1")
    with pytest.raises(ConcurrentUpdateError):
        await store.save_turn(stale, [Outbound("Hej")], inbound=(message, "Eva"))
    # Nothing of that turn is kept, and the request is still waiting: the replay saves it.
    assert await _pending(db) == 1
    fresh = await store.load_latest("test", "u1")
    assert fresh is not None
    await store.save_turn(fresh, [Outbound("Hej")], inbound=(message, "Eva"))
    assert await _pending(db) == 0


async def test_a_request_played_twice_is_saved_once(db: Database) -> None:
    store = SqlConversationStore(db)
    state = await store.start_conversation("test", "u1", "intake", "consent", Language.SV)
    message = await _inbox_row(db, "1")
    await store.save_turn(state, [Outbound("Hej")], inbound=(message, "Eva"))
    again = await store.load_latest("test", "u1")
    assert again is not None
    with pytest.raises(AlreadyPlayedError):
        await store.save_turn(again, [Outbound("Hej igen")], inbound=(message, "Eva"))
    async with db.sessions() as session:
        texts = (await session.scalars(select(Message.text).order_by(Message.id))).all()
        version = await session.scalar(select(Conversation.version))
    assert texts == ["Eva", "Hej"]
    assert version == state.version + 1


async def test_concurrent_messages_from_one_founder_are_all_kept(services: Services) -> None:
    founder = ChatFounder(services.engine, user_id="busy")
    await founder.command("start")
    await founder.press("Ja, det går bra")
    inbound = [
        services.engine.handle(Inbound("test", "busy", InboundKind.TEXT, f"Namn {i}"))
        for i in range(5)
    ]
    replies = await asyncio.gather(*inbound)
    assert all(replies)
    async with services.db.sessions() as session:
        texts = (
            await session.scalars(select(Message.text).where(Message.direction == "inbound"))
        ).all()
        conversation = await session.scalar(select(Conversation))
    assert {f"Namn {i}" for i in range(5)} <= set(texts)
    assert conversation is not None
    # Each message is one turn: the version moved once per saved turn, none was lost.
    assert conversation.version >= 3


async def _submit(services: Services, user_id: str) -> str:
    founder = ChatFounder(services.engine, user_id=user_id)
    await founder.command("start")
    answers = Answers(
        name="Erik Eriksson",
        place="Vaggeryd",
        idea="Jag vill starta en cykelverkstad med uthyrning av elcyklar.",
        email="erik@example.se",
    )
    done = await complete_intake(founder, answers)
    assert "JKP-" in done
    return done


async def test_erasure_removes_the_person_and_keeps_an_anonymous_case(services: Services) -> None:
    await _submit(services, "erase-me")
    founder = ChatFounder(services.engine, user_id="erase-me")
    await founder.command("delete")
    await founder.press("Ja, radera")
    async with services.db.sessions() as session:
        for model in (Founder, ChannelIdentity, Conversation, Message):
            count = await session.scalar(select(func.count()).select_from(model))
            assert count == 0, f"{model.__tablename__} still has rows"
        case = await session.scalar(select(Case))
        assert case is not None
        assert case.founder_id is None and case.conversation_id is None
        for personal in ("name", "email", "phone", "idea"):
            assert personal not in case.answers
        assert case.answers["stage"] == "starting" and case.answers["erased"] is True
        kinds = (await session.scalars(select(CaseEvent.kind).order_by(CaseEvent.id))).all()
    # No advisors: escalated; the erasure closes the open case (nobody can contact them now).
    assert kinds == ["opened", "escalated", "closed", "founder_erased"]


async def test_submitting_twice_opens_one_case(services: Services) -> None:
    await _submit(services, "twice")
    store = SqlConversationStore(services.db)
    state = await store.load_latest("test", "twice")
    assert state is not None
    opened = await asyncio.gather(*(services.engine.cases.open_case(state) for _ in range(3)))
    assert len({o.ref for o in opened}) == 1
    async with services.db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Case)) == 1


async def test_a_turn_replayed_on_fresh_state_stores_the_founders_words(
    services: Services, settings, db: Database
) -> None:  # type: ignore[no-untyped-def]
    """Two processes, one founder whose updates alternate between them: the one with a
    stale copy (no consent yet) replays the turn on the stored state (consent given) and
    the transcript keeps the name, not "[not stored: no consent yet]"."""
    from bot.app import build_services
    from bot.engine.intake import NOT_STORED

    other = await build_services(settings, db)
    first, second = services.engine, other.engine
    await first.handle(Inbound("telegram", "u7", InboundKind.COMMAND, "start"))
    await second.handle(Inbound("telegram", "u7", InboundKind.CHOICE, "consent:accept"))
    inbox_id = await inbox.accept(db, "telegram", "bot", "77", "u7", {"text": "Eva Svensson"})
    assert inbox_id is not None
    replies = await first.handle(
        Inbound("telegram", "u7", InboundKind.TEXT, "Eva Svensson", inbox_id=inbox_id)
    )
    assert replies
    async with db.sessions() as session:
        said = (
            await session.scalars(
                select(Message.text).where(Message.direction == "inbound").order_by(Message.id)
            )
        ).all()
    assert said[-1] == "Eva Svensson" and NOT_STORED not in said
