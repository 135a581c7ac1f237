"""benchmarks/nutrition.py runs end to end on the labelled set and reports every figure it promises."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "benchmarks" / "data"


@pytest.mark.skipif(not (DATA / "food_phrases.jsonl").is_file() or not (DATA / "meals.jsonl").is_file(),
                    reason="the labelled set is not in this checkout")
def test_benchmark_reports_its_figures(tmp_path: Path, kb_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, "benchmarks/nutrition.py", "--json", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=300, check=True)
    assert "top-1 accuracy" in done.stdout and "dish-level MAE" in done.stdout and "cold start" in done.stdout
    figures = json.loads(out.read_text())
    assert figures["phrases"]["phrases"] >= 200 and figures["meals"]["meals"] > 0
    # regression floors far below the measured figures (83% top-1, 9% meal kcal MAE): a broken matcher fails
    assert figures["phrases"]["top1"] > figures["baselines"]["embedding_only_top1"]
    assert figures["meals"]["mae_pct"]["kcal"] < figures["baselines"]["embedding_only_meal_kcal_mae_pct"]
    assert figures["cold_start_s"]["import_s"] + figures["cold_start_s"]["load_s"] <= 3.0
