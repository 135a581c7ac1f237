"""Pick the keyframes worth analysing: sharp, well exposed and spread over the whole clip.

The clip is cut into ``max_keyframes`` equal time segments; in each, a few evenly spaced candidate
frames are scored by sharpness (variance of the Laplacian of a small grey copy, high for crisp edges,
low under motion blur) weighted by exposure, and the best candidate represents the segment. Segments
whose best is much blurrier than the clip's typical candidate (motion blur while panning) are dropped.
One decoding pass; at most one full-size RGB frame per segment is held in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.errors import ErrorCode, pipeline_error
from pipeline.video.frames import DecodedFrame, iter_raw_frames, to_rgb, to_small_gray

#: A segment's best frame is rejected as blurred below this fraction of the median candidate sharpness.
BLUR_REJECT_RATIO = 0.35


def laplacian_variance(gray: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian of a 2-D grey image (0..255 units squared)."""
    g = np.asarray(gray, dtype=np.float32)
    if g.ndim != 2 or min(g.shape) < 3:
        raise ValueError(f"a 2-D grey image of at least 3×3 pixels is needed, got shape {g.shape}")
    lap = g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1] - 4.0 * g[1:-1, 1:-1]
    return float(lap.var())


def exposure_weight(gray: np.ndarray) -> float:
    """1 for a well exposed frame, falling towards 0 as the mean grey nears black or white."""
    mean = float(np.mean(gray))
    return float(np.clip(min(mean, 255.0 - mean) / 40.0, 0.05, 1.0))


def view_score(gray: np.ndarray) -> float:
    """How good a frame is to measure from: sharpness weighted by exposure."""
    return laplacian_variance(gray) * exposure_weight(gray)


@dataclass
class KeyframeSelection:
    """The chosen frames (time order) and what the selection saw."""

    frames: list[DecodedFrame]
    decoded_frames: int
    candidates: int
    rejected_blurry: int
    scores: dict[int, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Best:
    score: float
    frame: DecodedFrame


def select_keyframes(
    path: Path,
    *,
    max_keyframes: int,
    duration_s: float,
    frame_count: int | None = None,
    fps: float = 30.0,
    max_side: int | None = 1280,
    candidates_per_keyframe: int = 6,
) -> KeyframeSelection:
    """Decode ``path`` once and return up to ``max_keyframes`` sharp frames spread over the clip.

    ``duration_s``, ``frame_count`` and ``fps`` come from the probe and only set the candidate
    spacing and time segments; frames carry their own timestamps (variable frame rate is fine).
    Raises NO_DECODABLE_FRAMES when not one frame decodes.
    """
    if max_keyframes < 1:
        raise ValueError("max_keyframes must be at least 1")
    expected = frame_count or max(1, int(round(duration_s * (fps or 30.0))))
    stride = max(1, expected // (max_keyframes * candidates_per_keyframe))
    span = duration_s if duration_s > 0 else expected / (fps or 30.0)
    warnings: list[str] = []

    def on_error(index: int, message: str) -> None:
        warnings.append(f"decoding stopped after {index} frames (truncated or damaged stream): {message}")

    best: dict[int, _Best] = {}
    scores: dict[int, float] = {}
    decoded = 0
    for raw in iter_raw_frames(path, on_error=on_error):
        decoded += 1
        if raw.index % stride:
            continue
        score = view_score(to_small_gray(raw))
        scores[raw.index] = score
        segment = min(max_keyframes - 1, int(max(raw.time_s, 0.0) / span * max_keyframes)) if span > 0 else 0
        if segment not in best or score > best[segment].score:
            best[segment] = _Best(score, to_rgb(raw, max_side=max_side))
    if decoded == 0:
        detail = f": {warnings[0]}" if warnings else ""
        raise pipeline_error(ErrorCode.NO_DECODABLE_FRAMES, f"no frame of the video could be decoded{detail}")

    threshold = BLUR_REJECT_RATIO * float(np.median(list(scores.values())))
    chosen = [b for _, b in sorted(best.items()) if b.score >= threshold]
    if not chosen:
        chosen = [max(best.values(), key=lambda b: b.score)]
    rejected = len(best) - len(chosen)
    if rejected:
        warnings.append(f"{rejected} of {len(best)} clip segments were too blurred to analyse")
    return KeyframeSelection(
        frames=[b.frame for b in chosen],
        decoded_frames=decoded,
        candidates=len(scores),
        rejected_blurry=rejected,
        scores=scores,
        warnings=warnings,
    )
