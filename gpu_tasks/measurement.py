"""From masks and depth to measured items: the reference-object scale check, then each item's
volume (ml), area (cm²) and height (cm) on its chosen view, with :mod:`pipeline.geometry`. Pure numpy."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from gpu_tasks import calibration as calib
from gpu_tasks.analysis import AnalysisContext
from gpu_tasks.association import Track
from gpu_tasks.masks import encode_rle
from gpu_tasks.perception.types import Detection
from pipeline.contracts.detections import Box, Calibration, DetectedItem
from pipeline.geometry import ItemGeometry, measure_item

#: (frame index, label, H×W bool mask) of each plate or bowl segmented in a measured frame.
Reference = tuple[int, str, np.ndarray]


def item_geometry(label: str, depth_m: np.ndarray, mask: np.ndarray, context: AnalysisContext,
                  warnings: list[str]) -> ItemGeometry | None:
    """The item's geometry, or None with a warning saying why it could not be measured."""
    try:
        geometry = measure_item(depth_m, mask, context.intrinsics)
    except ValueError as error:
        warnings.append(f"{label}: no volume: {error}")
        return None
    if not all(np.isfinite([geometry.volume_ml, geometry.area_cm2, geometry.height_cm])):
        warnings.append(f"{label}: no volume: the depth around it gave no finite measure")
        return None
    if geometry.touches_border:
        warnings.append(f"{label} reaches the frame border; its volume may be too small")
    return geometry


def scale_checks(references: Sequence[Reference], depth_maps: dict[int, np.ndarray], context: AnalysisContext,
                 warnings: list[str]) -> list[calib.ScaleCheck]:
    """What each plate or bowl says about the depth scale; implausible ones are reported, not applied."""
    checks = [c for c in (calib.check_reference(depth_maps[f], m, context.intrinsics, label)
                          for f, label, m in references) if c is not None]
    for check in checks:
        if not check.plausible:
            warnings.append(f"the {check.label} measures {check.measured_cm:.1f} cm against a typical "
                            f"{check.typical_cm:g} cm; its scale correction ({check.factor:.2f}) was not applied")
    return checks


def measure_items(tracks: Sequence[Track], views: dict[str, Detection], masks: dict[str, tuple[int, np.ndarray]],
                  references: Sequence[Reference], depth_maps: dict[int, np.ndarray],
                  context: AnalysisContext) -> tuple[list[DetectedItem], Calibration, list[str]]:
    """Items in the contract's terms, the calibration block, and warnings."""
    warnings: list[str] = []
    checks = scale_checks(references, depth_maps, context, warnings)
    scale = calib.depth_scale(checks)
    items: list[DetectedItem] = []
    planes: list[tuple[int, list[float]]] = []
    for track in tracks:
        frame_index, mask = masks[track.id]
        geometry = item_geometry(f"{track.id} ({track.label})", depth_maps[frame_index] * scale, mask, context,
                                 warnings)
        if geometry is not None:
            planes.append((geometry.pixel_count, geometry.plane.as_list()))
        x0, y0, x1, y1 = (float(v) for v in views[track.id].box)
        items.append(DetectedItem(
            id=track.id, label=track.label, confidence=round(track.confidence, 4), best_frame=frame_index,
            frames=track.frames, box=Box(x0=x0, y0=y0, x1=x1, y1=y1),
            mask=encode_rle(mask) if mask.any() else None,
            area_cm2=round(geometry.area_cm2, 2) if geometry else None,
            height_cm=round(geometry.height_cm, 2) if geometry else None,
            volume_ml=round(geometry.volume_ml, 1) if geometry else None,
            volume_method="depth_integration" if geometry else None,
        ))
    plane = max(planes)[1] if planes else None
    return items, calib.calibration_record(context.intrinsics, context.intrinsics_method, checks, plane), warnings
