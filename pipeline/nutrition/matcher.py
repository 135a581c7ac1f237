"""``match_food``: a detected label -> the USDA entry it names, with confidence and runner-ups.

Labels are matched once each (repeated names are cached) and encoded in batches, so thousands of
meals cost one encoder pass over their distinct names.

The back-off ladder (issue 10): when the ranking's pick is not trusted (its confidence is below
:data:`BACKOFF_BELOW`), the answer comes from the closest trustworthy level, and ``MatchResult.level``
says which: ``entry`` (the USDA entry the ranking chose), ``preparation`` (an entry of the label's own
food, in another preparation or variety than the label says, or of its dish made with the nearest other food:
'Beef curry' for "lamb curry", or the two foods a label joins that no entry serves together, in equal parts:
"steak and eggs", as are a pasta and the sauce that names it: "fettuccine alfredo"; those other than the label's own
food, as is a dish's meat or fish alone ("salmon teriyaki"), stand for it: ``MatchResult.stand_in``, with their own
confidence curve), ``recipe`` (a dish no
USDA table has, composed from USDA ingredients: pipeline/nutrition/recipes.py), ``category`` (the median profile of the
FNDDS category that the label's nearest entries in meaning belong to), ``unmatched`` (the text names
no food: 0 kcal, and a warning).
"""

from __future__ import annotations

import math
import re
from functools import cached_property
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

import numpy as np

from pipeline.nutrition.knowledge_base import Food, KnowledgeBase
from pipeline.nutrition.calibration import calibrated
from pipeline.nutrition.constants import NUTRIENT_KEYS
from pipeline.nutrition.cooked import COOKED_DATA_TYPE, DRY_STAPLE_MIN_KCAL, STAPLE_CATEGORIES
from pipeline.nutrition.glossary import MAIN_FOODS, gloss
from pipeline.nutrition.profiles import MIXED_DISH_CATEGORIES, MIXED_DISHES, NEAREST_MIN_ENTRIES
from pipeline.nutrition.ranking import CONCRETE_COOKING, Query, Scored, confidence, rank
from pipeline.nutrition.retrieval import FoodIndex, FoodText
from pipeline.nutrition.text import (
    CORE_WORDS, COOKED_BY_DEFAULT, CUTTING_WORDS, DISH_CLASS_WORDS, DISH_WORDS, FLESH_WORDS, FORM_WORDS,
    IN_THE_MANNER_WORDS, JOINING_WORDS, LEAF_WORDS, PART_WORDS, SERVED_WITH_WORDS, VEHICLE_WORDS, WORD_ALTERNATIVES,
    content_words, cooking_groups, description_tokens, has_word, head_word, normalise, singular, split_joined, tokens,
)

#: Below this cosine to every FDC entry, a label that shares no word with any entry names no food.
UNMATCHED_MAX_COSINE = 0.3
#: Below this ranking confidence the pick is not trusted and the ladder backs off (tuned on the dev sets).
BACKOFF_BELOW = 0.5
#: Coverage (idf-weighted share of the label's words) from which an entry carries every word of the label.
FULL_COVERAGE = 0.99
#: Head match (see ranking.head_match) from which an entry is the label's own food in another preparation.
PREPARATION_HEAD = 0.7
#: Head match (see ranking.head_match) of an entry whose own name holds the label's head only as a modifier of another
#: food ('Yuca fries' for "yuca", 'Champagne punch' for "champagne").
MODIFIER_HEAD = 0.5
#: Entries sharing a word with the label whose categories vote for the category profile.
CATEGORY_VOTERS = 10
#: From this cosine on, the nearest FNDDS entries in meaning vote when no entry shares a word with the label.
SEMANTIC_VOTE_COSINE = 0.7
#: Categories of organ meats: FNDDS names an organ without its animal ('Heart', 'Kidney', 'Tongue'), one for any.
ORGAN_CATEGORIES = re.compile(r"organ meats", re.IGNORECASE)
#: Words that give a food its shape, not its make-up: "almond paste" is almonds, "rice flakes" rice, "rice balls" rice.
SHAPE_WORDS = frozenset({"paste", "flake", "ball", "puree"})
#: Entries, and relative interquartile range of their energy, from which a kind of food is alike enough to answer for
#: any of its varieties (tuned on the dev sets).
UNIFORM_KIND_MIN, UNIFORM_KIND_SPREAD = 4, 0.1
#: Dishes that are mostly the foods they name ("kale salad" is kale, where "apple cake" is flour and sugar), each with the
#: food it is made of when its name names none ("garden salad", "house salad": a lettuce salad, as "peas" are green peas).
DISHES_OF_THEIR_FOODS = {"salad": "lettuce"}
#: Categories of foods eaten on or with another food (cheeses, sauces, gravies, condiments, dressings): a label naming a
#: meat or fish before one of these ("chicken parmesan", "salmon teriyaki") names that meat or fish served with it.
TOPPING_CATEGORIES = re.compile(
    r"^(cheese|dips, gravies, other sauces|pasta sauces.*|.*condiments|salad dressings.*|soups, sauces, and gravies|"
    r"spices and herbs|dairy and egg products)$", re.IGNORECASE)
#: Categories of sauces (of :data:`TOPPING_CATEGORIES`): what a pasta is served in ('Alfredo sauce', 'Pesto sauce').
SAUCE_CATEGORIES = re.compile(r"sauces", re.IGNORECASE)
#: Categories of cooked pasta, noodles and grains: the food a sauce is served on ('Pasta, cooked').
PASTA_CATEGORIES = re.compile(r"pasta|noodles|cooked grains", re.IGNORECASE)
#: A pasta's sauce's share of the dish's weight: about half (FNDDS's 'Pasta with cream sauce, home recipe' is 52 %
#: 'Pasta, cooked' and 48 % 'Alfredo sauce' by its fat and by its carbohydrate) ...
EVEN_SAUCE_SHARE = 0.5
#: ... unless that much of a rich sauce would make the dish richer than FNDDS's pasta dishes are: the sauce's share is
#: then what brings the dish to this percentile of the energy per 100 g of the entries of :data:`PASTA_DISHES` (a pesto
#: is spooned, not ladled) ...
PASTA_DISH_PERCENTILE = 90
#: ... but never under this share (a sauce the dish is named after is at least a tenth of it).
LEAST_SAUCE_SHARE = 0.1
#: The FNDDS category of pasta served in a sauce ('Pasta with cream sauce, restaurant', 'Pasta with sauce, NFS').
PASTA_DISHES = "Pasta mixed dishes, excludes macaroni and cheese"
#: Position of energy (kcal per 100 g) in the knowledge base's rows.
_KCAL = NUTRIENT_KEYS.index("kcal")
#: Nutrients (positions in the knowledge base's rows) that tell two foods' make-up apart: g of protein, fat, carbohydrate.
_MAKE_UP = [NUTRIENT_KEYS.index(key) for key in ("protein_g", "fat_g", "carbs_g")]
#: Survey entries of a food's own name from which their FNDDS category is the food's (chickpeas: 'Beans, peas, legumes').
PLAIN_CATEGORY_MIN = 3
#: Kinds named after a word ('Gravy, beef', 'Gravy, turkey', 'Gravy, mushroom') from which it is a class of foods.
CLASS_MIN_KINDS = 3
#: Cooking (groups of text.COOKING_GROUPS) that cooks a meat or fish by itself, in no sauce: grilled, roasted, fried.
MEAT_ITSELF_COOKING = frozenset({"dry", "fried"})
#: From this cosine (MiniLM, the two words encoded alone) a label's word and an entry's word that open with the same
#: letter are one word in two forms ("parmesan" / 'parmigiana' 0.74, "lasagne" / 'lasagna' 0.73; "chicken" / 'chickpea'
#: 0.62 are two foods).
WORD_FORM_COSINE = 0.7
#: Things filmed beside a meal that are not food: a label whose food word is one of these is unmatched.
NOT_FOOD_WORDS = frozenset({
    "plate", "fork", "knife", "spoon", "napkin", "table", "tray", "hand", "finger", "phone", "smartphone",
    "chopstick", "placemat", "tablecloth", "cutlery", "utensil", "straw", "lid", "container", "box", "bag",
    "wrapper", "paper", "towel", "candle", "menu", "receipt", "coaster", "mug", "cup", "glass", "bottle", "person",
    "laptop", "computer", "keyboard",
})
#: A word a food name could be: letters with a vowel and no run of five consonants ("zzqx" is not).
_WORD_LIKE = re.compile(r"(?=.*[aeiouy])(?!.*[^aeiouy\d]{5})[a-z]+")
Level = Literal["entry", "preparation", "recipe", "category", "unmatched"]


class Disambiguator(Protocol):
    """Picks one of the retrieved candidates for a label (an LLM); None = no opinion."""

    def choose(self, label: str, candidates: list[Food]) -> int | None: ...


@dataclass(frozen=True)
class Candidate:
    food: Food
    score: float


@dataclass(frozen=True)
class MatchResult:
    """The chosen entry (None when unmatched), its confidence (0..1) and the runner-ups, best first."""

    label: str
    food: Food | None
    score: float
    confidence: float
    candidates: list[Candidate] = field(default_factory=list)
    chosen_by: str = "ranking"
    reason: str | None = None
    level: Level = "entry"
    ranking_confidence: float = 0.0  # the ranking's own confidence in its pick, before the ladder
    # the label's reading in FDC words that answered: the glossary's (pipeline/nutrition/glossary.py), or the label with
    # a word in the form an entry writes it ("veal parmesan" -> "veal parmigiana")
    gloss: str | None = None
    coverage: float = 0.0  # share of the label's content words (idf-weighted) the ranking's pick carries
    head: float = 0.0  # how squarely the ranking's pick is the label's head food (ranking.head_match: 1 = its own name)
    # a preparation answer that is not the label's food itself but stands for it: the dish made with the nearest other
    # food ('Beef curry' for "pork curry"), the dish's meat or fish alone ("salmon teriyaki"), or the foods it names in
    # parts assumed ("steak and eggs"); its confidence takes its own curve (pipeline/nutrition/calibration.py)
    stand_in: bool = False


class FoodMatcher:
    """Hybrid retrieval + food-aware ranking over one knowledge base."""

    def __init__(self, kb: KnowledgeBase, *, top_k: int = 5, disambiguator: Disambiguator | None = None) -> None:
        if top_k < 1:
            raise ValueError("top_k must be at least 1")
        self.kb = kb
        self.top_k = top_k
        self.disambiguator = disambiguator
        self.index = FoodIndex(kb)
        self._cache: dict[str, MatchResult] = {}
        self._is_profile = np.array([f.is_profile for f in kb.foods], dtype=bool)
        self._profiles = {f.category: f.index for f in kb.foods if f.is_profile}
        #: words that are a food of their own in generic entries' names (not in a brand's: 'OLIVE GARDEN, lasagna
        #: classico'; nor the head of one compound only: 'Pad Thai', :func:`_foods_of_their_own`)
        self._generic_food_heads = _foods_of_their_own(t for t in self.index.texts if not t.is_brand)
        #: and those words with the kinds generic entries name after a class word ('Fish, roe' -> roe)
        self._generic_foods = self._generic_food_heads.union(*(t.later_heads for t in self.index.texts if not t.is_brand))
        self._kinds_after: dict[str, set[str]] = {}  # word -> the kinds generic entries name after it
        for text in self.index.texts:
            if not text.is_brand:
                for head in text.heads:
                    self._kinds_after.setdefault(head, set()).update(text.later_heads)
        #: plants whose leaves a generic entry names their greens ('Turnip greens, raw' -> turnip)
        self._named_greens = frozenset(t.primary[0] for t in self.index.texts
                                       if not t.is_brand and len(t.primary) == 2 and t.primary[1] == "green")
        #: organs the data names on their own, each by one word ('Heart', 'Liver, beef'): a meat before one says whose
        self._organs = frozenset(t.primary[0] for f, t in zip(kb.foods, self.index.texts)
                                 if ORGAN_CATEGORIES.search(f.category) and len(t.primary) == 1 and not t.is_brand)
        self._voters = np.array([not f.is_profile and f.category in self._profiles
                                 and f.data_type == "survey_fndds_food" for f in kb.foods], dtype=bool)

    def match(self, label: str) -> MatchResult:
        """Match one label."""
        return self.match_many([label])[label]

    def match_many(self, labels: Iterable[str], *, join_foods: bool = True) -> dict[str, MatchResult]:
        """Match every distinct label, encoding the new ones in one batch.

        A label that FDC does not name itself (its own match backs off, or leaves words uncovered) and that the
        glossary reads in FDC words is matched again as that reading, and the reading's answer stands.
        ``join_foods=False``: a label joining two foods no entry serves together is not answered by the foods in
        equal parts (the foods of such a label are matched so, once: no food's own reading splits it again).
        """
        labels = list(dict.fromkeys(labels))
        new = [label for label in labels if label not in self._cache]
        own = self._match_batch(new)
        readings = {label: reading for label in new
                    if _may_give_way(own[label]) and (reading := gloss(label)) is not None}
        glossed = self._match_batch(list(dict.fromkeys(readings.values())))
        answers = {}
        for label in new:
            reading = readings.get(label)
            answers[label] = own[label] if reading is None or not _reading_wins(own[label], glossed[reading]) \
                else _as_glossed(glossed[reading], label, reading)
        # readings in the data's own words, each tried, in turn, on a label no answer names itself yet: "chicken
        # parmesan": 'Chicken or turkey parmigiana', one of its words in the data's form; "chicken alla cacciatora",
        # "veal alla marsala": a dish named in the manner of its sauce, as FDC names it without the Italian word
        # ('Chicken or turkey cacciatore', 'Veal Marsala'); "turnip tops": a plant's leaves, as FDC names them
        # ('Turnip greens')
        for reading_of in (self._in_the_data_form, _without_manner_words, self._leaves_as_greens):
            readings = {label: reading for label in new
                        if not _names_itself(answers[label]) and (reading := reading_of(label)) is not None}
            if readings:
                again = self.match_many(readings.values())
                for label, reading in readings.items():
                    if _names_itself(again[reading]):
                        answers[label] = _as_glossed(again[reading], label, reading)
        # "salmon teriyaki" answered by the teriyaki sauce: the label names the salmon, served with the sauce
        served = {label: reading for label in new if (reading := self._served_with(label, answers[label])) is not None}
        if served:
            again = self.match_many([text for reading in served.values() for text in reading])
            for label, (reordered, main) in served.items():
                dish, food = again[reordered], again[main]
                if _names_itself(dish) and not self._is_topping(dish.food):  # 'Chicken or turkey with teriyaki'
                    answers[label] = replace(dish, label=label)
                elif food.food is not None and not self._is_topping(food.food):  # the salmon itself
                    answers[label] = _standing_in(
                        food, food.ranking_confidence, label=label,
                        reason=f"no entry names the dish; its meat or fish answers ('{main}')")
        # "fettuccine alfredo", "linguine pesto": a pasta named by its sauce, which no entry serves together (and
        # "tofu in black bean sauce": a food served in one)
        sauced = {label: parts for label in new if (parts := self._sauced_pasta(label, answers[label])) is not None}
        if sauced:
            again = self.match_many([part for parts in sauced.values() for part in parts], join_foods=False)
            for label, parts in sauced.items():
                pasta = again[parts[0]]
                # the sauce as written, else with its word added where an entry names it so ("alla vodka": 'Vodka' is
                # no sauce, 'Vodka sauce with tomatoes and cream' is; "al forno" names no 'Sauce, NFS')
                parts = (parts[0], next((p for p in parts[2:] if _is_sauce(again[p]) and _names_itself(again[p])),
                                        parts[1]))
                sauce = again[parts[1]]
                if not (_names_itself(pasta) and _is_sauce(sauce)):
                    continue
                share = self._sauce_share(pasta.food, sauce.food)
                # a food other than pasta served in a sauce where no entry names the dish ("tofu in black bean sauce"):
                # the two in equal parts too, unless the sauce is rich enough to be spooned ('Garlic sauce', 683 kcal
                # per 100 g), whose share on a meat or vegetable no pasta dish tells
                in_its_sauce = answers[label].level == "category" and _serves_in(label) and _names_itself(sauce) \
                    and share == EVEN_SAUCE_SHARE
                if PASTA_CATEGORIES.search(pasta.food.category) or in_its_sauce:
                    profile = self.kb.add_joined_profile([pasta.food, sauce.food], [1 - share, share])
                    answers[label] = _standing_in(
                        answers[label], min(pasta.ranking_confidence, sauce.ranking_confidence), food=profile,
                        candidates=[],
                        reason=f"a {'pasta named by' if not in_its_sauce else 'food served in'} its sauce; "
                               f"'{parts[0]}' and '{parts[1]}' "
                               + ("in equal parts" if share == EVEN_SAUCE_SHARE else f"with {share:.0%} sauce by weight")
                               + " stand for it")
        # "chicken satay", "beef bulgogi": a dish no entry names, of a meat that no dish entry of it places
        meats = {label: text for label in new if (text := self._meat_of_unplaced_dish(answers[label])) is not None}
        if meats:
            again = self.match_many(meats.values())
            for label, text in meats.items():
                meat = again[text]
                if meat.food is not None and meat.level == "entry":
                    answers[label] = _standing_in(
                        meat, meat.ranking_confidence, label=label, gloss=answers[label].gloss,
                        reason=f"no entry names the dish; its meat or fish answers ('{text}')")
        # "bangers and mash", "steak and eggs": two foods no entry serves together, each of which FDC names itself
        plates = {label: parts for label in new if join_foods and (parts := _joined_foods(answers[label])) is not None}
        if plates:
            again = self.match_many([part for parts in plates.values() for part in parts], join_foods=False)
            for label, parts in plates.items():
                found = [again[part] for part in parts]
                if all(_names_itself(part) for part in found):
                    profile = self.kb.add_joined_profile([part.food for part in found])
                    answers[label] = _standing_in(
                        answers[label], min(part.ranking_confidence for part in found), food=profile, candidates=[],
                        reason=f"no entry serves these foods together; {' and '.join(repr(p) for p in parts)} "
                               f"in equal parts stand for it")
        self._cache.update(answers)
        return {label: self._cache[label] for label in labels}

    def _leaves_as_greens(self, label: str) -> str | None:
        """The label with its last word, one for a plant's leaves (:data:`LEAF_WORDS`: "turnip tops", "beet leaves"),
        as 'greens' where an entry's own name is the plant before that word ('Turnip greens, raw', 'Beet greens'); else
        None ("celery leaves": no 'Celery greens')."""
        words = tokens(label)
        if len(words) < 2 or words[-1] not in LEAF_WORDS or words[-2] not in self._named_greens:
            return None
        return " ".join(words[:-1] + ("greens",))

    def _in_the_data_form(self, label: str) -> str | None:
        """For a label of two words or more that no entry names ("chicken parmesan", "veal parmesan"): the label
        with one of its words in the form an entry's own name writes it, when that entry's name is the label's other
        words and that word ("chicken parmigiana": 'Chicken or turkey parmigiana', its alternative aside), the two
        words opening with the same letter and alike in meaning (:data:`WORD_FORM_COSINE`). None when the label joins
        foods, or no entry's name differs from it by one word's form only (asked only of labels whose answer does not
        name them itself)."""
        words = tokens(label)
        own, joined = split_joined(words)
        content = content_words(own)
        if joined or len(content) < 2:
            return None
        said = frozenset(content)
        forms: set[tuple[str, str]] = set()  # (the label's word, the entry's word)
        for index in np.unique(np.concatenate([self.index.carrying(w) for w in content])):
            text = self.index.texts[int(index)]
            if self._is_profile[index] or text.is_brand or self.kb.foods[int(index)].is_recipe:
                continue
            for name in _names_of(text.primary):
                unsaid = [w for w in name if not has_word(said, w)]
                unmatched = [w for w in content if not has_word(frozenset(name), w)]
                if len(name) == len(content) and len(unsaid) == len(unmatched) == 1 \
                        and unsaid[0][0] == unmatched[0][0]:
                    forms.add((unmatched[0], unsaid[0]))
        if not forms:
            return None
        pairs = sorted(forms)
        cosines = self._word_cosines(pairs)
        best = int(np.argmax(cosines))
        if cosines[best] < WORD_FORM_COSINE:
            return None
        written, data = pairs[best]
        return " ".join(data if w == written else w for w in words)

    def _word_cosines(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Cosine of the two words of each pair, each word encoded alone (the encoder's vectors are of unit length)."""
        vectors = self.kb.encoder.encode([w for pair in pairs for w in pair])
        return np.einsum("ij,ij->i", vectors[0::2], vectors[1::2])

    def _is_topping(self, food: Food | None) -> bool:
        """The food is eaten on or with another food (:data:`TOPPING_CATEGORIES`): a cheese, sauce, condiment."""
        return food is not None and bool(TOPPING_CATEGORIES.match(food.category))

    def _served_with(self, label: str, result: MatchResult) -> tuple[str, str] | None:
        """For a label whose answer is a topping ("chicken parmesan" -> cheese, "salmon teriyaki" -> 'Teriyaki sauce')
        while an earlier word of it names a meat or fish (a word whose entries are mostly meat, poultry or fish): the
        label with that food last, as its head ("teriyaki salmon": a dish entry that names both answers it), and the
        label without the topping's words ("salmon": else the meat or fish itself answers). None when the answer is no
        topping, FDC names the label itself ("chicken stock": 'Soup, stock, chicken'), the label names no meat or fish
        before its head, or its head is what the topping is ("beef broth" -> 'Fish broth': a broth; "chicken seasoning"
        -> 'Spices, poultry seasoning'), or a class of foods
        that FDC divides by what they are made from ("chicken gravy": 'Gravy, beef' is gravy)."""
        if not self._is_topping(result.food) or _names_itself(result):
            return None
        words = tokens(label)
        content = content_words(split_joined(words)[0])
        meats = [w for w in content[:-1] if self.index.eaten_cooked(w)]
        head = content[-1] if content else None
        if not meats or head is None or self.index.eaten_cooked(head) or self._is_class_word(head) \
                or (not result.food.is_profile and head in self.index.texts[result.food.index].heads
                    | self.index.texts[result.food.index].later_heads):
            return None
        meat = meats[-1]
        topping = content[content.index(meat) + 1:]
        return (" ".join([w for w in words if w != meat] + [meat]),
                " ".join(w for w in words if w not in topping))

    def _sauced_pasta(self, label: str, result: MatchResult) -> tuple[str, ...] | None:
        """The pasta and the sauce, as written, of a label that may name a pasta by its sauce, for the rung to match
        apart (it keeps them only if the first is a pasta, or a food served in the sauce where no entry names the
        dish, and the second a sauce); after them, the sauce's other
        reading, if any. Either no entry but a sauce names the label's food itself and it serves a food with or in
        another ("pasta with pesto", "gnocchi in tomato sauce", "penne alla vodka"): what comes before and after that
        word, an Italian "alla" also read as naming the sauce by its flavour ("vodka sauce": 'Vodka' is no sauce); or
        the label is answered by a sauce ('Alfredo sauce' for "fettuccine alfredo", 'Pesto sauce' for "linguine pesto")
        and opens with another food without ending in the sauce's own word (that names the sauce: "tomato sauce",
        "spaghetti sauce"): its first word and the rest; or no entry names the label's food itself ("pesto pasta":
        'Pasta with sauce, NFS', 125 kcal per 100 g, whatever the sauce): its last word and the rest. None for a label
        of one word, one that joins foods otherwise, or one that names the sauce."""
        written = description_tokens(label)
        own, joined = split_joined(written)
        content = content_words(written)
        if len(content) < 2:
            return None
        if joined[:1] and joined[0] in SERVED_WITH_WORDS and own and joined[1:]:
            if _names_itself(result) and not _is_sauce(result):  # 'Pasta alla norma'; a sauce is half the dish
                return None
            sauce = " ".join(joined[1:])
            named_by_flavour = joined[0] in IN_THE_MANNER_WORDS and joined[-1] != "sauce"
            return (" ".join(own), sauce) + ((f"{sauce} sauce",) if named_by_flavour else ())
        if result.food is not None and SAUCE_CATEGORIES.search(result.food.category):
            sauce_words = set(self.index.texts[result.food.index].heads) if not result.food.is_profile else set()
            if written[0] != content[0] or joined or written[-1] in sauce_words | {"sauce"}:
                return None
            return written[0], " ".join(written[1:])
        if _names_itself(result):
            return None
        if joined:
            return None
        return written[-1], " ".join(written[:-1])

    def _sauce_share(self, pasta: Food, sauce: Food) -> float:
        """The share of a dish's weight that ``sauce`` is when a label names ``pasta`` by it: :data:`EVEN_SAUCE_SHARE`,
        or for a sauce rich enough that half of it would lift the dish above the :data:`PASTA_DISH_PERCENTILE`-th
        percentile of FNDDS's pasta dishes' energy per 100 g (210 kcal: 'Pesto sauce', 580 kcal, with 'Pasta, cooked',
        157, would be 368), the share that brings it there, at least :data:`LEAST_SAUCE_SHARE`."""
        plain, rich = float(self.kb.nutrients[pasta.index][_KCAL]), float(self.kb.nutrients[sauce.index][_KCAL])
        ceiling = self._pasta_dish_ceiling
        if math.isnan(plain) or math.isnan(rich) or ceiling is None \
                or plain + EVEN_SAUCE_SHARE * (rich - plain) <= ceiling:
            return EVEN_SAUCE_SHARE
        return round(max(LEAST_SAUCE_SHARE, min(EVEN_SAUCE_SHARE, (ceiling - plain) / (rich - plain))), 3)

    @cached_property
    def _pasta_dish_ceiling(self) -> float | None:
        """kcal per 100 g at the :data:`PASTA_DISH_PERCENTILE`-th percentile of the entries (not profiles) of
        :data:`PASTA_DISHES`, None when it has none: computed the first time a pasta is named by a rich sauce, not at a
        cold start."""
        values = [value for food in self.kb.foods if food.category == PASTA_DISHES and not food.is_profile
                  if not math.isnan(value := float(self.kb.nutrients[food.index][_KCAL]))]
        return float(np.percentile(values, PASTA_DISH_PERCENTILE)) if values else None

    def _meat_of_unplaced_dish(self, result: MatchResult) -> str | None:
        """For a dish answered by a whole mixed-dish category's median ('Poultry mixed dishes', 144 kcal and 14 g
        protein per 100 g: stews with their sauce and vegetables) whose name (or glossed reading) joins one meat or fish
        to a word no entry has ("chicken satay", "beef bulgogi", "suya" read as "beef kebab grilled"): the label
        without its unknown words ("chicken", "beef grilled"). Such a dish is named after its meat because the meat is
        most of it, so the meat as eaten answers for it better than every dish of its class. None when the answer is
        no whole mixed-dish profile (a profile of the label's nearest dishes places it: 'Adobo, with rice' for
        "chicken adobo"), the label names no meat or fish, or several, or joins other foods, or has no unknown word."""
        food = result.food
        if result.level != "category" or food is None or self._profiles.get(food.category) != food.index \
                or not MIXED_DISH_CATEGORIES.search(food.category):
            return None
        words, joined = split_joined(tokens(result.gloss or result.label))
        content = content_words(words)
        meats = [w for w in content if self.index.eaten_cooked(w)]
        unknown = [w for w in content if not self.index.knows(w)]
        if joined or len(meats) != 1 or not unknown or not cooking_groups(words) & MEAT_ITSELF_COOKING:
            return None
        return " ".join(w for w in words if w not in unknown)

    def _names_dish(self, query: Query, index: int) -> bool:
        """The label names the recipe's dish: it carries every word of the recipe's name, or all but its main food
        when it names no other ("korma" and "chicken korma" name 'Chicken korma', "lamb korma" does not; "seafood
        risotto" names 'Risotto'; "chicken" names no dish of 'Butter chicken')."""
        label = frozenset(query.words)
        unsaid = [w for w in self.index.texts[index].content if not has_word(label, w)]
        return all(w in MAIN_FOODS for w in unsaid) and not (unsaid and label & MAIN_FOODS)

    def _is_class_word(self, word: str) -> bool:
        """FDC names at least :data:`CLASS_MIN_KINDS` kinds after ``word`` ('Gravy, beef', 'Gravy, turkey'...): the word
        is a class of foods, and the word before it in a label says what it is made from."""
        return len(self._kinds_after.get(word, ())) >= CLASS_MIN_KINDS

    def _match_batch(self, labels: list[str]) -> dict[str, MatchResult]:
        """Each label's own match (no glossary), with one encoder pass over all of them."""
        if not labels:
            return {}
        # the encoder reads the label in FDC words (synonyms applied: "courgette" -> "zucchini")
        texts = [self._joined_as_written(normalise(label)) or label.strip().lower() for label in labels]
        vectors = self.kb.encoder.encode(texts)
        return {label: replace(self._match_one(text, vector), label=label)
                for label, text, vector in zip(labels, texts, vectors)}

    def _joined_as_written(self, text: str) -> str:
        """``text`` with two adjacent words joined where FDC writes them as one word and never apart ("short ribs" ->
        "shortribs", as in 'Beef, shortribs'; "hot dog" stays: FDC writes it both ways)."""
        words = text.split()
        for i in range(len(words) - 1, 0, -1):
            first, second = words[i - 1], words[i]
            if min(len(first), len(second)) > 1 and self.index.knows(singular(first + second)) \
                    and not self.index.writes_apart(singular(first), singular(second)):
                words[i - 1: i + 1] = [first + second]
        return " ".join(words)

    def _match_one(self, label: str, vector: np.ndarray) -> MatchResult:
        query = self._organ_of_an_animal(Query.parse(label))
        if not query.content:
            return MatchResult(label, None, 0.0, 0.0, level="unmatched", reason="the label names no food")
        if query.head in NOT_FOOD_WORDS and not any(self.index.knows(w) for w in query.content if w != query.head):
            return MatchResult(label, None, 0.0, 0.0, level="unmatched",
                               reason=f"'{query.head}' is not a food (tableware or a thing beside the meal)")
        pool, cosine = self.index.candidates(label, vector)
        pool = pool[~self._is_profile[pool]]
        ranked = self._rank(query, pool, cosine)
        best = ranked[0]
        if best.coverage == 0 and float(cosine[~self._is_profile].max()) < UNMATCHED_MAX_COSINE:
            runners = [Candidate(self.kb.foods[s.index], round(s.score, 4)) for s in ranked[: self.top_k]]
            return MatchResult(label, None, round(best.score, 4), 0.0, runners, level="unmatched",
                               reason="no USDA entry shares a word with the label or is close in meaning")
        chosen_by = "ranking"
        if self.disambiguator is not None:
            shortlist = ranked[: max(self.top_k, 2)]
            choice = self.disambiguator.choose(label, [self.kb.foods[s.index] for s in shortlist])
            if choice is not None and 0 < choice < len(shortlist):
                ranked = [shortlist[choice]] + [s for s in ranked if s is not shortlist[choice]]
                chosen_by = "llm"
        result = self._result(label, ranked, chosen_by)
        if result.food is not None and result.food.is_recipe:
            others = [s for s in ranked if not self.kb.foods[s.index].is_recipe]
            if ranked[0].head >= PREPARATION_HEAD or not others:  # the dish the label names ("seafood risotto")
                return replace(result, level="recipe", confidence=calibrated("recipe", result.ranking_confidence))
            ranked, best = others, others[0]  # the recipe only shares a word with the label
            result = self._result(label, ranked, chosen_by)
        if chosen_by != "llm" and self._uncooked_staple(query, best.index):
            # "adzuki beans" -> "Beans, adzuki, mature seeds, raw" (329 kcal): the dry seed, not the plate's food
            cooked = [s for s in ranked if s.head >= PREPARATION_HEAD and s.coverage >= FULL_COVERAGE
                      and not self._uncooked_staple(query, s.index)]
            # else the food cooked under another name of its form ("buckwheat": 'Buckwheat groats, no added fat')
            cooked = cooked or [s for s in ranked if s.coverage >= FULL_COVERAGE and self._cooked_staple(s.index)]
            if cooked:
                chosen = self._result(label, [cooked[0]] + [s for s in ranked if s is not cooked[0]], chosen_by)
                return replace(chosen, level="preparation",
                               confidence=calibrated("preparation", chosen.ranking_confidence))
            backed_off = replace(result, ranking_confidence=min(result.ranking_confidence, BACKOFF_BELOW))
            return self._category(query, backed_off, ranked, cosine)
        if chosen_by != "llm" and self._bought_raw(query, best.index):
            # "pork loin" -> 'Pork, loin, boneless, raw' (as bought): a plain meat name means the meat as eaten, cooked
            # the same food cooked: an entry named after the raw one's food ("beef top sirloin cooked": beef, not
            # 'Ostrich, top loin, cooked')
            food = self.index.texts[best.index].heads
            cooked = [s for s in ranked if s.head >= PREPARATION_HEAD and self._eaten_as_cooked(s.index)
                      and self.index.texts[s.index].heads & food]
            if cooked:
                # the cooked entry that carries most of the label, the better ranked of equals
                pick = max(cooked, key=lambda s: s.coverage)
                chosen = self._result(label, [pick] + [s for s in ranked if s is not pick], chosen_by)
                return replace(chosen, level="preparation",
                               confidence=calibrated("preparation", chosen.ranking_confidence))
        if chosen_by != "llm" and self._state_contradicted(query, best.index):
            # "roasted vegetables" -> 'Raw vegetable, NFS' (30 kcal per 100 g): the label's own food in a state that
            # agrees with its cooking word answers ('Vegetables, stew type, cooked'), else the raw entry only stands
            # for the food, at the preparation level
            # (the label's food cooked may share too few of its words to be retrieved: every entry named after it is)
            named = np.setdiff1d(self.index.named_after(query.head), pool)
            named = named[~self._is_profile[named]]
            wider = rank(query, np.union1d(pool, named), cosine, self.index)
            # as squarely the label's food as the pick ('Fish, tuna, fresh, bluefin, cooked, dry heat' for "tuna bluefin
            # cooked"), and carrying as much of the label
            agreeing = [s for s in wider if 0 < s.head and s.head >= min(best.head, PREPARATION_HEAD)
                        and s.coverage >= best.coverage and self._agrees_with_cooking(query, s.index)]
            chosen = self._result(label, [agreeing[0]] + [s for s in wider if s is not agreeing[0]], chosen_by) \
                if agreeing else result
            if agreeing or best.head >= PREPARATION_HEAD:
                return replace(chosen, level="preparation",
                               confidence=calibrated("preparation", chosen.ranking_confidence))
        if chosen_by == "llm" or result.ranking_confidence >= BACKOFF_BELOW:
            return result
        uncut = self._without_unwritten_cutting(query)
        if uncut is not None:  # "sliced cucumbers": 'Cucumber, raw', the food itself, as sure as for "cucumber"
            plain = self._result(label, self._rank(uncut, pool, cosine), chosen_by)
            if plain.ranking_confidence >= BACKOFF_BELOW and plain.head >= PREPARATION_HEAD:
                return plain
        cut = self._without_unlisted_cuts(query)
        if cut is not None:  # "salmon fillet", "tuna steak": no fish entry names its cut; the fish itself answers
            uncut = self._result(label, self._rank(cut, pool, cosine), chosen_by)
            if uncut.ranking_confidence >= BACKOFF_BELOW:
                return replace(uncut, level="preparation", confidence=calibrated("preparation", uncut.ranking_confidence))
        kind_named = self._kind_before_its_class(query)
        if kind_named is not None:  # "durian fruit", "acerola cherries": 'Durian, raw or frozen', as sure as for "durian"
            named = self._result(label, self._rank(kind_named, np.union1d(pool, self.index.named_after(kind_named.head)),
                                                   cosine), chosen_by)
            if named.ranking_confidence >= BACKOFF_BELOW and self._of_its_class(named.food, kind_named.head, query.head):
                return named
        if best.head >= PREPARATION_HEAD and (best.coverage >= FULL_COVERAGE or self._variety_of(query, best)
                                              or self._whose_organ(query, best)):
            return replace(result, level="preparation",
                           confidence=calibrated("preparation", result.ranking_confidence))
        # a label that joins other foods to its own ("oil and vinegar") is a mixture, not a kind of its head food
        kind = None if query.head in SHAPE_WORDS or query.joined else self._uniform_kind(ranked)
        if kind is not None:  # "chili oil": any oil is within a few % of it
            chosen = self._result(label, [kind] + [s for s in ranked if s is not kind], chosen_by)
            return replace(chosen, level="preparation", confidence=calibrated("preparation", chosen.ranking_confidence))
        sibling = self._sibling_dish(query, ranked)
        if sibling is not None:  # "lamb curry": no lamb curry in FDC; 'Beef curry' is the same dish of the nearest meat
            entry, food, other = sibling
            chosen = self._result(label, [entry] + [s for s in ranked if s is not entry], chosen_by)
            return _standing_in(chosen, chosen.ranking_confidence,
                                reason=f"no entry makes this {query.head} with {food}; the {query.head} of {other}, "
                                       f"the nearest food that one does, stands for it")
        return self._category(query, result, ranked, cosine)

    def _rank(self, query: Query, pool: np.ndarray, cosine: np.ndarray) -> list[Scored]:
        """The pool ranked for ``query``, less the recipes of dishes it does not name ("chicken" is no 'Butter chicken',
        "tofu" no 'Mapo tofu'), unless only recipes are left."""
        ranked = rank(query, pool, cosine, self.index)
        return [s for s in ranked if not self.kb.foods[s.index].is_recipe or self._names_dish(query, s.index)] \
            or ranked

    def _sibling_dish(self, query: Query, ranked: list[Scored]) -> tuple[Scored, str, str] | None:
        """For a dish of one main food that no entry makes with it ("lamb curry": FDC has 'Beef curry', 'Chicken
        curry', 'Fish curry', 'Lentil curry', 'Vegetable curry'): the entry of the same dish (every other word of the
        label, and no word more) made with the food nearest the label's: the class it is a kind of ('Fish curry' for
        salmon, as 'Fish, salmon' names it), else a food of its class of dish foods (:data:`DISH_CLASS_WORDS`: the red
        meats, the poultry), else a food whose plain survey entries mostly share its FNDDS category (chickpeas and
        lentils: 'Beans, peas, legumes'); of several, the nearest in make-up. Returns that entry, the label's food and
        the one standing for it; None when the label names no dish of one food, an entry makes the dish with the
        label's own food, or none with a food near it.
        """
        head = query.head
        foods = [w for w in query.content if w != head and w in self._generic_food_heads]
        if head is None or len(foods) != 1 or not self._is_dish_word(head):
            return None
        food = foods[0]
        rest = frozenset(query.content) - {food}
        siblings: dict[str, Scored] = {}  # the dish's other main food -> its best-ranked entry
        for s in ranked:
            content = self.index.texts[s.index].content
            if s.head < 1.0 or not self._is_dish(s.index) or not rest <= content or len(content - rest) != 1:
                continue
            other = next(iter(content - rest))
            if other == food:  # the label's own dish is there: not this rung's to answer
                return None
            if other in self._generic_food_heads:
                siblings.setdefault(other, s)
        if not siblings:
            return None
        classes = [cls for cls, kinds in DISH_CLASS_WORDS.items() if food in kinds]
        category = self._plain_category(food)
        for near in ([w for w in siblings if self._is_kind_of(food, w)],
                     [w for w in siblings if any(w in DISH_CLASS_WORDS[cls] for cls in classes)],
                     [w for w in siblings if category is not None and self._plain_category(w) == category]):
            if near:
                own = self._make_up(food)
                other = min(near, key=lambda w: _make_up_distance(own, self._make_up(w)))
                return siblings[other], food, other
        return None

    def _is_kind_of(self, food: str, cls: str) -> bool:
        """Most entries named after ``food`` name it as a kind of ``cls`` ('Fish, salmon, coho': salmon is a fish)."""
        ids = self.index.named_after(food)
        return bool(ids.size) and sum(cls in self.index.texts[i].heads for i in ids) > ids.size / 2

    def _is_dish_word(self, word: str) -> bool:
        """Most entries named after ``word`` are dishes ('Beef curry', 'Stew, beef'): the word names a dish."""
        ids = [int(i) for i in self.index.named_after(word) if not self._is_profile[i]]
        return bool(ids) and sum(self._is_dish(i) for i in ids) > len(ids) / 2

    def _plain_entries(self, food: str) -> list[int]:
        """Entries named after ``food`` that are the food itself: no dish, brand, profile or recipe."""
        return [int(i) for i in self.index.named_after(food) if not self._is_profile[i] and not self._is_dish(int(i))
                and not self.index.texts[i].is_brand and not self.kb.foods[i].is_recipe]

    def _plain_category(self, food: str) -> str | None:
        """The FNDDS category of most survey entries whose own name is ``food`` plainly ('Lentils, from dried': 'Beans,
        peas, legumes'), when there are at least :data:`PLAIN_CATEGORY_MIN` of them; None otherwise."""
        categories = [self.kb.foods[i].category for i in self._plain_entries(food)
                      if self._voters[i] and food in self.index.texts[i].heads]
        if len(categories) < PLAIN_CATEGORY_MIN:
            return None
        category = max(sorted(set(categories)), key=categories.count)
        return category if categories.count(category) > len(categories) / 2 else None

    def _make_up(self, food: str) -> np.ndarray | None:
        """A food's make-up: the median protein, fat and carbohydrate (g per 100 g) of its plain entries; None
        without any."""
        rows = self._plain_entries(food)
        return np.nanmedian(np.asarray(self.kb.nutrients[rows], dtype=float)[:, _MAKE_UP], axis=0) if rows else None

    def _uniform_kind(self, ranked: list[Scored]) -> Scored | None:
        """The best-ranked entry of the label's own kind of food ("Oil, hazelnut" for "hemp seed oil") when the entries
        named after that kind are alike in energy (at least :data:`UNIFORM_KIND_MIN` of them, their interquartile range
        of kcal per 100 g within :data:`UNIFORM_KIND_SPREAD` of the median): oils, fats, sugars; None otherwise."""
        kind, seen = [], set()
        for s in ranked:  # plain entries named after the label's head, each description once (not "Sushi roll tuna")
            food = self.kb.foods[s.index]
            if s.head == 1.0 and not food.is_recipe and not self.index.texts[s.index].is_dish \
                    and food.description.lower() not in seen:
                seen.add(food.description.lower())
                kind.append(s)
        if len(kind) < UNIFORM_KIND_MIN:
            return None
        energy = np.array([float(self.kb.nutrients[s.index][0]) for s in kind])
        low, median, high = np.percentile(energy, [25, 50, 75])
        return kind[0] if median > 0 and high - low <= UNIFORM_KIND_SPREAD * median else None

    def _uncooked_staple(self, query: Query, index: int) -> bool:
        """The entry is a grain or legume as sold, dry or raw (:data:`DRY_STAPLE_MIN_KCAL` kcal per 100 g and more),
        while the label names the food plainly, as it is eaten: cooked ("adzuki beans", "buckwheat"), or says it is
        cooked ("adzuki beans cooked")."""
        if "raw" in query.cooking or query.forms or query.head not in COOKED_BY_DEFAULT:
            return False
        food, text = self.kb.foods[index], self.index.texts[index]
        return bool(STAPLE_CATEGORIES.search(food.category)) and not text.cooking - {"raw"} \
            and float(self.kb.nutrients[index][0]) >= DRY_STAPLE_MIN_KCAL

    def _cooked_staple(self, index: int) -> bool:
        """The entry is a grain or legume cooked, by itself: a staple category's entry, no dish, below
        :data:`DRY_STAPLE_MIN_KCAL` kcal per 100 g and not said raw ('Buckwheat groats, no added fat', 92 kcal)."""
        food, text = self.kb.foods[index], self.index.texts[index]
        return bool(STAPLE_CATEGORIES.search(food.category)) and not self._is_dish(index) and not food.is_recipe \
            and "raw" not in text.cooking and float(self.kb.nutrients[index][0]) < DRY_STAPLE_MIN_KCAL

    def _bought_raw(self, query: Query, index: int) -> bool:
        """The entry is a meat, poultry or fish raw, as bought, while the label names that food as eaten: plainly, or
        said cooked ("cooked pheasant": 'Pheasant, raw, meat only' carries every word but the state)."""
        if "raw" in query.cooking or query.forms or not query.head or not self.index.eaten_cooked(query.head):
            return False
        return "raw" in self.index.texts[index].cooking

    def _state_contradicted(self, query: Query, index: int) -> bool:
        """The label says its food was cooked ("roasted vegetables", "stir-fried bok choy", "cooked cassava") and the
        entry is that food raw, saying no cooking state but raw ('Raw vegetable, NFS', 'Cabbage, bok choy, raw')."""
        return bool(query.cooking) and "raw" not in query.cooking and self.index.texts[index].cooking == {"raw"}

    def _agrees_with_cooking(self, query: Query, index: int) -> bool:
        """The entry is cooked as the label says: it names a cooking state besides raw, and no way of cooking the
        label does not ask for when the label names one ('Fried eggplant' is no "grilled eggplant")."""
        cooking = self.index.texts[index].cooking - {"raw"}
        asked = query.cooking - {"cooked"}
        return bool(cooking) and not self.kb.foods[index].is_recipe and (
            not asked or bool(asked & cooking) or not cooking & CONCRETE_COOKING)

    def _eaten_as_cooked(self, index: int) -> bool:
        """The entry is a food as eaten cooked: it says a cooking state other than raw, or is a survey (FNDDS) food,
        which are all as eaten, or a cooked food derived from a raw one; not a dish of other foods."""
        text, food = self.index.texts[index], self.kb.foods[index]
        return "raw" not in text.cooking and not text.is_dish and not food.is_recipe and (
            bool(text.cooking) or food.data_type in ("survey_fndds_food", COOKED_DATA_TYPE))

    def _without_unwritten_cutting(self, query: Query) -> Query | None:
        """The label without its words that say only how its food was cut (:data:`CUTTING_WORDS`: "sliced cucumbers",
        "shredded lettuce", "watermelon cubes") where no description writes that word with the food: FDC lists it whole
        ('Cucumber, raw'), so the word asks for no other entry. Such a word is kept where a description does ('Cereal,
        shredded wheat', 'Cheese, provolone, sliced'): there it names that product. None when the label has none."""
        head = query.head
        cutting = [w for w in query.content if w in CUTTING_WORDS and w != head and head is not None
                   and not self.index.writes_together(head, w)]
        return Query.parse(" ".join(w for w in query.words if w not in cutting)) if cutting else None

    def _without_unlisted_cuts(self, query: Query) -> Query | None:
        """The label without the cut words (:data:`PART_WORDS`) that no entry of its meat or fish names ("salmon
        fillet", "swordfish steak": FDC lists fish by species and cooking, never by cut) but entries of other meats do
        ('Chicken fillet, grilled', 'Beef, steak'): the cut is then only how the food was cut. None when the label
        has no such cut, or its food is no meat or fish."""
        head = query.head
        if not head or not self.index.eaten_cooked(head):
            return None
        cuts = [w for w in query.content if w != head and w in PART_WORDS and self.index.knows(w)
                and not self.index.names_with(head, w)]
        if not cuts:
            return None
        return replace(Query.parse(" ".join(w for w in query.words if w not in cuts)), cuts=tuple(cuts))

    def _kind_before_its_class(self, query: Query) -> Query | None:
        """The label's food without the class word after it, where the label is a food the data names on its own and
        then the class it is a kind of ("durian fruit", "acerola cherries", "tilapia fish") or the word for its eaten
        flesh (:data:`FLESH_WORDS`: "tamarind pulp"). None for a label of other words, or whose last word makes another
        product of the food (a form: "durian juice", :data:`FORM_WORDS`) or a dish ("durian cake")."""
        if len(query.content) != 2 or query.head != query.content[-1]:
            return None
        kind, head = query.content
        if head in FORM_WORDS or head in DISH_WORDS or head in VEHICLE_WORDS or kind not in self.index.food_heads:
            return None
        return Query.parse(" ".join(w for w in query.words if w != head))

    def _of_its_class(self, food: Food | None, kind: str, word: str) -> bool:
        """``food`` is named after ``kind`` and is a kind of what ``word`` names: its description or its FDC category
        carries the word ('Acerola, (west indian cherry), raw' of cherries; 'Durian, raw or frozen' of 'Fruits and
        Fruit Juices'), or the word names the eaten flesh of any food (:data:`FLESH_WORDS`)."""
        if food is None or kind not in self.index.texts[food.index].heads:
            return False
        category = frozenset(description_tokens(food.category))
        return word in FLESH_WORDS or has_word(self.index.texts[food.index].words, word) or has_word(category, word)

    def _organ_of_an_animal(self, query: Query) -> Query:
        """The label with the organ it ends in as its food where a meat or fish names whose organ it is and no entry of
        that meat names the organ ("beef heart": 'Heart'; "chicken hearts" keeps 'Chicken, heart'): an organ's make-up
        is its own, not its animal's, though a plant's heart is only the plant's part ("artichoke hearts"). The label
        as parsed otherwise."""
        organ = query.content[-1] if query.content else None
        if organ not in self._organs or organ == query.head:
            return query
        animals = [w for w in query.content[:-1] if self.index.eaten_cooked(w)]
        if not animals or any(self.index.names_with(w, organ) for w in animals):
            return query
        return replace(query, head=organ)

    def _whose_organ(self, query: Query, best: Scored) -> bool:
        """The entry is the organ the label names, as FDC names it for any animal ('Kidney' for "pork kidneys"): the
        label's words it lacks are all meats or fish, which say only whose organ it is."""
        if not ORGAN_CATEGORIES.search(self.kb.foods[best.index].category) or query.head not in self._organs:
            return False
        words = self.index.texts[best.index].words
        unexplained = [w for w in query.content if not has_word(words, w)]
        return bool(unexplained) and all(self.index.eaten_cooked(w) for w in unexplained)

    def _variety_of(self, query: Query, best: Scored) -> bool:
        """The entry is the label's own food and the label's words it lacks only say which variety, cut or origin
        ("blood orange" -> "Orange, raw", "lamb shank" -> "Lamb, ..."): none of them is itself the food of a generic
        entry ("butter beans", "jelly beans", "kale chips" name other foods than beans and chips; a word only brands'
        names hold is none: 'BURGER KING', 'SILK Chai, soymilk'; nor is a plant's core, :data:`CORE_WORDS`:
        "celery hearts" -> 'Celery, raw'), and
        the food is no dish ("waldorf salad" is another salad than "Cabbage salad", not a variety of it)."""
        words = self.index.texts[best.index].words
        unexplained = [w for w in query.content if not has_word(words, w)]
        return bool(unexplained) and query.head not in DISH_WORDS \
            and not any(w in self._generic_food_heads and w not in CORE_WORDS for w in unexplained)

    def _category(self, query: Query, result: MatchResult, ranked: list[Scored], cosine: np.ndarray) -> MatchResult:
        """The category profile the label belongs to, by votes of FNDDS entries.

        Voters are the best-ranked entries that share a word with the label ("lamb tagine" -> lamb entries), not only
        a word that joins the words of names ("con"), else the nearest in meaning when they are close (cosine >=
        :data:`SEMANTIC_VOTE_COSINE`); with neither, the label is a dish nothing places and the profile of every mixed
        dish answers.
        """
        votes: dict[str, float] = {}
        # an entry sharing only a word that joins the words of names ("con" of 'Coffee, cafe con leche' for "pan con
        # tomate") shares no food with the label
        lexical = [s for s in ranked if s.coverage > 0 and self._voters[s.index] and self._shares_a_food(query, s.index)]
        # entries that name the label's own food vote before those sharing only a modifier ("duck fat": fats, not
        # duck); when the label's head is only a shape ("chili paste", "rice flakes"), its food is the word before it
        foods = [w for w in query.content if w not in SHAPE_WORDS]
        if query.head in SHAPE_WORDS and foods:
            own = [s for s in lexical if any(has_word(self.index.texts[s.index].words, w) for w in foods)]
        else:
            # the label's dish made with its food ("chicken salad": 'Chicken or turkey salad', not 'Shrimp salad'),
            # else entries that name its food at all
            named = content_words(split_joined(query.words)[0])
            own = [s for s in lexical if s.head == 1.0 and all(w in self._own_name(s.index) for w in named)]
            if not own and query.head in DISHES_OF_THEIR_FOODS:
                salad = self._dish_of_its_foods(query, named, lexical)
                if isinstance(salad, str):
                    return self._profile_answer(result, salad, 1.0)
                own = salad
            if not own and query.head not in self._generic_foods:
                # a dish named by words no entry has as its food ("chicken tikka masala"): the dishes whose own name
                # holds the food it names ('Chicken curry', 'Barbecue chicken': 'Poultry mixed dishes'), not every
                # dish that adds that food to its own ('Fajita, chicken': 'Other Mexican mixed dishes'), nor the
                # plain food ('Chicken breast')
                food = next((w for w in reversed(named) if w in self._generic_foods), None)
                own = [s for s in lexical if food is not None and self.index.texts[s.index].dish_category
                       and has_word(self._own_name(s.index), food)]
                # else the foods it flavours ("garlic knots": 'Garlic bread', 'Roll, garlic'), not the food itself
                # (a class of foods' kinds are that food: "cheese manchego" is a cheese, as 'Cheese, Gruyere')
                if food is not None and not self._is_class_word(food):
                    own = own or [s for s in lexical if self._flavours(s.index, food)]
            own = own or [s for s in lexical if s.head > 0]
        lexical = (own or lexical)[:CATEGORY_VOTERS]
        for s in lexical:  # the better ranked, the louder: "chicken salad" is chicken before it is any salad
            category = self.kb.foods[s.index].category
            votes[category] = votes.get(category, 0.0) + s.coverage * math.exp(3.0 * (s.score - lexical[0].score))
        if not votes:
            scores = np.where(self._voters, cosine, -1.0)
            voters = min(CATEGORY_VOTERS, len(scores))  # a small knowledge base (an FDC subset) has fewer
            nearest = np.argpartition(-scores, voters - 1)[:voters]
            for i in nearest:
                if cosine[i] >= SEMANTIC_VOTE_COSINE:
                    category = self.kb.foods[int(i)].category
                    votes[category] = votes.get(category, 0.0) + float(cosine[i])
        if votes:
            category = max(sorted(votes), key=votes.__getitem__)
            share = votes[category] / sum(votes.values())
            # the voters named after the label's own food answer for it ('Chicken curry' for "thai chicken curry"), not
            # those sharing only another word of it ('Fajita, chicken'); and a label joining
            # foods ("oil and lemon juice") is a mixture: dishes answer for it ('Ramen bowl with beef' for "ramen with
            # pork"), not one of its foods (oils)
            nearest = self._nearest_profile(category, [s.index for s in lexical if s.head == 1.0
                                                       and (not query.joined or self._is_dish(s.index))])
            if nearest is not None:
                return self._profile_answer(result, category, share, nearest)
        elif not all(_WORD_LIKE.fullmatch(w) for w in query.content):
            return MatchResult(result.label, None, result.score, 0.0, result.candidates[: self.top_k], level="unmatched",
                               reason="the label has no word a food name could be (no entry shares one, none is close)")
        elif MIXED_DISHES in self._profiles:
            category, share = MIXED_DISHES, 0.0
        else:  # a knowledge base built from an FDC subset without survey dishes
            return MatchResult(result.label, None, result.score, 0.0, result.candidates[: self.top_k], level="unmatched",
                               reason=f"no entry is a trustworthy match and this knowledge base has no "
                                      f"'{MIXED_DISHES}' profile to fall back on (it lacks FNDDS survey foods)")
        return self._profile_answer(result, category, share)

    def _is_dish(self, index: int) -> bool:
        """The entry is a dish: its words name one ('Ramen bowl with beef') or its category is of mixed dishes."""
        return self.index.texts[index].is_dish or bool(MIXED_DISH_CATEGORIES.search(self.kb.foods[index].category))

    def _nearest_profile(self, category: str, voters: list[int]) -> Food | None:
        """The profile of the voting entries (``voters``: indices, best first) that belong to ``category``, each
        description once, when there are at least :data:`NEAREST_MIN_ENTRIES`: a label's nearest dishes answer
        for it better than its whole category's median ('thai green curry': the chicken curries, 107-116 kcal per
        100 g, not every poultry dish, 144). None when fewer voted."""
        members: dict[str, Food] = {}
        for index in voters:
            food = self.kb.foods[index]
            if food.category == category:
                members.setdefault(food.description.lower(), food)
        if len(members) < NEAREST_MIN_ENTRIES:
            return None
        return self.kb.add_nearest_profile(category, list(members.values()))

    def _profile_answer(self, result: MatchResult, category: str, share: float,
                        profile: Food | None = None) -> MatchResult:
        """``result`` answered at the category level by ``category``'s profile (or ``profile``, one made of the
        label's nearest entries of it); ``share``: the category's share of the votes."""
        profile = profile or self.kb.foods[self._profiles[category]]
        runners = [Candidate(result.food, result.score)] + result.candidates[: self.top_k - 1] if result.food else []
        return replace(result, food=profile, score=round(share, 4), candidates=runners, level="category",
                       confidence=calibrated("category", share))

    def _dish_of_its_foods(self, query: Query, named: tuple[str, ...], lexical: list[Scored]) -> str | list[Scored]:
        """For a dish made mostly of the foods it names ("kale salad", "green papaya salad") that no dish entry makes
        with those foods: the category named after the dish and one of its foods ("fruit salad": 'Other fruits and
        fruit salads'), else the voters named after its foods (kale entries: 'Other dark green vegetables'), not the
        many salads of other foods ('Seafood mixed dishes'). A dish whose words besides the dish name no food ("garden
        salad", "tossed salad") is made of the food :data:`DISHES_OF_THEIR_FOODS` gives it ('Lettuce and lettuce
        salads'). A dish named by a word the knowledge base does not know ("chef salad", "waldorf salad": a person,
        place or style) is placed by the dishes likewise named by no food ('Cobb salad', 'Greek Salad'), not by the
        many salads of other foods. Empty when the label names nothing besides the dish, such a word stands beside a
        food the data knows ("waldorf chicken salad"), or a dish entry's name (its first segment) carries one of its
        foods ("ground pork salad": 'Ham or pork salad' places it)."""
        others = [w for w in named if w != query.head]
        if not others:
            return []
        if not all(self.index.knows(w) for w in others):
            if any(w in self._generic_food_heads for w in others):  # "waldorf chicken salad" holds chicken
                return []
            return self._named_by_no_food(query.head, lexical)
        # words the data knows that name no food ("garden", "house", "tossed") say which salad, not what it is made of
        foods = [w for w in others if w in self._generic_food_heads] or [DISHES_OF_THEIR_FOODS[query.head]]
        for category in sorted(self._profiles):  # a part of its name is that dish ('fruit salads', not 'Salad dressings')
            for part in re.split(r",| and ", category):
                words = description_tokens(part)
                # a food negated in the name is not the dish's ('Coleslaw, non-lettuce salads')
                affirmed = frozenset(w for w, before in zip(words, ("",) + words) if before != "non")
                if head_word(words) == query.head and any(has_word(affirmed, w) for w in foods):
                    return category
        texts = self.index.texts
        if any(texts[s.index].is_dish and any(has_word(frozenset(texts[s.index].primary), w) for w in foods)
               for s in lexical if s.head > 0):
            return []
        # entries whose own name is the food ('Kale, raw'), else that name it as a kind ('Lettuce, arugula, raw'), not
        # as what they are made from ('Oil, vegetable')
        return [s for s in lexical if s.head == 0 and any(w in texts[s.index].heads for w in foods)] or \
            [s for s in lexical if s.head == 0 and any(w in texts[s.index].later_heads for w in foods)]

    def _named_by_no_food(self, dish: str, lexical: list[Scored]) -> list[Scored]:
        """Voters that are the dish ``dish`` named by no food: dish entries whose own name (its first segment) holds
        the dish word and no food of the knowledge base besides it ('Cobb salad, no dressing', 'Greek Salad', not
        'Shrimp salad' nor 'Cabbage salad, NFS')."""
        texts = self.index.texts
        return [s for s in lexical if s.head == 1.0 and self._is_dish(s.index)
                and not (frozenset(texts[s.index].primary) - {dish}) & self._generic_food_heads]

    def _shares_a_food(self, query: Query, index: int) -> bool:
        """The entry carries a word of the label besides those that only join the words of a name ("con" of 'Coffee,
        cafe con leche' for "pan con tomate": :meth:`FoodIndex.joins_only`) and that no entry names as its food."""
        words = self.index.texts[index].words
        return any(has_word(words, w) for w in query.content
                   if w in self._generic_foods or not self.index.joins_only(w))

    def _flavours(self, index: int, food: str) -> bool:
        """The entry's own name holds ``food`` as what flavours or fills another food ('Garlic bread', 'Roll, garlic'),
        not as the entry's own food ('Garlic, raw') nor as a food served with it ('Shrimp in garlic sauce')."""
        text = self.index.texts[index]
        return food not in text.heads and (has_word(self._own_name(index), food) or food in text.later_heads)

    def _own_name(self, index: int) -> frozenset[str]:
        """Words of an entry's own name, before the foods it joins ('Macaroni or pasta salad with chicken' -> macaroni,
        salad), with their alternative spellings."""
        words = split_joined(self.index.texts[index].primary)[0]
        return frozenset(words) | {w for word in words for alt in WORD_ALTERNATIVES.get(word, ()) for w in alt}

    def _result(self, label: str, ranked: list[Scored], chosen_by: str) -> MatchResult:
        best = ranked[0]
        seen = {self.kb.foods[best.index].description.lower()}
        runners: list[Scored] = []
        for scored in ranked[1:]:
            key = self.kb.foods[scored.index].description.lower()
            if key not in seen:
                seen.add(key)
                runners.append(scored)
            if len(runners) == self.top_k:
                break
        rival = max(runners, key=lambda s: s.score) if runners else None
        raw = confidence(best, rival)
        return MatchResult(
            label, self.kb.foods[best.index], round(best.score, 4), calibrated("entry", raw),
            [Candidate(self.kb.foods[s.index], round(s.score, 4)) for s in runners], chosen_by,
            ranking_confidence=raw, coverage=best.coverage, head=best.head,
        )


def _foods_of_their_own(texts: Iterable[FoodText]) -> frozenset[str]:
    """The head words of ``texts``' own names that name a food of their own: a name is the word alone ('Tahini'), or
    the word heads names led by other words ('Pumpkin flowers', 'Sesbania flower'). A word that heads only one
    compound, always after the same words ('Pad Thai', 'Drumstick leaves', 'Orange Blossom'), is that compound's
    word, no food elsewhere: "thai basil" is a basil, "cowpea leaves" the cowpea's leaves."""
    leads: dict[str, set[tuple[str, ...]]] = {}  # head -> the content words before it in each name
    for text in texts:
        own = split_joined(text.primary)[0]
        for head in text.heads:
            leads.setdefault(head, set()).add(content_words(own[:own.index(head)]) if head in own else ())
    return frozenset(head for head, before in leads.items() if () in before or len(before) > 1)


def _without_manner_words(label: str) -> str | None:
    """The label without the Italian words that serve a food in the manner of what follows (:data:`IN_THE_MANNER_WORDS`:
    "pollo alla cacciatora" -> "pollo cacciatora"), when one stands between two words; else None."""
    words = tokens(label)
    if not any(w in IN_THE_MANNER_WORDS for w in words[1:-1]):
        return None
    return " ".join(w for w in words if w not in IN_THE_MANNER_WORDS)


def _as_glossed(result: MatchResult, label: str, reading: str) -> MatchResult:
    """The answer to ``reading`` as the answer to ``label``, its confidence on the glossed answers' curve."""
    if result.food is None:
        return replace(result, label=label, gloss=reading)
    raw = result.score if result.level == "category" else result.ranking_confidence
    return replace(result, label=label, gloss=reading,
                   confidence=calibrated(result.level, raw, glossed=True, stand_in=result.stand_in))


def _standing_in(result: MatchResult, raw: float, **changes) -> MatchResult:
    """``result`` with ``changes``, as a stand-in for the label's food at the preparation level: its confidence on the
    stand-ins' curve (glossed or not), from ``raw``, the ranking confidence the answer rests on."""
    answer = replace(result, level="preparation", stand_in=True, **changes)
    return replace(answer, confidence=calibrated("preparation", raw, glossed=answer.gloss is not None, stand_in=True))


def _make_up_distance(first: np.ndarray | None, second: np.ndarray | None) -> float:
    """Distance between two foods' make-up (:meth:`FoodMatcher._make_up`): Euclidean, in g per 100 g; infinite
    where either has none."""
    return math.inf if first is None or second is None else float(np.linalg.norm(first - second))


def _joined_foods(result: MatchResult) -> tuple[str, str] | None:
    """For a label answered at the category level that joins two foods with "and" as written ("steak and eggs",
    "bangers and mash", read as "pork sausage with mashed potato"): the text (the label, or its reading) before its
    joining word and after it. None when the answer is trusted, or the label as written (no synonym applied) joins
    nothing ("coq au vin" read as "chicken stew with wine" is a stew cooked with some wine, no plate of both), or it
    joins more than two foods, or fills a dish with them ("ham and cheese sandwich": :func:`split_joined`)."""
    if result.level != "category" or split_joined(description_tokens(result.label))[1][:1] != ("and",):
        return None
    own, joined = split_joined(tokens(result.gloss or result.label))
    if joined[:1] not in (("and",), ("with",)) or any(w in JOINING_WORDS for w in joined[1:]) \
            or not content_words(own) or not content_words(joined[1:]):
        return None
    return " ".join(own), " ".join(joined[1:])


def _names_of(primary: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The content words of an entry's own name, once for each alternative its first word has ('Chicken or turkey
    parmigiana' -> chicken parmigiana, turkey parmigiana)."""
    if len(primary) > 3 and primary[1] == "or":
        return _names_of(primary[:1] + primary[3:]) + _names_of(primary[2:])
    return [content_words(split_joined(primary)[0])]


def _may_give_way(own: MatchResult) -> bool:
    """The label's own match may give way to the glossary's reading of the label (so the reading is worth matching):
    it does not name the label's food itself (:func:`_names_itself`), or names it only in other words than the
    label's: its entry's own name holds the label's food only as a modifier of another food ('Yuca fries', 'Nutella
    sandwich on white bread', 'Champagne punch': head match :data:`MODIFIER_HEAD`), or a word of the label as written
    is in its name only through a synonym or an alias in parentheses ("fresh spring rolls": 'Egg rolls, vegetable';
    "poke": 'Pokeberry shoots, (poke), raw'). "Bitter melon" keeps 'Bitter melon, cooked' without a second look."""
    return not _names_itself(own) or own.head == MODIFIER_HEAD or not _carries_as_written(own)


def _reading_wins(own: MatchResult, reading: MatchResult) -> bool:
    """The glossary's reading of a label answers it rather than the label's own match: the own match does not name
    the label's food itself, or names it only in other words (:func:`_may_give_way`) while the reading's answer,
    another entry, names its food itself."""
    if not _names_itself(own):
        return True
    return _may_give_way(own) and _names_itself(reading) and reading.food.description != own.food.description


def _carries_as_written(result: MatchResult) -> bool:
    """Every content word of the label as written (spelling synonyms only) is in the entry's name outside its
    parentheses ('Pokeberry shoots, (poke), raw' carries "poke" only in an alias)."""
    name = frozenset(description_tokens(re.sub(r"\([^)]*\)", " ", result.food.description)))
    return all(has_word(name, w) for w in content_words(description_tokens(result.label)))


def _serves_in(label: str) -> bool:
    """The label serves its food with or in what follows (:data:`SERVED_WITH_WORDS`: "tofu in black bean sauce")."""
    joined = split_joined(description_tokens(label))[1]
    return bool(joined[1:]) and joined[0] in SERVED_WITH_WORDS


def _is_sauce(result: MatchResult) -> bool:
    """The answer is a sauce (:data:`SAUCE_CATEGORIES`): 'Vodka sauce with tomatoes and cream', not 'Vodka'."""
    return result.food is not None and bool(SAUCE_CATEGORIES.search(result.food.category))


def _names_itself(result: MatchResult) -> bool:
    """The knowledge base names the label's food itself: a trusted entry, or a recipe profile (named after its dish:
    pipeline/nutrition/recipes.py), that carries every word of the label."""
    return result.level in ("entry", "recipe") and result.ranking_confidence >= BACKOFF_BELOW \
        and result.coverage >= FULL_COVERAGE
