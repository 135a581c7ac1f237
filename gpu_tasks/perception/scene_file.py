"""The rendered-scene file: one ``.npz`` holding what a camera and a perfect perception stack would see.

Keys (N frames of H×W pixels):

- ``rgb`` uint8 (N, H, W, 3);
- ``depth_m`` float32 (N, H, W): metric z-depth along the optical axis (m), 0 where there is no reading;
- ``instance_masks`` int32 (N, H, W): 0 = nothing, k ≥ 1 = instance k, the same id in every frame;
- ``intrinsics`` float32 (N, 3, 3): pinhole matrix in pixels;
- ``instances``: a 0-d string array holding JSON, a list of ``{"id", "label", "kind", "volume_ml"}``
  with ``kind`` one of :data:`KINDS` and ``volume_ml`` (the truth, ml) on foods.

:func:`load_scene` validates all of it and raises INVALID_INPUT naming the offending key;
:func:`save_scene` writes the same layout (compressed).
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from pipeline.errors import ErrorCode, pipeline_error
from pipeline.geometry import Intrinsics

KINDS: tuple[str, ...] = ("food", "plate", "bowl", "cup", "table")
Kind = Literal["food", "plate", "bowl", "cup", "table"]
SCENE_SUFFIX = ".npz"
_ARRAYS = {"rgb": (np.uint8, 4), "depth_m": (np.floating, 3), "instance_masks": (np.integer, 3),
           "intrinsics": (np.floating, 3)}


@dataclass(frozen=True)
class SceneInstance:
    """One object of the scene; ``volume_ml`` (truth, ml) only on foods and never read by perception."""

    id: int
    label: str
    kind: Kind
    volume_ml: float | None = None


@dataclass(frozen=True)
class Scene:
    """A validated scene (see the module doc for units and shapes)."""

    rgb: np.ndarray
    depth_m: np.ndarray
    instance_masks: np.ndarray
    intrinsics: np.ndarray
    instances: tuple[SceneInstance, ...]

    @property
    def frame_count(self) -> int:
        return int(self.rgb.shape[0])

    def camera(self, frame: int) -> Intrinsics:
        """Frame ``frame``'s pinhole intrinsics (fx, fy, cx, cy) in pixels."""
        k = self.intrinsics[frame]
        return Intrinsics(float(k[0, 0]), float(k[1, 1]), float(k[0, 2]), float(k[1, 2]))

    def instance(self, instance_id: int) -> SceneInstance:
        return next(i for i in self.instances if i.id == instance_id)


def _invalid(message: str, key: str) -> Exception:
    return pipeline_error(ErrorCode.INVALID_INPUT, f"scene: {message}", value=key)


def _instances(raw: np.ndarray) -> tuple[SceneInstance, ...]:
    if raw.shape != () or raw.dtype.kind not in "US":
        raise _invalid(f"'instances' must be a 0-d string array holding JSON, got dtype {raw.dtype} "
                       f"shape {raw.shape}", "instances")
    try:
        entries = json.loads(str(raw[()]))
    except json.JSONDecodeError as error:
        raise _invalid(f"'instances' is not valid JSON: {error}", "instances") from None
    if not isinstance(entries, list):
        raise _invalid("'instances' must be a JSON list of objects", "instances")
    out: list[SceneInstance] = []
    for entry in entries:
        if not isinstance(entry, dict) or not {"id", "label", "kind"} <= set(entry):
            raise _invalid(f"each instance needs id, label and kind; got {entry!r}", "instances")
        if entry["kind"] not in KINDS:
            raise _invalid(f"instance {entry['id']}: kind {entry['kind']!r} is not one of {KINDS}", "instances")
        if not isinstance(entry["id"], int) or entry["id"] < 1:
            raise _invalid(f"instance ids must be integers >= 1, got {entry['id']!r}", "instances")
        volume = entry.get("volume_ml")
        out.append(SceneInstance(entry["id"], str(entry["label"]), entry["kind"],
                                 None if volume is None else float(volume)))
    if len({i.id for i in out}) != len(out):
        raise _invalid("instance ids must be unique", "instances")
    return tuple(out)


def validate_scene(arrays: dict[str, np.ndarray]) -> Scene:
    """A :class:`Scene` from the file's arrays; INVALID_INPUT naming the key whose content is wrong."""
    for key, (kind, ndim) in _ARRAYS.items():
        if key not in arrays:
            raise _invalid(f"missing key '{key}' (expected {sorted([*_ARRAYS, 'instances'])})", key)
        array = arrays[key]
        if not np.issubdtype(array.dtype, kind) or array.ndim != ndim:
            raise _invalid(f"'{key}' must be a {ndim}-d {kind.__name__} array, got dtype {array.dtype} "
                           f"shape {array.shape}", key)
    if "instances" not in arrays:
        raise _invalid("missing key 'instances'", "instances")
    rgb, depth, masks, k = (arrays[key] for key in _ARRAYS)
    if rgb.shape[-1] != 3 or rgb.shape[0] < 1:
        raise _invalid(f"'rgb' must be (N, H, W, 3) with N >= 1, got {rgb.shape}", "rgb")
    for key, array in (("depth_m", depth), ("instance_masks", masks)):
        if array.shape != rgb.shape[:3]:
            raise _invalid(f"'{key}' shape {array.shape} differs from rgb's (N, H, W) {rgb.shape[:3]}", key)
    if k.shape != (rgb.shape[0], 3, 3):
        raise _invalid(f"'intrinsics' must be (N, 3, 3) = {(rgb.shape[0], 3, 3)}, got {k.shape}", "intrinsics")
    if not np.isfinite(k).all() or (k[:, 0, 0] <= 0).any() or (k[:, 1, 1] <= 0).any():
        raise _invalid("'intrinsics' must be finite with positive focal lengths", "intrinsics")
    if not np.isfinite(depth).all() or (depth < 0).any():
        raise _invalid("'depth_m' must be finite and >= 0 (0 = no reading)", "depth_m")
    instances = _instances(arrays["instances"])
    unknown = sorted(set(np.unique(masks).tolist()) - {0} - {i.id for i in instances})
    if unknown:
        raise _invalid(f"'instance_masks' holds ids {unknown[:5]} that 'instances' does not list", "instance_masks")
    return Scene(rgb, depth.astype(np.float32), masks.astype(np.int32), k.astype(np.float32), instances)


def load_scene(path: str | Path) -> Scene:
    """Read and validate a scene file; INVALID_INPUT when it is not one."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise pipeline_error(ErrorCode.INVALID_INPUT, f"scene: {path} is not a readable .npz file: {error}",
                             value=str(path)) from None
    return validate_scene(arrays)


def scene_bytes(scene: Scene) -> bytes:
    """The scene as compressed ``.npz`` bytes."""
    buffer = io.BytesIO()
    instances = [{"id": i.id, "label": i.label, "kind": i.kind, "volume_ml": i.volume_ml} for i in scene.instances]
    np.savez_compressed(buffer, rgb=scene.rgb.astype(np.uint8), depth_m=scene.depth_m.astype(np.float32),
                        instance_masks=scene.instance_masks.astype(np.int32),
                        intrinsics=scene.intrinsics.astype(np.float32), instances=np.array(json.dumps(instances)))
    return buffer.getvalue()


def save_scene(path: str | Path, scene: Scene) -> None:
    """Write ``scene`` to ``path`` (``.npz``)."""
    validate_scene({"rgb": scene.rgb, "depth_m": scene.depth_m, "instance_masks": scene.instance_masks,
                    "intrinsics": scene.intrinsics, "instances": np.array(json.dumps(
                        [{"id": i.id, "label": i.label, "kind": i.kind} for i in scene.instances]))})
    Path(path).write_bytes(scene_bytes(scene))
