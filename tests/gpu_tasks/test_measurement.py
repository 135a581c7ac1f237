"""Measuring items on ray-cast scenes: exact volumes, the plate's scale correction, warnings."""

from __future__ import annotations

import numpy as np
import pytest

from gpu_tasks.analysis import AnalysisContext
from gpu_tasks.association import Track
from gpu_tasks.measurement import measure_items
from gpu_tasks.perception.types import Detection
from pipeline.geometry import Intrinsics
from tests.pipeline.scenes import Cylinder, look_at_camera, render


def _scene():
    camera = look_at_camera(640, 480, hfov_deg=69.0, distance_m=0.55, tilt_deg=35.0)
    food = Cylinder(radius=0.04, height=0.03, centre=(0.0, 0.0))
    plate = Cylinder(radius=0.13, height=0.002, centre=(0.0, 0.0))
    food_view = render(camera, food)
    plate_view = render(camera, plate, (food,))
    return camera, food, food_view, plate_view.mask | food_view.mask


def _inputs(depth_scale: float, with_plate: bool):
    camera, food, view, plate_mask = _scene()
    depth = np.nan_to_num(view.depth_m, nan=5.0) * depth_scale
    rows, cols = np.nonzero(view.mask)
    box = np.array([cols.min(), rows.min(), cols.max(), rows.max()], float)
    detection = Detection(3, "rice", 0.9, box, np.ones(4) / 2)
    track = Track("item-1", "rice", [Detection(0, "rice", 0.7, box, np.ones(4) / 2), detection])
    context = AnalysisContext(Intrinsics(*camera.intrinsics), "fov_prior", 0.2)
    references = [(3, "plate", plate_mask)] if with_plate else []
    return food, [track], {"item-1": detection}, {"item-1": (3, view.mask)}, references, {3: depth}, context


def test_item_volume_area_and_height_on_a_tilted_view() -> None:
    food, *args = _inputs(1.0, with_plate=False)
    items, calibration, warnings = measure_items(*args)
    [item] = items
    assert item.volume_ml == pytest.approx(food.volume_ml, rel=0.05)
    assert item.height_cm == pytest.approx(3.0, rel=0.1)
    assert item.area_cm2 == pytest.approx(np.pi * 4.0**2, rel=0.1)
    assert (item.best_frame, item.frames, item.volume_method) == (3, [0, 3], "depth_integration")
    assert calibration.method == "fov_prior" and calibration.plane is not None
    assert calibration.pixels_per_cm is not None and calibration.pixels_per_cm > 0
    assert warnings == ["no plate, bowl or cup fixed the depth scale; volumes rely on the depth model's own "
                        "metric scale (intervals allow for ±10%)"]


def test_plate_corrects_a_depth_model_that_reads_too_near() -> None:
    food, *args = _inputs(0.8, with_plate=True)
    items, calibration, _ = measure_items(*args)
    assert calibration.method == "reference_object"
    assert calibration.scale_correction == pytest.approx(1.25 * 26.5 / 26.0, rel=0.05)  # 26 cm plate, 26.5 prior
    assert items[0].volume_ml == pytest.approx(food.volume_ml * (26.5 / 26.0) ** 3, rel=0.08)
    assert items[0].volume_ml_p10 < food.volume_ml < items[0].volume_ml_p90
    uncorrected, _, _ = measure_items(*_inputs(0.8, with_plate=False)[1:])
    assert uncorrected[0].volume_ml == pytest.approx(food.volume_ml * 0.8**3, rel=0.08)


def test_unmeasurable_item_is_kept_without_volume() -> None:
    food, tracks, views, masks, references, depth_maps, context = _inputs(1.0, with_plate=False)
    full = np.ones_like(masks["item-1"][1])
    items, _, warnings = measure_items(tracks, views, {"item-1": (3, full)}, references, depth_maps, context)
    assert items[0].volume_ml is None and items[0].mask is not None
    assert any("no volume" in w for w in warnings)
