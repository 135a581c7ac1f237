"""A state machine starting another on the embedded AWS (stepfunctions_start_execution bridge):
``states:startExecution`` and ``.sync:2`` take ``StateMachineArn``/``Name``/``Input`` and answer in
Step Functions' casing, ``.sync:2`` with the child's output as JSON; a failed child fails the task."""

from __future__ import annotations

import json
import uuid

import pytest

from local_aws import EmbeddedAws
from tests.local_aws.resources import create_role, wait_for_execution

pytestmark = pytest.mark.embedded

CHILD = {"StartAt": "Check", "States": {
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Done"}],
              "Default": "Bad"},
    "Done": {"Type": "Pass", "Parameters": {"meal.$": "$.name"}, "End": True},
    "Bad": {"Type": "Fail", "Error": "EMPTY", "Cause": "the upload is empty"}}}


@pytest.fixture(scope="module")
def machines(aws: EmbeddedAws) -> dict[str, str]:
    sfn, suffix = aws.client("stepfunctions"), uuid.uuid4().hex[:8]
    role = create_role(aws, f"start-{suffix}")
    child = sfn.create_state_machine(name=f"child-{suffix}", definition=json.dumps(CHILD), roleArn=role)
    parents = {}
    for pattern in ("", ".sync:2"):
        parent = {"StartAt": "Start", "States": {"Start": {
            "Type": "Task", "Resource": f"arn:aws:states:::states:startExecution{pattern}",
            "Parameters": {"StateMachineArn": child["stateMachineArn"], "Name.$": "$.name", "Input.$": "$"},
            "End": True}}}
        parents[pattern or "async"] = sfn.create_state_machine(
            name=f"parent-{pattern.strip('.:') or 'async'}-{suffix}".replace(":", ""), definition=json.dumps(parent),
            roleArn=role)["stateMachineArn"]
    return parents


def _run(aws: EmbeddedAws, machine: str, ok: bool) -> tuple[str, dict]:
    name = uuid.uuid4().hex
    arn = aws.client("stepfunctions").start_execution(stateMachineArn=machine,
                                                      input=json.dumps({"name": name, "ok": ok}))["executionArn"]
    return name, wait_for_execution(aws, arn, timeout_s=30)


def test_sync2_waits_for_the_child_and_returns_its_output_as_json(aws: EmbeddedAws, machines: dict[str, str]) -> None:
    name, parent = _run(aws, machines[".sync:2"], ok=True)

    assert parent["status"] == "SUCCEEDED", parent
    result = json.loads(parent["output"])
    assert result["Name"] == name and result["ExecutionArn"].endswith(f":{name}")
    assert result["Status"] == "SUCCEEDED" and result["Output"] == {"meal": name}
    assert result["Input"] == {"name": name, "ok": True}
    assert isinstance(result["StartDate"], int) and result["StopDate"] >= result["StartDate"]


def test_a_failed_child_fails_the_task_with_its_description(aws: EmbeddedAws, machines: dict[str, str]) -> None:
    name, parent = _run(aws, machines[".sync:2"], ok=False)

    assert parent["status"] == "FAILED" and parent["error"] == "States.TaskFailed"
    child = json.loads(parent["cause"])
    assert (child["Name"], child["Status"], child["Error"], child["Cause"]) == (
        name, "FAILED", "EMPTY", "the upload is empty")


def test_start_execution_without_waiting_answers_the_child_arn(aws: EmbeddedAws, machines: dict[str, str]) -> None:
    name, parent = _run(aws, machines["async"], ok=True)

    assert parent["status"] == "SUCCEEDED", parent
    result = json.loads(parent["output"])
    assert result["ExecutionArn"].endswith(f":{name}") and isinstance(result["StartDate"], int)
    assert wait_for_execution(aws, result["ExecutionArn"])["status"] == "SUCCEEDED"
