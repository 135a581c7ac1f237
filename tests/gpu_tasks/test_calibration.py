"""Scale: intrinsics from metadata or the FOV prior; plate rim diameter; the bounded correction; the record."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gpu_tasks.calibration import (
    calibration_record,
    camera_intrinsics,
    PLAUSIBLE_CORRECTION,
    check_reference,
    depth_scale,
    intrinsics_from_fov,
)
from pipeline.geometry import Intrinsics


def test_fov_prior_spans_the_longer_side() -> None:
    camera = intrinsics_from_fov(1280, 720, 90.0)
    assert camera.fx == pytest.approx(640.0)
    assert (camera.cx, camera.cy) == (639.5, 359.5)
    portrait = intrinsics_from_fov(720, 1280, 90.0)
    assert portrait.fx == pytest.approx(640.0)


def test_metadata_focal_length_wins_over_the_prior() -> None:
    tags = {"com.apple.quicktime.camera.focal_length.35mm_equivalent": "26"}
    camera, method = camera_intrinsics(tags, 1920, 1080, 69.0)
    assert method == "metadata_intrinsics"
    assert camera.fx == pytest.approx(26 * math.hypot(1920, 1080) / 43.267)
    assert camera_intrinsics({}, 1920, 1080, 69.0)[1] == "fov_prior"


def _plate_scene(diameter_m: float, tilt_deg: float, distance_m: float = 0.6):
    """Depth and mask of a flat disc on a table tilted ``tilt_deg`` from facing the camera."""
    width, height = 320, 240
    camera = Intrinsics(300.0, 300.0, 159.5, 119.5)
    v, u = np.mgrid[0:height, 0:width].astype(float)
    rays = np.stack([(u - camera.cx) / camera.fx, (v - camera.cy) / camera.fy, np.ones_like(u)], -1)
    tilt = math.radians(tilt_deg)
    normal = np.array([0.0, -math.sin(tilt), -math.cos(tilt)])  # towards the camera
    centre = np.array([0.0, 0.0, distance_m])
    t = (centre @ normal) / (rays @ normal)
    points = rays * t[..., None]
    mask = np.linalg.norm(points - centre, axis=-1) < diameter_m / 2
    return t, mask, camera


@pytest.mark.parametrize("tilt", [0.0, 35.0, 55.0])
def test_plate_rim_diameter_is_recovered_at_any_tilt(tilt: float) -> None:
    depth, mask, camera = _plate_scene(0.26, tilt)
    check = check_reference(depth, mask, camera, "plate")
    assert check is not None and check.measured_cm == pytest.approx(26.0, rel=0.03)


def test_plate_half_hidden_by_food_does_not_read_wider() -> None:
    """The rim is fitted to the visible outline: food covering the middle and part of the far rim
    changes neither the diameter nor the correction (a point-spread estimate of a ring reads wider)."""
    depth, mask, camera = _plate_scene(0.26, 45.0)
    v, u = np.mgrid[0:mask.shape[0], 0:mask.shape[1]]
    rows, cols = np.nonzero(mask)
    food = np.hypot(u - cols.mean(), (v - rows.min()) * 1.4) < 0.55 * (cols.max() - cols.min())
    hidden = mask & ~food
    assert hidden.sum() < 0.6 * mask.sum()
    check = check_reference(depth, hidden, camera, "plate")
    assert check is not None and check.measured_cm == pytest.approx(26.0, rel=0.03)


def test_plate_prior_cannot_rescale_a_volume_eightfold() -> None:
    """A reference implying a 1.8× depth correction (5.8× in volume) was applied before (bounds
    0.5-2); now corrections are bounded to 0.75-1.33 (at most 2.4× in volume) and it is refused."""
    depth, mask, camera = _plate_scene(0.26, 40.0)
    check = check_reference(depth / 1.8, mask, camera, "plate")
    assert check is not None and check.factor == pytest.approx(1.8 * 26.5 / 26.0, rel=0.03)
    assert not check.plausible
    assert depth_scale([check])[0] == 1.0
    assert PLAUSIBLE_CORRECTION[1] ** 3 < 2.5 and PLAUSIBLE_CORRECTION[0] ** 3 > 0.4


def test_reference_plate_corrects_a_wrong_depth_scale() -> None:
    depth, mask, camera = _plate_scene(0.26, 40.0)
    check = check_reference(depth * 0.8, mask, camera, "plate")  # the model reads 20% too near
    assert check is not None and check.plausible
    assert check.factor == pytest.approx(1.25 * 26.5 / 26.0, rel=0.03)
    record = calibration_record(camera, "fov_prior", [check], plane=[0.0, 0.0, -1.0, 0.6])
    assert record.method == "reference_object"
    assert record.scale_correction == pytest.approx(1.25 * 26.5 / 26.0, rel=0.03)
    assert record.pixels_per_cm == pytest.approx(300.0 / 60.0)
    assert "plate" in record.reference


def test_implausible_reference_is_not_applied() -> None:
    depth, mask, camera = _plate_scene(0.26, 20.0)
    check = check_reference(depth * 0.2, mask, camera, "plate")
    assert check is not None and not check.plausible
    assert depth_scale([check])[0] == 1.0
    assert calibration_record(camera, "fov_prior", [check], plane=None).method == "fov_prior"


def test_exact_depth_is_not_moved_by_a_plate_but_a_guessed_focal_length_is() -> None:
    """Exact depth (a depth sensor, the rendered scene) with known intrinsics: a 25 cm plate against the
    26.5 cm prior moved a perfect volume by +19 % before; now it only checks. With the focal length
    from the field-of-view prior the plate still corrects (a focal error scales sizes like depth)."""
    from gpu_tasks.calibration import FOCAL_PRIOR_SPREAD, scale_prior_spread

    depth, mask, camera = _plate_scene(0.25, 40.0)
    check = check_reference(depth, mask, camera, "plate")
    assert check is not None and check.factor == pytest.approx(26.5 / 25.0, rel=0.02)
    assert depth_scale([check], scale_prior_spread(0.0, focal_spread=0.0)) == (1.0, 0.0)
    factor, spread = depth_scale([check], scale_prior_spread(0.0, focal_spread=FOCAL_PRIOR_SPREAD))
    assert 1.0 < factor < check.factor and 0 < spread < check.spread
