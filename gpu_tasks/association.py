"""One item per food seen in several frames: detections are linked across frames by label and by
appearance (cosine similarity of the detector's box embeddings) or box overlap."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from gpu_tasks.perception.types import Detection, box_iou

MIN_SIMILARITY = 0.8  # cosine similarity of box embeddings that makes two detections one item
MIN_IOU = 0.3  # box overlap (same label) that makes two detections in consecutive views one item
BORDER_MARGIN_PX = 2.0
GOOD_VIEW_TOLERANCE = 0.8  # a view within this fraction of an item's best view quality is good enough


@dataclass
class Track:
    """Every detection of one item, in time order."""

    id: str
    label: str
    detections: list[Detection] = field(default_factory=list)

    @property
    def frames(self) -> list[int]:
        return sorted({d.frame_index for d in self.detections})

    @property
    def confidence(self) -> float:
        return max(d.score for d in self.detections)

    def best(self, frame_sizes: dict[int, tuple[int, int]]) -> Detection:
        """The best view: highest :func:`view_quality`."""
        return max(self.detections, key=lambda d: view_quality(d, frame_sizes[d.frame_index]))


def view_quality(detection: Detection, frame_size: tuple[int, int]) -> float:
    """How good a view is to measure from: the detection score, halved when the frame border cuts the box."""
    height, width = frame_size
    x0, y0, x1, y1 = detection.box
    cut = x0 <= BORDER_MARGIN_PX or y0 <= BORDER_MARGIN_PX or x1 >= width - BORDER_MARGIN_PX or \
        y1 >= height - BORDER_MARGIN_PX
    return detection.score * (0.5 if cut else 1.0)


def choose_views(tracks: Sequence[Track], frame_sizes: dict[int, tuple[int, int]],
                 tolerance: float = GOOD_VIEW_TOLERANCE) -> dict[str, Detection]:
    """The view each item is measured from, using as few frames as possible.

    A view is good when its quality is at least ``tolerance`` × the item's best; frames are picked
    greedily, each covering the most still-unmeasured items with a good view (ties: more quality),
    so a plate filmed from a few angles is segmented and depth-mapped in one or two frames.
    """
    good: dict[str, dict[int, Detection]] = {}
    for track in tracks:
        best = view_quality(track.best(frame_sizes), frame_sizes[track.best(frame_sizes).frame_index])
        good[track.id] = {d.frame_index: d for d in track.detections
                          if view_quality(d, frame_sizes[d.frame_index]) >= tolerance * best}
    chosen: dict[str, Detection] = {}
    uncovered = set(good)
    while uncovered:
        frames = {f for tid in uncovered for f in good[tid]}

        def coverage(frame: int) -> tuple[int, float]:
            views = [good[tid][frame] for tid in uncovered if frame in good[tid]]
            return len(views), sum(view_quality(v, frame_sizes[frame]) for v in views)
        frame = max(sorted(frames), key=coverage)
        for tid in [t for t in uncovered if frame in good[t]]:
            chosen[tid] = good[tid][frame]
            uncovered.discard(tid)
    return chosen


def _affinity(track: Track, detection: Detection) -> float:
    last = track.detections[-1]
    similarity = float(np.dot(last.embedding, detection.embedding))
    overlap = float(box_iou(last.box, detection.box)[0, 0])
    if similarity >= MIN_SIMILARITY or overlap >= MIN_IOU:
        return similarity + overlap
    return -1.0


def associate(per_frame: Sequence[Sequence[Detection]]) -> list[Track]:
    """Group detections (frames in time order) into tracks; each frame adds at most one detection
    per track, best scores first."""
    tracks: list[Track] = []
    for detections in per_frame:
        taken: set[int] = set()
        for detection in sorted(detections, key=lambda d: -d.score):
            candidates = [(i, _affinity(t, detection)) for i, t in enumerate(tracks)
                          if t.label == detection.label and i not in taken]
            candidates = [(i, a) for i, a in candidates if a > 0]
            if candidates:
                index = max(candidates, key=lambda c: c[1])[0]
            else:
                tracks.append(Track(id=f"item-{len(tracks) + 1}", label=detection.label))
                index = len(tracks) - 1
            tracks[index].detections.append(detection)
            taken.add(index)
    return tracks
