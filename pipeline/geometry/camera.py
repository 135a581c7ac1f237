"""Pinhole camera helpers and input validation for the depth geometry.

Conventions: ``depth_m`` is metric z-depth (m) in the camera frame (x right, y down, z forward);
pixel (row v, column u) has its centre at image coordinates (u, v), so its corners are at u ± 0.5,
v ± 0.5; ``intrinsics`` is (fx, fy, cx, cy) in pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np


@dataclass(frozen=True)
class Intrinsics:
    """Pinhole intrinsics in pixels."""

    fx: float
    fy: float
    cx: float
    cy: float

    @classmethod
    def parse(cls, value: Sequence[float] | "Intrinsics") -> "Intrinsics":
        """Accept an ``Intrinsics`` or a sequence (fx, fy, cx, cy); raise ValueError when invalid."""
        if isinstance(value, Intrinsics):
            return value
        try:
            numbers = [float(x) for x in value]
        except (TypeError, ValueError):
            raise ValueError(f"intrinsics must be a sequence (fx, fy, cx, cy) of numbers, got {value!r}") from None
        if len(numbers) != 4:
            raise ValueError(f"intrinsics must have 4 values (fx, fy, cx, cy), got {len(numbers)}")
        if not all(math.isfinite(x) for x in numbers):
            raise ValueError(f"intrinsics must be finite, got {numbers}")
        if numbers[0] <= 0 or numbers[1] <= 0:
            raise ValueError(f"intrinsics focal lengths fx, fy must be positive pixels, got {numbers[:2]}")
        return cls(*numbers)

    def rays(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Ray directions (..., 3) through image points (u, v), scaled so their z is 1."""
        u, v = np.broadcast_arrays(np.asarray(u, float), np.asarray(v, float))
        return np.stack([(u - self.cx) / self.fx, (v - self.cy) / self.fy, np.ones_like(u)], axis=-1)

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Image coordinates (u, v) of camera-frame points (..., 3) in front of the camera."""
        z = points[..., 2]
        return self.fx * points[..., 0] / z + self.cx, self.fy * points[..., 1] / z + self.cy


def validate_inputs(depth_m: np.ndarray, mask: np.ndarray,
                    intrinsics: Sequence[float] | Intrinsics) -> tuple[np.ndarray, np.ndarray, Intrinsics]:
    """Check the depth map, mask and intrinsics; return float64 depth, bool mask, ``Intrinsics``.

    Raises ValueError naming the offending argument: shapes differ, the mask is empty or not 0/1,
    depth inside the mask is not finite and positive, or the intrinsics are not usable.
    """
    depth = np.asarray(depth_m)
    if depth.ndim != 2 or min(depth.shape) < 3:
        raise ValueError(f"depth_m must be a 2-D H×W array of at least 3×3, got shape {depth.shape}")
    if not np.issubdtype(depth.dtype, np.number) or np.iscomplexobj(depth):
        raise ValueError(f"depth_m must hold real numbers (metres), got dtype {depth.dtype}")
    raw_mask = np.asarray(mask)
    if raw_mask.shape != depth.shape:
        raise ValueError(f"mask shape {raw_mask.shape} differs from depth_m shape {depth.shape}")
    if raw_mask.dtype != bool:
        if not np.issubdtype(raw_mask.dtype, np.number) or not np.isin(raw_mask, (0, 1)).all():
            raise ValueError(f"mask must be boolean (or 0/1), got dtype {raw_mask.dtype}")
    item = raw_mask.astype(bool)
    if not item.any():
        raise ValueError("mask is empty: it marks no pixel of the item")
    depth = depth.astype(np.float64)
    inside = depth[item]
    bad = int((~np.isfinite(inside) | (inside <= 0)).sum())
    if bad:
        raise ValueError(f"depth_m must be finite and positive (metres) inside the mask; {bad} of "
                         f"{inside.size} item pixels are not")
    return depth, item, Intrinsics.parse(intrinsics)


def back_project(depth: np.ndarray, intrinsics: Intrinsics, origin: tuple[int, int] = (0, 0)) -> np.ndarray:
    """Camera-frame points (H, W, 3) in metres of a depth crop whose top-left pixel is ``origin`` (v, u)."""
    h, w = depth.shape
    v, u = np.mgrid[origin[0]:origin[0] + h, origin[1]:origin[1] + w]
    return intrinsics.rays(u, v) * depth[..., None]
