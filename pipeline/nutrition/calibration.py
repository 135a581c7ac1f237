"""Calibrated confidence: the probability that an answer is right, by the ladder's level (issue 10 point 4).

A level's raw score (the ranking's confidence for ``entry`` and ``preparation``, the category vote's
share for ``category``) maps to the share of right answers observed at that score on the dev names that
resemble new ones (``tests/nutrition/data/dev_backoff.jsonl`` and the fit part of ``dev_new_names.txt``;
never the held-out set, nor the dev names the ranking was tuned on), by piecewise-linear interpolation
through the points below. Refit with ``python -m tests.nutrition.calibrate``.
"""

from __future__ import annotations

import numpy as np

#: level -> ((raw score, observed share right), ...), raw scores ascending; fitted on the new-name dev answers
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "entry": ((0.886, 0.817), (0.946, 0.822), (0.98, 0.872), (0.982, 0.928)),  # 81 dev answers, 69 right
    "preparation": ((0.065, 0.324), (0.16, 0.554)),  # 13 dev answers, 5 right
    "recipe": ((0.0, 0.314),),  # 1 dev answer: the share right of all 86 backed-off answers (27)
    "category": ((0.0, 0.252), (0.548, 0.349), (0.865, 0.349)),  # 72 dev answers, 21 right
}


def calibrated(level: str, raw: float) -> float:
    """Probability (0..1) that an answer of ``level`` with raw score ``raw`` is right."""
    points = CALIBRATION[level]
    return round(float(np.interp(raw, [p[0] for p in points], [p[1] for p in points])), 4)
