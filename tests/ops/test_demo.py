"""``make demo`` (ops/demo.py): which perception it picks, and the offline path end to end on the embedded AWS.

Tolerances of the end-to-end check are issue 9's accuracy goals for realistic perception, which
``benchmarks/measurement.py`` prints: median item volume error ≤ 12 %, p90 ≤ 30 % (here: every item,
five of them); the meal's total volume and kcal are held to the median bound, 12 %.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gpu_tasks.perception.scene_file import load_scene
from ops.console import RecordingReporter
from ops.demo import SAMPLE_SCENE, SAMPLES_DIR, choose_perception, run_demo
from ops.scene_truth import compare_with_scene
from pipeline.config import Config, load_config
from pipeline.contracts.detections import SCENE_PERCEPTION
from pipeline.contracts.results import Results

MEDIAN_BOUND = 0.12
ITEM_BOUND = 0.30


def _no_fetch(config: Config, folder: Path) -> None:
    raise AssertionError("the demo must not fetch when the Hub does not answer")


def _offline(ref) -> str:
    return "the Hub did not answer (test)"


def test_offline_without_weights_says_so_in_one_line_and_picks_the_scene(tmp_path: Path) -> None:
    reporter = RecordingReporter()
    perception = choose_perception(load_config("dev"), None, reporter, models_home=tmp_path, hub_check=_offline,
                                   fetch=_no_fetch)
    assert perception.backend == "scene" and perception.models_dir == SAMPLES_DIR
    assert len(reporter.lines) == 1 and "\n" not in reporter.lines[0]
    assert SCENE_PERCEPTION in reporter.lines[0] and "the Hub did not answer (test)" in reporter.lines[0]


def test_weights_present_or_fetchable_are_used(tmp_path: Path) -> None:
    config, reporter = load_config("dev"), RecordingReporter()
    fetched: list[Path] = []
    perception = choose_perception(config, None, reporter, models_home=tmp_path, hub_check=lambda ref: None,
                                   fetch=lambda c, folder: fetched.append(folder))
    assert fetched == [tmp_path / "pretrained"] and perception.models_dir == tmp_path / "pretrained"
    assert perception.backend == config.analysis.backend
    (tmp_path / "pretrained" / "detector").mkdir(parents=True)
    present = choose_perception(config, None, reporter, models_home=tmp_path, hub_check=_offline, fetch=_no_fetch)
    assert present.models_dir == tmp_path / "pretrained" and present.backend == config.analysis.backend


def test_a_failed_fetch_falls_back_to_the_scene(tmp_path: Path) -> None:
    def failing(config: Config, folder: Path) -> None:
        raise OSError("disk full")

    reporter = RecordingReporter()
    perception = choose_perception(load_config("dev"), None, reporter, models_home=tmp_path,
                                   hub_check=lambda ref: None, fetch=failing)
    assert perception.backend == "scene"
    assert [line for line in reporter.lines if line.startswith("warning:")] == [
        line for line in reporter.lines if "disk full" in line]


@pytest.mark.embedded
@pytest.mark.slow
def test_offline_demo_runs_the_sample_meal_end_to_end(tmp_path: Path) -> None:
    reporter = RecordingReporter()
    code = run_demo(load_config("dev"), models_dir=None, reporter=reporter, out_dir=tmp_path / "runs",
                    models_home=tmp_path / "models", hub_check=_offline, fetch=_no_fetch)
    assert code == 0, "\n".join(reporter.lines)
    [results_file] = (tmp_path / "runs").glob("*/results.json")
    results = Results.model_validate_json(results_file.read_text())
    assert results.weights == "scene"
    assert any(w.code == "SCENE_PERCEPTION" and SCENE_PERCEPTION in w.message for w in results.warnings)
    assert SCENE_PERCEPTION.replace("'", "&#39;") in (results_file.parent / "report.html").read_text()
    assert all(item.mass_g > 0 and item.nutrients.kcal > 0 for item in results.items)

    truth = compare_with_scene(results, load_scene(SAMPLE_SCENE).instances)
    assert not truth.missed and not truth.not_in_scene
    errors = {i.label: i.volume_error for i in truth.matched}
    assert all(abs(e) <= ITEM_BOUND for e in errors.values()), errors
    assert truth.median_volume_error <= MEDIAN_BOUND, errors
    assert abs(truth.total_error("measured_ml", "truth_ml")) <= MEDIAN_BOUND
    assert abs(truth.total_error("kcal", "kcal_at_truth")) <= MEDIAN_BOUND
    assert "Volume against the rendered scene's truth" in reporter.lines
