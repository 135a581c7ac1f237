"""Every codec the README lists is accepted by its codec's name (never the decoder's) and decodes to frames."""

from __future__ import annotations

import os
import re
from pathlib import Path

import av
import pytest

from pipeline.errors import ErrorCode, PipelineError
from pipeline.video.codecs import SUPPORTED_CODECS, canonical_codec, stream_codec
from pipeline.video.frames import iter_raw_frames, to_rgb
from pipeline.video.probe import VideoLimits, probe_video
from tests.corpus import ENCODERS, GOOD_FRAMES, GOOD_SIZE, write_supported, write_video

README = Path(__file__).resolve().parents[2] / "README.md"
LIMITS = VideoLimits(max_bytes=2**20, max_seconds=5, max_pixels=320 * 240)


def _probe(path: Path, limits: VideoLimits = LIMITS):
    with path.open("rb") as handle:
        return probe_video(handle, size_bytes=path.stat().st_size, limits=limits)


def test_the_corpus_can_encode_every_supported_codec() -> None:
    assert set(ENCODERS) == set(SUPPORTED_CODECS)


@pytest.mark.parametrize("codec", sorted(SUPPORTED_CODECS))
def test_each_supported_codec_passes_validation_and_decodes_every_frame(tmp_path: Path, codec: str) -> None:
    path = write_supported(tmp_path / f"clip.{ENCODERS[codec][1]}", codec)

    assert _probe(path).codec == codec
    frames = [to_rgb(raw) for raw in iter_raw_frames(path, on_error=lambda index, error: pytest.fail(error))]
    assert len(frames) == GOOD_FRAMES
    assert frames[0].rgb.shape == (GOOD_SIZE[1], GOOD_SIZE[0], 3)


def test_av1_is_named_av1_though_its_decoder_is_libdav1d(tmp_path: Path) -> None:
    path = write_supported(tmp_path / "android.mp4", "av1")
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name != "av1"  # the case being tested: the decoder has its own name
        assert stream_codec(stream) == "av1"


def test_limits_may_name_codecs_by_alias(tmp_path: Path) -> None:
    path = write_supported(tmp_path / "phone.mp4", "hevc")
    limits = VideoLimits(max_bytes=2**20, max_seconds=5, max_pixels=320 * 240, codecs=frozenset({"H265", "avc1"}))

    assert _probe(path, limits).codec == "hevc"
    with pytest.raises(PipelineError) as refused:
        _probe(write_supported(tmp_path / "android.mp4", "av1"), limits)
    assert refused.value.code is ErrorCode.UNSUPPORTED_CODEC
    assert refused.value.message == "video codec 'av1' is not supported; use one of h264, hevc"
    assert [canonical_codec(name) for name in ("hvc1", "AV01", "libdav1d", "vp09", "mp4v")] == [
        "hevc", "av1", "av1", "vp9", "mpeg4"]


def test_a_10_bit_hevc_phone_video_decodes_to_8_bit_rgb(tmp_path: Path) -> None:
    path = write_video(tmp_path / "hdr.mov", codec="libx265", container="mov", pix_fmt="yuv420p10le", frames=2)
    (first, *_) = [to_rgb(raw) for raw in iter_raw_frames(path, on_error=lambda index, error: pytest.fail(error))]
    assert first.rgb.dtype.name == "uint8"


def test_the_readme_lists_every_supported_codec() -> None:
    row = next(line for line in README.read_text().splitlines() if line.startswith("| `UNSUPPORTED_CODEC`"))
    assert set(SUPPORTED_CODECS) <= set(re.findall(r"[a-z0-9]+", row)), row


def test_encoding_av1_leaves_the_callers_scheduling_policy(tmp_path: Path) -> None:
    """SVT-AV1 run as root switches its caller to SCHED_FIFO; every process the test run starts afterwards
    would inherit that real-time policy and starve the others on a small machine."""
    before = (os.sched_getscheduler(0), os.sched_getparam(0))
    write_supported(tmp_path / "android.mp4", "av1")
    assert (os.sched_getscheduler(0), os.sched_getparam(0)) == before
