"""The Lambda concurrency bridge: GetAccountSettings reports the account's limit, and reserved concurrency
that would leave too little unreserved is refused, by the API and in a stack (which rolls back)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import botocore.exceptions
import pytest

from local_aws import EmbeddedAws
from local_aws.bridges.account_quotas import account_quotas_set
from tests.local_aws.resources import create_function, create_role, tiny_zip

pytestmark = pytest.mark.embedded

REFUSED = ("Specified ReservedConcurrentExecutions for function decreases account's "
           "UnreservedConcurrentExecution below its minimum value of [{minimum}].")


@pytest.fixture(scope="module")
def role_arn(aws: EmbeddedAws) -> str:
    return create_role(aws, f"concurrency-{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="module")
def code(aws: EmbeddedAws) -> dict[str, str]:
    """Code in S3, as the stack's functions have it (moto cannot update a function from inline ``ZipFile``)."""
    bucket = f"code-{uuid.uuid4().hex[:8]}"
    aws.client("s3").create_bucket(Bucket=bucket)
    aws.client("s3").put_object(Bucket=bucket, Key="function.zip", Body=tiny_zip())
    return {"S3Bucket": bucket, "S3Key": "function.zip"}


def _template(name: str, role_arn: str, code: dict[str, str], reserved: int) -> str:
    return json.dumps({"Resources": {"Function": {"Type": "AWS::Lambda::Function", "Properties": {
        "FunctionName": name, "Runtime": "python3.11", "Handler": "tests.local_aws.handlers.validate",
        "Role": role_arn, "Code": code, "ReservedConcurrentExecutions": reserved}}}})


def _unreserved(aws: EmbeddedAws) -> int:
    return aws.client("lambda").get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"]


def _deploy(aws: EmbeddedAws, name: str, body: str) -> dict[str, Any]:
    cfn = aws.client("cloudformation")
    cfn.create_change_set(StackName=name, ChangeSetName="first", ChangeSetType="CREATE", TemplateBody=body)
    cfn.execute_change_set(StackName=name, ChangeSetName="first")
    return cfn.describe_stacks(StackName=name)["Stacks"][0]


def _failures(aws: EmbeddedAws, stack: str) -> dict[str, str]:
    events = aws.client("cloudformation").describe_stack_events(StackName=stack)["StackEvents"]
    return {e["LogicalResourceId"]: e["ResourceStatusReason"] for e in events if e["ResourceStatus"] == "CREATE_FAILED"}


def test_account_settings_report_the_limit(aws: EmbeddedAws) -> None:
    with account_quotas_set(lambda_concurrent_executions=1000):
        limit = aws.client("lambda").get_account_settings()["AccountLimit"]
        assert limit["ConcurrentExecutions"] == 1000
        assert limit["UnreservedConcurrentExecutions"] <= 1000
    with account_quotas_set(lambda_concurrent_executions=10):
        assert aws.client("lambda").get_account_settings()["AccountLimit"]["ConcurrentExecutions"] == 10


def test_put_function_concurrency_keeps_the_minimum_unreserved(aws: EmbeddedAws, role_arn: str) -> None:
    name = f"reserving-{uuid.uuid4().hex[:8]}"
    create_function(aws, name, "validate", role_arn)
    lam = aws.client("lambda")
    try:
        with account_quotas_set(lambda_concurrent_executions=1000):
            before = _unreserved(aws)
            with pytest.raises(botocore.exceptions.ClientError) as refused:
                lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=before - 99)
            assert refused.value.response["Error"]["Code"] == "InvalidParameterValueException"
            assert refused.value.response["Error"]["Message"] == REFUSED.format(minimum=100)
            lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=before - 100)
            assert _unreserved(aws) == 100
    finally:
        lam.delete_function(FunctionName=name)


def test_a_stack_reserving_more_than_a_new_account_has_rolls_back(aws: EmbeddedAws, role_arn: str,
                                                                  code: dict[str, str]) -> None:
    name = f"reserving-{uuid.uuid4().hex[:8]}"
    with account_quotas_set(lambda_concurrent_executions=10):
        stack = _deploy(aws, name, _template(name, role_arn, code, 5))
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert _failures(aws, name) == {"Function": f'Resource handler returned message: "{REFUSED.format(minimum=10)}"'}
    assert name not in {f["FunctionName"] for f in aws.client("lambda").list_functions()["Functions"]}
    aws.client("cloudformation").delete_stack(StackName=name)


def _update(aws: EmbeddedAws, name: str, change_set: str, body: str) -> str:
    cfn = aws.client("cloudformation")
    cfn.create_change_set(StackName=name, ChangeSetName=change_set, ChangeSetType="UPDATE", TemplateBody=body)
    cfn.execute_change_set(StackName=name, ChangeSetName=change_set)
    return cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]


def test_a_stack_reserving_within_the_limit_reduces_the_unreserved(aws: EmbeddedAws, role_arn: str,
                                                                  code: dict[str, str]) -> None:
    name = f"reserving-{uuid.uuid4().hex[:8]}"
    with account_quotas_set(lambda_concurrent_executions=1000):
        before = _unreserved(aws)
        assert _deploy(aws, name, _template(name, role_arn, code, 5))["StackStatus"] == "CREATE_COMPLETE"
        assert _unreserved(aws) == before - 5
        assert _update(aws, name, "more", _template(name, role_arn, code, 7)) == "UPDATE_COMPLETE"
        assert aws.client("lambda").get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 7
        assert _unreserved(aws) == before - 7
    with account_quotas_set(lambda_concurrent_executions=10):
        assert _update(aws, name, "too-much", _template(name, role_arn, code, 8)) == "UPDATE_ROLLBACK_FAILED"
        events = aws.client("cloudformation").describe_stack_events(StackName=name)["StackEvents"]
        assert [e["ResourceStatusReason"] for e in events if e["ResourceStatus"] == "UPDATE_FAILED"] == [
            f'Resource handler returned message: "{REFUSED.format(minimum=10)}"']
    with account_quotas_set(lambda_concurrent_executions=1000):
        aws.client("cloudformation").delete_stack(StackName=name)
        assert _unreserved(aws) == before
