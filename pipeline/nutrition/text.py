"""Food-name text: normalisation, plurals, synonyms, and the vocabulary of cooking state and form.

Labels come from a vision model or a person ("grilled chicken breast", "aubergine", "egg whites");
FDC descriptions read "Chicken, breast, meat only, cooked, roasted". Both go through
:func:`tokens` so they meet in one vocabulary (US FDC words, singular).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Regional and everyday names -> the word FDC uses (applied to whole phrases first, then words).
PHRASE_SYNONYMS: dict[str, str] = {
    "green onion": "scallion", "spring onion": "scallion", "salad onion": "scallion",
    "capsicum": "sweet pepper", "garbanzo bean": "chickpea",
    "chips and": "french fries and", "and chips": "and french fries", "potato crisp": "potato chips",
    "crisps": "potato chips", "fries": "french fries", "french french fries": "french fries",
    "jacket potato": "baked potato",
    "mince": "ground beef", "ice lolly": "ice pop", "fizzy drink": "soft drink", "soda pop": "soft drink",
    "porridge": "oatmeal", "sweetcorn": "corn", "corn on the cob": "corn",
    "broad bean": "fava bean", "runner bean": "green bean", "french bean": "green bean",
    "string bean": "green bean", "snap bean": "green bean", "double cream": "heavy cream",
    "single cream": "light cream", "icing sugar": "powdered sugar", "caster sugar": "sugar",
    "plain flour": "all purpose flour", "lemongrass": "lemon grass", "wholemeal": "whole wheat", "wholegrain": "whole grain",
    "biscuit": "cookie", "rashers": "bacon", "mac and cheese": "macaroni and cheese",
    "mac n cheese": "macaroni and cheese",
    "donut": "doughnut", "gummy bear": "gummy candy", "gummi bear": "gummy candy", "gummies": "gummy candy",
    "jello": "gelatin dessert", "jelly dessert": "gelatin dessert", "milkshake": "milk shake",
    "spring roll": "egg roll",
    "skim milk": "nonfat milk", "skimmed milk": "nonfat milk", "semi skimmed milk": "reduced fat milk",
    "2% milk": "reduced fat milk", "1% milk": "low fat milk", "udon": "udon noodle", "ramen noodle": "ramen",
    "mayo": "mayonnaise", "marinara sauce": "spaghetti sauce", "marinara": "spaghetti sauce",
    "grilled cheese": "grilled cheese sandwich", "lasagne": "lasagna", "cornflakes": "corn flakes",
    "snow pea": "snowpea", "snap pea": "snowpea", "sugar snap pea": "snowpea", "mangetout": "snowpea",
    "bolognese": "with meat sauce", "club soda": "carbonated water", "soda": "soft drink",
    "cola": "cola soft drink", "coke": "cola soft drink", "gammon": "ham", "swede": "rutabaga",
    "beetroot": "beet", "chili pepper": "hot pepper", "chilli": "chili", "yoghurt": "yogurt",
    "omelette": "omelet", "prawn": "shrimp", "aubergine": "eggplant", "courgette": "zucchini",
    "coriander leaf": "cilantro", "coriander": "cilantro", "rocket": "arugula", "tin": "canned",
    "dry heat": "dryheat", "moist heat": "moistheat", "dry roasted": "dryroasted", "pan fried": "panfried",
    "deep fried": "deepfried", "stir fried": "stirfried", "stir fry": "stirfried", "tinned": "canned", "mash": "mashed potato",
    "steak fries": "french fries", "french fries": "french fries",
    "french toast": "french toast", "toast": "toasted bread", "buttered": "with butter",
    "chocolate covered": "chocolate coated",
    "baking soda": "baking soda", "bicarbonate of soda": "baking soda",
    "vinaigrette": "vinegar and oil dressing", "meatloaf": "meat loaf",
    "plant based": "vegan", "meat free": "meatless", "dairy free": "nondairy", "non dairy": "nondairy",
    # hot air and a spoon of oil at most: roasting, not frying in oil ('Shrimp, fried' is battered)
    "air fried": "roasted", "air fryer": "roasted",
}
# A label word may appear in FDC as other words, all of which must be present ("scallion" ~ "onions, green").
WORD_ALTERNATIVES: dict[str, tuple[tuple[str, ...], ...]] = {
    "scallion": (("onion", "green"), ("onion", "spring")), "bell": (("sweet",),),
    "zucchini": (("squash", "summer"),),
    "spaghetti": (("pasta",),), "penne": (("pasta",),), "fusilli": (("pasta",),), "linguine": (("pasta",),),
    "fettuccine": (("pasta",),), "rigatoni": (("pasta",),), "farfalle": (("pasta",),), "macaroni": (("pasta",),),
    "cilantro": (("coriander",),), "shrimp": (("prawn",),),
    "steak": (("beef",),), "mince": (("ground",),), "yoghurt": (("yogurt",),), "soda": (("soft", "drink"),),
    "catsup": (("ketchup",),), "burger": (("hamburger",),), "ketchup": (("catsup",),),
    # a patty is its meat ground and shaped ('Beef, ground, patty', 'Lamb, ground, cooked, broiled')
    "patty": (("ground",),),
    # whole-grain products FDC names by the grain ('Bread, whole wheat') or as whole grain ('Pasta, whole grain')
    "wheat": (("whole", "grain"),),
}
# Words that say a food is made without meat (a label's "plant based" and "meat free" read as two of them): FDC
# writes its meat analogues with any of them ('Bacon, meatless', 'Hot dog, vegetarian', 'Veggie burger patty'), a
# label with another ("vegan bacon", "veggie hot dog", "meatless burger").
MEATLESS_WORDS = ("meatless", "vegetarian", "veggie", "vegan")
# Words that say a food is made without milk, as FDC's dairy analogues do ('Non-dairy milk', 'Frozen dessert,
# non-dairy'). A vegetarian cheese is still cheese: "vegan" alone is in both groups.
NONDAIRY_WORDS = ("nondairy", "vegan")


def _alternatives_within(*groups: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each word of ``groups`` -> the other words of its groups, each one an alternative of its own."""
    return {word: tuple((other,) for other in dict.fromkeys(w for g in groups if word in g for w in g) if other != word)
            for group in groups for word in group}


WORD_ALTERNATIVES.update(_alternatives_within(MEATLESS_WORDS, NONDAIRY_WORDS))
# Words that only say how food was cooked (grouped: same group = compatible). Sauteed and stir-fried food is
# turned in a little fat, caramelized food slowly so, fried food cooked in it ('Fried broccoli' is battered, 223 kcal
# per 100 g): two groups.
COOKING_GROUPS: dict[str, str] = {
    "raw": "raw", "uncooked": "raw", "sashimi": "raw", "tartare": "raw", "carpaccio": "raw", "fresh": "raw",
    "cooked": "cooked",
    "boiled": "moist", "steamed": "moist", "poached": "moist", "stewed": "moist", "braised": "moist",
    "simmered": "moist", "blanched": "moist", "moist": "moist", "drained": "moist",
    "grilled": "dry", "broiled": "dry", "roasted": "dry", "roast": "dry", "baked": "dry", "barbecued": "dry",
    "bbq": "dry", "toasted": "dry", "rotisserie": "dry", "charbroiled": "dry", "chargrilled": "dry", "charred": "dry",
    "blistered": "dry", "blackened": "dry",
    "dryheat": "dry", "moistheat": "moist", "dryroasted": "dry", "panfried": "fried", "deepfried": "fried",
    "stirfried": "sauteed", "fry": "fried", "fried": "fried", "deep": "fried", "sauteed": "sauteed", "stir": "sauteed",
    "pan": "fried", "caramelized": "sauteed",
    "scrambled": "scrambled", "mashed": "mashed", "microwaved": "cooked",
}
# Words that name a processed form: a candidate carrying one the label lacks is a different food.
FORM_WORDS: dict[str, float] = {
    "dried": 0.5, "dehydrated": 0.6, "dry": 0.4, "powder": 0.7, "powdered": 0.6, "flour": 0.6,
    "juice": 0.6, "concentrate": 0.6, "frozen": 0.08, "canned": 0.15, "pickled": 0.4, "candied": 0.5,
    "mix": 0.5, "babyfood": 1.2, "baby": 1.0, "infant": 1.2, "formula": 0.8, "toddler": 1.0, "strained": 0.6,
    "junior": 0.6, "instant": 0.3, "syrup": 0.4, "oil": 0.6, "sauce": 0.4, "soup": 0.5, "broth": 0.5,
    "paste": 0.4, "flake": 0.3, "bran": 0.4, "germ": 0.5, "meal": 0.4, "substitute": 0.5, "imitation": 0.5, "mock": 0.5,
    "breaded": 0.2, "coated": 0.15, "battered": 0.2, "stick": 0.3, "chip": 0.5, "cracker": 0.5, "bar": 0.4,
    "drink": 0.15, "beverage": 0.15, "dressing": 0.4, "spread": 0.4, "jam": 0.5, "jelly": 0.4,
    "skin": 0.1, "liver": 0.6, "fat": 0.05, "cured": 0.2, "corned": 0.2,  # corned beef is beef cured in brine
    "salted": 0.05, "sweetened": 0.1,
    "nectar": 0.5, "unprepared": 0.3, "stuffed": 0.3, "filled": 0.2, "tail": 0.4, "chocolate": 0.15,
    "vanilla": 0.05, "strawberry": 0.1, "meatless": 0.7, "vegan": 0.4, "veggie": 0.4, "vegetarian": 0.4,
    "nondairy": 0.4, "light": 0.25, "lite": 0.25, "nonfat": 0.25, "lowfat": 0.2, "ground": 0.25,
    "free": 0.25, "reduced": 0.2, "low": 0.15, "diet": 0.2, "lard": 0.6, "drippings": 0.6, "back": 0.3, "neck": 0.4,
    "feet": 0.6, "foot": 0.6, "gizzard": 0.6, "heart": 0.6,
    "kidney": 0.5, "tongue": 0.5, "tripe": 0.6, "giblet": 0.6, "smoked": 0.25, "fermented": 0.3, "flavored": 0.1,
    "topping": 0.4, "filling": 0.4, "pudding": 0.4,
}
# Packaging of processed products (sauces, soups, juices): a form only for foods also sold fresh.
PACKAGING_WORDS = frozenset({"canned", "bottled", "jarred"})
# Cooking states done in fat by nature (their fat is what the label asks for).
FAT_COOKED = frozenset({"fried", "sauteed"})
# Label words that ask for fat in or on the food: with none, an entry that adds cooking fat is not what was named.
FAT_WORDS = frozenset({
    "fried", "butter", "buttered", "oil", "margarine", "lard", "fat", "cream", "creamed", "creamy", "gravy", "sauce",
    "cheese", "cheesy", "crispy", "battered", "breaded", "coated", "dressing", "restaurant", "takeaway", "takeout",
})
# Products that carry a flavour or an ingredient named after them ("Doughnut, chocolate", "Bread, zucchini"):
# unlike class words ("Fish, salmon", "Cheese, cheddar"), the named kind is not the food itself.
VEHICLE_WORDS = frozenset({
    "bread", "muffin", "doughnut", "cake", "cheesecake", "cookie", "pie", "pasta", "macaroni", "noodle", "soup",
    "yogurt", "gelato", "pudding", "tea", "juice", "sauce", "dressing", "candy", "bar", "chip", "cracker", "roll",
    "bagel", "pancake", "waffle", "smoothie", "icing", "croissant", "fajita", "lasagna", "shake", "pizza", "burrito",
    "taco", "sandwich", "salad", "casserole", "stew", "curry", "omelet", "quiche", "dip", "spread", "topping",
    "sugar", "frosting",
})
# Words of a sweetened or dessert variant of a food ("Walnuts, honey roasted", "Dessert pizza", "Raisins,
# chocolate-covered"): an entry with one the label lacks is a sweet the label did not name.
SWEET_VARIANT_WORDS = frozenset({
    "dessert", "honey", "glazed", "candied", "sugared", "frosted", "caramel", "caramelized", "praline", "toffee",
    "fudge", "covered", "dipped", "sweetened", "syrup", "sugar", "chocolate", "candy",
})
# Label words asking for the leaner entry of a food ("lean ground beef", "extra lean ham").
LEAN_WORDS = frozenset({"lean", "leaner", "skinless"})
# Foods that are fried by nature: their label asks for frying without saying so.
FRIED_BY_NATURE = frozenset({
    "fries", "chip", "doughnut", "tempura", "fritter", "falafel", "churro", "samosa", "pakora", "battered",
})
# Label words that ask for a coating of flour, crumbs or batter: FNDDS writes its coated meat and fish under another
# of them ("Fish, cod, baked or broiled, coated") or none ("Fish, cod, fried": 11.7 g carbohydrate per 100 g).
COATING_WORDS = frozenset({"battered", "breaded", "coated", "crumbed", "tempura"})
# The variety a bare name means ("peas" are green peas): that qualifier of a description is not another food.
DEFAULT_QUALIFIERS: dict[str, frozenset[str]] = {
    "pea": frozenset({"green"}), "pepper": frozenset({"sweet", "bell"}), "cabbage": frozenset({"green"}),
    "onion": frozenset({"yellow", "white"}), "grape": frozenset({"seedless", "red", "green"}),
    "lettuce": frozenset({"romaine", "cos", "leaf", "iceberg"}), "olive": frozenset({"ripe", "black"}),
    "banana": frozenset({"ripe"}), "rice": frozenset({"white"}), "bread": frozenset({"white", "wheat"}),
    "tomato": frozenset({"red", "ripe"}), "yogurt": frozenset({"plain"}),
}
# Words that make a description a composite dish (FNDDS "X with Y", sandwiches, casseroles...).
DISH_WORDS = frozenset({
    "with", "sandwich", "casserole", "salad", "soup", "stew", "pie", "pizza", "burrito", "taco", "roll",
    "wrap", "burger", "sub", "dinner", "entree", "meal", "curry", "stir", "lasagna", "omelet", "quiche",
    "cake", "muffin", "bread", "biscuit", "sushi", "dumpling", "nugget", "patty", "loaf", "croquette", "fritter",
})
# Words of alcoholic drinks: an entry with one the label lacks adds alcohol nobody mentioned.
ALCOHOL_WORDS = frozenset({
    "alcoholic", "vodka", "rum", "gin", "whiskey", "whisky", "tequila", "liqueur", "brandy", "cocktail", "wine",
    "beer",
    "martini", "margarita", "daiquiri", "sangria", "cider", "mimosa", "bourbon", "sake", "ale", "lager", "shot",
})
# Words FNDDS dishes write for a class of foods instead of the one a label names: 'Soup, pho, with meat' and
# 'Ravioli, meat-filled' are made with beef or pork ("beef pho", "pork ravioli"), 'Quiche with meat, poultry or fish'
# with chicken, 'Lo mein, meatless' with vegetables or tofu ("vegetable lo mein", "tofu pad thai"). Only a dish's word
# stands for them: 'Chicken, broilers or fryers, meat only' is no beef.
DISH_CLASS_WORDS: dict[str, frozenset[str]] = {
    "meat": frozenset({"beef", "pork", "lamb", "veal", "mutton", "goat", "venison", "bison"}),
    "poultry": frozenset({"chicken", "turkey", "duck"}),
    # a dish whose vegetables or tofu stand where its meat would: 'Lo mein, meatless', 'Pad Thai, meatless'
    "meatless": frozenset({"vegetable", "tofu"}),
}
# Parts and cuts: "chicken breast" is chicken, "egg whites" is egg.
PART_WORDS = frozenset({
    "breast", "thigh", "wing", "drumstick", "leg", "fillet", "filet", "loin", "tenderloin", "chop",
    "white", "yolk", "rib", "shoulder", "cutlet", "tender", "strip", "slice", "piece", "chunk", "cube",
    "steak", "shank", "rump", "flank", "brisket", "sirloin", "belly", "root", "leaf", "seed", "kernel", "stalk", "stem",
    "blossom", "floret", "clove", "heart", "bowl", "link",
})
# Part words naming a plant's tender core, the plant itself ("artichoke hearts", "celery hearts": 'Artichoke', 'Celery,
# raw'); an animal's heart is an organ of its own make-up (the matcher reads a meat before it as whose).
CORE_WORDS = frozenset({"heart"})
# Words naming the eaten flesh of a food ("tamarind pulp", "jackfruit flesh"): the food itself, as FDC lists it.
FLESH_WORDS = frozenset({"pulp", "flesh"})
# Words that say only how a cook cut or portioned a food ("sliced cucumbers", "shredded lettuce", "watermelon cubes"):
# FDC lists most such foods whole, and the cut changes no nutrient.
CUTTING_WORDS = frozenset({
    "sliced", "shredded", "chopped", "diced", "cubed", "crumbled", "grated", "minced", "shaved", "julienned", "halved",
    "quartered", "slice", "piece", "chunk", "cube", "floret",
})
# Words for a plant's leaves eaten as a vegetable ("turnip tops", "beet leaves"): FDC names such leaves the plant's
# 'greens' ('Turnip greens, raw', 'Beet greens, raw').
LEAF_WORDS = frozenset({"leaf", "top"})
# Words that place a cut on the animal or size a piece ("beef top sirloin", "eye of round", "asparagus tips"): they say
# which part, never which food.
POSITION_WORDS = frozenset({
    "top", "bottom", "eye", "tip", "inside", "outside", "upper", "lower", "center", "middle", "half", "end", "front",
    "hind",
})
# Italian's words that serve a food "in the manner of" what follows ("penne alla vodka", "linguine alle vongole",
# "tagliatelle al ragu"): it names the dish's sauce by its flavour (a vodka sauce, no glass of vodka), and like "style"
# they say nothing about which food it is.
IN_THE_MANNER_WORDS = frozenset({"alla", "alle", "al"})
# Words that say nothing about which food it is (ignored when counting extra words).
NEUTRAL_WORDS = frozenset({
    "and", "or", "of", "the", "a", "an", "as", "to", "in", "on", "for", "from", "ns", "nfs", "type",
    "form", "only", "all", "grade", "include", "includes", "commercial", "commercially", "regular",
    "plain", "ready", "eat", "serve", "ready-to-eat", "enriched", "unenriched", "whole", "without",
    "added", "no", "not", "further", "specified", "meat", "separable", "lean", "trimmed", "fresh", "home",
    "recipe", "made", "style", "prepared", "usda", "lb", "oz", "g", "cut", "variety", "varieties", "year", "round",
    "heat", "method", "drained", "solid", "solids", "salt", "eaten", "eat", "boneless", "skinless", "unsalted",
    "cooked", "raw", "large", "medium", "small", "choice", "select", "prime", "retail", "part", "mature",
}) | IN_THE_MANNER_WORDS
# Foods normally eaten cooked: with no cooking word, a raw or dry entry is the wrong default.
COOKED_BY_DEFAULT = frozenset({
    "rice", "pasta", "spaghetti", "macaroni", "noodle", "quinoa", "couscous", "barley", "bulgur", "oatmeal",
    "lentil", "bean", "chickpea", "pea", "chicken", "beef", "pork", "lamb", "veal", "turkey", "duck",
    "bacon", "sausage", "ham", "steak", "fish", "salmon", "cod", "tuna", "tilapia", "haddock", "trout",
    "shrimp", "crab", "lobster", "scallop", "egg", "potato", "yam", "meatball", "millet",
    "buckwheat", "farro", "polenta", "grits", "mussel", "penne", "fusilli", "linguine", "fettuccine", "clam",
    "oyster", "squid", "octopus",
})
_PLURAL_EXCEPTIONS = {
    "asparagus": "asparagus", "hummus": "hummus", "couscous": "couscous", "molasses": "molasses",
    "swiss": "swiss", "grits": "grits", "brussels": "brussels", "lentils": "lentil", "fries": "fries",
    "cheeses": "cheese", "tomatoes": "tomato", "potatoes": "potato", "mangoes": "mango", "leaves": "leaf",
    "loaves": "loaf", "halves": "half", "knives": "knife", "dishes": "dish", "radishes": "radish",
    "peaches": "peach", "sandwiches": "sandwich", "squashes": "squash", "greens": "green", "oats": "oat",
    "chips": "chip", "citrus": "citrus", "octopus": "octopus", "bass": "bass", "cress": "cress",
    "glass": "glass", "lemongrass": "lemongrass", "anchovies": "anchovy", "cherries": "cherry",
    "berries": "berry", "nachos": "nacho", "tacos": "taco", "series": "series", "species": "species",
    "rice": "rice", "bratwurst": "bratwurst", "asparagus,": "asparagus", "gas": "gas",
}


def _synonym_pattern(phrases: dict[str, str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<= )(" + alternatives + r")(?:s|es)?(?= )")


#: Meats sold minced: "pork mince" and "minced lamb" are that meat ground, as FDC writes it ('Pork, ground'); the
#: bare "mince" is beef's (the British word), and "minced" of any other food is a cut ("minced garlic").
GROUND_MEATS = ("beef", "pork", "lamb", "mutton", "veal", "goat", "chicken", "turkey")
PHRASE_SYNONYMS |= {phrase.format(meat): f"ground {meat}"
                    for meat in GROUND_MEATS for phrase in ("{} mince", "minced {}")}

_SYNONYM_PATTERN = _synonym_pattern(PHRASE_SYNONYMS)
# FDC descriptions already use FDC's words: a regional name in one means what FDC means ("Biscuits" are US
# biscuits, "Spices, coriander seed" is the spice, "Pie, mince" is mincemeat). They get only the spelling
# synonyms, which join or split the same letters ("dry heat" -> "dryheat", "meatloaf" -> "meat loaf").
SPELLING_SYNONYMS = {k: v for k, v in PHRASE_SYNONYMS.items() if k.replace(" ", "") == v.replace(" ", "")}
_SPELLING_PATTERN = _synonym_pattern(SPELLING_SYNONYMS)


def singular(word: str) -> str:
    """English singular of a food word ('berries' -> 'berry', 'tomatoes' -> 'tomato')."""
    if word in _PLURAL_EXCEPTIONS:
        return _PLURAL_EXCEPTIONS[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses", "oes")):
        return word[:-2]
    return word[:-1]


def ascii_folded(text: str) -> str:
    """Lower case without accents: 'Crêpe' -> 'crepe', 'jalapeño' -> 'jalapeno'."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def normalise(text: str, *, regional: bool = True) -> str:
    """Lower case, ASCII letters/digits, single spaces, with synonyms mapped to FDC words.

    ``regional=False`` (FDC descriptions) applies only the spelling synonyms.
    """
    text = re.sub(r"[^a-z0-9%]+", " ", ascii_folded(text).replace("&", " and ")).strip()
    pattern, synonyms = (_SYNONYM_PATTERN, PHRASE_SYNONYMS) if regional else (_SPELLING_PATTERN, SPELLING_SYNONYMS)
    return pattern.sub(lambda match: synonyms[match.group(1)], f" {text} ").strip()


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Normalised singular word tokens of a label ``text`` (every synonym applied)."""
    return tuple(singular(word) for word in normalise(text).split())


@lru_cache(maxsize=65536)
def description_tokens(text: str) -> tuple[str, ...]:
    """Normalised singular word tokens of an FDC description (spelling synonyms only)."""
    return tuple(singular(word) for word in normalise(text, regional=False).split())


def has_word(words: frozenset[str], word: str) -> bool:
    """``word`` or one of its :data:`WORD_ALTERNATIVES` is in ``words``."""
    return word in words or any(all(w in words for w in alt) for alt in WORD_ALTERNATIVES.get(word, ()))


@lru_cache(maxsize=65536)
def cooking_groups(words: tuple[str, ...]) -> frozenset[str]:
    """Cooking-state groups named in ``words`` ('grilled' -> {'dry'})."""
    return frozenset(COOKING_GROUPS[word] for word in words if word in COOKING_GROUPS)


@lru_cache(maxsize=65536)
def content_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words that name the food itself: not cooking state, not neutral filler."""
    return tuple(w for w in words if w not in COOKING_GROUPS and w not in NEUTRAL_WORDS and not w.isdigit())


#: Words that serve a food in or with what follows ("pasta with pesto", "gnocchi in tomato sauce", "penne alla vodka").
SERVED_WITH_WORDS = ("with", "in") + tuple(sorted(IN_THE_MANNER_WORDS))
#: Words after which a label names other foods than its own ("rice with beans", "oil and vinegar").
JOINING_WORDS = SERVED_WITH_WORDS + ("on", "and", "or")
#: Words that say how a dish tastes ("sweet and sour pork", "hot and sour soup", "salt and pepper squid"): two of them
#: joined by "and" describe the food after them, they are no foods joined to it.
TASTE_WORDS = frozenset({
    "hot", "sour", "sweet", "spicy", "salt", "pepper", "savory", "tangy", "sticky", "smoky", "crispy", "garlic",
    "honey", "chili", "lemon", "herb", "ginger", "soy", "sesame",
})


def split_joined(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A label's words naming its own food, and those from the first joining word on (the foods joined to it).

    'oil and vinegar' -> ('oil',), ('and', 'vinegar'); 'chili oil' -> ('chili', 'oil'), (). A first word's
    alternative before the name they share is no other food: 'chicken or turkey salad' -> ('chicken', 'salad'), ()
    (FNDDS names dishes so: 'Taco or tostada salad', 'Macaroni or pasta salad with chicken'). Foods joined before the
    dish they fill are that dish's: 'ham and cheese sandwich' -> ('ham', 'and', 'cheese', 'sandwich'), ()
    (:func:`_fills_a_dish`), and two tastes joined before the food describe it: 'sweet and sour pork with rice' ->
    ('sweet', 'and', 'sour', 'pork'), ('with', 'rice') (:func:`_opens_with_tastes`).
    """
    if len(words) > 3 and words[1] == "or":
        words = words[:1] + words[3:]
    start = 3 if _opens_with_tastes(words) else 1
    cut = min((words.index(stop, start) for stop in JOINING_WORDS if stop in words[start:]), default=len(words))
    if _fills_a_dish(words[cut:]):
        return words, ()
    return words[:cut], words[cut:]


def _opens_with_tastes(words: tuple[str, ...]) -> bool:
    """The label opens with two :data:`TASTE_WORDS` joined by "and" ("sweet and sour pork", "hot and sour soup", "salt
    and pepper squid"): the pair says how the food after it tastes; it joins no food to it."""
    return len(words) >= 3 and words[1] == "and" and words[0] in TASTE_WORDS and words[2] in TASTE_WORDS


#: Foods made of the foods a label names before them with "and": dishes ("ham and cheese sandwich") and the dressings,
#: sauces and dips mixed from them ("vinegar and oil dressing", the reading of "vinaigrette"; "sour cream and onion dip").
MADE_OF_JOINED_FOODS = (DISH_WORDS - {"with"}) | {"dressing", "sauce", "dip", "spread"}


def _fills_a_dish(joined: tuple[str, ...]) -> bool:
    """The words from a label's first joining word on are 'and', a food and a dish it and the food before fill ("and
    cheese sandwich", "and rice soup" (grilled), "and oil dressing": their last content word is one of
    :data:`MADE_OF_JOINED_FOODS`), with no other joining word: the foods before the dish are its filling, the dish the
    label's food."""
    content = content_words(joined[1:])
    return joined[:1] == ("and",) and len(content) >= 2 and content[-1] in MADE_OF_JOINED_FOODS \
        and not any(w in JOINING_WORDS for w in joined[1:])


def _is_participle(word: str) -> bool:
    """``word`` reads as a past participle that describes a food ("sweetened", "iced", "sliced"), not a food ending
    in -ed ("seed", "seaweed", "red")."""
    return len(word) > 3 and word.endswith("ed") and not word.endswith("eed")


def _describes(word: str) -> bool:
    """``word`` says where a piece is or what was done to the food (:data:`POSITION_WORDS`, participles): no food."""
    return word in POSITION_WORDS or _is_participle(word)


@lru_cache(maxsize=65536)
def head_word(words: tuple[str, ...]) -> str | None:
    """The food a label names: its last content word that is not a part or cut, nor a word that only places the cut
    or describes the food (:func:`_describes`).

    'grilled chicken breast' -> 'chicken'; 'fried fish' -> 'fish'; 'egg whites' -> 'egg';
    'olive oil' -> 'oil'; 'caesar salad' -> 'salad'; 'oil and vinegar' -> 'oil'; 'shrimp tempura' -> 'shrimp' (a coating);
    'beef top sirloin' -> 'beef'; 'iced tea sweetened with milk' -> 'tea'; 'top sirloin' -> 'sirloin' (no other food);
    'salt and pepper ribs' -> 'rib' (the tastes describe it: :func:`_opens_with_tastes`).
    """
    words = split_joined(words)[0]
    content = content_words(words[3:] if _opens_with_tastes(words) else words)
    for word in reversed(content):
        if word not in PART_WORDS and word not in COATING_WORDS and not _describes(word):
            return word
    return next((w for w in reversed(content) if not _describes(w)), content[-1] if content else None)
