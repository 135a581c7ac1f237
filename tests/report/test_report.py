"""The HTML report: self-contained, escaped, honest about random weights, chart adds up."""

from __future__ import annotations

import io
import re

from PIL import Image

from pipeline.contracts.results import FoodMatch, NutrientTotals, ResultItem, Results
from pipeline.report import render_report, results_rows
from pipeline.report.html_report import macro_slices


def _results(weights: str = "pretrained") -> Results:
    rice = ResultItem(
        id="item-1", label="white rice", mass_g=150, mass_source="volume", volume_ml=180, density_g_per_ml=0.83,
        density_source="FDC portion: 1 cup", confidence=0.9, kcal_share=0.6,
        match=FoodMatch(fdc_id=168878, description="Rice, white, cooked", data_type="sr_legacy_food", score=0.9, confidence=0.9),
        nutrients=NutrientTotals(kcal=195, protein_g=4.0, fat_g=0.4, carbs_g=42.0),
    )
    odd = ResultItem(
        id="item-2", label="<script>alert(1)</script>", mass_g=0, mass_source="none", confidence=0.0,
        match=None, nutrients=NutrientTotals(),
    )
    return Results(job_id="a" * 32, items=[rice, odd], totals=NutrientTotals(kcal=195, protein_g=4.0, fat_g=0.4, carbs_g=42.0),
                   weights=weights)


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 100, 50)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_report_is_self_contained_and_escaped():
    html = render_report(_results(), overlays={"frame_000012.jpg": _jpeg()})
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "data:image/jpeg;base64," in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "the report must not load anything from the network"
    assert "Rice, white, cooked (FDC 168878)" in html and "195" in html


def test_random_weights_are_announced():
    assert "Random model weights" in render_report(_results("random"))
    assert "Random model weights" not in render_report(_results())


def test_macro_energy_split_uses_atwater_factors():
    slices = {s["label"]: s["share"] for s in macro_slices(_results())}
    energy = {"Protein": 4.0 * 4, "Fat": 0.4 * 9, "Carbohydrate": 42.0 * 4}
    total = sum(energy.values())
    for label, kcal in energy.items():
        assert abs(slices[label] - kcal / total) < 1e-9
    assert abs(sum(slices.values()) - 1) < 1e-9


def test_rows_end_with_totals_and_mark_unmatched():
    rows = results_rows(_results())
    assert rows[-1][0] == "total" and rows[-1][2] == "195"
    assert rows[1][6] == "unmatched"
