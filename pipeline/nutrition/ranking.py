"""Food-aware ranking of retrieved FDC candidates, and the confidence of the choice.

A candidate's score adds up, in plain terms:
- how alike the texts are (MiniLM cosine) and how many of the label's words it carries (idf-weighted);
- whether it names the label's head food in its own name ("chicken breast" -> Chicken, ...);
- cooking state: the same state as the label wins (a sauteed or stir-fried food: an entry cooked with fat added
  too), a conflicting one loses; with no state, foods
  normally eaten cooked (rice, pasta, meat, beans) prefer cooked entries and others avoid fried ones, and a label
  naming a way of cooking without fat ("grilled tofu") avoids them as much ('Tofu, fried');
- processed forms the label does not ask for (dried, juice, powder, canned, baby food) lose;
- composite dishes lose unless the label names a dish; restaurant brands lose; extra words lose a
  little (the generic entry wins); entries missing fibre, sugars or sodium lose a little;
- plain plate foods: with no fat word in the label, entries that add cooking fat (said, or inherited from
  an identical FNDDS sibling) lose, and leaner entries of cookable foods gain a little (weighed plates
  list their oil as an item); mixtures ("Peas and carrots"), foods served with others (", with sauce"),
  other kinds ("Bread, cheese") and flavours of other products ("Doughnut, chocolate") lose; the leanness
  prior spares meats' generic entries ("Beef, steak, NFS"), whose fat is the cut's, not cooking fat;
- sweet or dessert variants ("Walnuts, honey roasted", "Dessert pizza") lose unless the label names a sweet;
  composites whose later segments join other foods ("Sausage, egg and cheese breakfast biscuit") lose;
  "canned" is no other form for a product label ("tomato sauce") that the entry names;
- a dish that FNDDS writes with the class of the label's meat ('Soup, pho, with meat' for "beef pho") carries that
  word, a little behind a dish that names the meat itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.nutrition.retrieval import FoodIndex, FoodText
from pipeline.nutrition.text import (
    ALCOHOL_WORDS, COATING_WORDS, COOKED_BY_DEFAULT, COOKING_GROUPS, DEFAULT_QUALIFIERS, DISH_CLASS_WORDS, DISH_WORDS,
    FAT_COOKED, FAT_WORDS, FORM_WORDS, FRIED_BY_NATURE, LEAN_WORDS, PACKAGING_WORDS, SWEET_VARIANT_WORDS, VEHICLE_WORDS, PART_WORDS, WORD_ALTERNATIVES,
    content_words, cooking_groups, has_word, head_word, split_joined, tokens,
)

#: Score lost per g of fat (per 100 g) up to the cap, for labels that ask for no fat: a prior for plain foods.
FAT_PRIOR_PER_G, FAT_PRIOR_CAP_G = 0.008, 20.0
#: Score lost per g of fat (per 100 g) when the label asks for a lean food.
LEAN_PER_G = 0.03
#: Score lost by a sweet or dessert variant of a food the label names plainly ("Walnuts, honey roasted").
SWEET_VARIANT_PENALTY = 0.3
#: Score lost per label word a dish entry carries only by its class ("beef" by 'with meat'): the named food is likelier.
CLASS_ONLY_PENALTY = 0.1
#: Share of a label's lexical matches that are sweets above which the label names a sweet food itself.
SWEET_LABEL_SHARE = 0.3

#: Score lost by an entry cooked in fat (fried, sauteed) for a label that names no way of cooking in fat.
UNASKED_FAT_COOKING = 0.45

#: Cooking that turns food in a little fat ("sauteed", "stir-fried"): FNDDS writes it as fat added in cooking
#: ('Broccoli, fresh, cooked with oil', 'Kale, fresh, cooked, fat added').
PAN_COOKING = frozenset({"sauteed"})

#: Cooking groups that name one way of cooking (not only "cooked" or "raw"): two of them differ in what the food is.
CONCRETE_COOKING = frozenset({"moist", "dry", "fried", "sauteed", "scrambled", "mashed"})


@dataclass(frozen=True)
class Query:
    """A parsed label."""

    label: str
    words: tuple[str, ...]
    content: tuple[str, ...]
    head: str | None
    cooking: frozenset[str]
    forms: frozenset[str]
    is_dish: bool
    joined: tuple[str, ...] = ()  # other foods the label joins to its own ("oil and vinegar" -> vinegar)
    cuts: tuple[str, ...] = ()  # cut words read out of the label as no entry's ("tuna steak" -> steak): not generic

    @classmethod
    def parse(cls, label: str) -> "Query":
        words = tokens(label)
        # a label made only of words that are filler in descriptions ("salt", "plain") still names them
        content = content_words(words) or tuple(w for w in words if w not in COOKING_GROUPS and not w.isdigit())
        # the word before a coating word that precedes the food says what the coating is made of ("beer battered
        # cod", "panko breaded shrimp"): no entry need name it ('Fish, cod, fried' is the battered cod); in "shrimp
        # tempura" the word before the coating is the food
        coating_of = {words[i - 1] for i, w in enumerate(words[:-1]) if i and w in COATING_WORDS}
        content = tuple(w for w in content if w not in coating_of) or content
        cooking = cooking_groups(words) | ({"fried"} if FRIED_BY_NATURE & set(words) else frozenset())
        return cls(label, words, content, head_word(words) or (content[-1] if content else None), cooking,
                   frozenset(w for w in words if w in FORM_WORDS), bool(DISH_WORDS & set(words)),
                   content_words(split_joined(words)[1]))


@dataclass(frozen=True)
class Scored:
    """One candidate's score and the parts it is made of (for explanations and confidence)."""

    index: int
    score: float
    cosine: float
    coverage: float
    head: float


def coverage(query: Query, food: FoodText, index: FoodIndex) -> float:
    """Share of the label's content words (weighted by idf) that the description carries."""
    total = sum(index.word_idf(w) for w in query.content)
    if total == 0:
        return 0.0
    return sum(index.word_idf(w) for w in query.content if _carries(food, w)) / total


def _carries(food: FoodText, word: str) -> bool:
    """The description carries the label's ``word``; any coating ("Fish, cod, fried": crumbs) is the coating asked for,
    and a dish made with a class of foods ('Soup, pho, with meat') the one of them the label names ("beef pho")."""
    return has_word(food.words, word) or (word in COATING_WORDS and food.coated) or _carried_by_class(food, word)


def _carried_by_class(food: FoodText, word: str) -> bool:
    """A dish entry names the class of the label's ``word`` (:data:`DISH_CLASS_WORDS`), not the word itself."""
    return (food.is_dish or food.dish_category) and not has_word(food.words, word) and any(
        word in kinds and cls in food.words for cls, kinds in DISH_CLASS_WORDS.items())


def _names_a_class_asked(query: Query, food: FoodText, word: str) -> bool:
    """``word`` is the class a dish entry writes for one of the label's words (:data:`DISH_CLASS_WORDS`): 'Lo mein,
    meatless' for "vegetable lo mein" asks for no other form of the dish."""
    return (food.is_dish or food.dish_category) and any(w in DISH_CLASS_WORDS.get(word, ()) for w in query.words)


def head_match(query: Query, food: FoodText) -> float:
    """How squarely the description is about the label's head food.

    1: its own name's head ("Broccoli, raw"); 0.7: the named kind after a class word ("Fish, salmon"), or the
    label's alternative words as the name ("Summer squash" for "zucchini"), or a sweet the label names that names its
    candy ('Chocolate candy' for "chocolate": the sweet itself); 0.5: a modifier of its name ("Spaghetti squash");
    0.4: elsewhere, or a flavour of another product ("Doughnut, chocolate", "Bread, zucchini"); 0: absent, or only what
    the entry is served on ('Hamburger, on white bun' for "bun").
    """
    head = query.head
    if head is None:
        return 0.0
    alternatives = WORD_ALTERNATIVES.get(head, ())
    primary = frozenset(food.primary)
    if head in food.heads or any(all(w in food.heads for w in alt) for alt in alternatives) \
            or _named_before_its_product(query, food):
        return 1.0
    if head in food.later_heads or any(all(w in food.later_heads for w in alt) for alt in alternatives):
        return 0.4 if _carriers(query, food) and not food.heads & set(query.words) else 0.7
    if any(all(w in primary for w in alt) and food.heads & set(alt) for alt in alternatives):
        return 0.7
    if has_word(primary, head):
        return 0.7 if head in SWEET_VARIANT_WORDS and food.heads == CONFECTION_HEADS else 0.5
    if head in food.served_on:  # "hamburger bun": 'Hamburger, on white bun' is the hamburger, served on one
        return 0.0
    return 0.4 if has_word(food.words, head) else 0.0


#: The heads of the entries that are a sweet itself ('Candies, milk chocolate', 'Chocolate candy', 'Candy, caramel').
CONFECTION_HEADS = frozenset({"candy"})


def _carriers(query: Query, food: FoodText) -> frozenset[str]:
    """The heads of the entry that carry the label's food as a flavour ('Doughnut, chocolate', 'Bread, zucchini'):
    :data:`VEHICLE_WORDS`, and for a sweet the label names (one of :data:`SWEET_VARIANT_WORDS`: "chocolate", "caramel")
    every product but a confection, which is that sweet ('Cereal, other, chocolate' carries it, 'Candies, milk
    chocolate' is it)."""
    if query.head in SWEET_VARIANT_WORDS:
        return food.heads - CONFECTION_HEADS
    return food.heads & VEHICLE_WORDS


#: Products FDC names after the flavour a label calls them by ("honey mustard": 'Honey mustard dressing').
CONDIMENT_NOUNS = frozenset({"dressing", "dip", "sauce", "spread"})


def _named_before_its_product(query: Query, food: FoodText) -> bool:
    """The entry's own name is the label's two or more words and a condiment noun after them ('Honey mustard dip'
    for "honey mustard"): the label calls the condiment by its flavour. Not a label naming a dish ("chicken salad" is
    no 'Chicken salad spread')."""
    return len(query.content) >= 2 and query.head not in DISH_WORDS and bool(food.primary) \
        and food.primary[-1] in CONDIMENT_NOUNS and content_words(food.primary[:-1]) == query.content


def _cooking_term(query: Query, food: FoodText, eaten_cooked: bool = False) -> float:
    asked = query.cooking - {"cooked"}
    if "raw" in query.cooking:
        return 0.2 if "raw" in food.cooking else -0.25
    if asked:
        if asked & food.cooking or (asked & PAN_COOKING and food.added_fat == 1
                                    and not food.cooking & CONCRETE_COOKING):
            return 0.2
        if food.cooking & FAT_COOKED and not asked & FAT_COOKED:
            return -UNASKED_FAT_COOKING
        if food.cooking & CONCRETE_COOKING:
            return -0.2
        if "raw" in food.cooking:
            return -0.3
        return 0.05 if "cooked" in food.cooking else -0.05
    if "cooked" in query.cooking:
        return -0.3 if "raw" in food.cooking else (0.1 if food.cooking else 0.0)
    if query.head in COOKED_BY_DEFAULT or eaten_cooked:
        if "raw" in food.cooking or "dry" in food.forms:
            return -0.3
        if food.cooking & FAT_COOKED:
            return -0.25
        return 0.1 if food.cooking else 0.0
    if food.cooking & FAT_COOKED:  # frying fat nobody mentioned
        return -UNASKED_FAT_COOKING
    if "raw" in food.cooking:
        return 0.05
    return -0.05 if food.cooking & CONCRETE_COOKING else 0.0


def score_candidate(query: Query, i: int, cosine: float, index: FoodIndex) -> Scored:
    food = index.texts[i]
    asked = set(query.words)
    cover = coverage(query, food, index)
    head = head_match(query, food)
    score = 0.9 * cosine + 0.8 * cover + 0.5 * head - (0.4 if query.head and head == 0 else 0.0)
    if head == 0.5:  # the label's food only qualifies the entry's own ("Tofu yogurt", "Pizza rolls")
        score -= 0.15
    score += _cooking_term(query, food, bool(query.head) and index.eaten_cooked(query.head))
    # a label that names a processed product ("tomato sauce", "chicken broth") is sold canned: not another form
    is_product = query.head in FORM_WORDS and query.head in food.heads | food.later_heads
    packaged = PACKAGING_WORDS if is_product else frozenset()
    score -= min(1.2, sum(FORM_WORDS[w] for w in food.forms - asked - packaged
                          if not _is_asked(query, w) and not _names_a_class_asked(query, food, w)))
    score -= sum(min(0.5, FORM_WORDS[w]) for w in query.forms if not _carries(food, w))
    extra = [w for w in food.content if w not in asked and w not in FORM_WORDS and not _is_asked(query, w)]
    # a dish that names only the class of the label's meat ('Burrito, meat' for "beef burrito") yields to one naming it
    score -= CLASS_ONLY_PENALTY * sum(_carried_by_class(food, w) for w in query.content)
    score -= min(0.3, 0.04 * len(extra))
    # a qualifier of the description's own name that the label lacks: another variety ("Goat milk")
    usual = DEFAULT_QUALIFIERS.get(query.head or "", frozenset())
    qualifiers = [w for w in food.qualifiers if w not in asked and w not in usual and not _is_asked(query, w)]
    score -= 0.15 * min(3, len(qualifiers))
    # a kind named after the label's own food ("Bread, cheese" for "bread") is a narrower food, or another one
    if query.head in food.heads:
        kinds = [w for w in food.later_heads - PART_WORDS if w not in asked and w not in usual and not _is_asked(query, w)]
        score -= 0.1 * min(2, len(kinds))
    # a cut or part the label did not name is a narrower food ("Chicken wing" for "chicken")
    score -= 0.08 * len([w for w in food.words & PART_WORDS if w not in asked])
    # the description's own food is a processed form the label did not ask for ("Fat, chicken")
    score -= sum(max(0.0, 0.6 - FORM_WORDS[w]) for w in set(food.primary) & set(FORM_WORDS) if w not in asked)
    # a composite dish the label did not name ("Broccoli casserole", "Chicken curry"), unless the dish word
    # only qualifies another food ("Salad dressing", "Beef, sandwich steak")
    # ("with" only in the name itself: "Pasta with sauce", not "Tofu, prepared with nigari")
    # (nor when the label names what the name joins to its food: "macaroni and cheese" / 'Macaroni or noodles with
    # cheese', "seafood paella" / 'Paella with seafood')
    dish_words = [w for w in DISH_WORDS & food.words if w not in asked
                  and (w in food.primary and not _names_what_it_is_with(query, food) if w == "with"
                       else w not in food.qualifiers)]
    if dish_words:
        score -= 0.25
    elif food.dish_category and len(query.words) == 1:
        score -= 0.15
    score -= _sweet_variant_term(query, food, index)
    score += _added_fat_term(query, food)
    # served with a food the label does not name ("Meatballs, ..., with sauce", "Yogurt, with fruit")
    if any(w not in asked and not _is_asked(query, w) for w in food.served_with):
        score -= 0.12
    # a mixture named in the entry's own name ("Peas and carrots") when the label names one food
    if "and" in food.primary and any(w not in asked and not _is_asked(query, w) for w in content_words(food.primary)):
        score -= 0.15
    # a composite whose other foods a later segment joins to the name ("Sausage, egg and cheese breakfast biscuit")
    if any(w not in asked and not _is_asked(query, w) for w in food.mixed_with):
        score -= 0.25
    # FNDDS "not further specified", SR "mixed species": made for labels as generic as ours; a label naming a cut
    # ("tuna steak") is not one ('Fish, tuna, NFS' is FNDDS's canned tuna)
    generic = "nfs" in food.words or "ns" in food.words or {"mixed", "species"} <= food.words
    if generic and not query.cuts and (food.added_fat != 1 or _fat_of_its_method(query, food)):
        score += 0.1
    elif food.words & {"plain", "regular"}:
        score += 0.04
    if food.is_brand:
        score -= 0.3
    if food.is_alcoholic and not (ALCOHOL_WORDS & asked):
        score -= 0.5
    if food.is_baby and "baby" not in asked and "infant" not in asked:
        score -= 1.0
    score -= 0.03 * food.missing
    return Scored(i, score, cosine, cover, head)


def _names_what_it_is_with(query: Query, food: FoodText) -> bool:
    """The label names the entry's own food and every food its name joins to it with "with" ('Paella with seafood'
    for "seafood paella"; 'Macaroni or noodles with cheese', an alternative aside, for "mac and cheese"): it names
    that dish, not a plain food the entry serves with others ("pasta" / 'Pasta with sauce')."""
    own, joined = split_joined(food.primary)
    named = content_words(own) + content_words(joined[1:])
    return joined[:1] == ("with",) and len(joined) > 1 and query.head in food.heads \
        and all(w in query.words or _is_asked(query, w) for w in named)


def _added_fat_term(query: Query, food: FoodText) -> float:
    """Cooking fat nobody named: weighed plates list their oil and butter as items of their own.

    An entry that says (or, as FNDDS 'NS as to form, cooked' and 'NS as to fat' do, defaults to) fat added
    loses; one that says 'no added fat' gains a little. Labels that ask for fat ("fried", "buttered") are exempt.
    """
    if LEAN_WORDS & set(query.words):  # "lean ground beef": the leaner entry of the food, fat counted in full
        return -LEAN_PER_G * food.fat_g
    if FAT_WORDS & set(query.words) or query.cooking & FAT_COOKED:
        return 0.0
    # and, whatever the text says, a leaner entry is likelier the plain food (capped: butter vs butter is even);
    # but a meat's generic entry carries the usual cut's own fat, so leanness must not pick another cut over it
    generic_meat = food.is_meat and bool({"nfs", "ns"} & food.words)
    prior = FAT_PRIOR_PER_G * min(food.fat_g, FAT_PRIOR_CAP_G) if food.cookable and not generic_meat else 0.0
    if _fat_of_its_method(query, food):
        return -prior  # "roast potatoes": the data roasts them only in fat ('Potato, roasted, NFS'), as the label does
    return {1: -0.55, -1: 0.08}.get(food.added_fat, 0.0) - prior


def _fat_of_its_method(query: Query, food: FoodText) -> bool:
    """The entry's cooking fat is unsaid (its energy or a twin's words tell it) and the label names the cooking method
    the entry's own words say ('roast' / 'Potato, roasted, NFS'), not only its group: that fat is the method's."""
    methods = [w for w in query.words if COOKING_GROUPS.get(w) not in (None, "raw", "cooked")]
    return food.fat_unsaid and any(
        w in food.words or f"{w}ed" in food.words or w.removesuffix("ed") in food.words for w in methods)


def _sweet_variant_term(query: Query, food: FoodText, index: FoodIndex) -> float:
    """A sweet or dessert variant ("Walnuts, honey roasted", "Dessert pizza") of a food the label names plainly.

    Applies when the label names no sweet word and most entries that carry all its words are not sweets
    (so "cake" or "ice cream" may still pick "Cake, chocolate"); the entry either says a sweet word the
    label lacks or sits in a sweets category.
    """
    asked = set(query.words)
    if asked & SWEET_VARIANT_WORDS or index.sweet_share(query.content) >= SWEET_LABEL_SHARE:
        return 0.0
    unasked = [w for w in food.words & SWEET_VARIANT_WORDS if not _is_asked(query, w)]
    return SWEET_VARIANT_PENALTY if unasked or food.is_sweet else 0.0


def _is_asked(query: Query, word: str) -> bool:
    """``word`` stands for one of the label's words (an alternative spelling)."""
    return any(word in alt for w in query.words for alt in WORD_ALTERNATIVES.get(w, ()))


def confidence(best: Scored, runner_up: Scored | None) -> float:
    """0..1: how sure the choice is.

    Dominated by how much of the label the entry explains (idf-weighted word coverage: an unexplained
    word such as "chickpea" in "chickpea curry" -> "Chicken curry" sinks it), then the head match and
    the text similarity, discounted when the runner-up scores almost the same.
    """
    similarity = min(1.0, max(0.0, (best.cosine - 0.35) / 0.5))
    evidence = best.coverage ** 1.5 * (0.55 + 0.3 * best.head + 0.15 * similarity)
    margin = 1.0 if runner_up is None else min(1.0, max(0.0, best.score - runner_up.score) / 0.15)
    raw = evidence * (0.8 + 0.2 * margin)
    return round(1 / (1 + math.exp(-8 * (raw - 0.5))), 4)


def rank(query: Query, candidates, cosine, index: FoodIndex) -> list[Scored]:
    """Candidates best first (ties broken by shorter description, then index: deterministic)."""
    scored = [score_candidate(query, int(i), float(cosine[i]), index) for i in candidates]
    foods = index.kb.foods
    return sorted(scored, key=lambda s: (-round(s.score, 6), len(foods[s.index].description), s.index))
