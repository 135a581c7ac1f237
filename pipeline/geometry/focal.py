"""The focal length (pixels) from a round rim seen in perspective, for a video that records none.

Pure numpy. A plate's or bowl's rim is a circle; its image is an ellipse (a conic ``C``). The plane
it lies in has a vanishing line ``l`` that the depth map gives without knowing the focal length:
on a plane, inverse depth is affine in the pixel coordinates, 1/z = α·x + β·y + γ (x, y measured
from the principal point), and 1/z = 0 is where the plane reaches infinity; a global depth-scale
error multiplies (α, β, γ) and leaves the line where it is. The two points where ``l`` meets ``C``
are the plane's circular points (complex, as every circle of the plane passes through them), and
they lie on the image of the absolute conic, ω = diag(1/f², 1/f², 1) for square pixels and a known
principal point: I·ω·I = 0 is one complex equation, linear in 1/f², solved by least squares
(Hartley & Zisserman, *Multiple View Geometry*, 2nd ed., sections 8.5 and 8.8).

The rim's image is the outline of the object's pixels at its rim level (:func:`pipeline.geometry.rim.top_points`),
sampled as the farthest pixel per angular sector, and an ellipse is fitted to it (Halíř & Flusser's
stable form of Fitzgibbon's direct fit); samples well inside the ellipse (the rim hidden by food or
another dish) are dropped and the ellipse refitted. The estimate is ill-conditioned when the plane
faces the camera (its vanishing line far away): such views are refused (:data:`MIN_TILT_DEG`).
"""

from __future__ import annotations

import math

import numpy as np

from pipeline.geometry.camera import Intrinsics
from pipeline.geometry.plane import Plane
from pipeline.geometry.rim import outline_samples, top_points

#: Views whose plane normal is less than this (degrees) off the optical axis are not used: at 20°
#: a 1 % error in the ellipse's axis ratio is already an 8 % error in the focal length.
MIN_TILT_DEG = 25.0
_MIN_SAMPLES = 16


def vanishing_line(plane: Plane, intrinsics: Intrinsics) -> np.ndarray:
    """(α, β, γ) with 1/z = α·x + β·y + γ on ``plane`` (x = u - cx, y = v - cy in pixels, z in m):
    its zero set is the plane's vanishing line. Independent of the focal length ``plane`` was fitted
    with (a wrong focal length maps the true plane to another plane with the same line)."""
    n, d = plane.normal, plane.offset
    return -np.array([n[0] / intrinsics.fx, n[1] / intrinsics.fy, n[2]]) / d


def tilt_deg(line: np.ndarray, focal_px: float) -> float:
    """Angle (degrees) between the plane's normal and the optical axis, for a focal length (px)."""
    a, b, c = line
    return math.degrees(math.atan2(focal_px * math.hypot(a, b), abs(c)))


def fit_ellipse(points: np.ndarray) -> np.ndarray | None:
    """The ellipse through 2-D ``points`` (N, 2) as a symmetric 3×3 conic (p·C·p = 0 for p = (x, y, 1)),
    by the direct least-squares fit (Halíř & Flusser 1998); None when the points fit no ellipse."""
    if len(points) < 6:
        return None
    centre = points.mean(axis=0)
    scale = float(np.sqrt(((points - centre) ** 2).sum(axis=1).mean())) or 1.0
    x, y = ((points - centre) / scale).T
    d1 = np.column_stack([x * x, x * y, y * y])
    d2 = np.column_stack([x, y, np.ones_like(x)])
    s1, s2, s3 = d1.T @ d1, d1.T @ d2, d2.T @ d2
    try:
        t = -np.linalg.solve(s3, s2.T)
    except np.linalg.LinAlgError:
        return None
    m = s1 + s2 @ t
    m = np.array([m[2] / 2, -m[1], m[0] / 2])
    values, vectors = np.linalg.eig(m)
    vectors = np.real(vectors)
    condition = 4 * vectors[0] * vectors[2] - vectors[1] ** 2
    good = np.nonzero(condition > 0)[0]
    if not len(good):
        return None
    a1 = vectors[:, good[0]]
    a, b, c, dd, e, f = np.concatenate([a1, t @ a1])
    normalised = np.array([[a, b / 2, dd / 2], [b / 2, c, e / 2], [dd / 2, e / 2, f]])
    # back to the input's coordinates: p_normalised = T · p
    transform = np.array([[1 / scale, 0, -centre[0] / scale], [0, 1 / scale, -centre[1] / scale], [0, 0, 1]])
    conic = transform.T @ normalised @ transform
    return conic / np.linalg.norm(conic)


def _radial_residual(samples: np.ndarray, conic: np.ndarray) -> np.ndarray:
    """Signed distance (px) of each sample from the ellipse along the ray from its centre (> 0 outside)."""
    centre = np.linalg.solve(conic[:2, :2], -conic[:2, 2])
    offset = samples - centre
    r = np.hypot(offset[:, 0], offset[:, 1])
    direction = offset / np.maximum(r, 1e-12)[:, None]
    quadratic = np.einsum("ni,ij,nj->n", direction, conic[:2, :2], direction)
    value_at_centre = centre @ conic[:2, :2] @ centre + 2 * conic[:2, 2] @ centre + conic[2, 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        reach = np.sqrt(-value_at_centre / quadratic)
    return r - reach


def rim_ellipse(pixels: np.ndarray) -> np.ndarray | None:
    """The ellipse (conic in the coordinates of ``pixels``) outlining the image points (N, 2) of a rim,
    hidden stretches left out; None when it cannot be fitted."""
    samples, count = outline_samples(pixels, pixels.mean(axis=0))
    if count < _MIN_SAMPLES:
        return None
    conic = fit_ellipse(samples)
    for _ in range(3):
        if conic is None:
            return None
        centre = np.linalg.solve(conic[:2, :2], -conic[:2, 2])
        samples, count = outline_samples(pixels, centre)
        residual = _radial_residual(samples, conic)
        spread = 1.4826 * np.nanmedian(np.abs(residual - np.nanmedian(residual))) + 0.5
        keep = np.isfinite(residual) & (residual > -3 * spread)
        if keep.sum() < _MIN_SAMPLES:
            return None
        conic = fit_ellipse(samples[keep])
    return conic


def rim_pixels(depth_m: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, table: Plane,
               flat_top: bool = False) -> np.ndarray | None:
    """Image points (N, 2; centred on the principal point) of the object's rim level: its top points
    moved along the table's normal onto the rim's plane (the wall just below a plate's edge would
    otherwise widen its near side) and projected back; None when too few are seen."""
    top = top_points(depth_m, mask, intrinsics, table, flat_top)
    if top is None:
        return None
    level = float(np.median(top.heights))
    on_rim = top.points + (level - top.heights)[:, None] * table.normal
    u, v = intrinsics.project(on_rim)
    return np.column_stack([u - intrinsics.cx, v - intrinsics.cy])


def focal_from_conic(conic: np.ndarray, line: np.ndarray) -> float | None:
    """The focal length (px) for which the ellipse ``conic`` is the image of a circle in the plane
    with vanishing ``line`` (both in pixel coordinates centred on the principal point); None when
    the line cuts the ellipse or no positive focal length fits."""
    line = line / np.linalg.norm(line)
    span = np.linalg.svd(line[None])[2][1:]          # two points spanning the line
    p1, p2 = span
    a, b, c = p2 @ conic @ p2, p1 @ conic @ p2, p1 @ conic @ p1
    discriminant = a * c - b * b
    if discriminant <= 0 or a == 0:
        return None                                   # real intersections: not a circle's vanishing line
    t = complex(-b, math.sqrt(discriminant)) / a
    circular = p1 + t * p2
    lateral = circular[0] ** 2 + circular[1] ** 2     # I·diag(w, w, 1)·I = w·lateral + axial = 0
    axial = circular[2] ** 2
    w = -(lateral.conjugate() * axial).real / abs(lateral) ** 2
    return 1.0 / math.sqrt(w) if w > 0 else None


def focal_from_rim(depth_m: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, table: Plane,
                   flat_top: bool = False) -> float | None:
    """The focal length (px) implied by the rim of the round object in ``mask`` (a plate:
    ``flat_top``) standing on ``table`` (fitted with ``intrinsics``, whose focal length may be a
    guess); None when the rim is not seen well enough or the view is too close to top-down."""
    pixels = rim_pixels(depth_m, mask, intrinsics, table, flat_top)
    conic = None if pixels is None else rim_ellipse(pixels)
    if conic is None:
        return None
    line = vanishing_line(table, intrinsics)
    focal = focal_from_conic(conic, line)
    if focal is None or tilt_deg(line, focal) < MIN_TILT_DEG:
        return None
    return focal
