"""Where founders are: their ids on each channel."""

from __future__ import annotations

from sqlalchemy import select

from bot.records import ChatHistory, ChatLine
from bot.storage.db import Database
from bot.storage.models import ChannelIdentity, Conversation, Message


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
