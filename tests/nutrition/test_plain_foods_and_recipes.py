"""Issue 10 points 2 and 3: plain names take the plain food (hidden cooking fat told by nutrients), a variety
of a known food takes that food, and dishes no table has take a recipe profile. Labels are dev labels
(tests/nutrition/data/), none of the held-out set.
"""

from __future__ import annotations

import math

import pytest

from pipeline.nutrition.matcher import FoodMatcher
from pipeline.nutrition.recipes import COOKING_YIELDS, RECIPE_DATA_TYPE, RECIPES, Recipe, recipe_profiles
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


def test_every_recipe_is_built_from_ingredients_the_data_has(kb) -> None:
    built = {f.description for f in kb.foods if f.is_recipe}
    assert [r.name for r in RECIPES if r.name not in built] == []  # a renamed or missing FDC ingredient drops its dish
    assert not kb.meta["recipes_skipped"]


def test_every_recipe_answers_to_its_own_name(matcher: FoodMatcher) -> None:
    answers = matcher.match_many([r.name.lower() for r in RECIPES])
    wrong = {r.name: (answers[r.name.lower()].level, answers[r.name.lower()].food and answers[r.name.lower()].food.description)
             for r in RECIPES if answers[r.name.lower()].level != "recipe"
             or answers[r.name.lower()].food.description != r.name}
    assert wrong == {}  # a glossary reading or an entry sharing its words must not take a recipe's own name


# dishes of several cuisines that no dev file names, under their usual names and spellings
@pytest.mark.parametrize("label, dish", [
    ("bigos", "Bigos"), ("fabada", "Fabada"), ("toad in the hole", "Toad in the hole"),
    ("caldo verde", "Caldo verde"), ("käsespätzle", "Kasespatzle"), ("okonomiyaki", "Okonomiyaki"),
    ("egusi", "Egusi soup"), ("crema catalana", "Crema catalana"), ("japchae", "Japchae"),
    ("scotch eggs", "Scotch egg"), ("eton mess", "Eton mess"), ("goat curry", "Curry goat"), ("chole", "Chana masala"),
    ("goi cuon", "Rice paper rolls"), ("bircher", "Bircher muesli"), ("ma po tofu", "Mapo tofu"),
    # the second round of recipes: street food, stews, pastas, breakfasts and desserts of many cuisines
    ("nikujaga", "Nikujaga"), ("kaiserschmarrn", "Kaiserschmarrn"), ("fesenjan", "Fesenjan"),
    ("thieboudienne", "Thieboudienne"), ("coxinha", "Coxinha"), ("banoffee pie", "Banoffee pie"),
    ("cacio e pepe", "Cacio e pepe"), ("char kway teow", "Char kway teow"), ("bunny chow", "Bunny chow"),
    ("pastitsio", "Pastitsio"), ("mofongo", "Mofongo"), ("salmorejo", "Salmorejo"), ("dal makhani", "Dal makhani"),
    ("jjajangmyeon", "Jjajangmyeon"), ("tarte flambée", "Tarte flambee"), ("flammkuchen", "Tarte flambee"),
    ("gimbap", "Kimbap"), ("kushari", "Koshari"),
])
def test_a_dish_no_table_has_answers_with_its_recipe(matcher: FoodMatcher, kb, label: str, dish: str) -> None:
    result = matcher.match(label)
    assert result.level == "recipe" and result.food.description == dish, (result.level, result.food)
    kcal, _ = _ingredient_kcal(kb, dish)
    dish_grams = next(r for r in RECIPES if r.name == dish).dish_grams()
    assert float(kb.nutrients[result.food.index][0]) == pytest.approx(100 * kcal / dish_grams, rel=1e-4)  # per 100 g


def _ingredient_kcal(kb, dish: str) -> tuple[float, float]:
    """A recipe's ingredients' energy in kcal and their weight in g, as listed."""
    recipe = next(r for r in RECIPES if r.name == dish)
    foods = {(f.description, f.data_type): f.index for f in kb.foods if not f.is_recipe}
    return sum(float(kb.nutrients[foods[(d, t)]][0]) * g / 100 for d, t, g in recipe.ingredients), recipe.listed_grams()


@pytest.mark.parametrize("label, dish", [("toad in the hole", "Toad in the hole"), ("kaiserschmarrn", "Kaiserschmarrn"),
                                         ("flammkuchen", "Tarte flambee")])
def test_a_dish_baked_from_its_batter_or_dough_is_weighed_after_the_bake(matcher: FoodMatcher, kb, label: str,
                                                                        dish: str) -> None:
    # the batter's grams are weighed raw; the bake drives water out, so 100 g of the dish hold more than 100 g of batter
    kcal, grams = _ingredient_kcal(kb, dish)
    food = matcher.match(label).food
    assert food.description == dish and "left, the water cooking drives out" in food.basis
    dish_grams = grams * COOKING_YIELDS["baked or griddled"]
    assert float(kb.nutrients[food.index][0]) == pytest.approx(100 * kcal / dish_grams, rel=1e-4)


@pytest.mark.parametrize("label, dish", [("red braised pork", "Red braised pork"), ("fabada", "Fabada")])
def test_a_dish_of_ingredients_listed_as_eaten_weighs_what_they_weigh(matcher: FoodMatcher, kb, label: str,
                                                                      dish: str) -> None:
    # a braise of meat listed cooked: no cooking loss is assumed on top of the one its FDC entry already has
    kcal, grams = _ingredient_kcal(kb, dish)
    food = matcher.match(label).food
    assert food.description == dish and "cooking drives out" not in food.basis
    assert float(kb.nutrients[food.index][0]) == pytest.approx(100 * kcal / grams, rel=1e-4)


def test_a_recipe_names_only_a_cooking_with_a_yield() -> None:
    with pytest.raises(ValueError, match="unknown cooking"):
        Recipe("Stew", "a stew", (("Water, NFS", "survey_fndds_food", 100.0),), cooking="reduced")


@pytest.mark.parametrize("label", ["braised tofu", "tofu cubes", "beef korma"])
def test_a_recipe_answers_only_a_label_that_names_its_dish(matcher: FoodMatcher, label: str) -> None:
    # tofu braised or cut is no 'Mapo tofu'; "beef korma" names beef, not the chicken of 'Chicken korma'
    result = matcher.match(label)
    assert result.food is not None and not result.food.is_recipe, result.food.description


def test_a_recipe_answers_its_dish_made_with_a_food_its_name_leaves_open(matcher: FoodMatcher) -> None:
    assert matcher.match("mushroom risotto").food.description == "Risotto"
