"""The ``scene`` backend: a rendered scene's boxes, labels, masks and depth served in place of the models.

Everything after the models runs as for a video: association across frames, the choice of views,
calibration against plates/bowls/cups, the supporting plane, containers, occlusion and measurement
(:func:`gpu_tasks.measurement.measure_items`). The truth volumes of the scene are never read; its
intrinsics only when the job asks for them (``--intrinsics truth``, see :mod:`gpu_tasks.scene_input`).
A :class:`Perturbation` degrades the readings as a real perception stack would.

Detections: one per instance visible (at least :data:`MIN_PIXELS` pixels) in a frame, its box the
mask's extent, its score 0.5 + 0.5 × (visible pixels / the instance's most in any frame), its
appearance embedding a colour histogram of its pixels (not its id: association must work for it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from gpu_tasks.analysis import Analysis, AnalysisContext
from gpu_tasks.association import associate, choose_views
from gpu_tasks.measurement import measure_items
from gpu_tasks.perception.scene_file import SceneInstance
from gpu_tasks.perception.scene_perturbation import Perturbation, perturb_depth, perturb_label, perturb_mask
from gpu_tasks.perception.types import Detection
from gpu_tasks.timing import StageTimer
from gpu_tasks.vocabulary import REFERENCE_LABELS, is_reference
from pipeline.contracts.detections import ModelInfo
from pipeline.video.frames import DecodedFrame

MIN_PIXELS = 30
_BINS = 4


@dataclass(frozen=True)
class SceneFrame(DecodedFrame):
    """A keyframe of a scene with its perfect readings: depth (m, 0 = none) and instance ids."""

    depth_m: np.ndarray = None  # type: ignore[assignment]
    instance_ids: np.ndarray = None  # type: ignore[assignment]
    instances: tuple[SceneInstance, ...] = ()


def detector_label(instance: SceneInstance) -> str | None:
    """The label a detector would give: the food's label; a container's label when it is a reference
    word, else its kind; None for the table (no detector looks for it)."""
    if instance.kind == "food":
        return instance.label
    if instance.kind == "table":
        return None
    return instance.label if instance.label in REFERENCE_LABELS else instance.kind


def appearance(rgb: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit colour-histogram embedding (64,) of the masked pixels."""
    q = (rgb[mask].astype(int) * _BINS) // 256
    counts = np.bincount(q[:, 0] * _BINS * _BINS + q[:, 1] * _BINS + q[:, 2], minlength=_BINS**3).astype(float)
    vector = np.sqrt(counts)
    return vector / max(np.linalg.norm(vector), 1e-12)


class SceneBackend:
    """Serves :class:`SceneFrame` readings (perturbed by ``perturbation``) as detections, masks and depth."""

    name = "scene"

    def __init__(self, perturbation: Perturbation | None = None) -> None:
        self.perturbation = perturbation or Perturbation()

    def detect(self, frames: Sequence[SceneFrame]) -> tuple[dict[int, list[Detection]], dict[int, int]]:
        """Per frame its detections, and per detection (``id()``) the instance it came from."""
        pixels = {(f.index, i.id): int((f.instance_ids == i.id).sum()) for f in frames for i in f.instances}
        most: dict[int, int] = {}
        for (_, instance_id), count in pixels.items():
            most[instance_id] = max(most.get(instance_id, 0), count)
        detections: dict[int, list[Detection]] = {}
        source: dict[int, int] = {}
        for frame in frames:
            found = []
            for instance in frame.instances:
                label = detector_label(instance)
                count = pixels[(frame.index, instance.id)]
                if label is None or count < MIN_PIXELS:
                    continue
                mask = frame.instance_ids == instance.id
                rows, cols = np.nonzero(mask)
                box = np.array([cols.min(), rows.min(), cols.max() + 1, rows.max() + 1], np.float32)
                if instance.kind == "food":
                    label = perturb_label(label, self.perturbation, frame.index, instance.id)
                detection = Detection(frame.index, label, 0.5 + 0.5 * count / most[instance.id], box,
                                      appearance(frame.rgb, mask))
                source[id(detection)] = instance.id
                found.append(detection)
            detections[frame.index] = found
        return detections, source

    def analyse(self, frames: Sequence[DecodedFrame], context: AnalysisContext, timer: StageTimer) -> Analysis:
        scene_frames = [f for f in frames if isinstance(f, SceneFrame)]
        if len(scene_frames) != len(frames):
            raise TypeError("the scene backend analyses scene files only (frames from gpu_tasks.scene_input)")
        if self.perturbation.depth_is_exact:  # the rendered depth is metric: references check it, never move it
            context = dataclasses.replace(context, depth_scale_spread=0.0)
        by_index = {f.index: f for f in scene_frames}
        with timer.stage("detect"):
            detections, source = self.detect(scene_frames)
        tracks = associate([detections[f.index] for f in scene_frames])
        best = choose_views(tracks, {f.index: f.rgb.shape[:2] for f in scene_frames})
        measure_frames = sorted({d.frame_index for d in best.values()})
        with timer.stage("depth"):
            depth_maps = {i: perturb_depth(by_index[i].depth_m, self.perturbation, i) for i in measure_frames}
        with timer.stage("segment"):
            masks = {item_id: (d.frame_index, self._mask(by_index[d.frame_index], source[id(d)]))
                     for item_id, d in best.items()}
            references = [(i, d.label, self._mask(by_index[i], source[id(d)]))
                          for i in measure_frames for d in detections[i] if is_reference(d.label)]
        with timer.stage("measure"):
            items, calibration, warnings = measure_items(tracks, best, masks, references, depth_maps, context)
        return Analysis(items=items, calibration=calibration,
                        models=[ModelInfo(role="perception", id="scene", revision="oracle")],
                        weights="scene", device="cpu", masks=masks, detections=detections, warnings=warnings)

    def _mask(self, frame: SceneFrame, instance_id: int) -> np.ndarray:
        return perturb_mask(frame.instance_ids == instance_id, self.perturbation)
