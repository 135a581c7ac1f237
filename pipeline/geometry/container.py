"""Food inside a bowl, cup or glass: measured down to the container's inside, not from the rim.

Pure numpy. The rim is seen (:mod:`pipeline.geometry.rim`); the inside below it is not, so its shape
comes from a prior per kind (:data:`CONTAINER_PRIORS`): a bowl's inside is a spherical cap whose
radius is the rim's less half a wall and whose depth is the rim's height above the table less the
base; a cup's or glass's inside is a cylinder of the same kind. Where the inner wall shows above
the food (the container's pixels inside its rim), the inside is measured instead
(:func:`fit_interior`): a sphere about the rim's axis for a bowl (its radius and lowest point), the
wall's distance from the axis for a cup (its base stays the prior's). The food's level is the median
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
    interior_measured: bool = False


@dataclass(frozen=True)
class Interior:
    """A container's inside: ``shape``, its radius at the rim (m), its lowest point (``bottom_m``, m
    above the table), for a cap its sphere's radius (m), and whether it was ``measured`` or is the prior."""

    shape: Literal["cap", "cylinder"]
    radius_m: float
    bottom_m: float
    sphere_m: float
    measured: bool

    def volume_below_ml(self, level_m: float, top_m: float) -> float:
        """Volume (ml) of the inside below ``level_m`` (m above the table), up to ``top_m`` (the rim)."""
        y = float(np.clip(level_m, self.bottom_m, top_m) - self.bottom_m)
        if self.shape == "cylinder":
            return math.pi * self.radius_m**2 * y * 1e6
        y = min(y, self.sphere_m)
        return math.pi * y * y * (3 * self.sphere_m - y) / 3 * 1e6


def prior_interior(rim: Rim, prior: ContainerPrior) -> Interior:
    """The inside the prior gives for ``rim``: radius the rim's less half a wall, base the prior's."""
    radius = max(rim.radius_m - prior.wall_m / 2, 1e-4)
    depth = max(rim.height_m - prior.base_m, 1e-4)
    return Interior(prior.shape, radius, prior.base_m, (radius**2 + depth**2) / (2 * depth), False)


#: Inner-wall points are taken this far (m, at least) above the food's level and below the rim.
_WALL_MARGIN_M = 0.003
_MIN_WALL_POINTS = 40


def fit_interior(depth_m: np.ndarray, wall: np.ndarray, intrinsics: Intrinsics, rim: Rim, prior: ContainerPrior,
                 level_m: float) -> Interior:
    """The inside measured from the inner wall seen between the food's level and the rim (the
    container's pixels ``wall`` whose points lie inside the rim), else :func:`prior_interior`.

    Bowl: a sphere centred on the rim's axis, r² + z² = 2cz + k fitted by least squares (twice, the
    second time without the worst residuals); its lowest point must lie between the table and the
    level. Cup: the median distance of the wall points from the axis; the base is the prior's.
    """
    fallback = prior_interior(rim, prior)
    table = rim.table
    valid = wall & (depth_m > 0)
    rows, cols = np.nonzero(valid)
    if len(rows) < _MIN_WALL_POINTS:
        return fallback
    smooth = denoise_item_depth(depth_m, valid, intrinsics, table)
    points = intrinsics.rays(cols, rows) * smooth[rows, cols][:, None]
    z = table.height_of(points)
    offset = (points - rim.centre) @ table.basis().T
    r = np.hypot(offset[:, 0], offset[:, 1])
    margin = max(_WALL_MARGIN_M, 3 * table.noise_m)
    pick = (r < rim.radius_m - prior.wall_m / 2) & (z > level_m + margin) & (z < rim.height_m - margin)
    if pick.sum() < _MIN_WALL_POINTS:
        return fallback
    r, z = r[pick], z[pick]
    if prior.shape == "cylinder":
        return Interior("cylinder", float(np.median(r)), prior.base_m, 0.0, True)
    a = np.column_stack([2 * z, np.ones_like(z)])
    keep = np.ones(len(z), bool)
    for _ in range(2):
        (c, k), *_ = np.linalg.lstsq(a[keep], (r * r + z * z)[keep], rcond=None)
        residual = np.abs(np.sqrt(np.maximum(r * r + (z - c) ** 2, 0)) - np.sqrt(max(k + c * c, 0)))
        keep = residual <= np.percentile(residual, 80)
    sphere = math.sqrt(max(k + c * c, 0.0))
    bottom = c - sphere
    radius = math.sqrt(max(sphere**2 - (rim.height_m - c) ** 2, 0.0))
    # a fit that contradicts what is seen (its lowest point off the table or above the food, or its
    # radius at the rim not within a wall of the rim's) came from too little or too noisy a wall
    wall_slack = prior.wall_m + 3 * table.noise_m
    if not (0.0 <= bottom < level_m) or not (rim.radius_m - 2 * wall_slack <= radius <= rim.radius_m):
        return fallback
    return Interior("cap", radius, float(bottom), sphere, True)


def inside_volume_ml(rim: Rim, prior: ContainerPrior, level_m: float) -> float:
    """Volume (ml) of the prior's inside (:func:`prior_interior`) below ``level_m`` (m above the table)."""
    return prior_interior(rim, prior).volume_below_ml(level_m, rim.height_m)


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
                   kind: str, wall: np.ndarray | None = None) -> ContainerFill:
    """The volume of the food in ``food`` (H×W bool) inside the container with ``rim`` (see module doc);
    ``wall`` (H×W bool), the container's own pixels, lets the inside be measured where it shows."""
    prior = CONTAINER_PRIORS[kind]
    table = rim.table
    valid = food & (depth_m > 0)
    smooth = denoise_item_depth(depth_m, valid, intrinsics, table)
    outline = valid & dilate(~valid, _OUTLINE_PX)
    rows, cols = np.nonzero(outline if outline.sum() >= 10 else valid)
    heights = table.height_of(intrinsics.rays(cols, rows) * smooth[rows, cols][:, None])
    level = float(np.clip(np.median(heights), 0.0, rim.height_m))
    interior = prior_interior(rim, prior) if wall is None else fit_interior(depth_m, wall, intrinsics, rim, prior, level)
    below = interior.volume_below_ml(level, rim.height_m)
    level_plane = Plane(table.normal, table.offset - level, table.inlier_rms_m, table.inlier_fraction, table.noise_m)
    try:
        above = measure_item(depth_m, valid, intrinsics, plane=level_plane).volume_ml
    except ValueError:
        above = 0.0
    return ContainerFill(below + above, level, below, above, interior.measured)
