"""The upload corpus: what phones, browsers and confused clients really send, and what each must get.

Used by the validate_upload tests here and by the end-to-end tests on the embedded AWS. Every file is
generated (PyAV for media, Pillow for images, the stdlib for documents and archives) into a directory
the caller gives; nothing is downloaded. Sizes and durations follow the limits passed in, so the
oversized and over-long files are only just over them. Clips are tiny (160×120, about a second).

Each case names two results:

* ``expected_code``: what ValidateUpload says of the file once it is in S3 (``None``: accepted);
* ``outcome``: what the person sees when a client sends the case through the API as a browser
  would (POST /jobs, then the presigned form, then the job's final status).

    cases = build_corpus(tmp_path, max_upload_mb=1, max_video_seconds=5)
    cases["truncated"].path, cases["truncated"].expected_code  # -> Path(...), "CORRUPT"
    cases["declared_too_small"].outcome  # -> Outcome("upload", 400, "EntityTooLarge")
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
from PIL import Image

GOOD_SIZE = (160, 120)  # width, height in pixels
GOOD_FPS = 10
GOOD_FRAMES = 12
#: An encoder that PyAV's bundled FFmpeg has for each supported codec, and a container for it.
ENCODERS: dict[str, tuple[str, str]] = {
    "h264": ("libx264", "mp4"),
    "hevc": ("libx265", "mp4"),
    "vp8": ("libvpx", "webm"),
    "vp9": ("libvpx-vp9", "webm"),
    "av1": ("libsvtav1", "mp4"),
    "mpeg4": ("mpeg4", "mp4"),
}
#: Encoder options: fast and quiet. x265 runs without B-frames because, with them, the bundled libx265 now and
#: then hands a 2-frame clip's packets an uninitialised decode timestamp, which the MOV muxer refuses
#: ("pts/dts pair unsupported"): 10 of 40 encodes failed that way, none of 40 without B-frames.
_QUIET_OPTIONS = {
    "libx264": {"preset": "ultrafast"},
    "libx265": {"preset": "ultrafast", "x265-params": "log-level=error:bframes=0"},
    "libsvtav1": {"preset": "12", "svtav1-params": "lp=1"},
}
#: Where a case stops: POST /jobs answers, the presigned form's POST to S3 answers, or the job ends.
API, UPLOAD, JOB = "POST /jobs", "upload", "job"


@dataclass(frozen=True)
class Outcome:
    """What the person sees: ``stage`` (API/UPLOAD/JOB), an HTTP status or job status, and a code."""

    stage: str
    status: int | str
    code: str | None = None

    def __str__(self) -> str:
        return f"{self.stage}: {self.status}" + (f" {self.code}" if self.code else "")


COMPLETED = Outcome(JOB, "COMPLETED")


def failed(code: str) -> Outcome:
    return Outcome(JOB, "FAILED", code)


@dataclass(frozen=True)
class CorpusCase:
    """One upload: the file, the name, type and size a client declares, and the results it must get.

    ``declared_size`` is what the client claims at POST /jobs (``None``: the file's real size);
    ``form_changes`` are fields the client alters in the presigned form before sending it;
    ``outside_form`` puts the object straight into S3 (as a misbehaving store or an operator might),
    carrying the declared size as metadata, so only validation can catch a lie.
    """

    name: str
    path: Path
    filename: str
    content_type: str | None
    expected_code: str | None  # what ValidateUpload says of the file (None: the upload is valid)
    description: str
    outcome: Outcome = COMPLETED
    declared_size: int | None = None
    form_changes: dict[str, str] = field(default_factory=dict)
    outside_form: bool = False

    def request_body(self) -> dict[str, Any]:
        """The JSON body of POST /jobs for this case (``content_type`` left out when ``None``)."""
        body: dict[str, Any] = {"filename": self.filename, "size_bytes": self.size_to_declare()}
        if self.content_type is not None:
            body["content_type"] = self.content_type
        return body

    def size_to_declare(self) -> int:
        return self.declared_size if self.declared_size is not None else self.path.stat().st_size


def _frames(width: int, height: int, count: int) -> list[np.ndarray]:
    """A coloured square moving over a grey table: real motion, cheap to encode."""
    frames = []
    for index in range(count):
        image = np.full((height, width, 3), 90, dtype=np.uint8)
        x = (index * 7) % max(1, width - height // 3)
        image[height // 3 : 2 * height // 3, x : x + height // 3] = (200, 120, 40)
        frames.append(image)
    return frames


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


def _audio_stream(output: Any, codec: str, rate: int = 48_000) -> Any:
    """A mono sound track in ``codec`` (aac, libopus); add every stream before muxing a packet."""
    stream = output.add_stream(codec, rate=rate)
    stream.layout = "mono"
    return stream


def _mux_tone(output: Any, stream: Any, seconds: float) -> None:
    """A quiet 440 Hz tone of ``seconds`` (s) on ``stream``."""
    rate = stream.codec_context.sample_rate
    samples = int(seconds * rate)
    tone = (0.2 * np.sin(2 * np.pi * 440 * np.arange(samples) / rate)).astype(np.float32)
    chunk = stream.codec_context.frame_size or 1024
    for start in range(0, samples - chunk + 1, chunk):
        frame = av.AudioFrame.from_ndarray(tone[start : start + chunk].reshape(1, -1), format="fltp",
                                           layout="mono")  # the encoder converts to its own format
        frame.sample_rate, frame.pts = rate, start
        output.mux(stream.encode(frame))
    output.mux(stream.encode(None))


@contextmanager
def _keeping_scheduling_policy() -> Iterator[None]:
    """Restore the calling thread's CPU scheduling policy after an encoder changed it.

    SVT-AV1 (libsvtav1), run as root, puts the thread that opens it under SCHED_FIFO at priority 99. Every
    process that thread starves afterwards (the embedded AWS, analysis processes, the browser) then inherits
    a real-time policy, under which a busy process is never time-sliced: on 2 cores the test run crawled and
    its encoder threads spun for minutes.
    """
    policy, parameters = os.sched_getscheduler(0), os.sched_getparam(0)
    try:
        yield
    finally:
        if (os.sched_getscheduler(0), os.sched_getparam(0)) != (policy, parameters):
            os.sched_setscheduler(0, policy, parameters)


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
    audio: str | None = None,
    container_options: dict[str, str] | None = None,
    streamed: bool = False,
) -> Path:
    """Encode a short clip; ``pts_step`` > 1 spreads the frames out in time (a long, cheap video).

    ``audio`` adds a sound track in that codec; ``container_options`` go to the muxer (e.g.
    ``movflags`` for fragmented MP4); ``streamed`` writes to a non-seekable sink, as a browser's
    MediaRecorder does, so the container states no duration.
    """
    width, height = size
    sink = _StreamSink() if streamed else None
    with _keeping_scheduling_policy(), av.open(sink if sink is not None else str(path), "w", format=container,
                                               options=container_options or {}) as output:
        stream = output.add_stream(codec, rate=Fraction(fps, 1))
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        stream.options = dict(_QUIET_OPTIONS.get(codec, {}))
        if rotation_deg is not None:
            stream.set_display_rotation(rotation_deg)
        sound = _audio_stream(output, audio) if audio is not None else None
        for index, image in enumerate(_frames(width, height, frames)):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = index * pts_step
            frame.time_base = Fraction(1, fps)
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
        if sound is not None:
            _mux_tone(output, sound, frames * pts_step / fps)
    if sink is not None:
        path.write_bytes(bytes(sink.data))
    return path


def write_supported(path: Path, codec: str, **options: Any) -> Path:
    """A clip in ``codec`` (a key of :data:`ENCODERS`) in its usual container."""
    encoder, container = ENCODERS[codec]
    return write_video(path, codec=encoder, container=container, **options)


def write_streamed_webm(path: Path, *, fps: int = GOOD_FPS, frames: int = GOOD_FRAMES,
                        audio: str | None = None) -> Path:
    """A VP9 WebM written as a stream, like a browser's MediaRecorder: no duration in its header."""
    return write_video(path, codec="libvpx-vp9", container="webm", fps=fps, frames=frames, audio=audio,
                       streamed=True)


def write_audio_only(path: Path, seconds: float = 1.0, *, codec: str = "aac", container: str = "mp4") -> Path:
    """A tone with no picture: AAC in MP4 (a voice memo) or Opus in WebM (a browser audio recording)."""
    with av.open(str(path), "w", format=container) as output:
        _mux_tone(output, _audio_stream(output, codec), seconds)
    return path


def write_subtitles_only(path: Path) -> Path:
    """A Matroska file holding only a SubRip subtitle track."""
    srt = b"1\n00:00:00,000 --> 00:00:01,500\nBon appetit\n\n2\n00:00:02,000 --> 00:00:03,000\nDessert\n\n"
    with av.open(io.BytesIO(srt), format="srt") as source, av.open(str(path), "w", format="matroska") as output:
        subtitles = output.add_stream_from_template(source.streams[0])
        for packet in source.demux(source.streams[0]):
            if packet.dts is not None:
                packet.stream = subtitles
                output.mux(packet)
    return path


def write_frameless(path: Path) -> Path:
    """An MP4 whose recording stopped before its first frame: a header, no samples, zero duration."""
    with av.open(str(path), "w", format="mp4") as output:
        stream = output.add_stream("libx264", rate=GOOD_FPS)
        stream.width, stream.height, stream.pix_fmt = *GOOD_SIZE, "yuv420p"
        output.start_encoding()
    return path


def _image_bytes(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(_frames(*GOOD_SIZE, 1)[0]).save(buffer, format=image_format)
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    """A one-page PDF (a menu) with a binary marker line, as PDF writers produce."""
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def _zip_bytes(good_video: bytes) -> bytes:
    """A ZIP archive holding a good video: the video is inside, but the upload is an archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("meal.mp4", good_video)
        archive.writestr("notes.json", json.dumps({"meal": "dinner"}))
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
    limit = max_upload_mb * 2**20
    cases: list[CorpusCase] = []

    def case(name: str, path: Path, filename: str, content_type: str | None, code: str | None, description: str,
             outcome: Outcome | None = None, **options: Any) -> None:
        if outcome is None:
            outcome = COMPLETED if code is None else failed(code)
        cases.append(CorpusCase(name, path, filename, content_type, code, description, outcome, **options))

    def write(name: str, suffix: str, content: bytes) -> Path:
        path = directory / f"{name}{suffix}"
        path.write_bytes(content)
        return path

    # what phones and browsers record: accepted, and analysed end to end
    case("good", good, "meal.mp4", "video/mp4", None, "a short H.264 MP4")
    case("phone_mov_h264", write_video(directory / "iphone.mov", container="mov", rotation_deg=-90, audio="aac"),
         "IMG_0042.MOV", "video/quicktime", None, "an iPhone MOV: H.264 + AAC, portrait (rotation metadata)")
    case("phone_mov_hevc_10bit",
         write_video(directory / "iphone_hdr.mov", codec="libx265", container="mov", pix_fmt="yuv420p10le",
                     rotation_deg=-90, audio="aac"),
         "IMG_0043.MOV", "video/quicktime", None, "an iPhone HDR MOV: 10-bit HEVC, portrait, AAC")
    case("android_av1", write_supported(directory / "pixel_av1.mp4", "av1", audio="aac"),
         "PXL_20250101_120000.mp4", "video/mp4", None, "an Android AV1 MP4 (decoded by libdav1d)")
    case("browser_webm_vp8_opus", write_video(directory / "recorder_vp8.webm", codec="libvpx", container="webm",
                                              audio="libopus", streamed=True),
         "recording.webm", 'video/webm;codecs="vp8, opus"', None,
         "MediaRecorder WebM: VP8 + Opus, no stored duration, quoted codecs parameter")
    case("browser_webm_vp9_opus", write_streamed_webm(directory / "recorder_vp9.webm", audio="libopus"),
         "recording.webm", "video/webm;codecs=vp9,opus", None,
         "MediaRecorder WebM: VP9 + Opus, no stored duration, unquoted codecs parameter")
    case("browser_fragmented_mp4",
         write_video(directory / "recorder_frag.mp4", audio="aac",
                     container_options={"movflags": "frag_keyframe+empty_moov+default_base_moof"}),
         "recording.mp4", "Video/MP4", None, "Safari MediaRecorder: fragmented MP4, H.264 + AAC, type in mixed case")
    case("mpeg4_avi", write_video(directory / "camera.avi", codec="mpeg4", container="avi"),
         "MOV00017.AVI", "video/x-msvideo", None, "an old camera's MPEG-4 Part 2 AVI")
    case("single_frame", write_video(directory / "one_frame.mp4", frames=1), "blink.mp4", "video/mp4", None,
         "one frame (0.1 s): short, but a picture of the meal")
    case("wrong_video_type", directory / "recorder_vp9.webm", "recording.webm", "video/mp4", None,
         "a WebM declared as video/mp4: the content is probed, the declared type only bound to the form")

    # names: the key is made safe, the job keeps the person's name
    case("path_traversal", good, "../../etc/passwd.mp4", "video/mp4", None,
         "a good video whose filename tries to escape its folder")
    case("windows_traversal", good, "..\\..\\Windows\\System32\\dinner.mp4", "video/mp4", None,
         "a Windows path with traversal")
    case("unicode_name", directory / "iphone.mov", "Crème brûlée 🍮 — dîner.MOV", "video/quicktime", None,
         "accents, an emoji and a dash in the name")
    case("long_name", good, "repas " * 60 + ".mp4", "video/mp4", None, "a 364-character name (the key keeps 100)")
    case("name_too_long", good, "x" * 1100 + ".mp4", "video/mp4", None, "a name over 1,024 characters",
         Outcome(API, 400, "INVALID_INPUT"))
    case("traversal_only", good, "../../", "video/mp4", None, "a name that is only a path",
         Outcome(API, 400, "INVALID_INPUT"))
    case("document_name", write("document", ".pdf", _pdf_bytes()), "menu.pdf", "video/mp4",
         "NOT_A_VIDEO", "a PDF under its own name", Outcome(API, 400, "INVALID_INPUT"))

    # declared types
    case("image_type", good, "meal.mp4", "image/png", None, "a video declared as an image",
         Outcome(API, 400, "NOT_A_VIDEO"))
    case("octet_stream_type", good, "meal.mp4", "application/octet-stream", None,
         "the generic type a client sends when it does not know", Outcome(API, 400, "NOT_A_VIDEO"))
    case("wildcard_type", good, "meal.mp4", "video/*", None, "a wildcard, not a type",
         Outcome(API, 400, "NOT_A_VIDEO"))
    case("missing_type", good, "meal.mp4", None, None, "no content_type at all",
         Outcome(API, 400, "INVALID_INPUT"))
    case("empty_type", good, "meal.mp4", "", None, "an empty content_type", Outcome(API, 400, "INVALID_INPUT"))
    case("form_type_changed", good, "meal.mp4", "video/mp4", None,
         "the client sends another Content-Type than the form's", Outcome(UPLOAD, 403, "AccessDenied"),
         form_changes={"Content-Type": "video/quicktime"})

    # declared sizes
    size = len(good_bytes)
    case("declared_too_small", good, "meal.mp4", "video/mp4", None, "declares 1,000 bytes, sends more",
         Outcome(UPLOAD, 400, "EntityTooLarge"), declared_size=1000)
    case("declared_too_large", good, "meal.mp4", "video/mp4", None, "declares more than it sends",
         Outcome(UPLOAD, 400, "EntityTooSmall"), declared_size=size + 100)
    case("declared_over_limit", good, "meal.mp4", "video/mp4", None, f"declares {max_upload_mb} MiB + 1 byte",
         Outcome(API, 413, "TOO_LARGE"), declared_size=limit + 1)
    case("size_mismatch", good, "meal.mp4", "video/mp4", "SIZE_MISMATCH",
         "put outside the form with a declared size 10 bytes short", declared_size=size - 10, outside_form=True)

    # files that are not videos, or not ones the pipeline reads
    case("empty", write("empty", ".mp4", b""), "empty.mp4", "video/mp4", "EMPTY",
         "zero bytes (declares 1: the form refuses the empty body)", Outcome(UPLOAD, 400, "EntityTooSmall"),
         declared_size=1)
    case("text", write("text", ".mp4", b"This is a shopping list, not a video.\neggs\nrice\nmilk\n" * 20),
         "notes.mp4", "video/mp4", "NOT_A_VIDEO", "a text file renamed .mp4")
    case("png", write("png", ".mp4", _image_bytes("PNG")), "photo.mp4", "video/mp4", "NOT_A_VIDEO",
         "a PNG image renamed .mp4")
    case("jpeg", write("jpeg", ".mov", _image_bytes("JPEG")), "IMG_0044.MOV", "video/quicktime", "NOT_A_VIDEO",
         "a JPEG photo renamed .MOV")
    case("pdf", write("pdf", ".mp4", _pdf_bytes()), "menu.mp4", "video/mp4", "NOT_A_VIDEO",
         "a PDF document renamed .mp4")
    case("zip", write("zip", ".mp4", _zip_bytes(good_bytes)), "meal.zip.mp4", "video/mp4", "NOT_A_VIDEO",
         "a ZIP archive (holding a video) renamed .mp4")
    case("truncated", write("truncated", ".mp4", good_bytes[: len(good_bytes) * 3 // 5]), "cut.mp4", "video/mp4",
         "CORRUPT", "the first 60% of an MP4 (its index, at the end, is lost)")
    case("audio_only", write_audio_only(directory / "audio_only.mp4"), "song.mp4", "video/mp4", "NOT_A_VIDEO",
         "an MP4 with only audio (a voice memo)")
    case("audio_only_webm", write_audio_only(directory / "audio_only.webm", codec="libopus", container="webm"),
         "voice.webm", "video/webm", "NOT_A_VIDEO", "a browser's audio-only recording: Opus in WebM")
    case("subtitles_only", write_subtitles_only(directory / "subtitles.mkv"), "captions.mkv", "video/x-matroska",
         "NOT_A_VIDEO", "a Matroska file with only a subtitle track")
    case("frameless", write_frameless(directory / "frameless.mp4"), "stopped.mp4", "video/mp4",
         "NO_DECODABLE_FRAMES", "an MP4 header without a single frame (zero duration)")
    oversized = directory / "oversized.mp4"
    with oversized.open("wb") as handle:  # a valid video padded past the limit
        handle.write(good_bytes)
        handle.truncate(limit + 1)
    case("oversized", oversized, "big.mp4", "video/mp4", "TOO_LARGE",
         f"{max_upload_mb} MiB + 1 byte, declared at the limit", Outcome(UPLOAD, 400, "EntityTooLarge"),
         declared_size=limit)
    step = int(max_video_seconds) + 5
    case("too_long", write_video(directory / "too_long.mp4", fps=1, frames=2, pts_step=step), "long.mp4",
         "video/mp4", "TOO_LONG", f"two frames {step} s apart (limit {max_video_seconds:g} s)")
    case("unsupported_codec", write_video(directory / "mpeg2.mkv", codec="mpeg2video", container="matroska"),
         "old.mkv", "video/x-matroska", "UNSUPPORTED_CODEC", "MPEG-2 video in Matroska")
    case("prores", write_video(directory / "prores.mov", codec="prores_ks", container="mov", pix_fmt="yuv422p10le",
                               frames=3),
         "IMG_0045.MOV", "video/quicktime", "UNSUPPORTED_CODEC", "an iPhone Pro's ProRes MOV")
    case("mjpeg", write_video(directory / "mjpeg.avi", codec="mjpeg", container="avi", pix_fmt="yuvj420p", frames=3),
         "webcam.avi", "video/x-msvideo", "UNSUPPORTED_CODEC", "a webcam's Motion JPEG AVI")
    if max_video_pixels is not None:
        height = 64
        width = ((max_video_pixels // height) // 16 + 1) * 16
        big = write_video(directory / "too_high.mp4", size=(width, height), frames=1)
        case("resolution_too_high", big, "wide.mp4", "video/mp4", "RESOLUTION_TOO_HIGH",
             f"{width}x{height} frames (limit {max_video_pixels} pixels)")
    return {item.name: item for item in cases}
