"""Step Functions bridge: a Distributed Map's ResultWriter exports its children's results, and a Map Run
fails past its tolerated failure threshold.

moto 5.2.5's ASL engine runs a Distributed Map (ItemReader, MaxConcurrency, child workflows run in
process) but leaves two of its documented behaviours out:

* **ResultWriter** writes ``manifest.json`` with empty ``ResultFiles``: moto generates no result files.
  AWS: "Step Functions consolidates all child workflow execution data, such as
  execution input and output, ARN, and execution status. It then exports executions with the same
  status to their respective files in the specified Amazon S3 location" (Step Functions developer
  guide, "ResultWriter (Map)"). The bridge records each child's outcome as it ends and writes
  ``{Prefix}/{map run id}/SUCCEEDED_0.json``, ``FAILED_0.json`` (and ``TIMED_OUT``/``ABORTED`` when
  any) as JSON arrays of ``{Input, InputDetails, Status, StartDate, StopDate}`` with ``Output`` and
  ``OutputDetails`` for a success, ``Error`` and ``Cause`` for a failure, and lists them with their
  ``Key`` and ``Size`` in the manifest. The embedded engine runs a child inline, not as an execution
  of its own, so entries carry no ``ExecutionArn`` or ``Name`` (no ARN is made up that would not
  resolve).
* **ToleratedFailurePercentage / ToleratedFailureCount** are read and never applied: every failed
  item is tolerated. AWS ("Tolerated failure threshold for a Distributed Map state"): the Map Run
  "fails automatically if it exceeds the threshold"; the percentage is "the total number of failed
  or timed out items divided by the total number of items"; "the default percentage value is zero,
  which means the workflow fails if any one of its child workflow executions fails or times out";
  and "Step Functions returns a States.ExceedToleratedFailureThreshold error when the Map Run fails
  because the specified threshold is exceeded". The bridge checks once every item has ended (AWS
  may stop earlier; it also says children may go on running past the threshold before the Map Run
  fails), so the same items fail and the Map state fails with the same error. Only the thresholds
  a definition sets apply; with neither set (both read 0) any failed item fails the Map Run.
* **ResultWriter ``Parameters``** with paths (``"Prefix.$": "$.results_prefix"``) are resolved against
  the children's outputs, which moto has just put on its stack; they are resolved against the Map
  state's input, as the ItemReader's ``Parameters`` are.
* **DescribeMapRun** looks for the Map Run in every execution's worker and fails (HTTP 500) when it
  meets an execution without one (a child AnalyzeMeal execution while it starts, or once it has
  ended); such executions are passed over.
"""

from __future__ import annotations

import datetime
import json
import threading
from dataclasses import dataclass
from typing import Any

from moto.stepfunctions.parser.api import HistoryEventType, MapRunFailedEventDetails, ResourceNotFound
from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
    FailureEvent,
    FailureEventException,
)
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import StatesErrorNameType
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.distributed_iteration_component import (
    DistributedIterationComponent,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor import (
    distributed_item_processor_worker as worker_module,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.result_writer.resource_eval import (
    resource_eval_s3 as writer_module,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.result_writer.result_writer_decl import ResultWriter
from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails
from moto.stepfunctions.parser.asl.eval.program_state import (
    ProgramEnded,
    ProgramError,
    ProgramStopped,
    ProgramTimedOut,
)
from moto.stepfunctions.parser.asl.utils.boto_client import boto_client_for
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

_Worker = worker_module.DistributedItemProcessorWorker
_Writer = writer_module.ResourceEvalS3
_original_eval_job = _Worker._eval_job
_original_map_run = DistributedIterationComponent._map_run
_original_put_object = _Writer._handle_put_object
_original_writer_eval = ResultWriter._eval_body
_original_describe_map_run = StepFunctionsParserBackend.describe_map_run

#: Statuses in the order the manifest lists them (AWS writes FAILED, PENDING, SUCCEEDED; the rest when any).
RESULT_STATUSES = ("FAILED", "PENDING", "SUCCEEDED", "TIMED_OUT", "ABORTED")


@dataclass(frozen=True)
class ChildOutcome:
    """How one item's child workflow ended (times ISO-8601 UTC)."""

    index: int
    status: str
    input: Any
    started: str
    stopped: str
    output: Any = None
    error: str | None = None
    cause: str | None = None

    def entry(self) -> dict[str, Any]:
        """The item as a result file lists it."""
        entry: dict[str, Any] = {"Input": json.dumps(self.input), "InputDetails": {"Included": True},
                                 "StartDate": self.started, "Status": self.status, "StopDate": self.stopped}
        if self.status == "SUCCEEDED":
            entry.update(Output=json.dumps(self.output), OutputDetails={"Included": True})
        if self.error is not None:
            entry["Error"] = self.error
        if self.cause is not None:
            entry["Cause"] = self.cause
        return entry


_lock = threading.Lock()
_outcomes: dict[str, list[ChildOutcome]] = {}
"""Outcomes per Map Run ARN, from the first child's end until the ResultWriter takes them."""


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")


def _outcome(env: Any, job: Any, started: str) -> ChildOutcome:
    state = env.program_state()
    stopped = _now()
    if isinstance(state, ProgramEnded):
        return ChildOutcome(job.job_index, "SUCCEEDED", job.job_input, started, stopped, output=job.job_output)
    if isinstance(state, ProgramError):
        details = state.error or {}
        return ChildOutcome(job.job_index, "FAILED", job.job_input, started, stopped,
                            error=details.get("error"), cause=details.get("cause"))
    if isinstance(state, ProgramTimedOut):
        return ChildOutcome(job.job_index, "TIMED_OUT", job.job_input, started, stopped)
    if isinstance(state, ProgramStopped):
        return ChildOutcome(job.job_index, "ABORTED", job.job_input, started, stopped)
    return ChildOutcome(job.job_index, "FAILED", job.job_input, started, stopped)


def _eval_job(self: _Worker, env: Any, job: Any) -> None:
    started = _now()
    _original_eval_job(self, env, job)
    outcome = _outcome(env, job, started)
    with _lock:
        _outcomes.setdefault(self._map_run_record.map_run_arn, []).append(outcome)


def exceeds_threshold(failed: int, total: int, *, tolerated_count: int, tolerated_percentage: float) -> bool:
    """Whether ``failed`` (failed or timed out) of ``total`` items exceed the thresholds a Map sets;
    with neither set (both 0) any failure does."""
    if failed == 0:
        return False
    if tolerated_count == 0 and tolerated_percentage == 0:
        return True
    over_count = tolerated_count > 0 and failed > tolerated_count
    over_percentage = tolerated_percentage > 0 and 100.0 * failed / max(total, 1) > tolerated_percentage
    return over_count or over_percentage


def _map_run(self: DistributedIterationComponent, env: Any, eval_input: Any) -> None:
    _original_map_run(self, env, eval_input)
    record = eval_input.map_run_record
    items = record.item_counter
    failed, total = items.failed.get() + items.timed_out.get(), items.total.get()
    if not exceeds_threshold(failed, total, tolerated_count=record.tolerated_failure_count,
                             tolerated_percentage=record.tolerated_failure_percentage):
        return
    error = StatesErrorNameType.StatesExceedToleratedFailureThreshold.to_name()
    cause = (f"{failed} of {total} items failed or timed out ({100.0 * failed / max(total, 1):.1f} %), above the "
             f"tolerated {record.tolerated_failure_percentage:g} % / {record.tolerated_failure_count} items")
    raise FailureEventException(FailureEvent(
        env=env,
        error_name=StatesErrorName(typ=StatesErrorNameType.StatesExceedToleratedFailureThreshold),
        event_type=HistoryEventType.MapRunFailed,
        event_details=EventDetails(mapRunFailedEventDetails=MapRunFailedEventDetails(error=error, cause=cause)),
    ))


def _handle_put_object(env: Any, resource_runtime_part: Any, state_credentials: Any) -> None:
    """moto's manifest, then the result files it leaves out, listed in the manifest."""
    parameters = dict(env.stack[-1])
    _original_put_object(env, resource_runtime_part, state_credentials)
    written = env.stack[-1]
    map_run_arn = written["MapRunArn"]
    with _lock:
        outcomes = sorted(_outcomes.pop(map_run_arn, []), key=lambda outcome: outcome.index)
    bucket, manifest_key = written["ResultWriterDetails"]["Bucket"], written["ResultWriterDetails"]["Key"]
    folder = manifest_key.rsplit("/", 1)[0]
    s3 = boto_client_for(service="s3", region=resource_runtime_part.region, state_credentials=state_credentials)
    files: dict[str, list[dict[str, Any]]] = {status: [] for status in RESULT_STATUSES[:3]}
    for status in RESULT_STATUSES:
        entries = [outcome.entry() for outcome in outcomes if outcome.status == status]
        if not entries:
            continue
        body = json.dumps(entries).encode()
        key = f"{folder}/{status}_0.json"
        s3.put_object(Bucket=bucket, Key=key, Body=body)
        files.setdefault(status, []).append({"Key": key, "Size": len(body)})
    manifest = {"DestinationBucket": parameters["Bucket"], "MapRunArn": map_run_arn, "ResultFiles": files}
    s3.put_object(Bucket=bucket, Key=manifest_key, Body=json.dumps(manifest, indent=2).encode())


def _writer_eval_body(self: ResultWriter, env: Any) -> None:
    """Resolve the ResultWriter's ``Parameters`` paths against the Map state's input, as its other
    fields are, instead of against the children's outputs (moto's order: results on the stack)."""
    results = env.stack.pop()
    env.stack.append(env.states.get_input())
    self.parargs.eval(env=env)
    parameters = env.stack.pop()
    env.stack.pop()
    env.stack.extend([results, parameters])
    self.resource_eval.eval_resource(env=env)


def _describe_map_run(self: StepFunctionsParserBackend, map_run_arn: str) -> dict[str, Any]:
    for execution in self._get_executions():
        env = getattr(getattr(execution, "exec_worker", None), "env", None)
        record = env.map_run_record_pool_manager.get(map_run_arn) if env is not None else None
        if record is not None:
            return record.describe()
    raise ResourceNotFound()


def install() -> None:
    """Record each child's outcome, apply the tolerated failure threshold, write the result files."""
    _Worker._eval_job = _eval_job  # type: ignore[method-assign]
    DistributedIterationComponent._map_run = _map_run  # type: ignore[method-assign]
    _Writer._handle_put_object = staticmethod(_handle_put_object)  # type: ignore[assignment]
    ResultWriter._eval_body = _writer_eval_body  # type: ignore[method-assign]
    StepFunctionsParserBackend.describe_map_run = _describe_map_run  # type: ignore[method-assign]


def uninstall() -> None:
    _Worker._eval_job = _original_eval_job  # type: ignore[method-assign]
    DistributedIterationComponent._map_run = _original_map_run  # type: ignore[method-assign]
    _Writer._handle_put_object = staticmethod(_original_put_object)  # type: ignore[assignment]
    ResultWriter._eval_body = _original_writer_eval  # type: ignore[method-assign]
    StepFunctionsParserBackend.describe_map_run = _original_describe_map_run  # type: ignore[method-assign]
    with _lock:
        _outcomes.clear()
