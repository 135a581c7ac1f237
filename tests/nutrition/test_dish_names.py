"""Dish names that hold an ingredient (issue 10): the dish's main food answers, not the ingredient it is served with.

Labels are dev labels (tests/nutrition/data/dev_new_names.txt, dev_new_meals.jsonl) or made up here, none of the
held-out set.
"""

from __future__ import annotations

import pytest

from pipeline.nutrition.matcher import FoodMatcher


@pytest.mark.parametrize(("label", "food"), [
    ("salmon teriyaki", "salmon"), ("salmon pesto", "salmon"), ("steak chimichurri", "beef"),
])
def test_a_meat_or_fish_named_before_its_topping_answers_the_dish(matcher: FoodMatcher, kb, label: str,
                                                                  food: str) -> None:
    # it was the topping: 'Teriyaki sauce' (89 kcal per 100 g), the 'Cheese' profile (356), 'Pesto sauce' (580)
    result = matcher.match(label)
    assert food in result.food.description.lower()
    assert result.level == "preparation" and result.stand_in and result.confidence < 0.5  # the food, not the dish
    assert "its meat or fish answers" in result.reason  # was "the same food in another preparation"
    assert 100 <= float(kb.nutrients[result.food.index][0]) <= 300


@pytest.mark.parametrize(("label", "dish"), [
    ("veal parmesan", "Veal parmigiana"), ("turkey parmesan", "Chicken or turkey parmigiana"),
])
def test_a_dish_the_data_names_with_another_form_of_a_word_answers_it(matcher: FoodMatcher, label: str,
                                                                      dish: str) -> None:
    # it was the meat alone ('Veal, chop', 'Turkey, NFS'): "parmesan" is the cheese, the dish is written 'parmigiana'
    result = matcher.match(label)
    assert result.food.description == dish
    assert result.level == "entry" and result.confidence >= 0.5


def test_a_food_opening_with_the_same_letters_is_no_form_of_the_word(matcher: FoodMatcher) -> None:
    # 'Chicken curry' differs from "chickpea curry" by one word of the same opening, but chickpeas are no chicken
    assert "chicken" not in matcher.match("chickpea curry").food.description.lower()


@pytest.mark.parametrize(("label", "pasta", "sauce"), [
    ("rigatoni marinara", "rigatoni", "marinara"), ("penne alfredo", "penne", "alfredo sauce"),
    ("noodles alfredo", "noodles", "alfredo sauce"),
])
def test_a_pasta_named_by_its_sauce_is_both_in_equal_parts(matcher: FoodMatcher, kb, label: str, pasta: str,
                                                           sauce: str) -> None:
    # it was the sauce alone: 'Spaghetti sauce' (51 kcal per 100 g, 7 g carbohydrate), 'Alfredo sauce' (2 g)
    result, parts = matcher.match(label), [matcher.match(pasta).food, matcher.match(sauce).food]
    assert result.level == "preparation" and result.stand_in and result.confidence < 0.5
    assert all(f"'{part.description}'" in result.food.description for part in parts)
    row = kb.nutrients[result.food.index]
    assert float(row[0]) == pytest.approx(sum(float(kb.nutrients[p.index][0]) for p in parts) / 2, rel=1e-3)
    assert float(row[3]) >= 10  # g carbohydrate per 100 g: the pasta's half (the sauce alone had 2-7 g)


@pytest.mark.parametrize(("label", "pasta", "sauce"), [
    ("linguine pesto", "linguine", "pesto"), ("gnocchi pesto", "gnocchi", "pesto"),
])
def test_a_pasta_named_by_a_rich_sauce_holds_only_as_much_as_pasta_dishes_do(matcher: FoodMatcher, kb, label: str,
                                                                             pasta: str, sauce: str) -> None:
    # in equal parts 'Pasta, cooked' (157 kcal per 100 g) and 'Pesto sauce' (580) made 368 kcal and 30 g fat per 100 g,
    # richer than any pasta dish of FNDDS (the richest, a pasta salad with cheese, is 246)
    result, parts = matcher.match(label), [matcher.match(pasta).food, matcher.match(sauce).food]
    kcal = [float(kb.nutrients[part.index][0]) for part in parts]
    dish = kb.nutrients[result.food.index]
    pasta_dishes = [float(kb.nutrients[f.index][0]) for f in kb.foods
                    if f.category == "Pasta mixed dishes, excludes macaroni and cheese" and not f.is_profile]
    assert result.level == "preparation" and "by weight" in result.food.description
    assert all(f"'{part.description}'" in result.food.description for part in parts)
    assert kcal[0] < float(dish[0]) <= max(pasta_dishes)
    share = (float(dish[0]) - kcal[0]) / (kcal[1] - kcal[0])  # the sauce's share of the weight, from the energy
    assert 0.1 <= share < 0.5
    assert float(dish[2]) == pytest.approx((1 - share) * float(kb.nutrients[parts[0].index][2])
                                           + share * float(kb.nutrients[parts[1].index][2]), rel=1e-3)  # fat, alike
    assert f"{share:.0%}" in result.food.description


@pytest.mark.parametrize(("label", "pasta", "sauce"), [
    ("alfredo pasta", "pasta", "alfredo sauce"), ("noodles with peanut sauce", "noodles", "peanut sauce"),
    ("macaroni with pesto", "macaroni", "pesto"),
])
def test_a_pasta_named_after_its_sauce_or_served_with_it_is_both(matcher: FoodMatcher, label: str, pasta: str,
                                                                 sauce: str) -> None:
    # they were 'Pasta with sauce, NFS' (125 kcal per 100 g, 2.6 g fat, whatever the sauce) or the cooked grains' profile
    result, parts = matcher.match(label), [matcher.match(pasta).food, matcher.match(sauce).food]
    assert result.level == "preparation" and result.stand_in and result.confidence < 0.5
    assert all(f"'{part.description}'" in result.food.description for part in parts)


@pytest.mark.parametrize("label", ["spaghetti sauce", "alfredo sauce", "tomato sauce", "pesto"])
def test_a_sauce_named_after_a_pasta_stays_the_sauce(matcher: FoodMatcher, label: str) -> None:
    assert "sauce" in matcher.match(label).food.description.lower()
    assert "equal parts" not in matcher.match(label).food.description


def test_a_dish_entry_that_names_both_still_answers(matcher: FoodMatcher) -> None:
    result = matcher.match("chicken teriyaki")
    assert result.food.description == "Chicken or turkey with teriyaki" and result.level == "entry"


@pytest.mark.parametrize(("label", "most_kcal"), [("chicken stock", 60), ("beef broth", 60), ("fish stock", 60)])
def test_a_food_made_from_the_meat_stays_that_food(matcher: FoodMatcher, kb, label: str, most_kcal: float) -> None:
    # "chicken stock" is stock, not chicken: the stock's own entry, or a broth, answers
    result = matcher.match(label)
    assert float(kb.nutrients[result.food.index][0]) <= most_kcal


def test_a_topping_named_by_what_it_seasons_stays_the_topping(matcher: FoodMatcher, kb) -> None:
    # 'Spices, poultry seasoning': "chicken seasoning" is the seasoning, not chicken
    result = matcher.match("chicken seasoning")
    assert "seasoning" in result.food.description.lower() and float(kb.nutrients[result.food.index][0]) > 250


def test_a_class_of_toppings_named_by_its_meat_stays_the_topping(matcher: FoodMatcher) -> None:
    # 'Gravy, beef', 'Gravy, turkey'...: "chicken gravy" is a gravy
    result = matcher.match("chicken gravy")
    assert "grav" in result.food.description.lower()


@pytest.mark.parametrize(("label", "dish"), [
    ("beef pho", "Soup, pho, with meat"), ("pork ravioli", "Ravioli, meat-filled, no sauce"),
    ("lamb biryani", "Biryani with meat"), ("beef lasagna", "Lasagna with meat"),
])
def test_a_meat_named_by_a_dish_that_says_only_meat_takes_that_dish(matcher: FoodMatcher, label: str,
                                                                   dish: str) -> None:
    # FNDDS writes these dishes 'with meat': the label's beef or pork is that meat (it was the category profile of
    # Asian soups, of pasta dishes, or a cheese ravioli at 98 kcal per 100 g)
    result = matcher.match(label)
    assert result.food.description == dish and result.level == "entry" and result.confidence >= 0.5


def test_a_dish_naming_the_meat_itself_beats_one_naming_its_class(matcher: FoodMatcher) -> None:
    assert "beef" in matcher.match("beef burrito").food.description.lower()  # not 'Burrito, meat, no cheese'


def test_a_plain_meat_is_never_a_dish_of_its_class(matcher: FoodMatcher) -> None:
    # the class word stands for the meat only in a dish's name: "beef" is no 'Chicken, broilers, meat only'
    for label in ("beef", "pork", "lamb", "ground beef"):
        assert matcher.match(label).food.description.lower().startswith(label.split()[-1])


@pytest.mark.parametrize("label", ["pork ramen", "ramen with pork", "miso ramen"])
def test_a_ramen_the_data_lacks_is_answered_by_the_ramen_bowls(matcher: FoodMatcher, kb, label: str) -> None:
    # FNDDS writes 'Ramen bowl with beef': the bowl is the vessel, the ramen its food; these were the median of every
    # Asian broth soup (77 kcal per 100 g), broths included, not the ramen bowls (108-137)
    result = matcher.match(label)
    assert result.level == "category" and "nearest the label" in result.food.description
    assert 105 <= float(kb.nutrients[result.food.index][0]) <= 140


def test_a_bowl_names_its_food(matcher: FoodMatcher) -> None:
    assert matcher.match("chicken burrito bowl").food.description == "Burrito bowl, chicken"
    assert matcher.match("ramen").food.description == "Ramen bowl, NFS"


@pytest.mark.parametrize(("label", "dish"), [
    ("bacon and egg sandwich", "sandwich"), ("carrot and walnut cake", "cake"), ("ham and pineapple pizza", "pizza"),
    ("chicken and bacon wrap", "sandwich"),
])
def test_foods_joined_before_a_dish_are_its_filling(matcher: FoodMatcher, kb, label: str, dish: str) -> None:
    # the first food was the answer: 'Bacon, for use on a sandwich' (494 kcal per 100 g), the carrots' profile (57),
    # cold cuts (225), whole chicken pieces (no carbohydrate)
    result = matcher.match(label)
    assert dish in f"{result.food.description} {result.food.category}".lower()
    assert float(kb.nutrients[result.food.index][3]) >= 15  # g carbohydrate per 100 g: the bread, dough or batter


@pytest.mark.parametrize("label", ["oil and vinegar", "rice and beans", "beef and broccoli"])
def test_foods_joined_with_no_dish_after_them_stay_a_mixture(matcher: FoodMatcher, label: str) -> None:
    result = matcher.match(label)
    assert label.split()[0] in f"{result.food.description} {result.food.category}".lower()


def test_a_dish_named_with_what_it_is_served_with_answers_its_name(matcher: FoodMatcher, kb) -> None:
    # 'Porcupine balls with mushroom sauce': the sauce it comes with is no processed form of the dish, nor a variety
    # of it; it was 'Cheese ball' (441 kcal per 100 g)
    result = matcher.match("porcupine balls")
    assert result.food.description.startswith("Porcupine balls") and result.level == "entry"
    assert float(kb.nutrients[result.food.index][0]) <= 250


@pytest.mark.parametrize(("label", "words"), [
    ("macaroni and cheese", ("macaroni", "cheese")), ("rice and beans", ("rice", "beans")),
])
def test_a_dish_entry_that_joins_what_the_label_names_answers_it(matcher: FoodMatcher, label: str,
                                                                 words: tuple[str, ...]) -> None:
    # 'Macaroni or noodles with cheese', 'Rice with stewed beans': their "with" no longer counts as a dish the label
    # did not name; they were a canned product and the 'Rice mixed dishes' profile
    result = matcher.match(label)
    assert all(w in result.food.description.lower() for w in words) and "canned" not in result.food.description.lower()
    assert result.level == "entry"


def test_a_dish_entry_that_joins_a_food_the_label_does_not_name_still_loses(matcher: FoodMatcher) -> None:
    # "chicken salad" names no egg: 'Chicken or turkey salad with egg' is another dish (it backs off: test_backoff.py);
    # "pasta sauce" is a sauce: 'Pasta with sauce, NFS' is pasta
    assert "egg" not in matcher.match("chicken salad").food.description.lower()
    assert not matcher.match("pasta sauce").food.description.lower().startswith("pasta with")


@pytest.mark.parametrize("label", ["lemon and herb dressing", "raspberry vinaigrette"])
def test_foods_joined_before_a_dressing_are_its_make_up(matcher: FoodMatcher, kb, label: str) -> None:
    # "lemon and herb dressing" was the citrus fruits' profile (46 kcal per 100 g); "raspberry vinaigrette", read
    # "raspberry vinegar and oil dressing", the median of every dressing and oil (513 kcal, mostly oils)
    result = matcher.match(label)
    assert "dressing" in f"{result.food.description} {result.food.category}".lower()
    assert 200 <= float(kb.nutrients[result.food.index][0]) < 500


@pytest.mark.parametrize(("label", "sauce"), [
    ("fusilli alla vodka", "vodka sauce"), ("noodles in peanut sauce", "peanut sauce"),
    ("fettuccine in alfredo sauce", "alfredo sauce"),
])
def test_a_pasta_served_in_its_sauce_is_both(matcher: FoodMatcher, label: str, sauce: str) -> None:
    # "alla vodka" was 'Vodka' (231 kcal per 100 g of spirit); "in peanut sauce" the cooked grains' profile: an Italian
    # "alla" or an "in" serves the pasta in its sauce as "with" does, and "alla vodka" names a vodka sauce
    result = matcher.match(label)
    assert result.level == "preparation" and result.stand_in
    assert f"'{matcher.match(sauce).food.description}'" in result.food.description


def test_a_dish_named_alla_its_style_keeps_its_own_entry(matcher: FoodMatcher) -> None:
    # "alla" says nothing of which food it is: 'Pasta alla norma' (a recipe) and 'Eggplant parmesan casserole' answer
    assert matcher.match("pasta alla norma").food.description == "Pasta alla norma"
    assert matcher.match("eggplant alla parmigiana").food.description.startswith("Eggplant parmesan")


def test_a_dish_named_alla_its_sauce_is_the_dish_fdc_names_without_it(matcher: FoodMatcher) -> None:
    # "chicken alla cacciatora" was 'Quesadilla, chicken': FDC writes the dish without the "alla", in its own form
    found = matcher.match("chicken alla cacciatora")
    assert found.food.description == "Chicken or turkey cacciatore"
    assert found.level == "entry" and found.gloss == "chicken cacciatora"


@pytest.mark.parametrize(("label", "dish"), [
    ("tofu lo mein", "Lo mein, meatless"), ("vegetable pad thai", "Pad Thai, meatless"),
    ("vegetable calzone", "Calzone, with cheese, meatless"),
    ("vegetable taco salad", "Taco or tostada salad, meatless"),
])
def test_a_dish_of_vegetables_or_tofu_is_its_meatless_entry(matcher: FoodMatcher, label: str, dish: str) -> None:
    # they were 'Lo mein, NFS', 'Pad Thai, NFS', 'Calzone, with meat and cheese', 'Taco or tostada salad with meat':
    # FNDDS writes the dish whose vegetables or tofu stand where its meat would as 'meatless'
    assert matcher.match(label).food.description == dish


@pytest.mark.parametrize(("label", "food", "sauce"), [
    ("tofu in black bean sauce", "tofu", "black bean sauce"), ("chicken in curry sauce", "chicken", "curry sauce"),
])
def test_a_food_served_in_a_sauce_no_entry_names_is_both(matcher: FoodMatcher, label: str, food: str,
                                                         sauce: str) -> None:
    # they were a whole category's profile ('Seafood mixed dishes', 'Chicken, whole pieces': 252 kcal per 100 g)
    result = matcher.match(label)
    assert result.level == "preparation" and result.stand_in and "in equal parts" in result.food.description
    assert f"'{matcher.match(sauce).food.description}'" in result.food.description
    assert food in result.food.description.lower()


def test_a_rich_sauce_is_no_half_of_a_vegetable_dish(matcher: FoodMatcher) -> None:
    # 'Garlic sauce' is 683 kcal per 100 g: how much of it coats green beans no pasta dish of FNDDS tells
    assert "Garlic sauce" not in matcher.match("green beans in garlic sauce").food.description
