"""Calibrated confidence: the probability that an answer is right, by the ladder's level (issue 10 point 4).

A level's raw score (the ranking's confidence for ``entry`` and ``preparation``, the category vote's
share for ``category``), with its own curve for labels read through the glossary, maps to the share of right answers observed at that score on the dev names that
resemble new ones (``tests/nutrition/data/dev_backoff.jsonl`` and the fit part of ``dev_new_names.txt``;
never the held-out set, nor the dev names the ranking was tuned on), by piecewise-linear interpolation
through the points below. Refit with ``python -m tests.nutrition.calibrate``.
"""

from __future__ import annotations

import numpy as np

#: level -> ((raw score, observed share right), ...), raw scores ascending; fitted on the new-name dev answers
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "entry": ((0.886, 0.817), (0.946, 0.822), (0.98, 0.872), (0.982, 0.928)),  # 81 dev answers, 69 right
    "preparation": ((0.0, 0.395),),  # 3 dev answers: the share right of all 43 backed-off answers (17)
    "recipe": ((0.0, 0.395),),  # 1 dev answer: the share right of all 43 backed-off answers (17)
    "category": ((0.0, 0.395),),  # 5 dev answers: the share right of all 43 backed-off answers (17)
    "entry, glossed": ((0.746, 0.43), (0.941, 0.63), (0.967, 0.63), (0.982, 0.776)),  # 43 dev answers, 28 right
    "preparation, glossed": ((0.0, 0.395),),  # 3 dev answers: the share right of all 43 backed-off answers
    "recipe, glossed": ((0.0, 0.395),),  # no dev answer: the share right of all 43 backed-off answers
    "category, glossed": ((0.638, 0.29),),  # 31 dev answers, 9 right
}


def calibration_key(level: str, glossed: bool = False) -> str:
    """The curve an answer takes: its level, and whether the label was read through the glossary
    (pipeline/nutrition/glossary.py), whose answers are right less often than a name FDC uses itself."""
    return f"{level}, glossed" if glossed else level


def calibrated(level: str, raw: float, *, glossed: bool = False) -> float:
    """Probability (0..1) that an answer of ``level`` (glossed or not) with raw score ``raw`` is right."""
    points = CALIBRATION[calibration_key(level, glossed)]
    return round(float(np.interp(raw, [p[0] for p in points], [p[1] for p in points])), 4)
