"""ValidateUpload: probe an uploaded video in S3 and accept it, or fail with a stable error code.

Payload ``{job_id, bucket, key}``; returns the probe ``{size_bytes, container, codec, duration_s,
width, height, fps, frame_count, rotation_deg}``. A bad upload raises ``pipeline_error(code, ...)``,
whose class name is the code, so the state machine's ``Error`` is EMPTY, TOO_LARGE, SIZE_MISMATCH,
NOT_A_VIDEO, CORRUPT, NO_DECODABLE_FRAMES, TOO_LONG, UNSUPPORTED_CODEC, RESOLUTION_TOO_HIGH or
UPLOAD_NOT_FOUND.

The object is read with ranged GETs (``S3RangeReader``); its size and the size declared at POST /jobs
(the ``declared-size`` metadata the upload form binds) come from a HEAD first, so empty, oversized and
mis-declared uploads are refused without reading a byte.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lambdas.common import clients
from lambdas.common.s3_reader import S3RangeReader
from pipeline.errors import ErrorCode, pipeline_error, s3_key_missing
from pipeline.layout import JOB_ID_PATTERN
from pipeline.runtime_settings import ValidateUploadEnvironment, read_settings
from pipeline.validation import first_problem
from pipeline.video.declared import DECLARED_SIZE_METADATA, check_declared_size
from pipeline.video.probe import VideoLimits, check_size, probe_video

logger = Logger(service="validate_upload")


class ValidateRequest(BaseModel):
    """The state's payload."""

    model_config = ConfigDict(extra="ignore")
    job_id: str = Field(pattern=JOB_ID_PATTERN)
    bucket: str = Field(min_length=3, max_length=63)
    key: str = Field(min_length=1, max_length=1024)


def video_limits() -> VideoLimits:
    """Limits from ``MAX_UPLOAD_MB``, ``MAX_VIDEO_SECONDS`` and ``MAX_VIDEO_PIXELS``."""
    return VideoLimits.of(read_settings(ValidateUploadEnvironment))


def _parse(event: Any) -> ValidateRequest:
    try:
        return ValidateRequest.model_validate(event)
    except ValidationError as error:
        raise pipeline_error(
            ErrorCode.INVALID_INPUT,
            f"expected {{job_id, bucket, key}}: {first_problem(error).describe(whole='(event)')}",
            value=str(event)[:200],
        ) from None


def _object_head(s3: Any, bucket: str, key: str) -> tuple[int, str | None]:
    """The object's size (bytes) and the size declared for it (``None``: uploaded without the form)."""
    try:
        head = s3.head_object(Bucket=bucket, Key=key)
        return int(head["ContentLength"]), (head.get("Metadata") or {}).get(DECLARED_SIZE_METADATA)
    except ClientError as error:
        if s3_key_missing(error.response) or error.response.get("Error", {}).get("Code") == "NoSuchBucket":
            raise pipeline_error(ErrorCode.UPLOAD_NOT_FOUND, f"no upload at s3://{bucket}/{key}", value=key) from None
        raise


def validate(request: ValidateRequest, limits: VideoLimits) -> dict[str, Any]:
    """Probe ``s3://bucket/key`` within ``limits``; the probe as a dict, or a ``PipelineError``."""
    s3 = clients.client("s3")
    size, declared = _object_head(s3, request.bucket, request.key)
    check_size(size, limits)
    check_declared_size(size, declared)
    with S3RangeReader(s3, request.bucket, request.key, size) as source:
        probe = probe_video(source, size_bytes=size, limits=limits)
        logger.info("upload accepted", extra={"probe": probe.to_dict(), "range_requests": source.requests,
                                              "bytes_read": source.bytes_fetched})
    return probe.to_dict()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request = _parse(event)
    logger.append_keys(job_id=request.job_id, request_id=getattr(context, "aws_request_id", None))
    try:
        return validate(request, video_limits())
    except Exception as error:
        logger.warning("upload rejected", extra={"error_type": type(error).__name__, "error": str(error)})
        raise
