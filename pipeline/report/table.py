"""The items table shared by the terminal output and the HTML report."""

from __future__ import annotations

from pipeline.contracts.results import Results

RESULT_COLUMNS = ("item", "grams", "kcal", "protein g", "fat g", "carbs g", "USDA food", "confidence")


def _food(match) -> str:
    """The USDA entry as a person reads it: description plus FDC id, or its data type without one."""
    where = f"FDC {match.fdc_id}" if match.fdc_id is not None else match.data_type.replace("_", " ")
    return f"{match.description} ({where})"


def results_rows(results: Results) -> list[list[str]]:
    """One row per item plus a totals row, formatted for people (g and kcal rounded)."""
    rows = []
    for item in results.items:
        food = _food(item.match) if item.match else "unmatched"
        n = item.nutrients
        rows.append([
            item.label, f"{item.mass_g:.0f}", f"{n.kcal:.0f}", f"{n.protein_g:.1f}", f"{n.fat_g:.1f}",
            f"{n.carbs_g:.1f}", food, f"{item.confidence:.2f}",
        ])
    t = results.totals
    rows.append(["total", f"{sum(i.mass_g for i in results.items):.0f}", f"{t.kcal:.0f}", f"{t.protein_g:.1f}",
                 f"{t.fat_g:.1f}", f"{t.carbs_g:.1f}", "", ""])
    return rows
