"""Which video codecs the pipeline accepts, named as FFmpeg names the *codec*, never a decoder.

PyAV opens a stream with whichever decoder FFmpeg prefers: AV1 decodes with ``libdav1d``, so the
decoder's name is not the codec's. :func:`stream_codec` reads the codec id's name (``av1``) and
:func:`canonical_codec` folds the other names people and containers use (``h265``, ``hvc1``,
``av01``...) onto it, so a limit written with an alias still matches.
"""

from __future__ import annotations

from typing import Any, Iterable

#: Video codecs the analysis task decodes (FFmpeg codec names). Intra-only/professional codecs
#: (prores, mjpeg, ffv1, ...) and legacy ones (mpeg2video, wmv) are refused: phones and browsers
#: record the ones below, and each one decodes with PyAV's bundled FFmpeg.
SUPPORTED_CODECS: frozenset[str] = frozenset({"h264", "hevc", "vp8", "vp9", "av1", "mpeg4"})
#: Still-image codecs: a "video" stream made of one of these is a picture, not a video.
IMAGE_CODECS: frozenset[str] = frozenset({"png", "apng", "bmp", "gif", "webp", "tiff", "jpeg2000", "pam", "ppm", "qoi"})
#: Other names of a codec (sample-entry fourccs, marketing names, decoder names) -> its FFmpeg name.
CODEC_ALIASES: dict[str, str] = {
    "avc": "h264", "avc1": "h264", "avc3": "h264", "x264": "h264", "libx264": "h264",
    "h265": "hevc", "hvc1": "hevc", "hev1": "hevc", "x265": "hevc", "libx265": "hevc",
    "vp08": "vp8", "libvpx": "vp8", "vp09": "vp9", "libvpx-vp9": "vp9",
    "av01": "av1", "libdav1d": "av1", "libaom-av1": "av1", "libsvtav1": "av1",
    "mp4v": "mpeg4", "xvid": "mpeg4", "divx": "mpeg4",
}


def canonical_codec(name: str) -> str:
    """The FFmpeg codec name for ``name`` or any of its aliases, lower-cased (unknown names pass through)."""
    folded = name.strip().lower()
    return CODEC_ALIASES.get(folded, folded)


def canonical_codecs(names: Iterable[str]) -> frozenset[str]:
    """:func:`canonical_codec` of each name."""
    return frozenset(canonical_codec(name) for name in names)


def stream_codec(stream: Any) -> str:
    """The codec of a PyAV stream (``av1``), not the decoder PyAV opened for it (``libdav1d``)."""
    codec = stream.codec_context.codec
    return canonical_codec(getattr(codec, "canonical_name", None) or codec.name)
