"""`build.py doctor` and the deploy preflight read the account and say what would fail: run against the
embedded AWS, whose account quotas and settings each test changes as a real account would differ."""

from __future__ import annotations

import uuid

import botocore.exceptions
import pytest

import build
from local_aws import EmbeddedAws
from local_aws.bridges.account_quotas import account_quotas_set
from ops.aws import local_target
from ops.console import RecordingReporter
from ops.pipeline_deploy import deploy_pipeline
from ops.preflight import PreflightError, Status, check_stack_states, run_preflight
from pipeline.config import Config, load_config
from templates.names import account_stack_name, bootstrap_stack_name, image_repository_name

pytestmark = pytest.mark.embedded


def _config(**overrides) -> Config:
    # a project of its own per test, so stacks and repositories of one test never meet another's
    return load_config("dev", overrides={"project_name": f"doc-{uuid.uuid4().hex[:8]}", **overrides})


def _findings(aws: EmbeddedAws, config: Config) -> dict[str, tuple[Status, str]]:
    checks = run_preflight(local_target(config.region, aws.port), config)
    return {finding.check: (finding.status, finding.message + " " + finding.fix) for finding in checks.findings}


def test_an_account_with_granted_quotas_is_ready(aws: EmbeddedAws, capsys) -> None:
    config = _config()
    findings = _findings(aws, config)
    assert not [check for check, (status, _) in findings.items() if status is Status.FAIL], findings
    assert findings["GPU on-demand vCPU quota"][0] is Status.OK
    assert findings["Lambda concurrency"][0] is Status.OK
    assert findings["API Gateway logging role"][0] is Status.INFO  # no role yet: the account stack provides it
    assert build.main(["doctor", "--local", "--port", str(aws.port), "--env", "dev"]) == 0
    assert "ready to deploy" in capsys.readouterr().out


def test_a_new_accounts_gpu_quota_of_zero_fails_before_any_change(aws: EmbeddedAws, capsys) -> None:
    config = _config()
    with account_quotas_set(g_and_vt_on_demand_vcpus=0, g_and_vt_spot_vcpus=0):
        findings = _findings(aws, config)
        status, text = findings["GPU on-demand vCPU quota"]
        assert status is Status.FAIL and "NO_GPU_CAPACITY" in text and "L-DB2E81BA" in text
        status, text = findings["GPU spot vCPU quota"]
        assert status is Status.WARN and "enable_spot_instances = false" in text
        assert build.main(["doctor", "--local", "--port", str(aws.port)]) == 1
        assert "checks failed" in capsys.readouterr().err
        with pytest.raises(PreflightError, match="GPU on-demand vCPU quota"):
            deploy_pipeline(config, local_target(config.region, aws.port), reporter=RecordingReporter())
    stacks = aws.client("cloudformation").list_stacks()["StackSummaries"]
    assert not [s for s in stacks if s["StackName"].startswith(config.project_name)], "nothing was created"


def test_a_quota_below_max_vcpus_is_a_warning(aws: EmbeddedAws) -> None:
    with account_quotas_set(g_and_vt_on_demand_vcpus=8):
        status, text = _findings(aws, _config())["GPU on-demand vCPU quota"]
    assert status is Status.WARN and "at most 2 hosts at once" in text


def test_fargate_quotas_are_read_for_the_fargate_path_spot_included(aws: EmbeddedAws) -> None:
    """dev runs the Fargate path spot first: both Fargate vCPU quotas count. A new account's 6 vCPUs hold
    three 2-vCPU tasks, fewer than max_vcpus (16) allows."""
    findings = _findings(aws, _config())
    for check, code in (("Fargate on-demand vCPU quota", "L-3032A538"), ("Fargate Spot vCPU quota", "L-36FBB829")):
        status, text = findings[check]
        assert status is Status.WARN and "at most 3 tasks at once" in text and code in text
    with account_quotas_set(fargate_on_demand_vcpus=4000, fargate_spot_vcpus=0):
        findings = _findings(aws, _config())
        assert findings["Fargate on-demand vCPU quota"][0] is Status.OK
        status, text = findings["Fargate Spot vCPU quota"]
        assert status is Status.WARN and "wait 900 s on Fargate Spot" in text and "enable_spot_instances = false" in text
    with account_quotas_set(fargate_on_demand_vcpus=0, fargate_spot_vcpus=4000):
        status, text = _findings(aws, _config())["Fargate on-demand vCPU quota"]
        assert status is Status.FAIL and "NO_FARGATE_CAPACITY" in text
        without_spot = _findings(aws, _config(enable_spot_instances=False))
        assert "Fargate Spot vCPU quota" not in without_spot
        assert without_spot["Fargate on-demand vCPU quota"][0] is Status.FAIL
    gpu_only = _findings(aws, _config(**{"analysis.compute": "gpu"}))
    assert gpu_only["Fargate on-demand vCPU quota"][0] is Status.INFO and "Fargate Spot vCPU quota" not in gpu_only


def test_reserved_concurrency_on_a_small_lambda_quota(aws: EmbeddedAws) -> None:
    with account_quotas_set(lambda_concurrent_executions=10):
        status, text = _findings(aws, _config())["Lambda concurrency"]
        assert status is Status.FAIL and "reserve_lambda_concurrency = false" in text and "L-B99A9384" in text
        status, text = _findings(aws, _config(reserve_lambda_concurrency=False))["Lambda concurrency"]
        assert status is Status.WARN and "quota is 10" in text


def test_a_repository_left_outside_any_stack_is_named_with_its_fix(aws: EmbeddedAws) -> None:
    config = _config()
    aws.client("ecr").create_repository(repositoryName=image_repository_name(config))
    status, text = _findings(aws, config)["image repository"]
    assert status is Status.FAIL and "no stack owns it" in text
    assert f"aws ecr delete-repository --repository-name {image_repository_name(config)} --force" in text


def test_the_api_gateway_role_is_kept_when_set_and_replaced_when_gone(aws: EmbeddedAws) -> None:
    iam, apigateway = aws.client("iam"), aws.client("apigateway")
    role = iam.create_role(RoleName=f"apigw-logs-{uuid.uuid4().hex[:6]}", AssumeRolePolicyDocument="{}")["Role"]
    apigateway.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": role["Arn"]}])
    try:
        config = _config()
        checks = run_preflight(local_target(config.region, aws.port), config)
        assert not checks.needs_account_stack
        iam.delete_role(RoleName=role["RoleName"])
        checks = run_preflight(local_target(config.region, aws.port), config)
        (finding,) = [f for f in checks.findings if f.check == "API Gateway logging role"]
        assert finding.status is Status.WARN and "no longer exists" in finding.message
        assert checks.needs_account_stack
    finally:
        apigateway.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": ""}])


class _Stacks:
    """CloudFormation that knows some stacks' statuses (moto cannot be driven into every one)."""

    def __init__(self, statuses: dict[str, str]) -> None:
        self.statuses = statuses

    def describe_stacks(self, StackName: str) -> dict:
        if StackName not in self.statuses:
            raise botocore.exceptions.ClientError(
                {"Error": {"Code": "ValidationError", "Message": f"Stack with id {StackName} does not exist"}},
                "DescribeStacks")
        return {"Stacks": [{"StackName": StackName, "StackStatus": self.statuses[StackName]}]}


class _Target:
    def __init__(self, cfn: _Stacks) -> None:
        self.cfn = cfn

    def client(self, name: str) -> _Stacks:
        assert name == "cloudformation"
        return self.cfn


def test_stacks_that_cannot_take_a_change_set_are_failures_with_their_fix() -> None:
    config = _config()
    statuses = {config.stack_name: "UPDATE_ROLLBACK_FAILED", bootstrap_stack_name(config): "UPDATE_IN_PROGRESS",
                account_stack_name(config): "ROLLBACK_COMPLETE"}
    findings = {f.check: f for f in check_stack_states(_Target(_Stacks(statuses)), config)}
    main = findings[f"stack {config.stack_name}"]
    assert main.status is Status.FAIL and "--continue-rollback" in main.fix
    assert findings[f"stack {bootstrap_stack_name(config)}"].status is Status.FAIL
    assert findings[f"stack {account_stack_name(config)}"].status is Status.INFO  # deploy recreates it
    assert check_stack_states(_Target(_Stacks({config.stack_name: "UPDATE_COMPLETE"})), config) == []
