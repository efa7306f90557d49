"""The audit trail has no gaps: consent given or declined, a cancelled intake, a referral
outside the region and roster imports are in the audit log, with no personal data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.app import Services
from bot.assembly import import_roster_file
from bot.domain import Actor, ActorKind
from bot.storage.db import Database
from bot.storage.models import AuditEntry
from tests.chat import Founder


async def _kinds(db: Database) -> list[tuple[str, str]]:
    async with db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    return [(a.kind, a.actor_kind) for a in rows]


async def test_conversation_milestones_are_audited(services: Services, db: Database) -> None:
    declined = Founder(services.engine, user_id="no-thanks")
    await declined.command("start")
    await declined.press("Nej tack")
    cancelled = Founder(services.engine, user_id="changed-mind")
    await cancelled.command("start")
    await cancelled.press("Ja, det går bra")
    await cancelled.command("cancel")
    referred = Founder(services.engine, user_id="far-away")
    await referred.command("start")
    await referred.press("Ja, det går bra")
    await referred.say("Per Persson")
    await referred.say("Jag bor i Tranemo")
    await referred.press("Avsluta")
    assert await _kinds(db) == [
        ("intake_started", "founder"),
        ("consent_declined", "founder"),
        ("intake_started", "founder"),
        ("consent_given", "founder"),
        ("intake_cancelled", "founder"),
        ("intake_started", "founder"),
        ("consent_given", "founder"),
        ("referred_out_of_region", "founder"),
    ]
    async with db.sessions() as session:
        texts = " ".join(
            f"{a.subject} {a.reason} {a.payload}"
            for a in (await session.scalars(select(AuditEntry))).all()
        )
    assert "Per Persson" not in texts and "Tranemo" not in texts


async def test_roster_imports_and_deactivations_are_audited(db: Database, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "key,name,node,email,slack_user_id,expertise,languages,capacity,is_coordinator,active\n"
        "t-1,Test Ett,varnamo,,,food_beverage,sv,3,false,true\n"
        "t-2,Test Två,varnamo,,,food_beverage,sv,3,false,true\n",
        encoding="utf-8",
    )
    await import_roster_file(db, roster, actor=Actor(ActorKind.COORDINATOR, "cli:tester"))
    roster.write_text(
        "key,name,node,email,slack_user_id,expertise,languages,capacity,is_coordinator,active\n"
        "t-1,Test Ett,varnamo,,,food_beverage,sv,3,false,true\n",
        encoding="utf-8",
    )
    await import_roster_file(db, roster, replace=True, actor=Actor(ActorKind.ADMIN, "cli:tester"))
    async with db.sessions() as session:
        rows = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    # Who imported is recorded as who they are (a coordinator's import is not an admin's).
    assert [(a.kind, a.actor_kind, a.actor_id, a.payload["deactivated"]) for a in rows] == [
        ("roster_imported", "coordinator", "cli:tester", []),
        ("roster_imported", "admin", "cli:tester", ["t-2"]),
    ]
