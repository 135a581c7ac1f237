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
    try:
        _outputs_follow_change_sets()
    finally:
        cloudformation_bridge.uninstall()


def _outputs_follow_change_sets() -> None:
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


def test_resources_are_ordered_after_what_they_use() -> None:
    resources = {
        "Alias": {"Properties": {"FunctionVersion": {"Fn::GetAtt": ["Version", "Version"]}}},
        "Version": {"Properties": {"FunctionName": {"Ref": "Function"}}},
        "Function": {"Properties": {"Role": {"Fn::Sub": "${Role.Arn}"}}},
        "Role": {"Properties": {}},
        "Api": {"DependsOn": "Alias", "Properties": {"Name": {"Ref": "AWS::StackName"}}},
    }
    assert cloudformation_bridge.references(resources["Function"]) == {"Role"}
    assert cloudformation_bridge.in_dependency_order(list(resources), resources) == [
        "Role", "Function", "Version", "Alias", "Api"]
    assert cloudformation_bridge.in_dependency_order(["Api", "Version", "Alias"], resources) == [
        "Version", "Alias", "Api"]
