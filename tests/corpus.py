"""The bad-input corpus: one file per upload validation code, plus a good short H.264 MP4.

Used by the validate_upload tests here and by the end-to-end tests on the embedded AWS. Every file is
generated (PyAV for media, Pillow for the PNG) into a directory the caller gives; nothing is
downloaded. Sizes and durations follow the limits passed in, so the oversized and over-long files
are only just over them.

    cases = build_corpus(tmp_path, max_upload_mb=1, max_video_seconds=5)
    cases["truncated"].path, cases["truncated"].expected_code  # -> Path(...), "CORRUPT"
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image

GOOD_SIZE = (160, 120)  # width, height in pixels
GOOD_FPS = 10
GOOD_FRAMES = 12


@dataclass(frozen=True)
class CorpusCase:
    """One upload: the file, the name and type a client would send, and the code validation must give."""

    name: str
    path: Path
    filename: str
    content_type: str
    expected_code: str | None  # None: the upload is valid
    description: str


def _frames(width: int, height: int, count: int) -> list[np.ndarray]:
    """A coloured square moving over a grey table: real motion, cheap to encode."""
    frames = []
    for index in range(count):
        image = np.full((height, width, 3), 90, dtype=np.uint8)
        x = (index * 7) % max(1, width - height // 3)
        image[height // 3 : 2 * height // 3, x : x + height // 3] = (200, 120, 40)
        frames.append(image)
    return frames


def write_video(
    path: Path,
    *,
    codec: str = "libx264",
    container: str = "mp4",
    size: tuple[int, int] = GOOD_SIZE,
    fps: int = GOOD_FPS,
    frames: int = GOOD_FRAMES,
    pts_step: int = 1,
    pix_fmt: str = "yuv420p",
    rotation_deg: int | None = None,
) -> Path:
    """Encode a short clip; ``pts_step`` > 1 spreads the frames out in time (a long, cheap video)."""
    width, height = size
    with av.open(str(path), "w", format=container) as output:
        stream = output.add_stream(codec, rate=Fraction(fps, 1))
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        if codec == "libx264":
            stream.options = {"preset": "ultrafast"}
        if rotation_deg is not None:
            stream.set_display_rotation(rotation_deg)
        for index, image in enumerate(_frames(width, height, frames)):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = index * pts_step
            frame.time_base = Fraction(1, fps)
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    return path


class _StreamSink(io.RawIOBase):
    """A write-only, non-seekable output: muxers cannot go back to fill in the duration."""

    def __init__(self) -> None:
        super().__init__()
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        self.data += bytes(chunk)
        return len(chunk)


def write_streamed_webm(path: Path, *, fps: int = GOOD_FPS, frames: int = GOOD_FRAMES) -> Path:
    """A VP9 WebM written as a stream, like a browser's MediaRecorder: no duration in its header."""
    sink = _StreamSink()
    with av.open(sink, "w", format="webm") as output:
        stream = output.add_stream("libvpx-vp9", rate=Fraction(fps, 1))
        stream.width, stream.height, stream.pix_fmt = *GOOD_SIZE, "yuv420p"
        for index, image in enumerate(_frames(*GOOD_SIZE, frames)):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    path.write_bytes(bytes(sink.data))
    return path


def write_audio_only(path: Path, seconds: float = 1.0, rate: int = 44_100) -> Path:
    """An AAC tone in an MP4: plays, but has no picture."""
    with av.open(str(path), "w", format="mp4") as output:
        stream = output.add_stream("aac", rate=rate)
        samples = int(seconds * rate)
        tone = (0.2 * np.sin(2 * np.pi * 440 * np.arange(samples) / rate)).astype(np.float32)
        chunk = stream.codec_context.frame_size or 1024
        for start in range(0, samples, chunk):
            data = tone[start : start + chunk]
            frame = av.AudioFrame.from_ndarray(data.reshape(1, -1), format="fltp", layout="mono")
            frame.sample_rate = rate
            frame.pts = start
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    return path


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(_frames(*GOOD_SIZE, 1)[0]).save(buffer, format="PNG")
    return buffer.getvalue()


def build_corpus(
    directory: Path,
    *,
    max_upload_mb: int,
    max_video_seconds: float,
    max_video_pixels: int | None = None,
) -> dict[str, CorpusCase]:
    """Write every case into ``directory`` and describe them, keyed by case name.

    ``max_video_pixels`` adds a RESOLUTION_TOO_HIGH case one 16-pixel row over the limit (the
    frame is encoded once, so keep the limit modest in fast tests).
    """
    directory.mkdir(parents=True, exist_ok=True)
    good = write_video(directory / "good.mp4")
    good_bytes = good.read_bytes()
    cases = [
        CorpusCase("good", good, "meal.mp4", "video/mp4", None, "a short H.264 MP4"),
        CorpusCase("path_traversal", good, "../../etc/passwd.mp4", "video/mp4", None,
                   "a good video whose filename tries to escape its folder"),
    ]

    def add(name: str, filename: str, content: bytes, code: str, description: str, ctype: str = "video/mp4") -> None:
        path = directory / f"{name}{Path(filename).suffix}"
        path.write_bytes(content)
        cases.append(CorpusCase(name, path, filename, ctype, code, description))

    add("empty", "empty.mp4", b"", "EMPTY", "zero bytes")
    add("text", "notes.mp4", b"This is a shopping list, not a video.\neggs\nrice\nmilk\n" * 20, "NOT_A_VIDEO",
        "a text file renamed .mp4")
    add("png", "photo.mp4", _png_bytes(), "NOT_A_VIDEO", "a PNG image renamed .mp4")
    add("truncated", "cut.mp4", good_bytes[: len(good_bytes) * 3 // 5], "CORRUPT",
        "the first 60% of an MP4 (its index, at the end, is lost)")
    audio = write_audio_only(directory / "audio_only.mp4")
    cases.append(CorpusCase("audio_only", audio, "song.mp4", "video/mp4", "NOT_A_VIDEO", "an MP4 with only audio"))
    oversized = directory / "oversized.mp4"
    with oversized.open("wb") as handle:  # a valid video padded past the limit
        handle.write(good_bytes)
        handle.truncate(max_upload_mb * 2**20 + 1)
    cases.append(CorpusCase("oversized", oversized, "big.mp4", "video/mp4", "TOO_LARGE",
                            f"{max_upload_mb} MiB + 1 byte"))
    step = int(max_video_seconds) + 5
    too_long = write_video(directory / "too_long.mp4", fps=1, frames=2, pts_step=step)
    cases.append(CorpusCase("too_long", too_long, "long.mp4", "video/mp4", "TOO_LONG",
                            f"two frames {step} s apart (limit {max_video_seconds:g} s)"))
    mpeg2 = write_video(directory / "mpeg2.mkv", codec="mpeg2video", container="matroska")
    cases.append(CorpusCase("unsupported_codec", mpeg2, "old.mkv", "video/x-matroska", "UNSUPPORTED_CODEC",
                            "MPEG-2 video in Matroska"))
    if max_video_pixels is not None:
        height = 64
        width = ((max_video_pixels // height) // 16 + 1) * 16
        big = write_video(directory / "too_high.mp4", size=(width, height), frames=1)
        cases.append(CorpusCase("resolution_too_high", big, "wide.mp4", "video/mp4", "RESOLUTION_TOO_HIGH",
                                f"{width}x{height} frames (limit {max_video_pixels} pixels)"))
    return {case.name: case for case in cases}
