"""Recipe profiles: composite dishes that no USDA table has, composed from USDA ingredients (issue 10 point 3).

A dish such as risotto or shakshuka has no FoodData Central entry. Rather than the median of a whole
category, its profile is the weighted sum of the USDA entries it is cooked from, per 100 g of the dish
as served, with the recipe (ingredients, grams, and the source it follows) as its basis. Ingredients are
named by (description, data type) exactly as in FDC, already in the state they are eaten (cooked rice,
poached eggs), so the grams are the dish's own and no cooking yield is assumed. A recipe whose ingredient
the source data lacks is not built (the knowledge base's meta names it), never filled in.

The table is small on purpose: dishes common on plates whose category median would mislead. Each recipe's
``basis`` cites the usual home recipe it follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.nutrition.constants import NUTRIENT_KEYS
from pipeline.nutrition.sources import FoodRecord

#: ``data_type`` of a recipe profile in the knowledge base.
RECIPE_DATA_TYPE = "recipe_profile"
RECIPE_CATEGORY = "Recipe profiles"

_SR, _FNDDS, _FOUNDATION = "sr_legacy_food", "survey_fndds_food", "foundation_food"


@dataclass(frozen=True)
class Recipe:
    """A dish (its name as a description) and its ingredients: (FDC description, data type, grams as eaten)."""

    name: str
    source: str
    ingredients: tuple[tuple[str, str, float], ...]


RECIPES: tuple[Recipe, ...] = (
    Recipe("Risotto", "risotto alla parmigiana as Italian home cooks make it: rice cooked in broth, finished "
           "with butter and parmesan (about 4 servings)", (
               ("Rice, white, cooked, no added fat", _FNDDS, 300.0),
               ("Soup, chicken broth, ready-to-serve", _SR, 100.0),
               ("Onions, raw", _SR, 30.0),
               ("Oil, olive, salad or cooking", _SR, 8.0),
               ("Butter, salted", _SR, 15.0),
               ("Cheese, parmesan, grated", _SR, 25.0),
           )),
    Recipe("Shakshuka", "North African / Levantine shakshuka: eggs poached in a tomato, pepper and onion sauce "
           "cooked in olive oil (2 servings)", (
               ("Tomatoes, canned, red, ripe, diced", _FOUNDATION, 300.0),
               ("Peppers, sweet, red, raw", _SR, 100.0),
               ("Onions, raw", _SR, 80.0),
               ("Oil, olive, salad or cooking", _SR, 20.0),
               ("Egg, whole, cooked, poached", _SR, 200.0),
               ("Spices, paprika", _SR, 3.0),
           )),
    Recipe("Poke bowl", "Hawaiian ahi poke bowl: sushi rice, raw tuna dressed with soy sauce and sesame oil, "
           "avocado, edamame, cucumber and seaweed (1 bowl)", (
               ("Rice, white, cooked, no added fat", _FNDDS, 200.0),
               ("Fish, tuna, fresh, yellowfin, raw", _SR, 120.0),
               ("Avocados, raw, all commercial varieties", _SR, 50.0),
               ("Edamame, frozen, prepared", _SR, 30.0),
               ("Cucumber, with peel, raw", _SR, 40.0),
               ("Seaweed, wakame, raw", _SR, 10.0),
               ("Soy sauce", _FNDDS, 15.0),
               ("Oil, sesame, salad or cooking", _SR, 5.0),
           )),
    Recipe("Goulash", "Hungarian beef goulash (gulyás): stewed beef with onion, pepper, tomato and paprika in "
           "its broth (about 4 servings)", (
               ("Beef, stew meat", _FNDDS, 300.0),
               ("Onions, raw", _SR, 150.0),
               ("Peppers, sweet, red, raw", _SR, 80.0),
               ("Tomatoes, canned, red, ripe, diced", _FOUNDATION, 100.0),
               ("Oil, olive, salad or cooking", _SR, 15.0),
               ("Spices, paprika", _SR, 8.0),
               ("Soup, beef broth, cubed, prepared with water", _SR, 250.0),
           )),
)


def recipe_profiles(records: Sequence[FoodRecord]) -> tuple[list[FoodRecord], list[str]]:
    """A profile per recipe of :data:`RECIPES` whose ingredients ``records`` hold, and the names of those it lacks.

    Nutrients per 100 g of the dish: the sum of each ingredient's per-100 g value times its grams, over the
    total grams; a nutrient that an ingredient does not report stays unknown (nan) for the dish.
    """
    by_key = {(r.description, r.data_type): r for r in records}
    profiles, skipped = [], []
    for recipe in RECIPES:
        found = [(by_key.get((description, data_type)), grams) for description, data_type, grams in recipe.ingredients]
        if any(record is None for record, _ in found):
            skipped.append(recipe.name)
            continue
        total = sum(grams for _, grams in found)
        nutrients = [sum(record.nutrients[k] * grams for record, grams in found) / total
                     for k in range(len(NUTRIENT_KEYS))]
        listing = ", ".join(f"{grams:g} g {description} ({data_type})" for description, data_type, grams in recipe.ingredients)
        basis = f"recipe profile: {recipe.source}; {listing}; per 100 g of the {total:g} g dish"
        profiles.append(FoodRecord(recipe.name, RECIPE_DATA_TYPE, RECIPE_CATEGORY,
                                   nutrients, None, [], basis=basis))
    return profiles, skipped
