"""The development set of the matcher: where its rules are tuned (benchmarks/data/ stays held out).

``data/dev_ingredients.jsonl``: ingredient phrases as weighed-dish datasets write them, each with
the USDA entries accepted as correct (first = the reference). ``data/dev_dishes.jsonl``: plates of
those phrases with grams; their truth is the sum of the reference entries' nutrients.
``data/dev_new_names.txt``: names in no other labelled set (less common foods, dishes of many cuisines),
scored as the held-out set is (accepted pattern and plausible kcal range); every third row is kept for
checking (the calibration is fitted without it). Rows with a fifth cell give the food's typical USDA kcal,
protein, fat and carbohydrate per 100 g as eaten, for the answers' per-100 g macro errors.
``data/dev_new_meals.jsonl``: composed meals of new names (124 meals of 2-6 items with grams, from many cuisines,
everyday home cooking and cafeteria stations), written from knowledge of foods before the engine was run on them. Each
item's truth is the USDA entry of the knowledge base chosen by hand as the food eaten (``truth``: description and data
type); where the data has no entry for a dish, the entry of most alike make-up stands for it and the item's ``note``
says so ("chef salad": 'Cobb salad, no dressing'). A meal's truth is the sum of its items' truth entries at their grams.

Run: ``.venv/bin/python -m tests.nutrition.dev_eval [--misses]`` (prints top-1, per-100 g errors of
kcal and fat, the plates' MAE of kcal and macros, %, the new names' top-1, share in range, ECE, and per-100 g
macro errors where a reference is given, and the new meals' MAE of kcal and macros, %; ``--misses`` also lists the
new meals' items that are furthest off in kcal).
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.nutrition.engine import ItemInput, NutritionEngine
from pipeline.nutrition.knowledge_base import KnowledgeBase, build_knowledge_base, load_knowledge_base

DATA = Path(__file__).resolve().parent / "data"
MACROS = ("kcal", "protein_g", "fat_g", "carbs_g")
#: Items of the new meals that ``--misses`` lists, furthest off in kcal first.
MEAL_MISSES_SHOWN = 40


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_new_names(part: str = "all") -> list[dict]:
    """``data/dev_new_names.txt`` as held-out-style phrases; ``part``: all, fit (2 rows in 3) or check (every third)."""
    rows = [line for line in (DATA / "dev_new_names.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    phrases = []
    for position, row in enumerate(rows):
        phrase, group, pattern, kcal, *reference = (cell.strip() for cell in row.split(" | "))
        low, high = (float(v) for v in kcal.split())
        if part == "all" or (part == "check") == (position % 3 == 2):
            phrases.append({"phrase": phrase, "group": group, "accepted_pattern": pattern, "kcal_range": [low, high]})
            if reference:
                phrases[-1]["reference_per_100g"] = dict(zip(MACROS, (float(v) for v in reference[0].split())))
    return phrases


def reference_errors(engine: NutritionEngine, phrases: list[dict]) -> dict[str, tuple[float, float]]:
    """Per macro, the (mean absolute, mean signed) error per 100 g of the answers to the phrases with a reference
    (kcal; g of protein, fat, carbohydrate): a signed error far from 0 is a systematic mistake (hidden frying fat)."""
    phrases = [p for p in phrases if "reference_per_100g" in p]
    matches = engine.matcher.match_many(p["phrase"] for p in phrases)
    errors: dict[str, list[float]] = {key: [] for key in MACROS}
    for phrase in phrases:
        food = matches[phrase["phrase"]].food
        got = np.nan_to_num(engine.kb.nutrients[food.index][:4]) if food else np.zeros(4)
        for value, key in zip(got, MACROS):
            errors[key].append(float(value) - phrase["reference_per_100g"][key])
    return {key: (statistics.fmean(abs(e) for e in v), statistics.fmean(v)) for key, v in errors.items() if v}


@dataclass(frozen=True)
class DevFigures:
    """Top-1 accuracy (0..1), mean absolute per-100 g errors (kcal, g fat), plate MAE per macro (%)."""

    phrases: int
    top1: float
    kcal_per_100g_mae: float
    fat_per_100g_mae: float
    dish_mae_pct: dict[str, float]
    misses: list[str]


def _index(kb: KnowledgeBase) -> dict[tuple[str, str], int]:
    return {(f.description, f.data_type): f.index for f in kb.foods}


def evaluate(engine: NutritionEngine) -> DevFigures:
    kb = engine.kb
    where = _index(kb)
    phrases = read_jsonl(DATA / "dev_ingredients.jsonl")
    matches = engine.matcher.match_many(p["phrase"] for p in phrases)
    hits, kcal_err, fat_err, misses = 0, [], [], []
    reference: dict[str, np.ndarray] = {}
    for phrase in phrases:
        truth = kb.nutrients[where[(phrase["primary"]["description"], phrase["primary"]["data_type"])]]
        reference[phrase["phrase"]] = np.nan_to_num(truth)
        food = matches[phrase["phrase"]].food
        accepted = {(a["description"], a["data_type"]) for a in phrase["accepted"]}
        hit = food is not None and (food.description, food.data_type) in accepted
        hits += hit
        got = np.nan_to_num(kb.nutrients[food.index]) if food else np.zeros(7)
        kcal_err.append(abs(got[0] - truth[0]))
        fat_err.append(abs(got[2] - np.nan_to_num(truth[2])))
        if not hit:
            misses.append(f"{phrase['phrase']!r} -> {food.description if food else None!r} "
                          f"({got[0]:.0f} kcal, {got[2]:.1f} g fat; ref {truth[0]:.0f} kcal, {truth[2]:.1f} g fat)")
    dishes = read_jsonl(DATA / "dev_dishes.jsonl")
    analyses = engine.analyse_meals([[ItemInput(str(n), i["name"], mass_g=i["grams"]) for n, i in enumerate(d["items"])]
                                     for d in dishes])
    errors: dict[str, list[float]] = {key: [] for key in MACROS}
    for dish, analysis in zip(dishes, analyses):
        truth = sum(reference[i["name"]] * i["grams"] / 100 for i in dish["items"])
        for position, key in enumerate(MACROS):
            errors[key].append(abs(getattr(analysis.totals, key) - truth[position]) / truth[position] * 100)
    return DevFigures(len(phrases), hits / len(phrases), statistics.fmean(kcal_err), statistics.fmean(fat_err),
                      {k: statistics.fmean(v) for k, v in errors.items()}, misses)


@dataclass(frozen=True)
class MealFigures:
    """Mean absolute error of the new meals' totals per macro (% of the truth), and each item's kcal error."""

    meals: int
    mae_pct: dict[str, float]
    item_errors: list[tuple[float, str]]  # (kcal off at the item's grams, "name -> answer (truth)"), worst first


def new_meal_error(engine: NutritionEngine) -> MealFigures:
    """The answers to ``data/dev_new_meals.jsonl`` against the sum of each item's hand-chosen USDA entry."""
    kb = engine.kb
    where = _index(kb)
    meals = read_jsonl(DATA / "dev_new_meals.jsonl")
    analyses = engine.analyse_meals([[ItemInput(str(n), i["name"], mass_g=i["grams"]) for n, i in enumerate(m["items"])]
                                     for m in meals])
    errors: dict[str, list[float]] = {key: [] for key in MACROS}
    item_errors: list[tuple[float, str]] = []
    for meal, analysis in zip(meals, analyses):
        truths = [np.nan_to_num(kb.nutrients[where[(i["truth"]["description"], i["truth"]["data_type"])]]) * i["grams"] / 100
                  for i in meal["items"]]
        total = sum(truths)
        for position, key in enumerate(MACROS):
            errors[key].append(abs(getattr(analysis.totals, key) - total[position]) / total[position] * 100)
        for item, truth, result in zip(meal["items"], truths, analysis.items):
            answer = result.match.description if result.match else None
            item_errors.append((result.nutrients.kcal - truth[0], f"{item['name']!r} {item['grams']:g} g -> {answer!r} "
                                f"({result.nutrients.kcal:.0f} kcal, {result.nutrients.fat_g:.1f} g fat; truth "
                                f"{item['truth']['description']!r} {truth[0]:.0f} kcal, {truth[2]:.1f} g fat)"))
    item_errors.sort(key=lambda e: -abs(e[0]))
    return MealFigures(len(meals), {k: statistics.fmean(v) for k, v in errors.items()}, item_errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the dev phrases matched outside their set")
    args = parser.parse_args()
    engine = NutritionEngine(load_knowledge_base(build_knowledge_base()))
    figures = evaluate(engine)
    if args.misses:
        print("\n".join(figures.misses))
    print(f"dev phrases: {figures.phrases}  top-1 {figures.top1:.1%}  per-100 g MAE: kcal {figures.kcal_per_100g_mae:.1f}, "
          f"fat {figures.fat_per_100g_mae:.2f} g")
    print("dev plates MAE: " + ", ".join(f"{k} {v:.1f}%" for k, v in figures.dish_mae_pct.items()))
    from benchmarks.nutrition import heldout_phrases  # the held-out set's scoring, one definition

    for part in ("fit", "check"):
        new = heldout_phrases(engine, read_new_names(part), args.misses)
        print(f"new names ({part}): {new['phrases']}  top-1 {new['top1']:.1%}  in range {new['in_kcal_range']:.1%}  "
              f"ECE {new['reliability']['ece']:.3f}  levels {new['levels']}")
        errors = reference_errors(engine, read_new_names(part))
        if errors:
            print(f"  per-100 g error where a reference is given (mean absolute / mean signed): " + ", ".join(
                f"{key} {mae:.1f}/{bias:+.1f}" for key, (mae, bias) in errors.items()))
    meals = new_meal_error(engine)
    if args.misses:
        print("new meals' items furthest off in kcal (answer minus truth):")
        print("\n".join(f"  {off:+6.0f} kcal  {text}" for off, text in meals.item_errors[:MEAL_MISSES_SHOWN]))
    print(f"new meals: {meals.meals}  MAE: " + ", ".join(f"{k} {v:.1f}%" for k, v in meals.mae_pct.items()))


if __name__ == "__main__":
    main()
