"""POST /jobs: create a job and an S3 presigned POST bound to its upload key, once per request.

The form only accepts ``uploads/{job_id}/{safe name}``, a body of 1 byte .. MAX_UPLOAD_MB MiB and the
declared ``video/*`` Content-Type. A retried request (same body and same ``Idempotency-Key`` header)
within ``IDEMPOTENCY_WINDOW_S`` gets the first answer back instead of a second job. Without the
header every request is a new job: two people sending the same file name and size must never share
one job (and so each other's results).
"""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from lambdas.api.errors import ApiError
from lambdas.api.models import CreateJobRequest
from lambdas.common import clients, settings
from lambdas.common.jobs_store import JobsStore
from pipeline.environment import EnvVar, require_env
from pipeline.errors import ErrorCode
from pipeline.filenames import display_filename, safe_filename
from pipeline.jobs import iso_utc, utc_now
from pipeline.layout import new_job_id, upload_key

UPLOAD_FORM_EXPIRES_S = 3600
IDEMPOTENCY_WINDOW_S = 600
_VIDEO_TYPE = re.compile(r"video/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}")


def check_request(request: CreateJobRequest) -> None:
    """413 TOO_LARGE above MAX_UPLOAD_MB; 400 NOT_A_VIDEO for a non-``video/*`` type."""
    limit = settings.max_upload_bytes()
    if request.size_bytes > limit:
        raise ApiError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            ErrorCode.TOO_LARGE.value,
            f"size_bytes exceeds the upload limit of {limit} bytes ({limit // 2**20} MiB)",
            request.size_bytes,
        )
    if not _VIDEO_TYPE.fullmatch(request.content_type):
        raise ApiError(
            HTTPStatus.BAD_REQUEST,
            ErrorCode.NOT_A_VIDEO.value,
            "content_type must be a video type such as video/mp4 or video/quicktime",
            request.content_type,
        )


def presigned_upload(key: str, content_type: str, max_bytes: int) -> dict[str, Any]:
    """``{url, fields}`` of a POST form for ``key`` in the videos bucket."""
    return clients.client("s3").generate_presigned_post(
        Bucket=require_env(EnvVar.VIDEOS_BUCKET),
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[["content-length-range", 1, max_bytes], {"Content-Type": content_type}],
        ExpiresIn=UPLOAD_FORM_EXPIRES_S,
    )


def create_job(request: dict[str, Any]) -> dict[str, Any]:
    """Create the job item and its upload form (the body of a 201 answer)."""
    body = CreateJobRequest.model_validate(request["body"])
    name = safe_filename(body.filename)
    job_id = new_job_id()
    key = upload_key(job_id, name)
    now = utc_now()
    JobsStore(settings.jobs_table()).create_pending(
        job_id, filename=display_filename(body.filename), upload_key=key, now=now, ttl_days=settings.job_ttl_days()
    )
    form = presigned_upload(key, body.content_type, settings.max_upload_bytes())
    expires = now + dt.timedelta(seconds=UPLOAD_FORM_EXPIRES_S)
    return {"job_id": job_id, "upload": {"url": form["url"], "fields": form["fields"]}, "expires_at": iso_utc(expires)}


def create_job_once(body: CreateJobRequest, idempotency_key: str | None, lambda_context: Any) -> dict[str, Any]:
    """:func:`create_job`, at most once per (body, Idempotency-Key) within the idempotency window."""
    check_request(body)
    safe_filename(body.filename)  # refuse a bad name before anything is recorded
    if idempotency_key is None:
        return create_job({"body": body.model_dump(mode="json"), "idempotency_key": None})
    config = IdempotencyConfig(expires_after_seconds=IDEMPOTENCY_WINDOW_S)
    if lambda_context is not None and hasattr(lambda_context, "get_remaining_time_in_millis"):
        config.register_lambda_context(lambda_context)
    store = DynamoDBPersistenceLayer(
        table_name=require_env(EnvVar.IDEMPOTENCY_TABLE), boto3_client=clients.client("dynamodb")
    )
    once = idempotent_function(data_keyword_argument="request", persistence_store=store, config=config)(create_job)
    return once(request={"body": body.model_dump(mode="json"), "idempotency_key": idempotency_key})
