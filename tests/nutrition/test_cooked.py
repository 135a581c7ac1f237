"""Plain cooked seafood derived from raw entries with SR Legacy's own cooking yield (pipeline/nutrition/cooked.py)."""

from __future__ import annotations

import math

import pytest

from pipeline.nutrition.cooked import (
    COOKED_DATA_TYPE, MIN_PAIRS, SEAFOOD_CATEGORY, bare_without_fat, cooked_seafood, cooked_staples, cooking_ratio,
    plain_cooked, staple_cooking_ratios,
)
from pipeline.nutrition.matcher import FoodMatcher
from pipeline.nutrition.retrieval import FoodIndex
from pipeline.nutrition.sources import FoodRecord

_SR = "sr_legacy_food"


def _seafood(description: str, data_type: str, kcal: float, protein: float) -> FoodRecord:
    return FoodRecord(description, data_type, SEAFOOD_CATEGORY, [kcal, protein, 1.0, 0.0, 0.0, 0.0, 60.0])


def _pairs(count: int, ratio: float) -> list[FoodRecord]:
    """``count`` species listed raw and cooked, dry heat, their protein ``ratio`` apart."""
    records = []
    for n in range(count):
        records.append(_seafood(f"Fish, species{n}, raw", _SR, 90.0, 20.0))
        records.append(_seafood(f"Fish, species{n}, cooked, dry heat", _SR, 90.0 * ratio, 20.0 * ratio))
    return records


def test_the_ratio_is_the_median_of_sr_legacys_raw_and_cooked_pairs() -> None:
    records = _pairs(MIN_PAIRS, 1.25) + [_seafood("Fish, odd, raw", _SR, 90, 20), _seafood("Fish, odd, cooked", _SR, 90, 30)]
    ratio, pairs = cooking_ratio(records)
    assert pairs == MIN_PAIRS + 1 and ratio == pytest.approx(1.25)


def test_a_species_listed_only_raw_gets_a_cooked_twin_that_names_its_source() -> None:
    snapper = _seafood("Snapper, frozen, wild caught", "foundation_food", 90.0, 20.7)
    records = _pairs(MIN_PAIRS, 1.28) + [snapper, _seafood("Fish, smoked eel, raw", _SR, 200, 18)]  # smoked: no
    derived = {r.description: r for r in cooked_seafood(records)}
    assert set(derived) == {"Snapper, wild caught, cooked, no added fat"}  # species SR lists cooked are not derived
    twin = derived["Snapper, wild caught, cooked, no added fat"]
    assert twin.data_type == COOKED_DATA_TYPE and twin.category == SEAFOOD_CATEGORY
    assert twin.nutrients[0] == pytest.approx(90.0 * 1.28) and twin.nutrients[1] == pytest.approx(20.7 * 1.28)
    assert "'Snapper, frozen, wild caught' (foundation_food)" in twin.basis and "1.280" in twin.basis


def test_without_enough_pairs_nothing_is_derived() -> None:
    records = _pairs(MIN_PAIRS - 1, 1.28) + [_seafood("Snapper, frozen, wild caught", "foundation_food", 90.0, 20.7)]
    assert cooked_seafood(records) == []


def test_plain_fish_is_the_fish_cooked_without_fat(matcher: FoodMatcher, kb) -> None:
    # the survey's 'Fish, snapper' and 'Fish, halibut' are coated (7.8 g carbohydrate), the rest raw as bought
    for label, low, high in (("snapper", 100, 140), ("halibut", 90, 140), ("grilled squid", 80, 140)):
        match = matcher.match(label)
        kcal = float(kb.nutrients[match.food.index][0])
        assert match.level == "entry" and low <= kcal <= high, (label, match.food.description, kcal)
        assert "cooked" in match.food.description.lower() or match.food.data_type == COOKED_DATA_TYPE, label
        assert not math.isnan(kcal)
    # snapper: the survey's 'Fish, snapper' less its frying fat and coating (or the raw snapper cooked), never as fried
    assert matcher.match("snapper").food.data_type == COOKED_DATA_TYPE


@pytest.mark.parametrize("label, fish", [("salmon fillet", "salmon"), ("cod fillet", "cod"),
                                         ("salmon steak", "salmon"), ("swordfish steak", "swordfish")])
def test_a_fish_cut_no_entry_names_is_the_fish_itself(matcher: FoodMatcher, label: str, fish: str) -> None:
    # FDC lists fish by species and cooking, never by cut: the cut must not pick 'Lomi salmon' or the 'Fish' profile
    result = matcher.match(label)
    plain = matcher.match(fish)
    assert result.level == "preparation" and result.food.description == plain.food.description


def test_a_cut_fish_is_not_the_unspecified_survey_fish(matcher: FoodMatcher, kb) -> None:
    # 'Fish, tuna, NFS' (85 kcal per 100 g) is FNDDS's canned tuna; a tuna steak is the fresh fish, cooked
    result = matcher.match("tuna steak")
    assert "nfs" not in result.food.description.lower() and "cooked" in result.food.description.lower()
    assert 105 <= float(kb.nutrients[result.food.index][0]) <= 190


def test_a_cut_of_another_animal_keeps_its_own_reading(matcher: FoodMatcher) -> None:
    # 'wing' is no cut of buffalo meat: the glossary's reading (chicken wings in hot sauce) still answers
    assert "chicken wing" in matcher.match("buffalo wings").food.description.lower()


def test_a_plain_meat_name_is_the_meat_cooked_not_as_bought(matcher: FoodMatcher) -> None:
    # the only entries naming the loin are Foundation's raw cuts; a plate holds the pork cooked
    result = matcher.match("pork loin")
    assert result.level == "preparation" and "raw" not in result.food.description.lower()
    assert result.food.description.lower().startswith("pork")
    assert "raw" in matcher.match("raw pork loin").food.description.lower()


@pytest.mark.parametrize(("label", "meat"), [("turkey sausage links", "turkey"), ("pork sausage links", "pork")])
def test_sausage_links_are_the_sausage_cooked(matcher: FoodMatcher, label: str, meat: str) -> None:
    # 'link' is the sausage's shape: the raw 'Sausage, turkey, breakfast links' names it, and the cooked entry that
    # carries most of the label answers (these were the meatless 'Soy and meat-alternative products' profile)
    description = matcher.match(label).food.description.lower()
    assert meat in description and "sausage" in description and "raw" not in description


def test_bought_raw_and_coated_entries_are_told(kb) -> None:
    index = FoodIndex(kb)
    texts = {(f.description, f.data_type): index.texts[f.index] for f in kb.foods}
    assert texts[("Snapper, frozen, wild caught", "foundation_food")].cooking == {"raw"}
    assert texts[("Fish, halibut", "survey_fndds_food")].added_fat == 1  # coated: fried or baked in fat
    assert texts[("Fish, cod, steamed", "survey_fndds_food")].added_fat == 0
    # a mussel's own glycogen, concentrated by cooking as its protein is (3.7 -> 7.4 g), is no coating
    assert texts[("Mollusks, mussel, blue, cooked, moist heat", "sr_legacy_food")].added_fat == 0
    # FNDDS's fried fish is coated though it says so nowhere (11.7 g carbohydrate per 100 g)
    assert texts[("Fish, cod, fried", "survey_fndds_food")].coated
    assert texts[("Fish, cod, baked or broiled, coated", "survey_fndds_food")].coated
    assert not texts[("Fish, cod, steamed", "survey_fndds_food")].coated


@pytest.mark.parametrize("label, expected", [
    ("battered cod", "Fish, cod, fried"),  # batter is only ever fried: the coated fried fish, not steamed cod
    ("breaded cod", "Fish, cod, baked or broiled, coated"),  # crumbs may be baked: the coated entry, either way
])
def test_a_coated_label_takes_a_coated_entry(matcher: FoodMatcher, label: str, expected: str) -> None:
    match = matcher.match(label)
    assert match.food.description == expected and match.level == "entry", (label, match.food.description, match.level)


def _legume(description: str, kcal: float, protein: float, fat: float) -> FoodRecord:
    return FoodRecord(description, "survey_fndds_food", "Beans, peas, legumes", [kcal, protein, fat, 20.0, 5.0, 1.0, 300.0])


def _fat_pairs(count: int) -> list[FoodRecord]:
    """``count`` legumes FNDDS lists with fat added (6.5 g more fat, 8.0 g protein) and with none (8.4 g protein)."""
    return [record for n in range(count) for record in (
        _legume(f"Beans{n}, from dried, fat added", 180.0, 8.0, 7.0), _legume(f"Beans{n}, from dried, no added fat", 130.0, 8.4, 0.5))]


def test_a_food_fndds_cooks_only_with_fat_gets_a_plain_twin_with_its_fat_taken_out() -> None:
    mung = _legume("Mung beans, cooked", 156.0, 6.5, 6.9)
    edamame = _legume("Edamame, cooked", 140.0, 11.5, 7.6)
    raw_edamame = FoodRecord("Edamame, frozen, unprepared", _SR, "Vegetables", [109.0, 11.2, 4.7, 8.9, 4.8, 2.5, 6.0])
    others = [_legume("Baked beans", 105.0, 4.5, 0.9), _legume("Beans with meat, NS as to type", 184.0, 10.7, 6.9),
              _legume("Beans0, from dried", 180.0, 8.0, 7.0)]  # too lean; a dish; a food listed without fat already
    derived = {r.description: r for r in plain_cooked(_fat_pairs(MIN_PAIRS) + [mung, edamame, raw_edamame] + others)}
    assert set(derived) == {"Mung beans, cooked, no added fat", "Edamame, cooked, no added fat"}
    twin = derived["Mung beans, cooked, no added fat"]
    assert twin.data_type == COOKED_DATA_TYPE and twin.category == "Beans, peas, legumes"
    assert twin.nutrients[2] == pytest.approx((6.9 - 6.5) * 1.05) and twin.nutrients[0] == pytest.approx((156 - 58.5) * 1.05)
    assert twin.nutrients[1] == pytest.approx(6.5 * 1.05) and "'Mung beans, cooked' (survey_fndds_food)" in twin.basis
    # edamame's own fat (4.7 g per 11.2 g protein raw) stays: only the 2.8 g beyond it is cooking fat
    own = 4.7 / 11.2 * 11.5
    assert derived["Edamame, cooked, no added fat"].nutrients[2] == pytest.approx(own * 1.05)
    assert plain_cooked(_fat_pairs(MIN_PAIRS - 1) + [mung]) == []


def test_plain_legumes_are_cooked_without_fat(matcher: FoodMatcher, kb) -> None:
    # FNDDS's 'Mung beans, cooked' (156 kcal) and 'Soybeans, cooked' (218) carry its default cooking fat
    for label, low, high in (("mung beans", 95, 115), ("soybeans", 160, 185)):
        match = matcher.match(label)
        kcal = float(kb.nutrients[match.food.index][0])
        assert match.food.description.endswith("cooked, no added fat") and low <= kcal <= high, (label, kcal)


def test_a_label_naming_the_method_takes_the_fat_that_method_carries(matcher: FoodMatcher, kb) -> None:
    # FNDDS roasts potatoes only in fat ('Potato, roasted, NFS', 4.25 g per 100 g, its description silent about it):
    # "roast potatoes" names that method, so the fat is no fat nobody asked for; a baked potato stays fat-free
    for label in ("roast potatoes", "roasted potatoes"):
        assert matcher.match(label).food.description == "Potato, roasted, NFS", label
    baked = matcher.match("baked potato").food
    assert float(kb.nutrients[baked.index][2]) < 1.0, baked.description


def _food(description: str, data_type: str, category: str, kcal: float, protein: float, fat: float, carbs: float) -> FoodRecord:
    return FoodRecord(description, data_type, category, [kcal, protein, fat, carbs, 1.0, 1.0, 50.0])


def test_a_bare_survey_entry_carrying_cooking_fat_gets_a_plain_twin() -> None:
    leeks = _food("Leeks", "survey_fndds_food", "Onions", 88.0, 1.6, 3.0, 14.7)
    raw_leeks = _food("Leeks, (bulb and lower leaf-portion), raw", _SR, "Vegetables and Vegetable Products", 61.0, 1.5, 0.3, 14.1)
    octopus = _food("Octopus", "survey_fndds_food", "Shellfish", 226.0, 13.2, 13.0, 13.4)
    raw_octopus = _food("Mollusks, octopus, common, raw", _SR, SEAFOOD_CATEGORY, 82.0, 14.9, 1.0, 2.2)
    lean = _food("Fish, cod", "survey_fndds_food", "Fish", 105.0, 22.0, 1.0, 0.0)  # no more fat than its raw food's
    raw_cod = _food("Fish, cod, Atlantic, raw", _SR, SEAFOOD_CATEGORY, 82.0, 17.8, 0.7, 0.0)
    bread = _food("Bread, fruit", "survey_fndds_food", "Yeast breads", 280.0, 6.0, 8.0, 50.0)  # no plain food's category
    derived = {r.description: r for r in bare_without_fat([leeks, raw_leeks, octopus, raw_octopus, lean, raw_cod, bread])}
    assert set(derived) == {"Leeks, no added fat", "Octopus, no added fat"}
    twin = derived["Leeks, no added fat"]
    excess = 3.0 - 0.3 / 15.6 * 16.3  # beyond the raw food's fat per gram of protein + carbohydrate
    assert twin.data_type == COOKED_DATA_TYPE and twin.category == "Onions"
    assert twin.nutrients[2] == pytest.approx((3.0 - excess) * 100 / (100 - excess))
    assert twin.nutrients[0] == pytest.approx((88.0 - 9 * excess) * 100 / (100 - excess))
    assert "'Leeks' (survey_fndds_food)" in twin.basis and "'leeks'" in twin.basis
    # the octopus's coating (13.4 g carbohydrate where raw octopus has 0.15 g per g of protein) goes with its fat
    assert derived["Octopus, no added fat"].nutrients[3] == pytest.approx(2.2 / 14.9 * 13.2 * 100 / (100 - 11.5 - 11.45), rel=0.02)


def test_a_bare_name_is_the_plain_food_and_a_fried_one_the_survey_entry(matcher: FoodMatcher, kb) -> None:
    # FNDDS 'Leeks' (88 kcal, 3.0 g fat per 100 g), 'Octopus' (226, 13.0 g) and 'Sauerkraut' (40, 2.5 g) carry cooking fat
    for label, low, high in (("leeks", 25, 66), ("octopus", 80, 170), ("sauerkraut", 15, 30)):
        match = matcher.match(label)
        kcal = float(kb.nutrients[match.food.index][0])
        assert match.level == "entry" and low <= kcal <= high, (label, match.food.description, kcal)
        assert match.food.data_type == COOKED_DATA_TYPE and "without the cooking fat" in match.food.basis
    for label, expected in (("fried leeks", "Leeks"), ("sauteed leeks", "Leeks"), ("fried octopus", "Octopus")):
        assert matcher.match(label).food.description == expected, label


@pytest.mark.parametrize("label", ["boiled cassava", "baked cassava", "steamed vegetables"])
def test_a_food_said_cooked_is_never_answered_raw(matcher: FoodMatcher, label: str) -> None:
    # 'Cassava, raw' and 'Raw vegetable, NFS' (30 kcal per 100 g) carry every other word of these labels; the label's
    # food cooked answers, found by its name even where the label's words do not retrieve it ('Cassava, cooked')
    match = matcher.match(label)
    assert match.level == "preparation" and "raw" not in match.food.description.lower(), (label, match.food.description)
    raw = "raw " + label.split()[-1]  # said raw, the raw entry stays
    assert "raw" in matcher.match(raw).food.description.lower(), raw


def test_a_food_said_cooked_that_fdc_lists_only_raw_is_no_trusted_entry(matcher: FoodMatcher) -> None:
    # FDC lists bok choy only raw: that entry stands for the food, but at the preparation level, not as the entry named
    match = matcher.match("steamed bok choy")
    assert match.food.description == "Cabbage, bok choy, raw" and match.level == "preparation"
    assert matcher.match("bok choy").level == "entry"


def _staple(description: str, data_type: str, kcal: float, fat: float = 1.0,
            category: str = "Cereal Grains and Pasta") -> FoodRecord:
    return FoodRecord(description, data_type, category, [kcal, kcal / 30, fat, kcal / 5, 3.0, 0.5, 5.0])


def _grain_pairs(count: int, ratio: float) -> list[FoodRecord]:
    """``count`` grains listed dry (SR Legacy) and cooked without fat, their energy ``ratio`` apart."""
    return [record for n in range(count) for record in (
        _staple(f"Grain{n}, pearled, raw", _SR, 350.0), _staple(f"Grain{n}, pearled, cooked", _SR, 350.0 * ratio))]


def test_a_grain_listed_only_dry_gets_a_cooked_twin_by_its_categorys_yield() -> None:
    red = _staple("Rice, red, unenriched, dry, raw", "foundation_food", 360.0)
    brown = _staple("Rice, brown, long grain, raw", "foundation_food", 368.0)
    listed = _staple("Rice, brown, cooked, no added fat", "survey_fndds_food", 123.0, category="Rice")
    chia = _staple("Chia seeds, dry, raw", "foundation_food", 490.0, fat=32.9)  # an oilseed, eaten as it is
    flour = _staple("Flour, rice, brown", "foundation_food", 365.0)  # milled: no seed to boil
    records = _grain_pairs(MIN_PAIRS, 0.35) + [red, brown, listed, chia, flour]
    assert staple_cooking_ratios(records)["Cereal Grains and Pasta"] == (pytest.approx(0.35, abs=0.01), MIN_PAIRS + 1)
    derived = {r.description: r for r in cooked_staples(records)}
    assert set(derived) == {"Rice, red, unenriched, cooked, no added fat"}  # brown rice is listed cooked already
    twin = derived["Rice, red, unenriched, cooked, no added fat"]
    assert twin.data_type == COOKED_DATA_TYPE and twin.category == red.category
    assert twin.nutrients[0] == pytest.approx(360.0 * 0.35, rel=0.03)
    assert "'Rice, red, unenriched, dry, raw' (foundation_food)" in twin.basis


def test_a_legume_also_eaten_fresh_or_without_enough_pairs_gets_no_cooked_twin() -> None:
    legumes = "Legumes and Legume Products"
    yardlong = _staple("Yardlong beans, mature seeds, raw", _SR, 347.0, category=legumes)
    fresh = _staple("Yardlong bean, raw", _SR, 47.0, category="Vegetables and Vegetable Products")
    pairs = [record for n in range(MIN_PAIRS) for record in (
        _staple(f"Beans, kind{n}, mature seeds, raw", _SR, 340.0, category=legumes),
        _staple(f"Kind{n} beans, from dried, no added fat", "survey_fndds_food", 128.0, category="Beans, peas, legumes"))]
    assert cooked_staples(pairs + [yardlong, fresh]) == []  # a bare "yardlong beans" is the pod vegetable
    navy = _staple("Beans, navy, mature seeds, raw", _SR, 337.0, category=legumes)
    assert [r.description for r in cooked_staples(pairs + [navy])] == ["Beans, navy, mature seeds, cooked, no added fat"]
    assert cooked_staples(pairs[2:] + [navy]) == []


@pytest.mark.parametrize("label", ["einkorn", "fonio", "cannellini beans", "cranberry beans"])
def test_a_grain_or_legume_the_data_lists_only_dry_is_eaten_cooked(matcher: FoodMatcher, kb, label: str) -> None:
    # it was the dry grain as sold ('Einkorn, grain, dry, raw', 346 kcal per 100 g) or another food's cooked entry
    result = matcher.match(label)
    assert result.food.data_type == COOKED_DATA_TYPE and "cooked" in result.food.description.lower()
    assert 100 <= float(kb.nutrients[result.food.index][0]) <= 150
