"""Recipe profiles: composite dishes that no USDA table has, composed from USDA ingredients (issue 10 point 3).

A dish such as risotto or shakshuka has no FoodData Central entry. Rather than the median of a whole
category, its profile is the weighted sum of the USDA entries it is cooked from, per 100 g of the dish
as served, with the recipe (ingredients, grams, and the source it follows) as its basis. Ingredients are
named by (description, data type) exactly as in FDC, in the state they go into the dish: most already as eaten
(cooked rice, poached eggs, stewed chicken), so the grams are the dish's own. A recipe whose listed weight is a
batter or dough still to be cooked through names that cooking (``Recipe.cooking``), and the dish weighs the
listed grams times that method's yield (:data:`COOKING_YIELDS`): cooking drives out water only, so the dish keeps
every nutrient of its ingredients in less weight. A recipe whose ingredient the source data lacks is not built
(the knowledge base's meta names it), never filled in.

The table covers the best-known composite dishes of many cuisines (written cuisine by cuisine from general
culinary knowledge, not from any benchmark's misses) that FDC does not name: where FDC has the dish ('Palak
Paneer', 'Pad Thai, NFS'), its entry answers and no recipe is written. A recipe is named after its dish as FDC
would write it, so the ordinary matcher reaches it by that name; other names of the dish are glossed to it
(pipeline/nutrition/glossary.py: "chole" -> "chana masala"). Each recipe's ``basis`` cites the usual home recipe it
follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.nutrition.constants import NUTRIENT_KEYS
from pipeline.nutrition.cooked import COOKED_DATA_TYPE as _COOKED
from pipeline.nutrition.sources import FoodRecord

#: ``data_type`` of a recipe profile in the knowledge base.
RECIPE_DATA_TYPE = "recipe_profile"
RECIPE_CATEGORY = "Recipe profiles"

_SR, _FNDDS, _FOUNDATION = "sr_legacy_food", "survey_fndds_food", "foundation_food"

#: Ingredients most recipes share, as (FDC description, data type).
_ONIONS = ("Onions, raw", _SR)
_GARLIC = ("Garlic, raw", _SR)
_GINGER = ("Ginger root, raw", _SR)
_OIL = ("Vegetable oil, NFS", _FNDDS)
_OLIVE_OIL = ("Oil, olive, salad or cooking", _SR)
_BUTTER = ("Butter, salted", _SR)
_RICE = ("Rice, white, cooked, no added fat", _FNDDS)
_CHICKEN_BROTH = ("Soup, chicken broth, ready-to-serve", _SR)
_BEEF_BROTH = ("Soup, beef broth, cubed, prepared with water", _SR)
_CHICKEN_THIGH = ("Chicken thigh, stewed, skin not eaten", _FNDDS)
_CHICKEN_THIGH_SKIN = ("Chicken thigh, stewed, skin eaten", _FNDDS)
_CHICKEN_BREAST = ("Chicken breast, stewed, skin not eaten", _FNDDS)
_BEEF_STEWED = ("Beef, stew meat", _FNDDS)
_TOMATOES_CANNED = ("Tomatoes, crushed, canned", _SR)
_TOMATOES = ("Tomatoes, red, ripe, raw, year round average", _SR)
_CREAM = ("Cream, heavy", _FNDDS)
_MILK = ("Milk, whole", _FNDDS)
_YOGURT = ("Yogurt, plain, whole milk", _FOUNDATION)
_EGG_RAW = ("Egg, whole, raw, fresh", _SR)
_FLOUR = ("Wheat flour, white, all-purpose, unenriched", _SR)
_SUGAR = ("Sugars, granulated", _SR)
_SOY_SAUCE = ("Soy sauce", _FNDDS)
_FISH_SAUCE = ("Fish sauce", _FNDDS)
_COCONUT_MILK = ("Coconut milk, used in cooking", _FNDDS)
_POTATO = ("Potato, cooked, as ingredient", _FNDDS)
_PASTA = ("Pasta, cooked, enriched, without added salt", _SR)
_RICE_NOODLES = ("Rice noodles, cooked", _SR)
_PORK_BELLY = ("Pork, belly", _FNDDS)
_BACON = ("Pork bacon, smoked or cured, cooked", _FNDDS)
_PORK_SAUSAGE = ("Pork sausage", _FNDDS)
_SESAME_OIL = ("Oil, sesame, salad or cooking", _SR)
_LIME_JUICE = ("Lime juice, raw", _SR)
_LEMON_JUICE = ("Lemon juice, raw", _SR)
_TOFU = ("Tofu, extra firm, prepared with nigari", _SR)
_KIMCHI = ("Kimchi", _FNDDS)
_PEANUTS = ("Peanuts, raw", _FOUNDATION)
_EGG_SCRAMBLED = ("Egg, whole, cooked, scrambled", _SR)
_EGG_BOILED = ("Egg, whole, cooked, hard-boiled", _SR)
_WINE_RED = ("Wine, red", _FNDDS)
_WINE_WHITE = ("Wine, white", _FNDDS)
_RICE_WINE = ("Wine, rice", _FNDDS)
_CARROTS = ("Carrots, raw", _SR)
_CABBAGE = ("Cabbage, raw", _SR)
_SCALLIONS = ("Onions, green, raw", _FNDDS)
_CILANTRO = ("Coriander (cilantro) leaves, raw", _SR)
_CHILI = ("Peppers, hot chili, red, raw", _SR)
_CUMIN = ("Spices, cumin seed", _SR)
_CORIANDER = ("Spices, coriander seed", _SR)
_TURMERIC = ("Spices, turmeric, ground", _SR)
_CHILI_POWDER = ("Spices, chili powder", _SR)
_PAPRIKA = ("Spices, paprika", _SR)
_CURRY_POWDER = ("Spices, curry powder", _SR)
_RED_PEPPER = ("Peppers, sweet, red, raw", _SR)
_MUSHROOMS = ("Mushrooms, cooked, as ingredient", _FNDDS)
_PEARL_ONIONS = ("Onions, pearl, cooked", _FNDDS)
_BEANS_WHITE = ("White beans, from dried, no added fat", _FNDDS)
_BLACK_BEANS = ("Black beans, from dried, no added fat", _FNDDS)
_CHEESE_PARMESAN = ("Cheese, parmesan, grated", _SR)
_WATER = ("Water, NFS", _FNDDS)
_LAMB = ("Lamb, NS as to cut", _FNDDS)
_GROUND_LAMB = ("Lamb, ground, cooked, broiled", _SR)
_GROUND_BEEF = ("Beef, ground", _FNDDS)
_CHICKPEAS = ("Chickpeas, from canned, no added fat", _FNDDS)
_LENTILS = ("Lentils, from dried, no added fat", _FNDDS)
_PEAS = ("Green peas, frozen, cooked, no added fat", _FNDDS)
_EGG_NOODLES = ("Noodles, egg, enriched, cooked", _SR)
_EGG_FRIED = ("Egg, whole, fried with oil", _FNDDS)
_MAYONNAISE = ("Mayonnaise, regular", _FNDDS)
_KETCHUP = ("Ketchup", _FNDDS)
_PARSLEY = ("Parsley, fresh", _SR)


#: Weight of the dish after the cooking its listed ingredients still go through, per gram of those ingredients.
#: "baked or griddled": a batter or dough weighed raw and cooked through by dry heat, in the oven, on a griddle or
#: in a pan (cakes, quick breads, batter puddings, pancakes, flatbreads); the whole listed weight goes through it,
#: save a garnish. Bakers' typical bake loss of cakes and quick breads is 10-15 % of the batter's weight; 0.88 keeps the
#: middle of it. Deep-fried doughs (oil taken up as water leaves), steamed ones (little water lost) and dishes
#: whose soak or sauce is added after baking (tres leches cake, malva pudding) name no cooking: their listed weight
#: is taken as the dish's.
COOKING_YIELDS: dict[str, float] = {"baked or griddled": 0.88}


@dataclass(frozen=True)
class Recipe:
    """A dish (its name as a description), its source, its ingredients (FDC description, data type, grams as they go
    into the dish), and the cooking those grams still go through (a key of :data:`COOKING_YIELDS`; None where the
    ingredients are weighed as eaten)."""

    name: str
    source: str
    ingredients: tuple[tuple[str, str, float], ...]
    cooking: str | None = None

    def __post_init__(self) -> None:
        if self.cooking is not None and self.cooking not in COOKING_YIELDS:
            raise ValueError(f"{self.name}: unknown cooking {self.cooking!r} (known: {sorted(COOKING_YIELDS)})")

    def listed_grams(self) -> float:
        """Weight of the ingredients as listed, in g."""
        return sum(g for _, _, g in self.ingredients)

    def dish_grams(self) -> float:
        """Weight of the dish as served, in g: its ingredients' grams times its cooking's yield (1 when none)."""
        return self.listed_grams() * (COOKING_YIELDS[self.cooking] if self.cooking else 1.0)


RECIPES: tuple[Recipe, ...] = (
    Recipe("Risotto", "risotto alla parmigiana as Italian home cooks make it: rice cooked in broth, finished "
           "with butter and parmesan (about 4 servings)", (
               ("Rice, white, cooked, no added fat", _FNDDS, 300.0),
               ("Soup, chicken broth, ready-to-serve", _SR, 100.0),
               ("Onions, raw", _SR, 30.0),
               ("Oil, olive, salad or cooking", _SR, 8.0),
               ("Butter, salted", _SR, 15.0),
               ("Cheese, parmesan, grated", _SR, 25.0),
           )),
    Recipe("Shakshuka", "North African / Levantine shakshuka: eggs poached in a tomato, pepper and onion sauce "
           "cooked in olive oil (2 servings)", (
               ("Tomatoes, canned, red, ripe, diced", _FOUNDATION, 300.0),
               ("Peppers, sweet, red, raw", _SR, 100.0),
               ("Onions, raw", _SR, 80.0),
               ("Oil, olive, salad or cooking", _SR, 20.0),
               ("Egg, whole, cooked, poached", _SR, 200.0),
               ("Spices, paprika", _SR, 3.0),
           )),
    Recipe("Poke bowl", "Hawaiian ahi poke bowl: sushi rice, raw tuna dressed with soy sauce and sesame oil, "
           "avocado, edamame, cucumber and seaweed (1 bowl)", (
               ("Rice, white, cooked, no added fat", _FNDDS, 200.0),
               ("Fish, tuna, fresh, yellowfin, raw", _SR, 120.0),
               ("Avocados, raw, all commercial varieties", _SR, 50.0),
               ("Edamame, frozen, prepared", _SR, 30.0),
               ("Cucumber, with peel, raw", _SR, 40.0),
               ("Seaweed, wakame, raw", _SR, 10.0),
               ("Soy sauce", _FNDDS, 15.0),
               ("Oil, sesame, salad or cooking", _SR, 5.0),
           )),
    Recipe("Goulash", "Hungarian beef goulash (gulyás): stewed beef with onion, pepper, tomato and paprika in "
           "its broth (about 4 servings)", (
               ("Beef, stew meat", _FNDDS, 300.0),
               ("Onions, raw", _SR, 150.0),
               ("Peppers, sweet, red, raw", _SR, 80.0),
               ("Tomatoes, canned, red, ripe, diced", _FOUNDATION, 100.0),
               ("Oil, olive, salad or cooking", _SR, 15.0),
               ("Spices, paprika", _SR, 8.0),
               ("Soup, beef broth, cubed, prepared with water", _SR, 250.0),
           )),
    # Indian subcontinent
    Recipe("Chicken korma", "North Indian chicken korma: chicken simmered in an onion, yogurt, cream and cashew sauce "
           "with ghee and mild spices (about 4 servings)", (
               (*_CHICKEN_THIGH, 450.0), (*_ONIONS, 150.0), (*_YOGURT, 120.0), (*_CREAM, 60.0),
               ("Nuts, cashew nuts, raw", _FOUNDATION, 35.0), ("Ghee, clarified butter", _FNDDS, 25.0),
               (*_GARLIC, 10.0), (*_GINGER, 10.0), (*_CORIANDER, 3.0), (*_TURMERIC, 2.0),
           )),
    Recipe("Butter chicken", "murgh makhani as Punjabi home cooks make it: grilled yogurt-marinated chicken in a "
           "tomato, butter and cream sauce (about 4 servings)", (
               (*_CHICKEN_THIGH, 450.0), (*_YOGURT, 60.0), (*_TOMATOES_CANNED, 250.0), (*_BUTTER, 40.0),
               (*_CREAM, 90.0), (*_ONIONS, 60.0), (*_GARLIC, 10.0), (*_GINGER, 10.0), (*_CHILI_POWDER, 4.0),
               (*_SUGAR, 5.0),
           )),
    Recipe("Chicken tikka masala", "British-Indian chicken tikka masala: yogurt-marinated grilled chicken breast in a "
           "spiced tomato, onion and cream sauce (about 4 servings)", (
               (*_CHICKEN_BREAST, 450.0), (*_YOGURT, 80.0), (*_TOMATOES_CANNED, 250.0), (*_ONIONS, 120.0),
               (*_CREAM, 100.0), (*_OIL, 30.0), (*_GARLIC, 10.0), (*_GINGER, 10.0), (*_CUMIN, 3.0),
               (*_PAPRIKA, 4.0),
           )),
    Recipe("Chana masala", "Punjabi chana masala: chickpeas simmered in an onion, tomato, ginger and garlic gravy "
           "with cumin, coriander and lemon (about 4 servings)", (
               (*_CHICKPEAS, 480.0), (*_TOMATOES_CANNED, 200.0),
               (*_ONIONS, 150.0), (*_OIL, 30.0), (*_GARLIC, 10.0), (*_GINGER, 10.0), (*_CUMIN, 3.0),
               (*_CORIANDER, 3.0), (*_CHILI_POWDER, 2.0), (*_LEMON_JUICE, 10.0),
           )),
    Recipe("Aloo gobi", "Punjabi aloo gobi: potatoes and cauliflower cooked dry with onion, tomato, ginger, cumin and "
           "turmeric in oil (about 4 servings)", (
               (*_POTATO, 300.0), ("Cauliflower, cooked, as ingredient", _FNDDS, 350.0), (*_ONIONS, 80.0),
               ("Tomatoes, raw", _FNDDS, 100.0), (*_OIL, 35.0), (*_GINGER, 10.0), (*_CUMIN, 3.0), (*_TURMERIC, 3.0),
           )),
    Recipe("Baingan bharta", "Punjabi baingan bharta: fire-roasted eggplant mashed and cooked with onion, tomato, "
           "garlic and chili in oil (about 4 servings)", (
               ("Eggplant, cooked, as ingredient", _FNDDS, 500.0), (*_ONIONS, 100.0), (*_TOMATOES, 150.0),
               (*_OIL, 30.0), (*_GARLIC, 10.0), (*_GINGER, 5.0), (*_CUMIN, 2.0), (*_CHILI_POWDER, 3.0),
           )),
    Recipe("Malai kofta", "North Indian malai kofta: fried potato and paneer balls in a tomato, cashew and cream "
           "sauce (about 4 servings)", (
               (*_POTATO, 200.0), ("Cheese, paneer", _FNDDS, 150.0), ("Cornstarch", _SR, 15.0), (*_OIL, 50.0),
               (*_TOMATOES_CANNED, 200.0), (*_CREAM, 100.0), (*_ONIONS, 100.0),
               ("Nuts, cashew nuts, raw", _FOUNDATION, 30.0), (*_BUTTER, 15.0), (*_GINGER, 5.0),
           )),
    Recipe("Onion bhaji", "onion bhaji (pakora): sliced onion in a spiced chickpea-flour batter, deep fried "
           "(about 12 fritters)", (
               (*_ONIONS, 300.0), ("Chickpea flour (besan)", _SR, 100.0), (*_OIL, 60.0), (*_CUMIN, 2.0),
               (*_TURMERIC, 1.0), (*_CHILI, 5.0),
           )),
    Recipe("Pork vindaloo", "Goan pork vindaloo: pork simmered in a vinegar, chili, garlic and onion paste (about 4 "
           "servings)", (
               ("Pork, roast", _FNDDS, 450.0), (*_ONIONS, 150.0), (*_TOMATOES_CANNED, 100.0), (*_OIL, 40.0),
               ("Vinegar, cider", _SR, 40.0), (*_GARLIC, 15.0), (*_GINGER, 10.0), (*_CHILI_POWDER, 8.0),
               (*_CUMIN, 3.0), (*_SUGAR, 5.0),
           )),
    Recipe("Tandoori chicken", "Punjabi tandoori chicken: chicken legs marinated in yogurt, lemon, ginger, garlic and "
           "spices, roasted hot (skin off, about 4 servings)", (
               ("Chicken drumstick, stewed, skin not eaten", _FNDDS, 300.0), (*_CHICKEN_THIGH, 300.0),
               (*_YOGURT, 80.0), (*_LEMON_JUICE, 15.0), (*_OIL, 15.0), (*_GARLIC, 10.0), (*_GINGER, 10.0),
               (*_PAPRIKA, 5.0), (*_CUMIN, 2.0),
           )),
    Recipe("Gulab jamun", "gulab jamun: milk-powder and flour dough balls fried in ghee and soaked in "
           "cardamom sugar syrup (about 20 pieces)", (
               ("Milk, dry, whole, without added vitamin D", _SR, 100.0), (*_FLOUR, 30.0), (*_MILK, 50.0),
               ("Ghee, clarified butter", _FNDDS, 40.0), (*_SUGAR, 200.0), (*_WATER, 150.0),
               ("Spices, cardamom", _SR, 1.0),
           )),
    Recipe("Lamb korma", "Mughlai lamb korma: lamb braised in a yogurt, onion and cashew sauce finished with cream "
           "(about 4 servings)", (
               (*_LAMB, 450.0), (*_ONIONS, 150.0), (*_YOGURT, 150.0), (*_CREAM, 100.0),
               ("Nuts, cashew nuts, raw", _FOUNDATION, 40.0), ("Ghee, clarified butter", _FNDDS, 30.0),
               (*_GARLIC, 10.0),
               (*_GINGER, 10.0), (*_CORIANDER, 5.0), (*_CUMIN, 3.0), (*_WATER, 150.0),
           )),
    Recipe("Rogan josh", "Kashmiri rogan josh: lamb braised with yogurt, Kashmiri chili, ginger and fennel in oil "
           "(about 4 servings)", (
               (*_LAMB, 500.0), (*_ONIONS, 150.0), (*_YOGURT, 100.0), (*_TOMATOES_CANNED, 100.0), (*_OIL, 40.0),
               (*_CHILI_POWDER, 6.0), (*_PAPRIKA, 6.0), (*_GARLIC, 10.0), (*_GINGER, 10.0), (*_WATER, 200.0),
           )),
    Recipe("Pav bhaji", "Mumbai pav bhaji: a buttery mashed vegetable curry of potato, cauliflower, peas, tomato and "
           "pepper, served with butter-toasted soft rolls (about 4 plates)", (
               (*_POTATO, 300.0), ("Cauliflower, cooked, as ingredient", _FNDDS, 100.0), (*_PEAS, 100.0),
               (*_TOMATOES, 200.0), (*_ONIONS, 100.0), ("Peppers, sweet, green, raw", _SR, 50.0), (*_BUTTER, 70.0),
               ("Rolls, hamburger or hotdog, plain", _SR, 240.0), (*_CHILI_POWDER, 5.0), (*_LEMON_JUICE, 10.0),
           )),
    Recipe("Vada pav", "Mumbai vada pav: a spiced potato fritter in chickpea-flour batter, deep fried, in a soft roll "
           "with green and garlic chutney (1 sandwich)", (
               (*_POTATO, 120.0), ("Chickpea flour (besan)", _SR, 25.0), (*_OIL, 20.0),
               ("Rolls, hamburger or hotdog, plain", _SR, 60.0), (*_CILANTRO, 8.0), (*_GARLIC, 4.0), (*_CHILI, 3.0),
           )),
    Recipe("Rajma", "Punjabi rajma: red kidney beans simmered in an onion, tomato, ginger and garlic gravy (about 4 "
           "servings)", (
               ("Kidney beans, from canned, no added fat", _FNDDS, 500.0), (*_ONIONS, 120.0),
               (*_TOMATOES_CANNED, 200.0),
               (*_OIL, 30.0), (*_GARLIC, 8.0), (*_GINGER, 8.0), (*_CUMIN, 3.0), (*_CORIANDER, 3.0), (*_WATER, 150.0),
           )),
    Recipe("Poha", "Maharashtrian kanda poha: flattened rice (softened, as cooked white rice) tempered in oil with "
           "onion, potato, peanuts, turmeric and lemon (about 3 servings)", (
               (*_RICE, 300.0), (*_ONIONS, 60.0), (*_POTATO, 60.0), (*_PEANUTS, 25.0), (*_OIL, 20.0), (*_PEAS, 30.0),
               (*_TURMERIC, 2.0), (*_LEMON_JUICE, 10.0), (*_CILANTRO, 5.0),
           )),
    Recipe("Keema", "keema matar: minced lamb cooked with onion, tomato, peas, ginger, garlic and garam masala (about "
           "4 servings)", (
               (*_GROUND_LAMB, 400.0), (*_ONIONS, 150.0), (*_TOMATOES_CANNED, 150.0), (*_PEAS, 100.0), (*_OIL, 20.0),
               (*_GARLIC, 10.0), (*_GINGER, 10.0), (*_CUMIN, 3.0), (*_CORIANDER, 3.0), (*_CHILI_POWDER, 3.0),
           )),
    Recipe("Aloo paratha", "Punjabi aloo paratha: a flaky griddled wheat flatbread stuffed with spiced mashed potato, "
           "brushed with ghee (2 parathas)", (
               ("Bread, paratha", _FNDDS, 160.0), (*_POTATO, 140.0), (*_ONIONS, 15.0), (*_CILANTRO, 5.0),
               ("Ghee, clarified butter", _FNDDS, 10.0), (*_CHILI, 3.0),
           )),
    Recipe("Matar paneer", "North Indian matar paneer: paneer cubes and peas in an onion-tomato gravy with a little "
           "cream (about 4 servings)", (
               ("Cheese, paneer", _FNDDS, 200.0), (*_PEAS, 200.0), (*_TOMATOES, 200.0), (*_ONIONS, 100.0),
               (*_OIL, 30.0),
               (*_CREAM, 30.0), (*_GARLIC, 6.0), (*_GINGER, 6.0), (*_TURMERIC, 2.0), (*_CHILI_POWDER, 3.0),
               (*_WATER, 100.0),
           )),
    Recipe("Dal makhani", "Punjabi dal makhani: whole black lentils (urad) and kidney beans slow-cooked with tomato, "
           "butter and cream (about 6 servings)", (
               ("Mungo beans, mature seeds, raw", _SR, 200.0),
               ("Kidney beans, from canned, no added fat", _FNDDS, 100.0),
               (*_WATER, 700.0), (*_TOMATOES_CANNED, 150.0), (*_ONIONS, 80.0), (*_BUTTER, 50.0), (*_CREAM, 80.0),
               (*_GARLIC, 10.0), (*_GINGER, 10.0), (*_CHILI_POWDER, 4.0),
           )),
    Recipe("Kathi roll", "Kolkata kathi roll: chicken tikka and onion with chutney, rolled in an egg-coated paratha "
           "(1 roll)", (
               ("Bread, paratha", _FNDDS, 100.0), ("Chicken fillet, grilled", _FNDDS, 90.0), (*_EGG_RAW, 50.0),
               (*_ONIONS, 30.0), (*_OIL, 5.0), (*_CILANTRO, 5.0), (*_LIME_JUICE, 5.0),
           )),
    Recipe("Ras malai", "Bengali ras malai: soft chhena (paneer) dumplings in sweetened, reduced cardamom milk with "
           "pistachios (about 8 pieces)", (
               ("Cheese, paneer", _FNDDS, 200.0), ("Milk, evaporated, whole", _FNDDS, 400.0), (*_SUGAR, 90.0),
               ("Nuts, pistachio nuts, raw", _FOUNDATION, 15.0), ("Spices, cardamom", _SR, 1.0),
           )),
    Recipe("Chole bhature", "Punjabi chole bhature: spiced chickpea curry with deep-fried puffed bhatura bread "
           "(1 plate: 2 bhature)", (
               (*_CHICKPEAS, 200.0), (*_ONIONS, 40.0), (*_TOMATOES_CANNED, 50.0), (*_OIL, 12.0), (*_GINGER, 3.0),
               (*_CUMIN, 1.0), (*_CORIANDER, 1.0), ("Bread, puri", _FNDDS, 120.0),
           )),
    Recipe("Pani puri", "Indian pani puri (golgappa): crisp fried puris filled with potato and chickpeas and dipped in "
           "tamarind-mint water (1 plate of 6)", (
               ("Bread, puri", _FNDDS, 60.0), (*_POTATO, 50.0), (*_CHICKPEAS, 30.0), (*_ONIONS, 10.0),
               ("Tamarinds, raw", _SR, 10.0), (*_SUGAR, 5.0), (*_CILANTRO, 5.0), (*_WATER, 120.0),
           )),
    Recipe("Nihari", "Delhi / Lahori nihari: beef shank slow-stewed overnight in a spiced ghee gravy thickened with "
           "flour (about 6 servings)", (
               (*_BEEF_STEWED, 600.0), ("Ghee, clarified butter", _FNDDS, 80.0), (*_FLOUR, 30.0), (*_ONIONS, 100.0),
               (*_GINGER, 15.0), (*_GARLIC, 10.0), (*_CHILI_POWDER, 6.0), (*_CORIANDER, 4.0), (*_WATER, 600.0),
           )),
    Recipe("Haleem", "Hyderabadi haleem: wheat, lentils and meat slow-cooked and pounded into a thick porridge, "
           "topped with ghee and fried onions (about 8 servings)", (
               ("Bulgur, cooked", _SR, 400.0), (*_LENTILS, 200.0), (*_BEEF_STEWED, 400.0),
               ("Ghee, clarified butter", _FNDDS, 60.0),
               ("Onions, cooked, as ingredient", _FNDDS, 100.0), (*_OIL, 20.0), (*_GINGER, 10.0), (*_GARLIC, 10.0),
               (*_WATER, 300.0),
           )),
    # China, Japan, Korea
    Recipe("Mapo tofu", "Sichuan mapo tofu: tofu and minced pork braised in a chili bean, broth and chili oil sauce, "
           "thickened with starch (about 3 servings)", (
               (*_TOFU, 400.0), ("Pork, fresh, ground, cooked", _SR, 100.0), (*_OIL, 30.0), (*_CHICKEN_BROTH, 150.0),
               (*_SOY_SAUCE, 15.0), ("Miso", _SR, 20.0), ("Cornstarch", _SR, 8.0), (*_SCALLIONS, 20.0),
               (*_GARLIC, 8.0), (*_GINGER, 5.0), (*_CHILI_POWDER, 3.0),
           )),
    Recipe("Dan dan noodles", "Sichuan dan dan noodles: wheat noodles with fried minced pork, sesame paste, chili oil "
           "and soy sauce, bok choy and peanuts (2 bowls)", (
               ("Noodles, cooked", _FNDDS, 300.0), ("Pork, fresh, ground, cooked", _SR, 100.0),
               ("Seeds, sesame butter, paste", _SR, 30.0), (*_OIL, 20.0), (*_SOY_SAUCE, 20.0),
               (*_CHICKEN_BROTH, 100.0), ("Cabbage, bok choy, raw", _FOUNDATION, 60.0), (*_PEANUTS, 10.0),
               (*_SUGAR, 5.0),
           )),
    Recipe("Okonomiyaki", "Osaka okonomiyaki: a cabbage pancake of flour, egg and dashi with pork belly, topped with "
           "okonomiyaki sauce and mayonnaise (2 pancakes)", (
               (*_CABBAGE, 200.0), (*_FLOUR, 100.0), (*_EGG_RAW, 100.0), (*_CHICKEN_BROTH, 100.0),
               (*_PORK_BELLY, 50.0), (*_OIL, 10.0), ("Worcestershire sauce", _FNDDS, 25.0),
               (*_MAYONNAISE, 20.0),
           ), cooking="baked or griddled"),
    Recipe("Oyakodon", "Japanese oyakodon: chicken and onion simmered in dashi, soy sauce and mirin, set with egg, "
           "over rice (1 bowl)", (
               (*_RICE, 250.0), (*_CHICKEN_THIGH, 100.0), (*_EGG_SCRAMBLED, 100.0), (*_ONIONS, 50.0),
               (*_CHICKEN_BROTH, 60.0), (*_SOY_SAUCE, 20.0), (*_RICE_WINE, 15.0), (*_SUGAR, 8.0),
           )),
    Recipe("Gyudon", "Japanese gyudon: thin-sliced beef and onion simmered in dashi, soy sauce, mirin and sugar, "
           "over rice (1 bowl)", (
               (*_RICE, 250.0), (*_BEEF_STEWED, 100.0), (*_ONIONS, 60.0), (*_CHICKEN_BROTH, 60.0),
               (*_SOY_SAUCE, 20.0), (*_RICE_WINE, 15.0), (*_SUGAR, 8.0),
           )),
    Recipe("Katsudon", "Japanese katsudon: a breaded fried pork cutlet simmered with onion and egg in dashi and soy "
           "sauce, over rice (1 bowl)", (
               (*_RICE, 250.0), ("Pork, chop, coated, lean only eaten", _FNDDS, 120.0), (*_EGG_SCRAMBLED, 100.0),
               (*_ONIONS, 50.0), (*_CHICKEN_BROTH, 60.0), (*_SOY_SAUCE, 20.0), (*_SUGAR, 8.0),
           )),
    Recipe("Katsu curry", "Japanese katsu curry: a breaded fried pork cutlet with Japanese curry sauce over rice "
           "(1 plate)", (
               (*_RICE, 250.0), ("Pork, chop, coated, lean only eaten", _FNDDS, 120.0), ("Curry sauce", _FNDDS, 150.0),
           )),
    Recipe("Sukiyaki", "Kanto sukiyaki: thin-sliced beef, tofu, napa cabbage, shiitake and scallions simmered in soy "
           "sauce, sugar and sake, dipped in raw egg (about 3 servings)", (
               (*_BEEF_STEWED, 250.0), (*_TOFU, 150.0), ("Cabbage, napa, cooked", _SR, 150.0),
               ("Mushrooms, shiitake, cooked, without salt", _SR, 60.0), (*_SCALLIONS, 50.0), (*_SOY_SAUCE, 40.0),
               (*_SUGAR, 20.0), (*_RICE_WINE, 30.0), (*_EGG_RAW, 100.0),
           )),
    Recipe("Yakisoba", "Japanese yakisoba: wheat noodles stir-fried with pork belly, cabbage, carrot and onion in "
           "yakisoba (Worcestershire-style) sauce (2 plates)", (
               ("Noodles, cooked", _FNDDS, 300.0), (*_PORK_BELLY, 60.0), (*_CABBAGE, 100.0), (*_CARROTS, 30.0),
               (*_ONIONS, 30.0), (*_OIL, 15.0), ("Worcestershire sauce", _FNDDS, 30.0), (*_SOY_SAUCE, 10.0),
           )),
    Recipe("Onigiri", "Japanese onigiri: a salted rice ball with a grilled-salmon filling, wrapped in nori (1 rice "
           "ball)", (
               (*_RICE, 110.0), ("Fish, salmon, pink, cooked, dry heat", _SR, 15.0), ("Seaweed, laver, raw", _SR, 3.0),
           )),
    Recipe("Bulgogi", "Korean bulgogi: thin-sliced beef marinated in soy sauce, sugar, sesame oil, garlic and onion, "
           "grilled (about 4 servings)", (
               ("Beef, steak, ribeye, lean only eaten", _FNDDS, 400.0), (*_ONIONS, 100.0), (*_SOY_SAUCE, 40.0),
               (*_SUGAR, 20.0), (*_SESAME_OIL, 10.0), (*_GARLIC, 15.0), (*_SCALLIONS, 20.0),
           )),
    Recipe("Japchae", "Korean japchae: glass noodles stir-fried with beef, spinach, carrot, onion and mushrooms in "
           "soy sauce, sugar and sesame oil (about 4 servings)", (
               ("Vermicelli, made from soybeans", _FNDDS, 300.0), (*_BEEF_STEWED, 100.0),
               ("Spinach, cooked, as ingredient", _FNDDS, 100.0), (*_CARROTS, 60.0), (*_ONIONS, 60.0),
               (*_MUSHROOMS, 60.0), (*_SOY_SAUCE, 30.0), (*_SUGAR, 15.0), (*_SESAME_OIL, 15.0), (*_OIL, 10.0),
           )),
    Recipe("Kimchi jjigae", "Korean kimchi jjigae: aged kimchi stewed with pork belly and tofu in broth with chili "
           "flakes (about 3 servings)", (
               (*_KIMCHI, 300.0), (*_PORK_BELLY, 100.0), (*_TOFU, 150.0), (*_ONIONS, 50.0), (*_WATER, 400.0),
               (*_CHILI_POWDER, 5.0), (*_OIL, 10.0), (*_SCALLIONS, 20.0),
           )),
    Recipe("Sundubu jjigae", "Korean sundubu jjigae: soft tofu stew with seafood, egg and chili oil in anchovy broth "
           "(about 2 servings)", (
               (*_TOFU, 300.0), (*_WATER, 300.0), (*_EGG_RAW, 50.0), ("Crustaceans, shrimp, cooked", _SR, 60.0),
               (*_ONIONS, 30.0), (*_SCALLIONS, 15.0), (*_CHILI_POWDER, 5.0), (*_OIL, 10.0), (*_SOY_SAUCE, 10.0),
           )),
    Recipe("Kimchi fried rice", "Korean kimchi bokkeumbap: rice fried with kimchi and pork in oil, topped with a fried "
           "egg (2 plates)", (
               (*_RICE, 300.0), (*_KIMCHI, 150.0), (*_PORK_BELLY, 50.0), (*_OIL, 20.0),
               (*_EGG_FRIED, 100.0), (*_SOY_SAUCE, 10.0), (*_SESAME_OIL, 5.0),
           )),
    Recipe("Scallion pancake", "Chinese scallion pancake (cong you bing): laminated wheat dough with scallions and "
           "oil, pan fried (4 pancakes)", (
               (*_FLOUR, 250.0), (*_WATER, 150.0), (*_OIL, 45.0), (*_SCALLIONS, 60.0), (*_SESAME_OIL, 5.0),
           ), cooking="baked or griddled"),
    Recipe("Red braised pork", "Shanghai red braised pork belly (hong shao rou): pork belly braised with soy sauce, "
           "Shaoxing wine, rock sugar and ginger until glossy (about 4 servings)", (
               (*_PORK_BELLY, 500.0), (*_SOY_SAUCE, 40.0), (*_RICE_WINE, 40.0), (*_SUGAR, 30.0), (*_GINGER, 10.0),
               (*_SCALLIONS, 20.0), (*_WATER, 100.0),
           )),
    Recipe("Twice cooked pork", "Sichuan twice-cooked pork (hui guo rou): boiled pork belly sliced and stir fried with "
           "green peppers, leek, chili bean paste and soy (about 3 servings)", (
               (*_PORK_BELLY, 300.0), ("Peppers, sweet, green, raw", _SR, 150.0),
               ("Leeks, (bulb and lower leaf-portion), raw", _SR, 80.0),
               (*_OIL, 20.0), ("Miso", _SR, 20.0), (*_SOY_SAUCE, 10.0), (*_SUGAR, 5.0), (*_CHILI, 5.0),
           )),
    Recipe("Takoyaki", "Osaka takoyaki: dashi and egg batter balls filled with octopus, scallion and pickled ginger, "
           "topped with takoyaki sauce and mayonnaise (about 24 balls)", (
               (*_FLOUR, 100.0), (*_EGG_RAW, 100.0), (*_WATER, 250.0),
               ("Mollusks, octopus, common, cooked, no added fat", _COOKED, 80.0),
               (*_SCALLIONS, 20.0), (*_OIL, 15.0), ("Worcestershire sauce", _FNDDS, 30.0), (*_MAYONNAISE, 25.0),
           ), cooking="baked or griddled"),
    Recipe("Karaage", "Japanese karaage: chicken thigh marinated in soy, ginger and garlic, coated in potato starch "
           "and deep fried (about 4 servings)", (
               (*_CHICKEN_THIGH, 400.0), ("Cornstarch", _SR, 40.0), (*_OIL, 40.0), (*_SOY_SAUCE, 20.0), (*_GINGER, 5.0),
               (*_GARLIC, 5.0),
           )),
    Recipe("Chawanmushi", "Japanese chawanmushi: a savoury egg custard set in dashi with chicken, shrimp and shiitake "
           "(4 cups)", (
               (*_EGG_RAW, 100.0), ("Fish broth", _SR, 300.0), (*_SOY_SAUCE, 5.0), (*_CHICKEN_BREAST, 30.0),
               ("Crustaceans, shrimp, cooked", _SR, 30.0), ("Mushrooms, shiitake, cooked, without salt", _SR, 20.0),
           )),
    Recipe("Nikujaga", "Japanese nikujaga: thin-sliced beef simmered with potato, onion and carrot in dashi, soy, "
           "mirin and sugar (about 4 servings)", (
               ("Beef, steak, NFS", _FNDDS, 200.0), (*_POTATO, 400.0), (*_ONIONS, 150.0), (*_CARROTS, 100.0),
               (*_SOY_SAUCE, 40.0), (*_RICE_WINE, 30.0), (*_SUGAR, 20.0), (*_OIL, 10.0), (*_WATER, 150.0),
           )),
    Recipe("Omurice", "Japanese omurice: chicken ketchup fried rice wrapped in a thin butter omelet, topped with "
           "ketchup (1 plate)", (
               (*_RICE, 250.0), (*_CHICKEN_THIGH, 60.0), (*_ONIONS, 30.0), (*_KETCHUP, 50.0), (*_BUTTER, 20.0),
               (*_EGG_RAW, 100.0),
           )),
    Recipe("Yakitori", "Japanese yakitori (negima): skewered chicken thigh and scallion grilled with a soy, mirin and "
           "sugar tare (about 8 skewers)", (
               (*_CHICKEN_THIGH_SKIN, 300.0), (*_SCALLIONS, 60.0), (*_SOY_SAUCE, 25.0), (*_RICE_WINE, 25.0),
               (*_SUGAR, 15.0),
           )),
    Recipe("Mochi", "Japanese daifuku mochi: glutinous rice-flour dough steamed with sugar, wrapped around sweet red "
           "bean paste and dusted with starch (about 8 pieces)", (
               ("Flour, rice, glutinous", _FOUNDATION, 100.0), (*_WATER, 90.0), (*_SUGAR, 50.0),
               ("Bean paste, sweetened", _FNDDS, 150.0), ("Cornstarch", _SR, 10.0),
           )),
    Recipe("Dorayaki", "Japanese dorayaki: two honey-sweetened pancakes of flour, egg and sugar sandwiching sweet red "
           "bean paste (about 6)", (
               (*_FLOUR, 120.0), (*_EGG_RAW, 150.0), (*_SUGAR, 90.0), ("Honey", _SR, 15.0), (*_WATER, 30.0),
               (*_OIL, 5.0), ("Bean paste, sweetened", _FNDDS, 250.0),
           )),
    Recipe("Pajeon", "Korean haemul pajeon: a crisp scallion and seafood pancake of wheat flour, egg and water, pan "
           "fried in oil (2 pancakes)", (
               (*_FLOUR, 150.0), (*_EGG_RAW, 50.0), (*_WATER, 200.0), (*_SCALLIONS, 150.0),
               ("Crustaceans, shrimp, cooked", _SR, 60.0),
               ("Mollusks, squid, mixed species, cooked, no added fat", _COOKED, 60.0),
               (*_OIL, 40.0), (*_SOY_SAUCE, 15.0),
           ), cooking="baked or griddled"),
    Recipe("Doenjang jjigae", "Korean doenjang jjigae: soybean-paste stew with tofu, zucchini, potato, onion and "
           "mushrooms in anchovy broth (about 3 servings)", (
               ("Miso", _SR, 50.0), (*_TOFU, 200.0), ("Squash, summer, zucchini, includes skin, raw", _SR, 100.0),
               (*_POTATO, 80.0), (*_ONIONS, 60.0), (*_MUSHROOMS, 50.0), ("Fish broth", _SR, 500.0), (*_GARLIC, 5.0),
               (*_CHILI, 5.0),
           )),
    Recipe("Budae jjigae", "Korean budae jjigae (army stew): Spam, hot dogs, kimchi, tofu and instant noodles boiled "
           "in a spicy broth with a slice of cheese (about 4 servings)", (
               ("Spam", _FNDDS, 120.0), ("Frankfurter, beef, heated", _SR, 100.0), (*_KIMCHI, 150.0), (*_TOFU, 100.0),
               ("Noodles, cooked", _FNDDS, 200.0), ("Cheese, cheddar", _FOUNDATION, 20.0), (*_ONIONS, 50.0),
               (*_SCALLIONS, 20.0), (*_CHILI_POWDER, 5.0), (*_CHICKEN_BROTH, 600.0),
           )),
    Recipe("Jjajangmyeon", "Korean-Chinese jjajangmyeon: wheat noodles in a black bean sauce of pork, onion, zucchini "
           "and potato, thickened with starch (about 3 servings)", (
               ("Noodles, cooked", _FNDDS, 450.0), (*_PORK_BELLY, 80.0), (*_ONIONS, 150.0),
               ("Squash, summer, zucchini, includes skin, raw", _SR, 60.0), (*_POTATO, 60.0), ("Miso", _SR, 50.0),
               (*_OIL, 30.0), (*_SUGAR, 10.0), ("Cornstarch", _SR, 10.0), (*_WATER, 150.0),
           )),
    Recipe("Naengmyeon", "Korean mul naengmyeon: buckwheat noodles in an icy beef broth with sliced beef, egg, "
           "cucumber, pear, vinegar and mustard (2 bowls)", (
               ("Noodles, japanese, soba, cooked", _SR, 300.0), (*_BEEF_BROTH, 500.0), ("Beef, brisket", _FNDDS, 50.0),
               (*_EGG_BOILED, 50.0), ("Cucumber, with peel, raw", _FOUNDATION, 40.0), ("Pears, raw", _SR, 40.0),
               ("Vinegar, distilled", _SR, 20.0), (*_SUGAR, 15.0),
           )),
    Recipe("Dakgalbi", "Korean dakgalbi: chicken thigh stir fried with cabbage, sweet potato, onion and rice cakes in "
           "a gochujang sauce (about 4 servings)", (
               (*_CHICKEN_THIGH, 400.0), (*_CABBAGE, 200.0), ("Sweet potato, baked, no added fat", _FNDDS, 100.0),
               (*_ONIONS, 80.0), ("Dukboki or Tteokbokki, Korean", _FNDDS, 100.0),
               ("Sauce, hot chile, sriracha", _SR, 30.0),
               (*_OIL, 20.0), (*_SUGAR, 10.0), (*_SOY_SAUCE, 20.0), (*_GARLIC, 10.0),
           )),
    Recipe("Kimbap", "Korean kimbap: sesame-oil seasoned rice rolled in laver with egg, carrot, spinach, pickled "
           "radish and ham (2 rolls)", (
               (*_RICE, 300.0), (*_SESAME_OIL, 10.0), ("Seaweed, laver, raw", _SR, 10.0), (*_EGG_SCRAMBLED, 50.0),
               (*_CARROTS, 30.0), ("Spinach, cooked, as ingredient", _FNDDS, 40.0),
               ("Radishes, oriental, raw", _SR, 30.0),
               ("Ham, sliced, restaurant", _FOUNDATION, 40.0),
           )),
    Recipe("Char siu", "Cantonese char siu: fatty pork shoulder (as lean roast pork and belly) marinated in hoisin, "
           "honey, soy and Shaoxing wine and roasted with a sticky glaze (about 5 servings)", (
               ("Pork, roast", _FNDDS, 350.0), (*_PORK_BELLY, 150.0), ("Hoisin sauce", _FNDDS, 40.0),
               ("Honey", _SR, 40.0), (*_SOY_SAUCE, 20.0),
               (*_SUGAR, 20.0), (*_RICE_WINE, 15.0),
           )),
    # Thailand, Vietnam, the Philippines, Indonesia and Malaysia
    Recipe("Green curry", "Thai green curry (gaeng keow wan gai): chicken and Thai eggplant in coconut milk with green "
           "curry paste, chicken stock, fish sauce, palm sugar and basil (about 4 servings)", (
               (*_CHICKEN_BREAST, 400.0), (*_COCONUT_MILK, 400.0), (*_CHICKEN_BROTH, 250.0),
               ("Eggplant, cooked, as ingredient", _FNDDS, 150.0),
               (*_FISH_SAUCE, 20.0), (*_SUGAR, 10.0), (*_OIL, 10.0), (*_CHILI, 20.0),
               ("Lemon grass (citronella), raw", _SR, 10.0), ("Basil, fresh", _SR, 5.0),
           )),
    Recipe("Massaman curry", "Thai massaman curry: beef and potatoes simmered in coconut milk and stock with massaman "
           "paste, peanuts, tamarind, fish sauce and palm sugar (about 4 servings)", (
               (*_BEEF_STEWED, 300.0), (*_COCONUT_MILK, 400.0), (*_CHICKEN_BROTH, 300.0), (*_POTATO, 200.0),
               (*_ONIONS, 100.0),
               (*_PEANUTS, 30.0), (*_FISH_SAUCE, 15.0), (*_SUGAR, 15.0), ("Tamarinds, raw", _SR, 10.0), (*_OIL, 15.0),
           )),
    Recipe("Tom yum", "Thai tom yum goong: shrimp and mushrooms in a hot and sour broth of lemongrass, galangal, "
           "lime, fish sauce and chili paste (about 4 servings)", (
               (*_CHICKEN_BROTH, 800.0), ("Crustaceans, shrimp, cooked", _SR, 150.0),
               ("Mushrooms, straw, canned, drained solids", _SR, 100.0), (*_TOMATOES, 50.0),
               ("Lemon grass (citronella), raw", _SR, 15.0), (*_LIME_JUICE, 30.0), (*_FISH_SAUCE, 20.0),
               (*_OIL, 10.0), (*_SUGAR, 5.0), (*_CHILI, 5.0),
           )),
    Recipe("Tom kha gai", "Thai tom kha gai: chicken and mushrooms in coconut milk and broth with galangal, "
           "lemongrass, lime and fish sauce (about 4 servings)", (
               (*_COCONUT_MILK, 400.0), (*_CHICKEN_BROTH, 400.0), (*_CHICKEN_BREAST, 200.0),
               ("Mushrooms, straw, canned, drained solids", _SR, 100.0), ("Lemon grass (citronella), raw", _SR, 15.0),
               (*_GINGER, 15.0), (*_LIME_JUICE, 30.0), (*_FISH_SAUCE, 20.0), (*_SUGAR, 5.0),
           )),
    Recipe("Larb", "Lao / Isan larb: minced pork cooked and dressed with lime, fish sauce, toasted rice powder, "
           "shallots and herbs (about 3 servings)", (
               ("Pork, fresh, ground, cooked", _SR, 300.0), ("Shallots, raw", _SR, 40.0), (*_LIME_JUICE, 30.0),
               (*_FISH_SAUCE, 20.0), ("Flour, rice, white, unenriched", _FOUNDATION, 10.0), (*_CILANTRO, 10.0),
               (*_SCALLIONS, 10.0), (*_CHILI_POWDER, 3.0),
           )),
    Recipe("Som tam", "Thai som tam: shredded green papaya pounded with tomato, long beans, peanuts, dried shrimp, "
           "lime, fish sauce and palm sugar (about 2 servings)", (
               ("Papayas, raw", _SR, 250.0), (*_TOMATOES, 60.0), ("Green beans, raw", _FNDDS, 40.0), (*_PEANUTS, 20.0),
               ("Shrimp, dried", _FNDDS, 10.0), (*_LIME_JUICE, 30.0), (*_FISH_SAUCE, 20.0), (*_SUGAR, 15.0),
               (*_CHILI, 5.0), (*_GARLIC, 5.0),
           )),
    Recipe("Pad see ew", "Thai pad see ew: wide rice noodles stir-fried with beef, Chinese broccoli and egg in soy and "
           "oyster sauces (2 plates)", (
               (*_RICE_NOODLES, 400.0), ("Beef, steak, flank", _FNDDS, 120.0),
               ("Broccoli, chinese, cooked", _SR, 100.0),
               (*_EGG_SCRAMBLED, 50.0), (*_OIL, 30.0), (*_SOY_SAUCE, 25.0), ("Oyster sauce", _FNDDS, 15.0),
               (*_SUGAR, 8.0),
           )),
    Recipe("Banh mi", "Vietnamese banh mi thit: a baguette with roast pork, pate, mayonnaise, pickled carrot and "
           "daikon, cucumber and cilantro (1 sandwich)", (
               ("Roll, French or Vienna", _FNDDS, 120.0), ("Pork, roast", _FNDDS, 80.0),
               ("Pate, liver, not specified, canned", _SR, 20.0), (*_MAYONNAISE, 15.0),
               (*_CARROTS, 20.0), ("Radishes, oriental, raw", _SR, 20.0), ("Cucumber, raw", _FNDDS, 20.0),
               (*_CILANTRO, 5.0), (*_SOY_SAUCE, 5.0),
           )),
    Recipe("Bun cha", "Hanoi bun cha: grilled pork patties and pork belly in sweet fish-sauce dressing with rice "
           "vermicelli, lettuce and herbs (1 serving)", (
               (*_RICE_NOODLES, 200.0), ("Pork, ground", _FNDDS, 80.0), (*_PORK_BELLY, 50.0), (*_FISH_SAUCE, 20.0),
               (*_SUGAR, 15.0), (*_LIME_JUICE, 15.0), (*_WATER, 60.0), ("Lettuce, raw", _FNDDS, 30.0),
               (*_CARROTS, 10.0), (*_CILANTRO, 5.0),
           )),
    Recipe("Rice paper rolls", "Vietnamese goi cuon (fresh spring rolls): rice paper rolled around shrimp, pork, rice "
           "vermicelli, lettuce and herbs, with a hoisin-peanut dip (4 rolls)", (
               ("Rice paper", _FNDDS, 40.0), ("Crustaceans, shrimp, cooked", _SR, 80.0), ("Pork, roast", _FNDDS, 50.0),
               (*_RICE_NOODLES, 100.0), ("Lettuce, raw", _FNDDS, 40.0), ("Basil, fresh", _SR, 5.0),
               ("Hoisin sauce", _FNDDS, 20.0), ("Peanut butter, creamy", _FOUNDATION, 10.0),
           )),
    Recipe("Chicken adobo", "Filipino chicken adobo: chicken braised in vinegar, soy sauce, garlic, bay leaf and "
           "black pepper (about 4 servings)", (
               (*_CHICKEN_THIGH_SKIN, 600.0), (*_SOY_SAUCE, 60.0), ("Vinegar, distilled", _SR, 60.0), (*_GARLIC, 20.0),
               (*_OIL, 10.0), (*_SUGAR, 5.0), ("Spices, pepper, black", _SR, 2.0), ("Spices, bay leaf", _SR, 1.0),
           )),
    Recipe("Sinigang", "Filipino sinigang na baboy: pork ribs in a tamarind-soured broth with radish, water spinach, "
           "tomato, long beans and fish sauce (about 5 servings)", (
               ("Pork, ribs", _FNDDS, 300.0), (*_WATER, 1000.0), ("Tamarinds, raw", _SR, 30.0),
               ("Radishes, oriental, raw", _SR, 100.0), ("Water convolvulus,raw", _SR, 100.0), (*_TOMATOES, 100.0),
               (*_ONIONS, 50.0), ("Green beans, raw", _FNDDS, 50.0), (*_FISH_SAUCE, 20.0),
           )),
    Recipe("Pancit", "Filipino pancit bihon: rice vermicelli stir-fried with chicken, cabbage, carrot and green beans "
           "in soy sauce (about 4 servings)", (
               (*_RICE_NOODLES, 300.0), (*_CHICKEN_BREAST, 100.0), (*_CABBAGE, 100.0), (*_CARROTS, 50.0),
               ("Green beans, raw", _FNDDS, 40.0), (*_ONIONS, 30.0), (*_SOY_SAUCE, 20.0), (*_OIL, 20.0),
               (*_CHICKEN_BROTH, 100.0),
           )),
    Recipe("Rendang", "Minangkabau beef rendang: beef slow-cooked in coconut milk with a shallot, chili, lemongrass "
           "and galangal paste and toasted coconut until dry (about 6 servings)", (
               (*_BEEF_STEWED, 500.0), (*_COCONUT_MILK, 300.0), ("Shallots, raw", _SR, 80.0),
               ("Coconut, fresh", _FNDDS, 30.0), (*_OIL, 20.0), (*_CHILI, 15.0),
               ("Lemon grass (citronella), raw", _SR, 10.0), (*_GINGER, 10.0), (*_GARLIC, 10.0), (*_SUGAR, 10.0),
           )),
    Recipe("Laksa", "Malaysian curry laksa: rice noodles in a coconut curry broth with chicken, shrimp, tofu puffs, "
           "bean sprouts and egg (2 bowls)", (
               (*_RICE_NOODLES, 200.0), (*_COCONUT_MILK, 200.0), (*_CHICKEN_BROTH, 400.0), (*_CHICKEN_BREAST, 80.0),
               ("Crustaceans, shrimp, cooked", _SR, 50.0), ("Tofu, fried", _SR, 30.0),
               ("Bean sprouts, raw", _FNDDS, 50.0),
               (*_EGG_BOILED, 50.0), (*_OIL, 15.0), ("Shallots, raw", _SR, 20.0), (*_CHILI, 10.0),
           )),
    Recipe("Satay", "Malay / Indonesian chicken satay: chicken skewers marinated in coconut milk, lemongrass, "
           "turmeric, soy sauce and sugar, basted with oil and grilled; the peanut sauce is served beside them, an "
           "item of its own ('Peanut sauce') (4 servings of skewers)", (
               ("Chicken fillet, grilled", _FNDDS, 400.0), (*_COCONUT_MILK, 40.0), (*_OIL, 15.0), (*_SOY_SAUCE, 10.0),
               (*_SUGAR, 10.0), ("Lemon grass (citronella), raw", _SR, 10.0), (*_TURMERIC, 2.0),
           )),
    Recipe("Mee goreng", "Malaysian / Indonesian mee goreng: yellow egg noodles fried with chicken, shrimp, egg, "
           "cabbage and bean sprouts in sweet soy and chili sauce (about 3 servings)", (
               (*_EGG_NOODLES, 300.0), (*_CHICKEN_BREAST, 50.0), ("Crustaceans, shrimp, cooked", _SR, 40.0),
               (*_EGG_RAW, 50.0), (*_CABBAGE, 60.0), ("Bean sprouts, raw", _FNDDS, 50.0), (*_OIL, 30.0),
               (*_SOY_SAUCE, 20.0), (*_SUGAR, 12.0), ("Sauce, hot chile, sriracha", _SR, 15.0), (*_KETCHUP, 15.0),
           )),
    Recipe("Nasi lemak", "Malaysian nasi lemak: rice cooked in coconut milk with sambal, fried anchovies, peanuts, a "
           "boiled egg and cucumber (1 plate)", (
               (*_RICE, 220.0), (*_COCONUT_MILK, 50.0), (*_CHILI, 15.0), (*_ONIONS, 30.0), (*_OIL, 15.0),
               (*_SUGAR, 8.0),
               ("Fish, anchovy", _FNDDS, 20.0), (*_PEANUTS, 20.0), (*_EGG_BOILED, 50.0),
               ("Cucumber, with peel, raw", _FOUNDATION, 30.0),
           )),
    Recipe("Char kway teow", "Penang char kway teow: flat rice noodles stir fried in lard with shrimp, Chinese "
           "sausage, egg, bean sprouts and chives in soy sauce (about 2 servings)", (
               (*_RICE_NOODLES, 300.0), ("Crustaceans, shrimp, cooked", _SR, 60.0), (*_PORK_SAUSAGE, 40.0),
               (*_EGG_RAW, 50.0), ("Bean sprouts, raw", _FNDDS, 60.0), ("Chives, raw", _SR, 20.0), ("Lard", _SR, 30.0),
               (*_SOY_SAUCE, 20.0), (*_SUGAR, 5.0),
           )),
    Recipe("Hainanese chicken rice", "Hainanese chicken rice: poached chicken with its skin over rice cooked in "
           "chicken fat and broth, with cucumber, chili and ginger sauces (1 plate)", (
               (*_CHICKEN_THIGH_SKIN, 150.0), (*_RICE, 250.0), ("Fat, chicken", _SR, 8.0), (*_GARLIC, 3.0),
               ("Cucumber, with peel, raw", _FOUNDATION, 30.0), ("Sauce, hot chile, sriracha", _SR, 15.0),
               (*_GINGER, 5.0), (*_SOY_SAUCE, 10.0),
           )),
    Recipe("Pad kra pao", "Thai pad kra pao: minced pork stir fried with holy basil, chili and garlic in oyster, fish "
           "and soy sauce, over rice with a fried egg (1 plate)", (
               ("Pork, ground", _FNDDS, 130.0), ("Basil, fresh", _SR, 10.0), (*_CHILI, 5.0), (*_GARLIC, 8.0),
               (*_OIL, 15.0), ("Oyster sauce", _FNDDS, 15.0), (*_FISH_SAUCE, 8.0), (*_SOY_SAUCE, 8.0), (*_SUGAR, 5.0),
               (*_RICE, 200.0), (*_EGG_FRIED, 50.0),
           )),
    Recipe("Panang curry", "Thai panang curry: beef simmered in thick coconut cream with panang curry paste, peanuts, "
           "fish sauce, palm sugar and kaffir lime (about 4 servings)", (
               (*_BEEF_STEWED, 350.0), (*_COCONUT_MILK, 300.0), (*_CHILI, 20.0), (*_GARLIC, 10.0), (*_PEANUTS, 20.0),
               (*_FISH_SAUCE, 20.0), (*_SUGAR, 15.0), (*_OIL, 15.0), ("Lemon grass (citronella), raw", _SR, 10.0),
               (*_WATER, 100.0),
           )),
    Recipe("Red curry", "Thai red curry (gaeng phet): chicken, bamboo shoots and eggplant in coconut milk with red "
           "curry paste, fish sauce, palm sugar and basil (about 4 servings)", (
               (*_CHICKEN_BREAST, 300.0), (*_COCONUT_MILK, 400.0),
               ("Bamboo shoots, canned, drained solids", _SR, 100.0),
               ("Eggplant, cooked, as ingredient", _FNDDS, 100.0), (*_RED_PEPPER, 50.0), (*_CHILI, 20.0),
               (*_GARLIC, 8.0),
               (*_FISH_SAUCE, 20.0), (*_SUGAR, 12.0), (*_OIL, 15.0), ("Basil, fresh", _SR, 10.0),
           )),
    Recipe("Khao soi", "Northern Thai khao soi: egg noodles and chicken in a coconut curry broth, topped with crisp "
           "fried noodles, shallots and lime (2 bowls)", (
               (*_EGG_NOODLES, 200.0), ("Noodles, chinese, chow mein", _SR, 20.0), (*_CHICKEN_THIGH, 150.0),
               (*_COCONUT_MILK, 200.0), (*_CHICKEN_BROTH, 250.0), (*_CURRY_POWDER, 8.0), (*_FISH_SAUCE, 15.0),
               (*_SUGAR, 8.0), (*_OIL, 15.0), ("Shallots, raw", _SR, 20.0), (*_LIME_JUICE, 10.0),
           )),
    Recipe("Mango sticky rice", "Thai mango sticky rice (khao niao mamuang): glutinous rice steamed (the raw rice and "
           "the water it takes up) and soaked in sweetened salted coconut milk, with ripe mango (2 servings)", (
               ("Rice, white, glutinous, unenriched, uncooked", _SR, 100.0), (*_WATER, 100.0), (*_COCONUT_MILK, 100.0),
               (*_SUGAR, 40.0), ("Mango, raw", _FNDDS, 150.0),
           )),
    Recipe("Sisig", "Kapampangan sisig: grilled pork belly and ears chopped and fried on a sizzling plate with onion, "
           "chili, calamansi, soy sauce and mayonnaise, topped with an egg (about 3 servings)", (
               (*_PORK_BELLY, 300.0), (*_ONIONS, 80.0), (*_CHILI, 10.0), (*_LIME_JUICE, 20.0), (*_SOY_SAUCE, 15.0),
               (*_MAYONNAISE, 30.0), (*_EGG_RAW, 50.0), (*_OIL, 10.0),
           )),
    Recipe("Kare kare", "Filipino kare-kare: oxtail stewed in a peanut and toasted-rice sauce with eggplant, long "
           "beans and bok choy (about 5 servings)", (
               ("Beef, oxtails", _FNDDS, 500.0), ("Peanut butter, creamy", _FOUNDATION, 80.0),
               ("Rice flour, white, unenriched", _SR, 20.0), ("Eggplant, cooked, as ingredient", _FNDDS, 150.0),
               ("Green beans, cooked, as ingredient", _FNDDS, 100.0),
               ("Cabbage, Chinese, cooked, no added fat", _FNDDS, 100.0),
               (*_ONIONS, 50.0), (*_GARLIC, 10.0), (*_OIL, 20.0), (*_WATER, 300.0),
           )),
    Recipe("Arroz caldo", "Filipino arroz caldo: rice porridge simmered in chicken broth with chicken, ginger and fish "
           "sauce, topped with fried garlic, egg and scallions (about 4 bowls)", (
               (*_RICE, 250.0), (*_CHICKEN_THIGH, 150.0), (*_CHICKEN_BROTH, 500.0), (*_GINGER, 20.0), (*_ONIONS, 40.0),
               (*_GARLIC, 10.0), (*_OIL, 10.0), (*_FISH_SAUCE, 10.0), (*_EGG_BOILED, 50.0), (*_SCALLIONS, 10.0),
           )),
    Recipe("Gado gado", "Indonesian gado-gado: boiled potato, green beans, cabbage, bean sprouts, tofu, egg and "
           "cucumber under a peanut sauce (about 3 servings)", (
               (*_POTATO, 100.0), ("Green beans, cooked, as ingredient", _FNDDS, 80.0), (*_CABBAGE, 80.0),
               ("Bean sprouts, raw", _FNDDS, 50.0), (*_TOFU, 80.0), (*_EGG_BOILED, 50.0),
               ("Cucumber, with peel, raw", _FOUNDATION, 50.0), ("Peanut butter, creamy", _FOUNDATION, 60.0),
               (*_COCONUT_MILK, 40.0), (*_SUGAR, 10.0), (*_SOY_SAUCE, 10.0), (*_LIME_JUICE, 10.0), (*_WATER, 40.0),
           )),
    Recipe("Bak kut teh", "Malaysian / Singaporean bak kut teh: pork ribs simmered in a garlic, pepper and herbal "
           "broth with soy sauce and mushrooms (about 4 bowls)", (
               ("Pork, roast", _FNDDS, 350.0), (*_WATER, 700.0), (*_GARLIC, 30.0), (*_SOY_SAUCE, 20.0),
               ("Mushrooms, shiitake, cooked, without salt", _SR, 50.0), ("Spices, pepper, black", _SR, 3.0),
           )),
    # The Middle East and Africa
    Recipe("Chicken shawarma", "Levantine chicken shawarma: chicken thighs marinated in yogurt, lemon, garlic and "
           "spices, roasted and sliced (the meat, about 4 servings)", (
               (*_CHICKEN_THIGH, 500.0), (*_YOGURT, 50.0), (*_OLIVE_OIL, 30.0), (*_LEMON_JUICE, 20.0),
               (*_GARLIC, 10.0), (*_CUMIN, 3.0), (*_PAPRIKA, 3.0),
           )),
    Recipe("Fattoush", "Lebanese fattoush: romaine, tomato, cucumber, radish, onion and herbs with fried pita pieces "
           "in a lemon, olive oil and sumac dressing (about 4 servings)", (
               ("Lettuce, cos or romaine, raw", _SR, 150.0), (*_TOMATOES, 150.0), ("Cucumber, raw", _FNDDS, 150.0),
               ("Radishes, raw", _SR, 40.0), (*_ONIONS, 30.0), (*_PARSLEY, 20.0),
               ("Bread, pita", _FNDDS, 60.0), (*_OLIVE_OIL, 45.0), (*_LEMON_JUICE, 30.0),
           )),
    Recipe("Moussaka", "Greek moussaka: layers of olive-oil-fried eggplant and lamb mince in tomato, under a baked "
           "bechamel with egg and cheese (about 8 servings)", (
               ("Eggplant, cooked, as ingredient", _FNDDS, 500.0), (*_OLIVE_OIL, 60.0),
               (*_GROUND_LAMB, 400.0), (*_ONIONS, 100.0), (*_TOMATOES_CANNED, 200.0),
               (*_MILK, 400.0), (*_BUTTER, 40.0), (*_FLOUR, 40.0), (*_EGG_RAW, 50.0), (*_CHEESE_PARMESAN, 40.0),
           )),
    Recipe("Kibbeh", "Levantine fried kibbeh: a shell of bulgur and minced lamb filled with spiced lamb, onion and "
           "pine nuts, deep fried (about 12 pieces)", (
               ("Bulgur, cooked", _SR, 200.0), (*_GROUND_LAMB, 250.0), (*_ONIONS, 60.0),
               ("Nuts, pine nuts, dried", _SR, 20.0), (*_OIL, 40.0), (*_CUMIN, 2.0),
           )),
    Recipe("Chicken tagine", "Moroccan chicken tagine: chicken braised with onions, preserved lemon and green olives "
           "in olive oil with ginger, turmeric and saffron (about 4 servings)", (
               (*_CHICKEN_THIGH_SKIN, 500.0), (*_ONIONS, 200.0), ("Lemons, raw, without peel", _SR, 30.0),
               ("Olives, green", _FNDDS, 60.0), (*_OLIVE_OIL, 30.0), (*_CHICKEN_BROTH, 300.0), (*_GINGER, 5.0),
               (*_TURMERIC, 2.0), (*_GARLIC, 10.0),
           )),
    Recipe("Couscous royale", "Maghrebi couscous royale: couscous with lamb, chicken and merguez in a broth of "
           "chickpeas, carrots, zucchini and turnips (about 6 servings)", (
               ("Couscous, cooked", _SR, 300.0), (*_LAMB, 150.0), (*_CHICKEN_THIGH, 150.0),
               ("Sausage, beef, fresh, cooked", _SR, 100.0), (*_CHICKPEAS, 100.0),
               ("Carrots, cooked, as ingredient", _FNDDS, 100.0),
               ("Summer squash, cooked, as ingredient", _FNDDS, 100.0),
               ("Turnip, cooked", _FNDDS, 80.0), (*_CHICKEN_BROTH, 300.0), (*_OLIVE_OIL, 20.0),
           )),
    Recipe("Jollof rice", "West African jollof rice: long-grain rice cooked in a stew of tomato, red pepper and onion "
           "fried in oil, with stock and spices (about 6 servings)", (
               (*_RICE, 500.0), (*_TOMATOES_CANNED, 150.0), (*_RED_PEPPER, 100.0), (*_ONIONS, 100.0),
               ("Tomato products, canned, sauce", _SR, 60.0), (*_OIL, 50.0), (*_CHICKEN_BROTH, 150.0),
               (*_CURRY_POWDER, 3.0), ("Spices, thyme, dried", _SR, 1.0),
           )),
    Recipe("Egusi soup", "Nigerian egusi soup: ground melon seeds cooked in palm oil with beef, leafy greens, onion "
           "and pepper in stock (about 6 servings)", (
               ("Seeds, watermelon seed kernels, dried", _SR, 100.0), ("Oil, palm", _SR, 50.0), (*_BEEF_STEWED, 200.0),
               ("Spinach, cooked, as ingredient", _FNDDS, 200.0), (*_ONIONS, 50.0), (*_RED_PEPPER, 50.0),
               (*_BEEF_BROTH, 300.0), (*_CHILI, 10.0),
           )),
    Recipe("Mafe", "Senegalese / Malian mafe: chicken stewed in a peanut butter and tomato sauce with onion, sweet "
           "potato and carrot (about 6 servings)", (
               (*_CHICKEN_THIGH, 400.0), ("Peanut butter, creamy", _FOUNDATION, 100.0), (*_TOMATOES_CANNED, 200.0),
               (*_ONIONS, 100.0), ("Sweet potato, cooked, as ingredient", _FNDDS, 150.0), (*_CARROTS, 80.0),
               (*_CHICKEN_BROTH, 400.0), (*_OIL, 15.0),
           )),
    Recipe("Doro wat", "Ethiopian doro wat: chicken and hard-boiled eggs stewed in slowly cooked onions, niter kibbeh "
           "and berbere (about 6 servings)", (
               (*_CHICKEN_THIGH, 600.0), (*_ONIONS, 400.0), ("Ghee, clarified butter", _FNDDS, 60.0), (*_PAPRIKA, 15.0),
               (*_CHILI_POWDER, 5.0), (*_EGG_BOILED, 200.0), (*_GARLIC, 15.0), (*_GINGER, 10.0), (*_WATER, 200.0),
           )),
    Recipe("Bobotie", "South African bobotie: curried minced beef with onion, soaked bread, chutney, raisins and "
           "almonds, baked under an egg and milk custard (about 6 servings)", (
               (*_GROUND_BEEF, 500.0), (*_ONIONS, 150.0), ("Bread, white", _FNDDS, 50.0), (*_MILK, 250.0),
               (*_EGG_RAW, 100.0), (*_CURRY_POWDER, 10.0), ("Chutney", _FNDDS, 40.0), ("Raisins", _FNDDS, 30.0),
               ("Nuts, almonds", _SR, 20.0), (*_OIL, 15.0),
           )),
    Recipe("Kofta", "Levantine kofta kebab: minced lamb with onion, parsley, cumin and allspice, shaped on skewers and "
           "grilled (about 8 skewers)", (
               (*_GROUND_LAMB, 450.0), (*_ONIONS, 80.0), (*_PARSLEY, 20.0), (*_CUMIN, 3.0),
               ("Spices, allspice, ground", _SR, 2.0), (*_PAPRIKA, 2.0),
           )),
    Recipe("Manakish", "Lebanese manakish za'atar: flatbread dough baked with thyme, sumac and sesame in olive oil "
           "(2 flatbreads)", (
               ("Bread, pita", _FNDDS, 150.0), (*_OLIVE_OIL, 20.0), ("Spices, thyme, dried", _SR, 8.0),
               ("Seeds, sesame seeds, whole, dried", _SR, 6.0),
           )),
    Recipe("Maqluba", "Palestinian maqluba: rice cooked over layers of chicken, fried eggplant and cauliflower and "
           "tomato, turned upside down, with toasted almonds (about 6 servings)", (
               (*_RICE, 400.0), (*_CHICKEN_THIGH, 300.0), ("Eggplant, cooked, as ingredient", _FNDDS, 250.0),
               ("Cauliflower, cooked, as ingredient", _FNDDS, 150.0), (*_OIL, 70.0), (*_TOMATOES, 100.0),
               (*_ONIONS, 60.0), ("Nuts, almonds", _SR, 15.0), (*_CUMIN, 3.0),
           )),
    Recipe("Kabsa", "Saudi chicken kabsa: long-grain rice cooked in a spiced tomato chicken broth with the chicken, "
           "carrot, raisins and fried almonds (about 6 servings)", (
               (*_RICE, 500.0), (*_CHICKEN_THIGH_SKIN, 400.0), (*_TOMATOES, 150.0), (*_ONIONS, 100.0),
               (*_CARROTS, 50.0),
               ("Ghee, clarified butter", _FNDDS, 30.0), ("Raisins", _FNDDS, 20.0), ("Nuts, almonds", _SR, 20.0),
               (*_CUMIN, 3.0),
           )),
    Recipe("Koshari", "Egyptian koshari: rice, brown lentils and macaroni layered with chickpeas, a spiced vinegar "
           "tomato sauce and crisp fried onions (about 4 servings)", (
               (*_RICE, 200.0), (*_LENTILS, 150.0), (*_PASTA, 150.0), (*_CHICKPEAS, 60.0), (*_TOMATOES_CANNED, 150.0),
               ("Vinegar, distilled", _SR, 10.0), (*_GARLIC, 5.0), ("Onions, cooked, as ingredient", _FNDDS, 60.0),
               (*_OIL, 35.0), (*_CUMIN, 2.0),
           )),
    Recipe("Lahmacun", "Turkish lahmacun: thin flatbread baked under minced lamb with tomato, onion, pepper and "
           "parsley (2 rounds)", (
               ("Bread, pita", _FNDDS, 150.0), (*_GROUND_LAMB, 100.0), (*_TOMATOES, 60.0), (*_ONIONS, 40.0),
               (*_RED_PEPPER, 30.0), (*_PARSLEY, 10.0), (*_OLIVE_OIL, 10.0), (*_PAPRIKA, 2.0),
           )),
    Recipe("Borek", "Turkish cheese börek: layers of yufka/phyllo brushed with butter, milk and egg around feta and "
           "parsley, baked (about 8 pieces)", (
               ("Phyllo dough", _SR, 250.0), ("Cheese, feta, whole milk, crumbled", _FOUNDATION, 150.0),
               (*_EGG_RAW, 100.0),
               (*_MILK, 100.0), (*_BUTTER, 60.0), (*_PARSLEY, 10.0),
           ), cooking="baked or griddled"),
    Recipe("Menemen", "Turkish menemen: eggs softly scrambled into tomatoes and green peppers stewed in olive oil and "
           "butter (2 servings)", (
               (*_EGG_RAW, 200.0), (*_TOMATOES, 300.0), ("Peppers, sweet, green, raw", _SR, 100.0), (*_ONIONS, 50.0),
               (*_OLIVE_OIL, 25.0), (*_BUTTER, 10.0),
           )),
    Recipe("Imam bayildi", "Turkish imam bayıldı: whole eggplants fried in olive oil, stuffed with onion, tomato, "
           "garlic and parsley and baked, served cool (about 4 servings)", (
               ("Eggplant, cooked, as ingredient", _FNDDS, 500.0), ("Onions, cooked, as ingredient", _FNDDS, 150.0),
               (*_TOMATOES, 200.0), (*_OLIVE_OIL, 80.0), (*_GARLIC, 15.0), (*_PARSLEY, 15.0), (*_SUGAR, 5.0),
           )),
    Recipe("Ghormeh sabzi", "Persian ghormeh sabzi: lamb stewed with kidney beans, a large amount of fried parsley, "
           "leek, fenugreek and dried lime (about 5 servings)", (
               (*_LAMB, 400.0), ("Kidney beans, from canned, no added fat", _FNDDS, 150.0), (*_PARSLEY, 100.0),
               ("Spinach, cooked, as ingredient", _FNDDS, 100.0), (*_ONIONS, 100.0), (*_OIL, 40.0),
               (*_LEMON_JUICE, 20.0),
               (*_TURMERIC, 2.0), (*_WATER, 200.0),
           )),
    Recipe("Fesenjan", "Persian fesenjan: chicken braised in a sauce of ground walnuts and pomegranate molasses "
           "(about 4 servings)", (
               (*_CHICKEN_THIGH, 400.0), ("Nuts, walnuts, english", _SR, 150.0),
               ("Pomegranate juice, 100%", _FNDDS, 200.0),
               (*_SUGAR, 20.0), (*_ONIONS, 100.0), (*_OIL, 20.0), (*_WATER, 100.0),
           )),
    Recipe("Kuku sabzi", "Persian kuku sabzi: a thick herb frittata of eggs with parsley, cilantro, dill and scallion, "
           "walnuts and barberries, fried in oil (about 6 wedges)", (
               (*_EGG_RAW, 300.0), (*_PARSLEY, 150.0), (*_CILANTRO, 50.0), ("Dill weed, fresh", _SR, 30.0),
               (*_SCALLIONS, 50.0), ("Nuts, walnuts, english", _SR, 30.0), (*_OIL, 40.0), (*_FLOUR, 10.0),
           )),
    Recipe("Harira", "Moroccan harira: a tomato soup of lamb, lentils and chickpeas with celery, herbs and a little "
           "flour and vermicelli (about 6 bowls)", (
               (*_LAMB, 150.0), (*_LENTILS, 100.0), (*_CHICKPEAS, 100.0), (*_TOMATOES_CANNED, 300.0), (*_ONIONS, 80.0),
               ("Celery, raw", _SR, 50.0), (*_FLOUR, 20.0), (*_PASTA, 40.0), (*_CILANTRO, 20.0), (*_PARSLEY, 10.0),
               (*_OIL, 15.0), (*_WATER, 800.0),
           )),
    Recipe("Musakhan", "Palestinian musakhan: roast chicken on taboon flatbread under onions slowly cooked in a "
           "large amount of olive oil with sumac, with pine nuts (about 5 servings)", (
               (*_CHICKEN_THIGH_SKIN, 500.0), ("Onions, cooked, as ingredient", _FNDDS, 400.0), (*_OLIVE_OIL, 100.0),
               ("Bread, pita", _FNDDS, 200.0), ("Nuts, pine nuts, dried", _SR, 20.0),
           )),
    Recipe("Bunny chow", "Durban bunny chow: a hollowed quarter loaf of white bread filled with lamb and potato curry "
           "(1 quarter loaf)", (
               ("Bread, white", _FNDDS, 200.0), (*_LAMB, 150.0), (*_POTATO, 100.0), (*_ONIONS, 40.0),
               (*_TOMATOES_CANNED, 40.0), (*_OIL, 15.0), (*_CURRY_POWDER, 5.0), (*_WATER, 60.0),
           )),
    Recipe("Chakalaka", "South African chakalaka: a spicy relish of baked beans, carrot, peppers, onion and tomato "
           "cooked in oil with curry powder (about 6 servings)", (
               ("Baked beans", _FNDDS, 400.0), (*_CARROTS, 150.0), (*_RED_PEPPER, 100.0), (*_ONIONS, 100.0),
               (*_TOMATOES, 150.0), (*_OIL, 30.0), (*_CURRY_POWDER, 5.0), (*_CHILI, 5.0),
           )),
    Recipe("Shiro", "Ethiopian shiro wat: chickpea flour simmered into a thick stew with onion, tomato, garlic, "
           "berbere and spiced butter or oil (about 4 servings)", (
               ("Chickpea flour (besan)", _SR, 100.0), (*_ONIONS, 150.0), (*_TOMATOES, 100.0), (*_OIL, 50.0),
               (*_GARLIC, 10.0), (*_PAPRIKA, 8.0), (*_CHILI_POWDER, 4.0), (*_WATER, 400.0),
           )),
    Recipe("Thieboudienne", "Senegalese thieboudienne: fish and rice cooked in a tomato and oil broth with cabbage, "
           "carrot, eggplant and cassava (about 6 servings)", (
               ("Fish, grouper, mixed species, cooked, no added fat", _COOKED, 300.0), (*_RICE, 450.0),
               (*_TOMATOES_CANNED, 150.0), (*_OIL, 60.0), (*_CABBAGE, 150.0), (*_CARROTS, 100.0),
               ("Eggplant, cooked, as ingredient", _FNDDS, 100.0), ("Cassava, cooked", _FNDDS, 100.0), (*_ONIONS, 80.0),
               (*_PARSLEY, 10.0), (*_GARLIC, 10.0),
           )),
    Recipe("Yassa chicken", "Senegalese poulet yassa: chicken marinated in lemon and mustard and braised in a large "
           "amount of slow-cooked onions (about 4 servings)", (
               (*_CHICKEN_THIGH_SKIN, 500.0), ("Onions, cooked, as ingredient", _FNDDS, 400.0), (*_LEMON_JUICE, 60.0),
               ("Mustard, prepared, yellow", _FOUNDATION, 20.0), (*_OIL, 50.0), (*_GARLIC, 10.0), (*_CHILI, 5.0),
           )),
    Recipe("Moin moin", "Nigerian moin moin: a steamed pudding of blended peeled black-eyed peas with red pepper, "
           "onion, oil and boiled egg (about 6 portions)", (
               ("Blackeyed peas, from dried, no added fat", _COOKED, 400.0), (*_RED_PEPPER, 100.0),
               (*_ONIONS, 60.0), (*_OIL, 50.0), (*_EGG_BOILED, 50.0), (*_WATER, 100.0),
           )),
    Recipe("Akara", "West African akara: fritters of blended black-eyed peas with onion and chili, deep fried (about "
           "12 fritters)", (
               ("Blackeyed peas, from dried, no added fat", _COOKED, 300.0), (*_ONIONS, 50.0), (*_CHILI, 10.0),
               (*_OIL, 60.0),
           )),
    Recipe("Malva pudding", "South African malva pudding: a spongy apricot-jam cake baked and soaked in a hot cream, "
           "butter and sugar sauce (about 8 servings)", (
               (*_FLOUR, 150.0), (*_SUGAR, 350.0), (*_EGG_RAW, 50.0), ("Jams and preserves", _SR, 30.0),
               (*_BUTTER, 115.0),
               (*_MILK, 150.0), ("Vinegar, distilled", _SR, 5.0), (*_CREAM, 200.0), (*_WATER, 100.0),
           )),
    # France
    Recipe("Cassoulet", "cassoulet de Castelnaudary: white beans baked with duck confit, Toulouse sausage and pork "
           "belly in stock with onion, tomato and garlic (about 8 servings)", (
               (*_BEANS_WHITE, 500.0), ("Duck, cooked, skin eaten", _FNDDS, 200.0), (*_PORK_SAUSAGE, 200.0),
               (*_PORK_BELLY, 100.0), (*_ONIONS, 100.0), (*_TOMATOES_CANNED, 100.0), (*_CHICKEN_BROTH, 200.0),
               (*_GARLIC, 10.0),
           )),
    Recipe("Coq au vin", "Burgundian coq au vin: chicken braised in red wine with lardons, mushrooms, pearl onions "
           "and carrot, the sauce thickened with butter and flour (about 6 servings)", (
               (*_CHICKEN_THIGH_SKIN, 700.0), (*_BACON, 60.0), (*_MUSHROOMS, 150.0), (*_PEARL_ONIONS, 100.0),
               (*_WINE_RED, 150.0), (*_CHICKEN_BROTH, 100.0), (*_BUTTER, 20.0), (*_FLOUR, 15.0),
               (*_CARROTS, 50.0),
           )),
    Recipe("Boeuf bourguignon", "boeuf bourguignon: beef braised in red wine and stock with lardons, mushrooms, pearl "
           "onions and carrot (about 6 servings)", (
               (*_BEEF_STEWED, 700.0), (*_BACON, 60.0), (*_WINE_RED, 200.0), (*_BEEF_BROTH, 150.0),
               (*_MUSHROOMS, 150.0),
               (*_PEARL_ONIONS, 100.0), (*_CARROTS, 100.0), (*_BUTTER, 20.0), (*_FLOUR, 15.0),
           )),
    Recipe("Croque monsieur", "croque monsieur: ham and Gruyere between buttered white bread under bechamel, baked "
           "(1 sandwich)", (
               ("Bread, white", _FNDDS, 80.0), ("Ham, sliced, regular (approximately 11% fat)", _SR, 50.0),
               ("Cheese, gruyere", _SR, 40.0), (*_MILK, 50.0), (*_BUTTER, 15.0), (*_FLOUR, 6.0),
           )),
    Recipe("Blanquette de veau", "blanquette de veau: veal simmered in stock, the sauce made with butter, flour, cream "
           "and egg yolk, with mushrooms, carrots and pearl onions (about 6 servings)", (
               ("Veal, chop", _FNDDS, 600.0), (*_CHICKEN_BROTH, 300.0), (*_CREAM, 100.0),
               ("Egg, yolk, raw, fresh", _SR, 30.0),
               (*_BUTTER, 30.0), (*_FLOUR, 30.0), (*_MUSHROOMS, 150.0),
               ("Carrots, cooked, as ingredient", _FNDDS, 100.0),
               (*_PEARL_ONIONS, 100.0),
           )),
    Recipe("Tartiflette", "Savoyard tartiflette: potatoes baked with lardons, onions, cream and a whole Reblochon "
           "(soft washed-rind cheese) (about 6 servings)", (
               (*_POTATO, 800.0), ("Cheese, brie", _SR, 300.0), (*_BACON, 150.0), (*_ONIONS, 150.0),
               ("Cream, sour, cultured", _SR, 100.0), (*_WINE_WHITE, 50.0),
           )),
    # Italy
    Recipe("Spaghetti carbonara", "Roman spaghetti alla carbonara: spaghetti with guanciale, egg yolks and whole egg, "
           "Pecorino Romano and black pepper (2 plates)", (
               (*_PASTA, 300.0), (*_BACON, 60.0), ("Egg, yolk, raw, fresh", _SR, 40.0), (*_EGG_RAW, 50.0),
               ("Cheese, romano", _SR, 40.0), ("Spices, pepper, black", _SR, 2.0),
           )),
    Recipe("Pasta alla norma", "Sicilian pasta alla Norma: pasta with fried eggplant in tomato sauce, basil and "
           "ricotta salata (about 4 servings)", (
               (*_PASTA, 400.0), ("Eggplant, cooked, as ingredient", _FNDDS, 250.0), (*_OLIVE_OIL, 50.0),
               (*_TOMATOES_CANNED, 300.0), ("Cheese, feta", _SR, 40.0), (*_GARLIC, 8.0), ("Basil, fresh", _SR, 5.0),
           )),
    Recipe("Osso buco", "Milanese osso buco: veal shanks braised in white wine and stock with onion, carrot, celery "
           "and tomato, finished with gremolata (about 4 servings)", (
               ("Veal, chop", _FNDDS, 500.0), (*_CHICKEN_BROTH, 200.0), (*_WINE_WHITE, 100.0),
               (*_TOMATOES_CANNED, 150.0),
               (*_ONIONS, 60.0), (*_CARROTS, 50.0), ("Celery, raw", _SR, 50.0), (*_BUTTER, 30.0), (*_FLOUR, 15.0),
               (*_OLIVE_OIL, 15.0),
           )),
    Recipe("Cannoli", "Sicilian cannoli: fried pastry shells of flour, sugar, lard and wine filled with sweetened "
           "ricotta and chocolate chips (about 12 cannoli)", (
               (*_FLOUR, 150.0), (*_SUGAR, 15.0), ("Lard", _SR, 20.0), (*_WINE_WHITE, 40.0), (*_OIL, 50.0),
               ("Cheese, ricotta, whole milk", _SR, 400.0), ("Sugars, powdered", _SR, 100.0),
               ("Chocolate chips", _FNDDS, 40.0),
           )),
    Recipe("Panna cotta", "Piedmontese panna cotta: cream and a little milk sweetened and set with gelatin, vanilla "
           "(about 6 servings)", (
               (*_CREAM, 500.0), (*_MILK, 100.0), (*_SUGAR, 80.0), ("Gelatins, dry powder, unsweetened", _SR, 8.0),
               ("Vanilla extract", _SR, 5.0),
           )),
    Recipe("Arancini", "Sicilian arancini: risotto rice balls filled with ragu and mozzarella, breaded and deep fried "
           "(about 8 balls)", (
               (*_RICE, 400.0), (*_CHEESE_PARMESAN, 30.0), (*_EGG_RAW, 100.0),
               ("Spaghetti sauce with meat", _FNDDS, 100.0),
               ("Cheese, mozzarella, whole milk", _SR, 80.0), ("Bread, crumbs, dry, grated, plain", _SR, 80.0),
               (*_FLOUR, 20.0), (*_OIL, 60.0), (*_BUTTER, 15.0),
           )),
    # Spain and Portugal
    Recipe("Potato omelet", "Spanish tortilla de patatas: potatoes and onion slowly fried in olive oil, set in beaten "
           "eggs (about 6 servings)", (
               (*_POTATO, 500.0), (*_OLIVE_OIL, 60.0), (*_EGG_RAW, 300.0), (*_ONIONS, 150.0),
           )),
    Recipe("Patatas bravas", "Spanish patatas bravas: cubed potatoes fried in olive oil with a smoked-paprika tomato "
           "sauce and alioli (about 4 tapas servings)", (
               (*_POTATO, 500.0), (*_OLIVE_OIL, 50.0), (*_TOMATOES_CANNED, 120.0), (*_PAPRIKA, 5.0),
               (*_MAYONNAISE, 50.0), (*_GARLIC, 5.0),
           )),
    Recipe("Fabada", "Asturian fabada: white beans stewed with chorizo, morcilla and pork belly, saffron and paprika "
           "(about 6 servings)", (
               (*_BEANS_WHITE, 500.0), ("Sausage, pork, chorizo, link or ground, raw", _SR, 100.0),
               ("Blood sausage", _SR, 100.0), (*_PORK_BELLY, 100.0), (*_WATER, 300.0), (*_OLIVE_OIL, 15.0),
               (*_ONIONS, 50.0), (*_PAPRIKA, 3.0),
           )),
    Recipe("Caldo verde", "Portuguese caldo verde: potato and onion soup with shredded kale, sliced chourico and "
           "olive oil (about 6 servings)", (
               (*_POTATO, 400.0), ("Kale, fresh, cooked, no added fat", _FNDDS, 150.0),
               ("Sausage, smoked link sausage, pork", _SR, 80.0), (*_OLIVE_OIL, 30.0), (*_ONIONS, 60.0),
               (*_GARLIC, 5.0), (*_WATER, 700.0),
           )),
    Recipe("Bacalhau a bras", "Portuguese bacalhau a bras: desalted shredded cod with shoestring fried potatoes and "
           "onion in olive oil, bound with scrambled egg, olives and parsley (about 4 servings)", (
               ("Fish, cod, Atlantic, cooked, dry heat", _SR, 300.0),
               ("Potato, french fries, from fresh, fried", _FNDDS, 250.0),
               (*_EGG_SCRAMBLED, 200.0), (*_ONIONS, 100.0), (*_OLIVE_OIL, 40.0), ("Olives, black", _FNDDS, 20.0),
               (*_PARSLEY, 5.0),
           )),
    Recipe("Crema catalana", "Catalan crema catalana: milk custard of egg yolks, sugar and cornstarch with lemon and "
           "cinnamon, under caramelized sugar (about 6 servings)", (
               (*_MILK, 500.0), ("Egg, yolk, raw, fresh", _SR, 80.0), (*_SUGAR, 130.0), ("Cornstarch", _SR, 20.0),
               ("Lemon peel, raw", _SR, 3.0), ("Spices, cinnamon, ground", _SR, 1.0),
           )),
    # Central and Eastern Europe
    Recipe("Kasespatzle", "Swabian Kasespatzle: egg spaetzle layered with Emmental and topped with onions fried in "
           "butter (about 4 servings)", (
               (*_EGG_NOODLES, 400.0), ("Cheese, swiss", _SR, 150.0),
               ("Onions, yellow, sauteed", _SR, 100.0), (*_BUTTER, 20.0),
           )),
    Recipe("Bigos", "Polish bigos (hunter's stew): sauerkraut and fresh cabbage stewed with pork, kielbasa, bacon, "
           "mushrooms, prunes and red wine (about 8 servings)", (
               ("Sauerkraut", _FNDDS, 400.0), ("Cabbage, cooked, as ingredient", _FNDDS, 200.0),
               ("Pork, roast", _FNDDS, 200.0),
               ("Kielbasa, fully cooked, pan-fried", _SR, 150.0), (*_BACON, 50.0), (*_MUSHROOMS, 50.0),
               (*_ONIONS, 100.0),
               ("Prunes, dehydrated (low-moisture), stewed", _SR, 30.0), (*_WINE_RED, 50.0), (*_OIL, 10.0),
           )),
    Recipe("Chicken paprikash", "Hungarian paprikas csirke: chicken stewed with onions, peppers and tomato in paprika, "
           "finished with sour cream (about 6 servings)", (
               (*_CHICKEN_THIGH_SKIN, 600.0), (*_ONIONS, 200.0), (*_PAPRIKA, 15.0),
               ("Cream, sour, cultured", _SR, 150.0),
               ("Lard", _SR, 25.0), (*_FLOUR, 10.0), (*_CHICKEN_BROTH, 200.0), (*_RED_PEPPER, 80.0), (*_TOMATOES, 80.0),
           )),
    # Britain and Ireland
    Recipe("Fish and french fries", "British fish and chips (in FDC's words, fish and french fries): battered cod "
           "deep fried, with thick-cut chips (1 portion)", (
               ("Fish, cod, fried", _FNDDS, 200.0), ("Potato, french fries, from fresh, fried", _FNDDS, 250.0),
           )),
    Recipe("Bangers and mashed potato", "British bangers and mash: pork sausages with mashed potato and onion gravy "
           "(1 plate)", (
               (*_PORK_SAUSAGE, 150.0), ("Potato, mashed, from fresh, made with milk", _FNDDS, 250.0),
               ("Gravy, beef", _FNDDS, 80.0), ("Onions, yellow, sauteed", _SR, 30.0),
           )),
    Recipe("Toad in the hole", "British toad in the hole: pork sausages baked in a Yorkshire pudding batter of flour, "
           "egg and milk (about 4 servings)", (
               (*_PORK_SAUSAGE, 400.0), (*_FLOUR, 120.0), (*_EGG_RAW, 150.0), (*_MILK, 250.0), (*_OIL, 20.0),
           ), cooking="baked or griddled"),
    Recipe("Cornish pasty", "Cornish pasty: shortcrust pastry filled with beef skirt, potato, swede and onion, baked "
           "(1 pasty)", (
               ("Pie crust, refrigerated, regular, baked", _SR, 150.0), ("Beef, steak, NFS", _FNDDS, 100.0),
               (*_POTATO, 100.0), ("Rutabaga, cooked", _FNDDS, 50.0), ("Onions, cooked, as ingredient", _FNDDS, 40.0),
           )),
    Recipe("Full English breakfast", "full English breakfast: bacon, pork sausage, fried egg, baked beans, grilled "
           "tomato, fried mushrooms, black pudding and buttered toast (1 plate)", (
               (*_BACON, 40.0), (*_PORK_SAUSAGE, 100.0), (*_EGG_FRIED, 50.0),
               ("Baked beans", _FNDDS, 130.0), (*_TOMATOES, 80.0), ("Mushrooms, fresh, cooked with oil", _FNDDS, 60.0),
               ("Blood sausage", _SR, 40.0), ("Bread, white, toasted", _FNDDS, 40.0), (*_BUTTER, 5.0),
           )),
    Recipe("Scotch egg", "British Scotch egg: a hard-boiled egg wrapped in sausage meat, breaded and deep fried "
           "(1 egg)", (
               (*_EGG_BOILED, 60.0), (*_PORK_SAUSAGE, 60.0), ("Bread, crumbs, dry, grated, plain", _SR, 15.0),
               (*_FLOUR, 5.0), (*_EGG_RAW, 5.0), (*_OIL, 10.0),
           )),
    Recipe("Sticky toffee pudding", "British sticky toffee pudding: a date sponge of flour, butter, brown sugar and "
           "eggs, with toffee sauce of brown sugar, butter and cream (about 8 servings)", (
               (*_FLOUR, 175.0), ("Dates, medjool", _SR, 200.0), (*_BUTTER, 175.0), ("Sugars, brown", _SR, 300.0),
               (*_EGG_RAW, 100.0), (*_CREAM, 200.0), (*_WATER, 150.0),
           )),
    Recipe("Eton mess", "British Eton mess: crushed meringue folded with whipped cream and strawberries (about 4 "
           "servings)", (
               ("Meringues", _FNDDS, 60.0), (*_CREAM, 250.0), ("Strawberries, raw", _SR, 300.0), (*_SUGAR, 10.0),
           )),
    Recipe("Kedgeree", "Anglo-Indian kedgeree: rice with flaked smoked haddock, hard-boiled eggs, butter, onion, curry "
           "powder and parsley (about 4 servings)", (
               (*_RICE, 300.0), ("Fish, haddock, cooked, dry heat", _SR, 200.0), (*_EGG_BOILED, 100.0),
               (*_BUTTER, 30.0),
               (*_ONIONS, 60.0), (*_CURRY_POWDER, 5.0), (*_PARSLEY, 5.0),
           )),
    Recipe("Cullen skink", "Scottish cullen skink: smoked haddock, potato and onion soup made with milk, butter and "
           "cream (about 4 servings)", (
               ("Fish, haddock, cooked, dry heat", _SR, 200.0), (*_POTATO, 250.0), (*_ONIONS, 80.0), (*_MILK, 400.0),
               (*_BUTTER, 20.0), (*_CREAM, 50.0),
           )),
    # Italy, Greece, Germany, Austria, Eastern Europe and Britain: more dishes
    Recipe("Frittata", "Italian frittata: eggs beaten with milk and parmesan, set in olive oil over onion, pepper, "
           "potato and spinach, finished in the oven (about 4 servings)", (
               (*_EGG_RAW, 400.0), (*_MILK, 50.0), (*_CHEESE_PARMESAN, 40.0), (*_ONIONS, 50.0), (*_RED_PEPPER, 60.0),
               (*_POTATO, 100.0), ("Spinach, cooked, as ingredient", _FNDDS, 50.0), (*_OLIVE_OIL, 25.0),
           )),
    Recipe("Saltimbocca", "Roman saltimbocca alla romana: veal escalopes topped with prosciutto and sage, pan fried in "
           "butter and deglazed with white wine (about 4 servings)", (
               ("Veal, chop", _FNDDS, 400.0), ("Ham, prosciutto", _FNDDS, 60.0), (*_BUTTER, 30.0), (*_OLIVE_OIL, 10.0),
               (*_FLOUR, 10.0), (*_WINE_WHITE, 60.0),
           )),
    Recipe("Vitello tonnato", "Piedmontese vitello tonnato: cold sliced roast veal under a sauce of tuna, mayonnaise, "
           "capers, anchovy and lemon (about 6 servings)", (
               ("Veal, chop", _FNDDS, 500.0), ("Fish, tuna, canned", _FNDDS, 100.0), (*_MAYONNAISE, 100.0),
               ("Capers, canned", _SR, 15.0), ("Fish, anchovy", _FNDDS, 10.0), (*_LEMON_JUICE, 15.0),
           )),
    Recipe("Ribollita", "Tuscan ribollita: a thick soup of cannellini beans, cavolo nero, carrot, celery, onion, "
           "tomato and stale bread, with plenty of olive oil (about 6 bowls)", (
               (*_BEANS_WHITE, 300.0), ("Bread, Italian", _SR, 150.0),
               ("Kale, fresh, cooked, no added fat", _FNDDS, 200.0),
               (*_CARROTS, 100.0), ("Celery, raw", _SR, 80.0), (*_ONIONS, 100.0), (*_TOMATOES_CANNED, 200.0),
               (*_OLIVE_OIL, 50.0), (*_CHICKEN_BROTH, 600.0),
           )),
    Recipe("Pasta e fagioli", "Italian pasta e fagioli: small pasta and borlotti beans in a tomato, onion, carrot and "
           "celery broth with olive oil and parmesan (about 5 bowls)", (
               (*_PASTA, 200.0), (*_BEANS_WHITE, 250.0), (*_TOMATOES_CANNED, 200.0), (*_ONIONS, 60.0),
               (*_CARROTS, 50.0),
               ("Celery, raw", _SR, 50.0), (*_OLIVE_OIL, 30.0), (*_CHEESE_PARMESAN, 20.0), (*_CHICKEN_BROTH, 500.0),
           )),
    Recipe("Cacio e pepe", "Roman cacio e pepe: spaghetti tossed with grated pecorino romano, black pepper and starchy "
           "pasta water into a creamy sauce (about 3 servings)", (
               (*_PASTA, 400.0), ("Cheese, romano", _SR, 100.0), ("Spices, pepper, black", _SR, 4.0), (*_BUTTER, 15.0),
               (*_WATER, 50.0),
           )),
    Recipe("Amatriciana", "Roman pasta all'amatriciana: bucatini in a sauce of crisp guanciale, its fat, tomato, chili "
           "and pecorino (about 4 servings)", (
               (*_PASTA, 400.0), (*_BACON, 80.0), (*_OLIVE_OIL, 15.0), (*_TOMATOES_CANNED, 300.0),
               ("Cheese, romano", _SR, 40.0), (*_WINE_WHITE, 30.0), (*_CHILI, 3.0),
           )),
    Recipe("Aglio e olio", "Neapolitan spaghetti aglio, olio e peperoncino: spaghetti tossed with garlic and chili "
           "gently fried in olive oil, and parsley (about 4 servings)", (
               (*_PASTA, 400.0), (*_OLIVE_OIL, 60.0), (*_GARLIC, 20.0), (*_CHILI, 3.0), (*_PARSLEY, 10.0),
           )),
    Recipe("Caponata", "Sicilian caponata: fried eggplant with celery, onion, tomato, olives and capers in a sweet and "
           "sour vinegar sauce, with pine nuts (about 6 servings)", (
               ("Eggplant, cooked, as ingredient", _FNDDS, 500.0), (*_OLIVE_OIL, 80.0), ("Celery, raw", _SR, 100.0),
               (*_ONIONS, 150.0), (*_TOMATOES_CANNED, 200.0), ("Olives, green", _FNDDS, 50.0),
               ("Capers, canned", _SR, 20.0),
               ("Vinegar, red wine", _SR, 50.0), (*_SUGAR, 25.0), ("Nuts, pine nuts, dried", _SR, 15.0),
           )),
    Recipe("Panzanella", "Tuscan panzanella: stale bread soaked with ripe tomatoes, cucumber and red onion in olive "
           "oil and vinegar, with basil (about 4 servings)", (
               ("Bread, Italian", _SR, 200.0), (*_TOMATOES, 400.0), ("Cucumber, with peel, raw", _FOUNDATION, 150.0),
               (*_ONIONS, 50.0), (*_OLIVE_OIL, 60.0), ("Vinegar, red wine", _SR, 20.0), ("Basil, fresh", _SR, 10.0),
           )),
    Recipe("Caprese salad", "Italian insalata caprese: fresh mozzarella and tomato slices with basil, olive oil and "
           "a little balsamic (about 3 servings)", (
               ("Cheese, mozzarella, whole milk", _SR, 200.0), (*_TOMATOES, 300.0), ("Basil, fresh", _SR, 10.0),
               (*_OLIVE_OIL, 30.0), ("Vinegar, balsamic", _SR, 10.0),
           )),
    Recipe("Pastitsio", "Greek pastitsio: baked layers of tubular pasta and a cinnamon-spiced minced beef and tomato "
           "sauce under a thick béchamel with egg and cheese (about 8 servings)", (
               (*_PASTA, 300.0), (*_GROUND_BEEF, 250.0), (*_TOMATOES_CANNED, 150.0), (*_ONIONS, 80.0),
               (*_OLIVE_OIL, 15.0),
               ("Sauce, homemade, white, thick", _SR, 300.0), (*_EGG_RAW, 50.0), (*_CHEESE_PARMESAN, 50.0),
           )),
    Recipe("Avgolemono", "Greek avgolemono soup: chicken broth with rice and shredded chicken, thickened with egg and "
           "lemon (about 5 bowls)", (
               (*_CHICKEN_BROTH, 1000.0), (*_RICE, 250.0), (*_EGG_RAW, 150.0), (*_LEMON_JUICE, 60.0),
               (*_CHICKEN_BREAST, 200.0),
           )),
    Recipe("Nicoise salad", "Niçoise salad: tuna, hard-boiled egg, potatoes, green beans, tomatoes, olives and "
           "anchovies on lettuce with an olive oil vinaigrette (about 4 servings)", (
               ("Fish, tuna, canned", _FNDDS, 120.0), (*_EGG_BOILED, 100.0), (*_POTATO, 150.0),
               ("Green beans, cooked, as ingredient", _FNDDS, 100.0), (*_TOMATOES, 150.0),
               ("Olives, black", _FNDDS, 30.0),
               ("Fish, anchovy", _FNDDS, 15.0), ("Lettuce, leaf, green, raw", _FOUNDATION, 80.0), (*_OLIVE_OIL, 40.0),
               ("Vinegar, red wine", _SR, 15.0),
           )),
    Recipe("Croque madame", "French croque madame: a croque monsieur (ham and gruyère with béchamel, grilled in "
           "butter) topped with a fried egg (1 sandwich)", (
               ("Bread, white", _FNDDS, 60.0), ("Ham, sliced, restaurant", _FOUNDATION, 40.0),
               ("Cheese, swiss", _SR, 30.0),
               ("Sauce, homemade, white, medium", _SR, 30.0), (*_BUTTER, 8.0), (*_EGG_FRIED, 50.0),
           )),
    Recipe("Currywurst", "Berlin currywurst: a fried pork sausage sliced under curry ketchup and curry powder "
           "(1 portion, without fries)", (
               ("Bratwurst", _FNDDS, 150.0), (*_KETCHUP, 60.0), (*_CURRY_POWDER, 3.0), (*_OIL, 5.0),
           )),
    Recipe("Kaiserschmarrn", "Austrian Kaiserschmarrn: a thick sweet pancake of flour, milk and eggs with raisins, "
           "torn up in butter and caramelised, dusted with sugar (about 3 servings)", (
               (*_FLOUR, 125.0), (*_MILK, 250.0), (*_EGG_RAW, 200.0), (*_SUGAR, 45.0), (*_BUTTER, 40.0),
               ("Raisins", _FNDDS, 40.0),
           ), cooking="baked or griddled"),
    Recipe("Rouladen", "German Rinderrouladen: thin beef slices rolled around bacon, onion, pickle and mustard, "
           "browned and braised in a red wine gravy (about 4 servings)", (
               ("Beef, pot roast", _FNDDS, 500.0), (*_BACON, 60.0), (*_ONIONS, 80.0),
               ("Pickles, cucumber, dill or kosher dill", _FOUNDATION, 60.0),
               ("Mustard, prepared, yellow", _FOUNDATION, 20.0),
               (*_OIL, 20.0), (*_BEEF_BROTH, 250.0), (*_FLOUR, 15.0), (*_WINE_RED, 50.0),
           )),
    Recipe("Syrniki", "Russian / Ukrainian syrniki: farmer's cheese pancakes with egg, flour and sugar, fried in oil "
           "(about 10)", (
               ("Cheese, cottage, lowfat, 2% milkfat", _SR, 400.0), (*_EGG_RAW, 50.0), (*_FLOUR, 60.0), (*_SUGAR, 30.0),
               (*_OIL, 30.0),
           ), cooking="baked or griddled"),
    Recipe("Haggis", "Scottish haggis: sheep's heart and liver minced with oatmeal, beef suet, onion and pepper, "
           "cooked in a casing (about 6 servings)", (
               ("Lamb, New Zealand, imported, heart, raw", _SR, 250.0),
               ("Lamb, New Zealand, imported, liver, raw", _SR, 150.0),
               ("Oats, whole grain, rolled, old fashioned", _FOUNDATION, 150.0), ("Fat, beef tallow", _SR, 100.0),
               (*_ONIONS, 100.0), (*_BEEF_BROTH, 150.0), ("Spices, pepper, black", _SR, 3.0),
           )),
    Recipe("Salmorejo", "Córdoban salmorejo: a thick cold purée of ripe tomato, bread, olive oil and garlic, topped "
           "with chopped egg and jamón (about 5 bowls)", (
               (*_TOMATOES, 1000.0), ("Bread, Italian", _SR, 200.0), (*_OLIVE_OIL, 100.0), (*_GARLIC, 5.0),
               ("Vinegar, distilled", _SR, 10.0), (*_EGG_BOILED, 50.0), ("Ham, prosciutto", _FNDDS, 30.0),
           )),
    Recipe("Pulpo a la gallega", "Galician pulpo a la gallega: boiled octopus on boiled potatoes with olive oil, "
           "paprika and salt (about 4 servings)", (
               ("Mollusks, octopus, common, cooked, no added fat", _COOKED, 500.0), (*_POTATO, 400.0),
               (*_OLIVE_OIL, 50.0),
               (*_PAPRIKA, 5.0),
           )),
    Recipe("Tarte flambee", "Alsatian tarte flambée (Flammkuchen): a very thin bread dough baked under crème fraîche, "
           "onion and bacon lardons (1 tart)", (
               (*_FLOUR, 150.0), (*_WATER, 90.0), (*_OIL, 10.0), ("Cream, sour, full fat", _FOUNDATION, 200.0),
               (*_BACON, 80.0), (*_ONIONS, 100.0),
           ), cooking="baked or griddled"),
    Recipe("Dutch baby", "Dutch baby pancake: an egg, milk and flour batter baked puffed in a hot buttered pan, with "
           "lemon and powdered sugar (about 2 servings)", (
               (*_EGG_RAW, 150.0), (*_MILK, 120.0), (*_FLOUR, 65.0), (*_BUTTER, 30.0), (*_SUGAR, 20.0),
               (*_LEMON_JUICE, 10.0),
           ), cooking="baked or griddled"),
    # Latin America and the Caribbean
    Recipe("Feijoada", "Brazilian feijoada: black beans stewed with pork, smoked sausage, bacon and dried beef, onion "
           "and garlic (about 8 servings)", (
               (*_BLACK_BEANS, 500.0), ("Pork, roast", _FNDDS, 150.0),
               ("Sausage, smoked link sausage, pork", _SR, 150.0),
               (*_BACON, 50.0), ("Beef, dried, chipped, uncooked", _FNDDS, 50.0), (*_ONIONS, 100.0), (*_GARLIC, 10.0),
               (*_OIL, 15.0), (*_WATER, 200.0),
           )),
    Recipe("Lomo saltado", "Peruvian lomo saltado: beef strips stir-fried with red onion, tomato, aji, soy sauce and "
           "vinegar, tossed with french fries (about 3 servings)", (
               ("Beef, steak, sirloin, lean only eaten", _FNDDS, 300.0), ("Onions, red, raw", _FOUNDATION, 150.0),
               (*_TOMATOES, 150.0), ("Potato, french fries, from fresh, fried", _FNDDS, 200.0), (*_SOY_SAUCE, 30.0),
               ("Vinegar, red wine", _SR, 15.0), (*_OIL, 20.0), (*_CHILI, 10.0), (*_CILANTRO, 5.0),
           )),
    Recipe("Gallo pinto", "Costa Rican / Nicaraguan gallo pinto: rice fried with black beans, onion, sweet pepper and "
           "cilantro, seasoned with Salsa Lizano (about 4 servings)", (
               (*_RICE, 400.0), (*_BLACK_BEANS, 300.0), (*_ONIONS, 60.0), ("Peppers, sweet, green, raw", _SR, 40.0),
               (*_OIL, 20.0), ("Worcestershire sauce", _FNDDS, 20.0), (*_CILANTRO, 5.0),
           )),
    Recipe("Moqueca", "Brazilian moqueca baiana: white fish stewed in coconut milk and dende (palm) oil with tomato, "
           "onion, peppers, lime and cilantro (about 4 servings)", (
               ("Fish, cooked, as ingredient", _FNDDS, 500.0), (*_COCONUT_MILK, 300.0), (*_TOMATOES, 200.0),
               (*_ONIONS, 100.0), (*_RED_PEPPER, 100.0), ("Oil, palm", _SR, 30.0), (*_LIME_JUICE, 20.0),
               (*_CILANTRO, 10.0),
           )),
    Recipe("Tres leches cake", "Latin American tres leches cake: sponge cake soaked in evaporated milk, sweetened "
           "condensed milk and cream, topped with whipped cream (about 12 servings)", (
               (*_FLOUR, 150.0), (*_SUGAR, 200.0), (*_EGG_RAW, 250.0), ("Milk, evaporated, whole", _FNDDS, 350.0),
               ("Milk, condensed, sweetened", _FNDDS, 400.0), (*_CREAM, 300.0),
           )),
    Recipe("Curry goat", "Jamaican curry goat: goat browned in curry powder and slowly stewed with onion, garlic, "
           "thyme, scotch bonnet and potatoes (about 6 servings)", (
               ("Goat", _FNDDS, 500.0), (*_CURRY_POWDER, 15.0), (*_ONIONS, 100.0), (*_POTATO, 150.0), (*_OIL, 30.0),
               (*_GARLIC, 10.0), (*_CHILI, 5.0), (*_WATER, 200.0),
           )),
    Recipe("Oxtail stew", "Jamaican oxtail stew: oxtail browned and braised with butter beans, carrot, onion, "
           "browning and allspice (about 4 servings)", (
               ("Beef, oxtails", _FNDDS, 600.0), ("Lima beans, from canned", _FNDDS, 150.0), (*_CARROTS, 80.0),
               (*_ONIONS, 80.0), (*_BEEF_BROTH, 300.0), ("Sugars, brown", _SR, 15.0), (*_OIL, 20.0),
               (*_SOY_SAUCE, 15.0),
           )),
    Recipe("Coxinha", "Brazilian coxinha: shredded chicken and cream cheese wrapped in a broth-cooked flour dough, "
           "breaded and deep fried (about 12)", (
               (*_CHICKEN_BREAST, 200.0), (*_FLOUR, 200.0), (*_CHICKEN_BROTH, 250.0), (*_BUTTER, 20.0),
               ("Cheese, cream", _SR, 50.0), (*_ONIONS, 30.0), ("Bread, crumbs, dry, grated, plain", _SR, 60.0),
               (*_EGG_RAW, 30.0), (*_OIL, 60.0),
           )),
    Recipe("Ajiaco", "Bogotá ajiaco: chicken and potato soup with corn and guascas, served with cream, capers and "
           "avocado (about 6 bowls)", (
               (*_CHICKEN_BREAST, 300.0), (*_POTATO, 600.0), ("Corn, fresh, cooked, no added fat", _FNDDS, 200.0),
               (*_CHICKEN_BROTH, 1000.0), (*_CREAM, 60.0), ("Capers, canned", _SR, 20.0),
               ("Avocados, raw, all commercial varieties", _SR, 100.0), (*_ONIONS, 50.0),
           )),
    Recipe("Sancocho", "Colombian / Dominican sancocho: chicken stewed with yuca, green plantain, potato and corn in "
           "a cilantro broth (about 6 bowls)", (
               (*_CHICKEN_THIGH, 400.0), ("Cassava, cooked", _FNDDS, 250.0), ("Plantains, green, boiled", _SR, 200.0),
               (*_POTATO, 200.0), ("Corn, fresh, cooked, no added fat", _FNDDS, 150.0), (*_ONIONS, 80.0),
               (*_CILANTRO, 15.0), (*_GARLIC, 10.0), (*_CHICKEN_BROTH, 900.0),
           )),
    Recipe("Elote", "Mexican elote: grilled corn on the cob spread with mayonnaise and butter, rolled in cotija and "
           "chili powder, with lime (4 ears, kernels weighed)", (
               ("Corn, fresh, cooked, no added fat", _FNDDS, 400.0), (*_MAYONNAISE, 40.0), (*_BUTTER, 10.0),
               ("Queso cotija", _FNDDS, 40.0), (*_CHILI_POWDER, 3.0), (*_LIME_JUICE, 10.0),
           )),
    Recipe("Mofongo", "Puerto Rican mofongo: fried green plantains mashed with garlic, olive oil and pork cracklings, "
           "moistened with broth (about 3 servings)", (
               ("Plantains, green, fried", _SR, 400.0), (*_GARLIC, 15.0), ("Snacks, pork skins, plain", _SR, 40.0),
               (*_OLIVE_OIL, 20.0), (*_CHICKEN_BROTH, 60.0),
           )),
    Recipe("Choripan", "Argentine choripán: a grilled fresh pork chorizo in a split crusty roll with chimichurri "
           "(1 sandwich)", (
               (*_PORK_SAUSAGE, 120.0), ("Rolls, french", _SR, 80.0), (*_OLIVE_OIL, 12.0), (*_PARSLEY, 8.0),
               ("Vinegar, red wine", _SR, 5.0), (*_GARLIC, 3.0),
           )),
    Recipe("Jerk chicken", "Jamaican jerk chicken: chicken legs marinated in scotch bonnet, scallion, allspice, thyme, "
           "soy and lime, grilled with the skin (about 4 servings)", (
               (*_CHICKEN_THIGH_SKIN, 600.0), (*_SCALLIONS, 40.0), (*_CHILI, 15.0),
               ("Spices, allspice, ground", _SR, 5.0),
               (*_SOY_SAUCE, 20.0), (*_OIL, 20.0), (*_LIME_JUICE, 20.0), ("Sugars, brown", _SR, 15.0),
           )),
    Recipe("Escovitch fish", "Jamaican escovitch fish: whole snapper fried and covered in a hot vinegar pickle of "
           "onion, carrot, scotch bonnet and pimento (about 4 servings)", (
               ("Fish, snapper, no added fat", _COOKED, 400.0), (*_FLOUR, 20.0), (*_OIL, 40.0), (*_ONIONS, 80.0),
               (*_CARROTS, 40.0), (*_RED_PEPPER, 40.0), ("Vinegar, distilled", _SR, 60.0), (*_SUGAR, 5.0),
           )),
    Recipe("Doubles", "Trinidadian doubles: two fried turmeric flatbreads (bara) filled with curried chickpeas "
           "(channa) and tamarind and pepper sauces (1 doubles)", (
               (*_FLOUR, 60.0), (*_WATER, 35.0), (*_OIL, 15.0), (*_CHICKPEAS, 90.0), (*_ONIONS, 15.0),
               (*_CURRY_POWDER, 2.0), ("Tamarinds, raw", _SR, 10.0), (*_SUGAR, 5.0),
           )),
    Recipe("Callaloo", "Trinidadian callaloo: dasheen (taro) leaves and okra simmered with coconut milk, pumpkin, "
           "onion and garlic, swizzled smooth (about 6 servings)", (
               ("Taro leaves, cooked, steamed, without salt", _SR, 400.0),
               ("Okra, cooked, boiled, drained, without salt", _SR, 100.0),
               (*_COCONUT_MILK, 200.0), ("Pumpkin, canned, without salt", _SR, 100.0), (*_ONIONS, 60.0),
               (*_GARLIC, 10.0),
               (*_OIL, 10.0), (*_WATER, 150.0),
           )),
    Recipe("Pelau", "Trinidadian pelau: chicken browned in caramelised sugar, cooked with rice, pigeon peas, coconut "
           "milk, onion and carrot (about 6 servings)", (
               (*_RICE, 400.0), (*_CHICKEN_THIGH_SKIN, 400.0), ("Pigeon peas (red gram), mature seeds, raw", _SR, 80.0),
               (*_WATER, 120.0), (*_COCONUT_MILK, 150.0), (*_SUGAR, 30.0), (*_OIL, 20.0), (*_ONIONS, 60.0),
               (*_CARROTS, 50.0),
           )),
    # Breakfasts
    Recipe("Muesli", "Swiss-style muesli (dry): rolled oats with almonds, hazelnuts, sunflower seeds, raisins and "
           "dried apple (about 10 servings)", (
               ("Oats, whole grain, rolled, old fashioned", _FOUNDATION, 500.0), ("Nuts, almonds", _SR, 80.0),
               ("Nuts, hazelnuts or filberts", _SR, 50.0), ("Seeds, sunflower seed kernels, dried", _SR, 40.0),
               ("Raisins", _FNDDS, 100.0), ("Apple, dried", _FNDDS, 50.0),
           )),
    Recipe("Bircher muesli", "Bircher muesli: rolled oats soaked overnight in milk and yogurt with grated apple, "
           "lemon, honey, hazelnuts and raisins (about 2 servings)", (
               ("Oats, whole grain, rolled, old fashioned", _FOUNDATION, 80.0), (*_MILK, 100.0), (*_YOGURT, 100.0),
               ("Apple, raw", _FNDDS, 100.0), (*_LEMON_JUICE, 10.0), ("Honey", _SR, 15.0),
               ("Nuts, hazelnuts or filberts", _SR, 15.0), ("Raisins", _FNDDS, 15.0),
           )),
    Recipe("Overnight oats", "overnight oats: rolled oats soaked overnight in milk and yogurt with chia seeds and "
           "honey (1 jar)", (
               ("Oats, whole grain, rolled, old fashioned", _FOUNDATION, 50.0), (*_MILK, 150.0), (*_YOGURT, 50.0),
               ("Seeds, chia seeds, dried", _SR, 10.0), ("Honey", _SR, 10.0),
           )),
    # Cafe dishes and desserts
    Recipe("Chia pudding", "chia pudding: chia seeds soaked overnight in milk, sweetened with honey (1 jar)", (
               ("Chia seeds", _FNDDS, 40.0), (*_MILK, 250.0), ("Honey", _SR, 15.0),
           )),
    Recipe("Quinoa salad", "quinoa salad: cooked quinoa with cucumber, tomato, red onion, chickpeas, parsley and feta "
           "in a lemon olive oil dressing (about 4 servings)", (
               ("Quinoa, cooked", _SR, 300.0), ("Cucumber, with peel, raw", _FOUNDATION, 100.0), (*_TOMATOES, 100.0),
               (*_ONIONS, 30.0), (*_CHICKPEAS, 100.0), (*_PARSLEY, 20.0),
               ("Cheese, feta, whole milk, crumbled", _FOUNDATION, 60.0),
               (*_OLIVE_OIL, 30.0), (*_LEMON_JUICE, 20.0),
           )),
    Recipe("Buddha bowl", "café buddha bowl: brown rice, roasted sweet potato, chickpeas, kale, avocado, red cabbage "
           "and carrot with a tahini lemon dressing (1 bowl)", (
               ("Rice, brown, cooked, no added fat", _FNDDS, 150.0), ("Sweet potato, baked, fat added", _FNDDS, 120.0),
               (*_CHICKPEAS, 80.0), ("Kale, raw", _SR, 40.0), ("Avocados, raw, all commercial varieties", _SR, 50.0),
               ("Cabbage, red, raw", _FOUNDATION, 30.0), (*_CARROTS, 30.0), ("Tahini", _FNDDS, 20.0),
               (*_LEMON_JUICE, 10.0),
               (*_WATER, 10.0),
           )),
    Recipe("Banana bread", "banana bread: mashed ripe bananas, flour, sugar, butter and eggs with baking soda, baked "
           "in a loaf tin (1 loaf, batter weighed)", (
               (*_FLOUR, 250.0), ("Bananas, overripe, raw", _FOUNDATION, 350.0), (*_SUGAR, 150.0), (*_BUTTER, 115.0),
               (*_EGG_RAW, 100.0), ("Leavening agents, baking soda", _SR, 5.0),
           ), cooking="baked or griddled"),
    Recipe("Lemon drizzle cake", "British lemon drizzle cake: a butter sponge of flour, sugar and eggs soaked while "
           "warm with lemon juice and sugar (1 loaf, ingredients weighed)", (
               (*_FLOUR, 175.0), (*_BUTTER, 175.0), (*_SUGAR, 275.0), (*_EGG_RAW, 200.0), (*_MILK, 30.0),
               (*_LEMON_JUICE, 40.0),
           ), cooking="baked or griddled"),
    Recipe("Clafoutis", "French cherry clafoutis: cherries baked in a custardy batter of eggs, milk, flour and sugar "
           "(about 6 servings)", (
               ("Cherries, sweet, dark red, raw", _FOUNDATION, 400.0), (*_EGG_RAW, 150.0), (*_MILK, 250.0),
               (*_FLOUR, 60.0),
               (*_SUGAR, 80.0), (*_BUTTER, 15.0),
           ), cooking="baked or griddled"),
    Recipe("Affogato", "Italian affogato: a scoop of vanilla gelato drowned in a shot of hot espresso (1 cup)", (
               ("Ice cream, vanilla", _FNDDS, 100.0), ("Coffee, espresso", _FNDDS, 30.0),
           )),
    Recipe("Apple crumble", "British apple crumble: sweetened cooked apples under a rubbed crumble of flour, butter, "
           "brown sugar and oats, baked (about 6 servings)", (
               ("Apples, raw, without skin, cooked, boiled", _SR, 500.0), (*_SUGAR, 50.0), (*_FLOUR, 150.0),
               (*_BUTTER, 100.0), ("Sugars, brown", _SR, 100.0),
               ("Oats, whole grain, rolled, old fashioned", _FOUNDATION, 50.0),
           )),
    Recipe("Banoffee pie", "British banoffee pie: a buttered biscuit base under dulce de leche, sliced bananas and "
           "whipped cream (about 10 servings)", (
               ("Nabisco, Nabisco Grahams Crackers", _SR, 200.0), (*_BUTTER, 80.0), ("Dulce de Leche", _SR, 400.0),
               ("Bananas, ripe and slightly ripe, raw", _FOUNDATION, 300.0), (*_CREAM, 250.0), (*_SUGAR, 20.0),
           )),
    Recipe("Hotteok", "Korean hotteok: yeasted wheat pancakes filled with brown sugar, cinnamon and chopped nuts, "
           "pan fried in oil (about 6)", (
               (*_FLOUR, 200.0), (*_MILK, 150.0), (*_SUGAR, 15.0),
               ("Leavening agents, yeast, baker's, active dry", _SR, 5.0),
               (*_OIL, 30.0), ("Sugars, brown", _SR, 60.0), ("Spices, cinnamon, ground", _SR, 2.0), (*_PEANUTS, 20.0),
           ), cooking="baked or griddled"),
)


def recipe_profiles(records: Sequence[FoodRecord]) -> tuple[list[FoodRecord], list[str]]:
    """A profile per recipe of :data:`RECIPES` whose ingredients ``records`` hold, and the names of those it lacks.

    Nutrients per 100 g of the dish: the sum of each ingredient's per-100 g value times its grams, over the dish's
    weight (:meth:`Recipe.dish_grams`: the ingredients' grams, less the water a cooking named drives out); a nutrient
    that an ingredient does not report stays unknown (nan) for the dish.
    """
    by_key = {(r.description, r.data_type): r for r in records}
    profiles, skipped = [], []
    for recipe in RECIPES:
        found = [(by_key.get((description, data_type)), grams) for description, data_type, grams in recipe.ingredients]
        if any(record is None for record, _ in found):
            skipped.append(recipe.name)
            continue
        dish = recipe.dish_grams()
        nutrients = [sum(record.nutrients[k] * grams for record, grams in found) / dish
                     for k in range(len(NUTRIENT_KEYS))]
        listing = ", ".join(f"{grams:g} g {description} ({data_type})" for description, data_type, grams in recipe.ingredients)
        basis = f"recipe profile: {recipe.source}; {listing}; per 100 g of the {dish:g} g dish{_cooking_note(recipe)}"
        profiles.append(FoodRecord(recipe.name, RECIPE_DATA_TYPE, RECIPE_CATEGORY,
                                   nutrients, None, [], basis=basis))
    return profiles, skipped


def _cooking_note(recipe: Recipe) -> str:
    """What the basis says of a recipe's cooking yield (nothing for ingredients weighed as eaten)."""
    if recipe.cooking is None:
        return ""
    share = COOKING_YIELDS[recipe.cooking]
    return f" ({recipe.listed_grams():g} g of ingredients {recipe.cooking}: {share:.0%} of their weight left, the water cooking drives out)"
