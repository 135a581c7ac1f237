"""The item's visible surface as per-pixel planar patches ("surfels") and its volume above a plane.

Each mask pixel sees a small patch of the item's top surface: the patch through its back-projected
point, oriented by the local surface normal. The pixel's four corner rays cut that patch; projecting
the cut corners onto the supporting plane along its normal gives the pixel's exact footprint on the
plane (no constant pixels-per-cm), and the prism under the patch is its share of the volume. For a
surface that is a height field over the plane, the footprints of the visible patches tile the visible
part of the item's footprint without overlap, so the sum is the volume under the visible surface.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from pipeline.geometry.camera import Intrinsics
from pipeline.geometry.plane import Plane
from pipeline.geometry.windows import local_linear_fit

#: Corner offsets (du, dv) of a pixel, in cyclic order.
_CORNERS = np.array([(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)])
#: A patch's corner lies at most this many times a pixel's half-diagonal (at its depth) from its
#: centre: bounds the footprint of patches seen almost edge-on (silhouettes of curved items).
_MAX_CORNER_STRETCH = 4.0
#: Largest tolerated standard deviation (rad) of normals caused by depth noise.
_MAX_NORMAL_NOISE = 0.03


@dataclass(frozen=True)
class Surfels:
    """Per mask pixel (N of them, in ``np.nonzero(mask)`` order): points, normals, footprints."""

    rows: np.ndarray          # (N,) image rows
    cols: np.ndarray          # (N,) image columns
    points: np.ndarray        # (N, 3) camera-frame points at pixel centres (m)
    normals: np.ndarray       # (N, 3) unit surface normals facing the camera
    heights: np.ndarray       # (N,) height of the centre point above the plane (m)
    triangles: np.ndarray     # (N, 2, 3, 2) the footprint as two triangles in plane coordinates (m)
    corner_heights: np.ndarray  # (N, 2, 3) heights (m) at the triangle corners (>= 0 as built)
    triangle_areas: np.ndarray  # (N, 2) area (m²) of each triangle on the plane; <= 0 faces away

    def with_heights(self, heights: np.ndarray) -> "Surfels":
        """The same patches moved along the plane normal so their centres have ``heights`` (m). The
        corners move by the same amount and are not clipped at the plane: when ``heights`` are noisy
        readings of these patches, the noise then averages out over the item (clipping it at 0 would
        keep the upward half only: +15 % on a 4 mm tortilla under 5 mm of noise)."""
        shift = (heights - self.heights)[:, None, None]
        return dataclasses.replace(self, heights=heights, corner_heights=self.corner_heights + shift)

    def volume_m3(self) -> float:
        """Volume (m³) between the visible surface and the plane: the prisms under the patches that face
        up, less those under the patches that face down (the visible underside of an overhang, as on
        the near side of a ball: the item is not there, between that underside and the plane)."""
        return float((self.triangle_areas * self.corner_heights.mean(axis=2)).sum())


def _tangent(points: np.ndarray, valid: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Surface tangent (per pixel, along ``axis``) from neighbours in the mask, creases respected.

    Uses the central difference where the surface is smooth on both sides and the one-sided
    difference on the straighter side where a crease (box edge) or depth step lies on the other.
    ``points``/``valid`` are padded by two pixels on every side.
    """
    def at(k: int) -> tuple[np.ndarray, np.ndarray]:
        return np.roll(points, -k, axis=axis), np.roll(valid, -k, axis=axis)

    (b2, vb2), (b1, vb1), (f1, vf1), (f2, vf2) = at(-2), at(-1), at(1), at(2)
    fwd, bwd = f1 - points, points - b1
    step = np.maximum(np.linalg.norm(fwd, axis=-1), np.linalg.norm(bwd, axis=-1))
    big = 1e3 * step + 1.0
    e_fwd = np.where(vf2, np.linalg.norm(f2 - 2 * f1 + points, axis=-1), big)
    e_bwd = np.where(vb2, np.linalg.norm(points - 2 * b1 + b2, axis=-1), big)
    smooth = np.maximum(e_fwd, e_bwd) <= 3 * np.minimum(e_fwd, e_bwd) + 1e-9 * step
    use_fwd = vf1 & (~vb1 | (~smooth & (e_fwd < e_bwd)))
    use_bwd = vb1 & (~vf1 | (~smooth & (e_bwd <= e_fwd)))
    tangent = np.where(use_fwd[..., None], fwd, np.where(use_bwd[..., None], bwd, (f1 - b1) / 2))
    return tangent, valid & (vf1 | vb1)


def surface_normals(points: np.ndarray, valid: np.ndarray, plane: Plane) -> np.ndarray:
    """Unit normals (H, W, 3) facing the camera; pixels with no neighbour along an axis borrow
    the plane's normal for the missing direction (a one-pixel-wide sliver is taken as level)."""
    pp = np.pad(points, ((2, 2), (2, 2), (0, 0)))
    pv = np.pad(valid, 2)
    tu, ok_u = (a[2:-2, 2:-2] for a in _tangent(pp, pv, 1))
    tv, ok_v = (a[2:-2, 2:-2] for a in _tangent(pp, pv, 0))
    n = plane.normal
    # A missing tangent becomes the level direction perpendicular to the other one.
    tu = np.where(ok_u[..., None], tu, np.cross(tv, n))
    tv = np.where(ok_v[..., None], tv, np.cross(n, tu))
    normals = _unit(np.cross(tu, tv))
    normals = np.where(((ok_u | ok_v)[..., None]) & np.isfinite(normals).all(-1, keepdims=True), normals, n)
    normals = _consensus(points, valid, normals)
    facing = np.einsum("...i,...i->...", normals, points) > 0
    return np.where(facing[..., None], -normals, normals)


def _unit(vectors: np.ndarray) -> np.ndarray:
    length = np.linalg.norm(vectors, axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(length > 1e-15, vectors / length, np.nan)


#: A neighbour lies on a patch's plane when its direction is within this sine of the plane.
_ON_PLANE = 0.1
_NEIGHBOURS = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]


def _consensus(points: np.ndarray, valid: np.ndarray, normals: np.ndarray) -> np.ndarray:
    """Replace a normal by a one-sided (quadrant) one where more of the 8 neighbours lie on its plane.

    At a crease or a corner of a small item the default estimate can straddle two faces; the
    quadrant whose plane the most neighbours agree with lies on one face.
    """
    pp = np.pad(points, ((1, 1), (1, 1), (0, 0)))
    pv = np.pad(valid, 1)
    h, w = valid.shape

    def shifted(dr: int, dc: int) -> tuple[np.ndarray, np.ndarray]:
        return pp[1 + dr:1 + dr + h, 1 + dc:1 + dc + w], pv[1 + dr:1 + dr + h, 1 + dc:1 + dc + w]

    chords, present = [], []
    for dr, dc in _NEIGHBOURS:
        q, ok = shifted(dr, dc)
        chords.append(_unit(q - points))
        present.append(ok & valid)
    chords_arr, present_arr = np.stack(chords), np.stack(present)        # (8, h, w, 3), (8, h, w)

    def agreement(candidate: np.ndarray) -> np.ndarray:
        sine = np.abs(np.einsum("khwi,hwi->khw", chords_arr, candidate))
        return (present_arr & (sine < _ON_PLANE)).sum(axis=0)

    best, best_score = normals, agreement(normals)
    for du in (-1, 1):
        for dv in (-1, 1):
            qu, ok_u = shifted(0, du)
            qv, ok_v = shifted(dv, 0)
            candidate = _unit(np.cross((qu - points) * du, (qv - points) * dv))
            usable = ok_u & ok_v & valid & np.isfinite(candidate).all(-1)
            candidate = np.where(usable[..., None], candidate, best)
            score = np.where(usable, agreement(candidate), -1)
            better = score > best_score
            best = np.where(better[..., None], candidate, best)
            best_score = np.where(better, score, best_score)
    return best


def denoise_item_depth(depth: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, plane: Plane) -> np.ndarray:
    """``depth`` with each item pixel replaced by a plane fitted to the item pixels around it when the
    depth is noisy (judged by the supporting plane's ``noise_m``); unchanged when it is clean."""
    radius = _smoothing_radius(plane.noise_m, float(np.median(depth[mask])), intrinsics)
    if not radius:
        return depth
    rows, cols = np.nonzero(mask)
    r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    smooth = depth.copy()
    smooth[r0:r1, c0:c1] = local_linear_fit(depth[r0:r1, c0:c1], mask[r0:r1, c0:c1], radius)
    return smooth


def _smoothing_radius(noise_m: float, depth_m: float, intrinsics: Intrinsics) -> int:
    """Box radius (pixels) that keeps depth noise ``noise_m`` from tilting normals by more than ~2°."""
    spacing = depth_m / np.sqrt(intrinsics.fx * intrinsics.fy)   # metres between pixel centres
    ratio = noise_m / spacing
    for radius in range(0, 5):
        side = 2 * radius + 1
        spread = np.sqrt(2 * side) / side**2 if radius else np.sqrt(2)
        if spread * ratio < _MAX_NORMAL_NOISE:
            return radius
    return 4


def build_surfels(depth: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, plane: Plane) -> Surfels:
    """Surfels for every mask pixel of the validated full-size depth (m) and mask."""
    rows, cols = np.nonzero(mask)
    r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    v, u = np.mgrid[r0:r1, c0:c1]
    crop_mask = mask[r0:r1, c0:c1]
    crop_points = intrinsics.rays(u, v) * np.where(crop_mask, depth[r0:r1, c0:c1], 0.0)[..., None]
    normals = surface_normals(crop_points, crop_mask, plane)[rows - r0, cols - c0]
    points = crop_points[rows - r0, cols - c0]
    z = points[:, 2]

    corner_rays = intrinsics.rays(cols[:, None] + _CORNERS[:, 0], rows[:, None] + _CORNERS[:, 1])  # (N,4,3)
    along = np.einsum("nj,ncj->nc", normals, corner_rays)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.einsum("nj,nj->n", normals, points)[:, None] / along
    # Where a corner ray misses the patch's plane (seen edge-on), take the point of the plane
    # nearest to the corner ray at the pixel's depth; then shorten long offsets within the plane.
    fallback = corner_rays * z[:, None, None]
    fallback -= np.einsum("ncj,nj->nc", fallback - points[:, None], normals)[..., None] * normals[:, None]
    corners = np.where((np.isfinite(t) & (t > 0))[..., None], corner_rays * t[..., None], fallback)
    offset = corners - points[:, None]
    length = np.linalg.norm(offset, axis=-1, keepdims=True)
    limit = _MAX_CORNER_STRETCH * 0.71 * z[:, None, None] / np.sqrt(intrinsics.fx * intrinsics.fy)
    corners = points[:, None] + offset * np.minimum(1.0, limit / np.maximum(length, 1e-300))

    basis = plane.basis()
    flat = corners @ basis.T                       # (N, 4, 2) plane coordinates
    lift = np.maximum(plane.height_of(corners), 0.0)
    tri = np.array([[0, 1, 2], [0, 2, 3]])
    triangles = flat[:, tri]                       # (N, 2, 3, 2)
    a, b, c = triangles[:, :, 0], triangles[:, :, 1], triangles[:, :, 2]
    cross = (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0])
    # Image corners run clockwise on the plane seen from above (e1 × e2 = normal): flip the sign
    # so a patch facing up has positive area.
    areas = -0.5 * cross
    return Surfels(rows, cols, points, normals, plane.height_of(points), triangles, lift[:, tri], areas)
