"""Job notifications: a readable summary for e-mail and typed attributes for programs (SNS -> SQS)."""

from __future__ import annotations

import json
import time

import pytest
from rich.console import Console

from ops.run_job import follow_job
from tests.e2e.notices import subscribe_queue

pytestmark = [pytest.mark.embedded]
QUIET = Console(file=open("/dev/null", "w"))  # noqa: SIM115


def _submit(stack, case) -> str:
    created = stack.api._request("POST", "/jobs", json={"filename": case.filename, "content_type": case.content_type,
                                                        "size_bytes": max(case.path.stat().st_size, 1)})
    stack.client("s3").put_object(Bucket=stack.outputs["VideosBucketName"], Key=created["upload"]["fields"]["key"],
                                  Body=case.path.read_bytes())
    return created["job_id"]


def _messages(sqs, queue_url: str, job_ids: set[str], timeout_s: float = 60) -> dict[str, dict]:
    found: dict[str, dict] = {}
    deadline = time.monotonic() + timeout_s
    while set(found) != job_ids and time.monotonic() < deadline:
        for message in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            envelope = json.loads(message["Body"])
            job_id = envelope["MessageAttributes"]["job_id"]["Value"]
            if job_id in job_ids:
                found[job_id] = envelope
    return found


def test_success_and_failure_notifications_read_well_and_carry_attributes(stack, corpus):
    sqs = stack.client("sqs")
    queue_url = subscribe_queue(stack, "notifications-subscriber")

    good, bad = _submit(stack, corpus["good"]), _submit(stack, corpus["text"])
    for job_id in (good, bad):
        follow_job(stack.deployment, job_id, timeout_s=300, console=QUIET, poll_s=0.5)
    messages = _messages(sqs, queue_url, {good, bad})

    done = messages[good]
    assert done["Subject"] == f"Meal analysis {good} completed"
    assert "items" in done["Message"] and "kcal" in done["Message"] and "protein" in done["Message"]
    assert done["MessageAttributes"]["status"]["Value"] == "COMPLETED"
    assert done["MessageAttributes"]["kcal"]["Type"] == "Number"
    float(done["MessageAttributes"]["kcal"]["Value"])
    assert done["MessageAttributes"]["item_count"]["Type"] == "Number"

    failed = messages[bad]
    assert failed["Subject"] == f"Meal analysis {bad} failed"
    assert failed["MessageAttributes"]["status"]["Value"] == "FAILED"
    assert failed["MessageAttributes"]["error_code"]["Value"] == "NOT_A_VIDEO"
    assert "NOT_A_VIDEO" in failed["Message"]
