"""A CloudFormation stack on the embedded AWS: its state machine executes, its bucket's uploads reach
a Lambda through EventBridge (stepfunctions, cloudformation, s3 and events bridges)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from local_aws import EmbeddedAws
from tests.local_aws.resources import wait_for_execution, wait_until

pytestmark = pytest.mark.embedded

DEFINITION = {
    "StartAt": "Describe",
    "States": {"Describe": {"Type": "Pass", "End": True,
                            "Parameters": {"execution.$": "$$.Execution.Name", "bucket": "${Records}",
                                           "input.$": "$"}}},
}


def _template(suffix: str) -> dict[str, Any]:
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {
        "Service": ["lambda.amazonaws.com", "states.amazonaws.com"]}}]}
    return {"Resources": {
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust}},
        "Records": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"records-{suffix}"}},
        "Videos": {"Type": "AWS::S3::Bucket", "Properties": {
            "BucketName": f"videos-{suffix}",
            "NotificationConfiguration": {"EventBridgeConfiguration": {"EventBridgeEnabled": True}}}},
        "Recorder": {"Type": "AWS::Lambda::Function", "Properties": {
            "FunctionName": f"recorder-{suffix}", "Runtime": "python3.11",
            "Handler": "tests.local_aws.handlers.record_event", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Code": {"ZipFile": "# runs from the repository"},
            "Environment": {"Variables": {"RECORD_BUCKET": {"Ref": "Records"}}}}},
        "UploadRule": {"Type": "AWS::Events::Rule", "Properties": {
            "EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"],
                             "detail": {"bucket": {"name": [{"Ref": "Videos"}]},
                                        "object": {"key": [{"prefix": "uploads/"}]}}},
            "Targets": [{"Id": "recorder", "Arn": {"Fn::GetAtt": ["Recorder", "Arn"]}}]}},
        "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
            "StateMachineName": f"machine-{suffix}", "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
            "DefinitionString": {"Fn::Sub": [json.dumps(DEFINITION), {"Records": {"Ref": "Records"}}]}}},
    }, "Outputs": {"MachineArn": {"Value": {"Ref": "Machine"}}}}


@pytest.fixture(scope="module")
def stack(aws: EmbeddedAws) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    cfn = aws.client("cloudformation")
    cfn.create_stack(StackName=f"bridges-{suffix}", TemplateBody=json.dumps(_template(suffix)),
                     Capabilities=["CAPABILITY_IAM"])
    described = wait_until(lambda: [s for s in cfn.describe_stacks(StackName=f"bridges-{suffix}")["Stacks"]
                                    if s["StackStatus"].endswith("_COMPLETE")], 60, "the stack")[0]
    assert described["StackStatus"] == "CREATE_COMPLETE", described
    outputs = {o["OutputKey"]: o["OutputValue"] for o in described["Outputs"]}
    return {"suffix": suffix, "machine": outputs["MachineArn"]}


def test_a_stack_state_machine_executes_with_dollar_dollar_paths_intact(aws: EmbeddedAws,
                                                                         stack: dict[str, str]) -> None:
    sfn = aws.client("stepfunctions")
    deployed = json.loads(sfn.describe_state_machine(stateMachineArn=stack["machine"])["definition"])
    assert deployed["States"]["Describe"]["Parameters"]["execution.$"] == "$$.Execution.Name"

    arn = sfn.start_execution(stateMachineArn=stack["machine"], name="by-hand", input='{"n": 1}')["executionArn"]
    described = wait_for_execution(aws, arn, 30)

    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"execution": "by-hand", "bucket": f"records-{stack['suffix']}",
                                               "input": {"n": 1}}


def test_unnamed_executions_get_distinct_names(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    sfn = aws.client("stepfunctions")
    first = sfn.start_execution(stateMachineArn=stack["machine"], input="{}")["executionArn"]
    second = sfn.start_execution(stateMachineArn=stack["machine"], input="{}")["executionArn"]
    assert first != second and not first.endswith(":None")
    assert wait_for_execution(aws, second, 30)["status"] == "SUCCEEDED"


def test_an_upload_reaches_the_rule_target_through_eventbridge(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    s3 = aws.client("s3")
    suffix = stack["suffix"]
    s3.put_object(Bucket=f"videos-{suffix}", Key="elsewhere/a.mp4", Body=b"ignored")
    s3.put_object(Bucket=f"videos-{suffix}", Key="uploads/job/a.mp4", Body=b"video")

    records = wait_until(lambda: s3.list_objects_v2(Bucket=f"records-{suffix}").get("Contents"), 30, "a record")
    event = json.loads(s3.get_object(Bucket=f"records-{suffix}", Key=records[0]["Key"])["Body"].read())
    assert event["source"] == "aws.s3" and event["detail-type"] == "Object Created"
    assert event["detail"]["bucket"]["name"] == f"videos-{suffix}"
    assert event["detail"]["object"]["key"] == "uploads/job/a.mp4"
    assert event["time"].endswith("Z")
    assert len(s3.list_objects_v2(Bucket=f"records-{suffix}")["Contents"]) == 1  # the other key did not match


def test_put_events_reaches_a_lambda_target_with_its_input(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    events, s3 = aws.client("events"), aws.client("s3")
    bucket = f"records-{stack['suffix']}"
    before = len(s3.list_objects_v2(Bucket=bucket).get("Contents", []))
    recorder = aws.client("lambda").get_function(FunctionName=f"recorder-{stack['suffix']}")["Configuration"]
    events.put_rule(Name=f"custom-{stack['suffix']}", EventPattern=json.dumps({"source": ["test.custom"]}))
    events.put_targets(Rule=f"custom-{stack['suffix']}", Targets=[
        {"Id": "constant", "Arn": recorder["FunctionArn"], "Input": json.dumps({"constant": True})}])

    events.put_events(Entries=[{"Source": "test.custom", "DetailType": "ping", "Detail": "{}"}])

    records = wait_until(lambda: len(s3.list_objects_v2(Bucket=bucket).get("Contents", [])) > before and
                         s3.list_objects_v2(Bucket=bucket)["Contents"], 30, "the custom event's record")
    bodies = [json.loads(s3.get_object(Bucket=bucket, Key=r["Key"])["Body"].read()) for r in records]
    assert {"constant": True} in bodies


def test_a_disabled_rule_delivers_nothing(aws: EmbeddedAws, stack: dict[str, str]) -> None:
    events, s3 = aws.client("events"), aws.client("s3")
    bucket = f"records-{stack['suffix']}"
    rule = next(r["Name"] for r in events.list_rules()["Rules"] if "UploadRule" in r["Name"])
    before = len(s3.list_objects_v2(Bucket=bucket).get("Contents", []))

    events.disable_rule(Name=rule)
    s3.put_object(Bucket=f"videos-{stack['suffix']}", Key="uploads/while-disabled/a.mp4", Body=b"video")
    events.enable_rule(Name=rule)
    s3.put_object(Bucket=f"videos-{stack['suffix']}", Key="uploads/after-enabling/a.mp4", Body=b"video")

    records = wait_until(lambda: len(s3.list_objects_v2(Bucket=bucket).get("Contents", [])) > before and
                         s3.list_objects_v2(Bucket=bucket)["Contents"], 30, "the record of the second upload")
    keys = [json.loads(s3.get_object(Bucket=bucket, Key=r["Key"])["Body"].read()).get("detail", {})
            .get("object", {}).get("key") for r in records]
    assert "uploads/after-enabling/a.mp4" in keys and "uploads/while-disabled/a.mp4" not in keys
