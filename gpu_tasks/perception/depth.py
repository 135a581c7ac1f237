"""Monocular metric depth with Depth Anything V2 (metric): metres of z-depth per pixel.

The ViT backbone runs in the device's reduced precision; the DPT neck and head stay in float32, so
the depth map keeps sub-millimetre resolution (a bf16 output would step in ~2 mm at half a metre).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from gpu_tasks.models.loading import LoadedModel
from gpu_tasks.perception.tensors import normalise, resize, to_batch

PATCH = 14


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


def input_shape(height: int, width: int, short_side: int) -> tuple[int, int]:
    """Model input (h, w): the shorter side ``short_side``, aspect kept, both multiples of 14."""
    factor = short_side / min(height, width)
    return (max(PATCH, int(round(height * factor / PATCH)) * PATCH),
            max(PATCH, int(round(width * factor / PATCH)) * PATCH))


class DepthEstimator:
    """``estimate(frames)`` returns metric z-depth maps (metres, float32) at the frames' size."""

    def __init__(self, loaded: LoadedModel, device: torch.device, backbone_dtype: torch.dtype,
                 short_side: int) -> None:
        self.loaded = loaded
        self.model = loaded.model.float()
        self.device = device
        self.short_side = short_side
        self.backbone_dtype = backbone_dtype
        if backbone_dtype != torch.float32:
            backbone = self.model.backbone
            backbone.to(backbone_dtype)
            backbone.register_forward_pre_hook(_cast_input(backbone_dtype), with_kwargs=True)
            backbone.register_forward_hook(_cast_features(torch.float32))

    def preprocess(self, frames: Sequence[np.ndarray]) -> torch.Tensor:
        batch = to_batch(frames, self.device)
        height, width = batch.shape[-2:]
        batch = resize(batch, *input_shape(height, width, self.short_side))
        return normalise(batch, self.loaded.norm, torch.float32)

    @torch.inference_mode()
    def infer(self, pixels: torch.Tensor) -> torch.Tensor:
        """(B, h, w) depth in metres at the model input size."""
        return self.model(pixel_values=pixels).predicted_depth.float()

    def postprocess(self, depth: torch.Tensor, size: tuple[int, int]) -> np.ndarray:
        return F.interpolate(depth[:, None], size=size, mode="bilinear", align_corners=False)[:, 0].cpu().numpy()

    def estimate(self, frames: Sequence[np.ndarray], batch_size: int = 4) -> list[np.ndarray]:
        """One (H, W) float32 depth map per frame (frames must share one size)."""
        maps: list[np.ndarray] = []
        for start in range(0, len(frames), batch_size):
            chunk = frames[start:start + batch_size]
            maps.extend(self.postprocess(self.infer(self.preprocess(chunk)), chunk[0].shape[:2]))
        return maps
