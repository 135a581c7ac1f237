"""GetExecutionHistory on the embedded AWS orders and pages events as Step Functions does
(stepfunctions_history bridge): newest first with ``reverseOrder``, ``maxResults`` per page, ``nextToken``."""

from __future__ import annotations

import json
import uuid

import pytest
from botocore.exceptions import ClientError

from local_aws import EmbeddedAws
from tests.local_aws.resources import create_role, wait_for_execution

pytestmark = pytest.mark.embedded

STATES = ["First", "Second", "Third"]


@pytest.fixture(scope="module")
def execution_arn(aws: EmbeddedAws) -> str:
    """A finished execution of three Pass states (8 events: started, 3 × entered and exited, succeeded)."""
    sfn, suffix = aws.client("stepfunctions"), uuid.uuid4().hex[:8]
    definition = {"StartAt": STATES[0], "States": {
        name: {"Type": "Pass", **({"Next": STATES[i + 1]} if i + 1 < len(STATES) else {"End": True})}
        for i, name in enumerate(STATES)}}
    machine = sfn.create_state_machine(name=f"history-{suffix}", definition=json.dumps(definition),
                                       roleArn=create_role(aws, f"history-{suffix}"))["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine, input="{}")["executionArn"]
    assert wait_for_execution(aws, arn)["status"] == "SUCCEEDED"
    return arn


def _entered(events: list[dict]) -> list[str]:
    return [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]


def test_oldest_first_by_default_and_newest_first_in_reverse(aws: EmbeddedAws, execution_arn: str) -> None:
    sfn = aws.client("stepfunctions")
    forward = sfn.get_execution_history(executionArn=execution_arn)["events"]
    backward = sfn.get_execution_history(executionArn=execution_arn, reverseOrder=True)["events"]

    assert forward[0]["type"] == "ExecutionStarted" and forward[-1]["type"] == "ExecutionSucceeded"
    assert backward == list(reversed(forward))
    assert _entered(backward) == list(reversed(STATES))


def test_max_results_pages_with_next_token(aws: EmbeddedAws, execution_arn: str) -> None:
    sfn = aws.client("stepfunctions")
    newest = sfn.get_execution_history(executionArn=execution_arn, reverseOrder=True, maxResults=2)
    assert [e["type"] for e in newest["events"]] == ["ExecutionSucceeded", "PassStateExited"]

    pages = list(sfn.get_paginator("get_execution_history").paginate(
        executionArn=execution_arn, PaginationConfig={"PageSize": 3}))
    assert [len(page["events"]) for page in pages] == [3, 3, 2] and "nextToken" not in pages[-1]
    everything = [e for page in pages for e in page["events"]]
    assert everything == sfn.get_execution_history(executionArn=execution_arn)["events"]


def test_a_token_of_another_request_is_refused(aws: EmbeddedAws, execution_arn: str) -> None:
    sfn = aws.client("stepfunctions")
    token = sfn.get_execution_history(executionArn=execution_arn, maxResults=1)["nextToken"]
    with pytest.raises(ClientError) as refused:
        sfn.get_execution_history(executionArn=execution_arn, maxResults=1, reverseOrder=True, nextToken=token)
    assert refused.value.response["Error"]["Code"] == "InvalidToken"
