"""Mass from volume fits the food's form (issue 9 point 7) and carries the volume's 80 % interval
into grams and kcal (issue 9 point 6)."""

from __future__ import annotations

import pytest

from pipeline.nutrition.engine import NutritionEngine
from pipeline.nutrition.food_form import RANDOM_CLOSE_PACKING, density_for_form, food_form
from tests.nutrition.factories import detected, detections


@pytest.mark.parametrize(("label", "form"), [
    ("steak", "whole"), ("apple", "whole"), ("tortilla", "whole"), ("meatballs", "whole"), ("cake", "whole"),
    ("rice", "pieces"), ("salad", "pieces"), ("french fries", "pieces"), ("strawberries", "pieces"),
    ("soup", "poured"), ("orange juice", "poured"), ("mashed potatoes", "poured"),
])
def test_form_of_common_labels(label: str, form: str) -> None:
    assert food_form(label) == form


def test_a_whole_item_takes_the_solid_density_of_cut_pieces() -> None:
    cut = density_for_form(0.46, "FDC portion: 1 cup, sliced = 109 g", "whole")
    assert cut.kind == "solid" and cut.g_per_ml == pytest.approx(0.46 / RANDOM_CLOSE_PACKING, rel=1e-3)
    assert "Scott & Kilgour" in cut.source and "1 cup, sliced" in cut.source
    uncut = density_for_form(1.03, "FDC portion: 1 cup, mashed = 243 g", "whole")
    assert (uncut.kind, uncut.g_per_ml) == ("solid", 1.03)
    pile = density_for_form(0.46, "FDC portion: 1 cup, sliced = 109 g", "pieces")
    assert (pile.kind, pile.g_per_ml) == ("bulk", 0.46)
    fallback = density_for_form(1.0, "category fallback: meat, poultry and fish (typical bulk density)", "whole")
    assert (fallback.kind, fallback.g_per_ml) == ("bulk", 1.0) and "no solid density known" in fallback.source


def test_results_carry_form_density_kind_and_the_interval(engine: NutritionEngine) -> None:
    results = engine.analyse(detections(
        detected("a", "rice", volume_ml=200, volume_ml_p10=170, volume_ml_p90=240, volume_method="depth_integration"),
        detected("b", "steak", volume_ml=100, volume_ml_p10=85, volume_ml_p90=120, volume_method="depth_integration"),
        detected("c", "soup", volume_ml=250, volume_method="container_bowl")))
    rice, steak, soup = results.items
    assert (rice.food_form, rice.density_kind) == ("pieces", "bulk")
    assert steak.food_form == "whole" and "whole item" in steak.density_source
    assert (soup.food_form, soup.density_kind) == ("poured", "solid")
    for item, low, high in ((rice, 170, 240), (steak, 85, 120)):
        assert item.mass_g_p10 == pytest.approx(low * item.density_g_per_ml, rel=1e-3)
        assert item.mass_g_p90 == pytest.approx(high * item.density_g_per_ml, rel=1e-3)
        assert item.kcal_p10 < item.nutrients.kcal < item.kcal_p90
    assert soup.mass_g_p10 is None and soup.kcal_p90 is None


def test_the_report_shows_the_interval_of_grams_and_kcal(engine: NutritionEngine) -> None:
    from pipeline.report import results_rows

    results = engine.analyse(detections(detected("a", "rice", volume_ml=200, volume_ml_p10=170, volume_ml_p90=240)))
    item = results.items[0]
    row = results_rows(results)[0]
    assert row[1] == f"{item.mass_g:.0f} ({item.mass_g_p10:.0f}-{item.mass_g_p90:.0f})"
    assert row[2] == f"{item.nutrients.kcal:.0f} ({item.kcal_p10:.0f}-{item.kcal_p90:.0f})"
