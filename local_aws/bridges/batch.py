"""Batch bridge: a submitted job runs its job definition's command as a local process.

moto 5.2.5 gaps this fills:

* Jobs run only in Docker. Here a job runs ``command`` (``python`` is this interpreter) in the
  repository root with the job definition's environment, the container overrides and the embedded
  AWS endpoint and fake credentials, and ``EMBEDDED_AWS=1`` (a MODELS_MISSING error then names
  ``local up --models DIR``); ``MODELS_URI`` may be pointed at a local models directory. A
  host volume (the model cache) is a folder under ``.cache/batch-host/``, and an environment value
  inside its mount point names that folder.
  Exit code 0 -> SUCCEEDED, anything else -> FAILED with ``container.exitCode`` and a
  ``statusReason``/``container.reason`` holding the last line of stderr (the GPU task prints
  ``ERROR <CODE>: message`` there). Its stdout and stderr lines, each stamped when it arrived, go to
  CloudWatch Logs as on AWS: the job definition's ``awslogs-group`` (stream
  ``<awslogs-stream-prefix>/default/<job id>``), or ``/aws/batch/job`` when it names none.
* Warm starts (``EMBEDDED_AWS_WARM_JOBS=1``, the test suite's setting): a ``python -m`` job forks from a
  process that has imported torch and transformers once (``batch_warm_start``), the same job seconds sooner.
* Retries: a failed attempt runs again while its RetryStrategy allows (``attempts``, and
  ``evaluateOnExit`` as AWS evaluates it: ``batch_retry``); each attempt is in ``attempts``.
* Capacity: on AWS a job waits RUNNABLE until its compute environment has room. Here the machine is
  the compute environment: at most ``os.cpu_count()`` jobs run at once and the rest wait RUNNABLE,
  so a burst of jobs queues instead of starting every model process at the same moment.
* ``describe_jobs`` omits the container's ``exitCode`` and appends the job definition's environment
  to the overrides on every call; here it reports the exit code and a stable environment. It also
  iterates the live job table, which a concurrent ``submit_job`` grows ("dictionary changed size
  during iteration"): the server answered 500 with no request id, and the engine's ``submitJob.sync``
  poll turned that into an uncatchable ``States.Runtime`` (``KeyError 'RequestId'``), so one of twenty
  jobs started together died with its job never marked final. Here it reads a snapshot of the table.
* The Step Functions engine's Batch integration passes the state's ``JobName``-cased parameters
  to boto3 unconverted (``KeyError 'JobName'``) and reads ``JobId`` from an unconverted response.
  Here requests are converted to Batch's casing and responses to Step Functions' ``PascalCase``,
  as Step Functions does (``$.JobId``, ``$.Status``, ``$.Container.ExitCode``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

import botocore.session
from botocore.model import OperationModel
from botocore import xform_name
from moto.batch.models import BatchBackend, Job
from moto.batch.utils import JobStatus
from moto.core.utils import unix_time_millis
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service import StateTaskService
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_batch import (
    StateTaskServiceBatch,
)

from local_aws.bridges.batch_capacity import wait_for_capacity
from local_aws.bridges.batch_retry import FailedAttempt, attempts_allowed, should_retry
from local_aws.bridges.batch_warm_start import WarmJob, WarmServer
from local_aws.bridges.settings import BridgeSettings
from pipeline.environment import EnvVar

MODELS_URI = EnvVar.MODELS_URI.value
HOST_ROOT = Path(".cache") / "batch-host"
"""Under the repository root: the folders of the job definitions' host volumes."""
_POLL_S = 0.2
#: Jobs that run at once; the others wait RUNNABLE, as they wait for compute-environment capacity.
_capacity = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
_originals: dict[str, Any] = {}
#: This process's warm server (``EMBEDDED_AWS_WARM_JOBS=1``), started by the first job that uses it.
_warm_server = WarmServer()


# --- the job runs as a local process -----------------------------------------------------------
def host_folder(settings: BridgeSettings, source_path: str) -> Path:
    """The local folder standing in for a host path the job definition mounts: the embedded AWS's
    one "host" keeps it under ``.cache/batch-host/``, so it outlives a job as it would on a GPU host."""
    folder = settings.repo_root / HOST_ROOT / source_path.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _mounted_paths(job: Job, settings: BridgeSettings) -> dict[str, Path]:
    """``{container path: local folder}`` of the definition's host volumes."""
    volumes = {volume.get("name"): (volume.get("host") or {}).get("sourcePath")
               for volume in job._get_container_property("volumes", []) or []}
    mounted = {}
    for mount in job._get_container_property("mountPoints", []) or []:
        source = volumes.get(mount.get("sourceVolume"))
        if source and mount.get("containerPath"):
            mounted[mount["containerPath"].rstrip("/")] = host_folder(settings, source)
    return mounted


def _to_host(value: str, mounted: dict[str, Path]) -> str:
    for container_path, folder in mounted.items():
        if value == container_path or value.startswith(container_path + "/"):
            return str(folder) + value[len(container_path):]
    return value


def job_environment(job: Job, settings: BridgeSettings) -> dict[str, str]:
    """Process environment: ours minus AWS settings, the endpoint, then definition + overrides. A
    value naming a path inside a host volume's mount point names the local folder of that volume
    instead (the process has no container filesystem)."""
    mounted = _mounted_paths(job, settings)
    container = {e["name"]: _to_host(e["value"], mounted) for e in job._get_container_property("environment", [])}
    env = {**settings.base_environment, **settings.aws_environment(job.job_definition._region), **container,
           EnvVar.EMBEDDED_AWS.value: "1"}
    if settings.models_dir is not None:
        env[MODELS_URI] = str(settings.models_dir)
    return env


def job_command(job: Job) -> list[str]:
    command = job._add_parameters_to_command(job._get_container_property("command", []))
    if not command:
        raise ValueError(f"job definition {job.job_definition.name} has no command")
    return [sys.executable if command[0] in ("python", "python3") else command[0], *command[1:]]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:1024] if lines else ""


def log_destination(job: Job) -> tuple[str, str]:
    """``(group, stream)``: the definition's ``awslogs-group`` (stream ``<awslogs-stream-prefix>/default/<job
    id>``) when its ``logConfiguration`` names one, else Batch's default ``/aws/batch/job``."""
    config = job._get_container_property("logConfiguration", None) or {}
    options = (config.get("options") or {}) if config.get("logDriver", "awslogs") == "awslogs" else {}
    prefix = options.get("awslogs-stream-prefix") or job.job_definition.name
    return options.get("awslogs-group") or job._log_group, f"{prefix}/default/{job.job_id}"


def _save_logs(job: Job, lines: list[tuple[int, str]]) -> None:
    group, stream = log_destination(job)
    job._log_group, job._stream_name, job.log_stream_name = group, stream, stream
    job._log_backend.ensure_log_group(group)
    job._log_backend.ensure_log_stream(group, stream)
    events = [{"timestamp": stamp, "message": line} for stamp, line in lines if line.strip()]
    if events:
        job._log_backend.put_log_events(group, stream, events)


def _read_lines(pipe: IO[str], into: list[tuple[int, str]], lock: threading.Lock) -> None:
    """Append each line of ``pipe`` to ``into`` with the time it arrived (ms since the epoch)."""
    for line in pipe:
        with lock:
            into.append((unix_time_millis(), line.rstrip("\n")))
    pipe.close()


def _start_process(command: list[str], cwd: Path, env: dict[str, str],
                   settings: BridgeSettings) -> subprocess.Popen[str] | WarmJob:
    """The job's process: forked warm when the settings ask for it and the command is ``python -m``
    (``batch_warm_start``), else a new process."""
    if settings.warm_jobs and (warm := _warm_server.start_job(command, cwd=cwd, env=env)) is not None:
        return warm
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, errors="replace")


def _execute(job: Job, settings: BridgeSettings) -> tuple[int | None, str]:
    """Run the command; returns ``(exit code or None when stopped/timed out, reason)``."""
    duration = job._get_attempt_duration()
    deadline = time.monotonic() + duration if duration else None
    try:
        process = _start_process(job_command(job), settings.repo_root, job_environment(job, settings), settings)
    except (OSError, ValueError) as error:
        return None, f"CannotStartContainerError: {error}"
    lines: list[tuple[int, str]] = []
    stderr: list[tuple[int, str]] = []
    lock = threading.Lock()
    readers = [threading.Thread(target=_read_lines, args=(process.stdout, lines, lock), daemon=True),
               threading.Thread(target=_read_lines, args=(process.stderr, stderr, lock), daemon=True)]
    for reader in readers:
        reader.start()
    reason = ""
    while process.poll() is None:
        if job.stop or (deadline is not None and time.monotonic() > deadline):
            process.kill()
            reason = job.job_stopped_reason or "Job attempt duration exceeded timeout"
            break
        time.sleep(_POLL_S)
    code = process.wait()
    for reader in readers:
        reader.join(timeout=10)
    with lock:
        _save_logs(job, sorted(lines + stderr, key=lambda stamped: stamped[0]))
        errors = "\n".join(line for _, line in stderr)
    if reason:
        return None, reason
    return code, "" if code == 0 else (_last_line(errors) or f"Essential container in task exited with {code}")


def _run_locally(self: Job) -> None:
    settings = BridgeSettings.current()
    try:
        if self.depends_on and not self._wait_for_dependencies():
            return
        self.status = JobStatus.RUNNABLE.value
        if not wait_for_capacity(self):  # its queue's compute environments have none (batch_capacity)
            return
        while not _capacity.acquire(timeout=_POLL_S):
            if self.stop:
                self._mark_stopped(success=False)
                return
        try:
            exit_code, reason = _run_attempts(self, settings)
        finally:
            _capacity.release()
    except Exception as error:  # noqa: BLE001 - a bridge failure must fail the job, not hang it
        exit_code, reason = None, f"local Batch bridge failed: {error!r}"
    self.exit_code = exit_code
    if reason:
        self.job_stopped_reason = reason
    self._mark_stopped(success=exit_code == 0)


def _run_attempts(job: Job, settings: BridgeSettings) -> tuple[int | None, str]:
    """Run attempts until one succeeds, the job is stopped, or the RetryStrategy retries no more."""
    strategy = job.job_definition.retry_strategy
    for _ in range(attempts_allowed(strategy)):
        job.job_started_at = datetime.now()
        job.status = JobStatus.RUNNING.value
        job._start_attempt()
        exit_code, reason = _execute(job, settings)
        job.latest_attempt["stoppedAt"] = unix_time_millis()  # type: ignore[index]
        job.latest_attempt["container"].update(  # type: ignore[index]
            {"exitCode": exit_code, "reason": reason} if reason else {"exitCode": exit_code})
        if reason:
            job.latest_attempt["statusReason"] = reason  # type: ignore[index]
        if exit_code == 0 or job.stop or not should_retry(strategy, FailedAttempt(exit_code, reason, reason)):
            break
    return exit_code, reason


def _container_details(self: Job) -> dict[str, Any]:
    details = _originals["_container_details"](self)
    if self.exit_code is not None:
        details["exitCode"] = self.exit_code
    if self.job_stopped_reason:
        details["reason"] = self.job_stopped_reason
    return details


def _describe_jobs(self: BatchBackend, jobs: list[str] | None) -> list[dict[str, Any]]:
    """The jobs named (ids or ARNs; all when none is named), read from a snapshot of the job table:
    ``list()`` of a dict's items runs without releasing the GIL, so a submit on another thread cannot
    change its size mid-read."""
    wanted = set(jobs or ())
    return [job.describe() for job_id, job in list(self._jobs.items())
            if not wanted or job_id in wanted or job.arn in wanted]


def _get_container_property(self: Job, p: str, default: Any) -> Any:
    if p != "environment":
        return _originals["_get_container_property"](self, p, default)
    merged = {e["name"]: e["value"] for e in self.job_definition.container_properties.get("environment", [])}
    merged.update({e["name"]: e["value"] for e in self.container_overrides.get("environment", [])})
    merged["AWS_BATCH_JOB_ID"] = self.job_id
    return [{"name": name, "value": value} for name, value in merged.items()]


# --- the Step Functions engine's Batch integration speaks Step Functions' casing -----------------
@cache
def _operation(service: str, action: str) -> OperationModel:
    model = botocore.session.get_session().get_service_model(service)
    wanted = xform_name(action)
    for name in model.operation_names:
        if xform_name(name) == wanted:
            return model.operation_model(name)
    raise ValueError(f"{service} has no operation {action}")


def to_boto_casing(self: StateTaskService, parameters: dict, boto_service_name: str | None = None,
                   service_action_name: str | None = None) -> None:
    """A task's ``Parameters`` in boto3's casing (``JobName`` -> ``jobName``), by the operation's model."""
    operation = _operation(self._get_boto_service_name(boto_service_name),
                           self._get_boto_service_action(service_action_name))
    self._to_boto_request(parameters, operation.input_shape)


def to_states_casing(self: StateTaskService, response: Any, boto_service_name: str | None = None,
                     service_action_name: str | None = None) -> None:
    """A boto3 response in Step Functions' ``PascalCase`` (``jobId`` -> ``JobId``), by the operation's model."""
    operation = _operation(self._get_boto_service_name(boto_service_name),
                           self._get_boto_service_action(service_action_name))
    if operation.output_shape is not None:
        self._from_boto_response(response, operation.output_shape)


_PATCHES: list[tuple[type, str, Any]] = [
    (Job, "run", _run_locally),
    (Job, "_container_details", _container_details),
    (Job, "_get_container_property", _get_container_property),
    (BatchBackend, "describe_jobs", _describe_jobs),
    (StateTaskServiceBatch, "_normalise_parameters", to_boto_casing),
    (StateTaskServiceBatch, "_normalise_response", to_states_casing),
]


def install() -> None:
    for owner, name, replacement in _PATCHES:
        _originals.setdefault(name, owner.__dict__.get(name, getattr(owner, name)))
        setattr(owner, name, replacement)


def uninstall() -> None:
    for owner, name, _ in _PATCHES:
        if name in _originals:
            setattr(owner, name, _originals[name])
