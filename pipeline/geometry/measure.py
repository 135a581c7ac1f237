"""Volume (ml), footprint area (cm²) and height (cm) of one item from a metric depth map and its mask.

The supporting surface is a plane fitted robustly to the pixels around the mask; the volume is the
integral of the item's height above that plane over its footprint on it. Works for any view of the
plane (top-down or oblique): each pixel's footprint comes from its corner rays cut by the local
surface and projected onto the plane along its normal. What the camera cannot see (the far side of
a dome) is inferred as described in :mod:`pipeline.geometry.occlusion`. An item that shows an
overhang (the underside of a ball, :func:`pipeline.geometry.occlusion.overhang_share`) rests on the
plane at its foot: its widest section is at half its height and its hidden lower half is taken as the
mirror of its upper half about that section, so its volume is twice the volume above it (a ball's
lower far quarter is never seen, and a column down to the plane under its visible cap would fill the
hollow round its contact point). Anything behind another object cannot be recovered from one view. An item cut by the
image border or by another object is measured as far as it is visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from pipeline.geometry.camera import Intrinsics, validate_inputs
from pipeline.geometry.occlusion import (NO_CONTACT_SHARE, OVERHANG_SHARE, Occluded, contact_share, occluded_fill,
                                        overhang_share)
from pipeline.geometry.outline import snap_outline
from pipeline.geometry.plane import Plane
from pipeline.geometry.plane import fit_support_plane as _fit_plane
from pipeline.geometry.surface import Surfels, build_surfels, denoise_item_depth

#: Percentile of the visible points' heights reported as the item's height (robust maximum).
HEIGHT_PERCENTILE = 99.0
#: Patches lower than this (m) above the plane do not count towards the footprint area.
_MIN_FOOTPRINT_HEIGHT_M = 0.0005

IntrinsicsLike = Sequence[float] | Intrinsics


@dataclass(frozen=True)
class ItemGeometry:
    """Everything measured about one item in one depth frame."""

    volume_ml: float            # visible + occluded, millilitres
    area_cm2: float             # footprint on the supporting plane, cm²
    height_cm: float            # robust maximum height above the plane, cm
    visible_volume_ml: float    # under the surface the camera sees, ml
    occluded_volume_ml: float   # inferred under surface hidden by the item itself, ml
    plane: Plane                # supporting plane, camera frame
    pixel_count: int            # mask pixels
    touches_border: bool        # the mask reaches the image border: the item may be cut off


def fit_support_plane(depth_m: np.ndarray, mask: np.ndarray, intrinsics: IntrinsicsLike,
                      support: np.ndarray | None = None) -> Plane:
    """The plane (camera frame, m) the item in ``mask`` stands on, fitted to the pixels around it
    (those of ``support``, the plate it rests on, when given: see :func:`pipeline.geometry.plane.fit_support_plane`)."""
    depth, item, camera = validate_inputs(depth_m, mask, intrinsics)
    return _fit_plane(depth, item, camera, None if support is None else np.asarray(support, bool))


def measure_item(depth_m: np.ndarray, mask: np.ndarray, intrinsics: IntrinsicsLike,
                 plane: Plane | None = None, snap: bool = False) -> ItemGeometry:
    """Volume, area and height of the item in ``mask`` (H×W bool) from ``depth_m`` (H×W z-depth, m).

    ``intrinsics`` is (fx, fy, cx, cy) in pixels. Pass ``plane`` to reuse a supporting plane (for
    example one fitted once for several items on the same table). ``snap``: fit a mask that may be a
    pixel or two small or large to the item's depth (:func:`pipeline.geometry.outline.snap_outline`;
    for an item on a plate or table, not food against a container's wall). Raises ValueError on bad input or
    when no supporting surface is visible around the item.
    """
    depth, item, camera = validate_inputs(depth_m, mask, intrinsics)
    if plane is None:
        plane = _fit_plane(depth, item, camera)
    if snap:
        item = snap_outline(depth, item, camera, plane)
    smooth = denoise_item_depth(depth, item, camera, plane)
    shape = build_surfels(smooth, item, camera, plane)
    surfels, occluded = _surface_and_hidden(depth, smooth, item, camera, plane, shape)
    visible = surfels.volume_m3()
    volume = visible + occluded.volume_m3
    if overhang_share(shape) > OVERHANG_SHARE or contact_share(shape, item) < NO_CONTACT_SHARE:
        equator = 0.5 * float(np.percentile(shape.heights, HEIGHT_PERCENTILE))
        section = Plane(plane.normal, plane.offset - equator, plane.inlier_rms_m, plane.inlier_fraction, plane.noise_m)
        upper, upper_hidden = _surface_and_hidden(depth, smooth, item, camera, section,
                                                  build_surfels(smooth, item, camera, section), symmetric=True)
        volume = 2 * (upper.volume_m3() + upper_hidden.volume_m3)
    lifted = surfels.corner_heights.mean(axis=2) > max(_MIN_FOOTPRINT_HEIGHT_M, 3 * plane.noise_m)
    area = float(np.maximum(surfels.triangle_areas, 0)[lifted].sum()) + occluded.area_m2
    height = float(np.percentile(np.maximum(surfels.heights, 0), HEIGHT_PERCENTILE))
    border = bool(item[0].any() or item[-1].any() or item[:, 0].any() or item[:, -1].any())
    return ItemGeometry(
        volume_ml=volume * 1e6,
        area_cm2=area * 1e4,
        height_cm=height * 100,
        visible_volume_ml=visible * 1e6,
        occluded_volume_ml=occluded.volume_m3 * 1e6,
        plane=plane,
        pixel_count=int(item.sum()),
        touches_border=border,
    )


def _surface_and_hidden(depth: np.ndarray, smooth: np.ndarray, item: np.ndarray, camera: Intrinsics,
                        plane: Plane, surfels: Surfels, symmetric: bool | None = None) -> tuple[Surfels, Occluded]:
    """The visible surface's patches (``surfels``, built on ``smooth`` over ``plane``) and the inferred
    part hidden behind it. With noisy depth (``smooth`` is not ``depth``) footprints come from the
    smoothed surface and heights from the measured one (the noise averages out; smoothing would
    flatten small domes)."""
    occluded = occluded_fill(surfels, smooth, item, camera, plane, symmetric,
                             smoothed=smooth is not depth and not symmetric)
    if smooth is not depth:
        rows, cols = surfels.rows, surfels.cols
        surfels = surfels.with_heights(plane.height_of(camera.rays(cols, rows) * depth[rows, cols][:, None]))
    return surfels, occluded


def volume_ml(depth_m: np.ndarray, mask: np.ndarray, intrinsics: IntrinsicsLike) -> float:
    """Volume (ml) of the item in ``mask`` above its supporting surface (see :func:`measure_item`)."""
    return measure_item(depth_m, mask, intrinsics).volume_ml


def area_cm2(depth_m: np.ndarray, mask: np.ndarray, intrinsics: IntrinsicsLike) -> float:
    """Footprint area (cm²) of the item on its supporting surface (see :func:`measure_item`)."""
    return measure_item(depth_m, mask, intrinsics).area_cm2


def height_cm(depth_m: np.ndarray, mask: np.ndarray, intrinsics: IntrinsicsLike) -> float:
    """Height (cm, 99th percentile of the visible points) above the supporting surface."""
    return measure_item(depth_m, mask, intrinsics).height_cm
