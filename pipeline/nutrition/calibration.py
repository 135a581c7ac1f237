"""Calibrated confidence: the probability that an answer is right, by the ladder's level (issue 10 point 4).

A level's raw score (the ranking's confidence for ``entry`` and ``preparation``, the category vote's
share for ``category``) maps to the share of right answers observed at that score on the dev sets
(``tests/nutrition/data/``; never the held-out set), by piecewise-linear interpolation through
the points below. Refit with ``python -m tests.nutrition.calibrate``.
"""

from __future__ import annotations

import numpy as np

#: level -> ((raw score, observed share right), ...), raw scores ascending
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "entry": ((0.893, 0.912), (0.96, 0.95), (0.982, 0.997)),  # 166 dev answers, 158 right
    "category": ((0.147, 0.385), (0.8, 0.75), (0.943, 0.75)),  # 30 dev answers, 15 right
}
# no dev answer came from the preparation level: it borrows the other backed-off level's curve
CALIBRATION["preparation"] = CALIBRATION["category"]


def calibrated(level: str, raw: float) -> float:
    """Probability (0..1) that an answer of ``level`` with raw score ``raw`` is right."""
    points = CALIBRATION[level]
    return round(float(np.interp(raw, [p[0] for p in points], [p[1] for p in points])), 4)
