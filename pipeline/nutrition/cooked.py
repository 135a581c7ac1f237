"""Plain cooked seafood derived from raw entries (issue 10 point 2: a bare food name means the food cooked without fat).

FoodData Central's survey (FNDDS) fish are mostly cooked with fat or coated ('Fish, snapper' carries 7.8 g of
coating carbohydrate per 100 g), and many fish and shellfish have only a raw Foundation or SR Legacy entry
('Snapper, frozen, wild caught', 'Mollusks, squid, mixed species, raw'). Cooking without fat only drives water
out: the food keeps its protein, fat and the rest, in less weight. SR Legacy computed its own cooked fish that way,
so the ratio of its cooked to its raw protein, over every raw / cooked pair of one species that it lists, is the
documented cooking yield (median 1.28: 78 % of the raw weight is left). Each raw seafood entry whose species SR
Legacy does not also list cooked gets a cooked twin, its nutrients per 100 g times that ratio, named after its
source with ", cooked, no added fat", and its ``basis`` names the entry it comes from, the ratio and the pairs.

FNDDS also cooks many legumes and vegetables with fat by default and lists some only that way ('Mung beans, cooked',
'Blackeyed peas, from dried': 7 g of fat per 100 g). Where a category lists enough foods both with fat added and with
none, such a food gets a twin without its cooking fat, by the median fat the category's pairs differ by
(:func:`plain_cooked`).

Grains and legumes SR Legacy and Foundation list only dry, as sold ('Beans, navy, mature seeds, raw', 337 kcal per
100 g; 'Rice, red, unenriched, dry, raw'), with no cooked entry of the same food anywhere, get a cooked twin too:
boiling only adds water, so the twin is the dry food's nutrients per 100 g times the median cooked / dry energy ratio
of the foods of its category that the data lists both dry and cooked without fat (:func:`cooked_staples`).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence

from pipeline.nutrition.constants import NUTRIENT_KEYS
from pipeline.nutrition.sources import FoodRecord
from pipeline.nutrition.text import description_tokens

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
        basis = (f"cooked without fat from '{record.description}' ({record.data_type}): its nutrients per 100 g x "
                 f"{ratio:.3f}, the median cooked / raw protein ratio of the {pairs} seafood species SR Legacy lists both "
                 f"raw and cooked (a cooking yield of {100 / ratio:.0f}% of the raw weight)")
        _add_cooked_twin(derived, names, record, _AS_BOUGHT, ratio, basis)
    return derived


def _add_cooked_twin(derived: list[FoodRecord], names: set[str], source: FoodRecord, as_sold: re.Pattern[str],
                     ratio: float, basis: str) -> None:
    """Append ``source`` cooked without fat: named without its segments matching ``as_sold`` ('raw', 'dry') and with
    ", cooked, no added fat", its nutrients per 100 g times the cooking ``ratio``."""
    kept = [s for s in _segments(source.description) if not as_sold.match(s)]
    _add_twin(derived, names, source, ", ".join(kept + ["cooked", "no added fat"]),
              [value * ratio for value in source.nutrients], basis)


def _add_twin(derived: list[FoodRecord], names: set[str], source: FoodRecord, description: str, nutrients: list[float],
              basis: str) -> None:
    """Append the derived food ``description`` made from ``source`` unless a food of that name exists."""
    if description.lower() not in names:
        names.add(description.lower())
        derived.append(FoodRecord(description, COOKED_DATA_TYPE, source.category, nutrients, None,
                                  list(source.portions), basis=basis))


#: FNDDS segments that say cooking fat was or was not added.
_FAT_ADDED = re.compile(r"^fat added$", re.IGNORECASE)
_NO_ADDED_FAT = re.compile(r"^no added fat$", re.IGNORECASE)
#: Words of an entry that is not one plain food cooked: dishes, mixtures, unspecified or restaurant entries.
_NOT_PLAIN = re.compile(r"\b(with|and|nfs|ns|restaurant|fast food|reduced sodium|raw)\b", re.IGNORECASE)
#: Words that say an FNDDS entry is the food cooked (FNDDS writes cooked legumes 'from dried', 'from canned').
_COOKED_WORDS = re.compile(r"\b(cooked|from dried|from canned|from frozen|boiled)\b", re.IGNORECASE)
_FAT, _ENERGY, _CARBS = NUTRIENT_KEYS.index("fat_g"), NUTRIENT_KEYS.index("kcal"), NUTRIENT_KEYS.index("carbs_g")


def _taken_out(nutrients: Sequence[float], dilution: float, fat_g: float, carbs_g: float = 0.0) -> list[float]:
    """``nutrients`` (per 100 g, :data:`NUTRIENT_KEYS` order) less ``fat_g`` g of fat and ``carbs_g`` g of
    carbohydrate with their 9 and 4 kcal per g, every value then multiplied by ``dilution`` (per 100 g of what is left)."""
    kept = [value * dilution for value in nutrients]
    kept[_FAT] = (nutrients[_FAT] - fat_g) * dilution
    kept[_CARBS] = (nutrients[_CARBS] - carbs_g) * dilution
    kept[_ENERGY] = (nutrients[_ENERGY] - 9.0 * fat_g - 4.0 * carbs_g) * dilution
    return kept


def _fat_clause_key(record: FoodRecord) -> str:
    """The description without its 'fat added' / 'no added fat' segment ('Black beans, from dried')."""
    return ", ".join(s for s in _segments(record.description)
                     if not (_FAT_ADDED.match(s) or _NO_ADDED_FAT.match(s))).lower()


def added_fat_of_pairs(records: Sequence[FoodRecord]) -> dict[str, tuple[float, float, int]]:
    """Per FNDDS category, from its foods listed both 'fat added' and 'no added fat': the median fat (g per 100 g) the
    cooking added, the median ratio of the plain food's protein to the fat-added one's (the fat's dilution of the
    rest), and the number of pairs."""
    added: dict[tuple[str, str], FoodRecord] = {}
    plain: dict[tuple[str, str], FoodRecord] = {}
    for record in records:
        if record.data_type != "survey_fndds_food":
            continue
        segments = _segments(record.description)
        if any(_FAT_ADDED.match(s) for s in segments):
            added[(record.category, _fat_clause_key(record))] = record
        elif any(_NO_ADDED_FAT.match(s) for s in segments):
            plain[(record.category, _fat_clause_key(record))] = record
    by_category: dict[str, list[tuple[float, float]]] = {}
    for key in added.keys() & plain.keys():
        fat_added, no_fat = added[key].nutrients, plain[key].nutrients
        if fat_added[_PROTEIN] > 0 and fat_added[_FAT] > no_fat[_FAT]:
            by_category.setdefault(key[0], []).append((fat_added[_FAT] - no_fat[_FAT], no_fat[_PROTEIN] / fat_added[_PROTEIN]))
    return {category: (statistics.median(d for d, _ in pairs), statistics.median(r for _, r in pairs), len(pairs))
            for category, pairs in by_category.items()}


def _raw_fat_per_protein(records: Sequence[FoodRecord]) -> dict[str, float]:
    """Per food (the first segment of a raw SR Legacy or Foundation description, 'Edamame, frozen, unprepared'), the
    most fat per gram of protein of its raw entries: the food's own fat, which cooking concentrates as its protein."""
    ratios: dict[str, float] = {}
    for record in records:
        segments = [s.lower() for s in _segments(record.description)]
        if record.data_type in _RAW_TYPES and ({"raw", "unprepared"} & set(segments)) and record.nutrients[_PROTEIN] > 0:
            ratio = record.nutrients[_FAT] / record.nutrients[_PROTEIN]
            if not math.isnan(ratio):
                ratios[segments[0]] = max(ratios.get(segments[0], 0.0), ratio)
    return ratios


def plain_cooked(records: Sequence[FoodRecord]) -> list[FoodRecord]:
    """A no-added-fat twin of each FNDDS food cooked with fat ('Mung beans, cooked': 6.9 g fat, 156 kcal per 100 g;
    'Blackeyed peas, from dried') that FNDDS lists with no plain sibling, in a category with :data:`MIN_PAIRS` foods
    listed both ways (FNDDS cooks its legumes with fat by default): its fat less the category's median added fat, its
    energy less that fat's 9 kcal per g, every nutrient divided back from the fat's dilution. Only an entry carrying at
    least that much fat is taken to hold it ('Baked beans', 0.9 g, is not), and no more fat is taken out than it carries
    beyond its food's own, by the fat per gram of protein of its raw entries ('Edamame, cooked': 2.4 g, not 6.3)."""
    pairs = {c: p for c, p in added_fat_of_pairs(records).items() if p[2] >= MIN_PAIRS}
    keys = {(r.category, _fat_clause_key(r)) for r in records if r.data_type == "survey_fndds_food"
            and any(_NO_ADDED_FAT.match(s) for s in _segments(r.description))}
    names = {r.description.lower() for r in records}
    raw_fat = _raw_fat_per_protein(records)
    derived = []
    for record in records:
        if record.data_type != "survey_fndds_food" or record.category not in pairs:
            continue
        segments = _segments(record.description)
        says_added = any(_FAT_ADDED.match(s) for s in segments)
        kept = [s for s in segments if not _FAT_ADDED.match(s)]
        if any(_NO_ADDED_FAT.match(s) for s in segments) or _NOT_PLAIN.search(", ".join(kept)) \
                or not (says_added or _COOKED_WORDS.search(record.description)):
            continue
        fat_g, dilution, count = pairs[record.category]
        if (record.category, _fat_clause_key(record)) in keys or not record.nutrients[_FAT] >= fat_g:
            continue
        own_fat = raw_fat.get(segments[0].lower(), 0.0) * record.nutrients[_PROTEIN]  # the food's own, by its raw one
        fat_g = min(fat_g, record.nutrients[_FAT] - own_fat)
        if fat_g <= 0:
            continue
        nutrients = _taken_out(record.nutrients, dilution, fat_g)
        basis = (f"'{record.description}' ({record.data_type}) without its cooking fat: {fat_g:.1f} g of fat and its "
                 f"{9.0 * fat_g:.0f} kcal per 100 g taken out, the rest x {dilution:.3f}, the medians of the {count} foods "
                 f"of WWEIA category '{record.category}' that FNDDS lists both with fat added and with none")
        _add_twin(derived, names, record, ", ".join(kept + ["no added fat"]), nutrients, basis)
    return derived


#: Fat (g per 100 g) a bare survey entry must carry beyond its food's own, and the share of its fat that must be, for
#: that fat to count as cooking fat its name does not say ('Leeks': 3.0 g, its raw entry's share 0.3 g).
HIDDEN_FAT_MIN_G, HIDDEN_FAT_MIN_SHARE = 2.0, 0.5
#: Carbohydrate (g per 100 g) beyond its food's own from which such an entry carries a coating (flour, crumbs) too.
HIDDEN_COATING_MIN_G = 3.0
#: Words of an SR Legacy / Foundation entry that is not its food plain (raw, as bought, or cooked without fat).
_NOT_PLAIN_FOOD = re.compile(r"\b(fried|breaded|battered|oil|butter|with|salad|pickled|smoked|kippered|dried|dehydrated"
                             r"|spread|paste|sweetened|creamed|au gratin|glazed|sauce|syrup|juice|roe|eggs?)\b", re.IGNORECASE)
#: FNDDS (WWEIA) categories of single plain foods, whose bare name means the food plain: vegetables, fruit, legumes,
#: cooked grains, meat, poultry, fish and shellfish (not breads, cakes, dishes or pickles).
_PLAIN_FOOD_CATEGORIES = re.compile(r"^(?!.*(mixed dishes|sandwich|soup|salad|dish|juice|dried|baby)).*(vegetables|onions|broccoli"
                                    r"|tomatoes|carrots|lettuce|string beans|potatoes|fish|shellfish|beef|pork|lamb|chicken"
                                    r"|turkey|organ meats|legumes|fruit|apples|bananas|berries|citrus|grapes|melons|rice"
                                    r"|cooked grains)", re.IGNORECASE)


def _bare_name(record: FoodRecord) -> str | None:
    """The food a survey entry of a plain food's category names with nothing but its name ('Leeks' -> 'leeks',
    'Fish, herring' -> 'fish, herring'): one segment, or a one-word class and the food; None for any other entry."""
    segments = [s.lower() for s in _segments(record.description)]
    if not _PLAIN_FOOD_CATEGORIES.search(record.category) or not (len(segments) == 1 or (
            len(segments) == 2 and " " not in segments[0])):
        return None
    return ", ".join(segments) if all(re.fullmatch(r"[a-z][a-z' -]*", s) for s in segments) else None


def _own_shares(records: Sequence[FoodRecord]) -> dict[str, tuple[float, float]]:
    """Per food name (the first segment of an SR Legacy or Foundation description, or its second after a one-word
    class, and the two: 'Leeks, (bulb and lower leaf-portion), raw' -> 'leeks'; 'Mollusks, octopus, common, raw' ->
    'octopus' and 'mollusks, octopus'), the most fat per gram of protein + carbohydrate and the most carbohydrate per
    gram of protein of its plain entries: the food's own fat and carbohydrate, which cooking concentrates as the rest."""
    shares: dict[str, tuple[float, float]] = {}
    for record in records:
        if record.data_type not in _RAW_TYPES or _NOT_PLAIN_FOOD.search(record.description):
            continue
        segments = [s.lower() for s in _segments(record.description)]
        protein, carbs, fat = (record.nutrients[k] for k in (_PROTEIN, _CARBS, _FAT))
        if len(segments) < 2 or not protein > 0 or math.isnan(fat) or math.isnan(carbs):
            continue
        fat_share, carbs_share = fat / (protein + carbs), carbs / protein
        for name in {segments[0]} | ({segments[1], ", ".join(segments[:2])} if " " not in segments[0] else set()):
            known = shares.get(name, (0.0, 0.0))
            shares[name] = (max(known[0], fat_share), max(known[1], carbs_share))
    return shares


def bare_without_fat(records: Sequence[FoodRecord]) -> list[FoodRecord]:
    """A plain twin of each survey (FNDDS) entry that names only its food ('Leeks', 88 kcal and 3.0 g fat per 100 g;
    'Octopus', 'Sauerkraut') yet carries at least :data:`HIDDEN_FAT_MIN_G` g of fat, and :data:`HIDDEN_FAT_MIN_SHARE`
    of its fat, beyond its food's own, by the plain SR Legacy / Foundation entries of the food (:func:`_own_shares`;
    'Leeks, raw': 0.3 g fat per 15.6 g of protein + carbohydrate). A bare name means the food plain (issue 10 point 2),
    so the twin is the entry less that fat, and less the coating where it also carries :data:`HIDDEN_COATING_MIN_G` g
    of carbohydrate beyond its food's own per gram of protein ('Octopus': 13.4 g, raw octopus 0.15 g per g): their 9
    and 4 kcal per g out, the rest per 100 g of what is left. The entry itself stays, for labels that say the food was
    fried or cooked in fat."""
    shares = _own_shares(records)
    names = {r.description.lower() for r in records}
    derived = []
    for record in records:
        name = _bare_name(record) if record.data_type == "survey_fndds_food" else None
        if name is None or name not in shares:
            continue
        protein, carbs, fat = (record.nutrients[k] for k in (_PROTEIN, _CARBS, _FAT))
        fat_share, carbs_share = shares[name]
        excess_fat = fat - fat_share * (protein + carbs)
        if not (excess_fat >= HIDDEN_FAT_MIN_G and excess_fat >= HIDDEN_FAT_MIN_SHARE * fat):
            continue
        coating = carbs - carbs_share * protein
        coating = coating if coating >= HIDDEN_COATING_MIN_G else 0.0
        excess_fat = fat - fat_share * (protein + carbs - coating)
        dilution = 100.0 / (100.0 - excess_fat - coating)
        nutrients = _taken_out(record.nutrients, dilution, excess_fat, coating)
        basis = (f"'{record.description}' ({record.data_type}) without the cooking fat its name does not say: "
                 f"{excess_fat:.1f} g of its {fat:.1f} g fat" + (f" and {coating:.1f} g of coating carbohydrate" if coating
                 else "") + f" per 100 g taken out with their energy, the rest per 100 g of what is left (x {dilution:.3f}); "
                 f"its food's own fat is {fat_share:.3f} g per g of protein + carbohydrate and its own carbohydrate "
                 f"{carbs_share:.2f} g per g of protein, the most of the plain SR Legacy / Foundation entries of '{name}'")
        _add_twin(derived, names, record, f"{record.description}, no added fat", nutrients, basis)
    return derived


#: Categories of grains and legumes: SR Legacy's and Foundation's, which list them dry, as sold, and FNDDS's legumes.
STAPLE_CATEGORIES = re.compile(r"legume|cereal grains|grains and pasta", re.IGNORECASE)
#: Those and FNDDS's categories of cooked grains and rice, where the data lists grains and legumes cooked.
_COOKED_STAPLE_CATEGORIES = re.compile(STAPLE_CATEGORIES.pattern + r"|cooked grains|^rice$", re.IGNORECASE)
#: Energy (kcal per 100 g) from which a grain or legume entry is the dry food (cooked ones are 90-180, dry 300-380).
DRY_STAPLE_MIN_KCAL = 250.0
#: Fat (g per 100 g) above which a dry seed is an oilseed eaten as it is (peanuts, soybeans, chia), not boiled.
DRY_STAPLE_MAX_FAT_G = 10.0
#: Words of an entry that is no whole dry grain or legume: milled, sprouted or made into another food.
_NOT_A_SEED = re.compile(r"\b(flour|bran|germ|meal|flakes?|puffed|sprouted|soy|peanuts?|milk|butter|hummus|tofu|noodles?"
                         r"|pasta|macaroni|spaghetti|cooked|canned|fried|roasted)\b", re.IGNORECASE)
#: Segments that say a grain or legume's state or grade, not which food it is ('mature seeds', 'dry', 'from dried').
_STATE_SEGMENT = re.compile(r"^(raw|dry|uncooked|unenriched|enriched|mature seeds|whole grain|grain|no added fat|from dried"
                            r"|(cooked|boiled)\b.*)$", re.IGNORECASE)
#: SR Legacy / Foundation category of fresh vegetables, and the words of its entries that are seeds or their sprouts.
VEGETABLE_CATEGORY = "Vegetables and Vegetable Products"
_DRY_SEED_WORDS = re.compile(r"\b(sprouted|mature seeds)\b", re.IGNORECASE)
#: Segments of a dry entry's description dropped from its cooked twin's name.
_DRY = re.compile(r"^(raw|dry|uncooked)$", re.IGNORECASE)
#: Words of a cooked entry that is not the food boiled by itself.
_NOT_PLAIN_COOKED = re.compile(r"\b(fried|canned|with|made|ns|nfs|fat added|salt)\b", re.IGNORECASE)


def _staple_key(description: str) -> frozenset[str]:
    """The food a grain or legume entry names, its words without order or state: its first segment, and the second
    after a one-word class ('Beans, navy, mature seeds, raw' and 'Navy beans, from dried' -> {'bean', 'navy'})."""
    named = [s for s in _segments(description) if not _STATE_SEGMENT.match(s)]
    name = named[:2] if len(named) > 1 and " " not in named[0] else named[:1]
    return frozenset(word for part in name for word in description_tokens(part))


def _named_words(description: str) -> frozenset[str]:
    """Every word of a grain or legume entry's segments that name its food ('Peas, green, split, mature seeds, raw' ->
    {'pea', 'green', 'split'})."""
    return frozenset(word for s in _segments(description) if not _STATE_SEGMENT.match(s) for word in description_tokens(s))


def _is_dry_staple(record: FoodRecord) -> bool:
    """An SR Legacy / Foundation grain or legume as sold: said raw or dry, whole, starchy (:data:`DRY_STAPLE_MIN_KCAL`
    kcal per 100 g and more, at most :data:`DRY_STAPLE_MAX_FAT_G` g of fat)."""
    segments = {s.lower() for s in _segments(record.description)}
    return record.data_type in _RAW_TYPES and bool(STAPLE_CATEGORIES.search(record.category)) \
        and bool({"raw", "dry"} & segments) and not _NOT_A_SEED.search(record.description) \
        and record.nutrients[_ENERGY] >= DRY_STAPLE_MIN_KCAL and record.nutrients[_FAT] <= DRY_STAPLE_MAX_FAT_G


def _is_plain_cooked_staple(record: FoodRecord) -> bool:
    """A grain or legume boiled by itself without fat: 'Millet, cooked' (SR Legacy), 'Black beans, from dried, no added
    fat' (FNDDS, which says when it adds no fat)."""
    segments = [s.lower() for s in _segments(record.description)]
    if not _COOKED_STAPLE_CATEGORIES.search(record.category) or _NOT_PLAIN_COOKED.search(record.description) \
            or not any(s.startswith(("cooked", "boiled", "from dried")) for s in segments):
        return False
    return "no added fat" in segments if record.data_type == "survey_fndds_food" else record.data_type in _RAW_TYPES


def staple_cooking_ratios(records: Sequence[FoodRecord]) -> dict[str, tuple[float, int]]:
    """Per SR Legacy / Foundation category of grains or legumes: the median ratio of a food's energy cooked without
    fat to its energy dry, over its dry entries whose food the data also lists so cooked (the median of those), and
    their number."""
    cooked: dict[frozenset[str], list[float]] = {}
    for record in records:
        if _is_plain_cooked_staple(record):
            cooked.setdefault(_staple_key(record.description), []).append(record.nutrients[_ENERGY])
    ratios: dict[str, list[float]] = {}
    for record in records:
        if _is_dry_staple(record) and (energies := cooked.get(_staple_key(record.description))):
            ratios.setdefault(record.category, []).append(statistics.median(energies) / record.nutrients[_ENERGY])
    return {category: (statistics.median(values), len(values)) for category, values in ratios.items()}


def cooked_staples(records: Sequence[FoodRecord]) -> list[FoodRecord]:
    """A cooked-without-fat twin of each dry grain or legume of ``records`` ('Beans, navy, mature seeds, raw') whose
    food the data lists nowhere cooked (no cooked entry's name of two words or more is among the words naming it) nor
    fresh, as a vegetable, in a category with at least :data:`MIN_PAIRS` foods listed both ways: its
    nutrients per 100 g times the category's cooked / dry energy ratio (:func:`staple_cooking_ratios`), named after
    its source without 'raw' or 'dry', with ", cooked, no added fat"."""
    ratios = {c: r for c, r in staple_cooking_ratios(records).items() if r[1] >= MIN_PAIRS}
    # foods the data lists cooked: by their own name, or by words of theirs ('Split peas, from dried' for 'Peas, green,
    # split'), two or more (the one word of 'Rice, cooked' names no one rice)
    listed_cooked = {_staple_key(r.description) for r in records if _COOKED_STAPLE_CATEGORIES.search(r.category)
                     and any(s.lower().startswith(("cooked", "boiled", "from dried")) for s in _segments(r.description))}
    # and those it lists fresh, as a vegetable ('Yardlong bean, raw', 47 kcal per 100 g): their bare name means that
    # (not sprouts: 'Beans, navy, mature seeds, sprouted, raw')
    fresh = {key for r in records if r.category == VEGETABLE_CATEGORY and r.data_type in _RAW_TYPES
             and not _DRY_SEED_WORDS.search(r.description) and len(key := _staple_key(r.description)) > 1}
    names = {r.description.lower() for r in records}
    derived: list[FoodRecord] = []
    for record in records:
        if record.category not in ratios or not _is_dry_staple(record):
            continue
        named = _named_words(record.description)
        if any(key == _staple_key(record.description) or len(key) > 1 and key <= named for key in listed_cooked) \
                or any(key <= named for key in fresh):
            continue
        ratio, pairs = ratios[record.category]
        basis = (f"boiled without fat from '{record.description}' ({record.data_type}): its nutrients per 100 g x "
                 f"{ratio:.3f}, the median cooked / dry energy ratio of the {pairs} foods of '{record.category}' the "
                 f"data lists both dry and cooked without fat (a yield of {100 / ratio:.0f}% of the dry weight)")
        _add_cooked_twin(derived, names, record, _DRY, ratio, basis)
    return derived
