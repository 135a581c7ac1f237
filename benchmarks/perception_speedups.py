"""The CPU path's segmentation and depth with this repository's speed-ups on and off, in one process.

    python benchmarks/perception_speedups.py [--models DIR] [--repeats 3] [--boxes 8]

On a shared machine whole runs of ``benchmarks/perception.py`` swing by 2-3x with the load, so this
alternates the two ways of running the same models on the same 6 keyframes (1280×720, real-size random
models) and prints each way's wall and process CPU seconds per repeat, and the best: SAM 2 as the library
runs it, one frame per encoder call (before) against two frames per call with the neck's position
encoding built once and the Hiera encoder without its unused work (now, see
gpu_tasks/perception/sam2_encoder.py); Depth Anything's DPT neck and head in NCHW (before) against
channels-last (now).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from benchmarks.perception import ensure_models  # noqa: E402
from gpu_tasks.device import compute_dtype, use_available_cpus  # noqa: E402
from gpu_tasks.models.loading import load_model_set  # noqa: E402
from gpu_tasks.perception.sam2_encoder import LeanHieraAttention, lean_hiera_encoder  # noqa: E402
from gpu_tasks.perception.transformers_backend import TransformersBackend  # noqa: E402
from pipeline.config import Config  # noqa: E402
from pipeline.video.keyframes import select_keyframes  # noqa: E402
from tests.gpu_tasks.videos import write_meal_video  # noqa: E402


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall s, process CPU s) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


@contextlib.contextmanager
def as_the_library_runs(model: torch.nn.Module) -> Iterator[None]:
    """SAM 2's Hiera encoder and neck as ``transformers`` builds them, then this repository's changes again."""
    neck, backbone = model.vision_encoder.neck, model.vision_encoder.backbone
    memoised = neck.position_encoding
    lean = [m for m in backbone.modules() if isinstance(m, LeanHieraAttention)]
    neck.position_encoding = memoised.inner
    del backbone._get_pos_embed
    for module in lean:
        module.__class__ = LeanHieraAttention.__base__
    try:
        yield
    finally:
        neck.position_encoding = memoised
        lean_hiera_encoder(model)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=REPO / ".cache" / "benchmarks" / "full-random-models")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--boxes", type=int, default=8, help="boxes segmented per keyframe")
    args = parser.parse_args()
    config, device = Config(), torch.device("cpu")
    use_available_cpus(device)
    backend = TransformersBackend(load_model_set(ensure_models(args.models, config), config.models, device,
                                                 compute_dtype(device)))
    with tempfile.TemporaryDirectory() as workdir:
        video = write_meal_video(Path(workdir) / "meal.mp4", width=1280, height=720, seconds=6.0, fps=10)
        frames = [f.rgb for f in select_keyframes(video, max_keyframes=6, duration_s=6.0, fps=10).frames]
    boxes = [np.array([[100 + 20 * i, 100, 400 + 20 * i, 400] for i in range(args.boxes)], np.float32)] * len(frames)
    segmenter, depth = backend.segmenter, backend.depth

    def segment_before() -> None:
        with as_the_library_runs(segmenter.model):
            for frame, frame_boxes in zip(frames, boxes):
                segmenter.segment_frames([frame], [frame_boxes], batch_size=1)

    def depth_in(memory_format: torch.memory_format) -> Callable[[], object]:
        def run() -> object:
            depth.model.neck.to(memory_format=memory_format)
            depth.model.head.to(memory_format=memory_format)
            return depth.estimate(frames, 2)
        return run

    ways = {"segment, before": segment_before,
            "segment, now": lambda: segmenter.segment_frames(frames, boxes, batch_size=2),
            "depth, before (NCHW)": depth_in(torch.contiguous_format),
            "depth, now (channels-last)": depth_in(torch.channels_last)}
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
    for _ in range(args.repeats):
        for name, run in ways.items():
            seen[name].append(timed(run))
    print(f"{len(frames)} keyframes 1280x720, {args.boxes} boxes each, torch threads {torch.get_num_threads()}")
    for name, runs in seen.items():
        listed = ", ".join(f"{wall:.1f}/{cpu:.1f}" for wall, cpu in runs)
        print(f"{name}: wall/CPU s per repeat {listed}; best CPU {min(cpu for _, cpu in runs):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
