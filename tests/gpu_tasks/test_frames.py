"""Decoding: rotation, variable frame rate, 10-bit input, metadata, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.errors import ErrorCode, PipelineError
from pipeline.video.frames import inspect_video, iter_raw_frames, read_metadata, to_rgb
from pipeline.video.probe import VideoLimits
from tests.gpu_tasks.videos import meal_frame, write_audio_only, write_meal_video, write_undecodable

LIMITS = VideoLimits(max_bytes=100 * 2**20, max_seconds=60, max_pixels=1920 * 1080)


def _frames(path: Path) -> list:
    return [to_rgb(raw) for raw in iter_raw_frames(path, on_error=lambda i, m: None)]


def _code(path: Path, limits: VideoLimits = LIMITS) -> ErrorCode:
    with pytest.raises(PipelineError) as caught:
        inspect_video(path, limits)
    return caught.value.code


def test_frames_come_upright_in_display_order(tmp_path: Path) -> None:
    plain = _frames(write_meal_video(tmp_path / "plain.mp4"))
    rotated = _frames(write_meal_video(tmp_path / "rotated.mp4", rotation_ccw=90))
    assert plain[0].rgb.shape == (96, 160, 3)
    assert rotated[0].rgb.shape == (160, 96, 3)
    # the rotated clip, shown as a player shows it, is the plain picture turned 90° counter-clockwise
    difference = np.abs(rotated[3].rgb.astype(int) - np.rot90(plain[3].rgb, 1).astype(int)).mean()
    assert difference < 4
    assert [f.index for f in plain] == list(range(len(plain)))


def test_variable_frame_rate_keeps_each_frames_time(tmp_path: Path) -> None:
    frames = _frames(write_meal_video(tmp_path / "vfr.mp4", variable_rate=True, fps=10))
    gaps = np.round(np.diff([f.time_s for f in frames]), 3)
    assert set(gaps[:6]) == {0.05, 0.15}
    assert all(b > a for a, b in zip([f.time_s for f in frames], [f.time_s for f in frames][1:]))


def test_ten_bit_video_decodes_to_8_bit_rgb(tmp_path: Path) -> None:
    path = write_meal_video(tmp_path / "10bit.mp4", pix_fmt="yuv420p10le")
    frames = _frames(path)
    assert frames[0].rgb.dtype == np.uint8
    expected = meal_frame(160, 96, frames[0].time_s)
    assert np.abs(frames[0].rgb.astype(int) - expected.astype(int)).mean() < 8
    assert inspect_video(path, LIMITS).codec == "h264"


def test_downscaling_keeps_aspect(tmp_path: Path) -> None:
    raw = next(iter_raw_frames(write_meal_video(tmp_path / "m.mp4", width=320, height=192), on_error=print))
    assert to_rgb(raw, max_side=160).rgb.shape == (96, 160, 3)


def test_metadata_tags_are_read(tmp_path: Path) -> None:
    key = "com.apple.quicktime.camera.focal_length.35mm_equivalent"
    path = write_meal_video(tmp_path / "tags.mp4", metadata={key: "26"})
    assert read_metadata(path)[key] == "26"


def test_audio_only_file_has_no_video_stream(tmp_path: Path) -> None:
    assert _code(write_audio_only(tmp_path / "song.mp4")) is ErrorCode.NO_VIDEO_STREAM


def test_video_stream_without_decodable_frames(tmp_path: Path) -> None:
    assert _code(write_undecodable(tmp_path / "garbage.mp4")) is ErrorCode.NO_DECODABLE_FRAMES


def test_still_image_renamed_mp4_is_not_a_video(tmp_path: Path) -> None:
    path = tmp_path / "photo.mp4"
    Image.fromarray(meal_frame(64, 48, 0.0)).save(path, format="PNG")
    assert _code(path) is ErrorCode.NOT_A_VIDEO


def test_truncated_video_is_corrupt(tmp_path: Path) -> None:
    data = write_meal_video(tmp_path / "whole.mp4").read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])  # the index (moov) is at the end: nothing can be read
    assert _code(cut) is ErrorCode.CORRUPT


def test_truncated_streamable_video_keeps_the_frames_before_the_cut(tmp_path: Path) -> None:
    data = write_meal_video(tmp_path / "whole.mp4", faststart=True, seconds=3).read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    inspect_video(cut, LIMITS)
    frames = _frames(cut)
    assert 0 < len(frames) < 30


def test_limits_on_resolution_and_duration(tmp_path: Path) -> None:
    path = write_meal_video(tmp_path / "m.mp4", seconds=2)
    assert _code(path, VideoLimits(max_bytes=2**30, max_seconds=1, max_pixels=10**7)) is ErrorCode.TOO_LONG
    assert _code(path, VideoLimits(max_bytes=2**30, max_seconds=60, max_pixels=100 * 90)) is \
        ErrorCode.RESOLUTION_TOO_HIGH
