"""StartAnalysis: an S3 "Object Created" event (via EventBridge) starts one execution per job.

The execution is named after the job id, so a repeated event finds it (DescribeExecution, or
``ExecutionAlreadyExists`` when two events race) and starts nothing. Objects outside
``uploads/{job_id}/`` are ignored. Once the execution exists the job moves PENDING_UPLOAD -> QUEUED
(an item is created for uploads made without the API); a job that has already moved further is left
as it is. The function's role needs ``states:StartExecution`` on the state machine,
``states:DescribeExecution`` on its executions and ``dynamodb:UpdateItem`` on the jobs table.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes import S3EventBridgeNotificationEvent
from botocore.exceptions import ClientError

from lambdas.common import clients
from lambdas.common.jobs_store import JobsStore
from pipeline.jobs import analysis_input, execution_arn, utc_now
from pipeline.layout import job_id_from_upload_key
from pipeline.runtime_settings import StartAnalysisEnvironment, read_settings

logger = Logger(service="start_analysis")


def _ignored(reason: str, **details: Any) -> dict[str, Any]:
    logger.info("event ignored", extra={"reason": reason, **details})
    return {"started": False, "reason": reason, **details}


def _execution_exists(arn: str) -> bool:
    """Whether the execution exists (StartExecution alone cannot tell: with the same input it
    answers a running execution's ARN as if it had started it)."""
    try:
        clients.client("stepfunctions").describe_execution(executionArn=arn)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ExecutionDoesNotExist":
            return False
        raise
    return True


def _start_execution(state_machine_arn: str, name: str, payload: dict[str, str]) -> bool:
    """Start the execution ``name``; ``False`` when it already exists (another event won the race)."""
    try:
        clients.client("stepfunctions").start_execution(
            stateMachineArn=state_machine_arn, name=name, input=json.dumps(payload)
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "ExecutionAlreadyExists":
            raise
        return False
    return True


def start(bucket: str, key: str) -> dict[str, Any]:
    """Start the analysis of ``s3://bucket/key`` unless it is not an upload or already started."""
    job_id = job_id_from_upload_key(key)
    if job_id is None:
        return _ignored("not an upload: keys must be uploads/{job_id}/{filename}", key=key)
    settings = read_settings(StartAnalysisEnvironment)
    state_machine_arn = settings.state_machine_arn
    arn = execution_arn(state_machine_arn, job_id)
    started = not _execution_exists(arn) and _start_execution(
        state_machine_arn, job_id, analysis_input(job_id, bucket, key)
    )
    queued = JobsStore(settings.jobs_table).mark_queued(
        job_id, execution_arn=arn, upload_key=key, now=utc_now(), ttl_days=settings.job_ttl_days
    )
    result: dict[str, Any] = {"started": started, "job_id": job_id, "execution_arn": arn, "queued": queued}
    if not started:
        result["reason"] = "an execution for this job already exists (duplicate event)"
    logger.info("upload handled", extra=result)
    return result


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    logger.append_keys(request_id=getattr(context, "aws_request_id", None))
    try:  # powertools' reading of the event (it URL-decodes the key as S3 sends it)
        detail = S3EventBridgeNotificationEvent(event).detail
        bucket, key = detail.bucket.name, detail.object.key
    except (KeyError, TypeError, AttributeError):
        bucket = key = None
    if not isinstance(bucket, str) or not isinstance(key, str) or not bucket or not key:
        return _ignored("not an S3 Object Created event (no detail.bucket.name / detail.object.key)")
    return start(bucket, key)
