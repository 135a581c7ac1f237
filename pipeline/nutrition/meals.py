"""Meals given on the command line: ``{"id", "items": [{"name", "grams"} | {"name", "volume_ml"}]}``.

A file holds one meal (JSON), a list of meals (JSON) or one meal per line (JSONL). Each meal is
validated on its own, so one bad meal yields an error naming it and its field while the rest are
answered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.nutrition.constants import MAX_ITEM_GRAMS, MAX_ITEM_ML
from pipeline.validation import first_problem


class MealItem(BaseModel):
    """One item: its name and grams (g) or volume (ml).

    ``fdc_id`` and ``food`` are a labelled set's reference answer; they are accepted and ignored.
    """

    model_config = ConfigDict(extra="forbid")

    name: str
    grams: float | None = Field(default=None, gt=0, le=MAX_ITEM_GRAMS)
    volume_ml: float | None = Field(default=None, gt=0, le=MAX_ITEM_ML)
    fdc_id: int | str | list[int | str] | None = None
    food: dict[str, Any] | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must name a food (it is empty)")
        return value.strip()

    @model_validator(mode="after")
    def _portion(self) -> "MealItem":
        if self.grams is None and self.volume_ml is None:
            raise ValueError("needs 'grams' or 'volume_ml'")
        return self


class Meal(BaseModel):
    """A meal; ``truth`` (reference nutrients of a labelled set) is allowed and ignored."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    id: str = Field(min_length=1)
    items: list[MealItem]
    truth: dict[str, Any] | None = None


@dataclass(frozen=True)
class MealError:
    """Why one meal of the file was refused."""

    id: str
    field: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": {"code": "INVALID_INPUT", "field": self.field,
                                         "message": f"meal {self.id!r}, field {self.field}: {self.message}"}}


def parse_meal(raw: Any, position: str) -> Meal | MealError:
    """Validate one decoded meal; ``position`` names it when it has no usable id ('line 3')."""
    meal_id = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") not in (None, "") else position
    if not isinstance(raw, dict):
        return MealError(meal_id, "(meal)", f"a meal is a JSON object, got {type(raw).__name__}")
    try:
        return Meal.model_validate(raw)
    except ValidationError as exc:
        first = first_problem(exc)
        message = first.message
        if first.kind == "extra_forbidden":
            message = ("unknown field (allowed: id, items[].name, items[].grams, items[].volume_ml; "
                       "truth, items[].food, items[].fdc_id are ignored references)")
        return MealError(meal_id, first.where or "(meal)", message)


def read_meals(path: Path) -> list[Meal | MealError]:
    """Every meal of a JSON or JSONL file, in order. Raises OSError/ValueError if the file is unusable."""
    text = Path(path).read_text(encoding="utf-8")
    if not text.strip():
        raise ValueError(f"{path} is empty")
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        document = None
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) < 2:
            raise ValueError(f"{path} is neither JSON nor JSONL: {json.JSONDecodeError.__name__}") from None
    else:
        if isinstance(document, list):
            return [parse_meal(raw, f"meal {n}") for n, raw in enumerate(document, 1)]
        return [parse_meal(document, "meal 1")]
    out: list[Meal | MealError] = []
    for number, line in lines:
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(MealError(f"line {number}", "(json)", f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        out.append(parse_meal(raw, f"line {number}"))
    return out
