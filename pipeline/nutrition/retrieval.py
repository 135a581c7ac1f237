"""Hybrid candidate retrieval: BM25 over normalised FDC words plus MiniLM cosine similarity.

The index is derived from the knowledge base at load time; :meth:`FoodIndex.candidates` returns the
union of the best lexical and the best semantic hits, which the ranking step then orders.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np

from pipeline.nutrition.cooked import COOKED_DATA_TYPE
from pipeline.nutrition.knowledge_base import KnowledgeBase
from pipeline.nutrition.text import (
    ALCOHOL_WORDS, COATING_WORDS, COOKING_GROUPS, DISH_WORDS, FAT_COOKED, FORM_WORDS, PART_WORDS, WORD_ALTERNATIVES,
    content_words, cooking_groups, description_tokens, head_word, tokens,
)

_BM25_K1, _BM25_B = 1.2, 0.5
_DISH_CATEGORIES = re.compile(
    r"mixed dishes|sandwich|burger|pizza|burrito|taco|nachos|soup|salad|entrees|meals|casserole|stir-fry|fried rice"
    r"|egg rolls|dumpling|macaroni and cheese|restaurant|fast food"
)
# FDC / WWEIA categories of plain foods that may be cooked with or without fat (the fat prior's domain).
_COOKABLE_CATEGORIES = re.compile(
    r"vegetable|poultry|chicken|turkey|fish|shellfish|seafood|beef|pork|lamb|game|legume|beans|^rice$|cereal grains"
    r"|pasta, noodles|potato|egg|starchy|^corn$|broccoli|carrots|spinach|cabbage|onions|tomatoes|lettuce|sausages"
)
_COMPOSITE_CATEGORIES = re.compile(r"mixed|dishes|sandwich|burger|pizza|soup|fried|chips|fast food|restaurant|baby")
# FDC / WWEIA categories of sweets and desserts.
_SWEET_CATEGORIES = re.compile(
    r"^sweets$|cakes|cookies|candy|ice cream|doughnuts|pudding|gelatins|jams, syrups|sugars and honey|snacks and sweets"
)
# Categories of meat, whose fat is the cut's own (not cooking fat): a leaner entry is another cut, not the plain food.
_MEAT_CATEGORIES = re.compile(r"poultry|chicken|turkey|beef|pork|lamb|veal|game|sausage|bacon|cold cuts|organ meats")
_BRAND = re.compile(r"\b[A-Z][A-Z'.&-]{2,}\b")


@dataclass(frozen=True)
class FoodText:
    """What the ranking needs to know about one FDC description.

    ``words`` holds its own words and their label synonyms (so a label in regional words finds it); every
    other field reads FDC's own words only ("Biscuits" stay US biscuits, not cookies).
    """

    words: frozenset[str]
    primary: tuple[str, ...]      # words of the first comma-separated segment (the food's own name)
    heads: frozenset[str]         # head food word(s) of the first segment ("Goat milk" -> milk)
    later_heads: frozenset[str]   # heads of the next segments while the ones before are one word ("Fish, salmon")
    qualifiers: frozenset[str]    # other words of those segments ("Goat milk" -> goat)
    content: frozenset[str]
    cooking: frozenset[str]
    forms: frozenset[str]
    is_dish: bool                 # its words name a composite dish ("with", "sandwich", "casserole"...)
    dish_category: bool           # its FDC category is one of mixed dishes
    is_brand: bool
    is_baby: bool
    is_alcoholic: bool
    missing: int                  # fibre, sugars, sodium not reported
    added_fat: int                # +1: says fat was added in cooking (or defaults to it); -1: says none; 0: silent
    fat_g: float                  # fat per 100 g (0 when not reported)
    cookable: bool                # a plain food that is cooked with or without fat (meat, fish, vegetable, grain...)
    served_with: frozenset[str]   # foods of its later ", with ..." segments ("Meatballs, ..., with sauce" -> sauce)
    is_meat: bool                 # its FDC category is one of meats and poultry
    is_sweet: bool                # its FDC category is one of sweets and desserts
    mixed_with: frozenset[str]    # foods its later segments join with 'and' ("Sausage, egg and cheese biscuit")
    coated: bool = False          # carries a coating, by its words or its carbohydrate ("Fish, cod, fried")
    fat_unsaid: bool = False      # counts as cooked in fat by its energy or a twin's words, not its own ("Potato, roasted, NFS")
    served_on: frozenset[str] = frozenset()  # foods it is served on, only there ('Hamburger, on white bun' -> bun)


def _heads(description: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Head words of the first segment, head words of the next one-word-led segments, and their qualifiers.

    'Fish, salmon, coho' -> ({fish}, {salmon, coho}, {}); 'Goat milk' -> ({milk}, {}, {goat});
    'Chicken breast, roasted' -> ({chicken}, {}, {}). A segment that says what the food is served on is no kind of it:
    'Hamburger, on white bun' -> ({hamburger}, {}, {}).
    """
    first: set[str] = set()
    later: set[str] = set()
    qualifiers: set[str] = set()
    for position, segment in enumerate(description.split(",")[:3]):
        words = description_tokens(segment)
        if position and words[:1] == ("on",):
            break
        head = head_word(words)
        if head:
            (first if position == 0 else later).add(head)
            # what the segment's food is served with is no variety of it ('Porcupine balls with mushroom sauce')
            own = words[:words.index("with", 1)] if "with" in words[1:] else words
            qualifiers.update(w for w in content_words(own) if w != head and w not in PART_WORDS)
        if len(content_words(words)) != 1:
            break
    return frozenset(first), frozenset(later - first), frozenset(qualifiers - first - later)


#: FNDDS segments that say whether cooking fat was added ("fat added", "NS as to fat"): how, not what, the food is.
_FAT_CLAUSE = re.compile(r"\s*(fat added|ns as to fat)( added)?( in cooking)?\s*$")
_NEGATED = re.compile(r"\s*(no|without|excluding|not)\b")


def _affirmed(description: str) -> str:
    """The description without its negated segments ('Caesar salad, no dressing' -> 'Caesar salad') and without
    the segments that only say whether cooking fat was added ('Potato, canned, NS as to fat' -> 'Potato, canned':
    its "fat" is no food a label such as "duck fat" names; :func:`added_fat` reads those segments)."""
    kept = [s for s in description.split(",")
            if not _NEGATED.match(s.lower()) and "not eaten" not in s.lower() and not _FAT_CLAUSE.match(s.lower())]
    return ",".join(kept) or description


_NO_ADDED_FAT = re.compile(r"\b(no added fat|without (added )?fat|fat not added)\b")
_ADDED_FAT = re.compile(
    r"\b(fat added|ns as to fat\b(?! eaten)|made with (butter|oil|margarine|lard|fat)|with (butter|oil|margarine)\b"
    r"|ns as to form)"
)
#: Made by a restaurant: a plain food cooked there carries its cooking fat ('Broccoli, cooked, from restaurant').
_RESTAURANT_MADE = re.compile(r"\b(from restaurant|fast food)")


def added_fat(description: str, *, plain_food: bool = True) -> int:
    """+1 when an FDC (FNDDS) description says, or defaults to, fat added in cooking; -1 when it says none.

    'Green beans, fresh, cooked, fat added' -> 1; 'Broccoli, NS as to form, cooked' -> 1 (FNDDS assumes fat);
    'Broccoli, cooked, from restaurant' -> 1 (a restaurant cooks its vegetables in fat);
    'Rice, white, cooked, no added fat' -> -1; 'Broccoli, raw' -> 0. Where the entry is no plain food
    (``plain_food`` False: a dish, a drink, a baked good), the restaurant says where it was made, not that fat
    was added to it: 'Hamburger, from fast food, 1 medium patty' -> 0, its fat is the recipe's (patty, bun).
    """
    text = description.lower()
    if _NO_ADDED_FAT.search(text):
        return -1
    return 1 if _ADDED_FAT.search(text) or (plain_food and _RESTAURANT_MADE.search(text)) else 0


_ORIGIN = re.compile(r"\s*(from|made with|prepared with)\b")
_WITH = re.compile(r"\s*with\b")


def _without_served_with(description: str) -> str:
    """The description without what each segment says the food is served with: 'Tuna noodle casserole with mushroom
    sauce' -> 'Tuna noodle casserole' (its sauce is no processed form of the casserole)."""
    return ",".join(re.split(r"\bwith\b", segment, maxsplit=1)[0] for segment in description.split(","))


def _without_origin(description: str) -> str:
    """The description without the FNDDS segments that say what a cooked food was made from.

    'Lentils, from dried, no added fat' -> 'Lentils, no added fat': cooked lentils, not a dried form;
    'Italian dressing, made with vinegar and oil' -> 'Italian dressing': the oil is an ingredient, not the form.
    """
    kept = [s for s in description.split(",") if not _ORIGIN.match(s.lower())]
    return ",".join(kept) or description


_NOT_SERVED_FOODS = frozenset({"skin", "peel", "vitamin", "calcium", "high", "non", "nutrient", "fiber", "bone"})


def _food_words(words: tuple[str, ...], *, forms: bool = True) -> set[str]:
    """Words that name another food: not filler or nutrient words, nor single letters ("vitamin D"); with
    ``forms=False`` not form or part words either ("lean and fat", "meat and skin")."""
    return {w for w in content_words(words) if len(w) > 2 and w != "with" and w not in _NOT_SERVED_FOODS
            and (forms or (w not in FORM_WORDS and w not in PART_WORDS))}


def _served_with(description: str) -> frozenset[str]:
    """Foods named after 'with' in the description's segments, the name's included.

    'Meatballs, NS as to type of meat, with sauce' -> {sauce}; 'Tomato sauce, for use with vegetables' ->
    {vegetable}; 'Porcupine balls with mushroom sauce' -> {mushroom, sauce}; 'Apples, raw, with skin' -> {} (a part,
    not a food).
    """
    words: set[str] = set()
    for segment in description.split(","):
        found = re.search(r"\bwith\b(.*)", segment.lower())
        if found and not _ORIGIN.match(segment.lower()):  # "prepared with nigari": what it is made of
            words |= _food_words(description_tokens(found.group(1)))
    return frozenset(words)


def _served_on(description: str) -> frozenset[str]:
    """Foods of the later segments that say what the food is served on, named nowhere else in the description:
    'Hot dog sandwich, NFS, on wheat bun' -> {bun, wheat}; 'Roll, white, hot dog bun' -> {}."""
    on, elsewhere = set(), set()
    for position, segment in enumerate(description.split(",")):
        words = description_tokens(segment)
        (on if position and words[:1] == ("on",) else elsewhere).update(words)
    return frozenset(_food_words(tuple(on - elsewhere)))


def _mixed_with(affirmed: str) -> frozenset[str]:
    """Foods of the later segments of an :func:`_affirmed` description that join foods with 'and' ('Sausage, egg
    and cheese breakfast biscuit' -> {egg, cheese, breakfast, biscuit}); 'Beef, chuck, separable lean and fat' -> {}
    (no other food)."""
    words: set[str] = set()
    for segment in affirmed.split(",")[1:]:
        segment_words = description_tokens(segment)
        lower = segment.lower()
        if "and" in segment_words and not _WITH.match(lower) and not _ORIGIN.match(lower):
            words |= _food_words(segment_words, forms=False)
    return frozenset(words)


def describe_food(description: str, category: str, nutrients: np.ndarray) -> FoodText:
    affirmed = _affirmed(description)
    words = description_tokens(affirmed)
    word_set = set(words)
    heads, later_heads, qualifiers = _heads(description)
    category_lower = category.lower()
    brand = bool(_BRAND.search(description.replace("NFS", "").replace("NS ", ""))) or \
        category_lower in ("restaurant foods", "fast foods")
    cookable = bool(_COOKABLE_CATEGORIES.search(category_lower)) and not _COMPOSITE_CATEGORIES.search(category_lower)
    return FoodText(
        # searchable in a label's words too ("Melba toast" ~ "toasted bread"), while its structure stays FDC's
        words=frozenset(words) | frozenset(tokens(affirmed)),
        primary=description_tokens(description.split(",")[0]),
        heads=heads,
        later_heads=later_heads,
        qualifiers=qualifiers,
        content=frozenset(content_words(words)),
        cooking=cooking_groups(words),
        forms=frozenset(w for w in description_tokens(_without_served_with(_without_origin(affirmed))) if w in FORM_WORDS),
        is_dish=bool(DISH_WORDS & word_set),
        dish_category=bool(_DISH_CATEGORIES.search(category_lower)),
        is_brand=brand,
        is_baby=category_lower.startswith("baby") or "babyfood" in words or "infant" in words,
        is_alcoholic=bool(ALCOHOL_WORDS & word_set) or category_lower in ("liquor and cocktails", "beer", "wine"),
        missing=int(np.isnan(nutrients[4:7]).sum()),
        added_fat=added_fat(description, plain_food=cookable),
        fat_g=0.0 if np.isnan(nutrients[2]) else float(nutrients[2]),
        cookable=cookable,
        served_with=_served_with(description),
        mixed_with=_mixed_with(affirmed),
        served_on=_served_on(description),
        is_meat=bool(_MEAT_CATEGORIES.search(category_lower)) and not _COMPOSITE_CATEGORIES.search(category_lower),
        is_sweet=bool(_SWEET_CATEGORIES.search(category_lower)),
        coated=bool(COATING_WORDS & word_set),
    )


#: Below this fat (g per 100 g) an entry's "fat added" twin added next to none: nothing to inherit.
_ALIAS_MIN_FAT_G = 1.0


def _resolve_aliases(kb: KnowledgeBase, texts: list[FoodText]) -> list[FoodText]:
    """Entries that are a sibling under another name take on what the sibling says.

    FNDDS gives an unspecified entry ('Fish, cod, NFS', 'Lentils, from canned') the nutrients of one specified
    sibling ('Fish, cod, fried', 'Lentils, from dried, fat added'): same data type, same name before the first
    comma, same kcal (±1%) and fat (±0.15 g per 100 g, at least 1 g). Such an entry inherits the sibling's added fat, and an
    NFS/NS one its cooking state too.
    """
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for food in kb.foods:
        groups[(food.data_type, texts[food.index].primary)].append(food.index)
    resolved = list(texts)
    unspecified_entries = np.array([bool({"nfs", "ns"} & text.words) for text in texts])
    fat_g = np.array([text.fat_g for text in texts])
    for members in groups.values():
        if len(members) < 2:
            continue
        ids = np.array(members)
        specified_ids, specified_kcal = ids[~unspecified_entries[ids]], kb.nutrients[ids[~unspecified_entries[ids]], 0]
        for i in members:
            text = texts[i]
            unspecified = bool(unspecified_entries[i])
            if (text.added_fat != 0 and not unspecified) or text.fat_g < _ALIAS_MIN_FAT_G:
                continue
            kcal, fat = float(kb.nutrients[i][0]), text.fat_g
            twins = [texts[j] for j in specified_ids[(specified_ids != i) & (np.abs(specified_kcal - kcal) <= 0.01 * max(kcal, 1.0))
                                                     & (np.abs(fat_g[specified_ids] - fat) <= 0.15)]]
            if not twins:
                continue
            cooking = text.cooking.union(*(t.cooking for t in twins)) if unspecified else text.cooking
            fat = max([text.added_fat] + [t.added_fat for t in twins])
            resolved[i] = replace(text, cooking=cooking, added_fat=fat,
                                  fat_unsaid=text.fat_unsaid or (fat == 1 and text.added_fat != 1))
    return resolved


#: Energy (kcal per 100 g) and share of it an entry must carry beyond its raw food's to count as cooked with fat.
HIDDEN_FAT_MIN_KCAL, HIDDEN_FAT_MIN_SHARE = 20.0, 0.12
#: Carbohydrate (g per 100 g) beyond its raw food's (concentrated as its protein is) from which a cooked meat or fish
#: carries a coating, and so the fat it was fried or baked in, whatever its energy per gram of protein says.
COATING_MIN_CARBS_G = 3.0
#: Cooking states done in fat by nature (their fat is what the label asks for): fried, sauteed, scrambled.
_PAN_COOKED = FAT_COOKED | {"scrambled"}
#: Share of energy from protein above which a raw food's yardstick is its protein alone (meat, fish, eggs).
_PROTEIN_FOOD_SHARE = 0.4


def _food_key(description: str) -> tuple[str, ...]:
    """The food an entry is of, without its state: 'Fish, salmon, baked or broiled' and 'Fish, salmon, Atlantic,
    raw' -> ('fish', 'salmon'); 'Broccoli, cooked' -> ('broccoli',). A one-word first segment is a class word
    and takes the next segment's words too."""
    segments = [content_words(description_tokens(s)) for s in description.split(",")]
    key = segments[0]
    if len(key) == 1 and len(segments) > 1:
        key = key + segments[1]
    return tuple(w for w in key if w not in FORM_WORDS)


def _grams(value: float) -> float:
    """A nutrient in g per 100 g, 0 where FDC reports none."""
    return 0.0 if np.isnan(value) else float(value)


def _yardstick(nutrients: np.ndarray, by_protein: bool) -> float:
    """Grams per 100 g that cooking concentrates but that added fat does not bring: protein, or protein + carbohydrate."""
    protein, carbs = _grams(nutrients[1]), _grams(nutrients[3])
    return protein if by_protein else protein + carbs


def _coated(cooked: np.ndarray, raw: list[np.ndarray]) -> bool:
    """A cooked meat or fish carries :data:`COATING_MIN_CARBS_G` g of carbohydrate per 100 g more than its raw food's
    own, concentrated as its protein is: flour or crumbs ('Fish, halibut': 7.8 g), not a mussel's glycogen."""
    own = max(_grams(r[3]) * _grams(cooked[1]) / max(_grams(r[1]), 1.0) for r in raw)
    return _grams(cooked[3]) - own >= COATING_MIN_CARBS_G


def _mark_hidden_fat(kb: KnowledgeBase, texts: list[FoodText]) -> list[FoodText]:
    """Cooked entries that carry cooking fat their description does not name, told by their nutrients (issue 10 point 2).

    Cooking by water loss concentrates a food's energy and its protein (and carbohydrate) alike; fat or a coating
    added in the pan brings energy without them. So an entry is compared with a raw entry of the same food (same
    data type when there is one, else the raw variety with the most energy per gram of yardstick, the cautious
    choice): when it carries at least :data:`HIDDEN_FAT_MIN_KCAL` kcal per 100 g, and :data:`HIDDEN_FAT_MIN_SHARE`
    of its energy, beyond what the raw food's energy per gram of protein (meat, fish) or protein + carbohydrate
    (other foods) predicts, it counts as fat added ('Fish, salmon, baked or broiled' 274 kcal vs 'Fish, salmon, raw'
    188 kcal at 20.4 g protein; 'Fish, salmon, cooked, dry heat' keeps its raw variety's ratio). A coated meat or fish
    (:func:`_coated`) counts as fat added too, and as coated (whether or not it is fried: 'Fish, cod, fried').
    """
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for food in kb.foods:
        text = texts[food.index]
        if text.cookable and not text.forms - {"frozen"}:
            groups[_food_key(food.description)].append(food.index)
    resolved = list(texts)
    for members in groups.values():
        raw = [i for i in members if "raw" in texts[i].cooking]
        if not raw or len(raw) == len(members):
            continue
        energy = {i: float(kb.nutrients[i][0]) for i in members}
        by_protein = statistics.median(4.0 * _yardstick(kb.nutrients[i], True) / max(energy[i], 1.0) for i in raw) \
            >= _PROTEIN_FOOD_SHARE
        ratios = {i: energy[i] / y for i in raw if (y := _yardstick(kb.nutrients[i], by_protein)) > 0}
        if not ratios:
            continue
        for i in members:
            text = texts[i]
            coated = by_protein and i not in raw and _coated(kb.nutrients[i], [kb.nutrients[j] for j in raw])
            if coated and not text.coated:
                resolved[i] = text = replace(text, coated=True)
            if i in raw or text.added_fat != 0 or text.cooking & _PAN_COOKED:
                continue
            same_type = [r for j, r in ratios.items() if kb.foods[j].data_type == kb.foods[i].data_type]
            ratio = statistics.median(same_type) if same_type else max(ratios.values())
            excess = energy[i] - ratio * _yardstick(kb.nutrients[i], by_protein)
            if coated or (excess >= HIDDEN_FAT_MIN_KCAL and excess >= HIDDEN_FAT_MIN_SHARE * energy[i]):
                resolved[i] = replace(text, added_fat=1, fat_unsaid=True)
    return resolved


#: FDC categories of Foundation meat, poultry and fish, which are analysed as bought.
_BOUGHT_RAW_CATEGORIES = re.compile(r"finfish|shellfish|beef products|pork products|poultry products|lamb, veal",
                                    re.IGNORECASE)


def _mark_fat_taken_out(kb: KnowledgeBase, texts: list[FoodText]) -> list[FoodText]:
    """An FNDDS entry whose cooking fat the build took out (pipeline/nutrition/cooked.py: 'Soybeans, cooked' has the
    twin 'Soybeans, cooked, no added fat') carries that fat: it counts as cooked with fat added."""
    plain = {f.description.lower() for f in kb.foods if f.data_type == COOKED_DATA_TYPE}
    resolved = list(texts)
    for food in kb.foods:
        if food.data_type == "survey_fndds_food" and texts[food.index].added_fat == 0:
            kept = [s.strip() for s in food.description.split(",") if s.strip().lower() != "fat added"]
            if ", ".join(kept + ["no added fat"]).lower() in plain:
                resolved[food.index] = replace(texts[food.index], added_fat=1)
    return resolved


def _mark_bought_raw(kb: KnowledgeBase, texts: list[FoodText]) -> list[FoodText]:
    """Foundation meat, poultry and fish that name no cooking state are raw, as bought ('Snapper, frozen, wild caught',
    'Squid (calamari), frozen, tubes only'): a plain name of a food eaten cooked must not take them as cooked."""
    return [replace(text, cooking=frozenset({"raw"})) if food.data_type == "foundation_food" and not text.cooking
            and _BOUGHT_RAW_CATEGORIES.search(food.category) else text for food, text in zip(kb.foods, texts)]


#: Categories of foods eaten cooked (meat, poultry, fish): a label that mostly names their entries means cooked.
_COOKED_CATEGORIES = re.compile(
    r"poultry|chicken|turkey|fish|shellfish|seafood|beef|pork|lamb|veal|game|sausage|organ meats")


class FoodIndex:
    """BM25 postings and food-text features over every food of a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.texts = _resolve_aliases(kb, _mark_hidden_fat(kb, _mark_fat_taken_out(kb, _mark_bought_raw(
            kb, [describe_food(f.description, f.category, kb.nutrients[f.index]) for f in kb.foods]))))
        self._cooked_category = np.array([bool(_COOKED_CATEGORIES.search(f.category.lower()))
                                          and not _COMPOSITE_CATEGORIES.search(f.category.lower()) for f in kb.foods])
        self._cooked_shares: dict[str, float] = {}
        self._joins: dict[str, bool] = {}
        #: words that are the food of some entry's own name ("Butter, salted" -> butter; "Kale, raw" -> kale)
        self.food_heads = frozenset().union(*(t.heads for t in self.texts))
        postings: dict[str, list[int]] = defaultdict(list)
        lengths = np.zeros(len(self.texts), dtype=np.float32)
        for i, text in enumerate(self.texts):
            searchable = text.words - set(COOKING_GROUPS)
            lengths[i] = max(len(searchable), 1)
            for word in searchable:
                postings[word].append(i)
        n = len(self.texts)
        self._postings = {w: np.array(ids, dtype=np.int64) for w, ids in postings.items()}
        self.idf = {w: math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5)) for w, ids in postings.items()}
        self._rarest_idf = max(self.idf.values(), default=0.0)
        self._sweet_shares: dict[tuple[str, ...], float] = {}
        self._norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * lengths / lengths.mean())

    def word_idf(self, word: str) -> float:
        """Inverse document frequency; words FDC never uses weigh as much as the rarest."""
        return self.idf.get(word, self._rarest_idf)

    def knows(self, word: str) -> bool:
        return word in self._postings

    def writes_apart(self, first: str, second: str) -> bool:
        """Some description has the (singular) word ``first`` directly before ``second`` ('Hot dog, beef')."""
        both = np.intersect1d(self._postings.get(first, np.empty(0, np.int64)),
                              self._postings.get(second, np.empty(0, np.int64)))
        for i in both:
            words = description_tokens(self.kb.foods[int(i)].description)
            if any(pair == (first, second) for pair in zip(words, words[1:])):
                return True
        return False

    def writes_together(self, first: str, second: str) -> bool:
        """Some description carries both words ('Cereal, shredded wheat' for wheat and shredded)."""
        return np.intersect1d(self.carrying(first), self.carrying(second)).size > 0

    def bm25(self, words: tuple[str, ...]) -> np.ndarray:
        scores = np.zeros(len(self.texts), dtype=np.float32)
        asked = set(content_words(words))
        asked |= {w for word in list(asked) for alt in WORD_ALTERNATIVES.get(word, ()) for w in alt}
        for word in asked:
            ids = self._postings.get(word)
            if ids is not None:
                scores[ids] += self.idf[word] * (_BM25_K1 + 1) / (1 + self._norm[ids])
        return scores

    def joins_only(self, word: str) -> bool:
        """Every description that has ``word`` has it inside a segment, between two other words ('con' of 'Coffee, cafe
        con leche', 'de' of 'Dulce de leche'): a word that joins the words of a name, never starts or ends one."""
        joins = self._joins.get(word)
        if joins is None:
            segments = [description_tokens(segment) for i in self._postings.get(word, ())
                        for segment in self.kb.foods[int(i)].description.split(",")]
            positions = [(p, len(words)) for words in segments for p, w in enumerate(words) if w == word]
            joins = self._joins[word] = bool(positions) and all(0 < p < n - 1 for p, n in positions)
        return joins

    def eaten_cooked(self, word: str) -> bool:
        """Most entries that name ``word`` as their food are meat, poultry or fish: the word means it cooked
        ("goose", "elk", "snapper"), as the fixed list of foods normally eaten cooked does for its words."""
        share = self._cooked_shares.get(word)
        if share is None:
            ids = self.named_after(word)
            share = self._cooked_shares[word] = float(np.mean(self._cooked_category[ids])) if ids.size else 0.0
        return share > 0.5

    def carrying(self, word: str) -> np.ndarray:
        """Indices of the entries whose words (cooking words aside) hold ``word``."""
        return self._postings.get(word, np.empty(0, np.int64))

    def named_after(self, food: str) -> np.ndarray:
        """Indices of the entries whose name has ``food`` as its food or named kind ('Fish, salmon' for salmon)."""
        return np.array([i for i in self._postings.get(food, ()) if food in self.texts[i].heads | self.texts[i].later_heads],
                        dtype=np.int64)

    def names_with(self, food: str, word: str) -> bool:
        """Some entry whose name has ``food`` as its food or named kind ('Fish, salmon') also carries ``word``."""
        return any(food in self.texts[i].heads | self.texts[i].later_heads for i in self._postings.get(word, ()))

    def sweet_share(self, words: tuple[str, ...]) -> float:
        """Share (0..1) of the entries carrying every one of ``words`` that are sweets or desserts: whether a
        label names a sweet food ("cake", "ice cream": most) or not ("pizza", "walnuts": few)."""
        share = self._sweet_shares.get(words)
        if share is None:
            share = self._sweet_shares[words] = self._sweet_share(frozenset(words))
        return share

    def _sweet_share(self, words: frozenset[str]) -> float:
        ids: np.ndarray | None = None
        for word in words:
            posting = self._postings.get(word)
            if posting is None:
                continue
            ids = posting if ids is None else np.intersect1d(ids, posting, assume_unique=True)
        if ids is None or ids.size == 0:
            return 0.0
        return float(np.mean([self.texts[i].is_sweet for i in ids]))

    def candidates(self, label: str, embedding: np.ndarray, pool: int = 40) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the union of the top ``pool`` lexical and semantic hits, and every food's cosine."""
        cosine = self.kb.embeddings @ embedding
        lexical = self.bm25(tokens(label))
        pool = min(pool, len(cosine) - 1)
        best_semantic = np.argpartition(-cosine, pool)[:pool] if pool > 0 else np.arange(len(cosine))
        hits = np.flatnonzero(lexical > 0)
        best_lexical = hits[np.argsort(-lexical[hits], kind="stable")[:pool]] if hits.size else hits
        return np.union1d(best_semantic, best_lexical), cosine
