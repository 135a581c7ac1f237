"""GET /jobs/{job_id}/results[?version=N]: a completed job's results (latest version by default) and
presigned links to its overlays.

Every object key is derived from the validated job id (``jobs/{job_id}/...``); overlay keys listed in
detections.json are used only when they lie under that prefix, so one job's id never reveals another's.
"""

from __future__ import annotations

import datetime as dt
import json
from http import HTTPStatus
from typing import Any

from botocore.exceptions import ClientError

from lambdas.api.caller import Caller
from lambdas.api.errors import NOT_COMPLETED, NOT_FOUND, VERSION_NOT_FOUND, ApiError
from lambdas.common import clients
from lambdas.common.jobs_store import JobsStore
from pipeline.contracts.job import JobRecord, JobStatus
from pipeline.contracts.results import Results
from pipeline.errors import ErrorCode, s3_key_missing
from pipeline.jobs import iso_utc, job_view, utc_now
from pipeline.layout import OVERLAY_DIR, detections_key, job_prefix, results_version_key
from pipeline.runtime_settings import RouteEnvironment, read_settings

OVERLAY_URL_EXPIRES_S = 300
"""Lifetime of an overlay link (s): each one GETs one object of the caller's job; a page reading the results
again gets fresh ones."""


def find_job(job_id: str, caller: Caller) -> JobRecord:
    """The job, if ``caller`` may see it; 404 NOT_FOUND for an unknown id and for another's job alike."""
    record = JobsStore(read_settings(RouteEnvironment).jobs_table).get(job_id)
    if record is None or not caller.may_see(record.owner):
        raise ApiError(HTTPStatus.NOT_FOUND, NOT_FOUND, "no job with this id (unknown, or expired)", job_id)
    return record


def _read_json(s3: Any, bucket: str, key: str) -> Any | None:
    try:
        return json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    except ClientError as error:
        if s3_key_missing(error.response):
            return None
        raise


def overlay_keys(s3: Any, bucket: str, job_id: str) -> list[str]:
    """Overlay keys of ``job_id``: those named in detections.json, else those under its overlays/ prefix."""
    prefix = f"{job_prefix(job_id)}{OVERLAY_DIR}/"
    detections = _read_json(s3, bucket, detections_key(job_id))
    if isinstance(detections, dict) and isinstance(detections.get("overlays"), list):
        return [key for key in detections["overlays"] if isinstance(key, str) and key.startswith(prefix)]
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))


def require_completed(record: JobRecord) -> None:
    """409 NOT_COMPLETED (with the failure, when there is one) unless the job is COMPLETED."""
    if record.status is not JobStatus.COMPLETED:
        view = job_view(record)
        detail = f": {view['error']['code']}: {view['error']['message']}" if "error" in view else ""
        raise ApiError(
            HTTPStatus.CONFLICT, NOT_COMPLETED, f"the job is {record.status.value}{detail}", record.status.value
        )


def latest_version(record: JobRecord) -> int:
    """The job's latest results version (1 until a correction)."""
    return record.results_version or 1


def read_results(s3: Any, bucket: str, job_id: str, version: int) -> Results:
    """Version ``version`` of a completed job's results."""
    document = _read_json(s3, bucket, results_version_key(job_id, version))
    if document is None:
        raise ApiError(HTTPStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL.value,
                       f"the job is COMPLETED but its results version {version} is missing")
    return Results.model_validate(document)


def results_view(s3: Any, bucket: str, job_id: str, results: Results) -> dict[str, Any]:
    """The body of ``GET /jobs/{job_id}/results``: ``results`` and presigned links to the job's overlays."""
    links = [
        {"key": key, "url": s3.generate_presigned_url(
            "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=OVERLAY_URL_EXPIRES_S)}
        for key in overlay_keys(s3, bucket, job_id)
    ]
    expires = iso_utc(utc_now() + dt.timedelta(seconds=OVERLAY_URL_EXPIRES_S))
    return {"job_id": job_id, "results": results.model_dump(mode="json"), "overlays": links, "urls_expire_at": expires}


def job_results(job_id: str, caller: Caller, version: int | None = None) -> dict[str, Any]:
    """The body of ``GET /jobs/{job_id}/results[?version=N]`` (default: the latest version); 404 unknown
    job or version (or another's job), 409 not COMPLETED."""
    record = find_job(job_id, caller)
    require_completed(record)
    latest = latest_version(record)
    if version is not None and version > latest:
        raise ApiError(HTTPStatus.NOT_FOUND, VERSION_NOT_FOUND,
                       f"the job's results have versions 1 to {latest}", version)
    s3 = clients.client("s3")
    bucket = read_settings(RouteEnvironment).results_bucket
    return results_view(s3, bucket, job_id, read_results(s3, bucket, job_id, version or latest))
