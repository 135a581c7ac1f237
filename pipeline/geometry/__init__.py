"""Portion geometry from metric depth: an item's volume (ml), footprint area (cm²) and height (cm).

Pure numpy. ``depth_m`` is an H×W array of metric z-depth (m, camera frame), ``mask`` an H×W bool
array of the item, ``intrinsics`` (fx, fy, cx, cy) in pixels. Use :func:`measure_item` to get all
three at once (one plane fit); :func:`volume_ml`, :func:`area_cm2` and :func:`height_cm` each
measure from scratch.
"""

from pipeline.geometry.camera import Intrinsics
from pipeline.geometry.measure import (
    ItemGeometry,
    area_cm2,
    fit_support_plane,
    height_cm,
    measure_item,
    volume_ml,
)
from pipeline.geometry.plane import Plane

__all__ = [
    "Intrinsics",
    "ItemGeometry",
    "Plane",
    "area_cm2",
    "fit_support_plane",
    "height_cm",
    "measure_item",
    "volume_ml",
]
