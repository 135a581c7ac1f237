"""Category profiles: the back-off ladder's lowest trustworthy level (issue 10).

One profile per FNDDS (WWEIA) food category, such as "Other dark green vegetables", "Fish" or "Rice
mixed dishes": the median of each nutrient (per 100 g) over the category's entries. Plain foods are
plain: where a category has entries said to be cooked without fat, the entries said to add fat are
left out of its median (a bare name means the food cooked without added fat, issue 10 point 2), and so are
lightened variants (light, reduced fat, fat free, diet...) where at least three regular entries remain. Each
profile names its basis ("median of 44 FNDDS entries of WWEIA category 'Fish'"), so a result can say
which level answered.

A label's category can be wide ('Poultry mixed dishes' holds chicken stews at 84 kcal per 100 g and chicken kiev at 280):
where at least :data:`NEAREST_MIN_ENTRIES` of the voting entries named after the label's own food belong to it, the label is
answered by the median of those entries ('thai green curry' -> 'Chicken curry', 'Chicken curry with rice'), made when
the label is matched (:func:`nearest_profile`), still at the category level.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence

from pipeline.nutrition.constants import NUTRIENT_KEYS
from pipeline.nutrition.sources import FoodRecord

#: ``data_type`` of a category profile in the knowledge base.
CATEGORY_DATA_TYPE = "category_profile"
#: FNDDS data type whose categories (WWEIA) profiles are made of.
PROFILE_SOURCE_TYPE = "survey_fndds_food"
#: Fewest entries a category needs for a median to mean anything.
MIN_ENTRIES = 3
#: Fewest of a label's voting entries in its category from which their median answers instead of the category's.
NEAREST_MIN_ENTRIES = 2
#: Categories that name no food a plate holds (infant foods, water, supplements, leftovers).
#: The top of the ladder's category level: every mixed-dish category, for a label nothing else places.
MIXED_DISHES = "Mixed dishes, any"
#: Categories of mixed dishes (their profiles together make :data:`MIXED_DISHES`).
MIXED_DISH_CATEGORIES = re.compile(r"mixed dishes|legume dishes|vegetable dishes|burritos|pizza|fried rice|dumplings", re.I)
_SKIPPED = re.compile(r"^baby|formula|water$|not included|protein and nutritional powders|sugar substitutes", re.I)
_FAT_ADDED = re.compile(r"\bfat added\b|\bmade with (butter|oil|margarine)", re.I)
_NO_FAT = re.compile(r"\bno added fat\b|\bfat not added\b|\bwithout (added )?fat\b", re.I)
#: Variants made lighter than the regular food (a bare name means the regular one: "mayonnaise" is not light mayo).
_LIGHTENED = re.compile(r"\b(light|lite|(reduced|low|lower)[ -](fat|calorie|sugar)|lowfat|fat[ -]free|nonfat|non-fat"
                        r"|diet|sugar[ -]free|low calorie|skim)\b", re.I)


def profile_description(category: str) -> str:
    """The profile's description in the knowledge base ('Fish' -> 'Fish (category profile)')."""
    return f"{category} (category profile)"


def nearest_profile_description(category: str, count: int) -> str:
    """The description of a profile of ``count`` entries of ``category`` nearest a label."""
    return f"{category} (category profile of the {count} entries nearest the label)"


def nearest_profile_nutrients(rows: Sequence[Sequence[float]]) -> list[float]:
    """Per nutrient (per 100 g), the median over the member entries' ``rows``; nan where none reports it."""
    return [_median([float(row[k]) for row in rows]) for k in range(len(NUTRIENT_KEYS))]


def nearest_profile_basis(category: str, members: Sequence[str]) -> str:
    """A nearest-entries profile's make-up, naming its members."""
    listing = "; ".join(f"'{m}'" for m in members)
    return f"median of the {len(members)} FNDDS entries of WWEIA category '{category}' nearest the label: {listing}"


def joined_profile_description(members: Sequence, shares: Sequence[float] | None = None) -> str:
    """The description of a profile of the foods a label joins (``members``: their entries, in the label's order;
    ``shares``: each one's share of the weight, None for equal parts)."""
    if shares is None:
        return " and ".join(f"'{m.description}'" for m in members) + " (the foods the label joins, in equal parts)"
    return " and ".join(f"'{m.description}' ({share:.0%})" for m, share in zip(members, shares)) + \
        " (the foods the label joins, by weight)"


def joined_profile_basis(members: Sequence, shares: Sequence[float] | None = None) -> str:
    """A joined-foods profile's make-up, naming each food's entry (and its share of the weight, if not equal)."""
    if shares is None:
        listing = "; ".join(f"'{m.description}' ({m.category})" for m in members)
        return f"mean, in equal parts, of the {len(members)} foods the label joins: {listing}"
    listing = "; ".join(f"{share:.0%} '{m.description}' ({m.category})" for m, share in zip(members, shares))
    return f"mean, weighted by share of the weight, of the {len(members)} foods the label joins: {listing}"


def joined_profile_nutrients(rows: Sequence[Sequence[float]], shares: Sequence[float]) -> list[float]:
    """Per nutrient (per 100 g), the mean of the member entries' ``rows`` weighted by their ``shares`` of the weight
    (shares sum to 1); a nutrient one member does not report is the others' weighted mean, nan where none reports it."""
    joined = []
    for k in range(len(NUTRIENT_KEYS)):
        known = [(float(row[k]), share) for row, share in zip(rows, shares) if not math.isnan(float(row[k]))]
        weight = sum(share for _, share in known)
        joined.append(sum(value * share for value, share in known) / weight if weight > 0 else math.nan)
    return joined


def _median(values: list[float]) -> float:
    known = [v for v in values if not math.isnan(v)]
    return float(statistics.median(known)) if known else math.nan


def category_profiles(records: Sequence[FoodRecord]) -> list[FoodRecord]:
    """A profile per WWEIA category of the FNDDS ``records`` with at least ``MIN_ENTRIES`` entries."""
    members: dict[str, list[FoodRecord]] = defaultdict(list)
    for record in records:
        if record.data_type == PROFILE_SOURCE_TYPE and record.category and not _SKIPPED.search(record.category):
            members[record.category].append(record)
    members[MIXED_DISHES] = [r for c, rs in members.items() if MIXED_DISH_CATEGORIES.search(c) for r in rs]
    profiles = []
    for category in sorted(members):
        entries = members[category]
        if any(_NO_FAT.search(r.description) for r in entries):
            entries = [r for r in entries if not _FAT_ADDED.search(r.description)]
        regular = [r for r in entries if not _LIGHTENED.search(r.description)]
        if len(regular) >= MIN_ENTRIES:
            entries = regular
        if len(entries) < MIN_ENTRIES:
            continue
        nutrients = [_median([r.nutrients[k] for r in entries]) for k in range(len(NUTRIENT_KEYS))]
        portions = [p for r in entries for p in r.portions]
        basis = f"median of {len(entries)} FNDDS entries of WWEIA category '{category}'" if category != MIXED_DISHES \
            else f"median of {len(entries)} FNDDS entries of the WWEIA mixed-dish categories"
        profiles.append(FoodRecord(profile_description(category), CATEGORY_DATA_TYPE, category, nutrients,
                                   None, portions, basis=basis))
    return profiles
