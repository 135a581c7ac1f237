"""Calibrated confidence: the probability that an answer is right, by the ladder's level (issue 10 point 4).

A level's raw score (the ranking's confidence for ``entry`` and ``preparation``, the category vote's share for
``category``) maps to the share of right answers observed at that score on the dev names that resemble new ones
(``tests/nutrition/data/dev_backoff.jsonl`` and the fit part of ``dev_new_names.txt``; never the held-out set, nor
the dev names the ranking was tuned on), by piecewise-linear interpolation through the points below. Labels read
through the glossary have their own curves, and so do the ``preparation`` answers that stand for the label's food
rather than being it (``MatchResult.stand_in``: 'Beef curry' for "pork curry", salmon alone for "salmon teriyaki"),
right less often than the label's own food in another preparation ('Halibut, wild caught, cooked, no added fat' for
"halibut fillet"). Refit with ``python -m tests.nutrition.calibrate``.
"""

from __future__ import annotations

import numpy as np

#: curve (calibration_key) -> ((raw score, observed share right), ...), raw scores ascending; fitted on the new-name dev
#: answers (the preparation level's four curves at the latest fit, the others at earlier ones)
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "entry": ((0.931, 0.842), (0.982, 0.863)),  # 214 dev answers, 182 right
    "preparation": ((0.058, 0.471), (0.126, 0.614), (0.614, 0.757)),  # 20 dev answers, 13 right
    "preparation, stand-in": ((0.0, 0.296),),  # 1 dev answers: 8 of the 27 stand-in or category answers right
    "recipe": ((0.982, 0.868),),  # 38 dev answers, 33 right (refitted alone when baked recipes got their bake loss)
    "category": ((0.173, 0.214), (0.683, 0.214), (0.92, 0.312)),  # 16 dev answers, 4 right
    "entry, glossed": ((0.697, 0.433), (0.943, 0.6), (0.97, 0.6), (0.982, 0.691)),  # 50 dev answers, 30 right
    "preparation, glossed": ((0.294, 0.7),),  # 10 dev answers, 7 right
    "preparation, stand-in, glossed": ((0.0, 0.296),),  # 0 dev answers: 8 of the 27 stand-in or category answers right
    "recipe, glossed": ((0.0, 0.314),),  # 2 dev answers: 22 of the 70 backed-off answers right (earlier fit)
    "category, glossed": ((0.605, 0.25), (0.957, 0.25)),  # 40 dev answers, 10 right
}


def calibration_key(level: str, glossed: bool = False, stand_in: bool = False) -> str:
    """The curve an answer takes: its level, whether it stands for the label's food rather than being it
    (``MatchResult.stand_in``), and whether the label was read through the glossary
    (pipeline/nutrition/glossary.py), whose answers are right less often than a name FDC uses itself."""
    return ", ".join([level] + ["stand-in"] * stand_in + ["glossed"] * glossed)


def calibrated(level: str, raw: float, *, glossed: bool = False, stand_in: bool = False) -> float:
    """Probability (0..1) that an answer of ``level`` (glossed or not, a stand-in or not) with raw score ``raw`` is
    right."""
    points = CALIBRATION[calibration_key(level, glossed, stand_in)]
    return round(float(np.interp(raw, [p[0] for p in points], [p[1] for p in points])), 4)


#: Every curve an answer can take, as (level, glossed, stand-in): only the preparation level has stand-ins.
CURVES: tuple[tuple[str, bool, bool], ...] = tuple(
    (level, glossed, stand_in) for glossed in (False, True)
    for level, stand_in in (("entry", False), ("preparation", False), ("preparation", True), ("recipe", False),
                            ("category", False)))
