"""The rim of a round object on the table (plate, bowl, cup): a circle fitted to its visible outline.

Pure numpy. The object's rim points (within a few millimetres of its highest part above the table
plane for a bowl or cup; of its most common height, the flat top, for a plate, whose mask may also
hold the food on it) are laid onto the plane; the outline is sampled as the farthest top point in each angular
sector about the current centre and a circle is fitted to those samples (algebraic fit, three
rounds). Samples well inside the circle (where food or the frame hides the rim) are then dropped and
the circle refitted, so a plate half hidden by food keeps its true diameter instead of reading wider
(the spread of a ring of points) or narrower (the visible extent).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.geometry.camera import Intrinsics
from pipeline.geometry.plane import Plane
from pipeline.geometry.surface import denoise_item_depth

#: Top points lie within max(this, 3 × depth noise) metres of the object's robust highest point.
TOP_TOLERANCE_M = 0.004
_SECTORS = 72
_MIN_SAMPLES = 12


@dataclass(frozen=True)
class Rim:
    """A horizontal circle: ``centre`` (camera frame, m), ``radius_m``, ``height_m`` above ``table``,
    and ``coverage``, the fraction of the circle's sectors where its outline was seen."""

    centre: np.ndarray
    radius_m: float
    height_m: float
    table: Plane
    coverage: float

    def scaled(self, factor: float) -> "Rim":
        """The same rim after every depth (hence every camera-frame point) is multiplied by ``factor``."""
        table = Plane(self.table.normal, self.table.offset * factor, self.table.inlier_rms_m * factor,
                      self.table.inlier_fraction, self.table.noise_m * factor)
        return Rim(self.centre * factor, self.radius_m * factor, self.height_m * factor, table, self.coverage)


def fit_circle(points: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares (algebraic) circle through 2-D ``points`` (N, 2): (centre, radius)."""
    a = np.column_stack([points, np.ones(len(points))])
    b = (points**2).sum(axis=1)
    (p, q, c), *_ = np.linalg.lstsq(a, b, rcond=None)
    centre = np.array([p / 2, q / 2])
    return centre, float(np.sqrt(max(c + centre @ centre, 0.0)))


def outline_samples(flat: np.ndarray, centre: np.ndarray) -> tuple[np.ndarray, int]:
    """The farthest point (98th percentile radius) of each angular sector about ``centre``, and how many
    sectors had points."""
    offset = flat - centre
    angle = np.arctan2(offset[:, 1], offset[:, 0])
    radius = np.hypot(offset[:, 0], offset[:, 1])
    sector = ((angle + np.pi) / (2 * np.pi) * _SECTORS).astype(int) % _SECTORS
    samples = []
    for s in np.unique(sector):
        pick = sector == s
        r = np.percentile(radius[pick], 98)
        mid = -np.pi + (s + 0.5) * 2 * np.pi / _SECTORS
        samples.append(centre + r * np.array([np.cos(mid), np.sin(mid)]))
    return np.array(samples), len(samples)


def _rim_level(heights: np.ndarray, flat_top: bool, tolerance: float) -> float:
    """Height (m) of the rim: the most common height (a plate's top) or the robust highest point."""
    if not flat_top:
        return float(np.percentile(heights, 97))
    bins = np.arange(heights.min(), heights.max() + tolerance, tolerance)
    if len(bins) < 2:
        return float(np.median(heights))
    counts, edges = np.histogram(heights, bins=bins)
    k = int(np.argmax(counts))
    return float(np.median(heights[(heights >= edges[k]) & (heights <= edges[k + 1])])) + tolerance / 2


@dataclass(frozen=True)
class TopPoints:
    """The pixels (``rows``, ``cols``) of an object's rim level and their camera-frame ``points`` (m,
    depth smoothed when noisy), their ``heights`` (m) above the table."""

    rows: np.ndarray
    cols: np.ndarray
    points: np.ndarray
    heights: np.ndarray


def top_points(depth_m: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, table: Plane,
               flat_top: bool = False) -> TopPoints | None:
    """The points of the object in ``mask`` at its rim's level (see the module doc); None when too few."""
    rows, cols = np.nonzero(mask & (depth_m > 0))
    if len(rows) < 50:
        return None
    smooth = denoise_item_depth(depth_m, mask & (depth_m > 0), intrinsics, table)
    points = intrinsics.rays(cols, rows) * smooth[rows, cols][:, None]
    heights = table.height_of(points)
    tolerance = max(TOP_TOLERANCE_M, 3 * table.noise_m)
    top = _rim_level(heights, flat_top, tolerance)
    chosen = np.abs(heights - (top - tolerance / 2)) < tolerance / 2 + (tolerance if flat_top else 0.0)
    if chosen.sum() < 30:
        return None
    return TopPoints(rows[chosen], cols[chosen], points[chosen], heights[chosen])


def fit_rim(depth_m: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, table: Plane,
            flat_top: bool = False) -> Rim | None:
    """The rim circle of the object in ``mask`` standing on ``table`` (``flat_top`` for a plate);
    None when too little is seen."""
    top = top_points(depth_m, mask, intrinsics, table, flat_top)
    if top is None:
        return None
    basis = table.basis()
    flat = top.points @ basis.T
    centre = flat.mean(axis=0)
    samples, count = outline_samples(flat, centre)
    if count < _MIN_SAMPLES:
        return None
    for _ in range(3):
        centre, radius = fit_circle(samples)
        samples, count = outline_samples(flat, centre)
    for _ in range(2):  # drop samples hidden by something in front (well inside the circle)
        residual = np.hypot(*(samples - centre).T) - radius
        spread = 1.4826 * np.median(np.abs(residual - np.median(residual))) + 1e-4
        keep = residual > -3 * spread
        if keep.sum() < _MIN_SAMPLES:
            break
        centre, radius = fit_circle(samples[keep])
    height = float(np.median(top.heights))
    centre3 = centre @ basis - table.offset * table.normal + height * table.normal
    return Rim(centre3, radius, height, table, float(keep.mean() * count / _SECTORS))
