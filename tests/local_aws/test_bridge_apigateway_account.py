"""The API Gateway account bridge: GetAccount/UpdateAccount work, a stack's ``AWS::ApiGateway::Account`` sets
the CloudWatch role, and a second stack declaring one fails and rolls back."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from local_aws import EmbeddedAws
from tests.local_aws.resources import create_role

pytestmark = pytest.mark.embedded


@pytest.fixture()
def role_arns(aws: EmbeddedAws) -> Iterator[list[str]]:
    """Two roles; the account's CloudWatch role is put back afterwards."""
    before = aws.client("apigateway").get_account().get("cloudwatchRoleArn")
    yield [create_role(aws, f"apigw-logs-{uuid.uuid4().hex[:8]}") for _ in range(2)]
    aws.client("apigateway").update_account(
        patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": before or ""}])


def _stack(aws: EmbeddedAws, role_arn: str) -> tuple[str, str]:
    """A stack declaring the account setting; its name and final status."""
    name = f"apigw-account-{uuid.uuid4().hex[:8]}"
    cfn = aws.client("cloudformation")
    cfn.create_stack(StackName=name, TemplateBody=json.dumps({"Resources": {"ApiAccount": {
        "Type": "AWS::ApiGateway::Account", "Properties": {"CloudWatchRoleArn": role_arn}}}}))
    return name, cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]


def test_update_account_sets_the_cloudwatch_role(aws: EmbeddedAws, role_arns: list[str]) -> None:
    apigateway = aws.client("apigateway")
    apigateway.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn",
                                                "value": role_arns[0]}])
    assert apigateway.get_account()["cloudwatchRoleArn"] == role_arns[0]


def test_one_stack_owns_the_account_setting(aws: EmbeddedAws, role_arns: list[str]) -> None:
    apigateway, cfn = aws.client("apigateway"), aws.client("cloudformation")
    first, status = _stack(aws, role_arns[0])
    assert status == "CREATE_COMPLETE"
    assert apigateway.get_account()["cloudwatchRoleArn"] == role_arns[0]

    second, status = _stack(aws, role_arns[1])
    assert status == "ROLLBACK_COMPLETE"
    reasons = [e["ResourceStatusReason"] for e in cfn.describe_stack_events(StackName=second)["StackEvents"]
               if e["ResourceStatus"] == "CREATE_FAILED"]
    assert len(reasons) == 1 and f"is owned by stack {first}" in reasons[0], reasons
    assert apigateway.get_account()["cloudwatchRoleArn"] == role_arns[0], "the refused stack changed nothing"

    cfn.delete_stack(StackName=first)
    assert not apigateway.get_account().get("cloudwatchRoleArn"), "deleting the owner removes the role"
    third, status = _stack(aws, role_arns[1])
    assert status == "CREATE_COMPLETE", "with the owner gone, another stack may own the setting"
    assert apigateway.get_account()["cloudwatchRoleArn"] == role_arns[1]
    cfn.delete_stack(StackName=third)
    cfn.delete_stack(StackName=second)
