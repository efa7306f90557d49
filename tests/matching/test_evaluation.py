"""The classifier scored against labelled ideas: right first, among three, none, the misses."""

from __future__ import annotations

from bot.matching.evaluation import Labelled, evaluate
from bot.matching.expertise import ExpertiseClassifier


def test_an_evaluation_counts_hits_misses_and_ideas_without_a_sector() -> None:
    items = [
        Labelled("Ett surdegsbageri i Eksjö som levererar bröd till kaféer.", "food_beverage"),
        Labelled("Vi utvecklar mjukvara och en app för lagerhantering.", "digital_tech"),
        Labelled("Ett surdegsbageri med kaffe och bullar.", "retail_ecommerce"),  # a miss
        Labelled("Zxqv plorf wibble.", "business_services"),  # nothing to read
    ]
    result = evaluate(lambda text: ExpertiseClassifier().classify(text).sector_ids, items)
    assert (result.total, result.top1, result.unread) == (4, 2, 1)
    assert result.misses[("retail_ecommerce", "food_beverage")] == 1
    assert result.misses[("business_services", "–")] == 1
    data = result.as_json()
    assert data["top1"] == 0.5 and data["by_sector"]["food_beverage"] == {"right": 1, "ideas": 1}
