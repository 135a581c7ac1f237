"""NutritionEngine.analyse: portions, scaling, totals, shares and every warning of results.json."""

from __future__ import annotations

import pytest

from pipeline.contracts.results import NUTRIENT_FIELDS, Results
from pipeline.nutrition.engine import ItemInput, NutritionEngine
from tests.nutrition.factories import JOB_ID, detected, detections


def codes(results: Results, item_id: str | None = None) -> set[str]:
    return {w.code for w in results.warnings if item_id is None or w.item_id == item_id}


def test_explicit_mass_scales_per_100g_values(engine: NutritionEngine, kb) -> None:
    results = engine.analyse(detections(detected("a", "rice", mass_g=150, mass_source="vlm")))
    item = results.items[0]
    per_100g = kb.nutrients[engine.matcher.match("rice").food.index]
    assert item.mass_g == 150 and item.mass_source == "explicit"
    for key, value in zip(NUTRIENT_FIELDS, per_100g):
        expected = 0.0 if value != value else value * 1.5
        assert getattr(item.nutrients, key) == pytest.approx(expected, abs=1e-2)
    assert results.totals.kcal == pytest.approx(item.nutrients.kcal, abs=0.01)
    assert item.kcal_share == 1.0
    assert results.job_id == JOB_ID and results.knowledge_base["content_hash"] == kb.meta["content_hash"]


def test_volume_uses_density_and_records_its_source(engine: NutritionEngine) -> None:
    results = engine.analyse(detections(detected("a", "olive oil", volume_ml=10, volume_method="depth_integration")))
    item = results.items[0]
    assert item.mass_source == "volume" and item.volume_ml == 10
    assert 0.85 <= item.density_g_per_ml <= 0.95 and item.density_source
    assert item.mass_g == pytest.approx(10 * item.density_g_per_ml, rel=1e-3)
    assert 75 <= item.nutrients.kcal <= 95      # ~9 g of oil


def test_explicit_mass_wins_over_volume(engine: NutritionEngine) -> None:
    item = engine.analyse(detections(detected("a", "rice", volume_ml=500, mass_g=100))).items[0]
    assert item.mass_g == 100 and item.mass_source == "explicit"


def test_no_portion_is_zero_mass_with_a_warning(engine: NutritionEngine) -> None:
    results = engine.analyse(detections(detected("a", "apple")))
    assert results.items[0].mass_g == 0 and results.items[0].mass_source == "none"
    assert "NO_PORTION" in codes(results, "a") and results.totals.kcal == 0


def test_unmatched_label_adds_nothing_and_warns(engine: NutritionEngine) -> None:
    results = engine.analyse(detections(detected("a", "asdfghjk", mass_g=200), detected("b", "banana", mass_g=100)))
    junk, banana = results.items
    assert junk.match is None and junk.confidence == 0 and junk.nutrients.kcal == 0
    assert "UNMATCHED" in codes(results, "a")
    assert results.totals.kcal == pytest.approx(banana.nutrients.kcal)
    assert 80 <= banana.nutrients.kcal <= 100
    assert junk.kcal_share == 0 and banana.kcal_share == 1


def test_totals_are_sums_and_shares_add_up(engine: NutritionEngine) -> None:
    results = engine.analyse(detections(
        detected("a", "rice", mass_g=150), detected("b", "grilled chicken breast", mass_g=120),
        detected("c", "broccoli", mass_g=80), detected("d", "olive oil", mass_g=10)))
    for key in NUTRIENT_FIELDS:
        assert getattr(results.totals, key) == pytest.approx(sum(getattr(i.nutrients, key) for i in results.items), abs=0.05)
    assert sum(i.kcal_share for i in results.items) == pytest.approx(1.0, abs=1e-3)
    assert 450 <= results.totals.kcal <= 620   # 195 + 168-240 + 24-48 + 88-90 kcal
    assert all(c.fdc_id is None and c.food_id for i in results.items for c in i.candidates)


def test_single_frame_random_weights_and_no_food(engine: NutritionEngine) -> None:
    results = engine.analyse(detections(detected("a", "rice", mass_g=100, frames=[7]), weights="random"))
    assert "SINGLE_FRAME" in codes(results, "a") and "RANDOM_WEIGHTS" in codes(results)
    assert results.weights == "random"
    empty = engine.analyse(detections())
    assert codes(empty) == {"NO_FOOD"} and empty.totals.kcal == 0


def test_low_confidence_is_flagged_by_threshold(kb) -> None:
    strict = NutritionEngine(kb, min_confidence=0.999)
    results = strict.analyse(detections(detected("a", "rice", mass_g=100)))
    assert "LOW_CONFIDENCE_MATCH" in codes(results, "a")
    vague = strict.analyse(detections(detected("a", "spaghetti carbonara with truffle foam", mass_g=100)))
    assert codes(vague, "a") & {"LOW_CONFIDENCE_MATCH", "BACKED_OFF"}  # an untrusted pick backs off and says so
    relaxed = NutritionEngine(kb, min_confidence=0.0)
    assert "LOW_CONFIDENCE_MATCH" not in codes(relaxed.analyse(detections(detected("a", "rice", mass_g=100))))


def test_missing_nutrients_are_named(engine: NutritionEngine, kb) -> None:
    lacking_fibre = [f for f in kb.foods if kb.nutrients[f.index][4] != kb.nutrients[f.index][4]][:40]
    exact = [f for f in lacking_fibre if engine.matcher.match(f.description).food.description == f.description]
    assert exact, "expected some entries without fibre to match their own description"
    results = engine.analyse(detections(detected("a", exact[0].description, mass_g=100)))
    assert "MISSING_NUTRIENT" in codes(results, "a") and results.items[0].nutrients.fiber_g == 0


def test_results_document_round_trips(engine: NutritionEngine) -> None:
    results = engine.analyse(detections(detected("a", "rice", mass_g=100, frames=[1])))
    assert Results.model_validate_json(results.model_dump_json()) == results


def test_batch_meals_share_matches(engine: NutritionEngine) -> None:
    meals = [[ItemInput("0", "rice", mass_g=100)], [ItemInput("0", "rice", mass_g=200), ItemInput("1", "apple", mass_g=100)]]
    first, second = engine.analyse_meals(meals)
    assert second.items[0].nutrients.kcal == pytest.approx(2 * first.items[0].nutrients.kcal, rel=1e-3)
    assert second.items[0].match == first.items[0].match


def test_settings_are_validated(kb) -> None:
    with pytest.raises(ValueError):
        NutritionEngine(kb, min_confidence=1.5)
    with pytest.raises(ValueError):
        NutritionEngine(kb, top_k=0)
