"""POST /jobs: create a job and an S3 presigned POST bound to its upload key, once per request.

The form only accepts ``uploads/{job_id}/video.{ext}`` (no part of the person's file name), a body of
exactly the declared ``size_bytes`` (at most MAX_UPLOAD_MB MiB), the declared ``video/*`` type as its bare lower-cased Content-Type, and
the declared size as the object's ``declared-size`` metadata (ValidateUpload compares it with the
object's real size: SIZE_MISMATCH). A retried request (same body and same ``Idempotency-Key`` header)
within ``IDEMPOTENCY_WINDOW_S`` gets the first answer back instead of a second job. Without the
header every request is a new job: two people sending the same file name and size must never share
one job (and so each other's results).
"""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from lambdas.api.errors import ApiError
from lambdas.api.models import CreateJobRequest
from lambdas.common import clients
from lambdas.common.jobs_store import JobsStore
from pipeline.errors import ErrorCode
from pipeline.filenames import display_filename, safe_filename, upload_name
from pipeline.jobs import iso_utc, utc_now
from pipeline.layout import new_job_id, upload_key
from pipeline.runtime_settings import ApiEnvironment, read_settings
from pipeline.video.declared import DECLARED_SIZE_FIELD, video_media_type

UPLOAD_FORM_EXPIRES_S = 900
"""Lifetime of the upload form (s): S3 refuses a POST that starts later; it puts one object only."""
IDEMPOTENCY_WINDOW_S = 600


def check_request(request: CreateJobRequest) -> str:
    """413 TOO_LARGE above MAX_UPLOAD_MB; 400 NOT_A_VIDEO for a non-``video/*`` type; the bare media type."""
    limit = read_settings(ApiEnvironment).max_upload_bytes
    if request.size_bytes > limit:
        raise ApiError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            ErrorCode.TOO_LARGE.value,
            f"size_bytes exceeds the upload limit of {limit} bytes ({limit // 2**20} MiB)",
            request.size_bytes,
        )
    return video_media_type(request.content_type)


def presigned_upload(key: str, media_type: str, size_bytes: int) -> dict[str, Any]:
    """``{url, fields}`` of a POST form for ``key`` in the videos bucket: exactly ``size_bytes`` bytes of
    ``media_type``, the declared size kept as the object's metadata."""
    fields = {"Content-Type": media_type, DECLARED_SIZE_FIELD: str(size_bytes)}
    exact = [{name: value} for name, value in fields.items()]
    return clients.client("s3").generate_presigned_post(
        Bucket=read_settings(ApiEnvironment).videos_bucket,
        Key=key,
        Fields=fields,
        Conditions=[["content-length-range", size_bytes, size_bytes], *exact],
        ExpiresIn=UPLOAD_FORM_EXPIRES_S,
    )


def create_job(request: dict[str, Any]) -> dict[str, Any]:
    """Create the job item, owned by ``request["owner"]``, and its upload form (the body of a 201 answer)."""
    body = CreateJobRequest.model_validate(request["body"])
    name = safe_filename(body.filename)
    job_id = new_job_id()
    key = upload_key(job_id, upload_name(name))
    now, settings = utc_now(), read_settings(ApiEnvironment)
    JobsStore(settings.jobs_table).create_pending(
        job_id, owner=request["owner"], filename=display_filename(body.filename), upload_key=key, now=now,
        ttl_days=settings.job_ttl_days,
    )
    form = presigned_upload(key, video_media_type(body.content_type), body.size_bytes)
    expires = now + dt.timedelta(seconds=UPLOAD_FORM_EXPIRES_S)
    return {"job_id": job_id, "upload": {"url": form["url"], "fields": form["fields"]}, "expires_at": iso_utc(expires)}


def create_job_once(body: CreateJobRequest, idempotency_key: str | None, lambda_context: Any, *,
                    owner: str) -> dict[str, Any]:
    """:func:`create_job` for ``owner``, at most once per (owner, body, Idempotency-Key) within the
    idempotency window: the owner is part of the key, so one person's retry never returns another's job."""
    check_request(body)
    safe_filename(body.filename)  # refuse a bad name before anything is recorded
    if idempotency_key is None:
        return create_job({"body": body.model_dump(mode="json"), "idempotency_key": None, "owner": owner})
    config = IdempotencyConfig(expires_after_seconds=IDEMPOTENCY_WINDOW_S)
    if lambda_context is not None and hasattr(lambda_context, "get_remaining_time_in_millis"):
        config.register_lambda_context(lambda_context)
    store = DynamoDBPersistenceLayer(
        table_name=read_settings(ApiEnvironment).idempotency_table, boto3_client=clients.client("dynamodb")
    )
    once = idempotent_function(data_keyword_argument="request", persistence_store=store, config=config)(create_job)
    return once(request={"body": body.model_dump(mode="json"), "idempotency_key": idempotency_key, "owner": owner})
