"""Where founders are: their ids on each channel."""

from __future__ import annotations

from sqlalchemy import select

from bot.records import ChatHistory, ChatLine
from bot.storage.db import Database
from bot.storage.models import Case, ChannelIdentity, Conversation, Message, utcnow


async def founder_identities(db: Database, founder_id: int) -> list[tuple[str, str]]:
    """(channel, external id) for every channel the founder has used, oldest first."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(ChannelIdentity.channel, ChannelIdentity.external_id)
            .where(ChannelIdentity.founder_id == founder_id)
            .order_by(ChannelIdentity.id)
        )
        return [(channel, external) for channel, external in rows]


async def chat_history(
    db: Database, channel: str, external_id: str, limit: int = 400
) -> ChatHistory:
    """The founder's latest conversation on this channel, oldest line first (a web page
    shows it again after a reload or a restart)."""
    async with db.sessions() as session:
        conversation = await session.scalar(
            select(Conversation)
            .where(Conversation.channel == channel, Conversation.external_id == external_id)
            .order_by(Conversation.id.desc())
            .limit(1)
        )
        if conversation is None:
            return ChatHistory(None)
        rows = (
            await session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation.id)
                .order_by(Message.id.desc())
                .limit(limit)
            )
        ).all()
    return ChatHistory(
        conversation.language,
        [ChatLine(m.direction, m.kind, m.text, m.payload, m.id) for m in reversed(rows)],
    )


async def add_news(
    db: Database,
    channel: str,
    external_id: str,
    text: str,
    choices: list[dict[str, str]] | None = None,
) -> bool:
    """Case news for a founder on a page-based channel: a message at the end of their latest
    conversation, shown when they come back. False when there is no conversation (erased)."""
    async with db.transaction() as session:
        conversation = await session.scalar(
            select(Conversation)
            .where(Conversation.channel == channel, Conversation.external_id == external_id)
            .order_by(Conversation.id.desc())
            .limit(1)
        )
        if conversation is None:
            return False
        now = utcnow()
        session.add(
            Message(
                conversation_id=conversation.id,
                direction="outbound",
                channel=channel,
                kind="news",
                text=text,
                payload={
                    "text": text,
                    "choices": choices or [],
                    "multi_select": False,
                    "news": True,
                },
                created_at=now,
                delivered_at=now,
            )
        )
    return True


async def founder_email(db: Database, founder_id: int, case_ref: str) -> str | None:
    """The email address the founder gave in this case (None when they chose the phone)."""
    async with db.sessions() as session:
        answers = await session.scalar(
            select(Case.answers).where(Case.ref == case_ref, Case.founder_id == founder_id)
        )
    email = (answers or {}).get("email")
    return str(email) if email else None
