"""Sliding-window image operations (summed-area tables): any window size in O(H·W)."""

from __future__ import annotations

import numpy as np


def box_sum(a: np.ndarray, radius: int) -> np.ndarray:
    """Sum of ``a`` over each (2r+1)² window, clipped at the borders (summed-area table)."""
    table = np.pad(a.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    h, w = a.shape
    r0, r1 = np.clip(np.arange(h) - radius, 0, h), np.clip(np.arange(h) + radius + 1, 0, h)
    c0, c1 = np.clip(np.arange(w) - radius, 0, w), np.clip(np.arange(w) + radius + 1, 0, w)
    return table[r1][:, c1] - table[r0][:, c1] - table[r1][:, c0] + table[r0][:, c0]


def local_linear_fit(values: np.ndarray, valid: np.ndarray, radius: int) -> np.ndarray:
    """Local linear fit of ``values`` over the valid pixels of each (2r+1)² window, at its centre.

    A plane fit (not a plain mean) keeps slopes unbiased where the window is one-sided, at the
    item's edges. Pixels whose window is degenerate keep their value.
    """
    h, w = values.shape
    dv, du = np.mgrid[0:h, 0:w].astype(float)
    du -= w / 2
    dv -= h / 2
    m = valid.astype(float)
    z = np.where(valid, values, 0.0)
    sums = {name: box_sum(arr, radius) for name, arr in {
        "1": m, "u": m * du, "v": m * dv, "uu": m * du * du, "uv": m * du * dv, "vv": m * dv * dv,
        "z": z, "uz": z * du, "vz": z * dv}.items()}
    a = np.stack([np.stack([sums["1"], sums["u"], sums["v"]], -1),
                  np.stack([sums["u"], sums["uu"], sums["uv"]], -1),
                  np.stack([sums["v"], sums["uv"], sums["vv"]], -1)], -2)
    b = np.stack([sums["z"], sums["uz"], sums["vz"]], -1)
    ok = valid & (np.linalg.det(a) > 1e-6 * np.maximum(sums["1"], 1) ** 3)
    coef = np.zeros_like(b)
    coef[ok] = np.linalg.solve(a[ok], b[ok][..., None])[..., 0]
    fitted = coef[..., 0] + coef[..., 1] * du + coef[..., 2] * dv
    return np.where(ok, fitted, values)


def dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    """Square dilation of a bool mask by ``radius`` pixels."""
    if radius <= 0:
        return mask.copy()
    return box_sum(mask.astype(np.int64), radius) > 0
