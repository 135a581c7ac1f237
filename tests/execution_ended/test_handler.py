"""ExecutionEnded: a stopped, timed-out or uncaught-failed execution ends its job FAILED with a code, a
message and the failure notice; a job already final, or another execution's, is left as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from lambdas.execution_ended.handler import handler
from tests.api.moto_resources import FakeAws, FakeLambdaContext, fake_aws, notification_topic_with_queue, put_job
from tests.events import FIXTURE_JOB_ID, load_event


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAws]:
    with fake_aws(monkeypatch) as resources:
        resources.env["notices_queue"] = notification_topic_with_queue(monkeypatch, "job-notices", "notices")
        yield resources


def notices(aws: FakeAws) -> list[dict[str, Any]]:
    messages = boto3.client("sqs").receive_message(QueueUrl=aws.env["notices_queue"], MaxNumberOfMessages=10)
    return [json.loads(message["Body"]) for message in messages.get("Messages", [])]


def status_change(status: str, **detail: Any) -> dict[str, Any]:
    event = load_event("eventbridge_sfn_execution_aborted")
    event["detail"].update(status=status, **detail)
    return event


def execution_arn() -> str:
    return load_event("eventbridge_sfn_execution_aborted")["detail"]["executionArn"]


@pytest.mark.parametrize(("status", "extra", "code", "words"), [
    ("ABORTED", {}, "EXECUTION_STOPPED", "was stopped before the analysis finished (status ABORTED)"),
    ("TIMED_OUT", {}, "EXECUTION_TIMED_OUT", "ran past its time limit (status TIMED_OUT)"),
    ("FAILED", {"error": "States.Runtime", "cause": "An error occurred while executing the state 'MarkCompleted'"},
     "EXECUTION_FAILED", "failed outside the state machine's error handling (status FAILED; States.Runtime: "
                         "An error occurred while executing the state 'MarkCompleted')"),
])
def test_an_unfinished_job_is_failed_with_the_status_code_and_notified(
        aws: FakeAws, status: str, extra: dict[str, str], code: str, words: str) -> None:
    put_job(aws, FIXTURE_JOB_ID, "ANALYZING", execution_arn=execution_arn(), stage="MarkAnalyzing")

    result = handler(status_change(status, **extra), FakeLambdaContext())

    assert result == {"marked": True, "job_id": FIXTURE_JOB_ID, "execution_arn": execution_arn(),
                      "status": status, "code": code, "notified": True}
    item = aws.job_item(FIXTURE_JOB_ID)
    assert item["status"] == "FAILED" and item["stage"] == "ExecutionEnded"
    assert item["error"]["code"] == code
    assert item["error"]["message"] == (f"the analysis's execution {FIXTURE_JOB_ID} {words}; "
                                        "start a new job with POST /jobs")
    assert item["updated_at"] > "2026-11-26T08:01:00.000Z"
    [notice] = notices(aws)
    assert notice["Subject"] == f"Meal analysis {FIXTURE_JOB_ID} failed"
    assert notice["Message"] == f"Job {FIXTURE_JOB_ID} failed with {code}: {item['error']['message']}"
    attributes = {name: value["Value"] for name, value in notice["MessageAttributes"].items()}
    assert attributes == {"job_id": FIXTURE_JOB_ID, "status": "FAILED", "error_code": code}


@pytest.mark.parametrize("status", ["PENDING_UPLOAD", "QUEUED"])
def test_a_job_stopped_before_it_was_analysed_is_failed_too(aws: FakeAws, status: str) -> None:
    put_job(aws, FIXTURE_JOB_ID, status)  # the API's item has no execution yet

    assert handler(status_change("ABORTED"), FakeLambdaContext())["marked"] is True
    assert aws.job_item(FIXTURE_JOB_ID)["error"]["code"] == "EXECUTION_STOPPED"


@pytest.mark.parametrize(("status", "error"), [
    ("COMPLETED", None),
    ("FAILED", {"code": "NOT_A_VIDEO", "message": "a text file, not a video"}),  # MarkFailed's, through Catch
])
def test_a_final_job_keeps_its_outcome_and_no_notice_is_sent(aws: FakeAws, status: str, error: Any) -> None:
    put_job(aws, FIXTURE_JOB_ID, status, execution_arn=execution_arn(), stage="MarkFailed",
            **({"error": error} if error else {}))
    before = aws.job_item(FIXTURE_JOB_ID)

    result = handler(status_change("FAILED", error="NOT_A_VIDEO", cause="a text file, not a video"),
                     FakeLambdaContext())

    assert result["marked"] is False
    assert aws.job_item(FIXTURE_JOB_ID) == before
    assert notices(aws) == []


def test_another_executions_job_is_left_alone(aws: FakeAws) -> None:
    """An execution started by hand under another name ends FAILED (JOB_IN_PROGRESS) while the job's own
    execution is still analysing it."""
    put_job(aws, FIXTURE_JOB_ID, "ANALYZING", execution_arn=execution_arn())
    by_hand = execution_arn().replace(f":{FIXTURE_JOB_ID}", ":by-hand")

    result = handler(status_change("FAILED", executionArn=by_hand, name="by-hand", error="JOB_IN_PROGRESS"),
                     FakeLambdaContext())

    assert result["marked"] is False and aws.job_item(FIXTURE_JOB_ID)["status"] == "ANALYZING"
    assert notices(aws) == []


def test_no_item_is_created_for_an_unknown_job(aws: FakeAws) -> None:
    assert handler(status_change("ABORTED"), FakeLambdaContext())["marked"] is False
    assert aws.all_jobs() == [] and notices(aws) == []


def test_the_job_is_the_inputs_job_id_else_the_execution_name(aws: FakeAws) -> None:
    put_job(aws, "from-input", "ANALYZING")
    put_job(aws, FIXTURE_JOB_ID, "ANALYZING")

    handler(status_change("ABORTED", input=json.dumps({"job_id": "from-input"})), FakeLambdaContext())
    handler(status_change("ABORTED", input=None), FakeLambdaContext())  # an input over 248 KB is left out

    assert aws.job_item("from-input")["status"] == "FAILED"
    assert aws.job_item(FIXTURE_JOB_ID)["status"] == "FAILED"


@pytest.mark.parametrize("event", [
    {"detail-type": "Object Created", "source": "aws.s3"},
    load_event("eventbridge_sfn_execution_aborted") | {"detail": {"status": "SUCCEEDED"}},
    load_event("eventbridge_sfn_execution_aborted") | {"detail": {"status": "RUNNING"}},
    load_event("eventbridge_sfn_execution_aborted") | {"detail": {"status": "ABORTED"}},  # no execution named
])
def test_other_events_change_nothing(aws: FakeAws, event: dict[str, Any]) -> None:
    put_job(aws, FIXTURE_JOB_ID, "ANALYZING")

    assert handler(event, FakeLambdaContext())["marked"] is False
    assert aws.job_item(FIXTURE_JOB_ID)["status"] == "ANALYZING" and notices(aws) == []
