"""Channel bookkeeping: which platform events were already handled, and where founders are."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database
from bot.storage.models import ChannelIdentity, ProcessedUpdate


async def first_delivery(db: Database, channel: str, update_id: str) -> bool:
    """Record that an inbound event is being handled; False when it was handled before
    (a redelivered Telegram update, a retried Slack event), across restarts and processes."""
    try:
        async with db.transaction() as session:
            session.add(ProcessedUpdate(channel=channel, update_id=update_id))
    except IntegrityError:
        return False
    return True


async def founder_identities(db: Database, founder_id: int) -> list[tuple[str, str]]:
    """(channel, external id) for every channel the founder has used, oldest first."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(ChannelIdentity.channel, ChannelIdentity.external_id)
            .where(ChannelIdentity.founder_id == founder_id)
            .order_by(ChannelIdentity.id)
        )
        return [(channel, external) for channel, external in rows]
