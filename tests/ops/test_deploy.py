"""The deploy code's change-set path: create, update, no-op, decline, failure, ROLLBACK_COMPLETE."""

from __future__ import annotations

import datetime as dt
import json

import boto3
import pytest
from moto import mock_aws

from local_aws.bridges import cloudformation as cloudformation_bridge

from ops.console import RecordingReporter
from ops.deploy import DeployCancelled, DeployError, Polling, deploy_stack, stack_status

FAST = Polling(interval_s=0.01, timeout_s=10)


def _template(*topics: str) -> str:
    resources = {name: {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": name.lower()}} for name in topics}
    outputs = {f"{name}Arn": {"Value": {"Ref": name}} for name in topics}
    return json.dumps({"Resources": resources, "Outputs": outputs})


@pytest.fixture
def cfn():
    cloudformation_bridge.install()  # the embedded AWS's fix for outputs after change sets
    with mock_aws():
        yield boto3.client("cloudformation", region_name="us-east-1")


def test_create_then_update_then_no_change(cfn):
    reporter = RecordingReporter()
    outputs = deploy_stack(cfn, stack_name="demo", template_body=_template("Alpha"), reporter=reporter, polling=FAST)
    assert outputs["AlphaArn"].endswith(":alpha")
    assert "Add | Alpha | AWS::SNS::Topic | -" in reporter.lines

    reporter = RecordingReporter()
    outputs = deploy_stack(cfn, stack_name="demo", template_body=_template("Alpha", "Beta"), reporter=reporter, polling=FAST)
    assert set(outputs) == {"AlphaArn", "BetaArn"}
    assert any(line.startswith("Add | Beta") for line in reporter.lines)

    reporter = RecordingReporter()
    deploy_stack(cfn, stack_name="demo", template_body=_template("Alpha", "Beta"), reporter=reporter, polling=FAST)
    assert reporter.lines == ["demo: no changes"]


def test_declined_change_set_changes_nothing(cfn):
    deploy_stack(cfn, stack_name="demo", template_body=_template("Alpha"), reporter=RecordingReporter(), polling=FAST)
    with pytest.raises(DeployCancelled):
        deploy_stack(
            cfn, stack_name="demo", template_body=_template("Alpha", "Beta"), confirm=lambda changes: False,
            reporter=RecordingReporter(), polling=FAST,
        )
    topics = boto3.client("sns", region_name="us-east-1").list_topics()["Topics"]
    assert [t["TopicArn"].rsplit(":", 1)[1] for t in topics] == ["alpha"]
    pending = [s for s in cfn.list_change_sets(StackName="demo")["Summaries"] if s["ExecutionStatus"] != "EXECUTE_COMPLETE"]
    assert pending == []


def test_failing_resource_surfaces_the_service_reason(cfn):
    template = {
        "Resources": {
            "Fn": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Runtime": "python3.11", "Handler": "a.b", "Role": "arn:aws:iam::123456789012:role/x",
                    "Code": {"S3Bucket": "missing-bucket", "S3Key": "code.zip"},
                },
            }
        }
    }
    with pytest.raises(DeployError, match="NoSuchBucket|does not exist"):
        deploy_stack(cfn, stack_name="broken", template_body=json.dumps(template), reporter=RecordingReporter(), polling=FAST)


class _RolledBackStack:
    """A CloudFormation fake whose stack starts in ROLLBACK_COMPLETE (moto never rolls back)."""

    def __init__(self) -> None:
        self.status: str | None = "ROLLBACK_COMPLETE"
        self.calls: list[str] = []
        self.now = dt.datetime.now(dt.timezone.utc)

    def describe_stacks(self, StackName):
        if self.status is None:
            raise _ClientError("Stack with id x does not exist")
        return {"Stacks": [{"StackStatus": self.status, "Outputs": [{"OutputKey": "K", "OutputValue": "V"}]}]}

    def delete_stack(self, StackName):
        self.calls.append("delete_stack")
        self.status = None

    def create_change_set(self, **request):
        self.calls.append(f"create_change_set:{request['ChangeSetType']}")

    def describe_change_set(self, StackName, ChangeSetName):
        return {"Status": "CREATE_COMPLETE", "Changes": [{"ResourceChange": {"Action": "Add", "LogicalResourceId": "T", "ResourceType": "AWS::SNS::Topic"}}]}

    def execute_change_set(self, StackName, ChangeSetName):
        self.calls.append("execute_change_set")
        self.status = "CREATE_COMPLETE"

    def describe_stack_events(self, StackName):
        return {"StackEvents": [{"EventId": "1", "Timestamp": self.now + dt.timedelta(seconds=5), "ResourceStatus": "CREATE_COMPLETE", "LogicalResourceId": "T"}]}


class _ClientError(Exception):
    pass


def test_rollback_complete_stack_is_deleted_and_recreated(monkeypatch):
    import botocore.exceptions

    monkeypatch.setattr(botocore.exceptions, "ClientError", _ClientError)
    fake = _RolledBackStack()
    reporter = RecordingReporter()
    outputs = deploy_stack(fake, stack_name="s", template_body="{}", reporter=reporter, polling=FAST)
    assert outputs == {"K": "V"}
    assert fake.calls == ["delete_stack", "create_change_set:CREATE", "execute_change_set"]
    assert any("ROLLBACK_COMPLETE" in line for line in reporter.lines)


def test_stack_status_of_missing_stack_is_none(cfn):
    assert stack_status(cfn, "nope") is None


def test_the_scene_backend_is_never_deployed_to_a_real_account():
    """It stands in for the models with a rendered scene's truth: a demo and benchmark tool only."""
    from ops.aws import Target
    from ops.console import RecordingReporter
    from ops.deploy import DeployError
    from ops.pipeline_deploy import deploy_pipeline
    from pipeline.config import load_config

    config = load_config("dev", overrides={"analysis.backend": "scene"})
    with pytest.raises(DeployError, match="never a real account"):
        deploy_pipeline(config, Target(region=config.region), reporter=RecordingReporter())
