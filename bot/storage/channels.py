"""Where founders are: their ids on each channel."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.db import Database
from bot.storage.models import ChannelIdentity


async def founder_identities(db: Database, founder_id: int) -> list[tuple[str, str]]:
    """(channel, external id) for every channel the founder has used, oldest first."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(ChannelIdentity.channel, ChannelIdentity.external_id)
            .where(ChannelIdentity.founder_id == founder_id)
            .order_by(ChannelIdentity.id)
        )
        return [(channel, external) for channel, external in rows]
