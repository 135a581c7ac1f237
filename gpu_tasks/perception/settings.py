"""Knobs of the default perception stack that trade speed for accuracy (pixels, counts)."""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class PerceptionSettings:
    """``detector_input_px``: largest square detector input side (None: the model's own, 960 for OWLv2);
    ``depth_input_px``: largest target side of the depth input (None: the model's own, 518 for Depth
    Anything V2; a frame larger than it gets its shorter side there, in multiples of 14); smaller models keep their own sizes. ``max_detections``: per frame;
    ``nms_iou``: overlap above which the weaker of two boxes is dropped; ``batch_size``: frames per call.
    """

    detector_input_px: int | None = None
    depth_input_px: int | None = None
    max_detections: int = 12
    nms_iou: float = 0.5
    batch_size: int = 4

    @classmethod
    def for_device(cls, device: torch.device) -> "PerceptionSettings":
        """GPU: the models' native resolutions, many frames per call. CPU: a 640 px detector input
        (OWLv2's native 960 costs about 4× more; food on a plate still spans several 32 px cells) and
        depth at 392 px, so an analysed frame stays under 5 s on 2 cores (see benchmarks/perception.py)."""
        if device.type == "cuda":
            return cls(detector_input_px=None, depth_input_px=None, batch_size=16)
        return cls(detector_input_px=640, depth_input_px=392, batch_size=2)
