"""What a real perception stack would get wrong, applied to a rendered scene's perfect readings.

Pure numpy. Used by the ``scene`` backend so benchmarks and tests can measure how the steps after
the models cope: a global depth-scale error (a monocular model's metric scale is off by 10-20 %),
Gaussian depth noise (a fraction of the depth), masks eroded (K > 0) or dilated (K < 0) by K pixels,
and labels that flip to a sibling label in some frames ("rice" seen as "fried rice").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.geometry.windows import dilate

#: Labels a detector confuses with each other; a flipped label is another member of its group.
SIBLING_LABELS: tuple[tuple[str, ...], ...] = (
    ("rice", "fried rice"), ("pasta", "spaghetti", "noodles"), ("bread", "toast"), ("pancake", "waffle"),
    ("tortilla", "burrito"), ("meatballs", "beef"), ("mashed potatoes", "potato"), ("soup", "stew"),
    ("milk", "yogurt"), ("orange juice", "juice"), ("salad", "lettuce"), ("oatmeal", "cereal"),
    ("chicken breast", "roast chicken"), ("steak", "beef"), ("egg", "fried egg"), ("cake", "pie"),
)


@dataclass(frozen=True)
class Perturbation:
    """``depth_scale``: factor on every depth; ``depth_noise``: Gaussian std as a fraction of depth;
    ``mask_px``: erode (> 0) or dilate (< 0) masks by that many pixels; ``label_flip``: probability
    (0..1) that a detection's label becomes a sibling; ``seed`` makes it repeatable."""

    depth_scale: float = 1.0
    depth_noise: float = 0.0
    mask_px: int = 0
    label_flip: float = 0.0
    seed: int = 0

    @property
    def depth_is_exact(self) -> bool:
        """Whether the depth is served as rendered (metric, noiseless), as a depth sensor would give it."""
        return self.depth_scale == 1.0 and self.depth_noise == 0.0

    def rng(self, frame_index: int, salt: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, frame_index, salt])


def perturb_depth(depth_m: np.ndarray, perturbation: Perturbation, frame_index: int) -> np.ndarray:
    """Depth (m, float32) scaled and with multiplicative Gaussian noise; 0 (no reading) stays 0."""
    depth = depth_m.astype(np.float64) * perturbation.depth_scale
    if perturbation.depth_noise > 0:
        noise = perturbation.rng(frame_index, 1).normal(0.0, perturbation.depth_noise, depth.shape)
        depth = depth * (1.0 + noise)
    return np.where(depth_m > 0, np.maximum(depth, 1e-4), 0.0).astype(np.float32)


def perturb_mask(mask: np.ndarray, perturbation: Perturbation) -> np.ndarray:
    """``mask`` eroded (``mask_px`` > 0) or dilated (< 0) by ``|mask_px|`` pixels (square element)."""
    k = perturbation.mask_px
    if k > 0:
        eroded = ~dilate(~mask, k)
        return eroded if eroded.any() else mask
    if k < 0:
        return dilate(mask, -k)
    return mask


def sibling_label(label: str, rng: np.random.Generator) -> str:
    """Another label of ``label``'s sibling group; ``label`` itself when it has no group."""
    for group in SIBLING_LABELS:
        if label in group:
            return str(rng.choice([g for g in group if g != label]))
    return label


def perturb_label(label: str, perturbation: Perturbation, frame_index: int, instance_id: int) -> str:
    """``label``, flipped to a sibling with probability ``label_flip`` (per frame and instance)."""
    if perturbation.label_flip <= 0:
        return label
    rng = perturbation.rng(frame_index, 1000 + instance_id)
    return sibling_label(label, rng) if rng.random() < perturbation.label_flip else label
