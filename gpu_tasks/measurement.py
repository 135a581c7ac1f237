"""From masks and depth to measured items: the reference objects' scale check, then each item's
volume (ml), area (cm²) and height (cm) on its chosen view with :mod:`pipeline.geometry` (food in a
bowl or cup down to the container's inside), and its 80 % interval (:mod:`gpu_tasks.intervals`).
Pure numpy."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from gpu_tasks import calibration as calib
from gpu_tasks.analysis import AnalysisContext
from gpu_tasks.association import Track
from gpu_tasks.intervals import volume_interval
from gpu_tasks.masks import encode_rle
from gpu_tasks.perception.types import Detection
from pipeline.contracts.detections import Box, Calibration, DetectedItem
from pipeline.geometry import fit_support_plane, measure_item
from pipeline.geometry.container import CONTAINER_PRIORS, WITHIN_RIM_SHARE, container_fill, share_within_rim
from pipeline.geometry.rim import Rim

#: (frame index, label, H×W bool mask) of each plate, bowl or cup segmented in a measured frame.
Reference = tuple[int, str, np.ndarray]


@dataclass(frozen=True)
class Measured:
    """What was measured of one item: volume (ml), area (cm²), height (cm), how, and its plane."""

    volume_ml: float
    area_cm2: float | None
    height_cm: float | None
    method: str
    container: str | None
    plane: list[float]
    pixel_count: int


@dataclass(frozen=True)
class Holder:
    """The plate, bowl or cup an item lies on or in: its kind, fitted rim and mask (H×W bool)."""

    kind: str
    rim: Rim
    mask: np.ndarray


def holder_of(frame_index: int, depth_m: np.ndarray, mask: np.ndarray, context: AnalysisContext,
              references: Sequence[Reference], checks: Sequence[calib.ScaleCheck | None]) -> Holder | None:
    """The smallest fitted plate, bowl or cup of the item's frame whose rim circle holds most of the
    item's points (:func:`pipeline.geometry.container.share_within_rim`), or None."""
    holders = [Holder(calib.reference_kind(label), check.rim, ref_mask)
               for (frame, label, ref_mask), check in zip(references, checks)
               if frame == frame_index and check is not None]
    for holder in sorted(holders, key=lambda h: h.rim.radius_m):
        if share_within_rim(depth_m, mask, context.intrinsics, holder.rim) >= WITHIN_RIM_SHARE:
            return holder
    return None


def measure_one(label: str, depth_m: np.ndarray, mask: np.ndarray, context: AnalysisContext,
                holder: Holder | None, scale: float, warnings: list[str]) -> Measured | None:
    """The item's geometry on depth already scaled by ``scale``, or None with a warning saying why not.
    In a bowl or cup it is measured down to the container's inside; on a plate from the plate's top."""
    try:
        if holder is not None and holder.kind in CONTAINER_PRIORS:
            rim = holder.rim.scaled(scale)
            fill = container_fill(depth_m, mask, context.intrinsics, rim, holder.kind, wall=holder.mask)
            return Measured(fill.volume_ml, None, None, f"container_{holder.kind}", holder.kind,
                            rim.table.as_list(), int(mask.sum()))
        support = holder.mask if holder is not None else None
        plane = fit_support_plane(depth_m, mask, context.intrinsics, support=support)
        geometry = measure_item(depth_m, mask, context.intrinsics, plane=plane, snap=True)
    except ValueError as error:
        warnings.append(f"{label}: no volume: {error}")
        return None
    if not all(np.isfinite([geometry.volume_ml, geometry.area_cm2, geometry.height_cm])):
        warnings.append(f"{label}: no volume: the depth around it gave no finite measure")
        return None
    if geometry.touches_border:
        warnings.append(f"{label} reaches the frame border; its volume may be too small")
    return Measured(geometry.volume_ml, geometry.area_cm2, geometry.height_cm, "depth_integration", None,
                    geometry.plane.as_list(), geometry.pixel_count)


def scale_checks(references: Sequence[Reference], depth_maps: dict[int, np.ndarray], context: AnalysisContext,
                 warnings: list[str]) -> list[calib.ScaleCheck | None]:
    """What each reference says about the depth scale (None: unmeasurable); implausible ones are
    reported, not applied."""
    checks = [calib.check_reference(depth_maps[f], m, context.intrinsics, label) for f, label, m in references]
    for check in checks:
        if check is not None and not check.plausible:
            warnings.append(f"the {check.label} measures {check.measured_cm:.1f} cm against a typical "
                            f"{check.typical_cm:g} cm; its scale correction ({check.factor:.2f}) was not applied")
    return checks


def focal_from_rims(references: Sequence[Reference], depth_maps: dict[int, np.ndarray],
                    context: AnalysisContext) -> tuple[AnalysisContext, float, str | None]:
    """(context, relative spread 1 σ of its focal length, a note saying where it came from). Intrinsics
    from the video's metadata are kept (spread 0); those of the field-of-view prior are replaced by
    what the plates' and bowls' rims imply when they imply a plausible focal length."""
    if context.intrinsics_method != "fov_prior":
        return context, 0.0, None
    checks = [c for c in scale_checks(references, depth_maps, context, []) if c is not None]
    width = max(max(depth.shape) for depth in depth_maps.values()) if depth_maps else 0
    estimate = calib.focal_from_references(checks, context.intrinsics, width)
    if estimate is None:
        return context, calib.FOCAL_PRIOR_SPREAD, None
    intrinsics, spread = estimate
    note = (f"focal length {intrinsics.fx:.0f} px from the rims' ellipses "
            f"(field-of-view prior {context.intrinsics.fx:.0f} px)")
    return dataclasses.replace(context, intrinsics=intrinsics), spread, note


def measure_items(tracks: Sequence[Track], views: dict[str, Detection], masks: dict[str, tuple[int, np.ndarray]],
                  references: Sequence[Reference], depth_maps: dict[int, np.ndarray],
                  context: AnalysisContext) -> tuple[list[DetectedItem], Calibration, list[str]]:
    """Items in the contract's terms, the calibration block, and warnings."""
    warnings: list[str] = []
    context, focal_spread, focal_note = focal_from_rims(references, depth_maps, context)
    checks = scale_checks(references, depth_maps, context, warnings)
    usable = [c for c in checks if c is not None]
    prior_spread = calib.scale_prior_spread(context.depth_scale_spread, focal_spread)
    scale, spread = calib.depth_scale(usable, prior_spread)
    if prior_spread > 0 and not any(c.plausible for c in usable):
        warnings.append("no plate, bowl or cup fixed the depth scale; volumes rely on the depth model's own "
                        f"metric scale (intervals allow for ±{prior_spread:.0%})")
    items: list[DetectedItem] = []
    planes: list[tuple[int, list[float]]] = []
    for track in tracks:
        frame_index, mask = masks[track.id]
        holder = holder_of(frame_index, depth_maps[frame_index], mask, context, references, checks)
        measured = measure_one(f"{track.id} ({track.label})", depth_maps[frame_index] * scale, mask, context,
                               holder, scale, warnings)
        interval = None
        if measured is not None:
            planes.append((measured.pixel_count, measured.plane))
            interval = volume_interval(measured.volume_ml, scale_spread=spread, focal_spread=focal_spread, mask=mask,
                                       container=measured.container is not None)
        x0, y0, x1, y1 = (float(v) for v in views[track.id].box)
        items.append(DetectedItem(
            id=track.id, label=track.label, confidence=round(track.confidence, 4), best_frame=frame_index,
            frames=track.frames, box=Box(x0=x0, y0=y0, x1=x1, y1=y1),
            mask=encode_rle(mask) if mask.any() else None,
            area_cm2=round(measured.area_cm2, 2) if measured and measured.area_cm2 is not None else None,
            height_cm=round(measured.height_cm, 2) if measured and measured.height_cm is not None else None,
            volume_ml=round(measured.volume_ml, 1) if measured else None,
            volume_method=measured.method if measured else None,
            volume_ml_p10=round(interval[0], 1) if interval else None,
            volume_ml_p90=round(interval[1], 1) if interval else None,
            container=measured.container if measured else None,
        ))
    plane = max(planes)[1] if planes else None
    return items, calib.calibration_record(context.intrinsics, context.intrinsics_method, usable, plane,
                                           prior_spread, focal_note), warnings
