"""Erasure that erases: after /delete, every string the founder typed is gone from every
table and column, their open case is closed with its offer withdrawn, the advisor's note is
gone, and the audit trail says who erased and why — and refuses to be rewritten otherwise."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot.app import Services
from bot.storage import inbox
from bot.storage.db import Database
from bot.storage.models import AuditEntry, Base, Case, CaseEvent, InboxItem, Offer
from tests.chat import Founder
from tests.intake_driver import Answers, complete_intake
from tests.roster import advisor, seed_advisors

TYPED = {
    "name": "Zelda Unikasson",
    "place": "Jag bor i Gislaved nära Smålandsstenar",
    "idea": "Ett kvantbageri som bakar zebrakakor och levererar dem med elcykel i Gislaved.",
    "email": "zelda.unik@example.se",
}
NOTE = "Zelda låter som en släkting till mig"
# Kept on purpose: the municipality (reference data; the results count per municipality).
KEPT = {"Gislaved"}


async def _intake(founder: Founder) -> None:
    await founder.command("start")
    answers = Answers(
        name=TYPED["name"],
        place=TYPED["place"],
        idea=TYPED["idea"],
        email=TYPED["email"],
        place_confirm=None,
    )
    assert "JKP-" in await complete_intake(founder, answers)


async def _everything(db: Database) -> str:
    """Every value of every row of every table, as text."""
    parts: list[str] = []
    async with db.sessions() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).all():
                parts.append(json.dumps([str(v) for v in row], ensure_ascii=False))
    return "\n".join(parts)


def _words(values: dict[str, str]) -> list[str]:
    out = [*values.values(), NOTE]
    out += [w.strip(".,") for v in values.values() for w in v.split() if len(w) > 6]
    return [w for w in out if w not in KEPT]


async def test_delete_leaves_nothing_the_founder_typed(services: Services, db: Database) -> None:
    await seed_advisors(
        db,
        advisor("gis-1", "gislaved", "food_beverage", "financing"),
        advisor("gis-2", "gislaved", "food_beverage"),
    )
    founder = Founder(services.engine, user_id="zelda")
    await _intake(founder)
    async with db.sessions() as session:
        case = await session.scalar(select(Case))
        offer = await session.scalar(select(Offer).where(Offer.status == "pending"))
    assert case is not None and offer is not None
    # An advisor declines with a note about the founder; the next one gets the offer.
    await services.workflow.decline(offer.id, offer.advisor_id, "conflict_of_interest", NOTE)
    # A message that failed to play is kept in the inbox with its text, until erasure.
    failed = await inbox.accept(db, "test", "bot", "u-1", "zelda", {"text": TYPED["idea"]})
    assert failed is not None
    await inbox.finish(db, failed, "failed")
    before = await _everything(db)
    assert all(w in before for w in (TYPED["name"], TYPED["email"], NOTE))

    await founder.command("delete")
    await founder.press("Ja, radera")
    assert "raderade" in founder.text

    after = await _everything(db)
    left = [w for w in _words(TYPED) if w in after]
    assert left == [], f"still stored after erasure: {left}"
    async with db.sessions() as session:
        case = await session.get(Case, case.id)
        assert case is not None
        assert (case.status, case.outcome, case.founder_id) == ("closed", "not_pursued", None)
        assert case.answers["place"]["municipality_code"] == "0662"
        assert case.answers["needs"] == ["financing"] and case.answers["stage"] == "starting"
        assert [s["id"] for s in case.answers["sectors"]], "sector ids are kept"
        offers = (await session.scalars(select(Offer).order_by(Offer.id))).all()
        assert [o.status for o in offers] == ["declined", "withdrawn"]
        kinds = (
            await session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id))
        ).all()
        assert kinds[-2:] == ["closed", "founder_erased"]
        audit = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
        assert [a.kind for a in audit] == [
            "roster_imported",
            "intake_started",
            "consent_given",
            "intake_submitted",
            "deleted_on_request",
        ]
        assert (audit[-1].actor_kind, audit[-1].payload["cases"]) == ("founder", [case.ref])


@pytest.mark.parametrize(
    "statement", ["UPDATE case_event SET kind = 'x'", "DELETE FROM case_event"]
)
async def test_the_audit_trail_refuses_to_be_rewritten(
    services: Services, db: Database, statement: str
) -> None:
    founder = Founder(services.engine, user_id="audit")
    await _intake(founder)
    async with db.sessions() as session:
        count = len((await session.scalars(select(CaseEvent.id))).all())
    assert count >= 2
    with pytest.raises((IntegrityError, DBAPIError)):
        async with db.transaction() as session:
            await session.execute(text(statement))
    with pytest.raises((IntegrityError, DBAPIError)):
        async with db.transaction() as session:
            await session.execute(text("DELETE FROM audit_log"))
            await session.execute(text("DELETE FROM case_event"))
    async with db.sessions() as session:
        assert len((await session.scalars(select(CaseEvent.id))).all()) == count


def test_words_helper_sees_every_typed_string() -> None:
    words: list[Any] = _words(TYPED)
    assert "zebrakakor" in words and TYPED["email"] in words


async def test_a_founder_erased_by_an_operator_meanwhile_starts_afresh(
    services: Services, db: Database
) -> None:
    """Erased from another process (the CLI) while this one holds their state in memory: the
    next message is not an error, it is a new start."""
    founder = Founder(services.engine, user_id="gone")
    await founder.command("start")
    await founder.press("Ja, det går bra")
    state = await services.engine.store.load_latest("test", "gone")
    assert state is not None
    from bot.storage.conversations import SqlConversationStore

    await SqlConversationStore(db).erase_founder(state.founder_id)  # another process's store
    await founder.say("Anna")
    assert "Är det okej att vi sparar dina svar?" in founder.text


async def test_a_message_sent_after_delete_is_still_played(
    services: Services, db: Database
) -> None:
    """Erasure clears the text of requests already played; one still waiting in the inbox
    (a /start sent right after /delete, or the erasing turn's own, replayed after a crash)
    keeps it, so it is played into a fresh conversation instead of as an empty request."""
    founder = Founder(services.engine, user_id="zelda")
    await founder.command("start")
    await founder.press("Ja, det går bra")
    await founder.say(TYPED["name"])
    waiting = await inbox.accept(db, "test", "bot", "u-9", "zelda", {"text": "/start"})
    assert waiting is not None
    await founder.command("delete")
    await founder.press("Ja, radera")
    async with db.sessions() as session:
        row = await session.get(InboxItem, waiting)
    assert row is not None and row.processed_at is None
    assert row.payload == {"text": "/start"}, "still playable"


async def test_an_erased_founders_ids_are_never_handed_to_the_next(
    services: Services, db: Database
) -> None:
    """The audit log names an intake by its conversation id, and the report's funnel groups
    milestones by it: the next founder must not inherit the erased founder's id (SQLite's
    default hands the newest row's id out again once that row is deleted)."""
    first = Founder(services.engine, user_id="first")
    await first.command("start")
    await first.press("Ja, det går bra")
    await first.say("Anna")
    await first.command("delete")
    await first.press("Ja, radera")
    second = Founder(services.engine, user_id="second")
    await second.command("start")
    async with db.sessions() as session:
        started = (
            await session.scalars(
                select(AuditEntry.subject).where(AuditEntry.kind == "intake_started")
            )
        ).all()
    assert len(started) == 2 and len(set(started)) == 2, started


async def test_every_table_with_an_id_never_reuses_one(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("PostgreSQL's sequences never go back")
    async with db.sessions() as session:
        rows = (
            await session.execute(text("SELECT name, sql FROM sqlite_master WHERE type='table'"))
        ).all()
    # A surrogate "id" column (not "founder_id": a table keyed by its founder reuses nothing).
    with_ids = {name for name, sql in rows if re.search(r"[(\s]id INTEGER NOT NULL", sql)}
    assert with_ids and with_ids == {name for name, sql in rows if "AUTOINCREMENT" in sql}
