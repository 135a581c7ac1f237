"""The held-out nutrition set (issue 10) is well formed, fresh, and what its generator writes."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
DEV_PATH = Path(__file__).resolve().parents[1] / "nutrition" / "data" / "dev_ingredients.jsonl"


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("build_heldout", DATA_DIR / "build_heldout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def phrases() -> list[dict]:
    return _read_jsonl(DATA_DIR / "heldout_phrases.jsonl")


def test_files_are_what_the_generator_writes(generator):
    phrases, meals = generator.render()
    assert (DATA_DIR / "heldout_phrases.jsonl").read_text(encoding="utf-8") == phrases
    assert (DATA_DIR / "heldout_meals.jsonl").read_text(encoding="utf-8") == meals


def test_size_and_spread(phrases):
    assert len(phrases) >= 300
    groups = Counter(p["group"] for p in phrases)
    assert len(groups) >= 12 and min(groups.values()) >= 5, groups
    assert len({p["cuisine"] for p in phrases if p["group"] == "dishes"}) >= 15
    assert len(_read_jsonl(DATA_DIR / "heldout_meals.jsonl")) >= 100


def test_fresh_against_the_dev_set_and_the_old_set(phrases):
    names = [p["phrase"] for p in phrases]
    assert len(names) == len(set(names))
    dev = {p["phrase"] for p in _read_jsonl(DEV_PATH)}
    old = {p["phrase"] for p in _read_jsonl(DATA_DIR / "food_phrases.jsonl")}
    assert not set(names) & dev
    assert not set(names) & old


def test_reference_values_are_consistent(phrases):
    for p in phrases:
        re.compile(p["accepted_pattern"])
        ref = p["reference_per_100g"]
        low, high = p["kcal_range"]
        assert low <= ref["kcal"] <= high, p["phrase"]
        atwater = 4 * ref["protein_g"] + 9 * ref["fat_g"] + 4 * ref["carbs_g"]
        # alcohol and fibre make the only large gaps between energy and the Atwater sum
        assert abs(atwater - ref["kcal"]) <= max(25.0, 0.25 * ref["kcal"]) or p["group"] == "drinks", p["phrase"]


def test_meal_truth_is_the_sum_of_references(phrases):
    reference = {p["phrase"]: p["reference_per_100g"] for p in phrases}
    for meal in _read_jsonl(DATA_DIR / "heldout_meals.jsonl"):
        for key, value in meal["truth"].items():
            expected = sum(reference[i["name"]][key] * i["grams"] / 100 for i in meal["items"])
            assert value == pytest.approx(expected, abs=0.01)
