"""Render random meals into scene files (``scene-<seed>-<k>.npz``) for ``benchmarks/measurement.py``.

Run: ``.venv/bin/python benchmarks/make_scenes.py OUT_DIR --seed S [--count N] [--resolution WxH]
[--frames N] [--turn DEG]``. Without ``--resolution`` each scene draws 640×480, 1280×720 or 1920×1080;
without ``--turn`` the views spread over 90-240° of the orbit, with it the camera turns DEG degrees
between consecutive views (``--frames 4 --turn 90``: keyframes a quarter turn apart).
Seeds: 1-5 are the development set (tuned on; a low-resolution copy of three seed-1 scenes is
committed in tests/data/scenes), 7 and 23 are held out (never tuned on).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpu_tasks.perception.scene_file import save_scene  # noqa: E402
from tests.pipeline.meal_scenes import random_scene  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--resolution", help="WxH, e.g. 640x480 (default: drawn per scene)")
    parser.add_argument("--frames", type=int, help="frames per scene (default: drawn, 4-8)")
    parser.add_argument("--turn", type=float, help="degrees the camera turns between consecutive views "
                        "(default: the views spread over 90-240 degrees)")
    args = parser.parse_args()
    resolution = tuple(int(x) for x in args.resolution.lower().split("x")) if args.resolution else None
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for k in range(args.count):
        rng = np.random.default_rng([args.seed, k])
        scene = random_scene(rng, resolution=resolution, frames=args.frames,  # type: ignore[arg-type]
                             turn_deg=args.turn)
        path = args.out_dir / f"scene-{args.seed}-{k:03d}.npz"
        save_scene(path, scene)
        foods = [f"{i.label} {i.volume_ml:.0f} ml" for i in scene.instances if i.kind == "food"]
        print(f"{path.name}: {scene.frame_count} frames {scene.rgb.shape[2]}x{scene.rgb.shape[1]}; {', '.join(foods)}")


if __name__ == "__main__":
    main()
