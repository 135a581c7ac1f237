"""``build.py backfill s3://bucket/prefix/``: analyse every video under a prefix with BackfillMeals.

1. list the objects under the prefix, which must be under ``uploads/`` of the videos bucket
   (:func:`check_source`); every object is a video to the backfill, and a bad one fails with its
   ValidateUpload code, as an upload would;
2. create one job per video, as an upload without the API creates it (:meth:`JobsStore.mark_queued`:
   a fresh job id, QUEUED, the execution ARN it will have, its ttl), so the API, ``build.py status``
   and the web page show backfilled jobs as any other;
3. write the list of AnalyzeMeal inputs (:func:`pipeline.jobs.analysis_input`) to
   ``backfills/{backfill_id}/videos.json`` in the results bucket and start BackfillMeals on it
   (execution name = backfill id): its Distributed Map starts one AnalyzeMeal execution per video;
4. follow the Map Run's item counts until the execution ends (``on_progress``);
5. summarise from the job items (status, error code), each completed job's ``results.json`` (kcal
   and its measured ``cost``) and the ResultWriter's export (child workflows by status).

The jobs belong to the service identity ``service:backfill`` (:data:`pipeline.auth.BACKFILL_OWNER`), on
the item and on every results version. Everything is written and read back with the IAM identity that
runs the command (the jobs table, the buckets, Step Functions), never through the API, so it works the
same in every ``auth.mode``; with ``jwt`` no person's token sees these jobs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lambdas.common.jobs_store import JobsStore
from pipeline.auth import BACKFILL_OWNER
from ops.aws import Target
from ops.errors import CommandError, NotFoundError
from ops.run_job import execution_arn
from ops.stack_commands import outputs as stack_outputs
from pipeline.config import Config
from pipeline.contracts.job import JobRecord
from pipeline.contracts.results import Results
from pipeline.jobs import analysis_input, utc_now
from pipeline.layout import (
    UPLOAD_PREFIX,
    S3Uri,
    backfill_results_prefix,
    backfill_videos_key,
    new_backfill_id,
    new_job_id,
)
from templates.names import MainOutput

FINISHED = ("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")
"""Statuses of a Step Functions execution that has ended."""


class BackfillTimedOut(CommandError):
    """The backfill was still running when the command stopped waiting (it goes on)."""


@dataclass(frozen=True)
class Counts:
    """Items of the Map Run: ended well, ended in failure (failed, timed out, aborted), running now."""

    succeeded: int = 0
    failed: int = 0
    running: int = 0


@dataclass(frozen=True)
class Backfill:
    """A started backfill: its id (= execution name), execution ARN and the AnalyzeMeal inputs it got."""

    backfill_id: str
    execution_arn: str
    videos: list[dict[str, str]]
    results_bucket: str


@dataclass(frozen=True)
class VideoOutcome:
    """One video's job as its item and ``results.json`` hold it; ``cost_usd`` from its results' measured
    cost, if any."""

    key: str
    job_id: str
    status: str
    error_code: str | None = None
    kcal: float | None = None
    cost_usd: float | None = None
    cost_partial: bool = False


@dataclass
class BackfillSummary:
    backfill_id: str
    execution_status: str
    execution_error: str | None
    videos: list[VideoOutcome]
    export_uri: str | None = None
    exported: dict[str, int] = field(default_factory=dict)
    """Child workflows per status in the ResultWriter's export (empty when it wrote none)."""

    def count(self, status: str) -> int:
        return sum(1 for video in self.videos if video.status == status)

    @property
    def cost_usd(self) -> float:
        """Sum of the measured per-job costs, USD (jobs without a figure add nothing)."""
        return sum(video.cost_usd for video in self.videos if video.cost_usd is not None)


def list_videos(s3, uri: S3Uri) -> list[str]:
    """Keys of the objects under ``uri`` (folder markers left out), in S3's order; NotFoundError if none."""
    keys = [item["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=uri.bucket, Prefix=uri.key)
            for item in page.get("Contents", []) if not item["Key"].endswith("/")]
    if not keys:
        raise NotFoundError(f"no objects under {uri}: give the prefix of the videos to analyse "
                            "(s3://bucket/folder/)", value=str(uri))
    return keys


def check_source(uri: S3Uri, videos_bucket: str) -> None:
    """The videos must be under ``uploads/`` of the videos bucket: the only objects ValidateUpload and the
    analysis task may read (their roles), expired like every upload after ``s3_video_retention_days``.
    Keys there that are not ``uploads/{job_id}/{name}`` start no analysis of their own (StartAnalysis
    ignores them)."""
    if uri.bucket != videos_bucket or not uri.key.startswith(UPLOAD_PREFIX):
        raise CommandError(
            f"{uri} is not under s3://{videos_bucket}/{UPLOAD_PREFIX}: the analysis may read only uploads; copy the "
            f"videos there first (`aws s3 sync FOLDER s3://{videos_bucket}/{UPLOAD_PREFIX}backfill/`) and backfill "
            f"s3://{videos_bucket}/{UPLOAD_PREFIX}backfill/", value=str(uri))


def _jobs_store(target: Target, table_name: str) -> JobsStore:
    return JobsStore(table_name, table=target.session().resource("dynamodb", endpoint_url=target.endpoint_url)
                     .Table(table_name))


def start_backfill(config: Config, target: Target, uri: S3Uri, *, max_concurrency: int | None = None,
                   tolerated_failure_percentage: int | None = None) -> Backfill:
    """Create a job per video under ``uri``, write the video list and start BackfillMeals on it."""
    outputs = stack_outputs(config, target)
    if MainOutput.BACKFILL_STATE_MACHINE_ARN.value not in outputs:
        raise NotFoundError(f"stack {config.stack_name} has no BackfillMeals state machine yet: deploy it again "
                            "(`python build.py deploy`)")
    check_source(uri, outputs[MainOutput.VIDEOS_BUCKET_NAME.value])
    keys = list_videos(target.client("s3"), uri)
    now = utc_now()
    store = _jobs_store(target, outputs[MainOutput.JOBS_TABLE_NAME.value])
    videos = []
    for key in keys:
        job_id = new_job_id()
        store.mark_queued(job_id, execution_arn=execution_arn(outputs[MainOutput.STATE_MACHINE_ARN.value], job_id),
                          upload_key=key, now=now, ttl_days=config.job_ttl_days, owner=BACKFILL_OWNER)
        videos.append(analysis_input(job_id, uri.bucket, key))
    backfill_id = new_backfill_id(now)
    results_bucket = outputs[MainOutput.RESULTS_BUCKET_NAME.value]
    videos_key = backfill_videos_key(backfill_id)
    target.client("s3").put_object(Bucket=results_bucket, Key=videos_key, Body=json.dumps(videos).encode(),
                                   ContentType="application/json")
    execution_input: dict[str, Any] = {"videos": {"bucket": results_bucket, "key": videos_key}}
    if max_concurrency is not None:
        execution_input["max_concurrency"] = max_concurrency
    if tolerated_failure_percentage is not None:
        execution_input["tolerated_failure_percentage"] = tolerated_failure_percentage
    started = target.client("stepfunctions").start_execution(
        stateMachineArn=outputs[MainOutput.BACKFILL_STATE_MACHINE_ARN.value], name=backfill_id,
        input=json.dumps(execution_input))
    return Backfill(backfill_id, started["executionArn"], videos, results_bucket)


def map_run_counts(sfn, execution_arn_: str) -> Counts:
    """Item counts of the execution's Map Run (zeros before it starts)."""
    runs = sfn.list_map_runs(executionArn=execution_arn_).get("mapRuns", [])
    if not runs:
        return Counts()
    items = sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"])["itemCounts"]
    return Counts(succeeded=items.get("succeeded", 0),
                  failed=items.get("failed", 0) + items.get("timedOut", 0) + items.get("aborted", 0),
                  running=items.get("running", 0))


def follow_backfill(target: Target, backfill: Backfill, *, on_progress: Callable[[Counts], None],
                    timeout_s: float, poll_s: float = 1.0) -> dict[str, Any]:
    """Report the Map Run's counts until the execution ends; its ``describe_execution``."""
    sfn = target.client("stepfunctions")
    deadline = time.monotonic() + timeout_s
    while True:
        execution = sfn.describe_execution(executionArn=backfill.execution_arn)
        on_progress(map_run_counts(sfn, backfill.execution_arn))
        if execution["status"] in FINISHED:
            return execution
        if time.monotonic() > deadline:
            raise BackfillTimedOut(f"backfill {backfill.backfill_id} still running after {timeout_s:.0f} s; it goes "
                                   "on: `aws stepfunctions describe-execution --execution-arn "
                                   f"{backfill.execution_arn}`"
                                   " follows it (--timeout waits longer)", value=backfill.backfill_id)
        time.sleep(poll_s)


def _outcome(target: Target, key: str, record: JobRecord | None, job_id: str) -> VideoOutcome:
    if record is None:
        return VideoOutcome(key, job_id, "MISSING")
    if record.results_uri is None:
        return VideoOutcome(key, job_id, record.status.value, record.error.code if record.error else None)
    uri = S3Uri.parse(record.results_uri)
    results = Results.model_validate_json(target.client("s3").get_object(Bucket=uri.bucket, Key=uri.key)["Body"].read())
    cost = results.cost
    return VideoOutcome(key, job_id, record.status.value, None, kcal=results.totals.kcal,
                        cost_usd=cost.usd if cost is not None else None, cost_partial=bool(cost and cost.gaps))


def _export(target: Target, backfill: Backfill) -> tuple[str | None, dict[str, int]]:
    """The ResultWriter's manifest URI and its child workflows per status (None, {} if it wrote none)."""
    s3 = target.client("s3")
    prefix = backfill_results_prefix(backfill.backfill_id) + "/"
    listed = s3.list_objects_v2(Bucket=backfill.results_bucket, Prefix=prefix).get("Contents", [])
    manifests = [item["Key"] for item in listed if item["Key"].endswith("/manifest.json")]
    if not manifests:
        return None, {}
    manifest = json.loads(s3.get_object(Bucket=backfill.results_bucket, Key=manifests[0])["Body"].read())
    counts = {}
    for status, files in manifest.get("ResultFiles", {}).items():
        entries = [json.loads(s3.get_object(Bucket=backfill.results_bucket, Key=f["Key"])["Body"].read())
                   for f in files]
        counts[status] = sum(len(entry) for entry in entries)
    return f"s3://{backfill.results_bucket}/{manifests[0]}", counts


def summarize(config: Config, target: Target, backfill: Backfill, execution: dict[str, Any]) -> BackfillSummary:
    """Each video's job outcome, with the export's counts."""
    store = _jobs_store(target, stack_outputs(config, target)[MainOutput.JOBS_TABLE_NAME.value])
    videos = [_outcome(target, video["key"], store.get(video["job_id"]), video["job_id"]) for video in backfill.videos]
    export_uri, exported = _export(target, backfill)
    error = execution.get("error")
    return BackfillSummary(backfill.backfill_id, execution["status"],
                           f"{error}: {execution.get('cause', '')}" if error else None, videos, export_uri, exported)
