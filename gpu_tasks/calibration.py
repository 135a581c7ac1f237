"""Metric scale: camera intrinsics from the video's metadata or a field-of-view prior, checked and
corrected against a plate or bowl of known typical size when one is seen.

Pure numpy. Intrinsics are in pixels of the analysed (upright, possibly downscaled) frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from pipeline.contracts.detections import Calibration, Intrinsics as IntrinsicsModel
from pipeline.geometry import Intrinsics

FULL_FRAME_DIAGONAL_MM = 43.267  # a 36×24 mm frame: what "35 mm equivalent" focal lengths refer to
#: Typical rim diameters (cm) of the reference objects the detector looks for.
REFERENCE_DIAMETERS_CM: dict[str, float] = {"plate": 26.0, "bowl": 15.0}
#: A reference only corrects the depth scale when it implies a factor within these bounds.
PLAUSIBLE_CORRECTION = (0.5, 2.0)


def intrinsics_from_fov(width: int, height: int, fov_deg: float) -> Intrinsics:
    """Pinhole intrinsics of a ``width``×``height`` frame whose longer side spans ``fov_deg`` degrees."""
    focal = (max(width, height) / 2.0) / math.tan(math.radians(fov_deg) / 2.0)
    return Intrinsics(focal, focal, (width - 1) / 2.0, (height - 1) / 2.0)


def focal_35mm_from_tags(tags: dict[str, str]) -> float | None:
    """The 35 mm-equivalent focal length (mm) recorded by phones (QuickTime/Android tags), if any."""
    for key, value in tags.items():
        if "focal" in key and "35" in key:
            try:
                focal = float(str(value).split()[0])
            except (ValueError, IndexError):
                continue
            if 8.0 <= focal <= 300.0:
                return focal
    return None


def intrinsics_from_metadata(tags: dict[str, str], width: int, height: int) -> Intrinsics | None:
    """Intrinsics from a recorded 35 mm-equivalent focal length (diagonal convention), or None."""
    focal_mm = focal_35mm_from_tags(tags)
    if focal_mm is None:
        return None
    focal = focal_mm * math.hypot(width, height) / FULL_FRAME_DIAGONAL_MM
    return Intrinsics(focal, focal, (width - 1) / 2.0, (height - 1) / 2.0)


def camera_intrinsics(tags: dict[str, str], width: int, height: int, fov_deg: float) -> tuple[Intrinsics, str]:
    """(intrinsics, method): ``metadata_intrinsics`` when the video records them, else ``fov_prior``."""
    recorded = intrinsics_from_metadata(tags, width, height)
    if recorded is not None:
        return recorded, "metadata_intrinsics"
    return intrinsics_from_fov(width, height, fov_deg), "fov_prior"


def disc_diameter_m(depth_m: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics) -> float | None:
    """Diameter (m) of a round object from its 3-D points: a uniform disc of radius R has variance
    R²/4 along each in-plane axis, so D = 4·sqrt(largest eigenvalue). None for too few points."""
    rows, cols = np.nonzero(mask)
    if len(rows) < 50:
        return None
    rays = intrinsics.rays(cols.astype(float), rows.astype(float))
    points = rays * depth_m[rows, cols][:, None]
    points = points[np.isfinite(points).all(axis=1) & (points[:, 2] > 0)]
    if len(points) < 50:
        return None
    eigenvalues = np.linalg.eigvalsh(np.cov(points.T))
    return float(4.0 * math.sqrt(max(eigenvalues[-1], 0.0)))


@dataclass(frozen=True)
class ScaleCheck:
    """What one reference object says about the depth scale."""

    label: str
    measured_cm: float
    typical_cm: float

    @property
    def factor(self) -> float:
        return self.typical_cm / self.measured_cm

    @property
    def plausible(self) -> bool:
        return PLAUSIBLE_CORRECTION[0] <= self.factor <= PLAUSIBLE_CORRECTION[1]


def check_reference(depth_m: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, label: str) -> ScaleCheck | None:
    """Compare a plate's or bowl's measured diameter with its typical size; None when unmeasurable."""
    diameter = disc_diameter_m(depth_m, mask, intrinsics)
    if diameter is None or diameter <= 0:
        return None
    return ScaleCheck(label, diameter * 100.0, REFERENCE_DIAMETERS_CM[label])


def pixels_per_cm_at_plane(intrinsics: Intrinsics, plane: list[float] | None) -> float | None:
    """Pixels per centimetre where the optical axis meets the supporting ``plane`` (a, b, c, d), if it does."""
    if not plane or abs(plane[2]) < 1e-9:
        return None
    distance_m = -plane[3] / plane[2]
    return float(intrinsics.fx / (distance_m * 100.0)) if distance_m > 0 else None


def depth_scale(checks: list[ScaleCheck]) -> float:
    """Factor to multiply metric depth by: the median of the plausible reference checks, else 1."""
    accepted = [c.factor for c in checks if c.plausible]
    return float(np.median(accepted)) if accepted else 1.0


def calibration_record(intrinsics: Intrinsics, method: str, checks: list[ScaleCheck],
                       plane: list[float] | None) -> Calibration:
    """The ``calibration`` block: intrinsics, method, supporting plane and any reference correction."""
    accepted = [c for c in checks if c.plausible]
    factor = depth_scale(checks)
    reference = None
    if accepted:
        method = "reference_object"
        best = min(accepted, key=lambda c: abs(math.log(c.factor)))
        reference = f"{best.label} {best.typical_cm:g} cm (measured {best.measured_cm:.1f} cm)"
    pixels_per_cm = pixels_per_cm_at_plane(intrinsics, plane)
    return Calibration(
        method=method,  # type: ignore[arg-type]
        intrinsics=IntrinsicsModel(fx=intrinsics.fx, fy=intrinsics.fy, cx=intrinsics.cx, cy=intrinsics.cy),
        pixels_per_cm=pixels_per_cm,
        plane=plane,
        reference=reference,
        scale_correction=factor,
    )
