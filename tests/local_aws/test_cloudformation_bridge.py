"""The CloudFormation bridge: outputs exist after a change set creates or updates a stack."""

from __future__ import annotations

import json

import boto3
from moto import mock_aws

from local_aws.bridges import cloudformation as cloudformation_bridge


def _template(*names: str) -> str:
    return json.dumps({
        "Resources": {n: {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": n.lower()}} for n in names},
        "Outputs": {f"{n}Url": {"Value": {"Ref": n}} for n in names},
    })


def _apply(cfn, name: str, kind: str, body: str) -> None:
    cfn.create_change_set(StackName="s", ChangeSetName=name, ChangeSetType=kind, TemplateBody=body)
    cfn.execute_change_set(StackName="s", ChangeSetName=name)


def test_outputs_follow_change_sets():
    cloudformation_bridge.install()
    with mock_aws():
        cfn = boto3.client("cloudformation", region_name="us-east-1")
        _apply(cfn, "one", "CREATE", _template("First"))
        outputs = {o["OutputKey"] for o in cfn.describe_stacks(StackName="s")["Stacks"][0]["Outputs"]}
        assert outputs == {"FirstUrl"}
        _apply(cfn, "two", "UPDATE", _template("First", "Second"))
        outputs = {o["OutputKey"] for o in cfn.describe_stacks(StackName="s")["Stacks"][0]["Outputs"]}
        assert outputs == {"FirstUrl", "SecondUrl"}
        body = cfn.get_template(StackName="s")["TemplateBody"]
        assert set((json.loads(body) if isinstance(body, str) else body)["Outputs"]) == {"FirstUrl", "SecondUrl"}
