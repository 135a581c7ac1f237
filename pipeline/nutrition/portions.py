"""Mass of an item: explicit grams first, else volume (ml) × the matched food's density (g/ml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.nutrition.knowledge_base import Food


@dataclass(frozen=True)
class Portion:
    """How much of the food there is and how we know."""

    mass_g: float
    source: Literal["explicit", "volume", "none"]
    volume_ml: float | None = None
    density_g_per_ml: float | None = None
    density_source: str | None = None
    problem: Literal["NO_PORTION", "UNKNOWN_DENSITY"] | None = None


def resolve_portion(food: Food | None, *, mass_g: float | None, volume_ml: float | None) -> Portion:
    """``mass_g`` (g) when given; else ``volume_ml`` (ml) × density; else zero mass with a problem code."""
    if mass_g is not None:
        return Portion(float(mass_g), "explicit", volume_ml)
    if volume_ml is None:
        return Portion(0.0, "none", problem="NO_PORTION")
    if food is None or food.density_g_per_ml is None:
        return Portion(0.0, "none", volume_ml, problem="UNKNOWN_DENSITY")
    mass = volume_ml * food.density_g_per_ml
    return Portion(round(mass, 3), "volume", volume_ml, food.density_g_per_ml, food.density_source)


def scale_nutrients(per_100g: list[float], mass_g: float) -> list[float]:
    """Nutrients of ``mass_g`` grams from values per 100 g (missing values count as 0)."""
    return [0.0 if value != value else round(value * mass_g / 100.0, 3) for value in per_100g]
