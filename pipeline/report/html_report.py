"""Render ``report.html``: everything inline (images as data URIs, chart as SVG), no network needed."""

from __future__ import annotations

import base64
import math
from datetime import datetime, timezone

from jinja2 import Environment, PackageLoader

from pipeline.contracts.detections import SCENE_PERCEPTION, Detections
from pipeline.contracts.results import Results
from pipeline.report.cost import COST_COLUMNS, cost_rows, cost_summary
from pipeline.report.table import RESULT_COLUMNS, results_rows

#: kcal per gram of each macronutrient (Atwater general factors), for the energy split chart.
ATWATER_KCAL_PER_G = {"protein_g": 4.0, "fat_g": 9.0, "carbs_g": 4.0}
_COLOURS = {"protein_g": "#2a9d8f", "fat_g": "#e9c46a", "carbs_g": "#e76f51"}
_LABELS = {"protein_g": "Protein", "fat_g": "Fat", "carbs_g": "Carbohydrate"}

_environment = Environment(loader=PackageLoader("pipeline.report", "templates"), autoescape=True)


def macro_slices(results: Results) -> list[dict]:
    """Energy share of protein, fat and carbohydrate (Atwater factors) as donut slices."""
    energies = {key: getattr(results.totals, key) * factor for key, factor in ATWATER_KCAL_PER_G.items()}
    total = sum(energies.values())
    slices, start = [], 0.0
    for key, energy in energies.items():
        share = energy / total if total > 0 else 0.0
        slices.append({
            "label": _LABELS[key], "colour": _COLOURS[key], "share": share,
            "grams": getattr(results.totals, key), "path": _arc(start, share) if share > 0 else "",
        })
        start += share
    return slices


def _arc(start: float, share: float, radius: float = 80.0, centre: float = 100.0) -> str:
    """SVG path of a donut slice from ``start`` to ``start + share`` (fractions of a turn)."""
    if share >= 0.9999:
        return f"M {centre} {centre - radius} A {radius} {radius} 0 1 1 {centre - 0.01} {centre - radius} Z"
    a0, a1 = 2 * math.pi * start - math.pi / 2, 2 * math.pi * (start + share) - math.pi / 2
    x0, y0 = centre + radius * math.cos(a0), centre + radius * math.sin(a0)
    x1, y1 = centre + radius * math.cos(a1), centre + radius * math.sin(a1)
    large = 1 if share > 0.5 else 0
    return f"M {centre} {centre} L {x0:.2f} {y0:.2f} A {radius} {radius} 0 {large} 1 {x1:.2f} {y1:.2f} Z"


def _data_uri(data: bytes) -> str:
    kind = "png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def render_report(
    results: Results,
    *,
    detections: Detections | None = None,
    overlays: dict[str, bytes] | None = None,
    title: str = "Meal report",
) -> str:
    """The whole report as one HTML document; ``overlays`` maps a frame name to JPEG/PNG bytes."""
    template = _environment.get_template("report.html.j2")
    return template.render(
        title=title,
        results=results,
        detections=detections,
        columns=RESULT_COLUMNS,
        rows=results_rows(results),
        slices=macro_slices(results),
        images=[{"name": name, "uri": _data_uri(data)} for name, data in sorted((overlays or {}).items())],
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        cost_columns=COST_COLUMNS,
        cost_rows=cost_rows(results.cost) if results.cost else [],
        cost_summary=cost_summary(results.cost) if results.cost else "",
        scene_perception=SCENE_PERCEPTION,
    )
