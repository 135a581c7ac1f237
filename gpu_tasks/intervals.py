"""The 80 % interval of a measured volume, from what is uncertain in how it was measured.

Pure. Relative errors (1 σ, log scale) that combine as independent:

- the depth scale after calibration (:func:`gpu_tasks.calibration.depth_scale`), cubed in a volume;
- the focal length when the video records none: from the prior (phones film at 60-75° hFOV where
  it says 69°: :data:`FOCAL_PRIOR_SPREAD`) or from the rims' ellipses (a few %); after a reference
  fixes the scale a volume still scales with the focal error;
- the mask's outline: a segmenter's edge is good to about :data:`MASK_EDGE_PX` pixels, so the area
  is uncertain by that × perimeter / area;
- the unseen shape (occluded back, a container's inside): :data:`SHAPE_SPREAD`.

The constants were set on the development scenes (benchmarks/make_scenes.py seed 1, perturbed as in
the README) so that about 80 % of intervals hold the truth; the held-out seeds check it.
"""

from __future__ import annotations

import math

import numpy as np

#: z of the 10th/90th percentiles of a normal distribution.
Z80 = 1.2816
#: A segmenter's edge is off by a pixel or two (the benchmark's masks: ±2 px, 1.4 px RMS).
MASK_EDGE_PX = 1.4
#: What the terms above leave out (depth noise on the item's own surface; how the few references of
#: one scene agree by chance) widens every interval by this factor: fitted on the development scenes
#: (benchmarks/make_scenes.py seed 1, 36 scenes at 640×480, perturbed as in the README), where the
#: terms alone held the truth in 72 % of 80 % intervals.
UNMODELLED_SPREAD_FACTOR = 1.2
SHAPE_SPREAD = {"open": 0.06, "container": 0.08}


def mask_spread(mask: np.ndarray) -> float:
    """Relative area uncertainty (1 σ) of a mask whose edge is off by about :data:`MASK_EDGE_PX` pixels."""
    area = float(mask.sum())
    if area == 0:
        return 1.0
    perimeter = float((mask[1:] != mask[:-1]).sum() + (mask[:, 1:] != mask[:, :-1]).sum())
    return min(1.0, MASK_EDGE_PX * perimeter / area)


def volume_interval(volume_ml: float, *, scale_spread: float, focal_spread: float, mask: np.ndarray,
                    container: bool) -> tuple[float, float]:
    """(p10, p90) in ml around ``volume_ml``; spreads are relative, 1 σ (see the module doc)."""
    sigma = math.sqrt((3 * scale_spread) ** 2 + focal_spread ** 2
                      + mask_spread(mask) ** 2 + SHAPE_SPREAD["container" if container else "open"] ** 2)
    sigma *= UNMODELLED_SPREAD_FACTOR
    return volume_ml * math.exp(-Z80 * sigma), volume_ml * math.exp(Z80 * sigma)
