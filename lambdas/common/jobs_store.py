"""The jobs table: create, read and queue job items with conditional writes (status never goes back).

Item shape: ``pipeline.contracts.job.JobRecord``. The state machine's MarkAnalyzing, MarkCompleted
and MarkFailed states write the later statuses directly; this module owns the first two, and FAILED for
an execution that ended without reaching MarkFailed (``lambdas/execution_ended``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from lambdas.common import clients
from pipeline.auth import OWNER_INDEX
from pipeline.contracts.job import JobRecord, JobStatus
from pipeline.jobs import expiry_epoch, iso_utc


class JobExistsError(RuntimeError):
    """A job with this id already exists (a fresh id collided, or a create was repeated)."""


def _plain(value: Any) -> Any:
    """DynamoDB numbers (Decimal) as int/float, recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _is_condition_failure(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"


class JobsStore:
    """Reads and writes job items of one table."""

    def __init__(self, table_name: str, *, table: Any | None = None) -> None:
        self.table_name = table_name
        self._table = table

    @property
    def table(self) -> Any:
        if self._table is None:
            self._table = clients.resource("dynamodb").Table(self.table_name)
        return self._table

    def create_pending(
        self, job_id: str, *, owner: str, filename: str, upload_key: str, now: dt.datetime, ttl_days: int
    ) -> JobRecord:
        """Put a PENDING_UPLOAD item owned by ``owner``; :class:`JobExistsError` if ``job_id`` is taken."""
        stamp = iso_utc(now)
        record = JobRecord(
            job_id=job_id,
            status=JobStatus.PENDING_UPLOAD,
            created_at=stamp,
            updated_at=stamp,
            filename=filename,
            owner=owner,
            upload_key=upload_key,
            ttl=expiry_epoch(now, ttl_days),
        )
        try:
            self.table.put_item(
                Item=record.model_dump(mode="json", exclude_none=True),
                ConditionExpression="attribute_not_exists(job_id)",
            )
        except ClientError as error:
            if _is_condition_failure(error):
                raise JobExistsError(f"job {job_id} already exists") from None
            raise
        return record

    def get(self, job_id: str) -> JobRecord | None:
        """The job, or ``None`` when there is no item (unknown or expired id)."""
        item = self.table.get_item(Key={"job_id": job_id}, ConsistentRead=True).get("Item")
        return JobRecord.model_validate(_plain(item)) if item else None

    def owned_by(self, owner: str, *, limit: int, after: dict[str, str] | None = None
                 ) -> tuple[list[JobRecord], dict[str, str] | None]:
        """Up to ``limit`` of ``owner``'s jobs, newest first, from the ``OWNER_INDEX``; continue from
        ``after`` (the last key of a previous page). Returns the jobs and the next page's ``after``
        (``None`` on the last page)."""
        query: dict[str, Any] = {
            "IndexName": OWNER_INDEX, "Limit": limit, "ScanIndexForward": False,
            "KeyConditionExpression": "#owner = :owner",
            "ExpressionAttributeNames": {"#owner": "owner"}, "ExpressionAttributeValues": {":owner": owner},
        }
        if after is not None:
            query["ExclusiveStartKey"] = {**after, "owner": owner}
        page = self.table.query(**query)
        records = [JobRecord.model_validate(_plain(item)) for item in page.get("Items", [])]
        last = page.get("LastEvaluatedKey")
        return records, ({name: str(value) for name, value in last.items() if name != "owner"} if last else None)

    def mark_queued(
        self, job_id: str, *, execution_arn: str, upload_key: str, now: dt.datetime, ttl_days: int,
        owner: str | None = None,
    ) -> bool:
        """PENDING_UPLOAD (or no item: an upload made without the API) -> QUEUED; ``owner`` is recorded when
        the item has none yet (a backfill's service identity, ``pipeline.auth.BACKFILL_OWNER``).

        Returns ``False``, writing nothing, when the job has already moved on (QUEUED, ANALYZING,
        COMPLETED, FAILED): a late or repeated event never moves a status backwards.
        """
        stamp = iso_utc(now)
        try:
            self.table.update_item(
                Key={"job_id": job_id},
                UpdateExpression=(
                    "SET #status = :queued, execution_arn = :arn, updated_at = :now,"
                    " created_at = if_not_exists(created_at, :now), upload_key = if_not_exists(upload_key, :key),"
                    " filename = if_not_exists(filename, :name), #ttl = if_not_exists(#ttl, :ttl)"
                    + (", #owner = if_not_exists(#owner, :owner)" if owner is not None else "")
                ),
                ConditionExpression="attribute_not_exists(job_id) OR #status = :pending",
                ExpressionAttributeNames={"#status": "status", "#ttl": "ttl",
                                          **({"#owner": "owner"} if owner is not None else {})},
                ExpressionAttributeValues={
                    **({":owner": owner} if owner is not None else {}),
                    ":queued": JobStatus.QUEUED.value,
                    ":pending": JobStatus.PENDING_UPLOAD.value,
                    ":arn": execution_arn,
                    ":now": stamp,
                    ":key": upload_key,
                    ":name": upload_key.rsplit("/", 1)[-1],
                    ":ttl": expiry_epoch(now, ttl_days),
                },
            )
        except ClientError as error:
            if _is_condition_failure(error):
                return False
            raise
        return True

    def mark_failed(self, job_id: str, *, execution_arn: str, code: str, message: str, stage: str,
                    now: dt.datetime) -> bool:
        """An item not yet final -> FAILED with ``error {code, message}``, written at ``stage``, when the
        execution ``execution_arn`` is the job's own (the item names it, or no execution yet).

        Returns ``False``, writing nothing, when there is no item, the job is already COMPLETED or FAILED
        (MarkFailed's error stays), or another execution is analysing it (one started by hand under
        another name, which ends in JOB_IN_PROGRESS).
        """
        before = {f":from_{status.value.lower()}": status.value for status in JobStatus.FAILED.statuses_before()}
        try:
            self.table.update_item(
                Key={"job_id": job_id},
                UpdateExpression="SET #status = :failed, #stage = :stage, #error = :error, updated_at = :now",
                ConditionExpression=(f"attribute_exists(job_id) AND #status IN ({', '.join(before)})"
                                     " AND (attribute_not_exists(execution_arn) OR execution_arn = :arn)"),
                ExpressionAttributeNames={"#status": "status", "#stage": "stage", "#error": "error"},
                ExpressionAttributeValues={
                    ":failed": JobStatus.FAILED.value, ":stage": stage, ":now": iso_utc(now), ":arn": execution_arn,
                    ":error": {"code": code, "message": message}, **before,
                },
            )
        except ClientError as error:
            if _is_condition_failure(error):
                return False
            raise
        return True

    def record_correction(self, job_id: str, *, from_version: int, version: int, results_uri: str,
                          totals: dict[str, float], now: dt.datetime) -> bool:
        """Point a COMPLETED job at results version ``version`` and its totals, only while its latest
        version is still ``from_version``; ``False``, writing nothing, otherwise (another correction won)."""
        current = "#version = :from" if from_version > 1 else "(attribute_not_exists(#version) OR #version = :from)"
        try:
            self.table.update_item(
                Key={"job_id": job_id},
                UpdateExpression="SET #version = :version, results_uri = :uri, totals = :totals, updated_at = :now",
                ConditionExpression=f"#status = :completed AND {current}",
                ExpressionAttributeNames={"#status": "status", "#version": "results_version"},
                ExpressionAttributeValues={
                    ":completed": JobStatus.COMPLETED.value, ":from": from_version, ":version": version,
                    ":uri": results_uri, ":now": iso_utc(now),
                    ":totals": {name: Decimal(str(value)) for name, value in totals.items()},
                },
            )
        except ClientError as error:
            if _is_condition_failure(error):
                return False
            raise
        return True
