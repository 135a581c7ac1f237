"""Metric scale: camera intrinsics from the video's metadata or a field-of-view prior, checked and
corrected against plates, bowls and cups of known typical size when they are seen (their rims fitted
to their visible outlines, :mod:`pipeline.geometry.rim`). With no metadata the focal length comes
from the plates' and bowls' rims, whose ellipses only a circle seen with the right focal length
explains (:mod:`pipeline.geometry.focal`), else from the prior. With no reference in view the depth
model's metric scale and the prior's focal length are used as they are, and the items' intervals
widen by their typical errors.

Pure numpy. Intrinsics are in pixels of the analysed (upright, possibly downscaled) frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gpu_tasks.vocabulary import REFERENCE_KINDS
from pipeline.contracts.detections import Calibration, Intrinsics as IntrinsicsModel
from pipeline.geometry import Intrinsics, Plane, fit_support_plane
from pipeline.geometry.focal import focal_from_rim
from pipeline.geometry.rim import Rim, fit_rim

FULL_FRAME_DIAGONAL_MM = 43.267  # a 36×24 mm frame: what "35 mm equivalent" focal lengths refer to


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


@dataclass(frozen=True)
class ReferencePrior:
    """A reference object's typical outer rim diameter (cm) and its relative spread (1 σ)."""

    diameter_cm: float
    spread: float


#: What the calibration compares with: dinner plates are 25-28 cm across (uniform: 26.5 cm ± 3.3 %),
#: bowls 12-17 cm, cups and glasses 6-9 cm. A bowl or a cup alone therefore fixes the scale far
#: less well than a plate; several references are combined by their spreads.
REFERENCE_PRIORS: dict[str, ReferencePrior] = {
    "plate": ReferencePrior(26.5, 0.033),
    "bowl": ReferencePrior(14.5, 0.11),
    "cup": ReferencePrior(7.5, 0.12),
}
#: How far (1 σ, relative) a monocular depth model's metric scale is off when nothing corrects it.
DEPTH_MODEL_SCALE_SPREAD = 0.10
#: How far (1 σ, relative) the field-of-view prior's focal length is off: phones film at 60-75° hFOV
#: where the prior says 69°. A focal error scales every lateral size as a depth-scale error does, so a
#: reference corrects it too (see :func:`scale_prior_spread`).
FOCAL_PRIOR_SPREAD = 0.06


#: How far (1 σ, relative) one rim's focal length is off, by kind: measured on the development scenes
#: (seed 1, 640×480, depth noise 1 %, masks ±2 px): plates 1-3 %, bowls 0.5-7 % (a bowl's rim is
#: thin and a dilated mask blurs it); a cup's rim is too small in the frame to be used.
FOCAL_SPREAD_BY_KIND: dict[str, float] = {"plate": 0.025, "bowl": 0.06}
#: Rims implying a horizontal field of view outside these bounds (degrees) are not believed.
PLAUSIBLE_FOV_DEG = (35.0, 110.0)


def scale_prior_spread(depth_spread: float, focal_spread: float) -> float:
    """Relative spread (1 σ) of the metric scale before any reference: the depth's and the focal
    length's (:data:`FOCAL_PRIOR_SPREAD` from the prior; exact depth with a guessed focal length
    still needs the plate)."""
    return math.hypot(depth_spread, focal_spread)
#: A reference only corrects the depth scale when it implies a factor within these bounds, so no
#: reference can change a volume by more than 1.33³ ≈ 2.4× (or 0.75³ ≈ 0.42×); a depth model off by
#: more than a third, or a reference that is not what it seems, is reported instead of applied.
PLAUSIBLE_CORRECTION = (0.75, 1.33)
#: A rim must be seen over this fraction of its circle to serve as a reference.
MIN_RIM_COVERAGE = 0.3


@dataclass(frozen=True)
class ScaleCheck:
    """What one reference object (its outline fitted as a circle: ``rim``) says about the depth scale."""

    label: str
    measured_cm: float
    typical_cm: float
    spread: float
    rim: Rim
    focal_px: float | None = None   # the focal length (px) the rim's ellipse implies, when measurable

    @property
    def factor(self) -> float:
        return self.typical_cm / self.measured_cm

    @property
    def plausible(self) -> bool:
        return PLAUSIBLE_CORRECTION[0] <= self.factor <= PLAUSIBLE_CORRECTION[1]


def reference_kind(label: str) -> str:
    """'plate', 'bowl' or 'cup' for a reference label (a glass is measured as a cup)."""
    return REFERENCE_KINDS[label]


def check_reference(depth_m: np.ndarray, mask: np.ndarray, intrinsics: Intrinsics, label: str,
                    table: Plane | None = None) -> ScaleCheck | None:
    """Compare a plate's, bowl's or cup's rim diameter (fitted to its visible outline, on the table
    plane fitted around it unless given) with its typical size; None when unmeasurable."""
    if table is None:
        try:
            table = fit_support_plane(depth_m, mask, intrinsics)
        except ValueError:
            return None
    kind = reference_kind(label)
    rim = fit_rim(depth_m, mask, intrinsics, table, flat_top=kind == "plate")
    if rim is None or rim.radius_m <= 0 or rim.coverage < MIN_RIM_COVERAGE:
        return None
    prior = REFERENCE_PRIORS[kind]
    focal = focal_from_rim(depth_m, mask, intrinsics, table, flat_top=kind == "plate") \
        if kind in FOCAL_SPREAD_BY_KIND else None
    return ScaleCheck(label, rim.radius_m * 200.0, prior.diameter_cm, prior.spread, rim, focal)


def focal_from_references(checks: list[ScaleCheck], intrinsics: Intrinsics,
                          width: int) -> tuple[Intrinsics, float] | None:
    """(intrinsics with the focal length the rims imply, its relative spread 1 σ), or None when no
    plate or bowl gave a plausible one. A Gaussian combination in log space by each kind's spread
    (:data:`FOCAL_SPREAD_BY_KIND`), after dropping estimates more than three spreads from the
    weighted median; ``width`` is the frame's longer side (px), for the plausible field of view."""
    low, high = (width / 2 / math.tan(math.radians(fov) / 2) for fov in PLAUSIBLE_FOV_DEG[::-1])
    found = [(math.log(c.focal_px), FOCAL_SPREAD_BY_KIND[reference_kind(c.label)]) for c in checks
             if c.focal_px is not None and low <= c.focal_px <= high]
    if not found:
        return None
    logs, spreads = (np.array(x) for x in zip(*found))
    weights = 1.0 / spreads**2
    order = np.argsort(logs)
    median = logs[order][np.searchsorted(np.cumsum(weights[order]), weights.sum() / 2)]
    keep = np.abs(logs - median) <= 3 * spreads
    focal = float(np.exp((weights[keep] * logs[keep]).sum() / weights[keep].sum()))
    # one scene's rims share their biases (the same outline sampling, the same camera): the spread of
    # the combination is not allowed below half the best single rim's
    spread = max(float(1.0 / np.sqrt(weights[keep].sum())), float(spreads[keep].min()) / 2)
    return Intrinsics(focal, focal, intrinsics.cx, intrinsics.cy), spread


def pixels_per_cm_at_plane(intrinsics: Intrinsics, plane: list[float] | None) -> float | None:
    """Pixels per centimetre where the optical axis meets the supporting ``plane`` (a, b, c, d), if it does."""
    if not plane or abs(plane[2]) < 1e-9:
        return None
    distance_m = -plane[3] / plane[2]
    return float(intrinsics.fx / (distance_m * 100.0)) if distance_m > 0 else None


def depth_scale(checks: list[ScaleCheck], depth_spread: float = DEPTH_MODEL_SCALE_SPREAD) -> tuple[float, float]:
    """(factor to multiply metric depth by, its relative uncertainty 1 σ).

    A Gaussian combination in log space of what the depth source says (factor 1, relative spread
    ``depth_spread``: :data:`DEPTH_MODEL_SCALE_SPREAD` for a monocular model, 0 for an exact depth)
    and what each plausible reference says (its factor, its prior's spread). With exact depth the
    references only check it; with no plausible reference the depth is used as it is.
    """
    if depth_spread <= 0:
        return 1.0, 0.0
    accepted = [c for c in checks if c.plausible]
    weights = np.array([1.0 / depth_spread**2] + [1.0 / c.spread**2 for c in accepted])
    logs = np.array([0.0] + [math.log(c.factor) for c in accepted])
    return float(np.exp((weights * logs).sum() / weights.sum())), float(1.0 / np.sqrt(weights.sum()))


def calibration_record(intrinsics: Intrinsics, method: str, checks: list[ScaleCheck],
                       plane: list[float] | None, depth_spread: float = DEPTH_MODEL_SCALE_SPREAD,
                       focal_note: str | None = None) -> Calibration:
    """The ``calibration`` block: intrinsics, method, supporting plane and any reference correction
    (``focal_note`` says where a focal length measured from the rims came from)."""
    accepted = [c for c in checks if c.plausible]
    factor, _ = depth_scale(checks, depth_spread)
    reference = None
    if accepted:
        reference = "; ".join(f"{c.label} {c.typical_cm:g} cm (measured {c.measured_cm:.1f} cm)" for c in accepted)
        if depth_spread > 0:
            method = "reference_object"
        else:
            reference += "; checked only: the depth is exact"
    if focal_note:
        reference = f"{reference}; {focal_note}" if reference else focal_note
    pixels_per_cm = pixels_per_cm_at_plane(intrinsics, plane)
    return Calibration(
        method=method,  # type: ignore[arg-type]
        intrinsics=IntrinsicsModel(fx=intrinsics.fx, fy=intrinsics.fy, cx=intrinsics.cx, cy=intrinsics.cy),
        pixels_per_cm=pixels_per_cm,
        plane=plane,
        reference=reference,
        scale_correction=factor,
    )
