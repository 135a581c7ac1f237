"""Fit the confidence calibration (pipeline/nutrition/calibration.py) on the dev sets only.

Dev answers, of names like the new ones a user sends: ``data/dev_backoff.jsonl`` (right = kcal per 100 g in
the phrase's range) and the fit part of ``data/dev_new_names.txt`` (right as the held-out set scores it). Its
check part is left out, to measure the calibration on names the fit never saw (``python -m
tests.nutrition.dev_eval``), and so is ``data/dev_ingredients.jsonl``: the ranking was tuned on those names,
so their share right overstates a new name's (the previous fit on them made the held-out ECE 0.283). Per level,
answers are sorted by raw score, the share right is made non-decreasing (pool adjacent violators) and
summarised in at most six points; a curve with fewer than ``MIN_ANSWERS`` answers takes the share right of the
backed-off answers of its kind: those that stand for the label's food (stand-ins and category profiles), or those
that are the label's food (its other preparations and its recipes). Run: ``.venv/bin/python -m
tests.nutrition.calibrate``.
"""

from __future__ import annotations

from pipeline.nutrition.calibration import CURVES, calibration_key
from pipeline.nutrition.engine import NutritionEngine
from pipeline.nutrition.knowledge_base import build_knowledge_base, load_knowledge_base
from benchmarks.nutrition import BACKOFF_LEVELS, heldout_hit
from tests.nutrition.dev_eval import DATA, read_jsonl, read_new_names

#: Fewest answers of a level to fit its own curve.
MIN_ANSWERS = 10


def _raw(match) -> float:
    return match.score if match.level == "category" else match.ranking_confidence


def _key(match) -> str:
    return calibration_key(match.level, match.gloss is not None, match.stand_in)


def dev_answers(engine: NutritionEngine) -> list[tuple[str, float, bool]]:
    """(calibration key: level and whether glossed, raw score, right) for every dev phrase that got an answer."""
    kb = engine.kb
    answers = []
    for phrase in read_jsonl(DATA / "dev_backoff.jsonl"):
        match = engine.matcher.match(phrase["phrase"])
        if match.food is None:
            continue
        low, high = phrase["kcal_range"]
        answers.append((_key(match), _raw(match), low <= float(kb.nutrients[match.food.index][0]) <= high))
    descriptions = [f.description for f in kb.foods if f.data_type not in BACKOFF_LEVELS]
    for phrase in read_new_names("fit"):
        match = engine.matcher.match(phrase["phrase"])
        if match.food is None:
            continue
        kcal = float(kb.nutrients[match.food.index][0])
        answers.append((_key(match), _raw(match), heldout_hit(phrase, match, kcal, descriptions)))
    return answers


def fit(points: list[tuple[float, bool]], chunks: int = 5, prior: float = 2.0) -> tuple[tuple[float, float], ...]:
    """Non-decreasing (raw score, share right) points.

    Answers sorted by raw score fall into ``chunks`` runs of equal size (equal scores stay together); each
    run gives (mean score, share right shrunk towards the level's overall share by ``prior`` answers);
    then adjacent runs are pooled until the shares never decrease.
    """
    points = sorted(points)
    overall = sum(right for _, right in points) / len(points)
    size = max(5, len(points) // chunks)
    runs: list[list[tuple[float, bool]]] = [[]]
    for raw, right in points:
        if len(runs[-1]) >= size and raw != runs[-1][-1][0]:
            runs.append([])
        runs[-1].append((raw, right))
    blocks = [[sum(r for _, r in run) + prior * overall, len(run) + prior, sum(x for x, _ in run), len(run)]
              for run in runs]
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and merged[-2][0] / merged[-2][1] > merged[-1][0] / merged[-1][1]:
            right, weight, raws, n = merged.pop()
            merged[-1][0] += right
            merged[-1][1] += weight
            merged[-1][2] += raws
            merged[-1][3] += n
    return tuple((round(b[2] / b[3], 3), round(b[0] / b[1], 3)) for b in merged)


def stands_for_the_food(level: str, stand_in: bool) -> bool:
    """Answers of this curve are not the label's food but stand for it: a stand-in, or a category's profile."""
    return stand_in or level == "category"


def main() -> None:
    engine = NutritionEngine(load_knowledge_base(build_knowledge_base()))
    answers = dev_answers(engine)
    for level, glossed, stand_in in CURVES:
        key = calibration_key(level, glossed, stand_in)
        points = [(raw, right) for answer, raw, right in answers if answer == key]
        if len(points) < MIN_ANSWERS:  # too few to fit a curve: the share right of the backed-off answers of its kind
            kind = stands_for_the_food(level, stand_in)
            keys = {calibration_key(*curve) for curve in CURVES
                    if curve[0] != "entry" and stands_for_the_food(curve[0], curve[2]) == kind}
            pooled = [right for answer, _, right in answers if answer in keys]
            what = "stand-in or category" if kind else "own-food backed-off"
            print(f'    "{key}": ((0.0, {sum(pooled) / len(pooled):.3f}),),  # {len(points)} dev answers: '
                  f'{sum(pooled)} of the {len(pooled)} {what} answers right')
            continue
        print(f'    "{key}": {fit(points)},  # {len(points)} dev answers, {sum(r for _, r in points)} right')


if __name__ == "__main__":
    main()
