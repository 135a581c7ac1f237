"""How the picture moved between two keyframes, estimated from the boxes alone (pixels).

A phone orbiting a plate turns, zooms and shifts the picture; between two keyframes that is close to
a 2-D similarity (rotation, scale, shift) about the plate. It is estimated from the boxes, not their
labels, so that "rice" in one frame and "fried rice" in the next can still be recognised as one item
by where it is. Every hypothesis comes from one or two box correspondences and is scored by how many
boxes it lands on one another.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

import numpy as np

MIN_SUPPORT_IOU = 0.3  # a moved box that overlaps a box of the next frame this much supports the motion
MIN_SUPPORT = 2  # boxes that must agree before anything but "no motion" is believed
SCALE_RANGE = (0.5, 2.0)  # zoom between keyframes beyond which a hypothesis is rejected
DIFFERENT_LABEL_WEIGHT = 0.5  # a match between different labels counts half while scoring (labels flip)
TURN_PENALTY = 0.5  # score lost per radian that a hypothesis turns away from the expected motion (orbits turn steadily)


@dataclass(frozen=True)
class Motion:
    """``z -> a z + b`` on pixel positions as complex numbers ``x + i y``: ``|a|`` the zoom, ``arg a``
    the rotation, ``b`` the shift (px). Boxes move by their centre and scale by ``|a|``."""

    a: complex = 1 + 0j
    b: complex = 0j

    def move(self, boxes: np.ndarray) -> np.ndarray:
        """(N, 4) x0, y0, x1, y1 boxes moved (axis-aligned: a turned round item keeps its box size)."""
        boxes = np.asarray(boxes, float).reshape(-1, 4)
        centre = self.a * _centres(boxes) + self.b
        half = abs(self.a) * (boxes[:, 2:] - boxes[:, :2]) / 2
        return np.stack([centre.real - half[:, 0], centre.imag - half[:, 1],
                         centre.real + half[:, 0], centre.imag + half[:, 1]], axis=1)


def _centres(boxes: np.ndarray) -> np.ndarray:
    return (boxes[:, 0] + boxes[:, 2]) / 2 + 1j * (boxes[:, 1] + boxes[:, 3]) / 2


def _hypotheses(before: np.ndarray, after: np.ndarray, expected: Motion) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of no motion, the ``expected`` one, every shift from one correspondence and every
    similarity from two."""
    p, q = _centres(before), _centres(after)
    a_list, b_list = [1 + 0j, expected.a], [0j, expected.b]
    for i in range(len(p)):
        for j in range(len(q)):
            a_list.append(1 + 0j)
            b_list.append(q[j] - p[i])
    for i1, i2 in permutations(range(len(p)), 2):
        if i1 > i2 or p[i1] == p[i2]:
            continue
        for j1, j2 in permutations(range(len(q)), 2):
            a = (q[j2] - q[j1]) / (p[i2] - p[i1])
            if SCALE_RANGE[0] <= abs(a) <= SCALE_RANGE[1]:
                a_list.append(a)
                b_list.append(q[j1] - a * p[i1])
    return np.array(a_list), np.array(b_list)


def _moved_iou(before: np.ndarray, after: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(H, N, M) IoU of each ``before`` box under each hypothesis with each ``after`` box."""
    centre = a[:, None] * _centres(before)[None] + b[:, None]
    half = np.abs(a)[:, None, None] * (before[None, :, 2:] - before[None, :, :2]) / 2
    moved = np.stack([centre.real - half[..., 0], centre.imag - half[..., 1],
                      centre.real + half[..., 0], centre.imag + half[..., 1]], axis=-1)
    lo = np.maximum(moved[:, :, None, :2], after[None, None, :, :2])
    hi = np.minimum(moved[:, :, None, 2:], after[None, None, :, 2:])
    inter = np.prod(np.clip(hi - lo, 0, None), axis=-1)
    area_moved = np.prod(moved[..., 2:] - moved[..., :2], axis=-1)[:, :, None]
    area_after = np.prod(after[:, 2:] - after[:, :2], axis=-1)[None, None, :]
    return inter / np.maximum(area_moved + area_after - inter, 1e-9)


def estimate_motion(before: np.ndarray, after: np.ndarray, same_label: np.ndarray | None = None,
                    expected: Motion = Motion()) -> Motion:
    """The motion that lands most ``before`` boxes (N, 4) on ``after`` boxes (M, 4); ``same_label``
    (N, M) bool weighs matches of equal labels double. Only "no motion" or the ``expected`` one (the
    last, as an orbit goes on) unless ``MIN_SUPPORT`` boxes agree, so a lone box that appears elsewhere
    is taken for another item, not for the camera moving."""
    return scored_motion(before, after, same_label, expected)[0]


def scored_motion(before: np.ndarray, after: np.ndarray, same_label: np.ndarray | None = None,
                  expected: Motion = Motion()) -> tuple[Motion, float]:
    """:func:`estimate_motion` and its score: the boxes it lands (summed IoU, matches of different
    labels counting half) less its turn away from the ``expected`` motion."""
    before, after = np.asarray(before, float).reshape(-1, 4), np.asarray(after, float).reshape(-1, 4)
    if len(before) == 0 or len(after) == 0:
        return Motion(), 0.0
    a, b = _hypotheses(before, after, expected)
    iou = _moved_iou(before, after, a, b)
    weight = np.ones(iou.shape[1:]) if same_label is None else np.where(same_label, 1.0, DIFFERENT_LABEL_WEIGHT)
    weighted = np.where(iou >= MIN_SUPPORT_IOU, iou * weight[None], 0.0)
    score = weighted.max(axis=2).sum(axis=1) - TURN_PENALTY * np.abs(np.angle(a / expected.a))
    support = (iou.max(axis=2) >= MIN_SUPPORT_IOU).sum(axis=1)
    score = np.where((support >= MIN_SUPPORT) | (np.arange(len(a)) < 2), score, -1.0)
    best = int(np.argmax(score))  # the first (no motion, then the expected) wins ties
    return Motion(complex(a[best]), complex(b[best])), float(score[best])
