"""What the running job has used so far, read from AWS's own records, for ``results.json``'s cost.

* Batch: ``DescribeJobs`` gives each attempt's ``startedAt``/``stoppedAt``; the job's queue leads to
  its compute environments (``DescribeJobQueues``, ``DescribeComputeEnvironments``): EC2 or spot,
  Fargate or Fargate Spot, the instance types allowed. An EC2 attempt's host type comes from ECS
  (``DescribeContainerInstances``, attribute ``ecs.instance-type``) when its container instance can
  be read; a Fargate attempt's vCPUs, memory and architecture from the job's container, and whether it
  ran on Fargate Spot from its queue's compute environment (each queue of the stack has one kind only:
  :func:`templates.compute_shared.add_spot_first_queues`).
* Step Functions: ``GetExecutionHistory`` gives the states entered so far and each earlier Lambda
  task's ``TaskStarted`` to ``TaskSucceeded``/``TaskFailed``/``TaskTimedOut`` span (an upper bound of
  its billed duration: it includes the invoke's own overhead) and the ids of every Batch job the
  execution submitted.
* S3: the requests this handler makes are counted as botocore completes them (:func:`count_s3_requests`).

Nothing is guessed: what cannot be read is a :class:`~pipeline.cost.measurements.Gap` with its reason.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from lambdas.common import clients
from pipeline.cost.measurements import BatchAttempt, Ec2Host, FargateTask, Gap, JobMeasurements, LambdaRun, S3Requests
from pipeline.cost.prices import Architecture

HISTORY_PAGE = 1000
"""Events per ``GetExecutionHistory`` page (Step Functions' maximum)."""
_LAMBDA_ENDS = {"TaskSucceeded": "taskSucceededEventDetails", "TaskFailed": "taskFailedEventDetails",
                "TaskTimedOut": "taskTimedOutEventDetails"}
_PUT_CLASS = ("Put", "Copy", "Post", "List", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload")
"""S3 operations billed at the PUT, COPY, POST, LIST rate; every other request at the GET rate."""


def _why(error: Exception) -> str:
    if isinstance(error, ClientError):
        return f"{error.response.get('Error', {}).get('Code')}: {error.response.get('Error', {}).get('Message')}"
    return str(error)


# --- Step Functions ------------------------------------------------------------------------------
def execution_history(execution_arn: str) -> list[dict[str, Any]]:
    """Every event of the execution so far, oldest first."""
    sfn, events, token = clients.client("stepfunctions"), [], None
    while True:
        page = sfn.get_execution_history(executionArn=execution_arn, maxResults=HISTORY_PAGE,
                                         **({"nextToken": token} if token else {}))
        events += page["events"]
        token = page.get("nextToken")
        if not token:
            return events


def _millis(event: dict[str, Any]) -> float:
    return event["timestamp"].timestamp() * 1000


def states_entered(events: list[dict[str, Any]]) -> list[str]:
    """The names of the states entered, in order (each one a billed transition, retries included)."""
    return [e["stateEnteredEventDetails"]["name"] for e in events if e["type"].endswith("StateEntered")]


def lambda_task_runs(events: list[dict[str, Any]], *, memory_mb: dict[str, int],
                     architecture: Architecture) -> list[LambdaRun]:
    """Each finished Lambda task: ``TaskStarted`` to its end, named after its state (``memory_mb`` by state)."""
    runs, state, started, attempts = [], None, None, {}
    for event in events:
        kind = event["type"]
        if kind.endswith("StateEntered"):
            state, started = event["stateEnteredEventDetails"]["name"], None
        elif kind == "TaskStarted" and event.get("taskStartedEventDetails", {}).get("resourceType") == "lambda":
            started = event
        elif kind in _LAMBDA_ENDS and started is not None and state is not None:
            attempts[state] = attempts.get(state, 0) + 1
            name = state if attempts[state] == 1 else f"{state} (attempt {attempts[state]})"
            runs.append(LambdaRun(name, _millis(event) - _millis(started), memory_mb.get(state), architecture,
                                  "upper", f"Step Functions' TaskStarted to {kind}"))
            started = None
    return runs


def batch_job_ids(events: list[dict[str, Any]]) -> list[str]:
    """Ids of the Batch jobs the execution submitted, in order (a job moved to another queue is a new job)."""
    ids: list[str] = []
    for event in events:
        details = next((v for k, v in event.items() if k.startswith("task") and k.endswith("EventDetails")), None)
        if not details or details.get("resourceType") != "batch" or not details.get("output"):
            continue
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            job_id = json.loads(details["output"]).get("JobId")
            if job_id and job_id not in ids:
                ids.append(job_id)
    return ids


# --- Batch ---------------------------------------------------------------------------------------
def _environments(batch: Any, queue_arn: str) -> list[dict[str, Any]]:
    (queue,) = batch.describe_job_queues(jobQueues=[queue_arn])["jobQueues"]
    order = [entry["computeEnvironment"] for entry in queue.get("computeEnvironmentOrder", [])]
    return batch.describe_compute_environments(computeEnvironments=order)["computeEnvironments"] if order else []


def _container_instance_type(arn: str | None) -> str | None:
    """``ecs.instance-type`` of the container instance ``arn`` (its cluster is in the ARN), or None."""
    if not arn or not arn.startswith("arn:") or "container-instance/" not in arn:
        return None
    path = arn.split("container-instance/", 1)[1].split("/")
    if len(path) != 2:  # the old ARN format names no cluster
        return None
    try:
        found = clients.client("ecs").describe_container_instances(cluster=path[0], containerInstances=[arn])
    except (ClientError, BotoCoreError):
        return None
    for instance in found.get("containerInstances", []):
        for attribute in instance.get("attributes", []):
            if attribute.get("name") == "ecs.instance-type":
                return attribute.get("value")
    return None


_FARGATE_SPOT_BY_KINDS = {frozenset({"FARGATE_SPOT"}): True, frozenset({"FARGATE"}): False}
"""Whether a Fargate attempt ran on Fargate Spot, by its queue's compute environments' kinds. Every queue the
stack deploys has one kind (:func:`templates.compute_shared.add_spot_first_queues`); a queue with both
(none of the stack's) leaves it unknown: None, priced at on-demand as an upper bound of the rate."""


def _fargate_task(job: dict[str, Any], spot: bool | None) -> FargateTask | None:
    container = job.get("container") or {}
    wanted = {r["type"]: r["value"] for r in container.get("resourceRequirements", [])}
    wanted.setdefault("VCPU", container.get("vcpus"))  # the older fields, as some describers still answer
    wanted.setdefault("MEMORY", container.get("memory"))
    if not wanted["VCPU"] or not wanted["MEMORY"]:
        return None
    cpu = (container.get("runtimePlatform") or {}).get("cpuArchitecture", "X86_64").lower()
    return FargateTask(float(wanted["VCPU"]), int(wanted["MEMORY"]), "arm64" if cpu == "arm64" else "x86_64", spot)


def _platform(job: dict[str, Any], attempt: dict[str, Any], environments: list[dict[str, Any]]) -> Ec2Host | FargateTask | None:
    kinds = {(e.get("computeResources") or {}).get("type") for e in environments}
    if kinds and kinds <= {"FARGATE", "FARGATE_SPOT"}:
        return _fargate_task(job, _FARGATE_SPOT_BY_KINDS.get(frozenset(kinds)))
    if kinds and kinds <= {"EC2", "SPOT"}:
        allowed = tuple(dict.fromkeys(t for e in environments for t in e["computeResources"].get("instanceTypes", [])))
        instance = _container_instance_type((attempt.get("container") or {}).get("containerInstanceArn"))
        if instance is None and len(allowed) == 1:
            instance = allowed[0]
        return Ec2Host(instance, allowed, kinds == {"SPOT"})
    return None


def batch_attempts(job_ids: list[str]) -> tuple[list[BatchAttempt], list[Gap]]:
    """Every attempt of the jobs that started; a job or attempt that cannot be read is a gap."""
    if not job_ids:
        return [], []
    batch = clients.client("batch")
    try:
        jobs = batch.describe_jobs(jobs=job_ids)["jobs"]
    except (ClientError, BotoCoreError) as error:
        return [], [Gap("batch", f"DescribeJobs failed ({_why(error)})")]
    attempts, gaps = [], []
    for job in jobs:
        try:
            environments = _environments(batch, job["jobQueue"])
        except (ClientError, BotoCoreError, KeyError, ValueError) as error:
            environments = []
            gaps.append(Gap(f"batch job {job['jobId']}", f"its compute environment could not be read ({_why(error)})"))
        for number, attempt in enumerate(job.get("attempts", []), start=1):
            if "startedAt" not in attempt or "stoppedAt" not in attempt:
                gaps.append(Gap(f"batch job {job['jobId']} attempt {number}", "DescribeJobs gives no startedAt/stoppedAt"))
                continue
            attempts.append(BatchAttempt(job["jobId"], number, int(attempt["startedAt"]), int(attempt["stoppedAt"]),
                                         _platform(job, attempt, environments) if environments else None))
    return attempts, gaps


# --- S3 ------------------------------------------------------------------------------------------
_counts = threading.local()


def _count(model: Any = None, **_: Any) -> None:
    counter = getattr(_counts, "active", None)
    if counter is not None and model is not None:
        counter["put" if model.name.startswith(_PUT_CLASS) else "get"] += 1


@contextlib.contextmanager
def count_s3_requests() -> Iterator[dict[str, int]]:
    """Count the S3 requests this thread completes inside the block, as ``{"put": n, "get": n}``."""
    clients.client("s3").meta.events.register("after-call.s3", _count, unique_id="job-cost-s3-requests")
    counter = {"put": 0, "get": 0}
    _counts.active = counter
    try:
        yield counter
    finally:
        _counts.active = None


# --- the whole job -------------------------------------------------------------------------------
def analysis_task_puts(overlays: int) -> int:
    """PUTs the analysis task makes: one per overlay image, and detections.json (``gpu_tasks.analyze``)."""
    return overlays + 1


def measure_job(*, execution_arn: str | None, batch_job_id: str | None, lambda_memory_mb: dict[str, int],
                own_run: LambdaRun, s3_counted: dict[str, int], overlays: int, region: str) -> JobMeasurements:
    """The job's measurements as far as they can be read while ``own_run`` (this handler) is running.

    ``s3_counted``: this handler's requests so far, to which its one results.json PUT is added;
    ``overlays``: the overlay images detections.json lists (each one PUT by the analysis task)."""
    gaps = [Gap("analysis task S3 GETs", "the video and model downloads of the Batch job are not counted"),
            Gap("ValidateUpload S3 GETs", "the probe's range reads are not counted"),
            Gap("start_analysis and API functions", "invoked outside the execution; not in its history")]
    events: list[dict[str, Any]] = []
    if execution_arn:
        try:
            events = execution_history(execution_arn)
        except (ClientError, BotoCoreError) as error:
            gaps.append(Gap("step functions", f"GetExecutionHistory failed ({_why(error)})"))
    else:
        gaps.append(Gap("step functions", "the event carries no execution_arn: transitions and earlier "
                                          "Lambda tasks are not measured"))
    entered = states_entered(events)
    job_ids = list(dict.fromkeys([*([batch_job_id] if batch_job_id else []), *batch_job_ids(events)]))
    if not job_ids:
        gaps.append(Gap("batch", "no Batch job id (neither the event's batch_job_id nor the execution history)"))
    attempts, batch_gaps = batch_attempts(job_ids)
    runs = lambda_task_runs(events, memory_mb=lambda_memory_mb, architecture=own_run.architecture)
    current = entered[-1] if entered else None
    if current is not None:
        own_run = LambdaRun(current, own_run.duration_ms, own_run.memory_mb, own_run.architecture, own_run.bound,
                            own_run.source)
    s3 = S3Requests(
        puts=1 + analysis_task_puts(overlays) + s3_counted["put"] + 1, gets=s3_counted["get"],
        puts_counted=f"the upload, the analysis task's detections.json and {overlays} overlays, "
                     f"{s3_counted['put']} made here so far, results.json",
        gets_counted="made here (reading detections.json)")
    return JobMeasurements(
        batch_attempts=tuple(attempts), lambda_runs=(*runs, own_run),
        state_transitions=len(entered) if events else None,
        transitions_counted=f"up to {current} (the states after it run once results.json is written)" if current else "",
        s3_requests=s3, region=region, gaps=(*gaps, *batch_gaps))
