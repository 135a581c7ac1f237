"""A job's results against the truth of the rendered scene its video shows (the demo's sample meal).

The pipeline never reads a scene's ``volume_ml``; this comparison, run by the client after the job, is
the one place that does. Items pair with the scene's foods by label (the ``scene`` backend reports the
scene's labels); several items or foods under one label are compared as their sum. The kcal the truth
implies for an item are its kcal scaled by truth / measured volume: the same matched food and density,
at the true volume.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gpu_tasks.perception.scene_file import SceneInstance
from pipeline.contracts.results import Results

TRUTH_COLUMNS = ("item", "truth ml", "measured ml", "volume error", "kcal", "kcal at truth")


@dataclass(frozen=True)
class ItemTruth:
    """One label: its true volume (ml, None when the scene has no such food), what the job measured
    (ml, None when it found no such item) and its kcal."""

    label: str
    truth_ml: float | None
    measured_ml: float | None
    kcal: float

    @property
    def volume_error(self) -> float | None:
        """(measured - truth) / truth, or None when either is missing."""
        if self.truth_ml is None or self.measured_ml is None or self.truth_ml <= 0:
            return None
        return (self.measured_ml - self.truth_ml) / self.truth_ml

    @property
    def kcal_at_truth(self) -> float | None:
        """The item's kcal at its true volume (same food and density), or None when unknown."""
        if self.truth_ml is None or not self.measured_ml:
            return None
        return self.kcal * self.truth_ml / self.measured_ml


@dataclass(frozen=True)
class MealTruth:
    """Per-label comparisons and the meal's totals (ml, kcal) over the labels both sides have."""

    items: tuple[ItemTruth, ...]

    @property
    def matched(self) -> tuple[ItemTruth, ...]:
        return tuple(i for i in self.items if i.volume_error is not None)

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(i.label for i in self.items if i.measured_ml is None)

    @property
    def median_volume_error(self) -> float:
        """Median absolute relative volume error over the matched labels."""
        return statistics.median(abs(i.volume_error or 0.0) for i in self.matched)

    @property
    def not_in_scene(self) -> tuple[str, ...]:
        return tuple(i.label for i in self.items if i.truth_ml is None)

    def total(self, name: str) -> float:
        """Sum of ``truth_ml``, ``measured_ml``, ``kcal`` or ``kcal_at_truth`` over the matched labels."""
        return sum(getattr(i, name) for i in self.matched)

    def total_error(self, measured: str, truth: str) -> float:
        """Relative error of the total ``measured`` against the total ``truth``."""
        return (self.total(measured) - self.total(truth)) / self.total(truth)


def _sums(pairs: Iterable[tuple[str, float]]) -> dict[str, float]:
    sums: dict[str, float] = {}
    for label, value in pairs:
        sums[label] = sums.get(label, 0.0) + value
    return sums


def compare_with_scene(results: Results, instances: Sequence[SceneInstance]) -> MealTruth:
    """Every food of the scene and every item of ``results``, paired by label."""
    truth = _sums((i.label, i.volume_ml or 0.0) for i in instances if i.kind == "food")
    measured = _sums((i.label, i.volume_ml or 0.0) for i in results.items)
    kcal = _sums((i.label, i.nutrients.kcal) for i in results.items)
    labels = list(truth) + [label for label in measured if label not in truth]
    return MealTruth(tuple(ItemTruth(label, truth.get(label), measured.get(label), kcal.get(label, 0.0))
                           for label in labels))


def _ml(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def truth_rows(comparison: MealTruth) -> list[list[str]]:
    """Rows for :data:`TRUTH_COLUMNS`, a totals row last."""
    rows = []
    for item in comparison.items:
        error = item.volume_error
        rows.append([item.label, _ml(item.truth_ml), _ml(item.measured_ml),
                     "missed" if item.measured_ml is None else "not in the scene" if error is None else f"{error:+.1%}",
                     f"{item.kcal:.0f}", _ml(item.kcal_at_truth)])
    if comparison.matched:
        rows.append(["total", f"{comparison.total('truth_ml'):.0f}", f"{comparison.total('measured_ml'):.0f}",
                     f"{comparison.total_error('measured_ml', 'truth_ml'):+.1%}", f"{comparison.total('kcal'):.0f}",
                     f"{comparison.total('kcal_at_truth'):.0f}"])
    return rows


def truth_summary(comparison: MealTruth) -> str:
    """One line: the totals' errors, and what was missed or is not in the scene."""
    if not comparison.matched:
        return "no item of the job is a food of the scene: nothing to compare"
    line = (f"meal volume {comparison.total_error('measured_ml', 'truth_ml'):+.1%} and kcal "
            f"{comparison.total_error('kcal', 'kcal_at_truth'):+.1%} against the scene's truth; median item volume "
            f"error {comparison.median_volume_error:.1%}")
    if comparison.missed:
        line += f"; missed: {', '.join(comparison.missed)}"
    if comparison.not_in_scene:
        line += f"; not in the scene: {', '.join(comparison.not_in_scene)}"
    return line
