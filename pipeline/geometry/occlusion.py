"""The part of an item's footprint its own visible surface hides from the camera.

A depth camera sees only the surface facing it: behind a curved item (a mound, a dome) part of the
footprint lies under surface the camera cannot see. On a grid over the supporting plane, the cells
that are hidden (a ray from the camera to the cell's plane point meets the item first) and not under
any visible patch form the occluded region. Above each such cell the camera's rays bound the item:
it is no higher than the lowest ray that passes over it unobstructed (single-view space carving).

What fills that bound is unknowable from one view, so a stated prior is used, keyed on how edge-on
the camera sees the last visible patch below which the column disappears (the edge ratio ``|patch
normal · ray| / |plane normal · ray|``: 1 for a level patch, 0 for one seen exactly edge-on) and on
the angle between the camera's ray and the plane's normal:
- behind a crease (a box's or a cylinder's top edge: a level patch, then nothing) the item ends and
  the hidden cells are empty;
- behind a terminator (the surface turns away from the camera, as on a dome) the surface goes on
  down below the rays. A circular profile fills 0.66, 0.57 and 0.47 of the bound for rays 20°, 45°
  and 60° off the normal; cells right behind a coarsely sampled terminator are filled almost fully.
On noisy depth the normals come from the smoothed surface (:func:`pipeline.geometry.surface.denoise_item_depth`),
which flattens the turn at a terminator (clean ratios of 0.2-0.35 read 0.4-0.5) and scatters a level
edge's ratio (1.0 reads 0.65-1.3): there the terminator fill holds up to :data:`SMOOTHED_TERMINATOR` and
falls to none at :data:`SMOOTHED_CREASE`, with no band filled almost fully (it would fill behind the
scattered level edges of a pancake). Balls (``symmetric``: their upper half) keep the clean table: on
the development scenes the smoothed rule left out most of a meatball's hidden cap (-4 % -> -14 %).
The table below was calibrated on ray-cast domes, caps, half-ellipsoids, boxes and cylinders
(tests/pipeline/scenes.py) and checked on other scenes by benchmarks/geometry.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.geometry.camera import Intrinsics
from pipeline.geometry.plane import Plane
from pipeline.geometry.surface import Surfels

#: Fraction of the bound filled behind a terminator, by ray angle off the plane normal (degrees).
TERMINATOR_FILL_BY_ANGLE = ((15.0, 0.85), (25.0, 0.77), (35.0, 0.72), (45.0, 0.63), (55.0, 0.55))
#: Edge-ratio breakpoints: at or below _TERMINATOR the angle table applies; the fill rises to
#: _CLEAR_FILL at _CLEAR (a gap between coarse patches of a surface seen clearly), stays there up to
#: _CLEAR_END and falls to 0 at _CREASE (a level patch, then nothing: the item ends).
_TERMINATOR, _CLEAR, _CLEAR_END, _CREASE = 0.3, 0.55, 0.75, 0.88
_CLEAR_FILL = 0.95
#: Edge-ratio breakpoints on smoothed (noisy) depth: the terminator fill up to SMOOTHED_TERMINATOR,
#: falling to 0 at SMOOTHED_CREASE (module doc; chosen on development seeds 1-5, perturbed runs).
SMOOTHED_TERMINATOR, SMOOTHED_CREASE = 0.5, 0.9
_MAX_CELLS = 250_000
#: Points at least this share of the item's greatest height make its apex (the centre of its footprint).
APEX_SHARE = 0.9
_SECTORS = 36
#: An item whose visible underside exceeds this share of its footprint overhangs (see overhang_share).
OVERHANG_SHARE = 0.01
_MAX_STEPS = 400
#: An item whose outline meets its support along less than this share (see contact_share) rests on it
#: at a point: a ball seen from above, whose underside does not show.
NO_CONTACT_SHARE = 0.05


@dataclass(frozen=True)
class Occluded:
    """The inferred hidden part: volume (m³), footprint area (m²) and how many grid cells it used."""

    volume_m3: float
    area_m2: float
    cells: int
    cell_size_m: float


def _cover(triangles: np.ndarray, origin: np.ndarray, cell: float, shape: tuple[int, int]) -> np.ndarray:
    """Grid cells (bool, ``shape``) whose centres lie in any of the (T, 3, 2) triangles."""
    covered = np.zeros(shape, bool)
    lo = np.ceil((triangles.min(axis=1) - origin) / cell - 0.5).astype(int)
    hi = np.floor((triangles.max(axis=1) - origin) / cell - 0.5).astype(int)
    span = np.max(hi - lo + 1, axis=1)
    for size in (1, 2, 4, 8, 16, 32, 64):  # windows of size² cells; larger triangles are clipped
        pick = (span > size // 2) & ((span <= size) | (size == 64))
        if not pick.any():
            continue
        tri, start = triangles[pick], lo[pick]
        di, dj = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
        idx = start[:, None, :] + np.stack([di.ravel(), dj.ravel()], -1)[None]      # (T, K, 2)
        centre = origin + (idx + 0.5) * cell
        a, b, c = tri[:, None, 0], tri[:, None, 1], tri[:, None, 2]

        def edge(p: np.ndarray, q: np.ndarray) -> np.ndarray:
            return (q[..., 0] - p[..., 0]) * (centre[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (centre[..., 0] - p[..., 0])

        e = np.stack([edge(a, b), edge(b, c), edge(c, a)])
        inside = (e >= 0).all(0) | (e <= 0).all(0)
        inside &= (idx >= 0).all(-1) & (idx[..., 0] < shape[0]) & (idx[..., 1] < shape[1])
        covered[idx[inside, 0], idx[inside, 1]] = True
    return covered


def occluded_fill(surfels: Surfels, depth: np.ndarray, mask: np.ndarray,
                  intrinsics: Intrinsics, plane: Plane, symmetric: bool | None = None,
                  smoothed: bool = False) -> Occluded:
    """Estimate the volume (m³) under the hidden part of the item's footprint (see module doc).
    ``symmetric`` takes the footprint as symmetric about the apex (default: when the item overhangs);
    ``smoothed``: ``surfels`` were built on depth smoothed against noise (the edge ratio's breakpoints
    move, see module doc)."""
    up = surfels.triangle_areas > 0
    if not up.any():
        return Occluded(0.0, 0.0, 0, 0.0)
    tri = surfels.triangles[up]
    cell = float(np.sqrt(np.median(surfels.triangle_areas[up]) * 2))
    basis, n, d = plane.basis(), plane.normal, plane.offset

    # Where the mask pixels' rays meet the plane: the item's "shadow" seen from the camera.
    rays = intrinsics.rays(surfels.cols, surfels.rows)
    toward = rays @ n
    reach = np.where(toward < 0, -d / np.minimum(toward, -1e-12), np.inf)
    reach = np.minimum(reach, 4 * surfels.points[:, 2].max())
    shadow = (rays * reach[:, None]) @ basis.T
    extent = np.concatenate([tri.reshape(-1, 2), shadow])
    origin = extent.min(axis=0) - 2 * cell
    size = extent.max(axis=0) + 2 * cell - origin
    cell = max(cell, float(np.sqrt(size[0] * size[1] / _MAX_CELLS)))
    shape = tuple(int(x) for x in np.ceil(size / cell))

    covered = _cover(tri, origin, cell, shape)
    i, j = np.nonzero(~covered)
    flat = origin + (np.stack([i, j], -1) + 0.5) * cell
    foot = flat @ basis - d * n                                  # plane points, camera frame
    with np.errstate(divide="ignore", invalid="ignore"):
        u, v = intrinsics.project(foot)
    hidden = _in_mask(u, v, mask) & (foot[:, 2] > 0)
    if symmetric if symmetric is not None else overhang_share(surfels) > OVERHANG_SHARE:
        hidden &= _mirrored_in(flat, surfels, covered, origin, cell, basis)
    foot = foot[hidden]
    if not len(foot):
        return Occluded(0.0, 0.0, 0, cell)

    # March up each hidden cell's column until a point of it is seen (in front of the depth).
    tolerance = 3 * plane.noise_m
    top = 1.3 * max(float(surfels.heights.max()), cell)
    gain = np.hypot(intrinsics.fx * (n[0] * foot[:, 2] - foot[:, 0] * n[2]),
                    intrinsics.fy * (n[1] * foot[:, 2] - foot[:, 1] * n[2])) / foot[:, 2] ** 2
    steps = int(min(_MAX_STEPS, max(2, np.ceil(top * gain.max() / 0.5))))
    dh = top / steps
    last_row, last_col = np.round(v[hidden]).astype(int), np.round(u[hidden]).astype(int)
    bound = np.zeros(len(foot))
    active = np.ones(len(foot), bool)

    for k in range(1, steps + 1):
        idx = np.nonzero(active)[0]
        if not len(idx):
            break
        p = foot[idx] + k * dh * n
        pu, pv = intrinsics.project(p)
        r, c = np.round(pv).astype(int), np.round(pu).astype(int)
        inside = _in_mask(pu, pv, mask)
        still = inside.copy()
        still[inside] = p[inside, 2] >= depth[r[inside], c[inside]] - tolerance
        active[idx[~still]] = False
        keep = idx[still]
        bound[keep] = k * dh
        last_row[keep], last_col[keep] = r[still], c[still]
    bound += 0.5 * dh

    # How edge-on the last visible patch over each column is seen decides the fill.
    lookup = np.full(mask.shape, -1)
    lookup[surfels.rows, surfels.cols] = np.arange(len(surfels.rows))
    j_pix = lookup[last_row, last_col]
    ray = intrinsics.rays(last_col, last_row)
    ray /= np.linalg.norm(ray, axis=1, keepdims=True)
    ratio = np.abs(np.einsum("ij,ij->i", surfels.normals[j_pix], ray)) / np.maximum(np.abs(ray @ n), 1e-6)
    fill = _fill_fraction(ratio, foot, n, smoothed)
    return Occluded(float((fill * bound).sum() * cell**2), float(fill.sum() * cell**2), int(len(foot)), cell)


def overhang_share(surfels: Surfels) -> float:
    """Footprint area of the visible patches that face down, above a tenth of the item's height, as a
    share of that of the patches that face up: the underside of an overhang seen from the side (the
    lower half of a ball), 0 for a mound or a slab whose sides meet the plane."""
    raised = surfels.heights > 0.1 * surfels.heights.max()
    up = float(np.maximum(surfels.triangle_areas, 0).sum())
    down = float(-np.minimum(surfels.triangle_areas[raised], 0).sum())
    return down / up if up > 0 else 0.0


def contact_share(surfels: Surfels, mask: np.ndarray) -> float:
    """Share (0..1) of the item's outline pixels (mask pixels beside a pixel outside it) whose height is
    under a quarter of the item's: where it meets its support. A mound meets it along its near
    outline (a share of about a half); a ball seen from any side shows its equator there, at half
    its height, and meets it nowhere in view. A flat item (its height under half the radius of its
    visible footprint: a tortilla, a steak) counts as meeting it everywhere: its walls are too low
    to tell an equator from a foot."""
    top = float(np.percentile(surfels.heights, 99))
    footprint = float(np.maximum(surfels.triangle_areas, 0).sum())
    if top < 0.5 * np.sqrt(footprint / np.pi):
        return 1.0
    inside = np.zeros((mask.shape[0] + 2, mask.shape[1] + 2), bool)
    inside[1:-1, 1:-1] = mask
    r, c = surfels.rows + 1, surfels.cols + 1
    outline = ~(inside[r - 1, c] & inside[r + 1, c] & inside[r, c - 1] & inside[r, c + 1])
    if not outline.any():
        return 1.0
    return float((surfels.heights[outline] < 0.25 * top).mean())


def _mirrored_in(flat: np.ndarray, surfels: Surfels, covered: np.ndarray, origin: np.ndarray, cell: float,
                 basis: np.ndarray) -> np.ndarray:
    """Whether each plane point (M, 2) lies no farther from the item's apex (the centre of its highest
    points) than the visible footprint reaches on the opposite side (within a cell): the footprint is
    taken as symmetric about the apex, so the shadow a ball casts behind it on the plane is not filled
    as if it were a dome's hidden slope."""
    top = surfels.heights >= APEX_SHARE * surfels.heights.max()
    apex = (surfels.points[top] @ basis.T).mean(axis=0)
    ci, cj = np.nonzero(covered)
    seen = origin + (np.stack([ci, cj], -1) + 0.5) * cell - apex
    reach = np.zeros(_SECTORS)
    np.maximum.at(reach, _sector(seen), np.hypot(seen[:, 0], seen[:, 1]))
    reach = np.maximum(np.maximum(reach, np.roll(reach, 1)), np.roll(reach, -1))
    offset = flat - apex
    opposite = (_sector(offset) + _SECTORS // 2) % _SECTORS
    return np.hypot(offset[:, 0], offset[:, 1]) <= reach[opposite] + cell


def _sector(offset: np.ndarray) -> np.ndarray:
    """Angular sector (0.._SECTORS-1) of plane offsets (M, 2)."""
    angle = np.arctan2(offset[:, 1], offset[:, 0])
    return ((angle + np.pi) / (2 * np.pi) * _SECTORS).astype(int) % _SECTORS


def _fill_fraction(ratio: np.ndarray, foot: np.ndarray, normal: np.ndarray, smoothed: bool = False) -> np.ndarray:
    """Fraction of the carving bound the item fills, from the edge ratio and the ray angle (``smoothed``:
    read on smoothed depth)."""
    cosine = np.abs(foot @ normal) / np.linalg.norm(foot, axis=1)
    angle = np.degrees(np.arccos(np.clip(cosine, 0.0, 1.0)))
    angles, fractions = zip(*TERMINATOR_FILL_BY_ANGLE)
    terminator = np.interp(angle, angles, fractions)
    if smoothed:
        return terminator * np.clip((SMOOTHED_CREASE - ratio) / (SMOOTHED_CREASE - SMOOTHED_TERMINATOR), 0.0, 1.0)
    rising = terminator + (_CLEAR_FILL - terminator) * np.clip((ratio - _TERMINATOR) / (_CLEAR - _TERMINATOR), 0, 1)
    return np.where(ratio <= _CLEAR_END, rising,
                    _CLEAR_FILL * np.clip((_CREASE - ratio) / (_CREASE - _CLEAR_END), 0.0, 1.0))


def _in_mask(u: np.ndarray, v: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Whether image points (u, v) fall in a mask pixel (nearest pixel)."""
    r, c = np.round(v), np.round(u)
    ok = np.isfinite(r) & np.isfinite(c) & (r >= 0) & (c >= 0) & (r < mask.shape[0]) & (c < mask.shape[1])
    out = np.zeros(ok.shape, bool)
    out[ok] = mask[r[ok].astype(int), c[ok].astype(int)]
    return out
