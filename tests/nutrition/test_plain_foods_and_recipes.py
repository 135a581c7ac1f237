"""Issue 10 points 2 and 3: plain names take the plain food (hidden cooking fat told by nutrients), a variety
of a known food takes that food, and dishes no table has take a recipe profile. Labels are dev labels
(tests/nutrition/data/), none of the held-out set.
"""

from __future__ import annotations

import math

import pytest

from pipeline.nutrition.matcher import FoodMatcher
from pipeline.nutrition.recipes import RECIPE_DATA_TYPE, RECIPES, recipe_profiles
from pipeline.nutrition.sources import FoodRecord


@pytest.mark.parametrize("label, most_kcal", [("carp", 180), ("tilapia", 150)])
def test_a_plain_fish_is_not_an_entry_cooked_with_fat(matcher: FoodMatcher, kb, label: str, most_kcal: float) -> None:
    food = matcher.match(label).food
    assert food is not None and float(kb.nutrients[food.index][0]) <= most_kcal, food.description


def test_an_entry_whose_energy_its_protein_does_not_explain_counts_as_fat_added(matcher: FoodMatcher, kb) -> None:
    texts = {f.description: matcher.index.texts[f.index] for f in kb.foods if f.data_type == "survey_fndds_food"}
    assert texts["Fish, salmon, baked or broiled"].added_fat == 1   # 274 kcal vs 188 raw at 20.4 g protein
    assert texts["Fish, salmon, steamed"].added_fat == 0            # its raw food's energy per gram of protein


def test_a_label_asking_for_frying_still_gets_the_fried_food(matcher: FoodMatcher, kb) -> None:
    assert "fried" in matcher.match("fried snapper").food.description.lower() or \
        float(kb.nutrients[matcher.match("fried snapper").food.index][0]) > 150


@pytest.mark.parametrize("label, word", [("heirloom tomato", "tomato"), ("chinese eggplant", "eggplant")])
def test_a_variety_of_a_known_food_takes_that_food(matcher: FoodMatcher, label: str, word: str) -> None:
    result = matcher.match(label)
    assert result.level == "preparation" and word in result.food.description.lower()


def test_a_food_word_in_front_is_no_variety(matcher: FoodMatcher) -> None:
    assert matcher.match("jelly beans").level != "preparation"  # jelly is a food of its own


def test_recipes_compose_usda_ingredients() -> None:
    records = [FoodRecord("Rice, white, cooked, no added fat", "survey_fndds_food", "Rice", [130, 2.7, 0.3, 28, 0.4, 0, 1]),
               FoodRecord("Butter, salted", "sr_legacy_food", "Fats", [717, 0.9, 81, 0.1, 0, 0.1, 643])]
    built, skipped = recipe_profiles(records)
    assert not built and skipped == [r.name for r in RECIPES]  # missing ingredients: nothing made up
    everything = [FoodRecord(d, t, "", [100.0, 1, 2, 3, 4, 5, math.nan]) for r in RECIPES for d, t, _ in r.ingredients]
    built, skipped = recipe_profiles(everything)
    assert not skipped and all(r.data_type == RECIPE_DATA_TYPE and "g " in r.basis for r in built)
    assert built[0].nutrients[0] == pytest.approx(100.0) and math.isnan(built[0].nutrients[6])


def test_a_dish_no_table_has_takes_its_recipe(matcher: FoodMatcher, kb) -> None:
    result = matcher.match("seafood risotto")
    assert result.level == "recipe" and result.food.is_recipe and "recipe profile" in result.food.basis
    assert 100 <= float(kb.nutrients[result.food.index][0]) <= 200
