"""The focal length from a plate's or bowl's rim (pipeline.geometry.focal) on rendered meals: a phone
video without metadata gets its focal length from the rim's ellipse, whatever the depth's scale."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.geometry import Intrinsics, fit_support_plane
from pipeline.geometry.focal import fit_ellipse, focal_from_conic, focal_from_rim
from tests.pipeline.meal_scenes import COLOURS, Bowl, Disc, Table, render_frame
from tests.pipeline.scenes import look_at_camera

PLATE = Disc("plate", "plate", COLOURS["plate"], (0.0, 0.0), 0.132, 0.016, 0.0)
TABLE = Table("table", "table", COLOURS["table"])


def _view(things: tuple, *, hfov: float, tilt: float, distance: float = 0.5, azimuth: float = 30.0):
    camera = look_at_camera(480, 360, hfov_deg=hfov, distance_m=distance, tilt_deg=tilt, azimuth_deg=azimuth,
                            roll_deg=2.0, target=(0.01, -0.01))
    _, depth, ids = render_frame(things, camera)
    return depth.astype(np.float64), ids, camera.fx


def _focal(depth: np.ndarray, mask: np.ndarray, guess: Intrinsics, flat_top: bool = True) -> float | None:
    table = fit_support_plane(depth, mask, guess)
    return focal_from_rim(depth, mask, guess, table, flat_top=flat_top)


def _prior(depth: np.ndarray) -> Intrinsics:
    """What a video without metadata starts from: the 69° field-of-view prior."""
    h, w = depth.shape
    focal = (w / 2) / np.tan(np.radians(69.0) / 2)
    return Intrinsics(focal, focal, (w - 1) / 2, (h - 1) / 2)


@pytest.mark.parametrize("hfov, tilt", [(60.0, 35.0), (75.0, 50.0), (66.0, 60.0)])
def test_plate_rim_gives_the_focal_length_from_a_wrong_prior(hfov: float, tilt: float) -> None:
    depth, ids, truth = _view((TABLE, PLATE), hfov=hfov, tilt=tilt)
    focal = _focal(depth, ids == 2, _prior(depth))
    assert focal == pytest.approx(truth, rel=0.025)
    assert abs(_prior(depth).fx / truth - 1) > 0.04    # the prior alone was off


def test_depth_scale_error_does_not_move_the_focal_length() -> None:
    """A monocular depth 15 % too deep: the plane's vanishing line, hence the focal length, stays."""
    depth, ids, truth = _view((TABLE, PLATE), hfov=62.0, tilt=45.0)
    exact = _focal(depth, ids == 2, _prior(depth))
    scaled = _focal(depth * 1.15, ids == 2, _prior(depth))
    assert exact is not None and scaled == pytest.approx(exact, rel=0.005)
    assert scaled == pytest.approx(truth, rel=0.025)


def test_plate_partly_hidden_by_a_bowl_in_front() -> None:
    """A bowl between the camera and the plate hides part of the rim: the hidden stretch is left out."""
    bowl = Bowl("bowl", "bowl", COLOURS["bowl"], (0.17, 0.0), 0.07, 0.05, 0.004, 0.006, 0.03)
    depth, ids, truth = _view((TABLE, PLATE, bowl), hfov=70.0, tilt=50.0, azimuth=0.0)
    plate = ids == 2
    assert 0.2 < 1 - plate.sum() / (_view((TABLE, PLATE), hfov=70.0, tilt=50.0, azimuth=0.0)[1] == 2).sum()
    assert _focal(depth, plate, _prior(depth)) == pytest.approx(truth, rel=0.03)
    assert _focal(depth, ids == 3, _prior(depth), flat_top=False) == pytest.approx(truth, rel=0.05)


def test_nearly_top_down_view_is_refused() -> None:
    """Seen from above, the ellipse hardly depends on the focal length: no estimate rather than a wild one."""
    depth, ids, _ = _view((TABLE, PLATE), hfov=65.0, tilt=10.0)
    assert _focal(depth, ids == 2, _prior(depth)) is None


def test_ellipse_fit_and_closed_form_on_an_exact_conic() -> None:
    """A circle of radius 0.1 m on the plane z = 0.6 - 0.5 y (camera frame) imaged with f = 500 px."""
    f = 500.0
    normal = np.array([0.0, 0.5, 1.0]) / np.hypot(0.5, 1.0)
    e1 = np.array([1.0, 0.0, 0.0])
    e2 = np.cross(normal, e1)
    centre = np.array([0.02, 0.0, 0.6])
    angle = np.linspace(0, 2 * np.pi, 200, endpoint=False)
    rim = centre + 0.1 * (np.cos(angle)[:, None] * e1 + np.sin(angle)[:, None] * e2)
    pixels = f * rim[:, :2] / rim[:, 2:]
    conic = fit_ellipse(pixels[:120])                 # a partial arc is enough for an exact ellipse
    assert conic is not None
    values = np.einsum("ni,ij,nj->n", np.c_[pixels, np.ones(200)], conic, np.c_[pixels, np.ones(200)])
    assert np.abs(values).max() < 1e-6
    d = -normal @ centre                              # plane n·X + d = 0; 1/z = -(n_x x/f + n_y y/f + n_z)/d
    line = -np.array([normal[0] / f, normal[1] / f, normal[2]]) / d
    assert focal_from_conic(conic, line) == pytest.approx(f, rel=1e-6)
    through_the_ellipse = np.array([0.0, 1.0, -pixels[:, 1].mean()])   # a line it crosses: no circle's horizon
    assert focal_from_conic(conic, through_the_ellipse) is None
