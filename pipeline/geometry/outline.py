"""The item's outline snapped to its depth: a segmentation mask a pixel or two too small.

A mask eroded by a pixel or two (soft edges, a cautious model) cuts the outermost strip off the item:
on a mound seen obliquely that strip is its far slope next to the terminator, so both the visible
volume under it and the hidden volume behind it (:mod:`pipeline.geometry.occlusion`, whose bound and
edge ratio are read at the mask's last pixel) are lost. The depth still shows that strip: pixels just
outside the mask that stand clearly above the supporting plane and continue the item's surface without
a jump in depth belong to it. Up to :data:`OUTLINE_GROWTH_PX` rings of such pixels are added; pixels
of the plane around it (no height) and of anything in front of or behind it (a depth jump) are not.
"""

from __future__ import annotations

import numpy as np

from pipeline.geometry.camera import Intrinsics
from pipeline.geometry.plane import Plane, depth_noise_m

#: Most rings of pixels (px) the outline grows by.
OUTLINE_GROWTH_PX = 2
#: A pixel added must stand this many times the depth noise (and at least _MIN_HEIGHT_M) above the plane.
_HEIGHT_NOISE_FACTOR = 3.0
_MIN_HEIGHT_M = 0.002
#: Largest depth step (in pixel spacings, plus the noise) between an added pixel and its item neighbour:
#: a surface at up to ~70° to the ray, not a jump to something behind or in front.
_STEP_SPACINGS = 3.0
_NEIGHBOURS = ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))


def snap_outline(depth: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, plane: Plane) -> np.ndarray:
    """``mask`` (H×W bool) grown into the adjoining pixels of ``depth`` (z-depth, m) that continue the
    item above ``plane`` (see module doc)."""
    grown = mask.copy()
    h, w = mask.shape
    rows, cols = np.nonzero(mask)
    standing = np.zeros_like(mask)   # item pixels clearly above the plane, which the outline grows from

    spacing = float(np.median(depth[mask])) / np.sqrt(intrinsics.fx * intrinsics.fy)
    noise = depth_noise_m(depth, mask)
    min_height = max(_MIN_HEIGHT_M, _HEIGHT_NOISE_FACTOR * noise)
    max_step = _STEP_SPACINGS * spacing + _HEIGHT_NOISE_FACTOR * np.sqrt(2) * noise
    standing[rows, cols] = plane.height_of(intrinsics.rays(cols, rows) * depth[rows, cols][:, None]) >= min_height
    for _ in range(OUTLINE_GROWTH_PX):
        padded = np.pad(grown, 1)
        near = np.zeros_like(grown)
        for dr, dc in _NEIGHBOURS:
            near |= padded[1 + dr:1 + dr + h, 1 + dc:1 + dc + w]
        rows, cols = np.nonzero(near & ~grown & (depth > 0))
        if not len(rows):
            break
        z = depth[rows, cols]
        height = plane.height_of(intrinsics.rays(cols, rows) * z[:, None])
        joined = np.zeros(len(rows), bool)
        for dr, dc in _NEIGHBOURS:
            r, c = rows + dr, cols + dc
            inside = (r >= 0) & (r < h) & (c >= 0) & (c < w)
            r, c = np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)
            joined |= inside & standing[r, c] & (np.abs(depth[r, c] - z) <= max_step)
        add = joined & (height >= min_height)
        if not add.any():
            break
        grown[rows[add], cols[add]] = True
        standing[rows[add], cols[add]] = True
    return grown
