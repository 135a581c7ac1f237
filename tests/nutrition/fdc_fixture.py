"""A tiny official-format FDC CSV download (the real one is gigabytes), written into a folder."""

from __future__ import annotations

import csv
from pathlib import Path

FOODS = [  # fdc_id, data_type, description, category id
    (100001, "sr_legacy_food", "Milk, whole, 3.25% milkfat", "1"),
    (100002, "sr_legacy_food", "Oil, olive, salad or cooking", "4"),
    (100003, "foundation_food", "Broccoli, raw", "11"),
    (100004, "branded_food", "CRUNCHY SNACK BAR", "25"),
    (100005, "foundation_food", "Oil, canola", "4"),
]
NUTRIENTS = [  # fdc_id, nutrient_id, amount (per 100 g)
    (100001, 1008, 61), (100001, 1003, 3.15), (100001, 1004, 3.25), (100001, 1005, 4.8), (100001, 2000, 5.05),
    (100001, 1093, 43), (100001, 1079, 0),
    (100002, 1008, 884), (100002, 1004, 100), (100002, 1003, 0), (100002, 1005, 0), (100002, 1093, 2),
    (100003, 2047, 39), (100003, 1008, 31), (100003, 1003, 2.57), (100003, 1004, 0.34), (100003, 1005, 6.27),
    (100003, 1079, 2.4), (100003, 1093, 36),
    (100004, 1008, 400), (100004, 1003, 5), (100004, 1004, 10), (100004, 1005, 70),
    (100005, 1004, 100), (100005, 1003, 0), (100005, 1005, 0),  # no energy: 4/9/4 -> 900 kcal
]
PORTIONS = [  # fdc_id, amount, measure_unit_id, portion_description, modifier, gram_weight
    (100001, 1, "1000", "", "", 244),                 # 1 cup = 244 g -> 1.031 g/ml
    (100002, 1, "9999", "", "tablespoon", 13.5),      # SR Legacy style: unit in modifier -> 0.913 g/ml
    (100003, 1, "9999", "", "cup, chopped", 91),      # -> 0.385 g/ml
]


def write_fdc_download(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows: list) -> None:
        with (folder / name).open("w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)

    write("food.csv", ["fdc_id", "data_type", "description", "food_category_id", "publication_date"],
          [(*food, "2019-04-01") for food in FOODS])
    write("food_nutrient.csv", ["id", "fdc_id", "nutrient_id", "amount"],
          [(n, *row) for n, row in enumerate(NUTRIENTS, 1)])
    write("food_portion.csv", ["id", "fdc_id", "seq_num", "amount", "measure_unit_id", "portion_description",
                               "modifier", "gram_weight"],
          [(n, row[0], 1, *row[1:]) for n, row in enumerate(PORTIONS, 1)])
    write("measure_unit.csv", ["id", "name"], [("1000", "cup"), ("9999", "undetermined")])
    write("food_category.csv", ["id", "code", "description"],
          [("1", "0100", "Dairy and Egg Products"), ("4", "0400", "Fats and Oils"),
           ("11", "1100", "Vegetables and Vegetable Products"), ("25", "2500", "Snacks")])
    return folder
