"""The food vocabulary the open-vocabulary detector is prompted with, and the prompt wording.

Labels are short lower-case food names, the words ``nutrition_rag`` matches against USDA FoodData
Central. Plates, bowls, cups and glasses are detected too, as scale references and containers (see
:mod:`gpu_tasks.calibration` and :mod:`pipeline.geometry.container`), but are not food items.
"""

from __future__ import annotations

FOOD_LABELS: tuple[str, ...] = (
    "rice", "fried rice", "pasta", "spaghetti", "noodles", "bread", "toast", "sandwich", "burger",
    "pizza", "taco", "burrito", "tortilla", "pancake", "waffle", "bagel", "croissant", "muffin",
    "cake", "cookie", "donut", "pie", "ice cream", "yogurt", "cereal", "oatmeal", "granola",
    "egg", "fried egg", "scrambled eggs", "omelette", "bacon", "sausage", "ham", "steak", "beef",
    "pork chop", "chicken breast", "chicken wings", "fried chicken", "roast chicken", "turkey",
    "meatballs", "fish", "salmon", "tuna", "shrimp", "sushi", "tofu", "beans", "lentils", "chickpeas",
    "french fries", "potato", "mashed potatoes", "sweet potato", "corn", "peas", "carrot", "broccoli",
    "cauliflower", "green beans", "spinach", "lettuce", "salad", "tomato", "cucumber", "bell pepper",
    "onion", "mushroom", "avocado", "asparagus", "zucchini", "eggplant", "cabbage", "apple",
    "banana", "orange", "grapes", "strawberries", "blueberries", "watermelon", "pineapple", "mango",
    "cheese", "soup", "curry", "stew", "chili", "dumplings", "nuts", "hummus", "sauce",
)

#: Objects of known typical size used to check the metric scale; not reported as food.
REFERENCE_LABELS: tuple[str, ...] = ("plate", "bowl", "cup", "glass")
#: The kind of object each reference label names (a glass is measured as a cup).
REFERENCE_KINDS: dict[str, str] = {"plate": "plate", "bowl": "bowl", "cup": "cup", "glass": "cup"}

PROMPT_TEMPLATE = "a photo of {label}"


def detector_labels() -> tuple[str, ...]:
    """Every label the detector is asked about: food first, then the scale references."""
    return FOOD_LABELS + REFERENCE_LABELS


def prompt_for(label: str) -> str:
    """The text query for ``label``."""
    return PROMPT_TEMPLATE.format(label=label)


def is_reference(label: str) -> bool:
    """True for plates, bowls, cups and glasses (scale references, containers), False for food."""
    return label in REFERENCE_LABELS
