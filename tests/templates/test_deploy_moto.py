"""Both templates deploy unchanged into moto's CloudFormation (bootstrap, then main) and the stack's
resources carry what the template says. moto skips resource types it does not implement
(alarms, bucket policies, the API stage...); everything else is created for real in moto.

moto 5.2.5 has no ``AWS::Lambda::Alias`` (and gives ``AWS::Lambda::Version`` no Ref), so a config with
``provisioned_concurrent_executions > 0`` cannot deploy into it; these configs leave it at 0.
moto also requires a Batch compute environment's ``ServiceRole``, which AWS does not (it takes Batch's
service-linked role); the one bridge that fills that gap is installed here."""

from __future__ import annotations

import contextlib
import io
import json
import os
import zipfile
from unittest import mock

import boto3
import pytest
from moto import mock_aws

from local_aws.bridges import batch_service_role
from pipeline.config import Config
from pipeline.environment import EnvVar
from states.placeholders import Placeholder
from templates.assembly import build_bootstrap_template, build_main_template
from templates.catalogue import ARTIFACTS, deployed_functions
from templates.names import BootstrapOutput, MainOutput, MainParameter, bootstrap_stack_name, main_stack_name
from tests.templates.conftest import analyze_meal_definition, config_with

pytestmark = pytest.mark.filterwarnings("ignore:Tried to parse")
KNOWLEDGE_BASE_KEY = "knowledge-base/kb.npz"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("lambdas/__init__.py", "")
    return buffer.getvalue()


def _outputs(cfn, stack_name: str) -> dict[str, str]:
    (stack,) = cfn.describe_stacks(StackName=stack_name)["Stacks"]
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    return {item["OutputKey"]: item["OutputValue"] for item in stack.get("Outputs", [])}


@contextlib.contextmanager
def _service_linked_role_bridge():
    batch_service_role.install()
    try:
        yield
    finally:
        batch_service_role.uninstall()


@contextlib.contextmanager
def _deployed(**overrides):
    """Both stacks of the dev config with ``overrides`` deployed into a fresh moto; yields ``(session,
    bootstrap outputs, main outputs)``."""
    config = config_with(**overrides)
    environment = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                   "AWS_DEFAULT_REGION": config.region}
    with mock.patch.dict(os.environ, environment), mock_aws(), _service_linked_role_bridge():
        os.environ.pop("AWS_ENDPOINT_URL", None)
        session = boto3.Session(region_name=config.region)
        cfn, s3 = session.client("cloudformation"), session.client("s3")
        cfn.create_stack(StackName=bootstrap_stack_name(config), TemplateBody=build_bootstrap_template(config).to_json())
        bootstrap = _outputs(cfn, bootstrap_stack_name(config))
        bucket = bootstrap[BootstrapOutput.ARTIFACTS_BUCKET_NAME.value]
        parameters = {MainParameter.ARTIFACTS_BUCKET_NAME.value: bucket,
                      MainParameter.KNOWLEDGE_BASE_KEY.value: KNOWLEDGE_BASE_KEY,
                      MainParameter.GPU_IMAGE_URI.value: bootstrap[BootstrapOutput.IMAGE_REPOSITORY_URI.value] + ":test",
                      MainParameter.CPU_IMAGE_URI.value: bootstrap[BootstrapOutput.CPU_IMAGE_REPOSITORY_URI.value] + ":test"}
        for artifact in ARTIFACTS:
            key = f"lambda/{artifact.name}/test.zip"
            s3.put_object(Bucket=bucket, Key=key, Body=_zip())
            parameters[artifact.parameter_name] = key
        template = build_main_template(config, definition=analyze_meal_definition(**overrides))
        parameters = {name: value for name, value in parameters.items() if name in template.parameters}
        body = template.to_json()
        cfn.create_stack(
            StackName=main_stack_name(config), TemplateBody=body, Capabilities=["CAPABILITY_IAM"],
            Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
        )
        yield session, bootstrap, _outputs(cfn, main_stack_name(config))


@pytest.fixture(scope="module")
def deployed():
    with _deployed() as stacks:
        yield stacks


def test_toggled_features_deploy_too():
    """API key, WAF, e-mail subscription, on-demand only, no customer-managed key."""
    toggles = dict(enable_waf=True, notification_email="cook@example.com", enable_spot_instances=False,
                   enable_encryption=False, **{"network.mode": "endpoints", "auth.mode": "api_key"})
    config = config_with(**toggles)
    with _deployed(**toggles) as (session, _, main):
        (queue,) = session.client("batch").describe_job_queues(
            jobQueues=[main[MainOutput.JOB_QUEUE_ARN.value]])["jobQueues"]
        assert len(queue["computeEnvironmentOrder"]) == 1
        resources = session.client("cloudformation").list_stack_resources(
            StackName=main_stack_name(config))["StackResourceSummaries"]
        logical_ids = {resource["LogicalResourceId"] for resource in resources}
        assert "EncryptionKey" not in logical_ids and "GpuOnDemandComputeEnvironment" in logical_ids
        assert "GpuSpotComputeEnvironment" not in logical_ids
        assert "EcrApiInterfaceEndpoint" in logical_ids and "InternetGateway" not in logical_ids


@pytest.mark.parametrize("compute", ["gpu", "fargate"])
def test_each_compute_path_deploys_alone(compute):
    with _deployed(**{"analysis.compute": compute}) as (session, _, main):
        outputs = set(main)
        assert (MainOutput.CPU_JOB_QUEUE_ARN.value in outputs) == (compute == "fargate")
        assert (MainOutput.JOB_QUEUE_ARN.value in outputs) == (compute == "gpu")
        definition = json.loads(session.client("stepfunctions").describe_state_machine(
            stateMachineArn=main[MainOutput.STATE_MACHINE_ARN.value])["definition"])
        assert "ChooseCompute" not in definition["States"] and "${" not in json.dumps(definition)


def test_stacks_complete_with_every_output(deployed):
    _, bootstrap, main = deployed
    assert set(bootstrap) == {output.value for output in BootstrapOutput}
    only_with_auth = {MainOutput.API_KEY_ID.value, MainOutput.USER_POOL_ID.value, MainOutput.USER_POOL_CLIENT_ID.value,
                      MainOutput.TOKEN_ISSUER_URL.value}
    assert set(main) == {output.value for output in MainOutput} - only_with_auth  # dev: auth.mode none
    assert bootstrap[BootstrapOutput.IMAGE_REPOSITORY_URI.value].endswith("/nutrition-video-dev/gpu-tasks")
    assert main[MainOutput.API_URL.value].endswith(".amazonaws.com/v1/")
    assert main[MainOutput.STATE_MACHINE_ARN.value].endswith(":stateMachine:nutrition-video-dev-analyze-meal")


def test_deployed_state_machine_has_every_placeholder_resolved(deployed):
    session, _, main = deployed
    functions = {f["FunctionName"]: f["FunctionArn"] for f in session.client("lambda").list_functions()["Functions"]}
    arn_of = {key: next(arn for name, arn in functions.items() if key in name)
              for key in ("ValidateUploadFunction", "NutritionRagFunction")}
    values = {
        Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN: arn_of["ValidateUploadFunction"],
        Placeholder.NUTRITION_FUNCTION_ARN: arn_of["NutritionRagFunction"],
        Placeholder.JOBS_TABLE_NAME: main[MainOutput.JOBS_TABLE_NAME.value],
        Placeholder.JOB_QUEUE_ARN: main[MainOutput.JOB_QUEUE_ARN.value],
        Placeholder.ON_DEMAND_JOB_QUEUE_ARN: main[MainOutput.ON_DEMAND_JOB_QUEUE_ARN.value],
        Placeholder.CPU_JOB_QUEUE_ARN: main[MainOutput.CPU_JOB_QUEUE_ARN.value],
        Placeholder.CPU_ON_DEMAND_JOB_QUEUE_ARN: main[MainOutput.CPU_ON_DEMAND_JOB_QUEUE_ARN.value],
        Placeholder.CPU_JOB_DEFINITION_ARN: main[MainOutput.CPU_JOB_DEFINITION_ARN.value],
        Placeholder.JOB_DEFINITION_ARN: main[MainOutput.JOB_DEFINITION_ARN.value],
        Placeholder.NOTIFICATION_TOPIC_ARN: main[MainOutput.NOTIFICATION_TOPIC_ARN.value],
        Placeholder.RESULTS_BUCKET_NAME: main[MainOutput.RESULTS_BUCKET_NAME.value],
    }
    expected = json.dumps(analyze_meal_definition())
    for placeholder, value in values.items():
        expected = expected.replace(placeholder.ref(), value)
    deployed_text = session.client("stepfunctions").describe_state_machine(
        stateMachineArn=main[MainOutput.STATE_MACHINE_ARN.value])["definition"]
    assert json.loads(deployed_text) == json.loads(expected)  # "$$.Execution..." survives intact
    assert "${" not in deployed_text


def test_deployed_functions_carry_their_settings(deployed):
    session, bootstrap, main = deployed
    client = session.client("lambda")
    configurations = {f["FunctionName"]: f for f in client.list_functions()["Functions"]}
    assert len(configurations) == len(deployed_functions(config_with()))
    starter = next(c for name, c in configurations.items() if "StartAnalysisFunction" in name)
    variables = starter["Environment"]["Variables"]
    assert variables[EnvVar.STATE_MACHINE_ARN.value] == main[MainOutput.STATE_MACHINE_ARN.value]
    assert variables[EnvVar.JOBS_TABLE.value] == main[MainOutput.JOBS_TABLE_NAME.value]
    nutrition = next(c for name, c in configurations.items() if "NutritionRagFunction" in name)
    assert nutrition["Environment"]["Variables"][EnvVar.KNOWLEDGE_BASE_URI.value] == (
        f"s3://{bootstrap[BootstrapOutput.ARTIFACTS_BUCKET_NAME.value]}/{KNOWLEDGE_BASE_KEY}")
    assert nutrition["Handler"] == "lambdas.nutrition_rag.handler.handler"


def test_deployed_table_and_job_definition(deployed):
    session, _, main = deployed
    table = session.client("dynamodb").describe_table(TableName=main[MainOutput.JOBS_TABLE_NAME.value])["Table"]
    assert table["GlobalSecondaryIndexes"][0]["IndexName"] == "status-by-time"
    (definition,) = session.client("batch").describe_job_definitions(
        jobDefinitions=[main[MainOutput.JOB_DEFINITION_ARN.value]])["jobDefinitions"]
    requirements = {r["type"]: r["value"] for r in definition["containerProperties"]["resourceRequirements"]}
    assert requirements["GPU"] == "1"
    assert definition["containerProperties"]["command"] == ["python", "-m", "gpu_tasks.analyze"]
    queues = session.client("batch").describe_job_queues(
        jobQueues=[main[MainOutput.JOB_QUEUE_ARN.value], main[MainOutput.ON_DEMAND_JOB_QUEUE_ARN.value]])["jobQueues"]
    assert [[entry["order"] for entry in queue["computeEnvironmentOrder"]] for queue in queues] == [[1], [1]]
