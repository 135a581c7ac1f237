"""Masks in ``detections.json``: COCO-style uncompressed run-length encoding (column-major)."""

from __future__ import annotations

import numpy as np

from pipeline.contracts.detections import Mask


def encode_rle(mask: np.ndarray) -> Mask:
    """RLE of an H×W bool mask: alternating run lengths, zeros first, in column-major order."""
    flat = np.asarray(mask, dtype=bool).flatten(order="F")
    changes = np.flatnonzero(np.diff(flat.astype(np.int8))) + 1
    bounds = np.concatenate([[0], changes, [flat.size]])
    counts = np.diff(bounds).tolist()
    if flat.size and flat[0]:
        counts = [0] + counts
    return Mask(format="rle", size=(int(mask.shape[0]), int(mask.shape[1])), counts=[int(c) for c in counts])


def decode_rle(mask: Mask) -> np.ndarray:
    """The H×W bool mask of an RLE ``Mask``."""
    height, width = mask.size
    values = np.zeros(height * width, dtype=bool)
    position, value = 0, False
    for count in mask.counts or []:
        values[position:position + count] = value
        position += count
        value = not value
    return values.reshape((height, width), order="F")
