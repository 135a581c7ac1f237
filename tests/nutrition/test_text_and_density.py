"""Food-name normalisation and densities: pure functions, and the cooking words a label may use, read by the matcher."""

from __future__ import annotations

import pytest

from pipeline.nutrition.density import density_fallback, density_from_portions, food_density, unit_volume_ml
from pipeline.nutrition.matcher import FoodMatcher
from pipeline.nutrition.ranking import Query
from pipeline.nutrition.sources import Portion
from pipeline.nutrition.text import cooking_groups, description_tokens, head_word, singular, split_joined, tokens


@pytest.mark.parametrize(("word", "expected"), [
    ("berries", "berry"), ("tomatoes", "tomato"), ("potatoes", "potato"), ("eggs", "egg"), ("peaches", "peach"),
    ("asparagus", "asparagus"), ("hummus", "hummus"), ("couscous", "couscous"), ("leaves", "leaf"), ("fries", "fries"),
    ("glass", "glass"), ("rice", "rice"),
])
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("Aubergine", ("eggplant",)), ("prawns", ("shrimp",)), ("courgettes", ("zucchini",)),
    ("coriander", ("cilantro",)), ("green onions", ("scallion",)), ("spring onion", ("scallion",)),
    ("fries", ("french", "fries")), ("french fries", ("french", "fries")), ("fish and chips", ("fish", "and", "french", "fries")),
    ("Yoghurt", ("yogurt",)), ("minced beef", ("ground", "beef")),
    ("bicarbonate of soda", ("baking", "soda")), ("baking soda", ("baking", "soda")),  # a leavening, not a soft drink
])
def test_synonyms_map_to_fdc_words(label: str, expected: tuple[str, ...]) -> None:
    assert tokens(label) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("pork mince", ("ground", "pork")), ("minced lamb", ("ground", "lamb")), ("turkey mince", ("ground", "turkey")),
    ("mince", ("ground", "beef")),                # the bare British word is beef's
    ("minced garlic", ("minced", "garlic")),      # of a food that is no meat, "minced" is a cut
])
def test_a_minced_meat_is_that_meat_ground(label: str, expected: tuple[str, ...]) -> None:
    # "pork mince" was read as 'pork ground beef' and answered 'Beef, ground'
    assert tokens(label) == expected


@pytest.mark.parametrize(("label", "head"), [
    ("grilled chicken breast", "chicken"), ("fried fish", "fish"), ("egg whites", "egg"), ("olive oil", "oil"),
    ("caesar salad", "salad"), ("chicken with rice", "chicken"), ("salmon fillet", "salmon"), ("steak", "steak"),
    ("raw", None), ("artichoke hearts", "artichoke"),  # the heart of a vegetable is a part, not organ meat
    ("macaroni or pasta salad with chicken", "salad"), ("chicken or turkey cacciatore", "cacciatore"),
    ("shrimp tempura", "shrimp"), ("tempura", "tempura"),  # a coating is not the food unless it is all the label says
    # a word placing the cut, or a participle, is never the food: the meat or food before it is
    ("pork top loin", "pork"), ("beef eye of round", "beef"), ("asparagus tips", "asparagus"),
    ("coffee sweetened with milk", "coffee"), ("almonds sliced", "almond"), ("top loin", "loin"),
    ("flaxseed", "flaxseed"), ("dried", "dried"),  # a food ending in -ed stays; a participle alone is all there is
    ("cilantro stems", "cilantro"), ("cauliflower stems", "cauliflower"),  # a stem is the plant's, as a stalk is
])
def test_head_word(label: str, head: str | None) -> None:
    assert head_word(tokens(label)) == head


def test_what_a_coating_is_made_of_is_not_the_food() -> None:
    assert Query.parse("beer battered cod").content == ("battered", "cod")
    assert Query.parse("panko breaded shrimp").content == ("breaded", "shrimp")
    assert Query.parse("shrimp tempura").content == ("shrimp", "tempura")  # the food before its coating stays


def test_a_battered_fish_named_with_its_batter_is_the_fried_fish(matcher: FoodMatcher) -> None:
    # it was the 'Fish' category profile: "beer" is in no fish entry
    result = matcher.match("beer battered cod")
    assert result.food.description == "Fish, cod, fried" and result.level == "entry"


@pytest.mark.parametrize(("label", "description"), [("crêpe", "Crepe, plain"), ("brûlée", "Creme brulee")])
def test_a_label_is_read_without_its_accents(matcher: FoodMatcher, label: str, description: str) -> None:
    # every accented letter, not only é, è and ñ: "crêpe" and "brûlée" were unmatched ("cr pe", "br lee")
    assert tokens("Käsespätzle à la crème") == ("kasespatzle", "a", "la", "creme")
    assert matcher.match(label).food.description == description


def test_split_joined() -> None:
    assert split_joined(tokens("oil and vinegar")) == (("oil",), ("and", "vinegar"))
    assert split_joined(tokens("chicken with rice and beans")) == (("chicken",), ("with", "rice", "and", "bean"))
    assert split_joined(tokens("chili oil")) == (("chili", "oil"), ())
    # a first word's alternative (FNDDS 'Chicken or turkey salad with egg') is no food joined to it
    assert split_joined(tokens("chicken or turkey salad with egg")) == (("chicken", "salad"), ("with", "egg"))


def test_two_tastes_joined_before_a_food_describe_it() -> None:
    # "sweet and spicy" is how the chicken tastes, no food "sweet" with "spicy chicken" joined to it
    assert split_joined(tokens("sweet and sour pork with rice")) == (("sweet", "and", "sour", "pork"), ("with", "rice"))
    assert head_word(tokens("sweet and spicy chicken")) == "chicken"
    assert head_word(tokens("salt and pepper ribs")) == "rib"  # the pepper is a taste, not the food
    assert split_joined(tokens("rice and beans")) == (("rice",), ("and", "bean"))  # two foods stay two


def test_a_label_of_two_tastes_and_a_food_is_answered_by_that_food(matcher: FoodMatcher) -> None:
    # before: 'Pickles, sweet' read as the food, the answer the stir-fry sauces' median
    for label, food in (("sweet and spicy chicken", "chicken"), ("hot and spicy chicken wings", "chicken")):
        result = matcher.match(label)
        assert result.level != "category" and food in description_tokens(result.food.description)


def test_cooking_groups() -> None:
    assert cooking_groups(tokens("grilled salmon")) == {"dry"}
    assert cooking_groups(tokens("Fish, cod, cooked, dry heat")) == {"cooked", "dry"}
    assert cooking_groups(tokens("steamed broccoli")) == {"moist"}
    assert cooking_groups(tokens("deep fried shrimp")) == {"fried"}
    assert cooking_groups(tokens("broccoli")) == frozenset()


@pytest.mark.parametrize("label", ["charred onions", "blistered tomatoes", "blistered shishito peppers"])
def test_a_vegetable_charred_or_blistered_is_cooked_not_raw(matcher: FoodMatcher, label: str) -> None:
    description = matcher.match(label).food.description
    assert "raw" not in description_tokens(description), f"{label!r} -> {description}"


@pytest.mark.parametrize("label", ["blackened tilapia", "blackened catfish", "chargrilled chicken"])
def test_blackened_and_chargrilled_are_dry_heat(matcher: FoodMatcher, label: str) -> None:
    description = matcher.match(label).food.description
    assert "dry" in cooking_groups(description_tokens(description)), f"{label!r} -> {description}"


@pytest.mark.parametrize("label", ["air-fried tofu", "air fried chicken wings"])
def test_air_fried_food_is_not_fried_in_oil(matcher: FoodMatcher, label: str) -> None:
    """An air fryer roasts: no entry fried in oil or coated ('Tofu, fried', 'Chicken wing, fried, coated')."""
    words = description_tokens(matcher.match(label).food.description)
    assert not {"fried", "coated"} & set(words), f"{label!r} -> {' '.join(words)}"


def test_unit_volume() -> None:
    assert unit_volume_ml("cup, chopped") == pytest.approx(236.588)
    assert unit_volume_ml("tbsp") == pytest.approx(14.787)
    assert unit_volume_ml("fl oz") == pytest.approx(29.574)
    assert unit_volume_ml("oz") is None           # an ounce of weight is not a volume
    assert unit_volume_ml("large") is None
    assert unit_volume_ml("slice") is None


def test_density_from_volume_portions_takes_the_median_and_says_where_it_came_from() -> None:
    portions = [Portion("cup", 1, 240.0), Portion("tablespoon", 1, 15.0), Portion("cup", 0.5, 130.0), Portion("large", 1, 50)]
    density = density_from_portions(portions)
    assert density is not None
    assert density.g_per_ml == pytest.approx(1.0144, abs=1e-3)   # median of 1.014, 1.014, 1.099
    assert density.source.startswith("FDC portion:") and "median of 3" in density.source


def test_implausible_portions_are_ignored() -> None:
    assert density_from_portions([Portion("cup", 1, 2000.0)]) is None   # 8.5 g/ml is no food
    assert density_from_portions([Portion("slice", 1, 30.0)]) is None


def test_category_fallback_names_its_rule() -> None:
    oil = density_fallback("Fats and Oils", "Oil, olive, salad or cooking")
    assert oil is not None and oil.g_per_ml == pytest.approx(0.92) and "oils" in oil.source
    assert density_fallback("Rice", "Rice, white, cooked").g_per_ml == pytest.approx(0.67)
    assert density_fallback("Lettuce and lettuce salads", "Lettuce, raw").source.startswith("category fallback")
    assert density_fallback("", "Xyz") is None


def test_portions_win_over_the_fallback() -> None:
    density = food_density([Portion("cup", 1, 91.0)], "Vegetables and Vegetable Products", "Broccoli, raw")
    assert density.source.startswith("FDC portion") and density.g_per_ml == pytest.approx(91 / 236.588, rel=1e-3)
