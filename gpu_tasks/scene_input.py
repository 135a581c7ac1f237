"""A scene file (``.npz``, see :mod:`gpu_tasks.perception.scene_file`) as the job's input instead of a
video: its frames become the keyframes (evenly spaced when there are more than ``max_keyframes``),
each carrying the readings the ``scene`` backend serves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from gpu_tasks.perception.scene_backend import SceneFrame
from gpu_tasks.perception.scene_file import SCENE_SUFFIX, load_scene
from pipeline.contracts.detections import VideoInfo
from pipeline.geometry import Intrinsics

#: Frames of a scene are spaced this far apart in time (s) in the video block of detections.json.
SCENE_FRAME_INTERVAL_S = 1.0


@dataclass
class SceneInput:
    """Keyframes, the video block, the recorded intrinsics (None unless asked for) and warnings."""

    frames: list[SceneFrame]
    video: VideoInfo
    intrinsics: Intrinsics | None
    warnings: list[str] = field(default_factory=list)


def is_scene_path(path: str | Path) -> bool:
    return str(path).lower().endswith(SCENE_SUFFIX)


def read_scene_input(path: Path, *, max_keyframes: int, truth_intrinsics: bool) -> SceneInput:
    """Load and validate the scene; keep up to ``max_keyframes`` evenly spaced frames."""
    scene = load_scene(path)
    n = scene.frame_count
    keep = sorted({int(round(x)) for x in np.linspace(0, n - 1, min(n, max_keyframes))})
    frames = [SceneFrame(index=i, time_s=i * SCENE_FRAME_INTERVAL_S, rgb=scene.rgb[i], depth_m=scene.depth_m[i],
                         instance_ids=scene.instance_masks[i], instances=scene.instances) for i in keep]
    height, width = scene.rgb.shape[1:3]
    video = VideoInfo(duration_s=n * SCENE_FRAME_INTERVAL_S, fps=1.0 / SCENE_FRAME_INTERVAL_S, width=width,
                      height=height, codec="scene", frame_count=n)
    warnings: list[str] = []
    intrinsics = None
    if truth_intrinsics:
        intrinsics = scene.camera(keep[0])
        spread = np.ptp(scene.intrinsics[keep][:, 0, 0]) / float(scene.intrinsics[keep[0], 0, 0])
        if spread > 1e-3:
            warnings.append(f"the scene's frames have different focal lengths (spread {spread:.1%}); "
                            f"frame {keep[0]}'s are used for every frame")
    return SceneInput(frames, video, intrinsics, warnings)
