"""Throughput of the default perception stack at real size (random weights: the compute is the same).

    python benchmarks/perception.py [--models DIR] [--keyframes 6] [--threshold 0.2] [--device cuda]

Writes the configured architectures with random weights once (``build.py models random DIR --size
full``, cached under ``.cache/benchmarks/``), makes a synthetic 1280×720 meal clip, and runs the
analysis stages (keyframes, detection, depth, segmentation, geometry, overlays) as the container
does. Random detectors fire everywhere, so every keyframe ends up measured: this is the worst case.
The last line is ``seconds_per_frame=X peak_rss_mb=Y`` (analysis seconds per analysed keyframe,
model loading excluded and printed separately).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import torch  # noqa: E402

from gpu_tasks.analysis import AnalysisContext  # noqa: E402
from gpu_tasks.calibration import camera_intrinsics  # noqa: E402
from gpu_tasks.device import compute_dtype, pick_device  # noqa: E402
from gpu_tasks.models.layout import Manifest  # noqa: E402
from gpu_tasks.models.loading import load_model_set  # noqa: E402
from gpu_tasks.models.random_models import write_random_models  # noqa: E402
from gpu_tasks.overlays import render_overlays  # noqa: E402
from gpu_tasks.perception.transformers_backend import TransformersBackend  # noqa: E402
from gpu_tasks.timing import StageTimer  # noqa: E402
from pipeline.config import Config  # noqa: E402
from pipeline.video.frames import inspect_video, read_metadata  # noqa: E402
from pipeline.video.keyframes import select_keyframes  # noqa: E402
from pipeline.video.probe import VideoLimits  # noqa: E402
from tests.gpu_tasks.videos import write_meal_video  # noqa: E402

ANALYSIS_STAGES = ("probe", "keyframes", "detect", "depth", "segment", "measure", "overlays")


def ensure_models(folder: Path, config: Config) -> Path:
    """Random real-size models of the configured ids in ``folder`` (written once)."""
    manifests = [Manifest.read(folder / role) for role in ("detector", "segmenter", "depth")]
    wanted = [config.models.detector.id, config.models.segmenter.id, config.models.depth.id]
    if [m.id if m and m.size == "full" else None for m in manifests] != wanted:
        started = time.perf_counter()
        write_random_models(folder, size="full", config=config)
        print(f"wrote random full-size models to {folder} in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def conditions(device: torch.device, dtype: torch.dtype) -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    gpu = f", {torch.cuda.get_device_name(device)}" if device.type == "cuda" else ""
    return (f"device {device}{gpu}, backbone dtype {str(dtype).removeprefix('torch.')}, torch threads "
            f"{torch.get_num_threads()}, cpus {os.cpu_count()}, load average {load}, {platform.processor() or 'cpu'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=REPO / ".cache" / "benchmarks" / "full-random-models")
    parser.add_argument("--keyframes", type=int, default=Config().analysis.max_keyframes)
    parser.add_argument("--seconds", type=float, default=6.0, help="clip length (s)")
    parser.add_argument("--threshold", type=float, default=Config().analysis.detection_threshold)
    parser.add_argument("--device", default=None)
    parser.add_argument("--warmup", type=int, default=None, help="untimed passes first (default: 1 on CUDA, 0 on CPU)")
    args = parser.parse_args()
    config = Config()
    device = pick_device(args.device)
    dtype = compute_dtype(device)
    root = ensure_models(args.models, config)
    timer = StageTimer()
    started = time.perf_counter()
    backend = TransformersBackend(load_model_set(root, config.models, device, dtype))
    load_s = time.perf_counter() - started
    print(f"load_models: {load_s:.2f} s; {conditions(device, dtype)}", flush=True)
    with tempfile.TemporaryDirectory() as workdir:
        video = write_meal_video(Path(workdir) / "meal.mp4", width=1280, height=720, seconds=args.seconds, fps=10)
        limits = VideoLimits(max_bytes=2**31, max_seconds=3600, max_pixels=3840 * 2160)
        warmup = args.warmup if args.warmup is not None else (1 if device.type == "cuda" else 0)
        for _ in range(warmup):
            frames = select_keyframes(video, max_keyframes=2, duration_s=args.seconds, fps=10).frames
            backend.analyse(frames, AnalysisContext(camera_intrinsics({}, 1280, 720, 69.0)[0], "fov_prior",
                                                    args.threshold), StageTimer(open(os.devnull, "w")))
        with timer.stage("probe"):
            probe = inspect_video(video, limits)
            tags = read_metadata(video)
        with timer.stage("keyframes"):
            selection = select_keyframes(video, max_keyframes=args.keyframes, duration_s=probe.duration_s,
                                         frame_count=probe.frame_count, fps=probe.fps)
    frames = selection.frames
    height, width = frames[0].rgb.shape[:2]
    intrinsics, method = camera_intrinsics(tags, width, height, config.analysis.field_of_view_deg)
    analysis = backend.analyse(frames, AnalysisContext(intrinsics, method, args.threshold), timer)  # type: ignore[arg-type]
    with timer.stage("overlays"):
        render_overlays(frames, analysis)
    if device.type == "cuda":
        torch.cuda.synchronize()
    measured = sorted({item.best_frame for item in analysis.items})
    total = sum(timer.timings.get(stage, 0.0) for stage in ANALYSIS_STAGES)
    per_frame = {stage: round(timer.timings.get(stage, 0.0) / len(frames), 3) for stage in ANALYSIS_STAGES}
    print(f"frames {width}x{height}: {len(frames)} keyframes analysed, {len(measured)} segmented and measured, "
          f"{len(analysis.items)} items (random weights)")
    print(f"per analysed frame (s): {per_frame}")
    cpu_total = sum(timer.cpu_timings.get(stage, 0.0) for stage in ANALYSIS_STAGES)
    print(f"analysis total {total:.2f} s wall, {cpu_total:.2f} s process CPU time ({cpu_total / len(frames):.2f} "
          f"CPU-s per frame, {cpu_total / len(frames) / torch.get_num_threads():.2f} s per frame on "
          f"{torch.get_num_threads()} uncontended threads); {conditions(device, dtype)}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"seconds_per_frame={total / len(frames):.3f} peak_rss_mb={peak_mb:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
