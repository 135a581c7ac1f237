"""The priors for plain plate foods: no unnamed cooking fat, aliases of NFS entries, varieties and mixtures.

Weighed-dish datasets list oil and butter as items of their own, so an ingredient label means the plain
food; these rules are general (they read FDC descriptions and nutrients), and the development set in
data/ measures them (benchmarks/data/ stays held out).
"""

from __future__ import annotations

import pytest

from pipeline.nutrition.matcher import FoodMatcher
from pipeline.nutrition.ranking import Query
from pipeline.nutrition.retrieval import FoodIndex, _served_with, _without_origin, added_fat
from tests.nutrition.dev_eval import evaluate


@pytest.mark.parametrize(("description", "expected"), [
    ("Green beans, fresh, cooked, fat added", 1),
    ("Broccoli, NS as to form, cooked", 1),
    ("Egg, whole, fried, NS as to fat", 1),
    ("Rice, white, cooked, made with butter", 1),
    ("Broccoli, cooked, from restaurant", 1),
    ("Ketchup, restaurant", 0),  # a Foundation sample from restaurants, not a recipe with fat
    ("Rice, white, cooked, no added fat", -1),
    ("Pork, chop, NS as to fat eaten", 0),
    ("Broccoli, raw", 0),
])
def test_added_fat_reads_the_description(description: str, expected: int) -> None:
    assert added_fat(description) == expected


def test_a_restaurant_dish_carries_no_cooking_fat_of_its_own(kb) -> None:
    # a restaurant cooks its vegetables in fat; a burger or a shake from one is its recipe, fat and all
    assert added_fat("Broccoli, cooked, from restaurant", plain_food=True) == 1
    assert added_fat("Hamburger, from fast food, 1 medium patty", plain_food=False) == 0
    assert added_fat("Hash browns, fat added, from restaurant", plain_food=False) == 1  # said, not implied
    index = FoodIndex(kb)
    flags = {f.description: index.texts[f.index].added_fat for f in kb.foods}
    assert flags["Broccoli, cooked, from restaurant"] == 1
    # "Hamburger, NFS" has the nutrients of the fast-food one and takes on its flag: neither has unnamed fat
    assert flags["Hamburger, from fast food, 1 medium patty"] == 0 and flags["Hamburger, NFS"] == 0
    assert flags["Milk shake, fast food, chocolate"] == 0


def test_origin_segments_are_not_forms() -> None:
    assert _without_origin("Lentils, from dried, no added fat") == "Lentils, no added fat"
    assert _without_origin("Black beans, from canned") == "Black beans"


def test_an_nfs_entry_takes_on_its_identical_siblings_cooking(kb) -> None:
    index = FoodIndex(kb)
    by_name = {(f.description, f.data_type): f.index for f in kb.foods}
    cod = by_name[("Fish, cod, NFS", "survey_fndds_food")]  # same nutrients as "Fish, cod, fried"
    beans = by_name[("Black beans, NFS", "survey_fndds_food")]  # same as "Black beans, from dried, fat added"
    assert "fried" in index.texts[cod].cooking
    assert index.texts[beans].added_fat == 1


@pytest.mark.parametrize("label", ["cod", "black beans", "green beans", "lentils", "steamed broccoli", "peas", "chicken"])
def test_plain_labels_get_no_unnamed_cooking_fat(matcher: FoodMatcher, label: str) -> None:
    result = matcher.match(label)
    assert result.food is not None
    fat = float(matcher.kb.nutrients[result.food.index][2])
    assert added_fat(result.food.description) != 1, result.food.description
    assert fat < 5.0, f"{label!r} -> {result.food.description} ({fat} g fat / 100 g)"


@pytest.mark.parametrize(("label", "word"), [
    ("fried egg", "fried"), ("rice with butter", "butter"), ("buttered rice", "butter"), ("french fries", "fries"),
])
def test_labels_that_ask_for_fat_keep_it(matcher: FoodMatcher, label: str, word: str) -> None:
    result = matcher.match(label)
    assert result.food is not None and word in result.food.description.lower()
    assert float(matcher.kb.nutrients[result.food.index][2]) > 2.0


@pytest.mark.parametrize("label", ["stir fried broccoli", "sauteed mushrooms", "stir-fry mushrooms"])
def test_a_sauteed_vegetable_is_not_battered_and_fried(matcher: FoodMatcher, kb, label: str) -> None:
    # 'Fried broccoli' and 'Fried mushrooms' are battered (223 and 222 kcal per 100 g, 22 g of carbohydrate)
    result = matcher.match(label)
    assert not result.food.description.lower().startswith("fried")
    assert float(kb.nutrients[result.food.index][0]) < 120


@pytest.mark.parametrize("label", ["grilled tofu", "steamed tofu", "roasted okra"])
def test_a_food_cooked_without_fat_is_not_its_fried_entry(matcher: FoodMatcher, kb, label: str) -> None:
    # were 'Tofu, fried' (270 kcal and 20 g fat per 100 g) and the battered 'Fried okra' (219 kcal): a label naming a
    # way of cooking without fat is no evidence for frying fat, less than a label naming none
    result = matcher.match(label)
    assert "fried" not in result.food.description.lower()
    assert float(kb.nutrients[result.food.index][2]) < 12.0


def test_fried_chicken_is_fried_not_sauteed(matcher: FoodMatcher) -> None:
    description = matcher.match("fried chicken").food.description.lower()
    assert "fried" in description and "sauteed" not in description  # was 'Chicken wing, sauteed'


def test_sauteed_and_stir_fried_are_one_way_of_cooking_fried_another() -> None:
    assert Query.parse("sauteed spinach").cooking == Query.parse("stir fried spinach").cooking == {"sauteed"}
    assert Query.parse("beef stir fry").cooking == {"sauteed"}
    assert Query.parse("deep fried fish").cooking == {"fried"}


@pytest.mark.parametrize("label", ["sauteed broccoli", "stir fried cabbage", "sauteed eggplant", "sauteed vegetables"])
def test_a_vegetable_turned_in_a_little_fat_is_its_entry_cooked_with_fat(matcher: FoodMatcher, label: str) -> None:
    # were 'Broccoli, cooked, as ingredient' (41 kcal per 100 g), 'Cabbage, cooked, as ingredient', 'Eggplant, cooked, as
    # ingredient', 'Asian stir fry vegetables, cooked, no added fat' (no fat): FNDDS writes sauteed or stir-fried
    # vegetables as cooked with oil or fat added
    result = matcher.match(label)
    assert matcher.index.texts[result.food.index].added_fat == 1 and "raw" not in result.food.description.lower()


@pytest.mark.parametrize("label", ["caramelized carrots", "caramelized mushrooms", "caramelized fennel"])
def test_a_caramelized_vegetable_is_cooked_in_fat_not_raw(matcher: FoodMatcher, label: str) -> None:
    # were 'Carrots, fresh, cooked, no added fat', 'Mushrooms, fresh, cooked, no added fat', 'Fennel bulb, raw':
    # caramelizing is sauteing slowly in fat
    assert Query.parse(label).cooking == {"sauteed"}
    result = matcher.match(label)
    assert "raw" not in result.food.description.lower() and "no added fat" not in result.food.description.lower()


def test_fries_are_fried_by_nature() -> None:
    assert "fried" in Query.parse("french fries").cooking
    assert "fried" not in Query.parse("potatoes").cooking


@pytest.mark.parametrize(("label", "must", "must_not"), [
    ("peas", ("green", "pea"), ("blackeyed", "carrot", "corn", "wasabi")),   # the usual variety, not a mixture
    ("toast", ("bread", "toasted"), ("french",)),                          # toast is toasted bread
    ("french toast", ("french toast",), ()),
    ("tofu", ("tofu",), ("yogurt", "mayonnaise")),                          # the label's food, not one it flavours
    ("chicken", ("chicken",), ("ground",)),                                # a processed form nobody named
    ("waffle", ("waffle",), ("school",)),                                  # the fat prior spares baked foods
    ("chicken leg", ("chicken",), ("mock",)),                              # a mock food is another food
    ("meatloaf", ("meat loaf",), ("sandwich", "dinner")),                  # one word in labels, two in FDC
])
def test_varieties_mixtures_and_forms(matcher: FoodMatcher, label: str, must: tuple, must_not: tuple) -> None:
    result = matcher.match(label)
    assert result.food is not None
    text = result.food.description.lower()
    assert all(w in text for w in must) and not any(w in text for w in must_not), text


@pytest.mark.parametrize(("label", "food"), [
    ("soursop fruit", "soursop"), ("guava fruit", "guava"),                 # the class the named fruit is a kind of
    ("jackfruit pulp", "jackfruit"), ("coconut flesh", "coconut"),          # the eaten flesh is the food itself
])
def test_a_food_named_before_its_class_is_that_food(matcher: FoodMatcher, label: str, food: str) -> None:
    result = matcher.match(label)
    assert result.level == "entry" and result.food.description.lower().startswith(food), result.food.description


@pytest.mark.parametrize(("label", "food"), [("mango juice", "mango, raw"), ("durian cake", "durian"),
                                             ("rice milk", "rice, ")])
def test_a_product_named_after_a_food_is_not_that_food(matcher: FoodMatcher, label: str, food: str) -> None:
    result = matcher.match(label)
    assert result.food is None or not result.food.description.lower().startswith(food), result.food.description


@pytest.mark.parametrize(("label", "organ"), [("veal heart", "heart"), ("beef kidneys", "kidney"),
                                              ("lamb tongue", "tongue"), ("duck gizzards", "gizzard")])
def test_a_meat_before_an_organ_names_that_organ(matcher: FoodMatcher, label: str, organ: str) -> None:
    # FDC names these organs for any animal ('Heart', 'Kidney'): not the meat ('Veal, chop'), nor kidney beans
    description = matcher.match(label).food.description.lower()
    assert description.startswith(organ) and "bean" not in description, description


@pytest.mark.parametrize(("label", "food"), [("celery hearts", "celery"), ("cabbage hearts", "cabbage")])
def test_a_plants_heart_is_the_plant(matcher: FoodMatcher, label: str, food: str) -> None:
    result = matcher.match(label)  # the tender core, the same food: not the median of every other vegetable
    assert result.level != "category" and result.food.description.lower().startswith(food), result.food.description


@pytest.mark.parametrize("label", ["celery hearts", "romaine hearts", "red kidney beans"])
def test_a_plants_heart_and_kidney_beans_are_no_organ_meat(matcher: FoodMatcher, label: str) -> None:
    food = matcher.match(label).food
    assert "organ meats" not in food.category.lower(), food.description


@pytest.mark.parametrize(("label", "food"), [("iced chai", "tea"), ("light tuna", "tuna"),
                                             ("barrel aged cheddar", "cheddar")])
def test_a_word_only_a_brand_names_is_no_other_food(matcher: FoodMatcher, label: str, food: str) -> None:
    # 'chai', 'light', 'barrel' are the food of brands' names only: the label is a variety of its own food
    result = matcher.match(label)
    assert result.level != "category" and food in result.food.description.lower(), result.food.description


@pytest.mark.parametrize(("label", "food"), [("celery leaves", "celery"), ("kale leaves", "kale"),
                                             ("curly leaf parsley", "parsley"), ("thai peanut sauce", "peanut sauce")])
def test_a_word_that_heads_one_compound_only_is_no_other_food(matcher: FoodMatcher, label: str, food: str) -> None:
    # 'leaf' heads only 'Drumstick leaves', 'thai' only 'Pad Thai': here they say which part or whose, not what food
    result = matcher.match(label)
    assert result.level != "category" and food in result.food.description.lower(), result.food.description


@pytest.mark.parametrize(("label", "greens"), [("turnip leaves", "turnip greens"), ("mustard leaves", "mustard greens"),
                                               ("chicory leaves", "chicory greens")])
def test_a_plants_leaves_are_its_greens_where_fdc_names_them_so(matcher: FoodMatcher, label: str, greens: str) -> None:
    # not the root ('Turnip, raw') nor the condiment ('Mustard'): FDC names the leaves 'Turnip greens'
    assert matcher.match(label).food.description.lower().startswith(greens), matcher.match(label).food.description


def test_leaves_of_a_plant_fdc_names_no_greens_of_stay_that_plant(matcher: FoodMatcher) -> None:
    assert matcher.match("celery leaves").food.description.lower().startswith("celery")


@pytest.mark.parametrize(("label", "food"), [("cilantro stems", "cilantro"), ("asparagus stems", "asparagus"),
                                             ("zucchini blossoms", "summer squash"), ("pumpkin blossoms", "pumpkin")])
def test_a_plants_stems_and_blossoms_are_the_plant(matcher: FoodMatcher, label: str, food: str) -> None:
    # FDC names no stems, nor blossoms but in a cocktail ('Orange Blossom'): the plant itself, not a category's median
    result = matcher.match(label)
    assert result.level != "category" and result.food.description.lower().startswith(food), result.food.description


@pytest.mark.parametrize(("label", "entry"), [("chocolate covered pretzels", "pretzels, hard, chocolate coated"),
                                              ("chocolate covered coffee beans", "chocolate coated coffee beans")])
def test_chocolate_covered_is_chocolate_coated(matcher: FoodMatcher, label: str, entry: str) -> None:
    # FDC writes both ('Peanuts, chocolate covered candy', 'Pretzels, hard, chocolate coated'): not the plain food's median
    assert entry in matcher.match(label).food.description.lower(), matcher.match(label).food.description


def test_lean_asks_for_the_leaner_entry(matcher: FoodMatcher) -> None:
    fat = {label: float(matcher.kb.nutrients[matcher.match(label).food.index][2]) for label in ("beef", "lean beef")}
    assert fat["lean beef"] < fat["beef"]


def test_development_set_figures(engine) -> None:
    """The dev set (tests/nutrition/data) stays where these rules brought it (run dev_eval for details)."""
    figures = evaluate(engine)
    assert figures.phrases >= 120
    assert figures.top1 >= 0.93
    assert figures.dish_mae_pct["kcal"] <= 6.0
    assert figures.dish_mae_pct["fat_g"] <= 14.0
    assert all(figures.dish_mae_pct[k] <= 8.0 for k in ("protein_g", "carbs_g"))


@pytest.mark.parametrize(("label", "head"), [("grilled zucchini", "squash"), ("chocolate", None)])
def test_a_flavour_of_another_product_is_not_the_food(matcher: FoodMatcher, label: str, head: str | None) -> None:
    text = matcher.match(label).food.description.lower()
    assert not text.startswith(("bread", "muffin", "doughnut", "icing", "cheesecake")), text
    if head:
        assert head in text or "zucchini" in text


def test_the_encoder_reads_the_label_in_fdc_words(matcher: FoodMatcher) -> None:
    """A regional name meets the same entry as its FDC name ("courgette" is "zucchini")."""
    assert matcher.match("courgette").food == matcher.match("zucchini").food


def test_ingredients_of_a_recipe_are_not_its_form(matcher: FoodMatcher) -> None:
    index = matcher.index
    by_name = {(f.description, f.data_type): f.index for f in matcher.kb.foods}
    dressing = by_name[("Italian dressing, made with vinegar and oil", "survey_fndds_food")]
    lentils = by_name[("Lentils, from dried, no added fat", "survey_fndds_food")]
    assert "oil" not in index.texts[dressing].forms and "dried" not in index.texts[lentils].forms


def test_served_with_names_the_extra_foods_only() -> None:
    assert _served_with("Meatballs, NS as to type of meat, with sauce") == {"sauce"}
    assert _served_with("Apples, raw, with skin") == frozenset()
    assert _served_with("Tofu, prepared with nigari") == frozenset()  # not a ', with' segment


def test_an_entry_served_with_an_unnamed_food_loses(matcher: FoodMatcher) -> None:
    text = matcher.match("yogurt").food.description.lower()
    assert "with fruit" not in text and "with" not in text.split(",", 1)[-1]
