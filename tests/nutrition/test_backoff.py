"""The back-off ladder (issue 10 point 1): never a confident-wrong neighbour, never a silent zero.

Labels here are dev labels (tests/nutrition/data/dev_backoff.jsonl), none of the held-out set; the backed-off
ones name dishes that neither FDC nor the glossary (pipeline/nutrition/glossary.py) knows ("zurbian", "suqaar").
"""

from __future__ import annotations

import math

import pytest

from pipeline.nutrition.calibration import CALIBRATION, CURVES, calibrated, calibration_key
from pipeline.nutrition.engine import ItemInput, NutritionEngine
from pipeline.nutrition.matcher import BACKOFF_BELOW, FoodMatcher
from pipeline.nutrition.profiles import CATEGORY_DATA_TYPE, category_profiles, profile_description
from pipeline.nutrition.sources import FoodRecord
from pipeline.nutrition.text import description_tokens


@pytest.mark.parametrize("label", ["plate", "napkin", "fork", "wooden table"])
def test_things_beside_the_meal_are_unmatched(matcher: FoodMatcher, label: str) -> None:
    result = matcher.match(label)
    assert result.food is None and result.level == "unmatched" and result.confidence == 0.0


@pytest.mark.parametrize("label", ["mutton mandi", "lamb zurbian", "chicken suqaar", "pork sisig"])
def test_a_food_no_entry_names_backs_off_to_a_category_profile(matcher: FoodMatcher, kb, label: str) -> None:
    result = matcher.match(label)
    assert result.food is not None and result.food.is_profile and result.level == "category"
    assert result.food.basis and "median of" in result.food.basis
    assert 40 <= float(kb.nutrients[result.food.index][0]) <= 400  # a plausible plate food, not zero
    curve = CALIBRATION[calibration_key("category", glossed=result.gloss is not None)]
    assert result.confidence <= max(y for _, y in curve) and result.ranking_confidence < BACKOFF_BELOW


@pytest.mark.parametrize(("label", "meat"), [("grilled pork inihaw", "pork"), ("roasted lamb sosatie", "lamb")])
def test_a_grilled_dish_no_entry_names_is_its_meat_cooked_so(matcher: FoodMatcher, kb, label: str, meat: str) -> None:
    # a dish no entry names whose label says its one meat was grilled or roasted is that meat, cooked by itself: not the
    # median of every dish of its class (stews in their sauce: about 150 kcal and 10 g protein per 100 g)
    result = matcher.match(label)
    assert result.level == "preparation" and result.food is not None and not result.food.is_profile
    assert meat in description_tokens(result.food.description)
    assert float(kb.nutrients[result.food.index][1]) > 20  # g protein per 100 g
    # without the cooking it may as well be a stew in its sauce: its class answers
    assert matcher.match(label.split(" ", 1)[1]).level == "category"


def test_words_the_data_knows_choose_the_category(matcher: FoodMatcher) -> None:
    # 'zurbian' is no word of the data: the dishes whose own name holds lamb or beef ('Lamb stew', 'Beef curry') vote
    assert matcher.match("lamb zurbian").food.category == "Meat mixed dishes"
    assert "meat" in matcher.match("beef zurbian").food.category.lower()


def test_a_dish_backs_off_to_the_category_of_that_dish_made_with_its_food(matcher: FoodMatcher) -> None:
    # no entry is a plain chicken salad; the salad made with chicken ('Chicken or turkey salad with egg') chooses the
    # category, not the many other salads (shrimp, crab, lobster, salmon: 'Seafood mixed dishes') that share its head
    result = matcher.match("chicken salad")
    assert result.level == "category" and result.food.category == "Poultry mixed dishes"


@pytest.mark.parametrize("label, category", [("mango salad", "Mango and papaya"),
                                             ("arugula salad", "Lettuce and lettuce salads"),
                                             ("blueberry fruit salad", "Other fruits and fruit salads")])
def test_a_salad_of_foods_no_salad_entry_names_backs_off_to_its_foods(matcher: FoodMatcher, kb, label: str,
                                                                     category: str) -> None:
    # a salad is mostly the foods it names: not the 'Seafood mixed dishes' of the many shrimp, crab and salmon salads
    # (147 kcal per 100 g); a category named after the salad of its food ('fruit salads') answers first
    result = matcher.match(label)
    assert result.level == "category" and result.food.category == category
    assert float(kb.nutrients[result.food.index][0]) < 100


def test_a_salad_a_dish_entry_places_keeps_the_salads_vote(matcher: FoodMatcher) -> None:
    # 'Ham or pork salad' is the salad of pork
    assert matcher.match("ground pork salad").food.category == "Meat mixed dishes"


def test_a_salad_of_an_unknown_word_and_a_food_is_not_one_named_by_no_food(matcher: FoodMatcher) -> None:
    # 'chicken' says what the salad holds: the salads named by no food ('Cobb salad') do not stand for it
    assert "Cobb salad" not in (matcher.match("waldorf chicken salad").food.basis or "")


@pytest.mark.parametrize("label", ["shirazi salad", "kachumber salad", "harvest salad"])
def test_a_salad_of_unknown_words_is_placed_by_the_salads_named_by_no_food(matcher: FoodMatcher, kb,
                                                                          label: str) -> None:
    # the word may name a person, place or style: the salads likewise named by no food ('Cobb salad, no dressing',
    # 'Greek Salad, no dressing') answer, not the seafood salads most salad entries are (190 kcal, 15.9 g fat per
    # 100 g)
    result = matcher.match(label)
    assert result.level == "category" and result.food.category != "Seafood mixed dishes"
    assert "Cobb salad" in result.food.basis
    kcal, fat = (float(kb.nutrients[result.food.index][i]) for i in (0, 2))
    assert 40 < kcal < 120 and fat < 8


@pytest.mark.parametrize("label", ["garden salad", "house salad", "tossed salad"])
def test_a_salad_named_by_no_food_is_a_lettuce_salad(matcher: FoodMatcher, kb, label: str) -> None:
    # 'garden' heads only a restaurant's entries ('OLIVE GARDEN, ...'), 'house' and 'tossed' no entry: the words say
    # which salad, not what it holds, so it is the leafy salad, not the seafood salads (147 kcal per 100 g)
    result = matcher.match(label)
    assert result.level == "category" and result.food.category == "Lettuce and lettuce salads"
    assert float(kb.nutrients[result.food.index][0]) < 40


def test_a_food_negated_in_a_category_name_does_not_choose_it(matcher: FoodMatcher) -> None:
    # 'Coleslaw, non-lettuce salads' names lettuce only to exclude it
    assert matcher.match("garden salad").food.category != "Coleslaw, non-lettuce salads"


def test_a_dish_of_unknown_name_votes_with_the_food_it_names(matcher: FoodMatcher) -> None:
    # 'tikka' names no food of the data: the dishes whose own name holds chicken ('Chicken
    # curry', 'Barbecue chicken') vote, not every dish that adds chicken to its own ('Fajita, chicken': Mexican dishes)
    result = matcher.match("chicken tikka")
    assert result.level == "category" and result.food.category == "Poultry mixed dishes"


@pytest.mark.parametrize("label", ["garlic twists", "garlic fingers", "garlic swirls"])
def test_a_flavour_of_an_unknown_food_votes_with_the_foods_it_flavours(matcher: FoodMatcher, kb, label: str) -> None:
    # garlic is the flavour of a food no entry names: the foods garlic flavours ('Garlic bread', 'Roll, garlic') place
    # it, not garlic itself (condiments) nor the one dish that serves garlic with another food ('Shrimp in garlic sauce')
    result = matcher.match(label)
    assert result.level == "category" and result.food.category == "Yeast breads"
    assert float(kb.nutrients[result.food.index][0]) > 200  # kcal per 100 g: a bread, not a seafood dish (147)


@pytest.mark.parametrize("label", ["pan con tomate", "pan con mantequilla"])
def test_a_word_that_only_joins_names_does_not_choose_the_category(matcher: FoodMatcher, kb, label: str) -> None:
    # "con" is in no food's name but between its words ('Coffee, cafe con leche'): sharing it places nothing
    result = matcher.match(label)
    assert result.level == "category" and result.food.category != "Coffee"
    assert float(kb.nutrients[result.food.index][0]) > 100  # kcal per 100 g: a plate food, not coffee (28)


def test_a_kind_the_data_names_after_a_class_word_is_no_dish_of_unknown_name(matcher: FoodMatcher) -> None:
    # 'Fish, roe, mixed species' names roe: 'salmon roe' is no salmon dish ('Seafood mixed dishes')
    assert matcher.match("salmon roe").food.category != "Seafood mixed dishes"


def test_a_confident_entry_is_not_backed_off(matcher: FoodMatcher) -> None:
    result = matcher.match("purslane")
    assert result.level == "entry" and not result.food.is_profile and result.confidence > 0.8


def test_profiles_never_compete_with_entries(matcher: FoodMatcher) -> None:
    for label in ("broccoli", "white rice", "chicken breast"):
        result = matcher.match(label)
        assert not result.food.is_profile and all(not c.food.is_profile for c in result.candidates)


def test_results_say_which_level_answered(engine: NutritionEngine) -> None:
    meal = engine.analyse_meals([[ItemInput("0", "lamb zurbian", mass_g=200), ItemInput("1", "napkin", mass_g=5)]])[0]
    food, napkin = meal.items
    assert food.match.level == "category" and food.match.basis and food.nutrients.kcal > 0
    assert napkin.match is None and napkin.nutrients.kcal == 0
    codes = {(w.item_id, w.code) for w in meal.warnings}
    assert ("0", "BACKED_OFF") in codes and ("1", "UNMATCHED") in codes


def test_category_profiles_take_plain_foods_and_name_their_basis() -> None:
    def record(name: str, kcal: float, category: str = "Fish") -> FoodRecord:
        return FoodRecord(name, "survey_fndds_food", category, [kcal] + [1.0] * 6)

    records = [record("Fish, cod, no added fat", 100), record("Fish, cod, fat added", 300),
               record("Fish, hake, no added fat", 120), record("Fish, sole, no added fat", 110),
               record("Water, tap", 0, "Tap water"), record("Water, bottled", 0, "Tap water"),
               record("Water, mineral", 0, "Tap water")]
    profiles = {p.category: p for p in category_profiles(records)}
    assert "Tap water" not in profiles
    fish = profiles["Fish"]
    assert fish.data_type == CATEGORY_DATA_TYPE and fish.nutrients[0] == 110  # fried entry left out
    assert fish.basis == "median of 3 FNDDS entries of WWEIA category 'Fish'"


def test_calibration_is_monotone_and_bounded() -> None:
    for level, points in CALIBRATION.items():
        shares = [calibrated(level, x / 20) for x in range(21)]
        assert shares == sorted(shares) and all(0 <= s <= 1 for s in shares), level
        assert not any(math.isnan(s) for s in shares)


def test_every_curve_an_answer_can_take_is_in_the_calibration_table() -> None:
    # each level, glossed or not, and the preparation level's stand-ins: no answer's confidence lacks its curve
    assert set(CALIBRATION) == {calibration_key(*curve) for curve in CURVES}


@pytest.mark.parametrize("label", ["halibut fillet", "swordfish steak", "steamed bok choy"])
def test_the_label_s_own_food_in_another_preparation_takes_its_own_curve(matcher: FoodMatcher, label: str) -> None:
    # the fish without its cut, raw bok choy for steamed: the label's food itself, right more often on dev than a food
    # standing for it ("pork curry" -> 'Beef curry'); both took one curve before (0.31)
    result = matcher.match(label)
    assert result.level == "preparation" and not result.stand_in
    assert result.confidence == calibrated("preparation", result.ranking_confidence) >= 0.5
    assert result.confidence > calibrated("preparation", result.ranking_confidence, stand_in=True)


def test_category_profiles_take_the_regular_food_not_its_lightened_variants() -> None:
    def record(name: str, kcal: float) -> FoodRecord:
        return FoodRecord(name, "survey_fndds_food", "Mayonnaise", [kcal] + [1.0] * 6)

    records = [record("Mayonnaise, regular", 680), record("Mayonnaise-type salad dressing", 250),
               record("Vegan mayonnaise", 232), record("Mayonnaise, light", 238), record("Mayonnaise, fat free", 64),
               record("Mayonnaise, reduced fat, with olive oil", 361), record("Mayonnaise, low sodium", 690)]
    mayonnaise = category_profiles(records)[0]
    assert mayonnaise.nutrients[0] == 465 and mayonnaise.basis.startswith("median of 4 ")  # sodium is no lightening


def test_a_fat_the_data_names_for_other_animals_backs_off_to_fats(matcher: FoodMatcher, kb) -> None:
    # FNDDS's "fat added" and "NS as to fat" say how a food was cooked: "fat" there names no food of "duck fat";
    # the fats of other birds are alike ("Fat, goose", "Fat, chicken": 900 kcal per 100 g)
    result = matcher.match("duck fat")
    assert result.level == "preparation" and result.food.description.startswith("Fat, ")
    assert float(kb.nutrients[result.food.index][0]) > 850


def test_words_fdc_writes_joined_find_their_entry(matcher: FoodMatcher) -> None:
    result = matcher.match("water chestnuts")  # not the chestnuts of "Nuts and seeds"
    assert result.level == "entry" and result.food.description.startswith("Waterchestnuts")


@pytest.mark.parametrize(("label", "entry"), [
    ("jelly beans", "Candies, jellybeans"), ("ginger snaps", "Cookies, gingersnaps"), ("corn bread", "Cornbread"),
    ("sea trout", "Fish, seatrout"), ("crab apple", "Crabapples"), ("grape seed oil", "Oil, grapeseed"),
])
def test_words_written_apart_find_the_entry_that_joins_them(matcher: FoodMatcher, label: str, entry: str) -> None:
    # no list of such pairs: two label words are read as the one word FDC writes (not candy beans, not ginger)
    result = matcher.match(label)
    assert result.level == "entry" and result.food.description.startswith(entry)


def test_words_fdc_only_writes_joined_are_read_joined(matcher: FoodMatcher) -> None:
    # 'rib' is a cut, so apart the label's food would be 'short'; FDC writes 'Beef, shortribs' and never 'short rib'
    assert matcher.match("braised short rib").food.description == "Beef, shortribs"
    assert matcher.match("hot dog").food.description.startswith("Hot dog")  # FDC writes it apart too: left apart


def test_a_dry_staple_is_not_the_plate_food(matcher: FoodMatcher, kb) -> None:
    # FDC's plain "Buckwheat" is the dry grain (343 kcal per 100 g); a plate holds it cooked
    result = matcher.match("buckwheat")
    assert result.level in ("preparation", "category") and float(kb.nutrients[result.food.index][0]) < 200
    assert float(kb.nutrients[matcher.match("dry buckwheat").food.index][0]) > 300  # asked for dry, it stays dry
    assert float(kb.nutrients[matcher.match("raw buckwheat").food.index][0]) > 300


def test_a_grain_the_data_cooks_only_under_its_form_name_is_that_cooked_form(matcher: FoodMatcher, kb) -> None:
    # FDC cooks buckwheat only as groats ('Buckwheat groats, roasted, cooked', 92 kcal per 100 g): that is the plate's
    # buckwheat, in another preparation, not the median of every cooked grain and pasta (128)
    result = matcher.match("roasted buckwheat")
    assert result.level == "preparation" and "buckwheat" in description_tokens(result.food.description)
    assert float(kb.nutrients[result.food.index][0]) < 110


@pytest.mark.parametrize("label", ["adzuki beans cooked", "boiled adzuki beans", "cooked buckwheat"])
def test_a_staple_said_to_be_cooked_is_never_the_dry_seed(matcher: FoodMatcher, kb, label: str) -> None:
    # FDC has adzuki beans only raw ('Beans, adzuki, mature seeds, raw', 329 kcal per 100 g): said cooked, it was that
    food = matcher.match(label).food  # first: a profile of the label's nearest entries adds a nutrient row
    assert float(kb.nutrients[food.index][0]) < 200


def test_a_shape_word_does_not_choose_the_category(matcher: FoodMatcher, kb) -> None:
    # "chili paste" shares "paste" with almond paste; its food is the chili, not nuts and seeds
    result = matcher.match("chili paste")
    assert result.level == "category" and "nut" not in result.food.category.lower()
    assert float(kb.nutrients[result.food.index][0]) < 300


@pytest.mark.parametrize("label", ["hemp seed oil", "chili oil", "pumpkin seed oil"])
def test_an_oil_the_data_lacks_is_answered_by_an_oil(matcher: FoodMatcher, kb, label: str) -> None:
    # every oil is about 884-900 kcal per 100 g: another oil is trustworthy, the median of the dressings' category not
    result = matcher.match(label)
    assert result.level == "preparation" and "oil" in result.food.description.lower()
    assert float(kb.nutrients[result.food.index][0]) > 850


@pytest.mark.parametrize("label", ["oil and lemon juice", "oil and garlic"])
def test_an_oil_joined_with_another_food_is_no_plain_oil(matcher: FoodMatcher, kb, label: str) -> None:
    # the label names a mixture: answering with one of its foods' kind counts the oil at 100 %
    result = matcher.match(label)
    assert result.food is not None and not result.food.description.lower().startswith(("oil,", "vegetable oil"))
    assert float(kb.nutrients[result.food.index][0]) < 850


def test_a_dish_is_answered_by_its_nearest_entries_not_its_whole_category(matcher: FoodMatcher, kb) -> None:
    # 'pineapple fried rice' is no entry: the fried rice entries that vote ('Rice, fried, NFS', '... with chicken',
    # 173-179 kcal per 100 g) answer, not the median of 'Fried rice and lo/chow mein', chow mein included (132)
    result = matcher.match("pineapple fried rice")
    whole = kb.foods[next(f.index for f in kb.foods if f.description == profile_description(result.food.category))]
    assert result.level == "category" and result.food.is_profile and result.food.category == "Fried rice and lo/chow mein"
    assert "nearest the label" in result.food.description and "'Rice, fried, NFS'" in result.food.basis
    assert float(kb.nutrients[result.food.index][0]) > 160 > float(kb.nutrients[whole.index][0])
    assert FoodMatcher(kb).match("pineapple fried rice").food is result.food  # made once, for every matcher of the kb


def test_nearest_entries_profiles_of_one_category_are_told_apart(engine: NutritionEngine) -> None:
    # two dishes of 'Poultry mixed dishes' answered by different chicken entries: each result names its own members
    meal = engine.analyse_meals([[ItemInput("0", "thai red curry", mass_g=300),
                                  ItemInput("1", "chicken with onions and lemon", mass_g=300)]])[0]
    curry, braise = meal.items
    assert curry.match.level == braise.match.level == "category"
    assert curry.match.food_id != braise.match.food_id and "'Chicken curry'" in curry.match.basis
    assert 90 <= curry.nutrients.kcal / 3 <= 130  # the chicken curries' 107-116 kcal per 100 g, not every poultry dish's 144
    assert any(w.code == "BACKED_OFF" and "nearest the label" in w.message for w in meal.warnings)


@pytest.mark.parametrize(("label", "stand_in"), [("pork curry", "beef"), ("duck curry", "chicken"),
                                                 ("tuna curry", "fish"), ("chickpea curry", "lentil")])
def test_a_dish_no_entry_makes_with_its_food_is_that_dish_of_the_nearest_food(engine: NutritionEngine, label: str,
                                                                              stand_in: str) -> None:
    # FDC's curries are of beef, chicken, fish, lentils and vegetables: a pork curry is the red meat's, a duck curry the
    # poultry's, a tuna curry the fish's (tuna is a fish), a chickpea curry the other legume's; not whichever curry's
    # category the words vote for ('Poultry mixed dishes' for pork and chickpeas), and not called the label's own food
    meal = engine.analyse_meals([[ItemInput("0", label, mass_g=100)]])[0]
    match = meal.items[0].match
    assert match.level == "preparation" and set(description_tokens(match.description)) == {"curry", stand_in}
    result = engine.matcher.match(label)
    assert result.stand_in and match.confidence == calibrated("preparation", result.ranking_confidence, stand_in=True)
    assert match.confidence < 0.5  # another food stands for the label's: said so
    assert any(w.code == "BACKED_OFF" and f"the curry of {stand_in}" in w.message for w in meal.warnings)


def test_a_dish_the_data_makes_with_the_labels_own_food_is_not_stood_in_for(matcher: FoodMatcher) -> None:
    assert matcher.match("chicken curry").food.description == "Chicken curry"
    assert matcher.match("lamb stew").food.description == "Stew, lamb"


def test_a_nearest_entries_profile_needs_entries_of_its_category(kb) -> None:
    chicken = [f for f in kb.foods if f.category == "Poultry mixed dishes" and not f.is_profile][:2]
    with pytest.raises(ValueError, match="at least 2 entries of 'Fish'"):
        kb.add_nearest_profile("Fish", chicken)


@pytest.mark.parametrize(("label", "foods"), [
    ("steak and eggs", ("steak", "egg")), ("eggs and bacon", ("egg", "bacon")),
    ("corned beef and cabbage", ("corned beef", "cabbage")),
])
def test_two_foods_no_entry_serves_together_are_answered_by_both_in_equal_parts(engine: NutritionEngine, label: str,
                                                                               foods: tuple[str, str]) -> None:
    # before: a category's median ('Egg/breakfast sandwiches' for eggs and bacon, 'Cold cuts' for the corned beef)
    meal = engine.analyse_meals([[ItemInput("0", label, mass_g=200)]])[0]
    item, parts = meal.items[0], [engine.matcher.match(food) for food in foods]
    assert item.match.level == "preparation"
    assert all(f"'{part.food.description}'" in item.match.basis for part in parts)
    kcal = sum(float(engine.kb.nutrients[part.food.index][0]) for part in parts)  # 200 g: 100 g of each
    assert item.nutrients.kcal == pytest.approx(kcal, rel=1e-3)
    assert any(w.code == "BACKED_OFF" and "equal parts" in w.message for w in meal.warnings)


def test_foods_joined_only_in_a_labels_reading_or_filling_a_dish_are_not_split(matcher: FoodMatcher) -> None:
    # "beef korma" reads "beef curry with cream": a curry cooked with some cream, not half cream; a sandwich's filling is
    # the sandwich's
    for label in ("beef korma", "fish moqueca", "turkey and cheese sandwich"):
        assert "equal parts" not in matcher.match(label).food.description
