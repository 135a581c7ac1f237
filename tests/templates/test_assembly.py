"""The composed templates: stable logical ids (snapshot), parameters, outputs and their exports.

Regenerate the snapshot after an intended change with ``UPDATE_SNAPSHOTS=1 pytest tests/templates``
and review its diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from templates.names import BootstrapOutput, MainOutput
from tests.templates.conftest import resources_of_type

SNAPSHOT = Path(__file__).parent / "snapshots" / "main-dev-resources.json"
_DIGEST = re.compile(r"^(ApiDeployment)[0-9a-f]+$")


def _resource_types(template: dict) -> dict[str, str]:
    """``{logical id: type}``, with the content digest of the API deployment's id masked."""
    return {_DIGEST.sub(r"\1<digest>", name): body["Type"] for name, body in sorted(template["Resources"].items())}


def test_logical_ids_match_the_snapshot(dev_main):
    actual = _resource_types(dev_main)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
    assert actual == json.loads(SNAPSHOT.read_text())


def test_main_outputs_are_exported_under_the_stack_name(dev_main):
    only_in_other_modes = {MainOutput.API_KEY_ID.value, MainOutput.USER_POOL_ID.value, MainOutput.USER_POOL_CLIENT_ID.value,
                           MainOutput.TOKEN_ISSUER_URL.value}
    assert set(dev_main["Outputs"]) == {output.value for output in MainOutput} - only_in_other_modes
    for name, output in dev_main["Outputs"].items():
        assert output["Export"] == {"Name": {"Fn::Sub": "${AWS::StackName}-" + name}}
    assert dev_main["Outputs"]["StateMachineArn"]["Value"] == {"Ref": "AnalyzeMealStateMachine"}
    assert dev_main["Outputs"]["JobDefinitionArn"]["Value"] == {"Ref": "AnalyzeFramesJobDefinition"}


def test_bootstrap_holds_the_artifacts_bucket_and_image_repositories(dev_bootstrap):
    assert _resource_types(dev_bootstrap) == {
        "ArtifactsBucket": "AWS::S3::Bucket", "ArtifactsBucketPolicy": "AWS::S3::BucketPolicy",
        "GpuImageRepository": "AWS::ECR::Repository", "CpuImageRepository": "AWS::ECR::Repository"}
    assert dev_bootstrap["Resources"]["CpuImageRepository"]["Properties"]["RepositoryName"] == "nutrition-video-dev/cpu-tasks"
    assert set(dev_bootstrap["Outputs"]) == {output.value for output in BootstrapOutput}
    repository = dev_bootstrap["Resources"]["GpuImageRepository"]["Properties"]
    assert repository["RepositoryName"] == "nutrition-video-dev/gpu-tasks"
    assert repository["ImageScanningConfiguration"] == {"ScanOnPush": True}
    rules = json.loads(repository["LifecyclePolicy"]["LifecyclePolicyText"])["rules"]
    assert [rule["selection"]["tagStatus"] for rule in rules] == ["untagged", "any"]
    bucket = dev_bootstrap["Resources"]["ArtifactsBucket"]["Properties"]
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert bucket["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True


def test_main_template_holds_each_concern(dev_main):
    for resource_type, count in {
        "AWS::Lambda::Function": 8, "AWS::Batch::ComputeEnvironment": 4, "AWS::Batch::JobQueue": 4,
        "AWS::StepFunctions::StateMachine": 2, "AWS::ApiGateway::RestApi": 1, "AWS::SNS::Topic": 1,
        "AWS::DynamoDB::Table": 2, "AWS::CloudWatch::Dashboard": 0, "AWS::Events::Rule": 3, "AWS::KMS::Key": 1,
    }.items():
        assert len(resources_of_type(dev_main, resource_type)) == count, resource_type
