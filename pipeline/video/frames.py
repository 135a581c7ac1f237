"""Decode a video's frames with PyAV, upright and in display order, for the analysis task.

Honours the display matrix (phones record portrait video as rotated landscape), variable frame rate
(each frame keeps its own presentation time in seconds) and 10-bit input (converted to 8-bit RGB by
FFmpeg's scaler). Errors are ``pipeline_error`` values with stable codes: NOT_A_VIDEO, CORRUPT,
NO_VIDEO_STREAM, NO_DECODABLE_FRAMES and the limits of :mod:`pipeline.video.probe`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import av
import numpy as np

from pipeline.errors import ErrorCode, PipelineError, pipeline_error
from pipeline.video.probe import VideoLimits, VideoProbe, probe_video


@dataclass(frozen=True)
class DecodedFrame:
    """One frame as displayed: ``rgb`` is H×W×3 uint8, ``time_s`` its presentation time (s)."""

    index: int
    time_s: float
    rgb: np.ndarray


@dataclass(frozen=True)
class RawFrame:
    """A decoded PyAV frame before conversion; ``rotation_ccw`` is the display rotation (degrees)."""

    index: int
    time_s: float
    frame: Any
    rotation_ccw: int


def _video_streams(container: Any) -> list[Any]:
    return [s for s in container.streams.video if not s.disposition & av.stream.Disposition.attached_pic]


def _check_has_video_stream(path: Path) -> None:
    """NO_VIDEO_STREAM when the file opens as media but holds no video (audio only, subtitles...)."""
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError):
        return  # unreadable: probe_video classifies it (NOT_A_VIDEO or CORRUPT)
    try:
        if container.streams and not _video_streams(container):
            kinds = ", ".join(sorted({s.type for s in container.streams}))
            raise pipeline_error(ErrorCode.NO_VIDEO_STREAM, f"the file has no video stream, only {kinds}", value=kinds)
    finally:
        container.close()


def inspect_video(path: Path, limits: VideoLimits) -> VideoProbe:
    """Probe ``path`` and enforce ``limits``; raise the error code that says what is wrong."""
    _check_has_video_stream(path)
    with open(path, "rb") as source:
        try:
            return probe_video(source, size_bytes=path.stat().st_size, limits=limits)
        except PipelineError as error:
            if error.code is ErrorCode.CORRUPT and _opens_with_video_stream(path) and count_decodable(path, 1) == 0:
                raise pipeline_error(
                    ErrorCode.NO_DECODABLE_FRAMES, f"the video stream holds no decodable frame ({error.message})"
                ) from None
            raise


def _opens_with_video_stream(path: Path) -> bool:
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            return bool(_video_streams(container))
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError):
        return False


def count_decodable(path: Path, limit: int) -> int:
    """How many frames decode, counting up to ``limit``; decoding errors end the count."""
    count = 0
    for _ in iter_raw_frames(path, on_error=lambda index, error: None):
        count += 1
        if count >= limit:
            break
    return count


def iter_raw_frames(path: Path, *, on_error: Any) -> Iterator[RawFrame]:
    """Every decodable frame of the first video stream, in display order.

    Decoding stops at the first error (a truncated or damaged stream); ``on_error(index, message)``
    is then called with the number of frames decoded so far.
    """
    with av.open(str(path), metadata_errors="ignore") as container:
        stream = _video_streams(container)[0]
        stream.thread_type = "AUTO"
        rate = float(stream.average_rate or stream.guessed_rate or 30)
        index = 0
        try:
            for frame in container.decode(stream):
                time_s = float(frame.time) if frame.time is not None else index / rate
                yield RawFrame(index, time_s, frame, int(round((frame.rotation or 0) / 90.0)) * 90 % 360)
                index += 1
        except (av.error.FFmpegError, ValueError) as error:
            on_error(index, str(getattr(error, "strerror", None) or error))


def to_rgb(raw: RawFrame, *, max_side: int | None = None) -> DecodedFrame:
    """The frame upright as RGB uint8, downscaled so its longer side is at most ``max_side`` px."""
    frame = raw.frame
    width, height = frame.width, frame.height
    scale = 1.0 if not max_side else min(1.0, max_side / max(width, height))
    if scale < 1.0:
        rgb = frame.reformat(
            width=max(2, round(width * scale)), height=max(2, round(height * scale)), format="rgb24",
            interpolation="AREA",
        ).to_ndarray()
    else:
        rgb = frame.to_ndarray(format="rgb24")
    quarter_turns = raw.rotation_ccw // 90
    if quarter_turns:
        rgb = np.ascontiguousarray(np.rot90(rgb, quarter_turns))
    return DecodedFrame(raw.index, raw.time_s, rgb)


def to_small_gray(raw: RawFrame, width: int = 320) -> np.ndarray:
    """A small grey copy (float32, 0..255) for sharpness scoring; orientation does not matter."""
    frame = raw.frame
    height = max(2, round(frame.height * width / max(frame.width, 1)))
    return frame.reformat(width=width, height=height, format="gray").to_ndarray().astype(np.float32)


def read_metadata(path: Path) -> dict[str, str]:
    """Container and first video stream metadata tags (stream tags win), keys lower-cased."""
    with av.open(str(path), metadata_errors="ignore") as container:
        tags = {k.lower(): str(v) for k, v in container.metadata.items()}
        streams = _video_streams(container)
        if streams:
            tags.update({k.lower(): str(v) for k, v in streams[0].metadata.items()})
    return tags
