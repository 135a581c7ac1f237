"""The scene backend end to end through ``python -m gpu_tasks.analyze`` on a committed scene."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gpu_tasks.analyze import main, run_job
from gpu_tasks.job import build_parser, settings_from
from gpu_tasks.masks import decode_rle
from gpu_tasks.perception.scene_backend import SceneBackend
from gpu_tasks.perception.scene_file import load_scene
from gpu_tasks.perception.scene_perturbation import Perturbation
from gpu_tasks.timing import StageTimer
from pipeline.contracts.detections import Detections

SCENES = sorted((Path(__file__).resolve().parents[1] / "data" / "scenes").glob("*.npz"))


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JOB_ID", "VIDEO_URI", "OUTPUT_URI", "MODELS_URI", "ANALYSIS_BACKEND", "MAX_KEYFRAMES"):
        monkeypatch.delenv(name, raising=False)


def _truth_of(scene, document: Detections) -> dict[str, float]:
    out = {}
    for item in document.items:
        ids = scene.instance_masks[item.best_frame][decode_rle(item.mask)]
        out[item.id] = scene.instance(int(np.bincount(ids[ids > 0]).argmax())).volume_ml
    return out


def test_entrypoint_writes_detections_for_a_scene(tmp_path: Path) -> None:
    path = SCENES[1]   # pasta mound and a meatball on a plate, and a bowl
    code = main(["--job-id", "scene1", "--video-uri", str(path), "--output-uri", str(tmp_path),
                 "--backend", "scene", "--intrinsics", "truth"])
    assert code == 0
    document = Detections.model_validate_json((tmp_path / "detections.json").read_text())
    scene = load_scene(path)
    foods = [i for i in scene.instances if i.kind == "food"]
    assert len(document.items) == len(foods)
    # the rendered depth is exact: the plate checks the scale but does not move it
    assert document.calibration.method == "metadata_intrinsics" and "plate" in document.calibration.reference
    assert document.calibration.scale_correction == 1.0
    truth = _truth_of(scene, document)
    for item in document.items:
        assert item.volume_ml_p10 <= item.volume_ml <= item.volume_ml_p90
        assert 0.5 < item.volume_ml / truth[item.id] < 2.0, (item.label, item.volume_ml, truth[item.id])
    assert document.overlays and document.video.codec == "scene"


def test_scene_needs_the_scene_backend(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["--job-id", "j", "--video-uri", str(SCENES[0]), "--output-uri", str(tmp_path),
                 "--backend", "gemini"])
    assert code == 2 and "--backend scene" in capsys.readouterr().err


def test_broken_scene_exits_invalid_input(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad.npz"
    np.savez(bad, rgb=np.zeros((1, 4, 4, 3), np.uint8))
    code = main(["--job-id", "j", "--video-uri", str(bad), "--output-uri", str(tmp_path / "o"), "--backend", "scene"])
    assert code == 2 and "missing key 'depth_m'" in capsys.readouterr().err


def _run(path: Path, perturbation: Perturbation, tmp_path: Path, intrinsics: str = "prior") -> Detections:
    args = build_parser().parse_args(["--job-id", "j", "--video-uri", str(path), "--output-uri", str(tmp_path),
                                      "--backend", "scene", "--intrinsics", intrinsics])
    return run_job(settings_from(args, {}), StageTimer(), lambda s, t: SceneBackend(perturbation))


def test_depth_scale_error_is_absorbed_by_the_plate(tmp_path: Path) -> None:
    """A depth model reading 15 % too far would make volumes 52 % too large; the plate takes most of it
    out (its own 25-28 cm spread and the depth model's 10 % prior are weighed: the correction is their
    Bayesian combination, not the plate's factor alone)."""
    path = SCENES[1]
    exact = {i.label: i.volume_ml for i in _run(path, Perturbation(), tmp_path / "a", "truth").items}
    scaled = _run(path, Perturbation(depth_scale=1.15), tmp_path / "b", "truth")
    assert scaled.calibration.method == "reference_object"
    assert 0.8 < scaled.calibration.scale_correction < 0.95
    for item in scaled.items:
        assert abs(item.volume_ml / exact[item.label] - 1) < 0.2, (item.label, item.volume_ml, exact[item.label])
        assert item.volume_ml_p10 <= item.volume_ml <= item.volume_ml_p90


def test_label_flips_do_not_count_an_item_twice(tmp_path: Path) -> None:
    """Labels flipping to a sibling ("rice" / "fried rice") in 30 % of detections still give one item per food."""
    for path in SCENES:
        scene = load_scene(path)
        document = _run(path, Perturbation(label_flip=0.3, seed=3), tmp_path / path.stem)
        truth = _truth_of(scene, document)
        assert len(document.items) == len([i for i in scene.instances if i.kind == "food"]), \
            [(i.label, truth[i.id]) for i in document.items]


def test_focal_length_comes_from_the_plate_when_the_video_records_none(tmp_path: Path) -> None:
    """Without intrinsics the 69° prior was 6 % off on this scene (233 px against 219 px); the plate's
    rim ellipse and the table's vanishing line put it within 3 %, and the calibration says so."""
    path = SCENES[0]
    truth = float(load_scene(path).intrinsics[0][0, 0])
    document = _run(path, Perturbation(depth_scale=1.1, depth_noise=0.01), tmp_path)
    assert abs(document.calibration.intrinsics.fx / truth - 1) < 0.03
    assert "focal length" in document.calibration.reference
