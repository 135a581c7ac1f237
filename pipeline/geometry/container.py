"""Food inside a bowl, cup or glass: measured down to the container's inside, not from the rim.

Pure numpy. The rim is seen (:mod:`pipeline.geometry.rim`); the inside below it is not, so its shape
comes from a prior per kind (:data:`CONTAINER_PRIORS`): a bowl's inside is a spherical cap whose
radius is the rim's less half a wall and whose depth is the rim's height above the table less the
base; a cup's or glass's inside is a cylinder of the same kind. The food's level is the median
height of its pixels along its outline (where it meets the wall: a liquid's surface, a mound's
foot); the volume is the inside below that level plus whatever stands above it (integrated over the
food's visible surface with :func:`pipeline.geometry.measure_item` against the level plane).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from pipeline.geometry.camera import Intrinsics
from pipeline.geometry.measure import measure_item
from pipeline.geometry.plane import Plane
from pipeline.geometry.rim import Rim
from pipeline.geometry.surface import denoise_item_depth
from pipeline.geometry.windows import dilate


@dataclass(frozen=True)
class ContainerPrior:
    """The unseen inside of a container kind: ``shape``, wall thickness at the rim (m) and the base's
    thickness under the inside (m). Typical tableware: ceramic bowls 3-6 mm walls and 4-10 mm bases,
    cups and glasses 2.5-4 mm walls and 6-12 mm bases."""

    shape: Literal["cap", "cylinder"]
    wall_m: float
    base_m: float


CONTAINER_PRIORS: dict[str, ContainerPrior] = {
    "bowl": ContainerPrior("cap", wall_m=0.0045, base_m=0.007),
    "cup": ContainerPrior("cylinder", wall_m=0.003, base_m=0.009),
}
#: Pixels of the food's outline whose heights give its level.
_OUTLINE_PX = 3


@dataclass(frozen=True)
class ContainerFill:
    """Food in a container: ``volume_ml`` (inside below the level + above it), the level (m above the
    table) and the two parts (ml)."""

    volume_ml: float
    level_m: float
    below_level_ml: float
    above_level_ml: float


def inside_volume_ml(rim: Rim, prior: ContainerPrior, level_m: float) -> float:
    """Volume (ml) of the container's inside below ``level_m`` (m above the table)."""
    radius = max(rim.radius_m - prior.wall_m / 2, 1e-4)
    depth = max(rim.height_m - prior.base_m, 1e-4)
    y = float(np.clip(level_m - prior.base_m, 0.0, depth))
    if prior.shape == "cylinder":
        return math.pi * radius**2 * y * 1e6
    rho = (radius**2 + depth**2) / (2 * depth)
    return math.pi * y * y * (3 * rho - y) / 3 * 1e6


def is_inside(food: np.ndarray, container: np.ndarray, ring_px: int = 3) -> bool:
    """Whether most of the ring just around ``food`` belongs to ``container`` (or the food is within it)."""
    ring = dilate(food, ring_px) & ~food
    return bool(ring.any()) and float((container[ring]).mean()) >= 0.5


#: Share of an item's points that must lie within a rim for the item to be inside it.
WITHIN_RIM_SHARE = 0.8


def share_within_rim(depth_m: np.ndarray, food: np.ndarray, intrinsics: Intrinsics, rim: Rim) -> float:
    """Share (0..1) of the item's points (``food``: H×W bool, ``depth_m`` in m) that lie within the rim's
    circle seen from above (laid onto its table plane). Unlike :func:`is_inside` it needs no contact
    between the two masks, so an eroded food mask inside an eroded bowl mask still counts as inside."""
    rows, cols = np.nonzero(food & (depth_m > 0))
    if not len(rows):
        return 0.0
    points = intrinsics.rays(cols, rows) * depth_m[rows, cols][:, None]
    basis = rim.table.basis()
    offset = (points - rim.centre) @ basis.T
    return float((np.hypot(offset[:, 0], offset[:, 1]) <= rim.radius_m).mean())


def container_fill(depth_m: np.ndarray, food: np.ndarray, intrinsics: Intrinsics, rim: Rim,
                   kind: str) -> ContainerFill:
    """The volume of the food in ``food`` (H×W bool) inside the container with ``rim`` (see module doc)."""
    prior = CONTAINER_PRIORS[kind]
    table = rim.table
    valid = food & (depth_m > 0)
    smooth = denoise_item_depth(depth_m, valid, intrinsics, table)
    outline = valid & dilate(~valid, _OUTLINE_PX)
    rows, cols = np.nonzero(outline if outline.sum() >= 10 else valid)
    heights = table.height_of(intrinsics.rays(cols, rows) * smooth[rows, cols][:, None])
    level = float(np.clip(np.median(heights), 0.0, rim.height_m))
    below = inside_volume_ml(rim, prior, level)
    level_plane = Plane(table.normal, table.offset - level, table.inlier_rms_m, table.inlier_fraction, table.noise_m)
    try:
        above = measure_item(depth_m, valid, intrinsics, plane=level_plane).volume_ml
    except ValueError:
        above = 0.0
    return ContainerFill(below + above, level, below, above)
