"""Batch bridge: a job runs its definition's command locally; the exit code decides its status."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any

import pytest

from local_aws import EmbeddedAws
from local_aws.bridges.settings import BridgeSettings
from tests.local_aws.resources import create_batch, create_role, wait_until

pytestmark = pytest.mark.embedded

SCRIPT = (
    "import os, sys; print('greeting', os.environ['GREETING'], os.environ['WHO']); "
    "print('models', os.environ.get('MODELS_URI')); print('embedded', os.environ.get('EMBEDDED_AWS')); "
    "code = int(os.environ.get('EXIT', '0')); "
    "code and print('ERROR MODELS_MISSING: no models under ' + os.environ['MODELS_URI'], file=sys.stderr); "
    "sys.exit(code)"
)


@pytest.fixture(scope="module")
def batch_setup(aws: EmbeddedAws) -> tuple[str, str]:
    suffix = uuid.uuid4().hex[:8]
    role = create_role(aws, f"batch-bridge-{suffix}")
    return create_batch(aws, suffix, role, ["python", "-c", SCRIPT],
                        {"GREETING": "hello", "WHO": "definition", "MODELS_URI": "s3://models/"})


def _run(aws: EmbeddedAws, setup: tuple[str, str], env: dict[str, str]) -> dict[str, Any]:
    batch = aws.client("batch")
    job_id = batch.submit_job(
        jobName="bridge-test", jobQueue=setup[0], jobDefinition=setup[1],
        containerOverrides={"environment": [{"name": k, "value": v} for k, v in env.items()]})["jobId"]

    def finished() -> dict[str, Any] | None:
        job = batch.describe_jobs(jobs=[job_id])["jobs"][0]
        return job if job["status"] in ("SUCCEEDED", "FAILED") else None

    return wait_until(finished, 60, "the job to finish")


def _log_lines(aws: EmbeddedAws, job: dict[str, Any]) -> list[str]:
    events = aws.client("logs").get_log_events(logGroupName="/aws/batch/job",
                                                logStreamName=job["container"]["logStreamName"])["events"]
    return [e["message"] for e in events]


def test_exit_code_zero_succeeds_with_overrides_applied(aws: EmbeddedAws, batch_setup: tuple[str, str]) -> None:
    job = _run(aws, batch_setup, {"WHO": "override"})

    assert job["status"] == "SUCCEEDED"
    assert job["container"]["exitCode"] == 0
    assert "greeting hello override" in _log_lines(aws, job)
    assert "embedded 1" in _log_lines(aws, job)  # a MODELS_MISSING error says `local up --models DIR`
    env = job["container"]["environment"]
    names = [e["name"] for e in env]
    assert sorted(names) == sorted(set(names))  # describing twice does not duplicate variables
    assert {"name": "WHO", "value": "override"} in env
    assert {"name": "AWS_BATCH_JOB_ID", "value": job["jobId"]} in env


def test_non_zero_exit_fails_with_the_last_stderr_line(aws: EmbeddedAws, batch_setup: tuple[str, str]) -> None:
    job = _run(aws, batch_setup, {"EXIT": "20"})

    assert job["status"] == "FAILED"
    assert job["container"]["exitCode"] == 20
    assert job["statusReason"] == "ERROR MODELS_MISSING: no models under s3://models/"
    assert job["container"]["reason"] == job["statusReason"]
    assert job["attempts"][-1]["container"]["exitCode"] == 20


def test_a_local_models_dir_replaces_models_uri(aws: EmbeddedAws, batch_setup: tuple[str, str],
                                                tmp_path: Path) -> None:
    settings = BridgeSettings.current()
    BridgeSettings.activate(dataclasses.replace(settings, models_dir=tmp_path))
    try:
        job = _run(aws, batch_setup, {})
    finally:
        BridgeSettings.activate(settings)
    assert f"models {tmp_path}" in _log_lines(aws, job)


def test_a_command_that_cannot_start_fails_the_job(aws: EmbeddedAws) -> None:
    suffix = uuid.uuid4().hex[:8]
    setup = create_batch(aws, suffix, create_role(aws, f"batch-missing-{suffix}"), ["/no/such/program"])
    job = _run(aws, setup, {})
    assert job["status"] == "FAILED"
    assert job["statusReason"].startswith("CannotStartContainerError")


def test_output_goes_to_the_definitions_log_group_in_order(aws: EmbeddedAws) -> None:
    suffix = uuid.uuid4().hex[:8]
    group = f"/aws/batch/analyze-{suffix}"
    script = ("import sys, time; print('loading models', flush=True); time.sleep(0.05); "
              "print('WARNING slow disk', file=sys.stderr, flush=True); time.sleep(0.05); print('done', flush=True)")
    setup = create_batch(aws, suffix, create_role(aws, f"batch-logs-{suffix}"), ["python", "-c", script],
                         log_group=group)

    job = _run(aws, setup, {})

    assert job["status"] == "SUCCEEDED"
    stream = job["container"]["logStreamName"]
    assert stream == f"analyze/default/{job['jobId']}"
    events = aws.client("logs").get_log_events(logGroupName=group, logStreamName=stream)["events"]
    assert [e["message"] for e in events] == ["loading models", "WARNING slow disk", "done"]
    assert events[0]["timestamp"] < events[2]["timestamp"]


RETRY_ON_EXIT_CODE = {"attempts": 3, "evaluateOnExit": [{"onExitCode": "20", "action": "RETRY"},
                                                        {"onReason": "*", "action": "EXIT"}]}
"""Retries exit code 20 (as AWS evaluates ``onExitCode``); our own definition retries only host terminations."""
COUNTING_SCRIPT = (
    "import os, pathlib, sys; counter = pathlib.Path(os.environ['COUNTER']); "
    "n = int(counter.read_text() if counter.exists() else '0') + 1; counter.write_text(str(n)); "
    "code = int(os.environ['EXIT']) if n < int(os.environ['SUCCEED_ON']) else 0; "
    "code and print(f'ERROR ANALYSIS_FAILED: attempt {n}', file=sys.stderr); sys.exit(code)"
)


@pytest.mark.parametrize(("exit_code", "succeed_on", "status", "attempts"), [
    (20, 3, "SUCCEEDED", 3),   # retried twice, the third attempt succeeds
    (20, 9, "FAILED", 3),      # every attempt fails: three in all
    (21, 3, "FAILED", 1),      # an exit code the strategy does not retry exits at once
])
def test_failed_attempts_are_retried_per_the_retry_strategy(aws: EmbeddedAws, tmp_path: Path, exit_code: int,
                                                            succeed_on: int, status: str, attempts: int) -> None:
    suffix = uuid.uuid4().hex[:8]
    setup = create_batch(aws, suffix, create_role(aws, f"batch-retry-{suffix}"), ["python", "-c", COUNTING_SCRIPT],
                         {"COUNTER": str(tmp_path / "attempts")}, retry_strategy=RETRY_ON_EXIT_CODE)

    job = _run(aws, setup, {"EXIT": str(exit_code), "SUCCEED_ON": str(succeed_on)})

    assert job["status"] == status
    assert (tmp_path / "attempts").read_text() == str(attempts)
    assert len(job["attempts"]) == attempts
    assert [a["container"]["exitCode"] for a in job["attempts"]][:-1] == [exit_code] * (attempts - 1)
    if status == "FAILED":
        assert job["statusReason"] == f"ERROR ANALYSIS_FAILED: attempt {attempts}"


def test_a_burst_of_jobs_waits_runnable_beyond_the_machines_capacity(aws: EmbeddedAws, tmp_path: Path) -> None:
    """Never more jobs run at once than the machine has cores; the rest wait RUNNABLE, then all finish."""
    import os

    from tests.local_aws.resources import create_batch, create_role

    suffix = uuid.uuid4().hex[:8]
    marker = tmp_path / "running"
    marker.mkdir()
    script = ("import os, sys, time, uuid, pathlib; d = pathlib.Path(sys.argv[1]); me = d / uuid.uuid4().hex; "
              "me.touch(); n = len(list(d.iterdir())); time.sleep(0.6); me.unlink(); print('peak', n)")
    queue, definition = create_batch(aws, suffix, create_role(aws, f"batch-burst-{suffix}"),
                                     ["python", "-c", script, str(marker)], {})
    batch = aws.client("batch")
    count = (os.cpu_count() or 1) + 2
    job_ids = [batch.submit_job(jobName=f"burst-{i}", jobQueue=queue, jobDefinition=definition)["jobId"]
               for i in range(count)]

    def all_finished() -> list[dict[str, Any]] | None:
        jobs = batch.describe_jobs(jobs=job_ids)["jobs"]
        return jobs if all(job["status"] in ("SUCCEEDED", "FAILED") for job in jobs) else None

    jobs = wait_until(all_finished, 120, "the burst to finish")
    assert {job["status"] for job in jobs} == {"SUCCEEDED"}
    peaks = [int(line.split()[1]) for job in jobs for line in _log_lines(aws, job) if line.startswith("peak")]
    assert len(peaks) == count and max(peaks) <= (os.cpu_count() or 1)


def test_describe_jobs_reads_a_snapshot_while_another_thread_submits(aws: EmbeddedAws) -> None:
    """A submit on another thread grows moto's job table while describe_jobs reads it; moto iterated the
    live dict, so a Step Functions execution polling its job died with an uncatchable States.Runtime."""
    from moto.batch.models import BatchBackend

    class _Job:
        def __init__(self, job_id: str, table: dict[str, Any]) -> None:
            self.job_id, self.arn, self._table = job_id, f"arn:aws:batch:us-east-1:123456789012:job/{job_id}", table

        def describe(self) -> dict[str, Any]:
            self._table.setdefault("submitted-meanwhile", _Job("submitted-meanwhile", self._table))
            return {"jobId": self.job_id}

    backend = BatchBackend.__new__(BatchBackend)
    backend._jobs = {}
    for job_id in ("first", "second"):
        backend._jobs[job_id] = _Job(job_id, backend._jobs)

    assert [j["jobId"] for j in backend.describe_jobs(["second"])] == ["second"]
    assert [j["jobId"] for j in backend.describe_jobs([backend._jobs["first"].arn])] == ["first"]
    assert {j["jobId"] for j in backend.describe_jobs(None)} == {"first", "second", "submitted-meanwhile"}


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
@pytest.mark.parametrize("exit_code", [0, 20])
def test_a_python_module_job_runs_the_same_warm_or_cold(aws: EmbeddedAws, warm: bool, exit_code: int) -> None:
    """``EMBEDDED_AWS_WARM_JOBS=1`` forks ``python -m`` jobs from a process with torch imported; the job's
    status, exit code, reason and log lines are those of the same job started as a new process."""
    suffix = uuid.uuid4().hex[:8]
    setup = create_batch(aws, suffix, create_role(aws, f"batch-warm-{suffix}"),
                         ["python", "-m", "tests.local_aws.job_probe"], {"GREETING": "hello"})
    settings = BridgeSettings.current()
    BridgeSettings.activate(dataclasses.replace(settings, warm_jobs=warm))
    try:
        job = _run(aws, setup, {"EXIT": str(exit_code)})
    finally:
        BridgeSettings.activate(settings)

    assert job["status"] == ("SUCCEEDED" if exit_code == 0 else "FAILED")
    assert job["container"]["exitCode"] == exit_code
    lines = _log_lines(aws, job)
    assert f"torch already imported {warm}" in lines and "greeting hello" in lines
    if exit_code:
        assert job["statusReason"] == f"ERROR ANALYSIS_FAILED: exit {exit_code} asked for"
