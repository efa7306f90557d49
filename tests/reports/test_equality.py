"""The optional questions about the founder, end to end: asked after the intake only when the
region turns them on, each with "prefer not to say" and "skip"; kept apart, once per founder;
counted in the funder pack by gender, age and country of birth with small counts suppressed;
in the founder's own export; gone with an erasure, which changes no total."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.app import Services, build_services
from bot.cases.actions import Actor
from bot.cases.orgnr import luhn_ok
from bot.domain import ActorKind
from bot.reports import Period, funder_pack
from bot.reports.equality import suppress
from bot.reports.funder import funder_texts, to_xlsx
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.export import export_founder
from bot.storage.models import Case, FounderProfile
from tests.cases.conftest import FakeClock
from tests.chat import Founder
from tests.intake_driver import Answers, complete_intake
from tests.roster import advisor, seed_advisors

ADMIN = Actor(ActorKind.ADMIN, "admin")
VAR = Actor(ActorKind.ADVISOR, "var-1")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_small_counts_are_hidden_and_one_more_so_none_can_be_worked_out() -> None:
    assert suppress({"woman": 7, "man": 9, "other": 0}, 5) == {"woman": 7, "man": 9, "other": 0}
    # One hidden cell alone would be the total minus the rest: the next smallest goes too.
    assert suppress({"woman": 7, "man": 9, "other": 2}, 5) == {
        "woman": None,
        "man": 9,
        "other": None,
    }
    assert suppress({"woman": 3, "man": 9, "other": 2}, 5) == {
        "woman": None,
        "man": 9,
        "other": None,
    }
    assert suppress({"woman": 1, "man": 0}, 5) == {"woman": None, "man": 0}
    assert suppress({"woman": 4}, 3) == {"woman": 4}


def _orgnr(first_nine: str) -> str:
    """A valid organisation number: nine digits and their Luhn check digit."""
    for last in "0123456789":
        if luhn_ok(first_nine + last):
            return first_nine + last
    raise AssertionError(first_nine)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


async def product_with(settings: Settings, db: Database, clock: FakeClock, ask: bool) -> Services:
    await seed_advisors(db, advisor("var-1", "varnamo", "food_beverage", "financing"))
    return await build_services(
        settings.model_copy(update={"ask_about_founder": ask}), db, clock=clock
    )


async def intake(product: Services, user: str) -> tuple[Founder, str]:
    founder = Founder(product.engine, user_id=user)
    await founder.command("start")
    shown = await complete_intake(
        founder,
        Answers(
            name=f"Grundare {user}",
            place="Jag bor i Värnamo",
            idea="Ett bageri med surdegsbröd som levererar till kaféer i Värnamo.",
            email=f"{user}@example.se",
            place_confirm=None,
        ),
    )
    found = re.search(r"JKP-\d{4}-\d+", shown)
    assert found
    return founder, found.group(0)


async def test_not_asked_unless_the_region_turns_it_on(
    settings: Settings, db: Database, clock: FakeClock
) -> None:
    product = await product_with(settings, db, clock, ask=False)
    founder, _ = await intake(product, "u1")
    assert "frivillig" not in founder.text and "Vilket kön" not in founder.text
    await founder.choose("about:gender:woman")
    assert "hittar jag inte längre" in founder.text, "a forged press records nothing"
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(FounderProfile)) == 0


async def test_asked_once_counted_suppressed_exported_and_erased(
    settings: Settings, db: Database, clock: FakeClock
) -> None:
    product = await product_with(settings, db, clock, ask=True)
    founders = []
    # Six women, two men, one who prefers not to say, one who skips: by hand, the gender row
    # of ideas is woman 6, man 2 (hidden), unsaid 1 (hidden), not asked 1 (hidden).
    for n, gender in enumerate(["woman"] * 6 + ["man", "man", "unsaid", None], start=1):
        founder, ref = await intake(product, f"u{n}")
        assert "väljer själv om du vill svara" in founder.text
        assert "Vilket kön har du?" in founder.text
        assert founder.buttons == [
            "Kvinna", "Man", "Annat", "Vill inte svara", "Hoppa över frågorna",
        ]  # fmt: skip
        if gender is None:
            await founder.press("Hoppa över frågorna")
            assert "vi frågar inte mer" in founder.text
        else:
            await founder.choose(f"about:gender:{gender}")
            assert "Hur gammal är du?" in founder.text
            await founder.press("25–34")
            assert "född i Sverige" in founder.text
            await founder.press("I ett annat land" if n % 2 else "I Sverige")
            assert "Tack för att du svarade" in founder.text
        founders.append((founder, ref))

    # Answering again changes the answer, never the count; forged presses record nothing.
    first, first_ref = founders[0]
    await first.choose("about:gender:woman")
    for forged in ("about:", "about:gender:", "about:gender:robot", "about:shoe:woman"):
        await first.choose(forged)
        assert "hittar jag inte längre" in first.text, forged
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(FounderProfile)) == 9

    # Five of the women's cases name five companies; one man's case names the first woman's
    # company again: an enterprise counts once, by the founder who brought it first.
    numbers = [_orgnr(f"55601234{n}") for n in range(5)]
    for (_, ref), orgnr in zip(founders[:5] + founders[6:7], numbers + numbers[:1], strict=True):
        await product.workflow.reassign(ref, "var-1", ADMIN)
        await product.workflow.companies.record(ref, VAR, orgnr=orgnr)

    pack = await funder_pack(db, Period.year(2026), clock(), min_cell=5)
    assert pack.rco01_enterprises_supported == 5
    gender = next(s for s in pack.equality if s.dimension == "gender")
    assert gender.rows["ideas"] == {
        "woman": 6, "man": None, "other": 0, "unsaid": None, "not_asked": None,
    }  # fmt: skip
    assert gender.totals["ideas"] == 10
    assert gender.rows["enterprises"] == {
        "woman": 5, "man": 0, "other": 0, "unsaid": 0, "not_asked": 0,
    }  # fmt: skip
    age = next(s for s in pack.equality if s.dimension == "age_band")
    # Nine of ten in one band and one skipped: the one is hidden, so the nine must be too
    # (ten minus nine would show it).
    assert age.rows["ideas"]["25_34"] is None and age.rows["ideas"]["not_asked"] is None
    assert age.rows["ideas"]["under_25"] == 0
    born = next(s for s in pack.equality if s.dimension == "born_abroad")
    # Odd founders (1, 3, 5, 7) answered abroad, even (2, 4, 6, 8) Sweden, 9 abroad: 5 and 4.
    assert born.rows["ideas"]["abroad"] == 5 and born.rows["ideas"]["sweden"] is None

    book = load_workbook(io.BytesIO(to_xlsx(pack, funder_texts("sv"))))
    assert "Jämställdhet" in book.sheetnames
    rows = list(book["Jämställdhet"].iter_rows(values_only=True))
    assert ("Idéer (nya ärenden)", 6, "<5", 0, "<5", "<5", 10) in [r[:7] for r in rows]

    # The founder's own export holds their answers (GDPR art. 15).
    async with db.sessions() as session:
        case = await session.scalar(select(Case).where(Case.ref == first_ref))
        assert case is not None and case.founder_id is not None
        founder_id = case.founder_id
    # A founder who answered is not asked again (a later case); one who skipped is.
    assert not await product.workflow.profiles.wanted(founder_id)
    exported = await export_founder(db, founder_id)
    assert exported["about_you"]["gender"] == "woman"

    # Erased: the answers go; the ideas total stays, the woman count moves to "no answer".
    await product.workflow.erase_founder(founder_id, ADMIN, "asked by phone")
    async with db.sessions() as session:
        assert await session.get(FounderProfile, founder_id) is None
    after = await funder_pack(db, Period.year(2026), clock(), min_cell=5)
    gender = next(s for s in after.equality if s.dimension == "gender")
    assert gender.totals["ideas"] == 10, "an erasure changes no total"
    assert gender.rows["ideas"]["woman"] == 5
