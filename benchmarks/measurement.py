"""Volume error of the measurement path on rendered scenes: every scene in SCENES_DIR goes through
``gpu_tasks.analyze`` with the ``scene`` backend (association, calibration, plane, containers,
occlusion, measurement, detections.json), perturbed as a real perception stack would be.

Prints a line per food item (scene, label, truth ml, measured ml, relative error, 80 % interval),
missed and double-counted items, then ``interval_coverage=C`` and last
``items=N volume_error_median=X volume_error_p90=Y`` (absolute relative errors, fractions).

Run: ``.venv/bin/python benchmarks/measurement.py SCENES_DIR [--depth-scale S|LO:HI] [--depth-noise F]
[--mask-px=K|LO:HI (e.g. --mask-px=-2:2)] [--label-flip P] [--intrinsics truth|prior] [--seed N]``. A range draws one value per
scene. Make scenes with ``benchmarks/make_scenes.py``.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gpu_tasks.analyze import run_job  # noqa: E402
from gpu_tasks.job import build_parser, settings_from  # noqa: E402
from gpu_tasks.masks import decode_rle  # noqa: E402
from gpu_tasks.perception.scene_backend import SceneBackend  # noqa: E402
from gpu_tasks.perception.scene_file import load_scene  # noqa: E402
from gpu_tasks.perception.scene_perturbation import Perturbation  # noqa: E402
from gpu_tasks.timing import StageTimer  # noqa: E402


def _draw(spec: str, rng: np.random.Generator, kind: type) -> float:
    """A number, or one drawn uniformly from ``LO:HI`` (integers for ``int``)."""
    if ":" not in spec:
        return kind(spec)
    lo, hi = (kind(x) for x in spec.split(":"))
    return int(rng.integers(lo, hi + 1)) if kind is int else float(rng.uniform(lo, hi))


def measure_scene(path: Path, perturbation: Perturbation, intrinsics: str, max_keyframes: int = 8) -> list[dict]:
    """Run one scene through the entrypoint; per truth food its measured item(s)."""
    scene = load_scene(path)
    with tempfile.TemporaryDirectory(prefix="measure-") as out:
        args = build_parser().parse_args(["--job-id", "bench", "--video-uri", str(path), "--output-uri", out,
                                          "--backend", "scene", "--intrinsics", intrinsics,
                                          "--max-keyframes", str(max_keyframes)])
        with redirect_stdout(io.StringIO()):
            document = run_job(settings_from(args, {}), StageTimer(), lambda s, t: SceneBackend(perturbation))
    found: dict[int, list] = {i.id: [] for i in scene.instances if i.kind == "food"}
    for item in document.items:
        if item.mask is None:
            continue
        ids = scene.instance_masks[item.best_frame][decode_rle(item.mask)]
        ids = ids[ids > 0]
        if len(ids):
            instance = int(np.bincount(ids).argmax())
            if instance in found:
                found[instance].append(item)
    rows = []
    for instance_id, items in found.items():
        truth = scene.instance(instance_id)
        rows.append({"scene": path.stem, "label": truth.label, "truth": truth.volume_ml, "items": items})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes_dir", type=Path)
    parser.add_argument("--depth-scale", default="1", help="global depth factor, or LO:HI drawn per scene")
    parser.add_argument("--depth-noise", type=float, default=0.0, help="Gaussian noise, fraction of depth")
    parser.add_argument("--mask-px", default="0", help="erode (>0) / dilate (<0) masks, or LO:HI drawn per scene")
    parser.add_argument("--label-flip", type=float, default=0.0, help="probability a frame's label flips")
    parser.add_argument("--intrinsics", choices=["truth", "prior"], default="prior")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, help="first N scenes only")
    args = parser.parse_args()
    paths = sorted(args.scenes_dir.glob("*.npz"))[: args.limit]
    if not paths:
        parser.error(f"no .npz scenes in {args.scenes_dir}")
    rng = np.random.default_rng(args.seed)
    errors, covered, missed, doubled = [], [], 0, 0
    for k, path in enumerate(paths):
        perturbation = Perturbation(depth_scale=_draw(args.depth_scale, rng, float),
                                    depth_noise=args.depth_noise, mask_px=int(_draw(args.mask_px, rng, int)),
                                    label_flip=args.label_flip, seed=args.seed * 1000 + k)
        for row in measure_scene(path, perturbation, args.intrinsics):
            items = row["items"]
            if not items:
                missed += 1
                print(f"{row['scene']} {row['label']:16s} truth={row['truth']:7.1f}ml MISSED")
                continue
            if len(items) > 1:
                doubled += 1
            measured = sum(i.volume_ml or 0.0 for i in items)
            error = measured / row["truth"] - 1
            errors.append(error)
            item = items[0]
            interval = ""
            if item.volume_ml_p10 is not None and item.volume_ml_p90 is not None and len(items) == 1:
                inside = item.volume_ml_p10 <= row["truth"] <= item.volume_ml_p90
                covered.append(inside)
                interval = f" 80%=[{item.volume_ml_p10:.1f}, {item.volume_ml_p90:.1f}]{'' if inside else ' OUT'}"
            print(f"{row['scene']} {row['label']:16s} truth={row['truth']:7.1f}ml measured={measured:7.1f}ml "
                  f"error={error:+.3f} depth_scale={perturbation.depth_scale:.3f} mask_px={perturbation.mask_px}"
                  f"{interval}{' COUNTED %dx' % len(items) if len(items) > 1 else ''}")
    e = np.abs(errors) if errors else np.array([np.nan])
    print(f"missed={missed} counted_twice={doubled}")
    print(f"interval_coverage={np.mean(covered) if covered else float('nan'):.3f} intervals={len(covered)}")
    print(f"items={len(errors)} volume_error_median={np.median(e):.4f} volume_error_p90={np.percentile(e, 90):.4f}")


if __name__ == "__main__":
    main()
