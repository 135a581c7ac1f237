"""Corrections and a hand-started re-run on the deployed embedded stack, as a user does them: a job
runs to COMPLETED, ``build.py correct`` changes it through the API's corrections function, and
``aws stepfunctions start-execution`` for the finished job is refused without touching it."""

from __future__ import annotations

import json
import time

import pytest
from rich.console import Console

import build
from ops.errors import ExitCode
from ops.run_job import follow_job
from tests.e2e.notices import subscribe_queue
from tests.e2e.test_notifications import _submit

pytestmark = [pytest.mark.embedded]
QUIET = Console(file=open("/dev/null", "w"))  # noqa: SIM115


def _port(stack) -> str:
    return stack.deployment.target.endpoint_url.rsplit(":", 1)[1]


@pytest.fixture(scope="module")
def completed(stack, corpus) -> str:
    job_id = _submit(stack, corpus["good"])
    view = follow_job(stack.deployment, job_id, timeout_s=300, console=QUIET, poll_s=0.5)
    assert view["status"] == "COMPLETED", view
    return job_id


def _updated_notice(stack, queue_url: str, job_id: str, timeout_s: float = 30) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for message in stack.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                                           WaitTimeSeconds=1).get("Messages", []):
            envelope = json.loads(message["Body"])
            attributes = envelope["MessageAttributes"]
            if attributes["job_id"]["Value"] == job_id and attributes.get("event", {}).get("Value") == "UPDATED":
                return envelope
    raise AssertionError(f"no UPDATED notice for {job_id} within {timeout_s} s")


def test_build_py_correct_makes_version_2_and_keeps_version_1(stack, completed, capsys):
    queue_url = subscribe_queue(stack, "corrections-subscriber")
    before = stack.api.results(completed)["results"]
    first = before["items"][0]["id"]

    code = build.main(["correct", completed, "--local", "--port", _port(stack), "--set", f"{first}:grams=120",
                       "--add", "name=apple,grams=150"])

    out = capsys.readouterr().err  # the table goes to the console (stderr), as `run`'s does
    assert code == 0 and "version 2" in out and "apple" in out.lower()
    after = stack.api.results(completed)["results"]
    assert after["version"] == 2 and after["corrections"][0]["from_version"] == 1
    items = {item["id"]: item for item in after["items"]}
    assert items[first]["mass_g"] == 120 and any(item["label"] == "apple" for item in after["items"])
    assert after["totals"]["kcal"] != before["totals"]["kcal"]
    assert stack.api._request("GET", f"/jobs/{completed}/results?version=1")["results"] == before
    assert stack.api.job(completed)["totals"]["kcal"] == pytest.approx(after["totals"]["kcal"])
    notice = _updated_notice(stack, queue_url, completed)
    assert notice["Subject"] == f"Meal analysis {completed} updated"
    assert notice["MessageAttributes"]["version"]["Value"] == "2"

    stale = build.main(["correct", completed, "--local", "--port", _port(stack), "--remove", first, "--if-match", "1"])
    assert stale == ExitCode.REFUSED and "VERSION_CONFLICT" in capsys.readouterr().err
    assert stack.api.results(completed)["results"]["version"] == 2


def test_a_hand_started_execution_of_the_completed_job_is_refused(stack, completed):
    sfn = stack.client("stepfunctions")
    before = stack.api.job(completed)
    upload_key = stack.client("dynamodb").get_item(TableName=stack.outputs["JobsTableName"],
                                                   Key={"job_id": {"S": completed}})["Item"]["upload_key"]["S"]
    arn = sfn.start_execution(stateMachineArn=stack.deployment.state_machine_arn, input=json.dumps(
        {"job_id": completed, "bucket": stack.outputs["VideosBucketName"], "key": upload_key}))["executionArn"]
    deadline = time.monotonic() + 120
    while (described := sfn.describe_execution(executionArn=arn))["status"] == "RUNNING":
        assert time.monotonic() < deadline, "the refused execution did not end"
        time.sleep(0.5)
    assert described["status"] == "FAILED" and described["error"] == "JOB_ALREADY_FINISHED", described
    assert f"job {completed} has already finished (COMPLETED)" in described["cause"]
    assert stack.api.job(completed) == before
