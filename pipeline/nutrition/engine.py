"""``NutritionEngine``: detections (or meals) -> matched USDA foods, portions, nutrients, totals, warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.contracts.detections import SCENE_PERCEPTION, Detections, Weights
from pipeline.contracts.results import (
    NUTRIENT_FIELDS, Candidate, FoodMatch, NutrientTotals, ResultItem, Results, Warning,
)
from pipeline.nutrition.constants import NUTRIENT_KEYS
from pipeline.nutrition.knowledge_base import KnowledgeBase
from pipeline.nutrition.matcher import Disambiguator, FoodMatcher, MatchResult
from pipeline.nutrition.portions import resolve_portion, scale_nutrients

assert NUTRIENT_KEYS == NUTRIENT_FIELDS, "knowledge-base nutrient order must match the results contract"


@dataclass(frozen=True)
class ItemInput:
    """One thing on the plate: a label and an explicit mass (g) or a volume (ml)."""

    id: str
    label: str
    mass_g: float | None = None
    volume_ml: float | None = None
    frames: tuple[int, ...] | None = None
    volume_ml_p10: float | None = None
    volume_ml_p90: float | None = None


def item_inputs(detections: Detections) -> list[ItemInput]:
    """The engine's input for each detected item: its label, mass (g) or volume (ml), frames."""
    return [ItemInput(d.id, d.label, d.mass_g, d.volume_ml, tuple(d.frames), d.volume_ml_p10, d.volume_ml_p90)
            for d in detections.items]


@dataclass
class MealAnalysis:
    """Items with nutrients, totals and warnings of one meal."""

    items: list[ResultItem]
    totals: NutrientTotals
    warnings: list[Warning] = field(default_factory=list)


def _kcal_at(per_100g: list[float], mass_g: float | None) -> float | None:
    """kcal of ``mass_g`` grams (None when there is no such mass)."""
    return None if mass_g is None else scale_nutrients(per_100g, mass_g)[NUTRIENT_FIELDS.index("kcal")]


def _candidate(match_food, score: float) -> Candidate:
    return Candidate(fdc_id=match_food.fdc_id, food_id=match_food.food_id, description=match_food.description,
                     data_type=match_food.data_type, score=score)


class NutritionEngine:
    """Matches labels to USDA foods and computes nutrients; one instance serves many meals."""

    def __init__(self, kb: KnowledgeBase, top_k: int = 5, min_confidence: float = 0.45,
                 disambiguator: Disambiguator | None = None) -> None:
        if not 0 <= min_confidence <= 1:
            raise ValueError("min_confidence must be within 0..1")
        self.kb = kb
        self.min_confidence = min_confidence
        self.matcher = FoodMatcher(kb, top_k=top_k, disambiguator=disambiguator)

    def analyse(self, detections: Detections) -> Results:
        """results.json for one job's detections."""
        return self.analyse_items(detections.job_id, item_inputs(detections), weights=detections.weights)

    def analyse_items(self, job_id: str, items: Sequence[ItemInput], *, weights: Weights) -> Results:
        """results.json for one job's items (its detections', or those a person corrected)."""
        meal = self.analyse_meals([items])[0]
        warnings = list(meal.warnings)
        if weights == "random":
            warnings.append(Warning(code="RANDOM_WEIGHTS", message=(
                "the detector ran with random weights (a test run): labels and volumes are not real observations")))
        if weights == "scene":
            warnings.append(Warning(code="SCENE_PERCEPTION", message=(
                f"{SCENE_PERCEPTION}: labels, masks and depth come from a rendered scene; everything after "
                "them (calibration, volumes, grams, nutrients) was computed")))
        return Results(job_id=job_id, items=meal.items, totals=meal.totals, warnings=warnings,
                       knowledge_base=self.kb.version, weights=weights)

    def analyse_meals(self, meals: Sequence[Sequence[ItemInput]]) -> list[MealAnalysis]:
        """Every meal's analysis; distinct labels across all meals are matched once, in one batch."""
        matches = self.matcher.match_many(item.label for meal in meals for item in meal)
        # a label's candidates are the same in every item that has it: validated once (5,000 meals repeat labels)
        candidates = {label: [_candidate(c.food, c.score) for c in match.candidates] for label, match in matches.items()}
        return [self._meal(meal, matches, candidates) for meal in meals]

    def _meal(self, meal: Sequence[ItemInput], matches: dict[str, MatchResult],
              candidates: dict[str, list[Candidate]]) -> MealAnalysis:
        items: list[ResultItem] = []
        warnings: list[Warning] = []
        for item in meal:
            result, item_warnings = self._item(item, matches[item.label], candidates[item.label])
            items.append(result)
            warnings.extend(item_warnings)
        totals = {key: round(sum(getattr(i.nutrients, key) for i in items), 2) for key in NUTRIENT_FIELDS}
        if totals["kcal"] > 0:
            items = [i.model_copy(update={"kcal_share": round(min(1.0, i.nutrients.kcal / totals["kcal"]), 4)})
                     for i in items]
        if not meal:
            warnings.append(Warning(code="NO_FOOD", message="no food items were given or detected"))
        return MealAnalysis(items, NutrientTotals(**totals), warnings)

    def _item(self, item: ItemInput, match: MatchResult, candidates: list[Candidate]) -> tuple[ResultItem, list[Warning]]:
        warnings: list[Warning] = []

        def warn(code: str, message: str) -> None:
            warnings.append(Warning(code=code, message=message, item_id=item.id))

        food = match.food
        portion = resolve_portion(food, mass_g=item.mass_g, volume_ml=item.volume_ml, volume_ml_p10=item.volume_ml_p10,
                                  volume_ml_p90=item.volume_ml_p90, label=item.label)
        per_100g = [float(v) for v in self.kb.nutrients[food.index]] if food else [0.0] * len(NUTRIENT_FIELDS)
        nutrients = scale_nutrients(per_100g, portion.mass_g) if food else [0.0] * len(NUTRIENT_FIELDS)
        if food is None:
            warn("UNMATCHED", f"'{item.label}' matched no USDA food ({match.reason}); it adds nothing to the totals")
        elif match.level == "category":
            warn("BACKED_OFF", f"no USDA entry is a trustworthy match for '{item.label}'; its nutrients are the "
                 f"category profile '{food.description}' ({food.basis}), confidence {match.confidence:.2f}")
        elif match.level == "recipe":
            warn("BACKED_OFF", f"no USDA entry is '{item.label}'; its nutrients are the recipe profile "
                 f"'{food.description}' ({food.basis}), confidence {match.confidence:.2f}")
        elif match.level == "preparation":
            how = match.reason or "the same food in another preparation or variety than the label says"
            warn("BACKED_OFF", f"'{item.label}' -> '{food.description}': {how}, confidence {match.confidence:.2f}")
        elif match.confidence < self.min_confidence:
            warn("LOW_CONFIDENCE_MATCH", f"'{item.label}' -> '{food.description}' has confidence "
                 f"{match.confidence:.2f} (< {self.min_confidence:.2f}); check the candidates")
        if food is not None:
            missing = [key for key, value in zip(NUTRIENT_FIELDS, per_100g) if value != value]
            if missing:
                warn("MISSING_NUTRIENT", f"USDA reports no {', '.join(missing)} for '{food.description}'; counted as 0")
        if portion.problem == "NO_PORTION":
            warn("NO_PORTION", f"'{item.label}' has neither a mass nor a volume; its mass is 0 g")
        elif portion.problem == "UNKNOWN_DENSITY" and food is not None:
            warn("UNKNOWN_DENSITY", f"no density is known for '{food.description}'; {item.volume_ml} ml cannot be weighed")
        if item.frames is not None and len(item.frames) == 1:
            warn("SINGLE_FRAME", f"'{item.label}' was seen in one frame only; its volume rests on a single view")
        result = ResultItem(
            id=item.id, label=item.label,
            match=None if food is None else FoodMatch(
                **_candidate(food, match.score).model_dump(), confidence=match.confidence,
                chosen_by=match.chosen_by, energy_source=food.energy_source, level=match.level, basis=food.basis),
            candidates=list(candidates),
            mass_g=portion.mass_g, mass_source=portion.source, volume_ml=portion.volume_ml,
            density_g_per_ml=portion.density_g_per_ml, density_source=portion.density_source,
            food_form=portion.form, density_kind=portion.density_kind,
            mass_g_p10=portion.mass_g_p10, mass_g_p90=portion.mass_g_p90,
            kcal_p10=_kcal_at(per_100g, portion.mass_g_p10) if food else None,
            kcal_p90=_kcal_at(per_100g, portion.mass_g_p90) if food else None,
            nutrients=NutrientTotals(**dict(zip(NUTRIENT_FIELDS, nutrients))),
            confidence=match.confidence,
        )
        return result, warnings
