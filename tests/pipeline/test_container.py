"""Food in bowls and cups is measured down to the container's inside, a liquid from its level."""

from __future__ import annotations

import pytest

from pipeline.geometry import Intrinsics, fit_support_plane
from pipeline.geometry.container import WITHIN_RIM_SHARE, container_fill, is_inside, share_within_rim
from pipeline.geometry.rim import fit_rim
from pipeline.geometry.windows import dilate
from tests.pipeline.meal_scenes import COLOURS, Bowl, BowlFill, Cup, Liquid, Table, render_frame
from tests.pipeline.scenes import look_at_camera


def _measure(container, food, kind: str, elevation: float) -> float:
    camera = look_at_camera(640, 480, hfov_deg=65.0, distance_m=0.4, tilt_deg=90 - elevation, azimuth_deg=30.0)
    things = (Table("table", "table", COLOURS["table"]), container, food)
    _, depth, ids = render_frame(things, camera)
    intrinsics = Intrinsics(*camera.intrinsics)
    food_mask, container_mask = ids == 3, ids == 2
    assert is_inside(food_mask, container_mask)
    table = fit_support_plane(depth, container_mask | food_mask, intrinsics)
    rim = fit_rim(depth, container_mask, intrinsics, table)
    return container_fill(depth, food_mask, intrinsics, rim, kind).volume_ml


@pytest.mark.parametrize("elevation", [45.0, 65.0])
def test_soup_in_a_bowl_is_measured_to_the_bowl_inside(elevation: float) -> None:
    bowl = Bowl("bowl", "bowl", COLOURS["bowl"], (0.0, 0.0), 0.07, 0.05, 0.0045, 0.007, 0.035)
    soup = BowlFill("soup", "food", COLOURS["soup"], bowl, level=0.007 + 0.03)
    assert _measure(bowl, soup, "bowl", elevation) == pytest.approx(soup.volume_ml, rel=0.1)


def test_milk_in_a_glass_from_its_level() -> None:
    glass = Cup("glass", "cup", COLOURS["glass"], (0.0, 0.0), 0.035, 0.11, 0.003, 0.009)
    milk = Liquid("milk", "food", COLOURS["milk"], glass, level=0.07)
    assert _measure(glass, milk, "cup", 60.0) == pytest.approx(milk.volume_ml, rel=0.1)


def _bowl_view(bowl, food, elevation: float, erode_px: int = 0):
    camera = look_at_camera(640, 480, hfov_deg=65.0, distance_m=0.4, tilt_deg=90 - elevation, azimuth_deg=30.0)
    _, depth, ids = render_frame((Table("table", "table", COLOURS["table"]), bowl, food), camera)
    intrinsics = Intrinsics(*camera.intrinsics)
    food_mask, bowl_mask = ids == 3, ids == 2
    if erode_px:
        food_mask, bowl_mask = (~dilate(~m, erode_px) for m in (food_mask, bowl_mask))
    table = fit_support_plane(depth, bowl_mask | food_mask, intrinsics)
    return depth, food_mask, bowl_mask, intrinsics, fit_rim(depth, bowl_mask, intrinsics, table)


def test_a_bowl_unlike_the_prior_is_measured_from_its_visible_inside() -> None:
    """A thin-based, thick-walled bowl: the prior's 7 mm base and 4.5 mm wall misjudge its inside; the
    inner wall seen above the soup gives it (before: from the prior only)."""
    bowl = Bowl("bowl", "bowl", COLOURS["bowl"], (0.0, 0.0), 0.065, 0.05, 0.006, 0.003, 0.035)
    soup = BowlFill("soup", "food", COLOURS["soup"], bowl, level=0.003 + 0.025)
    depth, food, wall, intrinsics, rim = _bowl_view(bowl, soup, 50.0)
    measured = container_fill(depth, food, intrinsics, rim, "bowl", wall=wall)
    assert measured.interior_measured
    assert measured.volume_ml == pytest.approx(soup.volume_ml, rel=0.04)
    prior_only = container_fill(depth, food, intrinsics, rim, "bowl").volume_ml
    assert abs(prior_only / soup.volume_ml - 1) > abs(measured.volume_ml / soup.volume_ml - 1)


def test_eroded_masks_keep_the_food_inside_its_bowl() -> None:
    """Masks eroded by 2 px no longer touch (the ring test says 'not inside', and the soup was measured
    against the table: 'no supporting surface'); the rim test still holds it."""
    bowl = Bowl("bowl", "bowl", COLOURS["bowl"], (0.0, 0.0), 0.07, 0.05, 0.0045, 0.007, 0.035)
    soup = BowlFill("soup", "food", COLOURS["soup"], bowl, level=0.007 + 0.03)
    depth, food, wall, intrinsics, rim = _bowl_view(bowl, soup, 45.0, erode_px=2)
    assert not is_inside(food, wall)
    assert share_within_rim(depth, food, intrinsics, rim) >= WITHIN_RIM_SHARE
