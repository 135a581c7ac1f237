"""Recognise a file's kind from its first bytes (magic numbers), before FFmpeg guesses.

FFmpeg's format probing will happily "open" a PNG or a text file; these checks let upload validation
say NOT_A_VIDEO for them, and tell a damaged video (CORRUPT) from something that never was one.
"""

from __future__ import annotations

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"BM",  # BMP
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)
_ISO_BMFF_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot")


def looks_like_image(header: bytes) -> bool:
    """PNG, JPEG, GIF, BMP, TIFF or WebP (RIFF....WEBP) header."""
    if header.startswith(b"RIFF") and header[8:12] == b"WEBP":
        return True
    return any(header.startswith(magic) for magic in _IMAGE_MAGIC) and not looks_like_video_container(header)


def looks_like_video_container(header: bytes) -> bool:
    """MP4/MOV (ISO BMFF), Matroska/WebM, AVI, MPEG-TS/PS or FLV header."""
    return (
        header[4:8] in _ISO_BMFF_BOXES
        or header.startswith(b"\x1a\x45\xdf\xa3")
        or (header.startswith(b"RIFF") and header[8:12] == b"AVI ")
        or header.startswith(b"\x00\x00\x01\xba")
        or (len(header) > 0 and header[0] == 0x47 and header[1:2] in (b"\x40", b"\x00", b"\x41", b"\x01"))
        or header.startswith(b"FLV")
    )


def looks_like_text(header: bytes) -> bool:
    """Mostly printable UTF-8 with no NUL bytes: a text file, whatever its name says."""
    if not header or b"\x00" in header or looks_like_video_container(header):
        return False
    try:
        text = header.decode("utf-8")
    except UnicodeDecodeError:
        # the header may end inside a multi-byte character
        try:
            text = header[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * len(text)
