"""Density (g/ml) of a food: from FDC portions measured by volume, else a food-category fallback.

Every density carries its source, so a result can say "1 cup, chopped = 91 g (FDC portion)" or
"category fallback: leafy greens".
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.nutrition.sources import Portion

#: Millilitres per household volume unit (US customary, as FDC uses them).
VOLUME_UNITS_ML: dict[str, float] = {
    "cup": 236.588, "cups": 236.588, "c": 236.588,
    "tablespoon": 14.787, "tablespoons": 14.787, "tbsp": 14.787, "tbs": 14.787,
    "teaspoon": 4.929, "teaspoons": 4.929, "tsp": 4.929,
    "fl oz": 29.574, "fluid ounce": 29.574, "floz": 29.574, "oza": 29.574,
    "milliliter": 1.0, "millilitre": 1.0, "ml": 1.0, "mlt": 1.0,
    "liter": 1000.0, "litre": 1000.0, "l": 1000.0, "ltr": 1000.0,
    "pint": 473.176, "quart": 946.353, "gallon": 3785.41,
}
_PLAUSIBLE = (0.02, 2.0)  # g/ml: anything outside is a data error, not a food


@dataclass(frozen=True)
class Density:
    """A density in g/ml and where it came from."""

    g_per_ml: float
    source: str


def unit_volume_ml(unit: str) -> float | None:
    """Millilitres of one ``unit`` ('cup, chopped' -> 236.6), or None for non-volume units."""
    text = unit.lower().strip()
    for name in sorted(VOLUME_UNITS_ML, key=len, reverse=True):
        if re.match(rf"{re.escape(name)}\b", text):
            return VOLUME_UNITS_ML[name]
    return None


def density_from_portions(portions: Sequence[Portion]) -> Density | None:
    """Median density over the portions whose unit is a volume; None when there are none."""
    values: list[tuple[float, Portion]] = []
    for portion in portions:
        ml = unit_volume_ml(portion.unit)
        if ml is None or portion.amount <= 0:
            continue
        value = portion.grams / (portion.amount * ml)
        if _PLAUSIBLE[0] <= value <= _PLAUSIBLE[1]:
            values.append((value, portion))
    if not values:
        return None
    median = statistics.median(value for value, _ in values)
    value, portion = min(values, key=lambda pair: abs(pair[0] - median))
    source = f"FDC portion: {portion.amount:g} {portion.unit} = {portion.grams:g} g"
    if len(values) > 1:
        source += f" (median of {len(values)} volume portions)"
    return Density(round(median, 4), source)


# (rule name, pattern, typical bulk density of the served food in g/ml, from USDA household measures:
# e.g. 1 cup cooked white rice = 158 g -> 0.67). Rules are tried on the description, then the category.
_FALLBACKS: tuple[tuple[str, str, float], ...] = (
    ("oils", r"\boils?\b", 0.92),
    ("butter and spreads", r"\bbutter\b|margarine|animal fats|\blard\b", 0.95),
    ("salad dressings and mayonnaise", r"dressing|mayonnaise", 1.0),
    ("sugars, honey and syrups", r"\bhoney\b|syrups?\b|sugars and honey|\bjams?\b", 1.35),
    ("ice cream and frozen desserts", r"ice cream|frozen dairy|sorbet|frozen yogurt", 0.55),
    ("milk and drinks", r"beverage|drink|juice|\bmilk\b|coffee|\btea\b|\bwater\b|wine|beer|liquor|smoothie|"
                        r"\bsoda\b|shake", 1.02),
    ("soups", r"\bsoups?\b|broth|\bstew|\bchili\b", 1.0),
    ("sauces, gravies and dips", r"sauce|gravy|gravies|\bdips?\b|condiment|ketchup|mustard|salsa|hummus", 1.05),
    ("yogurt, cream and puddings", r"yogurt|\bcream\b|pudding|custard|cottage|ricotta", 1.0),
    ("breakfast cereals", r"breakfast cereal|ready-to-eat cereal|granola", 0.2),
    ("cooked cereals and porridge", r"oatmeal|grits|cooked cereals|porridge", 0.95),
    ("chips, crackers and snacks", r"\bchips?\b|crackers?|pretzel|popcorn|snack", 0.15),
    ("breads and baked goods", r"bread|bagel|\brolls?\b|\bbuns?\b|muffin|baked products|biscuit|tortilla|"
                               r"pancake|waffle|croissant|pastr|doughnut|\bcakes?\b|\bpies?\b|cookie|brownie", 0.35),
    ("cooked rice and grains", r"\brice\b|quinoa|couscous|bulgur|barley|cooked grains|cereal grains", 0.67),
    ("cooked pasta and noodles", r"pasta|noodle|spaghetti|macaroni|lasagna|ramen", 0.6),
    ("leafy greens and lettuce salads", r"lettuce|spinach|\bkale\b|greens|arugula|salad|cabbage|coleslaw", 0.25),
    ("french fries and fried potatoes", r"french fries|fried white potatoes|hash brown", 0.45),
    ("mashed potatoes", r"mashed", 0.9),
    ("nuts and seeds", r"\bnuts?\b|\bseeds?\b|almond|peanut|walnut|cashew|pecan|pistachio", 0.6),
    ("cheese", r"cheese", 1.0),
    ("eggs", r"\beggs?\b|omelet", 0.95),
    ("meat, poultry and fish", r"beef|pork|lamb|veal|\bgame\b|poultry|chicken|turkey|duck|fish|shellfish|seafood|"
                               r"sausage|bacon|\bham\b|frankfurter|\bmeats?\b|shrimp|salmon|tuna", 1.0),
    ("beans and legumes", r"\bbeans?\b|legume|lentil|chickpea|\bpeas?\b|tofu|\bsoy", 0.75),
    ("fruits", r"fruit|apple|banana|berr|grape|melon|citrus|orange|peach|pear|pineapple|mango|papaya", 0.65),
    ("vegetables", r"vegetable|potato|carrot|broccoli|tomato|onion|\bcorn\b|squash|pepper", 0.6),
    ("candy and sweets", r"candy|candies|chocolate|sweets|dessert", 0.8),
    ("mixed dishes", r"mixed dishes|entrees|sandwich|burger|pizza|burrito|taco|casserole|dumpling|sushi|meals", 0.8),
)


def density_fallback(category: str, description: str) -> Density | None:
    """Typical density of the food's kind (by its description, else its category); None when no rule applies."""
    for text in (description.lower(), category.lower()):
        for name, pattern, value in _FALLBACKS:
            if re.search(pattern, text):
                return Density(value, f"category fallback: {name} (typical bulk density of the served food)")
    return None


def food_density(portions: Sequence[Portion], category: str, description: str) -> Density | None:
    """FDC volume portions first, then the category fallback."""
    return density_from_portions(portions) or density_fallback(category, description)
