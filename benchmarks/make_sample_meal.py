"""Render the demo's sample meal: ``samples/sample-meal.npz`` (the scene) and ``samples/sample-meal.mp4``.

Run: ``.venv/bin/python benchmarks/make_sample_meal.py [OUT_DIR]`` (default ``samples/``). Deterministic:
the meal below is fixed and the camera orbit is drawn from :data:`SEED`.

The meal: a 27 cm dinner plate with a mound of rice, a steak and a meatball; a bowl of oatmeal
beside it and a glass of orange juice. Six views orbit it (:func:`tests.pipeline.meal_scenes.orbit_cameras`)
at 640×480 with a 66° horizontal field of view. The MP4 (H.264, yuv420p, 12 fps) shows each view for
:data:`HOLD_S` seconds, as a slideshow of the orbit; its frames are the scene's ``rgb``, so the
``scene`` perception backend can serve the scene's readings for the frames the pipeline picks from it.
It records the camera's 35 mm-equivalent focal length as phones do, so the pipeline takes its
intrinsics from the video's metadata (``metadata_intrinsics``), not from the scene.
Depth is rounded to multiples of
:data:`DEPTH_STEP_M` so that the file compresses (about 1.6 MB instead of 5.5 MB). The scene's ``volume_ml`` holds each food's analytic volume: the truth the demo compares with.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpu_tasks.calibration import FULL_FRAME_DIAGONAL_MM  # noqa: E402
from gpu_tasks.perception.scene_file import Scene, save_scene  # noqa: E402
from tests.pipeline.meal_scenes import (  # noqa: E402
    COLOURS, Blob, Bowl, BowlFill, Cup, Disc, Liquid, Meal, Table, orbit_cameras, render_meal,
)

SEED = 17
RESOLUTION = (640, 480)
VIEWS = 6
HFOV_DEG = 66.0
FPS = 12
HOLD_S = 0.75
DEPTH_STEP_M = 2.0**-16   # 15 µm: each depth is at most 7.6 µm off the ray-cast value
SAMPLE_NAME = "sample-meal"
FOCAL_TAG = "com.apple.quicktime.camera.focal_length.35mm_equivalent"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "samples"


def sample_meal() -> Meal:
    """The fixed meal (metres; z up from the table; see the module doc)."""
    plate_height = 0.015
    plate = Disc("plate", "plate", COLOURS["plate"], (0.0, 0.0), 0.135, plate_height, 0.0)
    rho = (0.05**2 + 0.035**2) / (2 * 0.035)        # a spherical cap 10 cm across, 3.5 cm high
    rice = Blob("rice", "food", COLOURS["rice"], (-0.045, 0.03), (rho, rho, rho), 0.035 - rho, plate_height)
    steak = Blob("steak", "food", COLOURS["steak"], (0.06, 0.03), (0.055, 0.04, 0.016), -0.004, plate_height)
    meatball = Blob("meatballs", "food", COLOURS["meatballs"], (0.01, -0.065), (0.022,) * 3, 0.022, plate_height)
    bowl = Bowl("bowl", "bowl", COLOURS["bowl"], (0.035, 0.235), 0.065, 0.045, 0.004, 0.007, 0.033)
    oatmeal = BowlFill("oatmeal", "food", COLOURS["oatmeal"], bowl, 0.007 + 0.045 * 0.7, 0.0)
    glass = Cup("glass", "cup", COLOURS["glass"], (0.215, -0.09), 0.034, 0.12, 0.003, 0.009)
    juice = Liquid("orange juice", "food", COLOURS["orange juice"], glass, 0.009 + (0.12 - 0.009) * 0.7)
    things = (Table("table", "table", COLOURS["table"]), plate, rice, steak, meatball, bowl, oatmeal, glass, juice)
    footprints = [(plate.centre, plate.radius), (bowl.centre, bowl.rim_radius + bowl.wall), (glass.centre, glass.radius)]
    centre = np.mean([c for c, _ in footprints], axis=0)
    radius = max(float(np.hypot(*(np.subtract(c, centre)))) + r for c, r in footprints)
    return Meal(things, centre=(float(centre[0]), float(centre[1])), radius=radius)


def render_sample() -> Scene:
    """The meal filmed by the orbit; depth rounded to :data:`DEPTH_STEP_M` (the file is 3.5x smaller)."""
    meal = sample_meal()
    cameras = orbit_cameras(np.random.default_rng(SEED), meal, resolution=RESOLUTION, frames=VIEWS,
                            hfov_deg=HFOV_DEG)
    scene = render_meal(meal, cameras)
    depth = (np.round(scene.depth_m / DEPTH_STEP_M) * DEPTH_STEP_M).astype(np.float32)
    return dataclasses.replace(scene, depth_m=depth)


def focal_35mm(scene: Scene) -> float:
    """The camera's 35 mm-equivalent focal length (mm, diagonal convention), as a phone records it."""
    height, width = scene.rgb.shape[1:3]
    return float(scene.intrinsics[0, 0, 0]) * FULL_FRAME_DIAGONAL_MM / math.hypot(width, height)


def write_video(path: Path, scene: Scene) -> None:
    """H.264 MP4 (yuv420p, any player opens it) holding each frame of the scene for :data:`HOLD_S` s,
    with the camera's focal length in the QuickTime tag phones write (:data:`FOCAL_TAG`)."""
    rgb = scene.rgb
    height, width = rgb.shape[1:3]
    with av.open(str(path), mode="w", options={"movflags": "use_metadata_tags"}) as container:
        container.metadata[FOCAL_TAG] = f"{focal_35mm(scene):.3f}"
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "18", "preset": "medium"}
        for image in rgb:
            for _ in range(round(HOLD_S * FPS)):
                for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                    container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?", default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    scene = render_sample()
    save_scene(args.out_dir / f"{SAMPLE_NAME}.npz", scene)
    write_video(args.out_dir / f"{SAMPLE_NAME}.mp4", scene)
    for instance in scene.instances:
        if instance.kind == "food":
            print(f"{instance.label}: {instance.volume_ml:.1f} ml")
    for suffix in (".npz", ".mp4"):
        path = args.out_dir / f"{SAMPLE_NAME}{suffix}"
        print(f"wrote {path.name} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
