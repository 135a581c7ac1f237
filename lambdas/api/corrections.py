"""POST /jobs/{job_id}/corrections: a person's changes to a completed job's items, recomputed by the
nutrition engine nutrition_rag uses (no video is analysed again) into the next results version.

Steps: the job must be COMPLETED (409 NOT_COMPLETED); ``If-Match`` (when sent) must name its latest
version (412 VERSION_CONFLICT); the changes are checked against that version (400 UNKNOWN_ITEM,
EMPTY_LABEL, INVALID_GRAMS, INVALID_INPUT) before anything is loaded or written. Then version N+1 is
put as its own object with ``If-None-Match: *`` (two corrections racing for N+1: one wins, the other
gets 412 and nothing of it is stored), the job item is pointed at it, and a notice goes to the job
topic with ``event = UPDATED``. Earlier versions are never overwritten.

This runs in a function of its own (``corrections`` in ``templates.catalogue``): it loads the knowledge
base (numpy, the encoder, ~1-2 s at a cold start, 3 GB of memory for nutrition_rag) that the other API
functions must not carry, and it alone may write results versions and publish.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError
from pydantic import ValidationError

from lambdas.api.caller import Caller
from lambdas.api.errors import VERSION_CONFLICT, ApiError
from lambdas.api.models import CorrectionsRequest
from lambdas.api.results import find_job, latest_version, read_results, require_completed, results_view
from lambdas.common import clients
from lambdas.common.jobs_store import JobsStore
from pipeline.contracts.detections import Detections
from pipeline.contracts.results import Correction, Results
from pipeline.errors import ErrorCode, PipelineError
from pipeline.jobs import iso_utc, utc_now
from pipeline.layout import S3Uri, detections_key, results_version_key
from pipeline.runtime_settings import CorrectionsEnvironment, read_settings

logger = Logger(service="corrections")
UPDATED_EVENT = "UPDATED"
"""The ``event`` attribute of a correction's notice (success and failure notices carry ``status`` only)."""
_VERSION_TAG = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')


def expected_version(if_match: str | None) -> int | None:
    """The version an ``If-Match`` header names (``3``, ``"3"`` or ``W/"3"``); None without the header."""
    if if_match is None:
        return None
    found = _VERSION_TAG.match(if_match.strip())
    if not found:
        raise ApiError(HTTPStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.value,
                       "If-Match must be a results version number, e.g. 2", if_match[:50])
    return int(found.group(1))


def _conflict(job_id: str, latest: int, expected: int) -> ApiError:
    return ApiError(HTTPStatus.PRECONDITION_FAILED, VERSION_CONFLICT,
                    f"job {job_id}'s results are at version {latest}, not {expected}: read them again "
                    "(GET /jobs/{job_id}/results) and correct that version", latest)


def _read_detections(s3: Any, bucket: str, job_id: str) -> Detections:
    try:
        body = s3.get_object(Bucket=bucket, Key=detections_key(job_id))["Body"].read()
    except ClientError as error:
        raise ApiError(HTTPStatus.INTERNAL_SERVER_ERROR, ErrorCode.DETECTIONS_INVALID.value,
                       f"the job is COMPLETED but its detections.json cannot be read "
                       f"({error.response.get('Error', {}).get('Code')})") from error
    try:
        return Detections.model_validate_json(body)
    except ValidationError as error:
        raise ApiError(HTTPStatus.INTERNAL_SERVER_ERROR, ErrorCode.DETECTIONS_INVALID.value,
                       f"the job's detections.json is not valid ({error.error_count()} problem(s))") from error


def _engine():
    """nutrition_rag's engine, built once per container (imported here: the other API functions lack numpy)."""
    from lambdas.nutrition_rag.handler import engine_from_environment

    try:
        return engine_from_environment()
    except PipelineError as error:  # the deployment's fault, not the request's
        raise ApiError(HTTPStatus.INTERNAL_SERVER_ERROR, error.code.value, error.message, error.value) from error


def _put_new_version(s3: Any, bucket: str, results: Results, *, expected: int) -> str:
    """Write ``results`` as its own object, never over an existing one; the object's ``s3://`` URI."""
    key = results_version_key(results.job_id, results.version)
    try:
        s3.put_object(Bucket=bucket, Key=key, IfNoneMatch="*", ContentType="application/json",
                      Body=results.model_dump_json(indent=1).encode())
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("PreconditionFailed", "ConditionalRequestConflict"):
            raise _conflict(results.job_id, results.version, expected) from None
        raise
    return str(S3Uri(bucket, key))


def _notify(results: Results, correction: Correction) -> None:
    """The job was updated: a readable notice and attributes, on the topic of its other notices."""
    kcal = results.totals.kcal
    message = (f"Job {results.job_id} updated to results version {results.version} "
               f"({len(correction.changes)} change(s) to version {correction.from_version}): {len(results.items)} items, "
               f"{kcal:g} kcal, protein {results.totals.protein_g:g} g, fat {results.totals.fat_g:g} g, "
               f"carbohydrate {results.totals.carbs_g:g} g")
    clients.client("sns").publish(
        TopicArn=read_settings(CorrectionsEnvironment).notification_topic_arn,
        Subject=f"Meal analysis {results.job_id} updated",
        Message=message, MessageAttributes={
            "job_id": {"DataType": "String", "StringValue": results.job_id},
            "status": {"DataType": "String", "StringValue": "COMPLETED"},
            "event": {"DataType": "String", "StringValue": UPDATED_EVENT},
            "version": {"DataType": "Number", "StringValue": str(results.version)},
            "kcal": {"DataType": "Number", "StringValue": f"{kcal:g}"},
        })


def correct_job(job_id: str, request: CorrectionsRequest, if_match: str | None, caller: Caller) -> dict[str, Any]:
    """Apply ``request`` to the job's latest results; the new version as ``GET /jobs/{job_id}/results`` shows it."""
    from pipeline.nutrition.corrections import RequestedChange, corrected_inputs, record_changes, used_ids
    from pipeline.nutrition.engine import item_inputs

    expected = expected_version(if_match)
    record = find_job(job_id, caller)
    require_completed(record)
    latest = latest_version(record)
    if expected is not None and expected != latest:
        raise _conflict(job_id, latest, expected)
    settings = read_settings(CorrectionsEnvironment)
    s3, bucket = clients.client("s3"), settings.results_bucket
    current = read_results(s3, bucket, job_id, latest)
    detections = _read_detections(s3, bucket, job_id)
    analysed = item_inputs(detections)
    asked = [RequestedChange(**change.model_dump()) for change in request.changes]
    changes = record_changes(current, asked, used=used_ids(analysed, current.corrections))
    now = utc_now()
    correction = Correction(version=latest + 1, from_version=latest, at=iso_utc(now), changes=changes)
    history = [*current.corrections, correction]
    results = _engine().analyse_items(job_id, corrected_inputs(analysed, history), weights=detections.weights)
    results = results.model_copy(update={"version": correction.version, "corrections": history, "cost": current.cost,
                                          "owner": record.owner})
    uri = _put_new_version(s3, bucket, results, expected=latest)
    if not JobsStore(settings.jobs_table).record_correction(
            job_id, from_version=latest, version=results.version, results_uri=uri,
            totals=results.totals.model_dump(), now=now):
        raise _conflict(job_id, results.version, latest)  # another correction reached the job item first
    logger.info("results corrected", extra={"job_id": job_id, "version": results.version, "kcal": results.totals.kcal})
    try:
        _notify(results, correction)
    except ClientError as error:  # the correction is stored; the notice is the only thing lost
        logger.error("update notice not sent", extra={"job_id": job_id, "error": repr(error)})
    return results_view(s3, bucket, job_id, results)
