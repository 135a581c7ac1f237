"""An execution that ends sends "Step Functions Execution Status Change" to the default bus, in AWS's
shape, and a rule on it delivers the event to its Lambda target (stepfunctions_events and events bridges)."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest

from local_aws import EmbeddedAws
from tests.local_aws.resources import create_function, create_role, wait_for_execution, wait_until

pytestmark = pytest.mark.embedded

STATES = {
    "Done": {"Type": "Pass", "Result": {"answer": 42}, "End": True},
    "Broken": {"Type": "Fail", "Error": "BROKEN", "Cause": "failed on purpose"},
    "Waiting": {"Type": "Wait", "Seconds": 60, "End": True},
}


@pytest.fixture(scope="module")
def recorded(aws: EmbeddedAws) -> dict[str, str]:
    """A state machine per ending, a rule on their status changes, and a Lambda writing each event to S3."""
    suffix = uuid.uuid4().hex[:8]
    role = create_role(aws, f"role-{suffix}")
    bucket = f"status-changes-{suffix}"
    aws.client("s3").create_bucket(Bucket=bucket)
    recorder = create_function(aws, f"recorder-{suffix}", "record_event", role, {"RECORD_BUCKET": bucket})
    sfn, events = aws.client("stepfunctions"), aws.client("events")
    machines = {name: sfn.create_state_machine(name=f"{name.lower()}-{suffix}", roleArn=role, definition=json.dumps(
        {"StartAt": name, "States": {name: state}}))["stateMachineArn"] for name, state in STATES.items()}
    events.put_rule(Name=f"status-{suffix}", EventPattern=json.dumps({
        "source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
        "detail": {"stateMachineArn": sorted(machines.values())}}))
    events.put_targets(Rule=f"status-{suffix}", Targets=[{"Id": "recorder", "Arn": recorder}])
    return {"bucket": bucket, **machines}


def _event_of(aws: EmbeddedAws, bucket: str, execution_arn: str) -> dict[str, Any]:
    s3 = aws.client("s3")

    def find() -> dict[str, Any] | None:
        for record in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            event = json.loads(s3.get_object(Bucket=bucket, Key=record["Key"])["Body"].read())
            if event["detail"]["executionArn"] == execution_arn:
                return event
        return None

    return wait_until(find, 30, f"the status change of {execution_arn}")


def test_a_stopped_execution_sends_aborted(aws: EmbeddedAws, recorded: dict[str, str]) -> None:
    sfn = aws.client("stepfunctions")
    started = time.time()
    arn = sfn.start_execution(stateMachineArn=recorded["Waiting"], name="stopped",
                              input='{"job_id": "j1"}')["executionArn"]
    time.sleep(0.5)
    sfn.stop_execution(executionArn=arn)

    event = _event_of(aws, recorded["bucket"], arn)

    assert wait_for_execution(aws, arn, 10)["status"] == "ABORTED"
    assert event["source"] == "aws.states" and event["detail-type"] == "Step Functions Execution Status Change"
    assert event["resources"] == [arn] and event["time"].endswith("Z")
    detail = event["detail"]
    assert detail["stateMachineArn"] == recorded["Waiting"] and detail["name"] == "stopped"
    assert detail["status"] == "ABORTED" and json.loads(detail["input"]) == {"job_id": "j1"}
    assert detail["inputDetails"] == {"included": True}
    assert detail["output"] is None and detail["error"] is None and detail["cause"] is None
    assert started * 1000 - 1000 <= detail["startDate"] <= detail["stopDate"] <= time.time() * 1000 + 1000


def test_a_failed_execution_sends_its_error_and_cause(aws: EmbeddedAws, recorded: dict[str, str]) -> None:
    arn = aws.client("stepfunctions").start_execution(stateMachineArn=recorded["Broken"], input="{}")["executionArn"]

    detail = _event_of(aws, recorded["bucket"], arn)["detail"]

    assert (detail["status"], detail["error"], detail["cause"]) == ("FAILED", "BROKEN", "failed on purpose")
    assert detail["output"] is None


def test_a_succeeded_execution_sends_its_output(aws: EmbeddedAws, recorded: dict[str, str]) -> None:
    arn = aws.client("stepfunctions").start_execution(stateMachineArn=recorded["Done"], input="{}")["executionArn"]

    detail = _event_of(aws, recorded["bucket"], arn)["detail"]

    assert detail["status"] == "SUCCEEDED" and json.loads(detail["output"]) == {"answer": 42}
    assert detail["outputDetails"] == {"included": True} and detail["error"] is None
