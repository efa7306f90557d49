"""Loading the shipped reference data (municipalities, nodes, partners) into the database."""

from __future__ import annotations

from sqlalchemy import select

from bot.datafiles.gazetteer import Gazetteer
from bot.datafiles.partners import PartnerRecord
from bot.storage.db import Database
from bot.storage.models import Municipality, Node, Partner


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


async def sync_partners(db: Database, partners: list[PartnerRecord]) -> None:
    """Add the shipped partners not in the database yet; an admin's edits (the address,
    a partner turned off) are never overwritten."""
    async with db.transaction() as session:
        known = set((await session.scalars(select(Partner.key))).all())
        for p in partners:
            if p.key not in known:
                session.add(
                    Partner(
                        key=p.key,
                        name=p.name,
                        what_sv=p.what_sv,
                        what_en=p.what_en,
                        website=p.website,
                        email=p.email,
                        active=True,
                    )
                )
