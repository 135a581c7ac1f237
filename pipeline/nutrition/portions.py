"""Mass of an item: explicit grams first, else volume (ml) × the density that fits its form (g/ml;
:mod:`pipeline.nutrition.food_form`), with the volume's 80 % interval carried into grams."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.nutrition.food_form import DensityKind, FoodForm, density_for_form, food_form
from pipeline.nutrition.knowledge_base import Food


@dataclass(frozen=True)
class Portion:
    """How much of the food there is (g, with its 80 % interval when the volume had one) and how we know."""

    mass_g: float
    source: Literal["explicit", "volume", "none"]
    volume_ml: float | None = None
    density_g_per_ml: float | None = None
    density_source: str | None = None
    problem: Literal["NO_PORTION", "UNKNOWN_DENSITY"] | None = None
    mass_g_p10: float | None = None
    mass_g_p90: float | None = None
    form: FoodForm | None = None
    density_kind: DensityKind | None = None


def resolve_portion(food: Food | None, *, mass_g: float | None, volume_ml: float | None,
                    volume_ml_p10: float | None = None, volume_ml_p90: float | None = None,
                    label: str = "") -> Portion:
    """``mass_g`` (g) when given; else ``volume_ml`` (ml) × the density for the item's form (``label``
    and the food's description decide it); else zero mass with a problem code. The volume's interval
    (ml) becomes the mass's (g) with the same density: the density's own uncertainty is not in it."""
    if mass_g is not None:
        return Portion(float(mass_g), "explicit", volume_ml)
    if volume_ml is None:
        return Portion(0.0, "none", problem="NO_PORTION")
    if food is None or food.density_g_per_ml is None:
        return Portion(0.0, "none", volume_ml, problem="UNKNOWN_DENSITY")
    form = food_form(label, food.description)
    density = density_for_form(food.density_g_per_ml, food.density_source or "", form)
    low = None if volume_ml_p10 is None else round(volume_ml_p10 * density.g_per_ml, 3)
    high = None if volume_ml_p90 is None else round(volume_ml_p90 * density.g_per_ml, 3)
    return Portion(round(volume_ml * density.g_per_ml, 3), "volume", volume_ml, density.g_per_ml, density.source,
                   mass_g_p10=low, mass_g_p90=high, form=form, density_kind=density.kind)


def scale_nutrients(per_100g: list[float], mass_g: float) -> list[float]:
    """Nutrients of ``mass_g`` grams from values per 100 g (missing values count as 0)."""
    return [0.0 if value != value else round(value * mass_g / 100.0, 3) for value in per_100g]
