"""The KMS key, and least privilege across every IAM policy of both templates."""

from __future__ import annotations

import json

import pytest

from tests.templates.conftest import main_template, properties, resources_of_type

# Actions AWS offers no resource-level permissions for, so "*" is the only possible resource.
WILDCARD_RESOURCE_ACTIONS = {
    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
    "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
    "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
    "batch:DescribeJobs", "batch:DescribeJobQueues", "batch:DescribeComputeEnvironments", "ecr:GetAuthorizationToken",
}
VARIANTS = [
    {},
    {"auth.mode": "api_key", "enable_waf": True, "provisioned_concurrent_executions": 1,
     "analysis.backend": "gemini", "nutrition.enable_llm_disambiguation": True},
]


def test_key_rotates_and_is_retained(dev_main):
    body = dev_main["Resources"]["EncryptionKey"]
    assert body["Properties"]["EnableKeyRotation"] is True
    # retained buckets and tables stay readable; a failed first create leaves no key behind
    assert (body["DeletionPolicy"], body["UpdateReplacePolicy"]) == ("RetainExceptOnCreate", "Retain")
    statements = {s["Sid"]: s for s in body["Properties"]["KeyPolicy"]["Statement"]}
    assert statements["CloudWatchLogsEncrypts"]["Principal"] == {"Service": {"Fn::Sub": "logs.${AWS::Region}.amazonaws.com"}}
    assert set(statements["AlarmsAndEventsPublishToEncryptedTopic"]["Principal"]["Service"]) == {
        "cloudwatch.amazonaws.com", "events.amazonaws.com"}


def test_log_groups_are_encrypted_and_expire(dev_main):
    groups = resources_of_type(dev_main, "AWS::Logs::LogGroup")
    assert len(groups) >= 8
    for body in groups.values():
        assert body["Properties"]["RetentionInDays"] == 30
        assert body["Properties"]["KmsKeyId"] == {"Fn::GetAtt": ["EncryptionKey", "Arn"]}
    assert all("KmsKeyId" not in body["Properties"]
               for body in resources_of_type(main_template(enable_encryption=False), "AWS::Logs::LogGroup").values())


@pytest.mark.parametrize("overrides", VARIANTS, ids=["dev", "everything-on"])
def test_no_wildcard_actions_and_wildcard_resources_only_where_aws_requires(overrides):
    template = main_template(**overrides)
    checked = 0
    for name, body in resources_of_type(template, "AWS::IAM::Role").items():
        for policy in body["Properties"].get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                checked += 1
                assert statement["Effect"] == "Allow"
                assert all("*" not in action for action in statement["Action"]), (name, statement)
                if "*" in statement["Resource"]:
                    assert statement["Resource"] == ["*"], (name, statement)
                    assert set(statement["Action"]) <= WILDCARD_RESOURCE_ACTIONS, (name, statement)
    assert checked > 20


def test_roles_trust_only_their_service(dev_main):
    services = {}
    for name, body in resources_of_type(dev_main, "AWS::IAM::Role").items():
        (statement,) = body["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        services[name] = statement["Principal"]["Service"]
    assert services["UploadFunctionRole"] == "lambda.amazonaws.com"
    assert services["AnalyzeMealStateMachineRole"] == "states.amazonaws.com"
    assert services["AnalyzeFramesJobRole"] == "ecs-tasks.amazonaws.com"
    assert services["GpuInstanceRole"] == "ec2.amazonaws.com"
    assert "BatchServiceRole" not in services  # Batch's service-linked role, so updates happen in place


def test_gemini_key_is_never_a_parameter_or_literal(dev_main):
    text = json.dumps(dev_main).lower()
    assert "apikey" not in "".join(dev_main["Parameters"]).lower()
    assert "aiza" not in text  # Google API keys start with "AIza"
    assert properties(dev_main, "NutritionRagFunction")["Environment"]["Variables"]["GEMINI_SECRET_NAME"] == (
        "nutrition-video-dev/gemini-api-key")
