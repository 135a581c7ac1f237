"""Throughput of the default perception stack at real size (random weights: the compute is the same).

    python benchmarks/perception.py [--models DIR] [--keyframes 6] [--threshold 0.2] [--device cuda] [--all-frames]

Writes the configured architectures with random weights once (``build.py models random DIR --size
full``, cached under ``.cache/benchmarks/``), makes a synthetic 1280×720 meal clip, and runs the
analysis stages (keyframes, detection, depth, segmentation, geometry, overlays) as the container
does. Random detectors fire everywhere, so every keyframe has items; the default run still segments
and depth-maps only the fewest frames that give every item a good view (as the container does).
``--all-frames`` is the worst case of the measuring stages: every keyframe gets its own depth map
and a mask for each of its detections, as if each item were seen well only in its own frame.
The input sizes used (frames, detector, depth, segmenter) are printed. The last line is
``seconds_per_frame=X peak_rss_mb=Y`` (analysis seconds per analysed keyframe, model loading
excluded and printed separately).
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

from gpu_tasks.analysis import Analysis, AnalysisContext  # noqa: E402
from gpu_tasks.association import associate, choose_views  # noqa: E402
from gpu_tasks.calibration import camera_intrinsics  # noqa: E402
from gpu_tasks.device import compute_dtype, describe, pick_device, use_available_cpus  # noqa: E402
from gpu_tasks.models.layout import Manifest  # noqa: E402
from gpu_tasks.models.loading import load_model_set  # noqa: E402
from gpu_tasks.measurement import measure_items  # noqa: E402
from gpu_tasks.models.random_models import write_random_models  # noqa: E402
from gpu_tasks.overlays import render_overlays  # noqa: E402
from gpu_tasks.perception.transformers_backend import TransformersBackend  # noqa: E402
from gpu_tasks.timing import StageTimer  # noqa: E402
from gpu_tasks.vocabulary import is_reference  # noqa: E402
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


def analyse_every_frame(backend: TransformersBackend, frames: list, context: AnalysisContext,
                        timer: StageTimer) -> Analysis:
    """The backend's stages with depth on every keyframe and a mask for every detection of every
    keyframe (the backend's own per-frame segmentation call); items are then measured from their
    chosen views as usual."""
    by_index = {f.index: f for f in frames}
    with timer.stage("detect"):
        per_frame = backend.detector.detect([f.rgb for f in frames], [f.index for f in frames], context.threshold)
    detections = {f.index: found for f, found in zip(frames, per_frame)}
    tracks = associate(per_frame)
    best = choose_views(tracks, {f.index: f.rgb.shape[:2] for f in frames})
    with timer.stage("depth"):
        depth_maps = dict(zip(by_index, backend.depth.estimate([f.rgb for f in frames], backend.settings.batch_size)))
    every = {f"{d.frame_index}/{k}": d for found in per_frame for k, d in enumerate(found) if not is_reference(d.label)}
    with timer.stage("segment"):
        masks, references = backend._segment(sorted({d.frame_index for d in every.values()}), by_index, every,
                                             detections)
    key_of = {(d.frame_index, tuple(d.box)): key for key, d in every.items()}
    chosen = {item_id: masks[key_of[(d.frame_index, tuple(d.box))]] for item_id, d in best.items()}
    with timer.stage("measure"):
        items, calibration, warnings = measure_items(tracks, best, chosen, references, depth_maps, context)
    return Analysis(items=items, calibration=calibration, models=backend.model_infos(), weights=backend.models.weights,
                    device=describe(backend.models.device), masks=chosen, detections=detections, warnings=warnings)


def input_sizes(backend: TransformersBackend, width: int, height: int) -> str:
    """The sizes each model was fed (pixels; the detector's square side, the depth's shorter side,
    the segmenter's longest side)."""
    return (f"input sizes: frames {width}x{height}, detector {backend.detector.input_px} px square, "
            f"depth {backend.depth.side} px shorter side, segmenter {backend.segmenter.side} px longest side")


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
    parser.add_argument("--all-frames", action="store_true",
                        help="worst case: depth and segmentation on every keyframe, not only the chosen views")
    args = parser.parse_args()
    config = Config()
    device = pick_device(args.device)
    use_available_cpus(device)
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
    context = AnalysisContext(intrinsics, method, args.threshold)  # type: ignore[arg-type]
    analysis = (analyse_every_frame(backend, frames, context, timer) if args.all_frames
                else backend.analyse(frames, context, timer))
    with timer.stage("overlays"):
        render_overlays(frames, analysis)
    if device.type == "cuda":
        torch.cuda.synchronize()
    measured = sorted(frame.index for frame in frames) if args.all_frames else \
        sorted({item.best_frame for item in analysis.items})
    total = sum(timer.timings.get(stage, 0.0) for stage in ANALYSIS_STAGES)
    per_frame = {stage: round(timer.timings.get(stage, 0.0) / len(frames), 3) for stage in ANALYSIS_STAGES}
    print(f"frames {width}x{height}: {len(frames)} keyframes analysed, {len(measured)} segmented and measured, "
          f"{len(analysis.items)} items (random weights)" + ("; --all-frames" if args.all_frames else ""))
    print(input_sizes(backend, width, height))
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
