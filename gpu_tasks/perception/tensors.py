"""Image tensors for the models: the one place frames become normalised tensors on a device."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F

from gpu_tasks.models.loading import ImageNorm


def to_batch(frames: Sequence[np.ndarray], device: torch.device) -> torch.Tensor:
    """H×W×3 uint8 frames (same size) as a float (B, 3, H, W) tensor in 0..1 on ``device``."""
    stacked = torch.from_numpy(np.stack(frames)).to(device)
    return stacked.permute(0, 3, 1, 2).float().div_(255.0)


def normalise(batch: torch.Tensor, norm: ImageNorm, dtype: torch.dtype) -> torch.Tensor:
    """Subtract the mean and divide by the std per channel; cast to the model's ``dtype``."""
    mean = torch.tensor(norm.mean, device=batch.device).view(1, 3, 1, 1)
    std = torch.tensor(norm.std, device=batch.device).view(1, 3, 1, 1)
    return ((batch - mean) / std).to(dtype)


def resize(batch: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """Bilinear resize with anti-aliasing (when shrinking) of a (B, C, H, W) tensor."""
    if batch.shape[-2:] == (height, width):
        return batch
    return F.interpolate(batch, size=(height, width), mode="bilinear", align_corners=False, antialias=True)


def pad_to_square(batch: torch.Tensor, value: float) -> torch.Tensor:
    """Pad bottom and right with ``value`` so height equals width (OWLv2's convention)."""
    height, width = batch.shape[-2:]
    side = max(height, width)
    return F.pad(batch, (0, side - width, 0, side - height), value=value)
