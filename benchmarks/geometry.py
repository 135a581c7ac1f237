"""Volume error of pipeline.geometry on ray-cast synthetic scenes with exact volumes.

Scenes: boxes, cylinders, spherical caps and half-ellipsoids of 20-1000 ml, seen from 0.3-1.0 m at
0-45° from top-down, at 320×240, 640×480 and 1280×720, a quarter of them with another object next
to the item (in the ring the supporting plane is fitted to). Prints a line per scene, per-shape
summaries and, last, ``volume_error_median=… volume_error_worst=… scenes=N`` (absolute relative
errors). Run: ``.venv/bin/python benchmarks/geometry.py [--per-shape N] [--seed S] [--noise-mm X]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.geometry import measure_item  # noqa: E402
from tests.pipeline.scenes import RESOLUTIONS, SHAPES, random_scene  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-shape", type=int, default=12, help="scenes per shape (default 12)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--noise-mm", type=float, default=0.0, help="Gaussian depth noise, mm (default 0)")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    errors: dict[str, list[float]] = {shape: [] for shape in SHAPES}
    seconds: list[float] = []
    for shape in SHAPES:
        for k in range(args.per_shape):
            resolution = RESOLUTIONS[k % len(RESOLUTIONS)]
            scene = random_scene(rng, shape, resolution=resolution, distractor=k % 4 == 3,
                                 noise_m=args.noise_mm / 1000)
            start = time.perf_counter()
            result = measure_item(scene.depth_m, scene.mask, scene.intrinsics)
            seconds.append(time.perf_counter() - start)
            error = result.volume_ml / scene.true_volume_ml - 1
            errors[shape].append(error)
            tilt = np.degrees(np.arccos(-scene.camera.rotation[2, 2]))
            print(f"{shape:15s} {resolution[0]:4d}x{resolution[1]:<4d} tilt={tilt:4.1f}° "
                  f"camera_height={scene.camera.position[2]:.2f}m pixels={result.pixel_count:6d} "
                  f"true={scene.true_volume_ml:7.1f}ml est={result.volume_ml:7.1f}ml "
                  f"(occluded {result.occluded_volume_ml:5.1f}) error={error:+.4f}"
                  f"{' +distractor' if scene.others else ''}")
    print()
    for shape, values in errors.items():
        e = np.abs(values)
        print(f"{shape:15s} n={len(e):3d} median={np.median(e):.4f} worst={e.max():.4f} bias={np.median(values):+.4f}")
    every = np.abs(np.concatenate([np.asarray(v) for v in errors.values()]))
    print(f"seconds_per_item_median={np.median(seconds):.3f} seconds_per_item_max={max(seconds):.3f}")
    print(f"volume_error_median={np.median(every):.4f} volume_error_worst={every.max():.4f} scenes={len(every)}")


if __name__ == "__main__":
    main()
