"""Image tensors for the models: the one place frames become normalised tensors on a device.

Each resize reproduces the arithmetic of the model's reference processor in ``transformers`` (see
``tests/gpu_tasks/test_processor_parity.py``): SAM 2 and Depth Anything resize the 8-bit frame as PIL
does (:func:`resize_8bit`); OWLv2 pads to a square and resizes like ``skimage.transform.resize``
(:func:`pad_square_and_resize`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from gpu_tasks.models.loading import ImageNorm

GAUSSIAN_TRUNCATE = 4.0  # scipy.ndimage.gaussian_filter's default kernel radius, in standard deviations


def to_batch(frames: Sequence[np.ndarray], device: torch.device) -> torch.Tensor:
    """H×W×3 uint8 frames (same size) as a float (B, 3, H, W) tensor in 0..1 on ``device``."""
    stacked = torch.from_numpy(np.stack(frames)).to(device)
    return stacked.permute(0, 3, 1, 2).float().div_(255.0)


def normalise(batch: torch.Tensor, norm: ImageNorm, dtype: torch.dtype) -> torch.Tensor:
    """Subtract the mean and divide by the std per channel; cast to the model's ``dtype``."""
    mean = torch.tensor(norm.mean, device=batch.device).view(1, 3, 1, 1)
    std = torch.tensor(norm.std, device=batch.device).view(1, 3, 1, 1)
    return ((batch - mean) / std).to(dtype)


def resize(batch: torch.Tensor, height: int, width: int,
           mode: Literal["bilinear", "bicubic"] = "bilinear") -> torch.Tensor:
    """Resize with anti-aliasing (when shrinking) of a (B, C, H, W) tensor; the bicubic kernel is PIL's."""
    if batch.shape[-2:] == (height, width):
        return batch
    return F.interpolate(batch, size=(height, width), mode=mode, align_corners=False, antialias=True)


def quantise(batch: torch.Tensor) -> torch.Tensor:
    """Round 0..1 values to whole 8-bit levels (and clip), as storing them in a uint8 image does."""
    return batch.mul(255.0).round_().clamp_(0.0, 255.0).div_(255.0)


def resize_8bit(batch: torch.Tensor, height: int, width: int,
                mode: Literal["bilinear", "bicubic"] = "bilinear") -> torch.Tensor:
    """Resize a 0..1 batch of 8-bit frames as PIL resizes a uint8 image: anti-aliased, the horizontal
    pass first, each pass rounded and clipped to 8-bit levels (this clipping tames bicubic overshoot)."""
    batch = quantise(resize(batch, batch.shape[-2], width, mode))
    return quantise(resize(batch, height, width, mode))


def _mirror(index: torch.Tensor, size: int) -> torch.Tensor:
    """scipy.ndimage's ``mirror`` boundary (d c b | a b c d | c b a) for integer indices."""
    if size == 1:
        return torch.zeros_like(index)
    period = 2 * (size - 1)
    index = index.abs() % period
    return torch.where(index >= size, period - index, index)


@lru_cache(maxsize=8)
def skimage_resize_matrix(size_in: int, size_out: int, device: torch.device) -> torch.Tensor:
    """(size_out, size_in) linear operator (built once per sizes and device; read-only) of ``skimage.transform.resize(anti_aliasing=True, order=1)`` along
    one axis: a Gaussian of sigma ``(factor - 1) / 2`` (when shrinking), then linear interpolation at pixel
    centres, both with mirrored borders (what OWLv2's processor runs, through scipy.ndimage)."""
    factor = size_in / size_out
    sigma = max(0.0, (factor - 1) / 2)
    blur = torch.eye(size_in, dtype=torch.float64, device=device)
    if sigma > 0:
        radius = int(GAUSSIAN_TRUNCATE * sigma + 0.5)
        offsets = torch.arange(-radius, radius + 1, device=device)
        weights = torch.exp(-0.5 * (offsets.double() / sigma) ** 2)
        weights /= weights.sum()
        rows = torch.arange(size_in, device=device)[:, None].expand(-1, len(offsets))
        columns = _mirror(rows + offsets, size_in)
        blur = torch.zeros(size_in, size_in, dtype=torch.float64, device=device)
        blur.index_put_((rows, columns), weights.expand(size_in, -1).clone(), accumulate=True)
    source = (torch.arange(size_out, dtype=torch.float64, device=device) + 0.5) * factor - 0.5
    left = torch.floor(source)
    frac = source - left
    rows = torch.arange(size_out, device=device)
    interp = torch.zeros(size_out, size_in, dtype=torch.float64, device=device)
    interp.index_put_((rows, _mirror(left.long(), size_in)), 1 - frac, accumulate=True)
    interp.index_put_((rows, _mirror(left.long() + 1, size_in)), frac, accumulate=True)
    return (interp @ blur).float()


def pad_square_and_resize(batch: torch.Tensor, side: int) -> torch.Tensor:
    """OWLv2's input: pad bottom and right with 0 (black, in 0..1 units) to a square, then resize it to
    ``side`` like skimage. The padding is zero, so only the image's columns of each operator are used."""
    height, width = batch.shape[-2:]
    square = max(height, width)
    operator = skimage_resize_matrix(square, side, batch.device)
    resized = operator[:, :height] @ batch @ operator[:, :width].T
    low = batch.amin(dim=(1, 2, 3), keepdim=True)  # skimage clips to the (padded) input's range
    high = batch.amax(dim=(1, 2, 3), keepdim=True)
    if height != width:
        low, high = low.clamp(max=0.0), high.clamp(min=0.0)
    return torch.maximum(torch.minimum(resized, high), low)
