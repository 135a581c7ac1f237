"""Batch capacity bridge: queues keep their job-state time limit actions, and a compute environment can
be without capacity, so a job waits RUNNABLE and is cancelled as AWS Batch cancels it.

moto 5.2.5 drops a queue's ``jobStateTimeLimitActions`` (CreateJobQueue and CloudFormation alike) and
places every job at once. Here:

* a queue keeps the actions, and ``DescribeJobQueues`` returns them;
* inside :func:`capacity_unavailable`, the named compute environments have none: a job whose queue
  reaches only those stays RUNNABLE with the status reason AWS Batch gives
  (``CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY - Service cannot fulfill the capacity requested for
  instance type [...]``), and a queue action for that reason with ``CANCEL`` ends it after
  ``maxTimeSeconds`` (× ``time_scale``, so a test need not wait ten minutes) as FAILED with
  ``Canceled by JobStateTimeLimit action due to reason: CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY``.

The wording is AWS's, from the AWS Batch user guide ("Jobs stuck in RUNNABLE due to capacity"),
written out here rather than taken from the project's own constants, so a test of the state
machine's fallback checks it against AWS's text, not against itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.batch.models import Job, JobQueue
from moto.batch.responses import BatchResponse

INSUFFICIENT_CAPACITY = "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY"
_POLL_S = 0.05

_lock = threading.Lock()
_without_capacity: set[str] = set()
_time_scale = 1.0
_originals: dict[str, Any] = {}


@contextmanager
def capacity_unavailable(*compute_environments: str, time_scale: float = 1.0) -> Iterator[None]:
    """Inside the block the compute environments named (names or ARNs) have no capacity, and a queue's
    time limits run ``time_scale`` times as long (0.005: 600 s become 3 s)."""
    global _time_scale
    with _lock:
        before, scale_before = set(_without_capacity), _time_scale
        _without_capacity.update(compute_environments)
        _time_scale = time_scale
    try:
        yield
    finally:
        with _lock:
            _without_capacity.clear()
            _without_capacity.update(before)
            _time_scale = scale_before


def _lacks_capacity(queue: JobQueue) -> bool:
    with _lock:
        return bool(queue.environments) and all(
            environment.name in _without_capacity or environment.arn in _without_capacity
            for environment in queue.environments)


def _instance_types(queue: JobQueue) -> str:
    types = [t for environment in queue.environments
             for t in ((environment.compute_resources or {}).get("instanceTypes") or [])]
    return ", ".join(types) or "optimal"


def _cancel_after(queue: JobQueue) -> float | None:
    """Seconds until the queue's time limit cancels a job waiting for capacity, or ``None``."""
    for action in getattr(queue, "job_state_time_limit_actions", []):
        if (action.get("reason"), action.get("state"), action.get("action")) == (INSUFFICIENT_CAPACITY, "RUNNABLE",
                                                                                 "CANCEL"):
            with _lock:
                return float(action["maxTimeSeconds"]) * _time_scale
    return None


def wait_for_capacity(job: Job) -> bool:
    """Hold a RUNNABLE job while its queue has no capacity; ``False`` when it was cancelled (by its
    queue's time limit action, or by TerminateJob/CancelJob) instead of placed."""
    queue = job.job_queue
    if not _lacks_capacity(queue):
        return True
    job.job_stopped_reason = (f"{INSUFFICIENT_CAPACITY} - Service cannot fulfill the capacity requested for "
                              f"instance type [{_instance_types(queue)}]")
    limit = _cancel_after(queue)
    deadline = time.monotonic() + limit if limit is not None else None
    while _lacks_capacity(queue):
        if job.stop:
            job._mark_stopped(success=False)
            return False
        if deadline is not None and time.monotonic() >= deadline:
            job.job_stopped_reason = f"Canceled by JobStateTimeLimit action due to reason: {INSUFFICIENT_CAPACITY}"
            job._mark_stopped(success=False)
            return False
        time.sleep(_POLL_S)
    job.job_stopped_reason = None
    return True


# --- queues keep their actions ---------------------------------------------------------------------
def _lower_first(value: Any) -> Any:
    """CloudFormation's ``MaxTimeSeconds`` -> the API's ``maxTimeSeconds``, recursively."""
    if isinstance(value, dict):
        return {key[:1].lower() + key[1:]: _lower_first(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lower_first(item) for item in value]
    return value


def _create_job_queue_response(self: BatchResponse) -> str:
    body = _originals["createjobqueue"](self)
    queue = self.batch_backend.get_job_queue(self._get_param("jobQueueName"))
    if queue is not None:
        queue.job_state_time_limit_actions = self._get_param("jobStateTimeLimitActions") or []
    return body


def _create_from_cloudformation(cls: type[JobQueue], resource_name: str, cloudformation_json: dict[str, Any],
                                account_id: str, region_name: str, **kwargs: Any) -> JobQueue:
    queue = _originals["create_from_cloudformation_json"].__func__(cls, resource_name, cloudformation_json,
                                                                   account_id, region_name, **kwargs)
    actions = cloudformation_json.get("Properties", {}).get("JobStateTimeLimitActions") or []
    queue.job_state_time_limit_actions = _lower_first(actions)
    return queue


def _describe(self: JobQueue) -> dict[str, Any]:
    description = _originals["describe"](self)
    if getattr(self, "job_state_time_limit_actions", None):
        description["jobStateTimeLimitActions"] = self.job_state_time_limit_actions
    return description


def install() -> None:
    _originals.setdefault("createjobqueue", BatchResponse.__dict__["createjobqueue"])
    _originals.setdefault("create_from_cloudformation_json", JobQueue.__dict__["create_from_cloudformation_json"])
    _originals.setdefault("describe", JobQueue.__dict__["describe"])
    BatchResponse.createjobqueue = _create_job_queue_response  # type: ignore[method-assign]
    JobQueue.create_from_cloudformation_json = classmethod(_create_from_cloudformation)  # type: ignore[assignment]
    JobQueue.describe = _describe  # type: ignore[method-assign]


def uninstall() -> None:
    if _originals:
        BatchResponse.createjobqueue = _originals["createjobqueue"]  # type: ignore[method-assign]
        JobQueue.create_from_cloudformation_json = _originals["create_from_cloudformation_json"]  # type: ignore[assignment]
        JobQueue.describe = _originals["describe"]  # type: ignore[method-assign]
