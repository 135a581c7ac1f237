"""Probe an uploaded video with PyAV: what it is, and whether the pipeline accepts it.

Works on any readable, seekable binary file object (a local file, ``io.BytesIO`` or an S3 range
reader), so upload validation never has to download the whole object. Every rejection is a
``pipeline_error`` with a stable code (EMPTY, TOO_LARGE, NOT_A_VIDEO, CORRUPT, NO_DECODABLE_FRAMES,
UNSUPPORTED_CODEC, RESOLUTION_TOO_HIGH, TOO_LONG).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, BinaryIO

import av

from pipeline.errors import ErrorCode, pipeline_error
from pipeline.runtime_settings import UploadLimits
from pipeline.video.codecs import IMAGE_CODECS, SUPPORTED_CODECS, canonical_codecs, stream_codec
from pipeline.video.signatures import looks_like_image, looks_like_text, looks_like_video_container

HEADER_BYTES = 64


@dataclass(frozen=True)
class VideoLimits:
    """What an upload may be: size (bytes), duration (s), pixels per frame (width × height), codecs.

    ``codecs`` are FFmpeg codec names or their aliases (``h265`` reads as ``hevc``).
    """

    max_bytes: int
    max_seconds: float
    max_pixels: int
    codecs: frozenset[str] = SUPPORTED_CODECS

    @classmethod
    def of(cls, settings: UploadLimits) -> VideoLimits:
        """The limits a runtime's settings give (``MAX_UPLOAD_MB``, ``MAX_VIDEO_SECONDS``, ``MAX_VIDEO_PIXELS``)."""
        return cls(max_bytes=settings.max_upload_bytes, max_seconds=float(settings.max_video_seconds),
                   max_pixels=settings.max_video_pixels)


@dataclass(frozen=True)
class VideoProbe:
    """The upload's first video stream; width/height as displayed (after rotation)."""

    size_bytes: int
    container: str
    codec: str
    duration_s: float
    width: int
    height: int
    fps: float
    frame_count: int | None
    rotation_deg: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def check_size(size_bytes: int, limits: VideoLimits) -> None:
    """EMPTY for 0 bytes, TOO_LARGE above ``limits.max_bytes``."""
    if size_bytes <= 0:
        raise pipeline_error(ErrorCode.EMPTY, "the uploaded file is empty (0 bytes)", value=size_bytes)
    if size_bytes > limits.max_bytes:
        raise pipeline_error(
            ErrorCode.TOO_LARGE,
            f"the upload is {size_bytes} bytes ({size_bytes / 2**20:.2f} MiB); the limit is {limits.max_bytes} bytes",
            value=size_bytes,
        )


def _not_a_video(message: str, value: Any = None) -> Exception:
    return pipeline_error(ErrorCode.NOT_A_VIDEO, message, value=value)


def _reason(error: Exception) -> str:
    """FFmpeg's own words without errno or file name."""
    return str(getattr(error, "strerror", None) or error)


def _header(source: BinaryIO) -> bytes:
    source.seek(0)
    header = source.read(HEADER_BYTES)
    source.seek(0)
    return header


def _open(source: BinaryIO, header: bytes) -> Any:
    if looks_like_image(header):
        raise _not_a_video("the file is a still image, not a video")
    if looks_like_text(header):
        raise _not_a_video("the file is text, not a video")
    try:
        return av.open(source, mode="r", metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as error:
        if looks_like_video_container(header):
            raise pipeline_error(ErrorCode.CORRUPT, f"the video container cannot be read: {_reason(error)}") from None
        raise _not_a_video(f"the file is not a recognised video format: {_reason(error)}") from None


def _rotation(frame: Any) -> int:
    """Clockwise rotation a player applies for display (the old ``rotate`` tag): 0, 90, 180 or 270.

    FFmpeg reports the display matrix counter-clockwise; an upright phone video reads 90.
    """
    return int(round(-float(getattr(frame, "rotation", 0) or 0) / 90.0)) * 90 % 360


def _stated_duration_s(container: Any, stream: Any) -> float | None:
    """The duration the container states (s), or ``None`` (e.g. WebM recorded by a browser)."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return None


def _measured_duration_s(container: Any, stream: Any) -> float | None:
    """The duration (s) from the packets' timestamps, demuxing (not decoding) the rest of the file."""
    first, end = None, None
    for packet in container.demux(stream):
        if packet.pts is None:
            continue
        first = packet.pts if first is None else min(first, packet.pts)
        stop = packet.pts + (packet.duration or 0)
        end = stop if end is None else max(end, stop)
    if first is None or end is None or stream.time_base is None:
        return None
    return float((end - first) * stream.time_base)


def _check_duration(duration_s: float, limits: VideoLimits | None) -> None:
    if limits is not None and duration_s > limits.max_seconds:
        raise pipeline_error(
            ErrorCode.TOO_LONG,
            f"the video lasts {duration_s:.1f} s; the limit is {limits.max_seconds:g} s",
            value=round(duration_s, 3),
        )


def probe_video(source: BinaryIO, *, size_bytes: int, limits: VideoLimits | None = None) -> VideoProbe:
    """Describe ``source``'s first video stream and, given ``limits``, enforce them.

    Checks run cheapest first: container, video stream, codec, resolution, duration, and last the
    first frame is decoded (CORRUPT when it cannot be, NO_DECODABLE_FRAMES when there is none). A
    container that states no duration (browser recordings in WebM) is measured from its packet
    timestamps, which reads the whole file.
    """
    header = _header(source)
    container = _open(source, header)
    try:
        streams = [s for s in container.streams.video if not s.disposition & av.stream.Disposition.attached_pic]
        if not container.streams and looks_like_video_container(header):
            raise pipeline_error(ErrorCode.NO_DECODABLE_FRAMES,
                                 "the video holds no frames (a recording stopped before its first frame?)",
                                 value=container.format.name)
        if not streams:
            kinds = sorted({s.type for s in container.streams}) or ["no streams"]
            raise _not_a_video(f"the file has no video stream ({', '.join(kinds)})", value=container.format.name)
        stream = streams[0]
        codec = stream_codec(stream)
        fmt = container.format.name
        if codec in IMAGE_CODECS or fmt.endswith("_pipe") or fmt == "image2":
            raise _not_a_video(f"the file is a still image ({codec}), not a video", value=codec)
        accepted = canonical_codecs(limits.codecs) if limits is not None else None
        if accepted is not None and codec not in accepted:
            raise pipeline_error(
                ErrorCode.UNSUPPORTED_CODEC,
                f"video codec {codec!r} is not supported; use one of {', '.join(sorted(accepted))}",
                value=codec,
            )
        width, height = int(stream.codec_context.width), int(stream.codec_context.height)
        if width <= 0 or height <= 0:
            raise pipeline_error(ErrorCode.CORRUPT, "the video stream has no frame size", value=f"{width}x{height}")
        if limits is not None and width * height > limits.max_pixels:
            raise pipeline_error(
                ErrorCode.RESOLUTION_TOO_HIGH,
                f"frames are {width}x{height} ({width * height} pixels); the limit is {limits.max_pixels} pixels",
                value=f"{width}x{height}",
            )
        duration_s = _stated_duration_s(container, stream)
        if duration_s is not None:
            _check_duration(duration_s, limits)
        rate = stream.average_rate or stream.guessed_rate
        try:
            first = next(container.decode(stream), None)
        except (av.error.FFmpegError, ValueError) as error:
            raise pipeline_error(ErrorCode.CORRUPT, f"the first frame cannot be decoded: {_reason(error)}") from None
        if first is None:
            raise pipeline_error(ErrorCode.NO_DECODABLE_FRAMES, "the video stream holds no frame", value=codec)
        if duration_s is None:
            duration_s = _measured_duration_s(container, stream)
            if duration_s is None:
                raise pipeline_error(
                    ErrorCode.CORRUPT,
                    "the video has no timestamps (a raw stream?); upload it in an MP4, MOV, WebM or MKV container",
                    value=fmt,
                )
            _check_duration(duration_s, limits)
        rotation = _rotation(first)
        if rotation in (90, 270):
            width, height = height, width
        return VideoProbe(
            size_bytes=size_bytes,
            container=fmt,
            codec=codec,
            duration_s=round(duration_s, 3),
            width=width,
            height=height,
            fps=round(float(rate), 3) if rate else 0.0,
            frame_count=int(stream.frames) if stream.frames else None,
            rotation_deg=rotation,
        )
    finally:
        container.close()
