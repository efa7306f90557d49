"""Loading the shipped reference data (municipalities, nodes) into the database."""

from __future__ import annotations

from sqlalchemy import select

from bot.datafiles.gazetteer import Gazetteer
from bot.storage.db import Database
from bot.storage.models import Municipality, Node


async def sync_gazetteer(db: Database, gazetteer: Gazetteer) -> None:
    """Insert or update every municipality and node; idempotent, safe on every start."""
    async with db.transaction() as session:
        existing = {m.code: m for m in (await session.scalars(select(Municipality))).all()}
        for m in gazetteer.municipalities.values():
            row = existing.get(m.code) or Municipality(code=m.code)
            row.name, row.seat, row.lat, row.lon, row.in_region = (
                m.name,
                m.seat,
                m.lat,
                m.lon,
                m.in_region,
            )
            session.add(row)
        await session.flush()
        nodes = {n.slug: n for n in (await session.scalars(select(Node))).all()}
        for info in gazetteer.nodes:
            node = nodes.get(info.slug) or Node(slug=info.slug)
            node.name, node.municipality_code = info.name, info.municipality_code
            session.add(node)
