"""A Distributed Map on the embedded AWS (stepfunctions_distributed_map bridge): its ResultWriter exports
each child's input, status and output or error, grouped by status, and the Map Run fails with
States.ExceedToleratedFailureThreshold once more items fail than it tolerates."""

from __future__ import annotations

import json
import uuid

import pytest

from local_aws import EmbeddedAws
from local_aws.bridges.stepfunctions_distributed_map import exceeds_threshold
from tests.local_aws.resources import create_role, wait_for_execution

pytestmark = pytest.mark.embedded

ITEMS = [{"video": f"v{i}", "ok": i not in (1, 3)} for i in range(5)]
"""Five items; the second and the fourth fail."""


def _definition(tolerated: dict) -> dict:
    """Each item: ok -> its video name, else a Fail state with a code of its own."""
    child = {"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Done"}],
                  "Default": "Bad"},
        "Done": {"Type": "Pass", "Parameters": {"analysed.$": "$.video"}, "End": True},
        "Bad": {"Type": "Fail", "Error": "BAD_VIDEO", "Cause": "not a video"}}}
    return {"StartAt": "Each", "States": {"Each": {
        "Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket.$": "$.bucket", "Key.$": "$.key"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, **child},
        "MaxConcurrency": 2,
        **tolerated,
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                         "Parameters": {"Bucket.$": "$.bucket", "Prefix": "exports"}},
        "End": True}}}


@pytest.fixture(scope="module")
def items_object(aws: EmbeddedAws) -> dict[str, str]:
    bucket = f"map-{uuid.uuid4().hex[:8]}"
    aws.client("s3").create_bucket(Bucket=bucket)
    aws.client("s3").put_object(Bucket=bucket, Key="items.json", Body=json.dumps(ITEMS).encode())
    return {"bucket": bucket, "key": "items.json"}


def _run(aws: EmbeddedAws, items_object: dict[str, str], tolerated: dict) -> dict:
    sfn, suffix = aws.client("stepfunctions"), uuid.uuid4().hex[:8]
    machine = sfn.create_state_machine(name=f"map-{suffix}", definition=json.dumps(_definition(tolerated)),
                                       roleArn=create_role(aws, f"map-{suffix}"))["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine, input=json.dumps(items_object))["executionArn"]
    return wait_for_execution(aws, arn, timeout_s=60)


def _json(aws: EmbeddedAws, bucket: str, key: str):
    return json.loads(aws.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read())


def test_result_writer_exports_each_child_by_status(aws: EmbeddedAws, items_object: dict[str, str]) -> None:
    execution = _run(aws, items_object, {"ToleratedFailurePercentage": 50.0})

    assert execution["status"] == "SUCCEEDED", execution
    details = json.loads(execution["output"])["ResultWriterDetails"]
    manifest = _json(aws, details["Bucket"], details["Key"])
    assert details["Key"].startswith("exports/") and details["Key"].endswith("/manifest.json")
    files = manifest["ResultFiles"]
    assert [len(files[status]) for status in ("SUCCEEDED", "FAILED", "PENDING")] == [1, 1, 0]
    succeeded = _json(aws, details["Bucket"], files["SUCCEEDED"][0]["Key"])
    failed = _json(aws, details["Bucket"], files["FAILED"][0]["Key"])
    assert [json.loads(e["Input"])["video"] for e in succeeded] == ["v0", "v2", "v4"]
    assert [json.loads(e["Output"]) for e in succeeded] == [{"analysed": "v0"}, {"analysed": "v2"}, {"analysed": "v4"}]
    assert [(json.loads(e["Input"])["video"], e["Status"], e["Error"], e["Cause"]) for e in failed] == [
        ("v1", "FAILED", "BAD_VIDEO", "not a video"), ("v3", "FAILED", "BAD_VIDEO", "not a video")]
    assert files["FAILED"][0]["Size"] == len(json.dumps(failed).encode())


def test_more_failures_than_tolerated_fail_the_map_run(aws: EmbeddedAws, items_object: dict[str, str]) -> None:
    execution = _run(aws, items_object, {"ToleratedFailurePercentage": 30.0})  # 2 of 5 = 40 %

    assert execution["status"] == "FAILED"
    assert execution["error"] == "States.ExceedToleratedFailureThreshold"
    assert "2 of 5 items failed" in execution["cause"]


def test_without_a_threshold_one_failure_fails_the_map_run(aws: EmbeddedAws, items_object: dict[str, str]) -> None:
    assert _run(aws, items_object, {})["error"] == "States.ExceedToleratedFailureThreshold"


def test_threshold_rule() -> None:
    assert not exceeds_threshold(0, 10, tolerated_count=0, tolerated_percentage=0)
    assert exceeds_threshold(1, 10, tolerated_count=0, tolerated_percentage=0)
    assert not exceeds_threshold(1, 10, tolerated_count=0, tolerated_percentage=10)  # 10 % is not above 10 %
    assert exceeds_threshold(2, 10, tolerated_count=0, tolerated_percentage=10)
    assert not exceeds_threshold(2, 10, tolerated_count=2, tolerated_percentage=0)
    assert exceeds_threshold(3, 10, tolerated_count=2, tolerated_percentage=50)  # either threshold
