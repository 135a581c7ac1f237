"""What a perception backend hands back to the entrypoint, whichever backend ran."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, Sequence

import numpy as np

from gpu_tasks.perception.types import Detection
from gpu_tasks.timing import StageTimer
from gpu_tasks.calibration import DEPTH_MODEL_SCALE_SPREAD
from pipeline.contracts.detections import Calibration, DetectedItem, ModelInfo, Weights
from pipeline.geometry import Intrinsics
from pipeline.video.frames import DecodedFrame


@dataclass(frozen=True)
class AnalysisContext:
    """Per-job inputs of a backend: intrinsics (px of the analysed frames), how they were obtained,
    the detection score threshold (0..1), and how far (relative, 1 σ) the depth's metric scale may be
    off: a monocular depth model's typical error unless the backend's depth is exact (0)."""

    intrinsics: Intrinsics
    intrinsics_method: Literal["metadata_intrinsics", "fov_prior"]
    threshold: float
    depth_scale_spread: float = DEPTH_MODEL_SCALE_SPREAD


@dataclass
class Analysis:
    """Items found, their masks (``item id -> (frame index, H×W bool)``) and every frame's detections."""

    items: list[DetectedItem]
    calibration: Calibration | None
    models: list[ModelInfo]
    weights: Weights
    device: str
    masks: dict[str, tuple[int, np.ndarray]] = field(default_factory=dict)
    detections: dict[int, list[Detection]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class Backend(Protocol):
    """A perception backend: ``analyse`` keyframes into an :class:`Analysis`."""

    name: str

    def analyse(self, frames: Sequence[DecodedFrame], context: AnalysisContext, timer: StageTimer) -> Analysis:
        ...
