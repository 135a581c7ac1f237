"""Monocular metric depth with Depth Anything V2 (metric): metres of z-depth per pixel.

Pre- and post-processing follow the checkpoints' ``DPTImageProcessor`` (``keep_aspect_ratio``,
``ensure_multiple_of: 14``, ``resample: 3`` = bicubic, on 8-bit pixels) and its
``post_process_depth_estimation`` (bicubic back to the frame size).

The ViT backbone runs in the device's reduced precision; the DPT neck and head stay in float32, so
the depth map keeps sub-millimetre resolution (a bf16 output would step in ~2 mm at half a metre).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from gpu_tasks.models.loading import LoadedModel
from gpu_tasks.perception.tensors import normalise, resize_8bit, to_batch

PATCH = 14  # the processor's ensure_multiple_of: the ViT patch side, px


def _cast_features(dtype: torch.dtype) -> Any:
    def hook(module: Any, args: Any, output: Any) -> Any:
        output.feature_maps = tuple(f.to(dtype) for f in output.feature_maps)
        return output
    return hook


def _cast_input(dtype: torch.dtype) -> Any:
    def hook(module: Any, args: tuple, kwargs: dict) -> Any:
        return tuple(a.to(dtype) if torch.is_tensor(a) else a for a in args), {
            k: v.to(dtype) if torch.is_tensor(v) and v.is_floating_point() else v for k, v in kwargs.items()}
    return hook


def input_shape(height: int, width: int, side: int) -> tuple[int, int]:
    """Model input (h, w) for a ``side``×``side`` target, as DPT's ``keep_aspect_ratio`` resize: of the
    two scales that fit one side, the one closer to 1 (the least change) applies to both, and each
    side is rounded to a multiple of 14 px. A frame larger than ``side`` gets its shorter side at
    ``side``; a smaller one is enlarged until its longer side reaches ``side``."""
    scale_height, scale_width = side / height, side / width
    if abs(1 - scale_width) < abs(1 - scale_height):
        scale_height = scale_width
    else:
        scale_width = scale_height
    return (max(PATCH, round(scale_height * height / PATCH) * PATCH),
            max(PATCH, round(scale_width * width / PATCH) * PATCH))


class DepthEstimator:
    """``estimate(frames)`` returns metric z-depth maps (metres, float32) at the frames' size."""

    def __init__(self, loaded: LoadedModel, device: torch.device, backbone_dtype: torch.dtype,
                 side: int) -> None:
        self.loaded = loaded
        self.model = loaded.model.float()
        self.device = device
        self.side = side
        self.backbone_dtype = backbone_dtype
        if device.type == "cpu":  # oneDNN runs the float32 DPT neck and head's convolutions faster in NHWC
            self.model.neck.to(memory_format=torch.channels_last)
            self.model.head.to(memory_format=torch.channels_last)
        if backbone_dtype != torch.float32:
            backbone = self.model.backbone
            backbone.to(backbone_dtype)
            backbone.register_forward_pre_hook(_cast_input(backbone_dtype), with_kwargs=True)
            backbone.register_forward_hook(_cast_features(torch.float32))

    def preprocess(self, frames: Sequence[np.ndarray]) -> torch.Tensor:
        batch = to_batch(frames, self.device)
        height, width = batch.shape[-2:]
        batch = resize_8bit(batch, *input_shape(height, width, self.side), mode="bicubic")
        return normalise(batch, self.loaded.norm, torch.float32)

    @torch.inference_mode()
    def infer(self, pixels: torch.Tensor) -> torch.Tensor:
        """(B, h, w) depth in metres at the model input size."""
        return self.model(pixel_values=pixels).predicted_depth.float()

    def postprocess(self, depth: torch.Tensor, size: tuple[int, int]) -> np.ndarray:
        """(B, H, W) float32 depth (m) at the frame size: bicubic, as the processor (it may overshoot by
        a few mm at a depth edge)."""
        return F.interpolate(depth[:, None], size=size, mode="bicubic", align_corners=False)[:, 0].cpu().numpy()

    def estimate(self, frames: Sequence[np.ndarray], batch_size: int = 4) -> list[np.ndarray]:
        """One (H, W) float32 depth map per frame (frames must share one size)."""
        maps: list[np.ndarray] = []
        for start in range(0, len(frames), batch_size):
            chunk = frames[start:start + batch_size]
            maps.extend(self.postprocess(self.infer(self.preprocess(chunk)), chunk[0].shape[:2]))
        return maps
