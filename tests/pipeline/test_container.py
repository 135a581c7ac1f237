"""Food in bowls and cups is measured down to the container's inside, a liquid from its level."""

from __future__ import annotations

import pytest

from pipeline.geometry import Intrinsics, fit_support_plane
from pipeline.geometry.container import container_fill, is_inside
from pipeline.geometry.rim import fit_rim
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
