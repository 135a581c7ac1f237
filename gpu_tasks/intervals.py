"""The 80 % interval of a measured volume, from what is uncertain in how it was measured.

Pure. Relative errors (1 σ, log scale) that combine as independent:

- the depth scale after calibration (:func:`gpu_tasks.calibration.depth_scale`), cubed in a volume;
- the focal length when the video records none: from the prior (phones film at 60-75° hFOV where
  it says 69°: :data:`FOCAL_PRIOR_SPREAD`) or from the rims' ellipses (a few %); after a reference
  fixes the scale a volume still scales with the focal error;
- the mask's outline: a segmenter's edge is good to about :data:`MASK_EDGE_PX` pixels, so the area
  is uncertain by that × perimeter / area, of which :data:`EDGE_VOLUME_SHARE` reaches the volume;
- what the geometry cannot see, :data:`SHAPE_SPREAD`: an open item's hidden back; for food in a bowl
  or cup, the container's inside taken from a prior (its curve, walls and base: see
  :mod:`pipeline.geometry.container`) and the food's level read from a noisy surface.

An edge moves the volume less than the area. An open item's outermost strip is the low foot of its
slope, a dilated mask's extra ring is trimmed where it lies behind the item on the plate and kept
where it lies level with or in front of it (no height), and an eroded one is grown back where the
depth shows the item standing (:mod:`pipeline.geometry.outline`); food in a bowl or cup is
measured from its level down the container's inside, which the mask moves only through the level read
near the wall. :data:`EDGE_VOLUME_SHARE` is that share, measured, not fitted to a coverage: on the
development scenes (benchmarks/make_scenes.py seeds 1-5, 12 scenes each at 640×480) with 1 % depth
noise and the true intrinsics, the same scenes and noise with and without masks moved by ±2 px: the
rms of the volume's log change over the rms of the area's (items whose mask moved).

:data:`SHAPE_SPREAD` is fitted on those scenes perturbed as in the README (depth ×0.85-1.15, noise 1 %,
masks ±2 px, intrinsics from the prior): the open items' is what they still err with perfect inputs
(3 %); the containers' (15 %) was the smallest, in 1 % steps, that brought theirs to 80 % with the
other terms as they were then. The other terms are stated priors (reference sizes, field of view, a mask
edge's pixels), combined as independent and used as stated. The held-out seeds check it.
"""

from __future__ import annotations

import math

import numpy as np

#: z of the 10th/90th percentiles of a normal distribution.
Z80 = 1.2816
#: A segmenter's edge is off by a pixel or two (the benchmark's masks: ±2 px, 1.4 px RMS).
MASK_EDGE_PX = 1.4
#: Share of a mask's relative area error that reaches the volume, by kind of item (module doc): measured
#: on development seeds 1-5 (1 % depth noise, masks ±2 px against none; 68 open items, 45 in containers;
#: open items 0.32 before the outline was also trimmed). On clean depth it is smaller (0.10 / 0.35): the
#: outline snaps back fully there.
EDGE_VOLUME_SHARE = {"open": 0.27, "container": 0.57}
#: Relative volume spread (1 σ) of what the geometry cannot see, by kind of item (module doc).
SHAPE_SPREAD = {"open": 0.03, "container": 0.15}


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
    kind = "container" if container else "open"
    edge = EDGE_VOLUME_SHARE[kind] * mask_spread(mask)
    sigma = math.sqrt((3 * scale_spread) ** 2 + focal_spread ** 2 + edge ** 2 + SHAPE_SPREAD[kind] ** 2)
    return volume_ml * math.exp(-Z80 * sigma), volume_ml * math.exp(Z80 * sigma)
