"""Lambda bridge: invokes run the repository's handler in-process with the function's environment."""

from __future__ import annotations

import base64
import json
import os
import time
import uuid

import pytest

from local_aws import EmbeddedAws
from tests.local_aws import handlers
from tests.local_aws.resources import create_function, create_role, wait_until

pytestmark = pytest.mark.embedded


@pytest.fixture(scope="module")
def role(aws: EmbeddedAws) -> str:
    return create_role(aws, f"lambda-bridge-{uuid.uuid4().hex[:8]}")


def _invoke(aws: EmbeddedAws, name: str, event: dict, **kwargs: str) -> dict:
    return aws.client("lambda").invoke(FunctionName=name, Payload=json.dumps(event).encode(), **kwargs)


def test_handler_sees_the_function_environment_and_a_context(aws: EmbeddedAws, role: str) -> None:
    name = f"runtime-{uuid.uuid4().hex[:8]}"
    create_function(aws, name, "describe_runtime", role, {"GREETING": "hello"})
    assert "GREETING" not in os.environ

    response = _invoke(aws, name, {"n": 1}, LogType="Tail")

    assert "FunctionError" not in response
    body = json.loads(response["Payload"].read())
    assert body["env"] == {"GREETING": "hello", "AWS_ENDPOINT_URL": aws.endpoint_url, "AWS_REGION": "us-east-1",
                           "AWS_LAMBDA_FUNCTION_NAME": name, "AWS_ACCESS_KEY_ID": "testing"}
    assert body["event"] == {"n": 1}
    assert body["function_name"] == name and body["memory"] == 256
    assert 0 < body["remaining_ms"] <= 30_000 and body["arn"].endswith(f":function:{name}")
    assert "describe_runtime called" in base64.b64decode(response["LogResult"]).decode()
    assert "GREETING" not in os.environ  # the process environment is restored


def test_an_exception_is_reported_as_lambda_reports_it(aws: EmbeddedAws, role: str) -> None:
    name = f"fail-{uuid.uuid4().hex[:8]}"
    create_function(aws, name, "fail", role)

    response = _invoke(aws, name, {"code": "TOO_LARGE", "message": "the upload is 900 MB; the limit is 500 MB"})

    assert response["StatusCode"] == 200 and response["FunctionError"] == "Unhandled"
    body = json.loads(response["Payload"].read())
    assert body["errorType"] == "TOO_LARGE"
    assert body["errorMessage"] == "the upload is 900 MB; the limit is 500 MB"
    assert any("pipeline_error" in line or "raise" in line for line in body["stackTrace"])


def test_a_handler_past_its_timeout_fails_as_on_aws(aws: EmbeddedAws, role: str) -> None:
    name = f"slow-{uuid.uuid4().hex[:8]}"
    create_function(aws, name, "sleep", role, timeout_s=1)

    assert "FunctionError" not in _invoke(aws, name, {"seconds": 0.1})
    response = _invoke(aws, name, {"seconds": 3}, LogType="Tail")

    assert response["FunctionError"] == "Unhandled"
    body = json.loads(response["Payload"].read())
    assert body["errorType"] == "Sandbox.Timedout"
    assert body["errorMessage"].endswith("Task timed out after 1.00 seconds")
    assert "Task timed out after 1.00 seconds" in base64.b64decode(response["LogResult"]).decode()
    assert "FunctionError" not in _invoke(aws, name, {"seconds": 0})  # the runtime is free again


def test_a_missing_handler_is_an_import_error(aws: EmbeddedAws, role: str) -> None:
    name = f"missing-{uuid.uuid4().hex[:8]}"
    aws.client("lambda").create_function(
        FunctionName=name, Runtime="python3.11", Role=role, Handler="tests.local_aws.no_such_module.handler",
        Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18})
    body = json.loads(_invoke(aws, name, {})["Payload"].read())
    assert body["errorType"] == "ModuleNotFoundError"


def test_an_event_invocation_runs_in_the_background(aws: EmbeddedAws, role: str) -> None:
    bucket = f"records-{uuid.uuid4().hex[:8]}"
    aws.client("s3").create_bucket(Bucket=bucket)
    name = f"record-{uuid.uuid4().hex[:8]}"
    create_function(aws, name, "record_event", role, {"RECORD_BUCKET": bucket})

    response = _invoke(aws, name, {"async": True}, InvocationType="Event")

    assert response["StatusCode"] == 202
    keys = wait_until(lambda: aws.client("s3").list_objects_v2(Bucket=bucket).get("Contents"), 30, "the record")
    body = aws.client("s3").get_object(Bucket=bucket, Key=keys[0]["Key"])["Body"].read()
    assert json.loads(body) == {"async": True}


def test_what_other_threads_print_during_an_invocation_stays_out_of_its_log(
        aws: EmbeddedAws, role: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A caller printing while a background invocation runs (``build.py logs`` while a job's Lambda
    runs) sees its own lines, and the function's log holds only the handler's."""
    name = f"printer-{uuid.uuid4().hex[:8]}"
    create_function(aws, name, "print_and_sleep", role)
    capsys.readouterr()

    assert _invoke(aws, name, {"seconds": 1.5}, InvocationType="Event")["StatusCode"] == 202
    time.sleep(0.5)  # the handler is now inside its sleep
    for number in range(3):
        print(f"caller line {number}")
        time.sleep(0.1)

    assert capsys.readouterr().out.splitlines() == ["caller line 0", "caller line 1", "caller line 2"]
    def finished_log() -> list[str] | None:
        logs = aws.client("logs")
        try:
            messages = [e["message"] for e in logs.filter_log_events(logGroupName=f"/aws/lambda/{name}")["events"]]
        except logs.exceptions.ResourceNotFoundException:  # written when the invocation ends
            return None
        return messages if any(m.startswith("REPORT") for m in messages) else None

    messages = wait_until(finished_log, 30, "the invocation's log")
    assert [m for m in messages if not m.startswith(("START", "END", "REPORT"))] == [
        "handler line before the sleep", "handler line after the sleep"]


def test_powertools_lines_of_every_invocation_reach_its_log_stream(aws: EmbeddedAws, role: str) -> None:
    assert handlers.logger  # created before any invocation, bound to the test's stdout
    name = f"powertools-{uuid.uuid4().hex[:8]}"
    create_function(aws, name, "log_with_powertools", role)

    tails = [base64.b64decode(_invoke(aws, name, {"note": note}, LogType="Tail")["LogResult"]).decode()
             for note in ("first", "second")]

    events = aws.client("logs").filter_log_events(logGroupName=f"/aws/lambda/{name}")["events"]
    for note, tail in zip(("first", "second"), tails):
        request_id = tail.splitlines()[0].split()[2]
        stream = next(e["logStreamName"] for e in events if e["message"].startswith(f"START RequestId: {request_id}"))
        records = [json.loads(e["message"]) for e in events
                   if e["logStreamName"] == stream and e["message"].startswith("{")]
        assert [(r["message"], r["note"], r["service"], r["level"]) for r in records] == [
            ("note received", note, "local-aws-tests", "INFO")]
