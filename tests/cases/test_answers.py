"""A case's answers read once, typed (bot/answers.py): what the intake stored, what the
product added, and old or damaged data read as absent, never as a crash."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answers import FLOW_ANSWERS, CaseAnswers, SectorAnswer
from bot.content import load_flow

STORED: dict[str, Any] = {
    "name": "Frida Framåt",
    "place": {"municipality_code": "0683", "locality": "Värnamo", "municipality": "Värnamo"},
    "idea": "Ett bageri med surdegsbröd.",
    "sector": "food_beverage",
    "sector_readings": ["food_beverage", "retail_ecommerce"],
    "stage": "starting",
    "needs": ["financing", "premises"],
    "contact_method": "email",
    "email": "frida@example.se",
    "sectors": [{"id": "food_beverage", "score": 1.0, "triggers": ["bageri"], "confirmed": True}],
    "sni": {"code": "10710", "name": "Tillverkning av mjukt matbröd och färska bakverk"},
    "followup": {"consent": True},
}


def test_what_the_intake_stored_is_read_once_and_typed() -> None:
    a = CaseAnswers.read(STORED)
    assert (a.name, a.email, a.phone) == ("Frida Framåt", "frida@example.se", None)
    assert (a.municipality_code, a.locality, a.stage) == ("0683", "Värnamo", "starting")
    assert a.needs == ("financing", "premises")
    assert a.sectors == (SectorAnswer("food_beverage", 1.0, ("bageri",), confirmed=True),)
    assert a.sectors[0].source == "founder" and a.sector_ids == ("food_beverage",)
    assert (a.sni_code, a.followup_consent, a.erased) == ("10710", True, False)


def test_a_staff_correction_and_an_erasure() -> None:
    corrected = CaseAnswers.read({
        "sectors": [{"id": "retail_ecommerce", "score": 1.0, "corrected": True}],
        "sector_correction": {"from": ["food_beverage"], "to": "retail_ecommerce"},
    })  # fmt: skip
    assert corrected.sectors[0].source == "staff"
    assert (corrected.corrected_from, corrected.corrected_to) == (
        ("food_beverage",), "retail_ecommerce",
    )  # fmt: skip
    erased = CaseAnswers.read({"stage": "idea", "erased": True, "sectors": [{"id": "x"}]})
    assert erased.erased and erased.name is None and erased.sector_ids == ("x",)


@pytest.mark.parametrize(
    "raw",
    [
        None, [], "answers", {"needs": "financing", "sectors": {"id": "x"}, "place": "Värnamo"},
        {"sectors": [None, {"score": 2}, {"id": "ok", "score": "high", "triggers": 5}]},
        {"name": 5, "followup": {"consent": "yes"}, "sni": ["10710"], "stage": ["idea"]},
    ],
)  # fmt: skip
def test_old_or_damaged_answers_are_absent_never_a_crash(raw: Any) -> None:
    a = CaseAnswers.read(raw)
    assert a.name is None and a.needs == () and a.followup_consent is None
    assert a.stage is None and a.sni_code is None and a.municipality_code is None
    assert all(s.id == "ok" and s.score == 1.0 and s.triggers == () for s in a.sectors)


def test_every_answer_the_flow_stores_is_one_a_case_reads() -> None:
    stored = {step.answer for step in load_flow().steps.values() if step.answer}
    assert stored <= FLOW_ANSWERS, stored - FLOW_ANSWERS
