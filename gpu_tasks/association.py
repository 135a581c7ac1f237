"""One item per food seen in several frames, linked by where it is more than by what it is called.

Between keyframes the picture moves (:func:`gpu_tasks.frame_motion.estimate_motion`); every item's box
is carried by that motion, and a detection joins the item whose carried box it overlaps (or whose
appearance, the detector's box embedding, it shares). The label is only a soft cue, since detectors
flip between sibling labels ("rice" / "fried rice"); an item's label is the confidence-weighted vote of
its detections. Plates, bowls, cups and glasses are followed too, as landmarks: their large boxes
anchor the estimate of the picture's motion (an orbit of 40° between keyframes swaps two foods'
places in the picture, and their boxes alone cannot tell a turn from a swap), but a landmark never
joins a food's item and is not returned. The boxes are followed in two views, the picture's and the
plate's, and the grouping whose motions land more boxes is kept. In the plate's view each frame's
picture is stretched vertically about its widest plate or bowl until that round rim's ellipse is a
circle, which undoes the foreshortening of the table, so a turn of the camera around the meal becomes
a turn of the picture (a quarter turn between keyframes moves the foods along the plate's ellipse,
which no turn of the raw picture explains: two piles of rice were joined across frames); the
picture's view keeps a camera turning about its own axis, or an oval plate, as they were. 3-D
positions on the table would be steadier, but depth is computed only after association, on the few
frames chosen to measure from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from gpu_tasks.frame_motion import Motion, scored_motion
from gpu_tasks.perception.types import Detection, box_iou
from gpu_tasks.vocabulary import REFERENCE_KINDS, is_reference

MIN_SIMILARITY = 0.8  # cosine similarity of box embeddings that makes two detections one item
MIN_IOU = 0.3  # overlap of an item's box, carried by the picture's motion, with a detection of the same item
LABEL_BONUS = 0.2  # affinity added when a detection's label is the item's current label (a soft cue)
BORDER_MARGIN_PX = 2.0
GOOD_VIEW_TOLERANCE = 0.8  # a view within this fraction of an item's best view quality is good enough
#: A round rim's box no flatter than this (height / width: seen from above 11.5° elevation) sets the plate's view.
MIN_RIM_ASPECT = 0.2


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


def vote_label(detections: Sequence[Detection]) -> str:
    """The label with the largest summed score (ties: the higher best score, then alphabetical)."""
    weight: dict[str, float] = {}
    for d in detections:
        weight[d.label] = weight.get(d.label, 0.0) + d.score
    best_score = {label: max(d.score for d in detections if d.label == label) for label in weight}
    return min(weight, key=lambda label: (-weight[label], -best_score[label], label))


def in_plate_view(detections: Sequence[Detection]) -> np.ndarray:
    """The detections' boxes (M, 4, px) stretched vertically about the centre of the frame's widest
    plate or bowl box by its width / height, so that its rim's ellipse becomes a circle: positions on
    the table then keep their distances and angles whatever the camera's elevation (up to the
    perspective's change across the meal). Unchanged when no plate or bowl is seen."""
    boxes = np.array([d.box for d in detections], float).reshape(-1, 4)
    rims = [b for d, b in zip(detections, boxes) if REFERENCE_KINDS.get(d.label) in ("plate", "bowl")]
    if not rims:
        return boxes
    x0, y0, x1, y1 = max(rims, key=lambda b: b[2] - b[0])
    aspect = (y1 - y0) / max(x1 - x0, 1e-9)
    if not MIN_RIM_ASPECT <= aspect < 1.0:
        return boxes
    middle = (y0 + y1) / 2
    stretched = boxes.copy()
    stretched[:, [1, 3]] = middle + (boxes[:, [1, 3]] - middle) / aspect
    return stretched


def _affinity(track: Track, carried: np.ndarray, detection: Detection, box: np.ndarray) -> float:
    """How well ``detection`` (``box`` in the plate's view) continues ``track`` (whose box, moved with
    the picture, is ``carried``); negative when neither the overlap nor the appearance is enough, or
    when one is a food and the other a plate, bowl, cup or glass."""
    if is_reference(track.label) != is_reference(detection.label):
        return -1.0
    similarity = float(np.dot(track.detections[-1].embedding, detection.embedding))
    overlap = float(box_iou(carried, box)[0, 0])
    if similarity < MIN_SIMILARITY and overlap < MIN_IOU:
        return -1.0
    return overlap + max(similarity, 0.0) + (LABEL_BONUS if detection.label == track.label else 0.0)


def associate(per_frame: Sequence[Sequence[Detection]]) -> list[Track]:
    """Group detections (frames in time order; foods and the plates, bowls, cups and glasses seen with
    them) into tracks, each frame adding at most one detection per track and each detection joining
    one track (the best affinities first). The boxes are followed in the picture's view and in the
    plate's (:func:`in_plate_view`), and the grouping whose motions landed more boxes is kept (the
    picture's on a tie). A track's label is the vote of its detections. Returns the food tracks only
    (ids ``item-1``... in order of appearance); the others served as landmarks."""
    picture = _associate_in_view(per_frame, _picture_view)
    plate = _associate_in_view(per_frame, in_plate_view)
    tracks = plate[0] if plate[1] > picture[1] else picture[0]
    foods = [t for t in tracks if not is_reference(t.label)]
    for k, track in enumerate(foods, start=1):
        track.id = f"item-{k}"
    return foods


def _picture_view(detections: Sequence[Detection]) -> np.ndarray:
    """The detections' boxes (M, 4, px) as detected."""
    return np.array([d.box for d in detections], float).reshape(-1, 4)


def _associate_in_view(per_frame: Sequence[Sequence[Detection]],
                       view: Callable[[Sequence[Detection]], np.ndarray]) -> tuple[list[Track], float]:
    """Every track (foods and landmarks), boxes compared as ``view`` gives them (M, 4 per frame), and
    the summed score of the picture's motions between frames (:func:`scored_motion`)."""
    tracks: list[Track] = []
    carried: list[np.ndarray] = []  # each track's box, moved into the current frame
    motion, total = Motion(), 0.0
    for detections in per_frame:
        detections = list(detections)
        boxes = view(detections)
        if tracks and detections:
            same = np.array([[t.label == d.label for d in detections] for t in tracks])
            motion, score = scored_motion(np.array(carried), boxes, same, expected=motion)
            total += score
        carried = list(motion.move(np.array(carried).reshape(-1, 4))) if tracks else []
        pairs = [(_affinity(t, carried[i], d, boxes[j]), -d.score, i, j) for i, t in enumerate(tracks)
                 for j, d in enumerate(detections)]
        taken_tracks: set[int] = set()
        joined: dict[int, int] = {}
        for affinity, _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2], p[3])):
            if affinity > 0 and i not in taken_tracks and j not in joined:
                taken_tracks.add(i)
                joined[j] = i
        for j, detection in sorted(enumerate(detections), key=lambda jd: -jd[1].score):
            if j not in joined:
                tracks.append(Track(id=f"item-{len(tracks) + 1}", label=detection.label))
                carried.append(boxes[j])
                joined[j] = len(tracks) - 1
            track = tracks[joined[j]]
            track.detections.append(detection)
            track.label = vote_label(track.detections)
            carried[joined[j]] = boxes[j]
    return tracks, total
