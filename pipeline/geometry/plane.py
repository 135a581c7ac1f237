"""The supporting surface under an item: a plane fitted robustly to the pixels around its mask."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.geometry.camera import Intrinsics, back_project
from pipeline.geometry.windows import dilate, local_linear_fit

#: Fixed seed: the same inputs always give the same plane.
_SEED = 20240611
MIN_SUPPORT_PIXELS = 30


@dataclass(frozen=True)
class Plane:
    """The plane n·X + offset = 0 in the camera frame (m); ``normal`` is unit and points to the camera.

    ``offset`` is therefore the camera's height above the plane (m). ``inlier_rms_m`` and
    ``inlier_fraction`` describe how well the ring around the item fitted it; ``noise_m`` is a
    robust estimate (1.4826 × median absolute residual of the inliers) of the depth noise on it.
    """

    normal: np.ndarray
    offset: float
    inlier_rms_m: float
    inlier_fraction: float
    noise_m: float = 0.0

    def height_of(self, points: np.ndarray) -> np.ndarray:
        """Signed height (m) of camera-frame points (..., 3) above the plane."""
        return points @ self.normal + self.offset

    def basis(self) -> np.ndarray:
        """Two unit vectors (2, 3) spanning the plane with e1 × e2 = normal."""
        n = self.normal
        helper = np.array([1.0, 0.0, 0.0]) if abs(n[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
        e1 = np.cross(helper, n)
        e1 /= np.linalg.norm(e1)
        return np.stack([e1, np.cross(n, e1)])

    def as_list(self) -> list[float]:
        """(a, b, c, d) with a x + b y + c z + d = 0, as stored in detections.json's calibration."""
        return [float(x) for x in self.normal] + [float(self.offset)]


def ring_widths(mask: np.ndarray) -> tuple[int, int]:
    """(gap, width) in pixels of the support band: a few pixels off the mask, about half its size wide."""
    size = float(np.sqrt(mask.sum()))
    return max(2, int(round(0.04 * size))), max(8, int(round(0.6 * size)))


def support_ring(depth: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Pixels around the item used to find its supporting surface (bool, depth's shape).

    The band skips mixed edge pixels next to the mask; pixels without a finite positive depth are
    left out. Other objects in the band are outliers to the plane fit.
    """
    gap, width = ring_widths(mask)
    valid = np.isfinite(depth) & (depth > 0)
    return dilate(mask, gap + width) & ~dilate(mask, gap) & valid


def inlier_threshold_m(distance_m: float) -> float:
    """Largest distance (m) of a point from a plane it lies on: 1.5 mm, or 0.4 % of its distance."""
    return max(0.0015, 0.004 * distance_m)


def depth_noise_m(depth: np.ndarray, pixels: np.ndarray) -> float:
    """Robust estimate (m, 1 σ) of the depth's pixel-to-pixel noise over ``pixels`` (H×W bool): the
    median absolute second difference along rows and columns (√6 σ for independent noise; about 0 on
    any smooth surface, so the scene's shape does not count). 0 when too few pixels."""
    values = []
    for a in (depth, depth.T):
        ok = pixels if a is depth else pixels.T
        second = a[:, :-2] - 2 * a[:, 1:-1] + a[:, 2:]
        usable = ok[:, :-2] & ok[:, 1:-1] & ok[:, 2:]
        values.append(np.abs(second[usable]))
    joined = np.concatenate(values)
    if len(joined) < MIN_SUPPORT_PIXELS:
        return 0.0
    return float(np.median(joined) * 1.4826 / np.sqrt(6.0))


def fit_plane_to_points(points: np.ndarray, *, iterations: int = 300, seed: int = _SEED) -> Plane:
    """RANSAC (MSAC scoring) then least squares on the inliers; raises ValueError when no plane fits.
    Inliers lie within :func:`inlier_threshold_m` of the plane."""
    if len(points) < MIN_SUPPORT_PIXELS:
        raise ValueError(f"depth_m has only {len(points)} valid pixels around the mask; at least "
                         f"{MIN_SUPPORT_PIXELS} of the supporting surface must be visible")
    rng = np.random.default_rng(seed)
    sample = points if len(points) <= 4000 else points[rng.choice(len(points), 4000, replace=False)]
    distance = float(np.median(points[:, 2]))
    threshold = inlier_threshold_m(distance)

    triples = sample[rng.integers(0, len(sample), size=(iterations, 3))]
    normals = np.cross(triples[:, 1] - triples[:, 0], triples[:, 2] - triples[:, 0])
    norms = np.linalg.norm(normals, axis=1)
    good = norms > 1e-12
    normals = normals[good] / norms[good, None]
    offsets = -np.einsum("ij,ij->i", normals, triples[good, 0])
    if not len(normals):
        raise ValueError("depth_m around the mask is degenerate (all points on one line); no supporting plane")
    residuals = np.abs(sample @ normals.T + offsets)
    cost = np.minimum(residuals, threshold) ** 2
    best = int(np.argmin(cost.sum(axis=0)))
    normal, offset = normals[best], offsets[best]

    for _ in range(3):  # refine: least squares on the inliers of the current plane
        inliers = points[np.abs(points @ normal + offset) < threshold]
        if len(inliers) < 3:
            break
        centre = inliers.mean(axis=0)
        spread = inliers - centre
        normal = np.linalg.eigh(spread.T @ spread)[1][:, 0]  # direction of least spread
        offset = -float(normal @ centre)
    residual = np.abs(points @ normal + offset)
    inlier = residual < threshold
    fraction = float(inlier.mean())
    if inlier.sum() < MIN_SUPPORT_PIXELS or fraction < 0.2:
        raise ValueError(f"no supporting surface found around the mask: only {fraction:.0%} of "
                         f"{len(points)} surrounding depth pixels lie on one plane")
    if offset < 0:  # orient the normal towards the camera (the origin)
        normal, offset = -normal, -offset
    if offset < 1e-6:
        raise ValueError("the supporting plane passes through the camera; depth_m cannot be a view of a surface")
    rms = float(np.sqrt(np.mean(residual[inlier] ** 2)))
    noise = float(min(1.4826 * np.median(residual), threshold))
    return Plane(np.asarray(normal, float), float(offset), rms, fraction, noise)


def fit_support_plane(depth: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics,
                      support: np.ndarray | None = None) -> Plane:
    """The plane the item stands on, from the validated depth (m) around its mask.

    ``support`` (H×W bool) names the object the item rests on (a plate): the band around the item is
    then restricted to it, so a food on a plate is measured from the plate's top, not from the table
    below it, whichever covers more of the band. With fewer than :data:`MIN_SUPPORT_PIXELS` such
    pixels the whole band is used.
    """
    gap, width = ring_widths(mask)
    rows, cols = np.nonzero(mask)
    pad = gap + width + 1
    r0, r1 = max(rows.min() - pad, 0), min(rows.max() + pad + 1, mask.shape[0])
    c0, c1 = max(cols.min() - pad, 0), min(cols.max() + pad + 1, mask.shape[1])
    crop = depth[r0:r1, c0:c1]
    ring = support_ring(crop, mask[r0:r1, c0:c1])
    if support is not None:
        on_support = ring & support[r0:r1, c0:c1]
        if on_support.sum() >= MIN_SUPPORT_PIXELS:
            ring = on_support
    return fit_plane_to_points(back_project(_smoothed_for_fit(crop, ring), intrinsics, (r0, c0))[ring])


#: A noisy band is smoothed until its noise is below this share of the inlier threshold.
_NOISE_TO_THRESHOLD = 0.4


def _smoothed_for_fit(depth: np.ndarray, band: np.ndarray) -> np.ndarray:
    """``depth`` over ``band`` smoothed (local linear fits over the band's pixels) just enough that its
    noise (:func:`depth_noise_m`) falls below 0.4 × the inlier threshold; unchanged when it already is.
    Noisy depth (a monocular model's 1 % at 0.5 m is 5 mm) would otherwise leave fewer than a fifth of
    the band's points within the threshold of the surface, and no plane would be found."""
    if band.sum() < MIN_SUPPORT_PIXELS:
        return depth
    noise = depth_noise_m(depth, band)
    limit = _NOISE_TO_THRESHOLD * inlier_threshold_m(float(np.median(depth[band])))
    for radius in range(0, 7):
        if noise / (2 * radius + 1) <= limit:
            break
    return local_linear_fit(depth, band, radius) if radius else depth
