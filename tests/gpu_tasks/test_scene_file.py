"""The scene file format: a committed scene loads; broken files fail naming the offending key."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gpu_tasks.perception.scene_file import load_scene, save_scene, validate_scene
from pipeline.errors import ErrorCode, PipelineError

SCENES = Path(__file__).resolve().parents[1] / "data" / "scenes"


def _arrays() -> dict[str, np.ndarray]:
    n, h, w = 2, 6, 8
    masks = np.zeros((n, h, w), np.int32)
    masks[:, 2:4, 2:5] = 1
    k = np.tile(np.array([[10.0, 0, 3.5], [0, 10.0, 2.5], [0, 0, 1]], np.float32), (n, 1, 1))
    return {"rgb": np.zeros((n, h, w, 3), np.uint8), "depth_m": np.full((n, h, w), 0.5, np.float32),
            "instance_masks": masks, "intrinsics": k,
            "instances": np.array(json.dumps([{"id": 1, "label": "rice", "kind": "food", "volume_ml": 12.0}]))}


def _error(arrays: dict) -> PipelineError:
    with pytest.raises(PipelineError) as caught:
        validate_scene(arrays)
    assert caught.value.code == ErrorCode.INVALID_INPUT
    return caught.value


def test_committed_scene_loads_with_its_instances() -> None:
    scene = load_scene(sorted(SCENES.glob("*.npz"))[0])
    assert scene.rgb.dtype == np.uint8 and scene.rgb.shape[-1] == 3
    assert scene.depth_m.shape == scene.instance_masks.shape == scene.rgb.shape[:3]
    assert {i.kind for i in scene.instances} >= {"food", "table"}
    assert all(i.volume_ml and i.volume_ml > 0 for i in scene.instances if i.kind == "food")


def test_round_trip(tmp_path: Path) -> None:
    scene = validate_scene(_arrays())
    save_scene(tmp_path / "s.npz", scene)
    again = load_scene(tmp_path / "s.npz")
    assert again.instances == scene.instances and (again.instance_masks == scene.instance_masks).all()


@pytest.mark.parametrize(("key", "value", "words"), [
    ("depth_m", None, "missing key 'depth_m'"),
    ("depth_m", np.zeros((2, 5, 8), np.float32), "'depth_m' shape (2, 5, 8) differs"),
    ("rgb", np.zeros((2, 6, 8), np.uint8), "'rgb' must be a 4-d"),
    ("intrinsics", np.zeros((2, 3, 3), np.float32), "positive focal lengths"),
    ("instance_masks", np.full((2, 6, 8), 3, np.int32), "ids [3]"),
    ("instances", np.array('[{"id": 1, "label": "x", "kind": "spoon"}]'), "kind 'spoon'"),
    ("instances", np.array("not json"), "not valid JSON"),
])
def test_broken_scene_names_the_key(key: str, value: np.ndarray | None, words: str) -> None:
    arrays = _arrays()
    if value is None:
        del arrays[key]
    else:
        arrays[key] = value
    error = _error(arrays)
    assert words in error.message and error.value == key


def test_not_a_scene_file(tmp_path: Path) -> None:
    path = tmp_path / "x.npz"
    path.write_bytes(b"nope")
    with pytest.raises(PipelineError, match="not a readable .npz"):
        load_scene(path)
