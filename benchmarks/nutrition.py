"""Accuracy of the nutrition engine on the labelled set in benchmarks/data/ (issue 3, *Accuracy*).

Prints top-1 accuracy of food matching (overall, per category, per confidence band), kcal per 100 g
error of the matched entry against the reference entry, dish-level error of kcal and macros on the
composed meals, speed, and the Lambda's cold start. The labelled sets are written independently of
the matcher: read them, never tune to them. ``--set heldout`` (issue 10, the README's figures) scores
the held-out phrases (top-1, share in a plausible kcal range, confidence reliability and expected
calibration error) and meals; ``--set old`` the first set, also on the phrases not in the dev set.
Run (under 1 min, the knowledge base cached in .cache/):
``.venv/bin/python benchmarks/nutrition.py [--set old|heldout|all] [--json OUT] [--show-misses]``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.contracts.results import NUTRIENT_FIELDS  # noqa: E402
from pipeline.nutrition.engine import ItemInput, NutritionEngine  # noqa: E402
from pipeline.nutrition.knowledge_base import build_knowledge_base, load_knowledge_base  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
DEV_PHRASES = ROOT / "tests" / "nutrition" / "data" / "dev_ingredients.jsonl"
MACROS = ("kcal", "protein_g", "fat_g", "carbs_g")
#: answers that come from the back-off ladder rather than one USDA entry
BACKOFF_LEVELS = ("recipe", "category")
RELIABILITY_BINS = 10


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pct(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f}%  mean {statistics.fmean(values):.1f}%" if values else "n/a"


def phrase_accuracy(engine: NutritionEngine, phrases: list[dict], show_misses: bool) -> dict:
    """Top-1 accuracy, kcal/100 g error and confidence bands over the labelled phrases."""
    matches = engine.matcher.match_many(p["phrase"] for p in phrases)
    hits, per_category = 0, defaultdict(lambda: [0, 0])
    bands = defaultdict(lambda: [0, 0])
    kcal_errors: list[float] = []
    for phrase in phrases:
        match = matches[phrase["phrase"]]
        accepted = {(a["description"], a["data_type"]) for a in phrase["accepted"]}
        food = match.food
        hit = food is not None and (food.description, food.data_type) in accepted
        hits += hit
        per_category[phrase["category"]][0] += hit
        per_category[phrase["category"]][1] += 1
        band = min(int(match.confidence * 5), 4)
        bands[band][0] += hit
        bands[band][1] += 1
        truth = phrase.get("kcal_per_100g")
        if truth:
            got = float(engine.kb.nutrients[food.index][0]) if food else 0.0
            kcal_errors.append(abs(got - truth) / truth * 100)
        if show_misses and not hit:
            print(f"  miss [{phrase['category']}] {phrase['phrase']!r} -> "
                  f"{food.description if food else 'UNMATCHED'!r} (conf {match.confidence:.2f})")
    return {"phrases": len(phrases), "top1": hits / len(phrases),
            "per_category": {k: v[0] / v[1] for k, v in sorted(per_category.items())},
            "confidence_bands": {f"{b / 5:.1f}-{(b + 1) / 5:.1f}": {"n": v[1], "accuracy": v[0] / v[1]}
                                 for b, v in sorted(bands.items())},
            "kcal_per_100g_abs_error_pct": {"median": statistics.median(kcal_errors), "mean": statistics.fmean(kcal_errors),
                                            "within_10pct": sum(e <= 10 for e in kcal_errors) / len(kcal_errors)}}


def reliability(confidences: list[float], hits: list[bool], bins: int = RELIABILITY_BINS) -> dict:
    """Reliability table (per confidence bin: count, mean confidence, accuracy) and the expected calibration error."""
    rows, ece = [], 0.0
    for b in range(bins):
        members = [i for i, c in enumerate(confidences) if min(int(c * bins), bins - 1) == b]
        if not members:
            continue
        conf = statistics.fmean(confidences[i] for i in members)
        acc = sum(hits[i] for i in members) / len(members)
        ece += len(members) / len(confidences) * abs(acc - conf)
        rows.append({"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "n": len(members),
                     "mean_confidence": round(conf, 3), "accuracy": round(acc, 3)})
    return {"table": rows, "ece": ece}


def heldout_hit(phrase: dict, match, kcal: float, descriptions: list[str]) -> bool:
    """A held-out-style phrase is answered right: its kcal per 100 g is in range and the description matches its
    pattern, or, where no entry of the knowledge base matches the pattern, a back-off level answered."""
    pattern = re.compile(phrase["accepted_pattern"], re.IGNORECASE)
    food = match.food
    low, high = phrase["kcal_range"]
    if food is None or not low <= kcal <= high:
        return False
    if pattern.search(food.description):
        return True
    return getattr(match, "level", "entry") in BACKOFF_LEVELS and not any(pattern.search(d) for d in descriptions)


def heldout_phrases(engine: NutritionEngine, phrases: list[dict], show_misses: bool) -> dict:
    """Top-1, share in a plausible kcal range, per group, and confidence calibration on the held-out phrases."""
    matches = engine.matcher.match_many(p["phrase"] for p in phrases)
    descriptions = [f.description for f in engine.kb.foods if f.data_type not in BACKOFF_LEVELS]
    hits, in_range, confidences = [], [], []
    per_group: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    levels: dict[str, int] = defaultdict(int)
    for phrase in phrases:
        match = matches[phrase["phrase"]]
        food = match.food
        kcal = float(engine.kb.nutrients[food.index][0]) if food else 0.0
        low, high = phrase["kcal_range"]
        plausible = low <= kcal <= high
        level = getattr(match, "level", "entry") if food else "unmatched"
        levels[level] += 1
        hit = heldout_hit(phrase, match, kcal, descriptions)
        hits.append(hit)
        in_range.append(plausible)
        confidences.append(match.confidence)
        counts = per_group[phrase["group"]]
        counts[0] += hit
        counts[1] += plausible
        counts[2] += 1
        if show_misses and not (hit and plausible):
            print(f"  miss [{phrase['group']}] {phrase['phrase']!r} -> {food.description if food else 'UNMATCHED'!r} "
                  f"({kcal:.0f} kcal/100 g, range {low:g}-{high:g}; {level}, conf {match.confidence:.2f})")
    return {"phrases": len(phrases), "top1": sum(hits) / len(hits), "in_kcal_range": sum(in_range) / len(in_range),
            "per_group": {g: {"n": v[2], "top1": v[0] / v[2], "in_range": v[1] / v[2]} for g, v in sorted(per_group.items())},
            "levels": dict(sorted(levels.items())), "reliability": reliability(confidences, hits)}


def meal_error(engine: NutritionEngine, meals: list[dict]) -> dict:
    """Mean absolute % error of each meal's totals against its truth (kcal and macros)."""
    inputs = [[ItemInput(str(n), item["name"], mass_g=item.get("grams"), volume_ml=item.get("volume_ml"))
               for n, item in enumerate(meal["items"])] for meal in meals]
    analyses = engine.analyse_meals(inputs)
    errors: dict[str, list[float]] = {key: [] for key in NUTRIENT_FIELDS}
    for meal, analysis in zip(meals, analyses):
        for key in NUTRIENT_FIELDS:
            truth = meal["truth"].get(key)
            if truth is not None and truth > 0:
                errors[key].append(abs(getattr(analysis.totals, key) - truth) / truth * 100)
    return {"meals": len(meals), "mae_pct": {k: statistics.fmean(v) for k, v in errors.items() if v},
            "median_ape_pct": {k: statistics.median(v) for k, v in errors.items() if v},
            "kcal_within_10pct": sum(e <= 10 for e in errors["kcal"]) / max(1, len(errors["kcal"]))}


def baselines(engine: NutritionEngine, phrases: list[dict], meals: list[dict]) -> dict:
    """What the engine replaces: plain embedding search (cosine top-1) and a constant 150 kcal/100 g."""
    kb = engine.kb
    names = sorted({p["phrase"] for p in phrases} | {i["name"] for m in meals for i in m["items"]})
    nearest = dict(zip(names, (kb.embeddings @ kb.encoder.encode(names).T).argmax(axis=0)))
    hits = sum((kb.foods[nearest[p["phrase"]]].description, kb.foods[nearest[p["phrase"]]].data_type)
               in {(a["description"], a["data_type"]) for a in p["accepted"]} for p in phrases)
    embedding_kcal, constant_kcal = [], []
    for meal in meals:
        truth = meal["truth"]["kcal"]
        grams = [(item["name"], item.get("grams") or 0.0) for item in meal["items"]]
        embedding_kcal.append(abs(sum(kb.nutrients[nearest[n]][0] * g / 100 for n, g in grams) - truth) / truth * 100)
        constant_kcal.append(abs(sum(150 * g / 100 for _, g in grams) - truth) / truth * 100)
    return {"embedding_only_top1": hits / len(phrases), "embedding_only_meal_kcal_mae_pct": statistics.fmean(embedding_kcal),
            "constant_150kcal_meal_kcal_mae_pct": statistics.fmean(constant_kcal)}


def cold_start(kb_path: Path) -> dict:
    """Import + knowledge-base load of the Lambda in a fresh interpreter (s), best of two."""
    sys.path.insert(0, str(ROOT))
    from tests.nutrition.test_runtime import measure_cold_start

    return min((measure_cold_start(kb_path) for _ in range(2)), key=lambda t: t["import_s"] + t["load_s"])


def _print_heldout(h: dict, m: dict) -> None:
    print(f"held-out phrases: {h['phrases']}  top-1 {h['top1']:.1%}  in plausible kcal range {h['in_kcal_range']:.1%}")
    print("  per group (top-1 / in range): " + ", ".join(
        f"{g} {v['top1']:.0%}/{v['in_range']:.0%}" for g, v in h["per_group"].items()))
    print("  answered by level: " + ", ".join(f"{k} {v}" for k, v in h["levels"].items()))
    print("  reliability (confidence bin: n, mean confidence, accuracy):")
    for row in h["reliability"]["table"]:
        print(f"    {row['bin']}: n={row['n']:3d}  conf {row['mean_confidence']:.2f}  acc {row['accuracy']:.2f}")
    print(f"  expected calibration error: {h['reliability']['ece']:.3f}")
    print(f"held-out meals: {m['meals']}  dish-level MAE: " + ", ".join(f"{k} {m['mae_pct'][k]:.1f}%" for k in MACROS)
          + f"  (kcal within 10%: {m['kcal_within_10pct']:.0%})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("old", "heldout", "all"), default="all", dest="which",
                        help="which labelled set to score (default all)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--show-misses", action="store_true", help="print each phrase matched outside its accepted set")
    args = parser.parse_args()
    paths = {"old": (DATA / "food_phrases.jsonl", DATA / "meals.jsonl"),
             "heldout": (DATA / "heldout_phrases.jsonl", DATA / "heldout_meals.jsonl")}
    wanted = ("old", "heldout") if args.which == "all" else (args.which,)
    for path in (p for w in wanted for p in paths[w]):
        if not path.is_file():
            print(f"error: {path} is missing (the labelled sets of issues 3 and 10)", file=sys.stderr)
            return 2
    started = time.perf_counter()
    kb_path = build_knowledge_base()
    engine = NutritionEngine(load_knowledge_base(kb_path))
    loaded = time.perf_counter()
    figures: dict = {"knowledge_base": engine.kb.version}
    if "heldout" in wanted:
        phrases, meals = (_read_jsonl(p) for p in paths["heldout"])
        figures["heldout"] = {"phrases": heldout_phrases(engine, phrases, args.show_misses),
                              "meals": meal_error(engine, meals)}
    if "old" in wanted:
        phrases, meals = (_read_jsonl(p) for p in paths["old"])
        figures["phrases"] = phrase_accuracy(engine, phrases, args.show_misses)
        dev = {p["phrase"] for p in _read_jsonl(DEV_PHRASES)}
        fresh = [p for p in phrases if p["phrase"] not in dev]
        figures["phrases_not_in_dev"] = phrase_accuracy(engine, fresh, False)
        figures["meals"] = meal_error(engine, meals)
        figures["baselines"] = baselines(engine, phrases, meals)
    matched = time.perf_counter()
    figures["seconds"] = {"build_or_reuse_and_load": loaded - started, "match_and_score": matched - loaded,
                          "total": time.perf_counter() - started}
    figures["cold_start_s"] = cold_start(kb_path)
    if "heldout" in wanted:
        _print_heldout(figures["heldout"]["phrases"], figures["heldout"]["meals"])
    if "old" in wanted:
        _print_old(figures)
    c = figures["cold_start_s"]
    print(f"lambda cold start (import + knowledge base): {c['import_s'] + c['load_s']:.2f} s "
          f"(import {c['import_s']:.2f} s, load {c['load_s']:.2f} s; first match {c['first_match_s']:.2f} s)")
    print(f"time: {figures['seconds']['total']:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


def _print_old(figures: dict) -> None:
    p, m, f = figures["phrases"], figures["meals"], figures["phrases_not_in_dev"]
    print(f"old set phrases: {p['phrases']}  top-1 accuracy {p['top1']:.1%}  "
          f"(on the {f['phrases']} not in the dev set: {f['top1']:.1%})")
    print("  per category: " + ", ".join(f"{k} {v:.0%}" for k, v in p["per_category"].items()))
    print("  by confidence: " + ", ".join(f"{k}: {v['accuracy']:.0%} of {v['n']}" for k, v in p["confidence_bands"].items()))
    e = p["kcal_per_100g_abs_error_pct"]
    print(f"kcal/100 g abs error of the matched entry: median {e['median']:.1f}%  mean {e['mean']:.1f}%  "
          f"within 10%: {e['within_10pct']:.0%}")
    print(f"old set meals: {m['meals']}  dish-level MAE: " + ", ".join(f"{k} {m['mae_pct'][k]:.1f}%" for k in MACROS)
          + f"  (kcal within 10%: {m['kcal_within_10pct']:.0%})")
    print("  other nutrients MAE: " + ", ".join(f"{k} {v:.1f}%" for k, v in m["mae_pct"].items() if k not in MACROS))
    b = figures["baselines"]
    print(f"baselines: plain embedding search top-1 {b['embedding_only_top1']:.1%}, meal kcal MAE "
          f"{b['embedding_only_meal_kcal_mae_pct']:.1f}%; constant 150 kcal/100 g meal kcal MAE "
          f"{b['constant_150kcal_meal_kcal_mae_pct']:.1f}%")


if __name__ == "__main__":
    raise SystemExit(main())
