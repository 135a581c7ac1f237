"""``run --stack``, ``status`` and ``correct`` on a deployed stack find its API through the stack's outputs, with
the API key when the stack requires one; a stack that is not this project's main stack is one clear error."""

from __future__ import annotations

import json

import boto3
import pytest
from moto import mock_aws

from ops.aws import Target
from ops.errors import NotFoundError
from ops.run_job import stack_deployment
from pipeline.config import Config
from templates.names import MainOutput

REGION = "us-east-1"
API_URL = "https://abc123.execute-api.us-east-1.amazonaws.com/v1"
MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:nutrition-video-dev-AnalyzeMeal"


def _stack(name: str, outputs: dict[str, str]) -> None:
    template = {"Resources": {"Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                "Outputs": {key: {"Value": value} for key, value in outputs.items()}}
    boto3.client("cloudformation", region_name=REGION).create_stack(StackName=name, TemplateBody=json.dumps(template))


@pytest.fixture
def target(monkeypatch: pytest.MonkeyPatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        yield Target(region=REGION)


def test_a_deployed_stack_is_reached_through_its_outputs_with_its_api_key(target: Target) -> None:
    key = boto3.client("apigateway", region_name=REGION).create_api_key(name="k", enabled=True, value="s3cret-key-value-0123456789")
    _stack("nutrition-video-dev", {MainOutput.API_URL.value: API_URL, MainOutput.STATE_MACHINE_ARN.value: MACHINE,
                                   MainOutput.API_KEY_ID.value: key["id"]})

    deployment = stack_deployment(Config(), target)

    assert (deployment.api.base_url, deployment.api.api_key) == (API_URL, "s3cret-key-value-0123456789")
    assert deployment.state_machine_arn == MACHINE and deployment.api.bearer_token is None


def test_a_stack_named_by_hand_is_used_and_needs_no_key_when_the_api_has_none(target: Target) -> None:
    _stack("meals-staging", {MainOutput.API_URL.value: API_URL, MainOutput.STATE_MACHINE_ARN.value: MACHINE})

    deployment = stack_deployment(Config(), target, "meals-staging")

    assert (deployment.api.base_url, deployment.api.api_key) == (API_URL, None)


def test_a_stack_without_the_main_outputs_is_a_clear_error(target: Target) -> None:
    _stack("nutrition-video-dev-bootstrap", {"ArtifactsBucketName": "artifacts"})

    with pytest.raises(NotFoundError, match="has no ApiUrl or StateMachineArn output: give the main stack's name") as caught:
        stack_deployment(Config(), target, "nutrition-video-dev-bootstrap")
    assert caught.value.value == "nutrition-video-dev-bootstrap"
