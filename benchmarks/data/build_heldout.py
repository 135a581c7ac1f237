"""Writes the held-out nutrition set from ``heldout_table.txt`` (issue 10): phrases and composed meals.

The table was written by hand from knowledge of foods and of FoodData Central's naming, without
running the matcher; it is never tuned on. Each row gives a phrase, its food group, a cuisine, a
regular expression over USDA descriptions that a right answer matches, reference nutrients per 100 g
as eaten (kcal, protein, fat, carbohydrate) and the plausible kcal range per 100 g. Meals combine the
phrases with plate-sized grams (seeded, deterministic); their truth is the sum of the reference values.

Run: ``.venv/bin/python benchmarks/data/build_heldout.py`` (the tests fail when the files are stale).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = HERE / "heldout_table.txt"
PHRASES = HERE / "heldout_phrases.jsonl"
MEALS = HERE / "heldout_meals.jsonl"
SEED = 20261010
MEAL_COUNT = 120
MACROS = ("kcal", "protein_g", "fat_g", "carbs_g")

#: grams per item by food group (low, high), a plate portion as eaten
GRAMS = {
    "vegetables": (60, 160), "fruits": (80, 160), "grains": (100, 230), "meats": (90, 200), "fish": (90, 190),
    "eggs": (50, 150), "dairy": (30, 200), "legumes": (80, 180), "nuts_seeds": (15, 40), "fats_oils": (5, 15),
    "sauces": (10, 60), "sweets": (40, 130), "drinks": (150, 350), "snacks": (25, 80), "dishes": (200, 420),
}
#: meal templates: food groups, one item each
TEMPLATES = (
    ("meats", "grains", "vegetables", "fats_oils"),
    ("fish", "grains", "vegetables", "sauces", "drinks"),
    ("dishes", "vegetables", "drinks"),
    ("dishes", "sweets"),
    ("dishes", "dishes"),
    ("fruits", "dairy", "nuts_seeds", "grains"),
    ("snacks", "drinks", "sweets"),
    ("meats", "vegetables", "vegetables", "fats_oils", "sauces"),
    ("legumes", "grains", "vegetables", "sauces"),
    ("eggs", "grains", "fruits", "dairy"),
    ("dishes", "fruits", "dairy"),
    ("fish", "vegetables", "legumes", "fats_oils"),
)


def read_table(path: Path = TABLE) -> list[dict]:
    """Rows of the hand-written table as phrase records."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split(" | ")]
        if len(parts) != 6:
            raise ValueError(f"{path.name} line {number}: expected 6 fields, got {len(parts)}")
        phrase, group, cuisine, accepted, reference, plausible = parts
        re.compile(accepted)
        values = [float(v) for v in reference.split()]
        low, high = (float(v) for v in plausible.split())
        rows.append({"phrase": phrase, "group": group, "cuisine": None if cuisine == "-" else cuisine,
                     "accepted_pattern": accepted, "reference_per_100g": dict(zip(MACROS, values)),
                     "kcal_range": [low, high]})
    return rows


def build_meals(phrases: list[dict]) -> list[dict]:
    """``MEAL_COUNT`` meals over the phrases, each with its truth (sum of the reference values)."""
    rng = random.Random(SEED)
    by_group: dict[str, list[dict]] = {}
    for phrase in phrases:
        by_group.setdefault(phrase["group"], []).append(phrase)
    meals = []
    for n in range(MEAL_COUNT):
        items, truth = [], dict.fromkeys(MACROS, 0.0)
        for group in TEMPLATES[n % len(TEMPLATES)]:
            phrase = rng.choice(by_group[group])
            low, high = GRAMS[group]
            grams = 5 * rng.randint(low // 5, high // 5)
            items.append({"name": phrase["phrase"], "grams": grams})
            for key in MACROS:
                truth[key] += phrase["reference_per_100g"][key] * grams / 100
        meals.append({"id": f"heldout-{n + 1:03d}", "items": items,
                      "truth": {key: round(value, 2) for key, value in truth.items()}})
    return meals


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def render() -> tuple[str, str]:
    """The two files' content."""
    phrases = read_table()
    return _jsonl(phrases), _jsonl(build_meals(phrases))


def main() -> None:
    phrases, meals = render()
    PHRASES.write_text(phrases, encoding="utf-8")
    MEALS.write_text(meals, encoding="utf-8")
    print(f"wrote {PHRASES.name} ({phrases.count(chr(10))} phrases), {MEALS.name} ({meals.count(chr(10))} meals)")


if __name__ == "__main__":
    main()
