"""The default backend: OWLv2 detection on every keyframe, items associated across frames, then
SAM 2 masks and Depth Anything V2 metric depth only on the fewest frames that give every item a good
view (see :func:`gpu_tasks.association.choose_views`), and the portion geometry of
:mod:`pipeline.geometry` on each item's chosen view."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from gpu_tasks.analysis import Analysis, AnalysisContext
from gpu_tasks.association import associate, choose_views
from gpu_tasks.device import describe
from gpu_tasks.measurement import measure_items
from gpu_tasks.models.loading import ModelSet
from gpu_tasks.perception.depth import DepthEstimator
from gpu_tasks.perception.detector import OpenVocabularyDetector
from gpu_tasks.perception.segmenter import BoxSegmenter
from gpu_tasks.perception.settings import PerceptionSettings
from gpu_tasks.perception.types import Detection
from gpu_tasks.timing import StageTimer
from gpu_tasks.vocabulary import detector_labels, is_reference
from pipeline.contracts.detections import ModelInfo
from pipeline.video.frames import DecodedFrame


class TransformersBackend:
    """Loads nothing itself: takes a :class:`ModelSet` loaded once per job."""

    name = "transformers"

    def __init__(self, models: ModelSet, settings: PerceptionSettings | None = None) -> None:
        self.models = models
        self.settings = settings or PerceptionSettings.for_device(models.device)
        self.detector = OpenVocabularyDetector(models.detector, detector_labels(), models.device, self.settings)
        self.segmenter = BoxSegmenter(models.segmenter, models.device)
        depth_px = min(self.settings.depth_input_px or models.depth.norm.size, models.depth.norm.size)
        self.depth = DepthEstimator(models.depth, models.device, models.detector.dtype, depth_px)

    def model_infos(self) -> list[ModelInfo]:
        return [ModelInfo(role=m.role, id=m.ref.id, revision=m.ref.revision, weights=m.weights)
                for m in (self.models.detector, self.models.segmenter, self.models.depth)]

    def analyse(self, frames: Sequence[DecodedFrame], context: AnalysisContext, timer: StageTimer) -> Analysis:
        by_index = {f.index: f for f in frames}
        sizes = {f.index: f.rgb.shape[:2] for f in frames}
        with timer.stage("detect"):
            per_frame = self.detector.detect([f.rgb for f in frames], [f.index for f in frames], context.threshold)
        detections = {f.index: found for f, found in zip(frames, per_frame)}
        tracks = associate(per_frame)
        best = choose_views(tracks, sizes)
        measure_frames = sorted({d.frame_index for d in best.values()})
        with timer.stage("depth"):
            depth_maps = dict(zip(measure_frames, self.depth.estimate([by_index[i].rgb for i in measure_frames],
                                                                      self.settings.batch_size)))
        with timer.stage("segment"):
            masks, references = self._segment(measure_frames, by_index, best, detections)
        with timer.stage("measure"):
            items, calibration, warnings = measure_items(tracks, best, masks, references, depth_maps, context)
        return Analysis(items=items, calibration=calibration, models=self.model_infos(), weights=self.models.weights,
                        device=describe(self.models.device), masks=masks, detections=detections, warnings=warnings)

    def _segment(self, measure_frames: list[int], by_index: dict[int, DecodedFrame], best: dict[str, Detection],
                 detections: dict[int, list[Detection]]) -> tuple[dict, list]:
        """Masks of each item in its best view, and of the plates/bowls in those frames (the frames
        encoded ``settings.batch_size`` at a time, each frame's boxes decoded in one call)."""
        masks: dict[str, tuple[int, np.ndarray]] = {}
        references: list[tuple[int, str, np.ndarray]] = []
        items_of = {i: [(item_id, d) for item_id, d in best.items() if d.frame_index == i] for i in measure_frames}
        refs_of = {i: [d for d in detections[i] if is_reference(d.label)] for i in measure_frames}
        segmented = self.segmenter.segment_frames(
            [by_index[i].rgb for i in measure_frames],
            [np.array([d.box for _, d in items_of[i]] + [d.box for d in refs_of[i]], dtype=np.float32)
             for i in measure_frames], self.settings.batch_size)
        for frame_index, (frame_masks, _) in zip(measure_frames, segmented):
            items, refs = items_of[frame_index], refs_of[frame_index]
            for k, (item_id, _) in enumerate(items):
                masks[item_id] = (frame_index, frame_masks[k])
            references.extend((frame_index, d.label, frame_masks[len(items) + k]) for k, d in enumerate(refs))
        return masks, references
