"""The items table shared by the terminal output and the HTML report."""

from __future__ import annotations

from pipeline.contracts.results import Results

RESULT_COLUMNS = ("item", "grams", "kcal", "protein g", "fat g", "carbs g", "USDA food", "confidence")


def _food(match) -> str:
    """The USDA entry as a person reads it: description plus FDC id, or its data type without one."""
    where = f"FDC {match.fdc_id}" if match.fdc_id is not None else match.data_type.replace("_", " ")
    return f"{match.description} ({where})"


def _with_interval(value: float, low: float | None, high: float | None) -> str:
    """``value`` rounded, followed by its 80 % interval when there is one: '150 (120-185)'."""
    if low is None or high is None:
        return f"{value:.0f}"
    return f"{value:.0f} ({low:.0f}-{high:.0f})"


def results_rows(results: Results) -> list[list[str]]:
    """One row per item plus a totals row, formatted for people (g and kcal rounded, with their 80 %
    interval in brackets when the volume had one)."""
    rows = []
    for item in results.items:
        food = _food(item.match) if item.match else "unmatched"
        n = item.nutrients
        rows.append([
            item.label, _with_interval(item.mass_g, item.mass_g_p10, item.mass_g_p90),
            _with_interval(n.kcal, item.kcal_p10, item.kcal_p90), f"{n.protein_g:.1f}", f"{n.fat_g:.1f}",
            f"{n.carbs_g:.1f}", food, f"{item.confidence:.2f}",
        ])
    t = results.totals
    rows.append(["total", f"{sum(i.mass_g for i in results.items):.0f}", f"{t.kcal:.0f}", f"{t.protein_g:.1f}",
                 f"{t.fat_g:.1f}", f"{t.carbs_g:.1f}", "", ""])
    return rows
