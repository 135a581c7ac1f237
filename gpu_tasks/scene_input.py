"""A rendered scene (``.npz``, see :mod:`gpu_tasks.perception.scene_file`) as what the ``scene`` backend
serves in place of the models, for one of two inputs:

- the scene file itself as the job's input: its frames become the keyframes (evenly spaced when there
  are more than ``max_keyframes``), :func:`read_scene_input`;
- a video rendered from a scene (the demo's sample meal): the video goes through the video path as any
  upload does (probe, keyframe choice, intrinsics from metadata or the prior) and each keyframe takes
  the readings of the scene frame it shows, :func:`scene_frames_for_video`. The scene files are found
  where the models would be (``MODELS_URI``): for this backend the scene's ground truth is the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from gpu_tasks import storage
from gpu_tasks.perception.scene_backend import SceneFrame
from gpu_tasks.perception.scene_file import SCENE_SUFFIX, Scene, load_scene
from pipeline.contracts.detections import VideoInfo
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.geometry import Intrinsics
from pipeline.layout import S3Uri
from pipeline.video.frames import DecodedFrame

#: Frames of a scene are spaced this far apart in time (s) in the video block of detections.json.
SCENE_FRAME_INTERVAL_S = 1.0
#: A video frame shows a scene frame when their pixels differ by at most this many levels (0-255) on
#: average: H.264 at the sample's quality stays within about 1, two views of a meal differ by over 10.
MAX_FRAME_DIFFERENCE = 4.0


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


def fetch_scene_files(uri: str, workdir: Path) -> list[Path]:
    """The scene files (``*.npz``) in the folder or under the s3:// prefix ``uri``, local, in name order."""
    if not storage.is_s3(uri):
        folder = Path(uri)
        if not folder.is_dir():
            raise pipeline_error(ErrorCode.INVALID_INPUT, f"no folder of scene files at {uri}", value=uri)
        return sorted(p for p in folder.iterdir() if is_scene_path(p))
    prefix = S3Uri.parse(uri if uri.endswith("/") else uri + "/")
    keys = [o.key for o in storage.list_objects(prefix) if is_scene_path(o.key)]
    return [storage.download(str(S3Uri(prefix.bucket, key)), workdir / "scenes" / Path(key).name) for key in keys]


@dataclass
class VideoScene:
    """The keyframes of a video with the readings of the scene frames they show; the scene's intrinsics
    (of the first keyframe's scene frame) only when asked for, else None; warnings."""

    frames: list[SceneFrame]
    intrinsics: Intrinsics | None
    warnings: list[str] = field(default_factory=list)


def _difference(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference (levels) of two RGB images of one size; inf for different sizes."""
    if a.shape != b.shape:
        return float("inf")
    return float(np.mean(np.abs(a.astype(np.int16) - b.astype(np.int16))))


def _shown_frames(keyframes: Sequence[DecodedFrame], scene: Scene) -> list[int | None]:
    """Per keyframe the scene frame it shows (the closest within :data:`MAX_FRAME_DIFFERENCE`), or None."""
    shown: list[int | None] = []
    for keyframe in keyframes:
        differences = [_difference(keyframe.rgb, scene.rgb[i]) for i in range(scene.frame_count)]
        best = int(np.argmin(differences))
        shown.append(best if differences[best] <= MAX_FRAME_DIFFERENCE else None)
    return shown


def scene_frames_for_video(keyframes: Sequence[DecodedFrame], scene_paths: Sequence[Path], *,
                           truth_intrinsics: bool) -> VideoScene:
    """Pair each keyframe with the frame it shows of the scene that explains the most keyframes.

    A keyframe keeps its index, time and pixels (as decoded from the video) and takes the scene frame's
    depth and instance masks. INVALID_INPUT when no scene file is given or none shows any keyframe.
    """
    if not scene_paths:
        raise pipeline_error(ErrorCode.INVALID_INPUT, "the scene backend found no scene file (.npz) where the models "
                             "would be (MODELS_URI / --models); it analyses videos rendered from a scene file")
    best: tuple[Scene, list[int | None]] | None = None
    for path in scene_paths:
        scene = load_scene(path)
        shown = _shown_frames(keyframes, scene)
        if sum(i is not None for i in shown) > (0 if best is None else sum(i is not None for i in best[1])):
            best = (scene, shown)
    if best is None:
        names = ", ".join(p.name for p in scene_paths)
        raise pipeline_error(ErrorCode.INVALID_INPUT, f"the video shows none of the scenes {names}: the scene backend "
                             "analyses only videos rendered from a scene file", value=names)
    scene, shown = best
    frames = [SceneFrame(index=k.index, time_s=k.time_s, rgb=k.rgb, depth_m=scene.depth_m[i],
                         instance_ids=scene.instance_masks[i], instances=scene.instances)
              for k, i in zip(keyframes, shown) if i is not None]
    warnings = []
    if len(frames) < len(keyframes):
        warnings.append(f"{len(keyframes) - len(frames)} of {len(keyframes)} keyframes show no frame of the scene "
                        "and were not analysed")
    first = next(i for i in shown if i is not None)
    return VideoScene(frames, scene.camera(first) if truth_intrinsics else None, warnings)
