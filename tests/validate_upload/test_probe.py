"""pipeline.video.probe on local files: containers, codecs, timing and rotation, no AWS."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from pipeline.errors import ErrorCode, PipelineError
from pipeline.video.probe import VideoLimits, check_size, probe_video
from pipeline.video.signatures import looks_like_image, looks_like_text, looks_like_video_container
from tests.corpus import write_streamed_webm, write_video

LIMITS = VideoLimits(max_bytes=2**20, max_seconds=5, max_pixels=320 * 240)


def probe(path: Path, limits: VideoLimits | None = LIMITS):
    with path.open("rb") as handle:
        return probe_video(handle, size_bytes=path.stat().st_size, limits=limits)


def code_of(path: Path, limits: VideoLimits | None = LIMITS) -> ErrorCode:
    with pytest.raises(PipelineError) as raised:
        probe(path, limits)
    return raised.value.code


@pytest.mark.parametrize(("codec", "container", "suffix", "name"), [
    ("libvpx-vp9", "webm", "webm", "vp9"),
    ("libx264", "matroska", "mkv", "h264"),
    ("mpeg4", "mov", "mov", "mpeg4"),
    ("libx264", "mpegts", "ts", "h264"),
])
def test_supported_codecs_and_containers(tmp_path: Path, codec: str, container: str, suffix: str, name: str) -> None:
    result = probe(write_video(tmp_path / f"clip.{suffix}", codec=codec, container=container))
    assert (result.codec, result.width, result.height, result.fps) == (name, 160, 120, 10.0)
    assert result.duration_s == pytest.approx(1.2, abs=0.11)


def test_a_browser_recording_without_duration_is_measured(tmp_path: Path) -> None:
    path = write_streamed_webm(tmp_path / "live.webm", frames=12)
    with av.open(str(path)) as container:
        assert container.duration is None  # the case being tested
    assert probe(path).duration_s == pytest.approx(1.1, abs=0.11)
    assert code_of(write_streamed_webm(tmp_path / "long.webm", fps=2, frames=14)) is ErrorCode.TOO_LONG


def test_a_raw_stream_without_timestamps_is_refused(tmp_path: Path) -> None:
    assert code_of(write_video(tmp_path / "raw.h264", container="h264")) is ErrorCode.CORRUPT


def test_without_limits_nothing_is_refused_but_the_file_kind(tmp_path: Path) -> None:
    path = write_video(tmp_path / "old.mkv", codec="mpeg2video", container="matroska")
    assert probe(path, limits=None).codec == "mpeg2video"


@pytest.mark.parametrize(("rotation", "clockwise", "size"), [(0, 0, (160, 120)), (-90, 90, (120, 160)),
                                                              (180, 180, (160, 120)), (90, 270, (120, 160))])
def test_rotation_is_clockwise_and_size_is_as_displayed(tmp_path: Path, rotation: int, clockwise: int,
                                                        size: tuple[int, int]) -> None:
    result = probe(write_video(tmp_path / "phone.mp4", rotation_deg=rotation))
    assert (result.rotation_deg, (result.width, result.height)) == (clockwise, size)


def test_size_limits() -> None:
    check_size(1, LIMITS)
    check_size(LIMITS.max_bytes, LIMITS)
    for size, code in [(0, ErrorCode.EMPTY), (LIMITS.max_bytes + 1, ErrorCode.TOO_LARGE)]:
        with pytest.raises(PipelineError) as raised:
            check_size(size, LIMITS)
        assert raised.value.code is code and raised.value.value == size


def test_signatures() -> None:
    assert looks_like_image(b"\x89PNG\r\n\x1a\n....") and looks_like_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    assert looks_like_video_container(b"\x00\x00\x00\x20ftypisom") and looks_like_video_container(b"\x1a\x45\xdf\xa3")
    assert looks_like_text("plain words, café\n".encode()) and not looks_like_text(b"\x00\x00\x00\x20ftypisom")
    assert not looks_like_image(b"\x00\x00\x00\x20ftypisom")
