"""Keyframes: sharp, spread over the clip, capped, blurred stretches rejected."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.video.keyframes import laplacian_variance, select_keyframes, view_score
from tests.gpu_tasks.videos import box_blur, meal_frame, write_meal_video


def _gray(rgb: np.ndarray) -> np.ndarray:
    return rgb.astype(np.float32).mean(axis=2)


def test_motion_blur_lowers_sharpness() -> None:
    sharp = meal_frame(160, 96, 0.0)
    assert laplacian_variance(_gray(box_blur(sharp, 9))) < 0.5 * laplacian_variance(_gray(sharp))


def test_dark_frames_score_lower() -> None:
    frame = _gray(meal_frame(160, 96, 0.0))
    assert view_score(frame * 0.05) < view_score(frame)


def test_laplacian_needs_an_image() -> None:
    with pytest.raises(ValueError):
        laplacian_variance(np.zeros((2, 2)))


def test_keyframes_are_spread_and_capped(tmp_path: Path) -> None:
    path = write_meal_video(tmp_path / "m.mp4", seconds=4, fps=10)
    selection = select_keyframes(path, max_keyframes=4, duration_s=4.0, frame_count=40, fps=10)
    times = [f.time_s for f in selection.frames]
    assert len(selection.frames) == 4
    assert selection.decoded_frames == 40
    # one keyframe in each second of the clip
    assert [int(t) for t in times] == [0, 1, 2, 3]


def test_blurred_stretch_is_rejected(tmp_path: Path) -> None:
    path = write_meal_video(tmp_path / "pan.mp4", seconds=4, fps=10, blur_between=(2.0, 3.0))
    selection = select_keyframes(path, max_keyframes=4, duration_s=4.0, frame_count=40, fps=10)
    assert selection.rejected_blurry == 1
    assert all(not 2.0 <= f.time_s < 3.0 for f in selection.frames)
    assert any("blurred" in w for w in selection.warnings)


def test_variable_frame_rate_and_rotation(tmp_path: Path) -> None:
    path = write_meal_video(tmp_path / "vfr.mp4", seconds=3, fps=10, variable_rate=True, rotation_ccw=270)
    selection = select_keyframes(path, max_keyframes=3, duration_s=3.0, frame_count=None, fps=10)
    assert len(selection.frames) == 3
    assert selection.frames[0].rgb.shape == (160, 96, 3)
    assert selection.frames[-1].time_s > 1.5
