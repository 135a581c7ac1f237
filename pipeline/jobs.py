"""Pure rules of a job's life: timestamps, expiry, which status may follow which, the API's view.

The DynamoDB writes that enforce these rules live in ``lambdas/common/jobs_store.py`` and the state
machine; this module only decides.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pipeline.contracts.job import JobRecord, JobStatus
from pipeline.errors import ErrorCode, describe_failure

SECONDS_PER_DAY = 86_400


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def iso_utc(moment: dt.datetime) -> str:
    """``2026-11-26T08:00:00.123Z``: the format of Step Functions' ``$$.State.EnteredTime``.

    One format everywhere keeps the ``status-by-time`` index (sorted as strings) in time order.
    """
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def expiry_epoch(moment: dt.datetime, ttl_days: int) -> int:
    """DynamoDB TTL value (epoch seconds) ``ttl_days`` days after ``moment``."""
    if ttl_days < 1:
        raise ValueError(f"ttl_days must be at least 1, got {ttl_days}")
    return int(moment.timestamp()) + ttl_days * SECONDS_PER_DAY


def analysis_input(job_id: str, bucket: str, key: str) -> dict[str, str]:
    """The input of one AnalyzeMeal execution, which is named ``job_id``: the video at ``s3://bucket/key``."""
    return {"job_id": job_id, "bucket": bucket, "key": key}


def execution_arn(state_machine_arn: str, job_id: str) -> str:
    """ARN of the job's execution: executions are named after their job, so it follows from the machine's."""
    return f"{state_machine_arn.replace(':stateMachine:', ':execution:', 1)}:{job_id}"


EXECUTION_END_CODES: dict[str, ErrorCode] = {
    "ABORTED": ErrorCode.EXECUTION_STOPPED,
    "TIMED_OUT": ErrorCode.EXECUTION_TIMED_OUT,
    "FAILED": ErrorCode.EXECUTION_FAILED,
}
"""The statuses an AnalyzeMeal execution may end in without its job written final (a SUCCEEDED one passed
MarkCompleted), each with the code the job then gets (``lambdas/execution_ended``)."""


def job_id_of_execution(name: str, execution_input: str | None) -> str:
    """The job an AnalyzeMeal execution analyses: the ``job_id`` of its input (``analysis_input``), which is
    the key every state writes the job item by; its name when the input is not there (an event leaves out
    an input over 248 KB) or carries none."""
    try:
        job_id = json.loads(execution_input).get("job_id") if execution_input else None
    except (ValueError, AttributeError):
        job_id = None
    return job_id if isinstance(job_id, str) and job_id else name


def may_move(current: JobStatus | None, new: JobStatus) -> bool:
    """Whether a job in ``current`` (``None``: no item yet) may be set to ``new``; status only moves forward."""
    if current is None:
        return True
    return current in new.statuses_before()


def job_view(record: JobRecord) -> dict[str, Any]:
    """The job as ``GET /jobs/{job_id}`` shows it; a failure's cause is made readable."""
    view: dict[str, Any] = {
        "job_id": record.job_id,
        "status": record.status.value,
        "stage": record.stage,
        "filename": record.filename,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }
    if record.status is JobStatus.FAILED or record.error is not None:
        code, message = describe_failure(
            record.error.code if record.error else None, record.error.message if record.error else None
        )
        view["error"] = {"code": code, "message": message or "the job failed without a message"}
    if record.results_uri:
        view["results_uri"] = record.results_uri
    if record.totals is not None:
        view["totals"] = dict(record.totals)
    return view
