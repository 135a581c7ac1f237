"""A job whose execution ends outside the state machine's Catch (a person stops it) still ends FAILED, with
EXECUTION_STOPPED on the API and a failure notice; a job failed through Catch keeps its own error.

The stack's real rule and execution_ended function receive the status change from the
stepfunctions_events bridge. The stopped job waits, analysed by no one, on compute environments without
capacity (batch_capacity bridge), so no whole analysis runs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from local_aws.bridges.batch_capacity import capacity_unavailable
from pipeline.jobs import execution_arn
from tests.corpus import write_video
from tests.e2e.notices import subscribe_queue

pytestmark = [pytest.mark.embedded]
WAIT_S = 60


def _wait_for(what: str, probe: Callable[[], Any], timeout_s: float = WAIT_S) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if value := probe():
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what}: not within {timeout_s} s")


def _submit(stack, body: bytes, filename: str) -> str:
    created = stack.api._request("POST", "/jobs", json={"filename": filename, "content_type": "video/mp4",
                                                        "size_bytes": len(body)})
    stack.client("s3").put_object(Bucket=stack.outputs["VideosBucketName"], Key=created["upload"]["fields"]["key"],
                                  Body=body)
    return created["job_id"]


def _notices_of(stack, queue_url: str, job_id: str) -> list[dict]:
    messages = stack.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                                   WaitTimeSeconds=1).get("Messages", [])
    envelopes = [json.loads(message["Body"]) for message in messages]
    return [e for e in envelopes if e["MessageAttributes"]["job_id"]["Value"] == job_id]


def _compute_environments(stack) -> list[str]:
    resources = stack.client("cloudformation").describe_stack_resources(StackName=stack.config.stack_name)
    return [r["PhysicalResourceId"] for r in resources["StackResources"]
            if r["ResourceType"] == "AWS::Batch::ComputeEnvironment"]


def _handled_events(stack, job_id: str) -> list[dict]:
    """What the execution_ended function logged about ``job_id``'s execution."""
    logs = stack.client("logs").filter_log_events(logGroupName=f"/aws/lambda/{stack.config.stack_name}/execution_ended")
    lines = [json.loads(event["message"]) for event in logs["events"] if event["message"].startswith("{")]
    return [line for line in lines if line.get("message") == "execution end handled" and line.get("job_id") == job_id]


def _terminate_analysis(stack, job_id: str) -> None:
    """Step Functions terminates a stopped execution's Batch job; moto's engine leaves it waiting."""
    batch = stack.client("batch")
    for queue in batch.describe_job_queues()["jobQueues"]:
        for status in ("SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING"):
            for job in batch.list_jobs(jobQueue=queue["jobQueueArn"], jobStatus=status)["jobSummaryList"]:
                if job["jobName"] == f"analyze-{job_id}":
                    batch.terminate_job(jobId=job["jobId"], reason="its execution was stopped")


def test_a_stopped_execution_fails_its_job_with_execution_stopped(stack, tmp_path: Path):
    queue_url = subscribe_queue(stack, "stopped-jobs-notices")
    video = write_video(tmp_path / "meal.mp4").read_bytes()
    sfn = stack.client("stepfunctions")
    with capacity_unavailable(*_compute_environments(stack)):  # the analysis waits RUNNABLE, as for a busy account
        job_id = _submit(stack, video, "meal.mp4")
        arn = execution_arn(stack.deployment.state_machine_arn, job_id)
        _wait_for("the job being analysed", lambda: stack.api.job(job_id)["status"] == "ANALYZING")
        sfn.stop_execution(executionArn=arn)
        try:
            view = _wait_for("the stopped job FAILED", lambda: (v := stack.api.job(job_id))["status"] == "FAILED" and v)
        finally:
            _terminate_analysis(stack, job_id)

    assert sfn.describe_execution(executionArn=arn)["status"] == "ABORTED"
    assert view["error"]["code"] == "EXECUTION_STOPPED"
    assert f"execution {job_id} was stopped" in view["error"]["message"] and "ABORTED" in view["error"]["message"]
    [notice] = _wait_for("the failure notice", lambda: _notices_of(stack, queue_url, job_id))
    assert notice["Subject"] == f"Meal analysis {job_id} failed"
    assert notice["MessageAttributes"]["error_code"]["Value"] == "EXECUTION_STOPPED"
    assert notice["MessageAttributes"]["status"]["Value"] == "FAILED"


def test_a_job_failed_through_catch_keeps_its_error(stack):
    job_id = _submit(stack, b"a shopping list, not a video\n" * 8, "notes.mp4")

    view = _wait_for("the job FAILED through Catch", lambda: (v := stack.api.job(job_id))["status"] == "FAILED" and v)
    [handled] = _wait_for("execution_ended handling the FAILED execution", lambda: _handled_events(stack, job_id))

    assert view["error"]["code"] == "NOT_A_VIDEO"
    assert handled["marked"] is False and handled["status"] == "FAILED"
    again = stack.api.job(job_id)
    assert again["error"] == view["error"] and again["stage"] == "MarkFailed"
