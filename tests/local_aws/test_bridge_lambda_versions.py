"""Lambda versions and aliases made by CloudFormation (lambda_versions bridge), and each invocation's
log lines in the function's log group (lambda_logs bridge)."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from local_aws import EmbeddedAws
from tests.local_aws.resources import tiny_zip, wait_until

pytestmark = pytest.mark.embedded


def _template(suffix: str, description: str) -> dict[str, Any]:
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                      "Principal": {"Service": "lambda.amazonaws.com"}}]}
    return {"Resources": {
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": f"/aws/lambda/test-{suffix}/runtime"}},
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
            "FunctionName": f"versioned-{suffix}", "Runtime": "python3.11", "MemorySize": 256, "Timeout": 30,
            "Handler": "tests.local_aws.handlers.describe_runtime", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Code": {"S3Bucket": f"code-{suffix}", "S3Key": "code.zip"}, "LoggingConfig": {"LogGroup": {"Ref": "Logs"}},
            "Environment": {"Variables": {"GREETING": description}}}},
        "Version": {"Type": "AWS::Lambda::Version", "Properties": {
            "FunctionName": {"Ref": "Fn"}, "Description": description}},
        "Live": {"Type": "AWS::Lambda::Alias", "Properties": {
            "FunctionName": {"Ref": "Fn"}, "FunctionVersion": {"Fn::GetAtt": ["Version", "Version"]}, "Name": "live",
            "ProvisionedConcurrencyConfig": {"ProvisionedConcurrentExecutions": 1}}},
        "InvokeLive": {"Type": "AWS::Lambda::Permission", "Properties": {
            "Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Live"},
            "Principal": "apigateway.amazonaws.com"}},
    }, "Outputs": {
        "AliasArn": {"Value": {"Ref": "Live"}},
        "VersionArn": {"Value": {"Ref": "Version"}},
        "VersionNumber": {"Value": {"Fn::GetAtt": ["Version", "Version"]}},
    }}


def _deploy(aws: EmbeddedAws, name: str, template: dict[str, Any], change_set_type: str) -> dict[str, str]:
    """Create or update through a change set, as ``build.py deploy`` does; returns the outputs."""
    cfn = aws.client("cloudformation")
    change_set = f"cs-{uuid.uuid4().hex[:8]}"
    cfn.create_change_set(StackName=name, ChangeSetName=change_set, TemplateBody=json.dumps(template),
                          ChangeSetType=change_set_type, Capabilities=["CAPABILITY_IAM"])
    cfn.execute_change_set(StackName=name, ChangeSetName=change_set)
    stack = wait_until(lambda: [s for s in cfn.describe_stacks(StackName=name)["Stacks"]
                                if s["StackStatus"].endswith("_COMPLETE")], 60, f"{name} to settle")[0]
    assert stack["StackStatus"] in ("CREATE_COMPLETE", "UPDATE_COMPLETE"), stack
    return {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}


@pytest.fixture(scope="module")
def stack(aws: EmbeddedAws) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    aws.client("s3").create_bucket(Bucket=f"code-{suffix}")
    aws.client("s3").put_object(Bucket=f"code-{suffix}", Key="code.zip", Body=tiny_zip())
    outputs = _deploy(aws, f"versions-{suffix}", _template(suffix, "first"), "CREATE")
    return {"suffix": suffix, "name": f"versions-{suffix}", **outputs}


def _invoke(aws: EmbeddedAws, function: str, event: dict[str, Any]) -> dict[str, Any]:
    return aws.client("lambda").invoke(FunctionName=function, Payload=json.dumps(event).encode(), LogType="Tail")


def test_the_alias_and_version_resolve_to_arns(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    name = f"versioned-{stack['suffix']}"
    assert stack["AliasArn"].endswith(f":function:{name}:live")
    assert stack["VersionArn"].endswith(f":function:{name}:1")
    assert stack["VersionNumber"] == "1"
    aliases = aws.client("lambda").list_aliases(FunctionName=name)["Aliases"]
    assert [(a["Name"], a["FunctionVersion"]) for a in aliases] == [("live", "1")]
    policy = json.loads(aws.client("lambda").get_policy(FunctionName=name)["Policy"])
    assert any(s["Principal"] == {"Service": "apigateway.amazonaws.com"} for s in policy["Statement"])


def test_invoking_the_alias_runs_the_handler_of_its_version(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    response = _invoke(aws, stack["AliasArn"], {"through": "alias"})

    assert "FunctionError" not in response
    body = json.loads(response["Payload"].read())
    assert body["event"] == {"through": "alias"} and body["env"]["GREETING"] == "first"
    assert body["arn"] == stack["VersionArn"]


def test_each_invocation_is_logged_to_the_configured_group(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    group = f"/aws/lambda/test-{stack['suffix']}/runtime"
    name = f"versioned-{stack['suffix']}"
    configuration = aws.client("lambda").get_function_configuration(FunctionName=name)
    assert configuration["LoggingConfig"]["LogGroup"] == group

    response = _invoke(aws, name, {"n": 2})

    tail = base64.b64decode(response["LogResult"]).decode()
    request_id = tail.splitlines()[0].split()[2]
    events = aws.client("logs").filter_log_events(logGroupName=group)["events"]
    stream = next(e["logStreamName"] for e in events if e["message"].startswith(f"START RequestId: {request_id}"))
    messages = [e["message"] for e in events if e["logStreamName"] == stream]
    assert messages[:3] == [f"START RequestId: {request_id} Version: $LATEST", "describe_runtime called",
                            f"END RequestId: {request_id}"]
    assert messages[3].startswith(f"REPORT RequestId: {request_id}\tDuration: ")
    assert "Memory Size: 256 MB" in messages[3] and "Billed Duration:" in messages[3] and len(messages) == 4
    assert tail.splitlines() == messages
    assert not aws.client("logs").describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{name}")["logGroups"]


def test_an_update_publishes_a_new_version_and_moves_the_alias(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    outputs = _deploy(aws, stack["name"], _template(stack["suffix"], "second"), "UPDATE")

    assert outputs["VersionNumber"] == "2" and outputs["AliasArn"] == stack["AliasArn"]
    body = json.loads(_invoke(aws, stack["AliasArn"], {})["Payload"].read())
    assert body["env"]["GREETING"] == "second"
    assert body["arn"].endswith(":2")
