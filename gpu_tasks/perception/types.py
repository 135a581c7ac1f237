"""What perception produces per frame, before items are associated and measured."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from gpu_tasks.vocabulary import is_reference

CROSS_LABEL_FOOD_IOU = 0.8  # two food boxes under different labels overlapping more than this are one object


@dataclass
class Detection:
    """One box in one frame: ``box`` (x0, y0, x1, y1) in frame pixels, ``score`` 0..1, and a unit
    ``embedding`` of its appearance (the detector's class embedding) used to associate frames."""

    frame_index: int
    label: str
    score: float
    box: np.ndarray
    embedding: np.ndarray

    @property
    def area_px(self) -> float:
        return float(max(0.0, self.box[2] - self.box[0]) * max(0.0, self.box[3] - self.box[1]))


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of every box in ``a`` (N, 4) with every box in ``b`` (M, 4): an (N, M) array."""
    a = np.asarray(a, float).reshape(-1, 4)
    b = np.asarray(b, float).reshape(-1, 4)
    x0 = np.maximum(a[:, None, 0], b[None, :, 0])
    y0 = np.maximum(a[:, None, 1], b[None, :, 1])
    x1 = np.minimum(a[:, None, 2], b[None, :, 2])
    y1 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0)


def suppression_iou(label_a: str, label_b: str, iou: float) -> float:
    """Overlap above which the weaker of two boxes labelled ``label_a`` and ``label_b`` is dropped.

    - the same label: ``iou`` (a duplicate);
    - a container (plate, bowl, cup, glass) and a food: never (food lies inside its container, and
      their boxes can coincide: a full bowl of soup);
    - two containers: ``iou`` (one cup read as "cup" and "glass"; a bowl on a plate overlaps it less);
    - two different foods: ``max(iou, CROSS_LABEL_FOOD_IOU)``, so only nearly the same box is one object
      under two names ("rice" / "fried rice"; association then votes on the name), while a topping or
      a side partly over another food keeps its own box.
    """
    if label_a == label_b:
        return iou
    container_a, container_b = is_reference(label_a), is_reference(label_b)
    if container_a and container_b:
        return iou
    if container_a or container_b:
        return float("inf")
    return max(iou, CROSS_LABEL_FOOD_IOU)


def non_max_suppression(boxes: np.ndarray, scores: np.ndarray, iou: float, limit: int,
                        labels: Sequence[str] | None = None) -> list[int]:
    """Indices of the boxes kept (best first): greedy, dropping a box that overlaps a kept one above
    ``iou``; with ``labels``, above :func:`suppression_iou` of the two labels (class-aware)."""
    order = list(np.argsort(-np.asarray(scores), kind="stable"))
    kept: list[int] = []
    overlaps = box_iou(boxes, boxes)

    def limit_for(a: int, b: int) -> float:
        return iou if labels is None else suppression_iou(labels[a], labels[b], iou)
    for index in order:
        if len(kept) >= limit:
            break
        if all(overlaps[index, k] <= limit_for(index, k) for k in kept):
            kept.append(int(index))
    return kept
