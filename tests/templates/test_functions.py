"""The Lambda catalogue and the functions built from it: least privilege, settings, concurrency."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from pipeline.environment import EnvVar
from pipeline.runtime_settings import read_settings
from templates.catalogue import ARTIFACTS, FUNCTIONS, artifact_spec, deployed_artifacts, function_spec
from templates.names import code_key_parameter
from tests.templates.conftest import (
    OIDC_ISSUER_MODE, config_with, main_template, properties, role_actions, role_statements, template_with_function,
)

REPO = Path(__file__).resolve().parents[2]


def test_catalogue_is_consistent_with_pyproject_and_the_handlers():
    groups = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert {spec.artifact for spec in FUNCTIONS} == {spec.name for spec in ARTIFACTS}
    for artifact in ARTIFACTS:
        assert artifact.dependency_group in groups
        assert artifact.parameter_name == code_key_parameter(artifact.name)
    for spec in FUNCTIONS:
        package = spec.handler.rsplit(".", 2)[0]  # lambdas.api.handler.handler -> lambdas.api
        assert package.replace(".", "/") in artifact_spec(spec.artifact).source_dirs, spec.key
        assert spec.handler == f"{package}.handler.handler"
        assert hasattr(config_with().functions, spec.settings_key), spec.key
    assert function_spec("upload").handler == "lambdas.api.handler.handler"
    assert code_key_parameter("nutrition_rag") == "NutritionRagCodeKey"


@pytest.mark.parametrize("overrides", [{}, OIDC_ISSUER_MODE], ids=["dev", "oidc-issuer"])
def test_main_template_has_one_code_key_parameter_per_artifact_it_deploys(overrides):
    artifacts = deployed_artifacts(config_with(**overrides))
    expected = {spec.parameter_name for spec in artifacts} | {"ArtifactsBucketName", "KnowledgeBaseKey", "GpuImageUri",
                                                              "CpuImageUri"}
    assert set(main_template(**overrides)["Parameters"]) == expected
    assert ("authorizer" in {spec.name for spec in artifacts}) == bool(overrides)


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda spec: spec.key)
def test_function_runtime_tracing_logging_and_sizing(spec):
    dev_main = template_with_function(spec.key)
    props = properties(dev_main, spec.logical_id)
    settings = spec.settings(config_with())
    assert (props["Runtime"], props["Architectures"], props["Handler"]) == ("python3.12", ["arm64"], spec.handler)
    assert (props["MemorySize"], props["Timeout"]) == (settings.memory_mb, settings.timeout_s)
    assert props["TracingConfig"] == {"Mode": "Active"}
    assert props["Code"] == {"S3Bucket": {"Ref": "ArtifactsBucketName"},
                             "S3Key": {"Ref": code_key_parameter(spec.artifact)}}
    assert props["Role"] == {"Fn::GetAtt": [f"{spec.logical_id}Role", "Arn"]}
    assert props["LoggingConfig"] == {"LogGroup": {"Ref": f"{spec.logical_id}LogGroup"}}
    assert properties(dev_main, f"{spec.logical_id}LogGroup")["RetentionInDays"] == config_with().log_retention_days
    variables = props["Environment"]["Variables"]
    assert set(variables) - POWERTOOLS_VARIABLES == set(spec.environment.env_names())
    assert POWERTOOLS_VARIABLES <= set(variables)


POWERTOOLS_VARIABLES = {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_METRICS_NAMESPACE"}


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda spec: spec.key)
def test_each_function_reads_back_the_config_its_template_wrote(spec):
    """The handler's settings model, read from the environment the template wrote (stack references
    stand in as their logical ids), holds the config's values, not the model's defaults."""
    overrides = CHANGED_SETTINGS if spec.deployed_when(config_with(**CHANGED_SETTINGS)) else {
        **CHANGED_SETTINGS, **OIDC_ISSUER_MODE}
    config = config_with(**overrides)
    variables = properties(main_template(**overrides), spec.logical_id)["Environment"]["Variables"]
    written = {name: value if isinstance(value, str) else json.dumps(value) for name, value in variables.items()}
    settings = read_settings(spec.environment, written)
    expected = {"max_upload_mb": config.max_upload_mb, "max_video_seconds": config.max_video_seconds,
                "job_ttl_days": config.job_ttl_days, "cors_origins": config.cors_origins,
                "auth_mode": config.auth.mode, "nutrition_top_k": config.nutrition.top_k,
                "nutrition_min_confidence": config.nutrition.min_confidence,
                "gemini_secret_name": f"{config.stack_name}/{config.gemini.secret_name}",
                "oidc_issuer_url": config.auth.issuer_url, "oidc_audience": config.auth.audience,
                "required_scope": config.auth.required_scope}
    read = settings.model_dump()
    shared = read.keys() & expected.keys()
    assert {name: read[name] for name in shared} == {name: expected[name] for name in shared}
    assert shared or spec.key in READS_STACK_NAMES_ONLY, f"{spec.key} reads none of the config's values"


READS_STACK_NAMES_ONLY = {"execution_ended"}
"""Functions whose settings are the names of the stack's resources (the jobs table, the topic) alone."""


CHANGED_SETTINGS = {"max_upload_mb": 120, "max_video_seconds": 90, "job_ttl_days": 7,
                    "cors_origins": ("https://a.example.com", "https://b.example.com"), "auth.mode": "api_key",
                    "nutrition.top_k": 3, "nutrition.min_confidence": 0.6}


EXPECTED_ACTIONS = {
    "upload": {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "s3:PutObject"},
    "status": {"dynamodb:GetItem", "dynamodb:Query"},  # Query: GET /jobs on the owner index only
    "results": {"dynamodb:GetItem", "s3:GetObject", "s3:ListBucket"},
    "corrections": {"dynamodb:GetItem", "dynamodb:UpdateItem", "s3:GetObject", "s3:PutObject", "s3:ListBucket",
                    "sns:Publish"},
    "validate_upload": {"s3:GetObject", "s3:ListBucket"},
    "nutrition_rag": {"s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "batch:DescribeJobs", "batch:DescribeJobQueues",
                      "batch:DescribeComputeEnvironments", "ecs:DescribeContainerInstances",
                      "states:GetExecutionHistory"},
    "start_analysis": {"states:StartExecution", "states:DescribeExecution", "dynamodb:UpdateItem", "sqs:SendMessage"},
    "execution_ended": {"dynamodb:UpdateItem", "sns:Publish", "sqs:SendMessage"},
    "authorizer": set(),  # reads the issuer's public keys over HTTPS only
}
COMMON_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
                  "kms:Decrypt", "kms:GenerateDataKey"}


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda spec: spec.key)
def test_each_role_allows_only_what_its_function_does(spec):
    dev_main = template_with_function(spec.key)
    assert role_actions(dev_main, f"{spec.logical_id}Role") == EXPECTED_ACTIONS[spec.key] | COMMON_ACTIONS
    logs = role_statements(dev_main, f"{spec.logical_id}Role")["Logs"]
    assert logs["Resource"] == [{"Fn::GetAtt": [f"{spec.logical_id}LogGroup", "Arn"]}]


def test_resources_of_the_data_statements(dev_main):
    upload = role_statements(dev_main, "UploadFunctionRole")
    assert upload["PresignUpload"]["Resource"] == [
        {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}/uploads/*", {"Bucket": {"Ref": "VideosBucket"}}]}]
    assert upload["Idempotency"]["Resource"] == [{"Fn::GetAtt": ["IdempotencyTable", "Arn"]}]
    starter = role_statements(dev_main, "StartAnalysisFunctionRole")
    assert starter["StartExecution"]["Resource"] == [{"Ref": "AnalyzeMealStateMachine"}]
    nutrition = role_statements(dev_main, "NutritionRagFunctionRole")
    assert nutrition["ReadKnowledgeBase"]["Resource"] == [{"Fn::Sub": [
        "arn:${AWS::Partition}:s3:::${Bucket}/${Key}",
        {"Bucket": {"Ref": "ArtifactsBucketName"}, "Key": {"Ref": "KnowledgeBaseKey"}}]}]
    assert "ReadGeminiKey" not in nutrition
    assert nutrition["ReadExecutionHistory"]["Resource"] == [{"Fn::Sub": [
        "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Machine}:*",
        {"Machine": properties(dev_main, "AnalyzeMealStateMachine")["StateMachineName"]}]}]


def test_execution_ended_may_fail_jobs_and_notify_only(dev_main):
    """Only UpdateItem on the jobs table, Publish on the job topic, its own dead letters, the stack's key."""
    statements = role_statements(dev_main, "ExecutionEndedFunctionRole")
    assert statements["MarkFailed"]["Resource"] == [{"Fn::GetAtt": ["JobsTable", "Arn"]}]
    assert statements["NotifyFailure"]["Resource"] == [{"Ref": "NotificationTopic"}]
    assert statements["DeadLetters"]["Resource"] == [{"Fn::GetAtt": ["ExecutionEndedFunctionDeadLetterQueue", "Arn"]}]
    assert statements["UseDataKey"]["Resource"] == [{"Fn::GetAtt": ["EncryptionKey", "Arn"]}]
    assert set(statements) == {"Logs", "XRay", "MarkFailed", "NotifyFailure", "UseDataKey", "DeadLetters"}
    variables = properties(dev_main, "ExecutionEndedFunction")["Environment"]["Variables"]
    assert variables[EnvVar.JOBS_TABLE.value] == {"Ref": "JobsTable"}
    assert variables[EnvVar.NOTIFICATION_TOPIC_ARN.value] == {"Ref": "NotificationTopic"}


def test_llm_disambiguation_lets_nutrition_read_the_gemini_key():
    statements = role_statements(main_template(**{"nutrition.enable_llm_disambiguation": True}), "NutritionRagFunctionRole")
    assert statements["ReadGeminiKey"]["Action"] == ["secretsmanager:GetSecretValue"]


def test_environment_values(dev_main):
    config = config_with()
    upload = properties(dev_main, "UploadFunction")["Environment"]["Variables"]
    assert upload[EnvVar.JOBS_TABLE.value] == {"Ref": "JobsTable"}
    assert upload[EnvVar.IDEMPOTENCY_TABLE.value] == {"Ref": "IdempotencyTable"}
    assert upload[EnvVar.MAX_UPLOAD_MB.value] == str(config.max_upload_mb)
    assert upload[EnvVar.CORS_ORIGINS.value] == ",".join(config.cors_origins)
    nutrition = properties(dev_main, "NutritionRagFunction")["Environment"]["Variables"]
    assert nutrition[EnvVar.KNOWLEDGE_BASE_URI.value] == {"Fn::Sub": [
        "s3://${Bucket}/${Key}", {"Bucket": {"Ref": "ArtifactsBucketName"}, "Key": {"Ref": "KnowledgeBaseKey"}}]}
    assert nutrition[EnvVar.ENABLE_LLM_DISAMBIGUATION.value] == "false"
    assert nutrition[EnvVar.GEMINI_SECRET_NAME.value] == "nutrition-video-dev/gemini-api-key"
    starter = properties(dev_main, "StartAnalysisFunction")["Environment"]["Variables"]
    assert starter[EnvVar.STATE_MACHINE_ARN.value] == {"Ref": "AnalyzeMealStateMachine"}


def test_concurrency_settings(dev_main):
    config = config_with()
    # auto with spot: Fargate Spot and on-demand Fargate (16 // 2 = 8 tasks each), GPU spot and on-demand (16 // 4 = 4)
    assert properties(dev_main, "NutritionRagFunction")["ReservedConcurrentExecutions"] == \
        config.analyses_at_most == 8 + 8 + 4 + 4
    assert properties(dev_main, "ValidateUploadFunction")["EphemeralStorage"]["Size"] >= config.max_upload_mb
    assert not [name for name, body in dev_main["Resources"].items() if body["Type"] == "AWS::Lambda::Alias"]


def test_provisioned_concurrency_puts_api_functions_behind_a_live_alias():
    template = main_template(provisioned_concurrent_executions=2)
    for logical_id in ("UploadFunction", "StatusFunction", "ResultsFunction"):
        alias = properties(template, f"{logical_id}LiveAlias")
        assert alias["ProvisionedConcurrencyConfig"] == {"ProvisionedConcurrentExecutions": 2}
        assert alias["FunctionVersion"] == {"Fn::GetAtt": [f"{logical_id}Version", "Version"]}
    assert "NutritionRagFunctionLiveAlias" not in template["Resources"]
    method = properties(template, "ApiPostJobsMethod")
    assert method["Integration"]["Uri"]["Fn::Sub"][1]["Fn"] == {"Ref": "UploadFunctionLiveAlias"}
    permission = properties(template, "UploadFunctionPostJobsPermission")
    assert permission["FunctionName"] == {"Ref": "UploadFunctionLiveAlias"}


def test_a_version_is_published_when_code_or_settings_change():
    first = properties(main_template(provisioned_concurrent_executions=1), "UploadFunctionVersion")["Description"]
    second = properties(main_template(provisioned_concurrent_executions=1, max_upload_mb=100),
                        "UploadFunctionVersion")["Description"]
    assert first["Fn::Sub"][1] == {"Key": {"Ref": "ApiCodeKey"}}
    assert first != second


@pytest.mark.parametrize("logical_id", ["StartAnalysisFunction", "ExecutionEndedFunction"])
def test_the_asynchronously_invoked_functions_have_a_dead_letter_queue(dev_main, logical_id):
    props = dev_main["Resources"][logical_id]["Properties"]
    assert props["DeadLetterConfig"] == {"TargetArn": {"Fn::GetAtt": [f"{logical_id}DeadLetterQueue", "Arn"]}}
    assert role_statements(dev_main, f"{logical_id}Role")["DeadLetters"]["Resource"] == [
        {"Fn::GetAtt": [f"{logical_id}DeadLetterQueue", "Arn"]}]


def test_every_function_reserves_concurrency_and_encrypts_its_environment():
    for spec in FUNCTIONS:
        props = template_with_function(spec.key)["Resources"][spec.logical_id]["Properties"]
        assert props["ReservedConcurrentExecutions"] >= 1, spec.key
        assert "KmsKeyArn" in props, spec.key
