"""Recipe profiles: composite dishes that no USDA table has, composed from USDA ingredients (issue 10 point 3).

A dish such as risotto or shakshuka has no FoodData Central entry. Rather than the median of a whole
category, its profile is the weighted sum of the USDA entries it is cooked from, per 100 g of the dish
as served, with the recipe (ingredients, grams, and the source it follows) as its basis. Ingredients are
named by (description, data type) exactly as in FDC, already in the state they are eaten (cooked rice,
poached eggs), so the grams are the dish's own and no cooking yield is assumed. A recipe whose ingredient
the source data lacks is not built (the knowledge base's meta names it), never filled in.

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


@dataclass(frozen=True)
class Recipe:
    """A dish (its name as a description) and its ingredients: (FDC description, data type, grams as eaten)."""

    name: str
    source: str
    ingredients: tuple[tuple[str, str, float], ...]


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
               ("Chickpeas, from canned, no added fat", _FNDDS, 480.0), (*_TOMATOES_CANNED, 200.0),
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
               ("Mayonnaise, regular", _FNDDS, 20.0),
           )),
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
               ("Egg, whole, fried with oil", _FNDDS, 100.0), (*_SOY_SAUCE, 10.0), (*_SESAME_OIL, 5.0),
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
               ("Pate, liver, not specified, canned", _SR, 20.0), ("Mayonnaise, regular", _FNDDS, 15.0),
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
    # The Middle East and Africa
    Recipe("Chicken shawarma", "Levantine chicken shawarma: chicken thighs marinated in yogurt, lemon, garlic and "
           "spices, roasted and sliced (the meat, about 4 servings)", (
               (*_CHICKEN_THIGH, 500.0), (*_YOGURT, 50.0), (*_OLIVE_OIL, 30.0), (*_LEMON_JUICE, 20.0),
               (*_GARLIC, 10.0), (*_CUMIN, 3.0), (*_PAPRIKA, 3.0),
           )),
    Recipe("Fattoush", "Lebanese fattoush: romaine, tomato, cucumber, radish, onion and herbs with fried pita pieces "
           "in a lemon, olive oil and sumac dressing (about 4 servings)", (
               ("Lettuce, cos or romaine, raw", _SR, 150.0), (*_TOMATOES, 150.0), ("Cucumber, raw", _FNDDS, 150.0),
               ("Radishes, raw", _SR, 40.0), (*_ONIONS, 30.0), ("Parsley, fresh", _SR, 20.0),
               ("Bread, pita", _FNDDS, 60.0), (*_OLIVE_OIL, 45.0), (*_LEMON_JUICE, 30.0),
           )),
    Recipe("Moussaka", "Greek moussaka: layers of olive-oil-fried eggplant and lamb mince in tomato, under a baked "
           "bechamel with egg and cheese (about 8 servings)", (
               ("Eggplant, cooked, as ingredient", _FNDDS, 500.0), (*_OLIVE_OIL, 60.0),
               ("Lamb, ground, cooked, broiled", _SR, 400.0), (*_ONIONS, 100.0), (*_TOMATOES_CANNED, 200.0),
               (*_MILK, 400.0), (*_BUTTER, 40.0), (*_FLOUR, 40.0), (*_EGG_RAW, 50.0), (*_CHEESE_PARMESAN, 40.0),
           )),
    Recipe("Kibbeh", "Levantine fried kibbeh: a shell of bulgur and minced lamb filled with spiced lamb, onion and "
           "pine nuts, deep fried (about 12 pieces)", (
               ("Bulgur, cooked", _SR, 200.0), ("Lamb, ground, cooked, broiled", _SR, 250.0), (*_ONIONS, 60.0),
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
               ("Couscous, cooked", _SR, 300.0), ("Lamb, NS as to cut", _FNDDS, 150.0), (*_CHICKEN_THIGH, 150.0),
               ("Sausage, beef, fresh, cooked", _SR, 100.0), ("Chickpeas, from canned, no added fat", _FNDDS, 100.0),
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
               ("Beef, ground", _FNDDS, 500.0), (*_ONIONS, 150.0), ("Bread, white", _FNDDS, 50.0), (*_MILK, 250.0),
               (*_EGG_RAW, 100.0), (*_CURRY_POWDER, 10.0), ("Chutney", _FNDDS, 40.0), ("Raisins", _FNDDS, 30.0),
               ("Nuts, almonds", _SR, 20.0), (*_OIL, 15.0),
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
               ("Mayonnaise, regular", _FNDDS, 50.0), (*_GARLIC, 5.0),
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
               ("Parsley, fresh", _SR, 5.0),
           )),
    Recipe("Crema catalana", "Catalan crema catalana: milk custard of egg yolks, sugar and cornstarch with lemon and "
           "cinnamon, under caramelized sugar (about 6 servings)", (
               (*_MILK, 500.0), ("Egg, yolk, raw, fresh", _SR, 80.0), (*_SUGAR, 130.0), ("Cornstarch", _SR, 20.0),
               ("Lemon peel, raw", _SR, 3.0), ("Spices, cinnamon, ground", _SR, 1.0),
           )),
    # Central and Eastern Europe
    Recipe("Kasespatzle", "Swabian Kasespatzle: egg spaetzle layered with Emmental and topped with onions fried in "
           "butter (about 4 servings)", (
               ("Noodles, egg, enriched, cooked", _SR, 400.0), ("Cheese, swiss", _SR, 150.0),
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
           )),
    Recipe("Cornish pasty", "Cornish pasty: shortcrust pastry filled with beef skirt, potato, swede and onion, baked "
           "(1 pasty)", (
               ("Pie crust, refrigerated, regular, baked", _SR, 150.0), ("Beef, steak, NFS", _FNDDS, 100.0),
               (*_POTATO, 100.0), ("Rutabaga, cooked", _FNDDS, 50.0), ("Onions, cooked, as ingredient", _FNDDS, 40.0),
           )),
    Recipe("Full English breakfast", "full English breakfast: bacon, pork sausage, fried egg, baked beans, grilled "
           "tomato, fried mushrooms, black pudding and buttered toast (1 plate)", (
               (*_BACON, 40.0), (*_PORK_SAUSAGE, 100.0), ("Egg, whole, fried with oil", _FNDDS, 50.0),
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
               (*_ONIONS, 60.0), (*_CURRY_POWDER, 5.0), ("Parsley, fresh", _SR, 5.0),
           )),
    Recipe("Cullen skink", "Scottish cullen skink: smoked haddock, potato and onion soup made with milk, butter and "
           "cream (about 4 servings)", (
               ("Fish, haddock, cooked, dry heat", _SR, 200.0), (*_POTATO, 250.0), (*_ONIONS, 80.0), (*_MILK, 400.0),
               (*_BUTTER, 20.0), (*_CREAM, 50.0),
           )),
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
)


def recipe_profiles(records: Sequence[FoodRecord]) -> tuple[list[FoodRecord], list[str]]:
    """A profile per recipe of :data:`RECIPES` whose ingredients ``records`` hold, and the names of those it lacks.

    Nutrients per 100 g of the dish: the sum of each ingredient's per-100 g value times its grams, over the
    total grams; a nutrient that an ingredient does not report stays unknown (nan) for the dish.
    """
    by_key = {(r.description, r.data_type): r for r in records}
    profiles, skipped = [], []
    for recipe in RECIPES:
        found = [(by_key.get((description, data_type)), grams) for description, data_type, grams in recipe.ingredients]
        if any(record is None for record, _ in found):
            skipped.append(recipe.name)
            continue
        total = sum(grams for _, grams in found)
        nutrients = [sum(record.nutrients[k] * grams for record, grams in found) / total
                     for k in range(len(NUTRIENT_KEYS))]
        listing = ", ".join(f"{grams:g} g {description} ({data_type})" for description, data_type, grams in recipe.ingredients)
        basis = f"recipe profile: {recipe.source}; {listing}; per 100 g of the {total:g} g dish"
        profiles.append(FoodRecord(recipe.name, RECIPE_DATA_TYPE, RECIPE_CATEGORY,
                                   nutrients, None, [], basis=basis))
    return profiles, skipped
