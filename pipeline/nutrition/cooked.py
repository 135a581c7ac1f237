"""Plain cooked seafood derived from raw entries (issue 10 point 2: a bare food name means the food cooked without fat).

FoodData Central's survey (FNDDS) fish are mostly cooked with fat or coated ('Fish, snapper' carries 7.8 g of
coating carbohydrate per 100 g), and many fish and shellfish have only a raw Foundation or SR Legacy entry
('Snapper, frozen, wild caught', 'Mollusks, squid, mixed species, raw'). Cooking without fat only drives water
out: the food keeps its protein, fat and the rest, in less weight. SR Legacy computed its own cooked fish that way,
so the ratio of its cooked to its raw protein, over every raw / cooked pair of one species that it lists, is the
documented cooking yield (median 1.28: 78 % of the raw weight is left). Each raw seafood entry whose species SR
Legacy does not also list cooked gets a cooked twin, its nutrients per 100 g times that ratio, named after its
source with ", cooked, no added fat", and its ``basis`` names the entry it comes from, the ratio and the pairs.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from pipeline.nutrition.constants import NUTRIENT_KEYS
from pipeline.nutrition.sources import FoodRecord

#: ``data_type`` of a cooked entry derived from a raw one.
COOKED_DATA_TYPE = "derived_cooked"
#: FDC category (SR Legacy, Foundation) of the foods derived here.
SEAFOOD_CATEGORY = "Finfish and Shellfish Products"
_RAW_TYPES = ("foundation_food", "sr_legacy_food")
#: Fewest SR Legacy raw / cooked pairs for the ratio to mean anything; with fewer, nothing is derived.
MIN_PAIRS = 5
_PROTEIN = NUTRIENT_KEYS.index("protein_g")
#: Segments of a raw description that say it is raw or as bought, dropped from the cooked twin's name.
_AS_BOUGHT = re.compile(r"^(raw|frozen|fresh)$", re.IGNORECASE)
#: Words of cooking states and of processed forms: an entry with one is not raw seafood as bought.
_NOT_RAW = re.compile(r"\b(cooked|baked|broiled|boiled|steamed|fried|heat|roasted|canned|smoked|dried|salted|pickled"
                      r"|cured|kippered|breaded|battered|imitation|oil|spread|paste|salad|nuggets|sticks?|eggs?|roe)\b",
                      re.IGNORECASE)


def _segments(description: str) -> list[str]:
    return [s.strip() for s in description.split(",") if s.strip()]


def _stem(description: str) -> tuple[str, ...]:
    """The species a raw or cooked SR description names: its segments before the first that says raw or cooked
    ('Fish, cod, Atlantic, cooked, dry heat' and 'Fish, cod, Atlantic, raw' -> ('fish', 'cod', 'atlantic'))."""
    stem = []
    for segment in _segments(description.lower()):
        if segment == "raw" or segment.startswith("cooked"):
            break
        stem.append(segment)
    return tuple(stem)


def cooking_ratio(records: Sequence[FoodRecord]) -> tuple[float, int]:
    """Median cooked / raw protein ratio over the SR Legacy seafood species listed both raw and cooked
    (any cooking without coating or fat: 'cooked, dry heat', 'cooked, moist heat', 'cooked'), and the number of pairs."""
    raw: dict[tuple[str, ...], float] = {}
    cooked: dict[tuple[str, ...], float] = {}
    for record in records:
        if record.data_type != "sr_legacy_food" or record.category != SEAFOOD_CATEGORY:
            continue
        segments = [s.lower() for s in _segments(record.description)]
        protein = record.nutrients[_PROTEIN]
        if not protein > 0:
            continue
        if segments[-1:] == ["raw"]:
            raw[_stem(record.description)] = protein
        elif any(s.startswith("cooked") for s in segments) and not re.search(r"breaded|fried|canned", record.description, re.I):
            cooked.setdefault(_stem(record.description), protein)
    ratios = [cooked[stem] / raw[stem] for stem in raw.keys() & cooked.keys()]
    return (statistics.median(ratios), len(ratios)) if ratios else (1.0, 0)


def _is_raw_seafood(record: FoodRecord) -> bool:
    if record.data_type not in _RAW_TYPES or record.category != SEAFOOD_CATEGORY or _NOT_RAW.search(record.description):
        return False
    return record.data_type == "foundation_food" or "raw" in [s.lower() for s in _segments(record.description)]


def cooked_seafood(records: Sequence[FoodRecord]) -> list[FoodRecord]:
    """A cooked-without-fat twin of each raw seafood entry of ``records`` whose species SR Legacy lists only raw."""
    ratio, pairs = cooking_ratio(records)
    if pairs < MIN_PAIRS:
        return []
    listed_cooked = {_stem(r.description) for r in records if r.data_type == "sr_legacy_food"
                     and r.category == SEAFOOD_CATEGORY and any(s.lower().startswith("cooked") for s in _segments(r.description))}
    derived = []
    names = {r.description.lower() for r in records}
    for record in records:
        if not _is_raw_seafood(record) or _stem(record.description) in listed_cooked:
            continue
        kept = [s for s in _segments(record.description) if not _AS_BOUGHT.match(s)]
        description = ", ".join(kept + ["cooked", "no added fat"])
        if description.lower() in names:
            continue
        names.add(description.lower())
        nutrients = [value * ratio for value in record.nutrients]
        basis = (f"cooked without fat from '{record.description}' ({record.data_type}): its nutrients per 100 g x "
                 f"{ratio:.3f}, the median cooked / raw protein ratio of the {pairs} seafood species SR Legacy lists both "
                 f"raw and cooked (a cooking yield of {100 / ratio:.0f}% of the raw weight)")
        derived.append(FoodRecord(description, COOKED_DATA_TYPE, record.category, nutrients, None,
                                  list(record.portions), basis=basis))
    return derived
