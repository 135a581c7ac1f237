"""Upload filenames made safe for an S3 key: no path traversal, bounded length, ASCII-only.

The key component (``safe_filename``) keeps only ``[A-Za-z0-9._-]`` so that every S3 event, URL
encoding and shell sees the same bytes; accents are folded (``Crème`` -> ``Creme``) and other
characters become ``_``. The name the person chose is kept, unicode intact but control characters
removed, by ``display_filename`` for the job item.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.errors import ErrorCode, pipeline_error

#: Extensions accepted for uploads (lower case, with the dot).
ALLOWED_VIDEO_EXTENSIONS: tuple[str, ...] = (".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi")
#: Longest key component (characters, extension included); S3 keys may be 1024 bytes in all.
MAX_SAFE_FILENAME_CHARS = 100
#: Longest display name kept on the job item (characters).
MAX_DISPLAY_FILENAME_CHARS = 255
DEFAULT_STEM = "video"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_REPEATS = re.compile(r"([._-])[._-]+")


def _without_control_characters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch)[0] != "C")


def _basename(name: str) -> str:
    """The last non-empty path component, treating both ``/`` and ``\\`` as separators."""
    parts = [part for part in re.split(r"[/\\]+", name) if part.strip()]
    return parts[-1].strip() if parts else ""


def display_filename(name: str) -> str:
    """The upload's own name for people to read: basename, no control characters, bounded length."""
    return _basename(_without_control_characters(name))[:MAX_DISPLAY_FILENAME_CHARS]


def split_extension(name: str) -> tuple[str, str]:
    """``(stem, extension)`` with the extension lower-cased and including its dot ("" if none)."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        return name, ""
    return stem, "." + ext.lower()


def safe_filename(name: str) -> str:
    """An ASCII key component for ``name``, or ``INVALID_INPUT`` when it is not a video filename.

    ``../../etc/passwd.mp4`` -> ``passwd.mp4``; ``Crème brûlée 🍮.MOV`` -> ``Creme_brulee.mov``.
    """
    if not isinstance(name, str) or not name.strip():
        shown = name if isinstance(name, str) else None
        raise pipeline_error(ErrorCode.INVALID_INPUT, "filename is empty", value=shown)
    base = _basename(_without_control_characters(name))
    stem, ext = split_extension(base)
    if ext not in ALLOWED_VIDEO_EXTENSIONS:
        raise pipeline_error(
            ErrorCode.INVALID_INPUT,
            f"filename must end in one of {', '.join(ALLOWED_VIDEO_EXTENSIONS)}",
            value=name[:MAX_DISPLAY_FILENAME_CHARS],
        )
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    cleaned = _REPEATS.sub(r"\1", _UNSAFE.sub("_", folded)).strip("._-")
    cleaned = cleaned[: MAX_SAFE_FILENAME_CHARS - len(ext)].rstrip("._-") or DEFAULT_STEM
    return cleaned + ext


UPLOAD_STEM = "video"


def upload_name(safe_name: str) -> str:
    """The object name an upload gets: ``video`` and the extension of ``safe_name`` (from
    :func:`safe_filename`). Nothing of the person's file name reaches an S3 key, which access logs,
    inventories and events repeat; the name is kept on the job item only (``display_filename``)."""
    return UPLOAD_STEM + split_extension(safe_name)[1]
