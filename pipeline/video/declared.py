"""What a client declares about its upload at ``POST /jobs`` and how the upload carries it to validation.

* The media type is parsed as a MIME ``Content-Type`` header (stdlib ``email.headerregistry``):
  case and parameters are accepted (``Video/MP4``, ``video/webm;codecs="vp8, opus"``, the unquoted
  ``video/webm;codecs=vp8,opus`` a browser's MediaRecorder reports); what is bound into the upload
  form and so stored on the object is the bare, lower-cased ``type/subtype``.
* The declared size (bytes) travels as the object's user metadata :data:`DECLARED_SIZE_METADATA`,
  bound exactly by the upload form's policy, so ValidateUpload can compare it with the object's size
  without reading the job item.
"""

from __future__ import annotations

import re
from email.headerregistry import HeaderRegistry

from pipeline.errors import ErrorCode, pipeline_error

#: User metadata name (``x-amz-meta-<name>`` in the form; ``Metadata[<name>]`` on HeadObject).
DECLARED_SIZE_METADATA = "declared-size"
#: The form field that carries it.
DECLARED_SIZE_FIELD = f"x-amz-meta-{DECLARED_SIZE_METADATA}"
#: RFC 6838 ``restricted-name`` of a subtype (``mp4``, ``x-matroska``, ``quicktime``).
_SUBTYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")
_HEADERS = HeaderRegistry()
EXAMPLES = "video/mp4, video/quicktime or video/webm"


def video_media_type(text: str) -> str:
    """The bare lower-cased ``video/<subtype>`` of ``text``; NOT_A_VIDEO for any other type.

    Parameters are dropped (a malformed parameter too: they never reach S3); the type itself must
    be well formed: ``video/`` or ``video/*`` are refused.
    """
    header = _HEADERS("content-type", text)
    written = text.split(";", 1)[0].strip().lower()
    if header.maintype != "video" or header.content_type != written or not _SUBTYPE.fullmatch(header.subtype):
        raise pipeline_error(ErrorCode.NOT_A_VIDEO, f"content_type must be a video type such as {EXAMPLES}",
                             value=text)
    return header.content_type


def check_declared_size(size_bytes: int, declared: str | int | None) -> None:
    """SIZE_MISMATCH when the object's ``size_bytes`` differs from the declared size (bytes).

    ``None`` (an upload made without the API's form) checks nothing; a declared value that is not a
    whole number is a mismatch too.
    """
    if declared is None:
        return
    try:
        expected = int(str(declared).strip())
    except ValueError:
        expected = None
    if expected != size_bytes:
        raise pipeline_error(
            ErrorCode.SIZE_MISMATCH,
            f"the upload is {size_bytes} bytes but {declared} bytes were declared at POST /jobs; "
            "create a new job with the file's real size",
            value=size_bytes,
        )
