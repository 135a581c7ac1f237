"""The ``prod`` configuration deploys into the embedded AWS with the real deploy code: the API's
functions are invoked through their ``live`` alias (provisioned concurrency), behind the stack's
user pool (``auth.mode = "jwt"``),
``build.py logs`` reads each invocation's lines back from the functions' log groups, and ``build.py
destroy`` deletes the stack (VPC, aliases included) and keeps the data and the user pool."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import pytest
import requests

from local_aws import EmbeddedAws
from local_aws.bridges.apigateway import api_url_from_output
from ops.aws import Target, local_target
from ops.console import RecordingReporter
from ops.logs import show_logs
from ops.pipeline_deploy import deploy_pipeline
from ops.stack_commands import destroy
from pipeline.config import Config, load_config
from templates.names import MainOutput

pytestmark = pytest.mark.embedded

API_FUNCTIONS = ("UploadFunction", "StatusFunction", "ResultsFunction")
PASSWORD = "Correct-Horse-9-Battery"


@dataclass(frozen=True)
class Deployed:
    config: Config
    target: Target
    outputs: dict[str, str]
    functions: dict[str, str]
    """``{logical id: function name}``"""


@pytest.fixture(scope="module")
def prod(aws: EmbeddedAws) -> Deployed:
    config = load_config("prod")
    assert config.provisioned_concurrent_executions > 0 and config.auth.uses_own_user_pool
    target = local_target(config.region, aws.port)
    outputs = deploy_pipeline(config, target, reporter=RecordingReporter()).main
    resources = aws.client("cloudformation").describe_stack_resources(StackName=config.stack_name)["StackResources"]
    functions = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources
                 if r["ResourceType"] == "AWS::Lambda::Function"}
    return Deployed(config, target, outputs, functions)


def test_api_functions_have_a_live_alias_on_their_published_version(aws: EmbeddedAws, prod: Deployed) -> None:
    lam = aws.client("lambda")
    for logical_id in API_FUNCTIONS:
        aliases = lam.list_aliases(FunctionName=prod.functions[logical_id])["Aliases"]
        assert [(a["Name"], a["FunctionVersion"]) for a in aliases] == [("live", "1")]
    assert lam.list_aliases(FunctionName=prod.functions["ValidateUploadFunction"])["Aliases"] == []


def test_the_api_invokes_the_alias_and_requires_a_token(aws: EmbeddedAws, prod: Deployed) -> None:
    apigw = aws.client("apigateway")
    api_id = prod.outputs["ApiUrl"].split("//", 1)[1].split(".", 1)[0]
    uris = [apigw.get_integration(restApiId=api_id, resourceId=r["id"], httpMethod=m)["uri"]
            for r in apigw.get_resources(restApiId=api_id)["items"] for m in r.get("resourceMethods") or {}]
    assert uris and all(uri.endswith(":live/invocations") for uri in uris)
    url = api_url_from_output(aws.endpoint_url, prod.outputs["ApiUrl"])
    pool, client = prod.outputs[MainOutput.USER_POOL_ID.value], prod.outputs[MainOutput.USER_POOL_CLIENT_ID.value]
    idp = aws.client("cognito-idp")
    idp.admin_create_user(UserPoolId=pool, Username="ops@example.com", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username="ops@example.com", Password=PASSWORD, Permanent=True)
    token = idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "ops@example.com", "PASSWORD": PASSWORD})["AuthenticationResult"]["AccessToken"]

    health = requests.get(f"{url}/health", timeout=30)
    refused = requests.get(f"{url}/jobs", timeout=30)
    listed = requests.get(f"{url}/jobs", headers={"Authorization": f"Bearer {token}"}, timeout=30)

    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert refused.status_code == 401
    assert listed.status_code == 200 and listed.json()["jobs"] == []
    assert apigw.get_api_keys()["items"] == []


def test_the_web_page_is_served_without_the_key(aws: EmbeddedAws, prod: Deployed) -> None:
    page = requests.get(api_url_from_output(aws.endpoint_url, prod.outputs[MainOutput.WEB_PAGE_URL.value]), timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert 'data-auth-mode="jwt"' in page.text and 'id="sign-in-form"' in page.text  # people sign in there


def test_build_py_logs_shows_an_invocations_lines(aws: EmbeddedAws, prod: Deployed,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    job_id = uuid.uuid4().hex
    key = f"uploads/{job_id}/notes.mp4"
    aws.client("s3").put_object(Bucket=prod.outputs["VideosBucketName"], Key=key, Body=b"shopping list\n" * 50)
    response = aws.client("lambda").invoke(
        FunctionName=prod.functions["ValidateUploadFunction"],
        Payload=json.dumps({"job_id": job_id, "bucket": prod.outputs["VideosBucketName"], "key": key}).encode())
    assert json.loads(response["Payload"].read())["errorType"] == "NOT_A_VIDEO"
    capsys.readouterr()

    assert show_logs(prod.config, prod.target, "validate_upload", follow=False, minutes=10) == 0

    lines = [line.split(": ", 1)[1] for line in capsys.readouterr().out.splitlines()
             if line.split(" ", 2)[1] == "ValidateUploadFunctionLogGroup:"]
    assert lines[0].startswith("START RequestId: ") and lines[-1].startswith("REPORT RequestId: ")
    rejected = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(r["message"] == "upload rejected" and r["level"] == "WARNING" and r["job_id"] == job_id
               and r["service"] == "validate_upload" for r in rejected)
    assert any(line.startswith("[ERROR] NOT_A_VIDEO") for line in lines)
    assert lines[-2].startswith("END RequestId: ")


def test_destroy_deletes_the_stack_and_keeps_the_data(aws: EmbeddedAws, prod: Deployed) -> None:
    """The deployment is gone afterwards; destroy says what it kept and how to remove it."""
    reporter = RecordingReporter()
    destroy(prod.config, prod.target, reporter)
    assert any(line.startswith("kept (retained) data:") and "--purge" in line for line in reporter.lines)
    assert any(f"kept stack {prod.config.stack_name}-bootstrap" in line for line in reporter.lines)

    cfn = aws.client("cloudformation")
    summaries = {s["StackName"]: s["StackStatus"] for s in cfn.list_stacks()["StackSummaries"]}
    assert summaries[prod.config.stack_name] == "DELETE_COMPLETE"
    assert not [f for f in aws.client("lambda").list_functions()["Functions"]
                if f["FunctionName"] in prod.functions.values()]
    assert not [v for v in aws.client("ec2").describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
    assert [p["Id"] for p in aws.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]] == [
        prod.outputs[MainOutput.USER_POOL_ID.value]]  # kept, with its accounts
    buckets = {b["Name"] for b in aws.client("s3").list_buckets()["Buckets"]}
    assert prod.outputs["VideosBucketName"] in buckets and prod.outputs["ResultsBucketName"] in buckets
    assert prod.outputs["JobsTableName"] in aws.client("dynamodb").list_tables()["TableNames"]


def test_purge_removes_the_data_and_a_deploy_after_it_starts_afresh(aws: EmbeddedAws, prod: Deployed) -> None:
    """Runs after the destroy above. Nothing the purge leaves behind blocks the next deploy (the old
    retained, fixed-name image repository made it fail "already exists"); the account stack stays."""
    reporter = RecordingReporter()
    destroy(prod.config, prod.target, reporter, purge=True)
    cfn = aws.client("cloudformation")
    live = {s["StackName"] for s in cfn.list_stacks()["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE"}
    assert live == {f"{prod.config.project_name}-account"}
    buckets = {b["Name"] for b in aws.client("s3").list_buckets()["Buckets"]}
    assert prod.outputs["VideosBucketName"] not in buckets
    assert aws.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"] == []
    assert f"purged AWS::Cognito::UserPool {prod.outputs[MainOutput.USER_POOL_ID.value]}" in reporter.lines
    (scheduled,) = [line.split()[3] for line in reporter.lines if line.startswith("scheduled KMS key ")]
    assert aws.client("kms").describe_key(KeyId=scheduled)["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert any("kept stack nutrition-video-account" in line for line in reporter.lines)

    outputs = deploy_pipeline(prod.config, prod.target, reporter=RecordingReporter()).main
    assert outputs["StateMachineArn"].endswith(":stateMachine:nutrition-video-prod-analyze-meal")
    assert {s["StackName"]: s["StackStatus"] for s in cfn.list_stacks()["StackSummaries"]
            if s["StackStatus"] != "DELETE_COMPLETE"} == {
        f"{prod.config.project_name}-account": "CREATE_COMPLETE",
        f"{prod.config.stack_name}-bootstrap": "CREATE_COMPLETE",
        prod.config.stack_name: "CREATE_COMPLETE"}
