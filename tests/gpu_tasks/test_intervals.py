"""The 80 % interval of a measured volume."""

from __future__ import annotations

import numpy as np

from gpu_tasks.intervals import Z80, mask_spread, volume_interval


def _disc(radius_px: int) -> np.ndarray:
    rows, cols = np.mgrid[:200, :200]
    return (rows - 100) ** 2 + (cols - 100) ** 2 <= radius_px**2


def test_food_in_a_container_gets_a_wider_interval_than_food_on_a_plate() -> None:
    """A bowl's or cup's inside comes from a prior, so the same readings give a wider interval there."""
    mask = _disc(60)
    open_lo, open_hi = volume_interval(100.0, scale_spread=0.03, focal_spread=0.02, mask=mask, container=False)
    in_lo, in_hi = volume_interval(100.0, scale_spread=0.03, focal_spread=0.02, mask=mask, container=True)
    assert in_lo < open_lo < 100.0 < open_hi < in_hi


def test_a_scale_error_widens_the_interval_cubed() -> None:
    """With the depth scale uncertain by 10 % (no reference in view) a volume is uncertain by about 30 %:
    the 80 % interval spans more than ±30 % of it; with an exact scale, a large item's is within ±10 %."""
    mask = _disc(80)
    lo, hi = volume_interval(100.0, scale_spread=0.10, focal_spread=0.0, mask=mask, container=False)
    assert lo < 100 / 1.3 and hi > 130
    lo, hi = volume_interval(100.0, scale_spread=0.0, focal_spread=0.0, mask=mask, container=False)
    assert 90 < lo < 100 < hi < 110


def test_an_interval_widens_with_the_mask_edge_s_share_of_the_item():
    """A thin item has more outline per pixel of area than a round one of the same area, so the same
    edge error moves more of its volume: its interval is wider."""
    disc = _disc(40)
    strip = np.zeros((40, 600), bool)
    strip[15:25, 49:551] = True   # 10 × 502 px
    assert abs(int(strip.sum()) - int(disc.sum())) < 0.05 * disc.sum()
    round_lo, round_hi = volume_interval(100.0, scale_spread=0.0, focal_spread=0.0, mask=disc, container=False)
    thin_lo, thin_hi = volume_interval(100.0, scale_spread=0.0, focal_spread=0.0, mask=strip, container=False)
    assert thin_lo < round_lo < 100.0 < round_hi < thin_hi


def test_a_mask_edge_moves_the_volume_less_than_the_area():
    """An open item's edge strip is its lowest part, a dilated mask's extra ring lies on the plate and an
    eroded outline snaps back to the depth: with nothing else uncertain, a small item's interval is less
    than half as wide (in log) as its mask's area uncertainty would make it (measured: about a third)."""
    mask = _disc(20)
    half_area_spread = mask_spread(mask) / 2
    lo, hi = volume_interval(100.0, scale_spread=0.0, focal_spread=0.0, mask=mask, container=False)
    assert 100 * np.exp(-Z80 * half_area_spread) < lo < 100.0 < hi < 100 * np.exp(Z80 * half_area_spread)
