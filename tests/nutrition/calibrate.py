"""Fit the confidence calibration (pipeline/nutrition/calibration.py) on the dev sets only.

Dev answers: ``data/dev_ingredients.jsonl`` (right = an accepted entry, or for a back-off answer kcal per
100 g within 25 % of the reference) and ``data/dev_backoff.jsonl`` (right = kcal per 100 g in the phrase's
range). Per level, answers are sorted by raw score, the share right is made non-decreasing (pool adjacent
violators) and summarised in at most six points. Run: ``.venv/bin/python -m tests.nutrition.calibrate``.
"""

from __future__ import annotations

from pipeline.nutrition.engine import NutritionEngine
from pipeline.nutrition.knowledge_base import build_knowledge_base, load_knowledge_base
from tests.nutrition.dev_eval import DATA, read_jsonl

BACKOFF_KCAL_TOLERANCE = 0.25


def _raw(match) -> float:
    return match.score if match.level == "category" else match.ranking_confidence


def dev_answers(engine: NutritionEngine) -> list[tuple[str, float, bool]]:
    """(level, raw score, right) for every dev phrase that got an answer."""
    kb = engine.kb
    where = {(f.description, f.data_type): f.index for f in kb.foods}
    answers = []
    for phrase in read_jsonl(DATA / "dev_ingredients.jsonl"):
        match = engine.matcher.match(phrase["phrase"])
        if match.food is None:
            continue
        accepted = {(a["description"], a["data_type"]) for a in phrase["accepted"]}
        reference = float(kb.nutrients[where[(phrase["primary"]["description"], phrase["primary"]["data_type"])]][0])
        kcal = float(kb.nutrients[match.food.index][0])
        right = (match.food.description, match.food.data_type) in accepted or (
            match.level != "entry" and abs(kcal - reference) <= BACKOFF_KCAL_TOLERANCE * max(reference, 1.0))
        answers.append((match.level, _raw(match), right))
    for phrase in read_jsonl(DATA / "dev_backoff.jsonl"):
        match = engine.matcher.match(phrase["phrase"])
        if match.food is None:
            continue
        low, high = phrase["kcal_range"]
        answers.append((match.level, _raw(match), low <= float(kb.nutrients[match.food.index][0]) <= high))
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


def main() -> None:
    engine = NutritionEngine(load_knowledge_base(build_knowledge_base()))
    answers = dev_answers(engine)
    for level in ("entry", "preparation", "category"):
        points = [(raw, right) for lv, raw, right in answers if lv == level]
        print(f'    "{level}": {fit(points) if points else ()},  # {len(points)} dev answers, '
              f'{sum(r for _, r in points)} right')


if __name__ == "__main__":
    main()
