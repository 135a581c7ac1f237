"""Read the account before deploying: what would fail, in plain words, and how to fix it.

``build.py doctor`` runs these checks alone; ``deploy`` runs them before it creates any change set
and stops when one fails. Each check reads only (no resource is created) and turns into a
:class:`Finding`; a check whose API call is refused becomes a warning that says what to check by
hand, never a silent pass.

Quota codes are Service Quotas' (``aws service-quotas list-service-quotas --service-code ec2``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

import botocore.exceptions

from ops.aws import Target
from ops.console import Reporter
from ops.deploy import stack_status
from pipeline.config import Config
from templates.catalogue import FUNCTIONS, deployed_functions
from templates.functions import reserved_concurrency
from templates.names import account_stack_name, bootstrap_stack_name, image_repository_name, uses_fargate

LAMBDA_MIN_UNRESERVED = 100
"""AWS keeps at least this many concurrent executions unreserved in every account."""
LAMBDA_CONCURRENCY_QUOTA = "L-B99A9384"
"""Lambda: Concurrent executions."""
GPU_SPOT_QUOTA = "L-3819A6DF"
"""EC2: All G and VT Spot Instance Requests (vCPUs)."""
GPU_ON_DEMAND_QUOTA = "L-DB2E81BA"
"""EC2: Running On-Demand G and VT instances (vCPUs)."""
FARGATE_ON_DEMAND_QUOTA = "L-3032A538"
"""Fargate: Fargate On-Demand vCPU resource count."""
FARGATE_SPOT_QUOTA = "L-36FBB829"
"""Fargate: Fargate Spot vCPU resource count. Not from an AWS documentation page: the code Service
Quotas lists for it (``aws service-quotas list-aws-default-service-quotas --service-code fargate``) as
published listings show; were it wrong, Service Quotas answers NoSuchResourceException and the check
warns that it could not be read."""
BATCH_SERVICE_LINKED_ROLE = "AWSServiceRoleForBatch"
API_FUNCTIONS_WITH_ALIAS = sum(1 for spec in FUNCTIONS if spec.behind_api)
"""Functions that get provisioned concurrency when ``provisioned_concurrent_executions > 0``."""
_INSTANCE_SIZE_VCPUS = {"xlarge": 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32, "12xlarge": 48,
                        "16xlarge": 64, "24xlarge": 96, "48xlarge": 192}
"""vCPUs of the G families by size, used when DescribeInstanceTypes cannot be read."""
_BLOCKED_STATES = {
    "UPDATE_ROLLBACK_FAILED": "CloudFormation could not roll back its last update",
    "DELETE_FAILED": "its last deletion failed",
    "ROLLBACK_FAILED": "its failed create could not be rolled back",
}


class Status(str, enum.Enum):
    OK = "ok"
    INFO = "info"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class Finding:
    """One check's verdict: what was found, and for a warning or failure, what to do."""

    check: str
    status: Status
    message: str
    fix: str = ""

    def row(self) -> list[str]:
        return [self.status.value, self.check, self.message + (f" Fix: {self.fix}" if self.fix else "")]


@dataclass(frozen=True)
class Preflight:
    """All findings, and what they decide for the deploy."""

    findings: list[Finding] = field(default_factory=list)
    needs_account_stack: bool = False
    """The account has no working API Gateway CloudWatch role: deploy the account stack."""

    @property
    def failures(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.status is Status.FAIL]


class PreflightError(RuntimeError):
    """A check failed; the message lists each failure with its fix."""

    def __init__(self, failures: list[Finding]) -> None:
        self.failures = failures
        lines = [f"{finding.check}: {finding.message} Fix: {finding.fix}" for finding in failures]
        super().__init__("the account is not ready for this deploy (nothing was changed):\n  " + "\n  ".join(lines)
                         + "\n  (`python build.py doctor` repeats these checks)")


def _error_code(error: botocore.exceptions.ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


def _unreadable(check: str, error: Exception, by_hand: str) -> Finding:
    """A check whose call was refused (no permission, or an API this endpoint lacks)."""
    if isinstance(error, botocore.exceptions.ClientError):
        details = error.response.get("Error", {})
        reason = details.get("Code") or "error"
        message = (details.get("Message") or "").strip()
        if message and not message.startswith("<"):
            reason += f": {message.splitlines()[0][:160]}"
    else:
        reason = str(error).splitlines()[0][:160]
    return Finding(check, Status.WARN, f"could not be read ({reason}).", f"check by hand: {by_hand}")


# --- Lambda ---------------------------------------------------------------------------------------

def _our_reserved_now(target: Target, config: Config) -> int:
    """Concurrency already reserved by this stack's functions (0 before the first deploy)."""
    cfn, lambda_ = target.client("cloudformation"), target.client("lambda")
    if stack_status(cfn, config.stack_name) is None:
        return 0
    total = 0
    for resource in cfn.describe_stack_resources(StackName=config.stack_name)["StackResources"]:
        if resource["ResourceType"] == "AWS::Lambda::Function" and resource.get("PhysicalResourceId"):
            try:
                concurrency = lambda_.get_function_concurrency(FunctionName=resource["PhysicalResourceId"])
            except botocore.exceptions.ClientError:
                continue
            total += concurrency.get("ReservedConcurrentExecutions", 0) or 0
    return total


def check_lambda_concurrency(target: Target, config: Config) -> Finding:
    """Reserved plus provisioned concurrency must leave AWS's 100 unreserved executions."""
    check = "Lambda concurrency"
    reserved = sum(value for spec in deployed_functions(config) if (value := reserved_concurrency(spec, config)) is not None)
    provisioned = config.provisioned_concurrent_executions * API_FUNCTIONS_WITH_ALIAS
    try:
        limits = target.client("lambda").get_account_settings()["AccountLimit"]
        already = _our_reserved_now(target, config)
    except botocore.exceptions.ClientError as error:
        return _unreadable(check, error, "Lambda console > Dashboard: 'Unreserved account concurrency'")
    limit, unreserved = limits["ConcurrentExecutions"], limits["UnreservedConcurrentExecutions"]
    left = unreserved + already - reserved - provisioned
    if reserved + provisioned and left < LAMBDA_MIN_UNRESERVED:
        return Finding(
            check, Status.FAIL,
            f"the account's quota is {limit} concurrent executions ({unreserved} unreserved); this stack reserves "
            f"{reserved} and provisions {provisioned}, which would leave {left}, and AWS refuses anything that "
            f"leaves fewer than {LAMBDA_MIN_UNRESERVED} unreserved.",
            f"set reserve_lambda_concurrency = false (and provisioned_concurrent_executions = 0) in "
            f"config/{config.environment}.toml, or request a higher 'Concurrent executions' quota "
            f"(Service Quotas > AWS Lambda > {LAMBDA_CONCURRENCY_QUOTA}).")
    if limit <= LAMBDA_MIN_UNRESERVED:
        return Finding(check, Status.WARN,
                       f"the account's quota is {limit} concurrent executions: API calls and pipeline steps share them.",
                       f"request at least 1000 (Service Quotas > AWS Lambda > {LAMBDA_CONCURRENCY_QUOTA}) before real use.")
    return Finding(check, Status.OK, f"quota {limit}, {unreserved} unreserved; this stack reserves {reserved} "
                                     f"and provisions {provisioned}.")


# --- GPU and Fargate quotas -----------------------------------------------------------------------

def _quota(target: Target, service: str, code: str) -> float:
    """An applied quota's value, or AWS's default where the account has never changed it."""
    quotas = target.client("service-quotas")
    try:
        return float(quotas.get_service_quota(ServiceCode=service, QuotaCode=code)["Quota"]["Value"])
    except botocore.exceptions.ClientError as error:
        if _error_code(error) != "NoSuchResourceException":
            raise
    return float(quotas.get_aws_default_service_quota(ServiceCode=service, QuotaCode=code)["Quota"]["Value"])


def _host_vcpus(target: Target, config: Config) -> int:
    """vCPUs of the smallest GPU host the compute environments may launch."""
    try:
        described = target.client("ec2").describe_instance_types(InstanceTypes=list(config.gpu_instance_types))
        return min(item["VCpuInfo"]["DefaultVCpus"] for item in described["InstanceTypes"])
    except (botocore.exceptions.ClientError, KeyError, ValueError):
        return min(_INSTANCE_SIZE_VCPUS.get(name.split(".", 1)[1], 4) for name in config.gpu_instance_types)


@dataclass(frozen=True)
class _VcpuQuota:
    """One vCPU quota a compute path needs: ``unit`` vCPUs (a host, a task) must fit, and ``max_vcpus``
    (one compute environment's ceiling) should."""

    check: str
    service: str
    service_name: str
    code: str
    spot: bool
    unit: int
    unit_name: str
    none_fits: str
    """What happens when not one ``unit`` fits."""
    fallback: str = ""
    """A fix besides a higher quota."""

    def finding(self, target: Target, config: Config) -> Finding:
        try:
            value = _quota(target, self.service, self.code)
        except botocore.exceptions.ClientError as error:
            return _unreadable(self.check, error, f"Service Quotas > {self.service_name} > {self.code}")
        request = f"request at least {config.max_vcpus} vCPUs (Service Quotas > {self.service_name} > {self.code})"
        if value < self.unit:
            return Finding(self.check, Status.WARN if self.spot else Status.FAIL,
                           f"{value:g} vCPUs, less than one {self.unit}-vCPU {self.unit_name}: {self.none_fits}.",
                           request + (f" or {self.fallback}" if self.fallback else ""))
        if value < config.max_vcpus:
            return Finding(self.check, Status.WARN, f"{value:g} vCPUs: at most {int(value // self.unit)} "
                                                    f"{self.unit_name}s at once, though max_vcpus is {config.max_vcpus}.",
                           request)
        return Finding(self.check, Status.OK, f"{value:g} vCPUs ({self.unit_name}s of {self.unit} vCPUs, max_vcpus "
                                              f"{config.max_vcpus}).")


def check_gpu_quotas(target: Target, config: Config) -> list[Finding]:
    """A vCPU quota below one host means jobs would wait RUNNABLE and then fail NO_GPU_CAPACITY."""
    host = _host_vcpus(target, config)
    wait = config.analysis.capacity_wait_s
    quotas = [_VcpuQuota("GPU on-demand vCPU quota", "ec2", "Amazon EC2", GPU_ON_DEMAND_QUOTA, False, host, "host",
                         "no GPU host can start, so every job would end NO_GPU_CAPACITY")]
    if config.enable_spot_instances:
        quotas.append(_VcpuQuota("GPU spot vCPU quota", "ec2", "Amazon EC2", GPU_SPOT_QUOTA, True, host, "host",
                                 f"every job would wait {wait} s on spot before moving to on-demand",
                                 "set enable_spot_instances = false"))
    return [quota.finding(target, config) for quota in quotas]


def check_fargate_quotas(target: Target, config: Config) -> list[Finding]:
    """Fargate vCPUs for the CPU path: on-demand, and Fargate Spot when ``enable_spot_instances``; a
    configuration without the Fargate path reads the on-demand one for information only."""
    if not uses_fargate(config):
        check = "Fargate on-demand vCPU quota"
        try:
            value = _quota(target, "fargate", FARGATE_ON_DEMAND_QUOTA)
        except botocore.exceptions.ClientError as error:
            return [_unreadable(check, error, f"Service Quotas > AWS Fargate > {FARGATE_ON_DEMAND_QUOTA}")]
        return [Finding(check, Status.INFO, f"{value:g} vCPUs (not used: this configuration analyses on GPU hosts).")]
    task = config.analysis.fargate_vcpus
    wait = config.analysis.capacity_wait_s
    quotas = [_VcpuQuota("Fargate on-demand vCPU quota", "fargate", "AWS Fargate", FARGATE_ON_DEMAND_QUOTA, False,
                         task, "task", "no on-demand Fargate task can start, so a Fargate job ends NO_FARGATE_CAPACITY"
                         + (" whenever Fargate Spot has none" if config.enable_spot_instances else ""))]
    if config.enable_spot_instances:
        quotas.append(_VcpuQuota("Fargate Spot vCPU quota", "fargate", "AWS Fargate", FARGATE_SPOT_QUOTA, True, task,
                                 "task", f"every Fargate job would wait {wait} s on Fargate Spot before moving to "
                                         "on-demand Fargate", "set enable_spot_instances = false"))
    return [quota.finding(target, config) for quota in quotas]


def check_instance_offerings(target: Target, config: Config) -> Finding:
    """Every configured GPU instance type must be offered in the region, or the compute environment
    turns INVALID."""
    check = "GPU instance types"
    wanted = list(config.gpu_instance_types)
    try:
        offered = {item["InstanceType"] for item in target.client("ec2").describe_instance_type_offerings(
            LocationType="region", Filters=[{"Name": "instance-type", "Values": wanted}])["InstanceTypeOfferings"]}
    except botocore.exceptions.ClientError as error:
        return _unreadable(check, error, f"aws ec2 describe-instance-type-offerings --region {config.region}")
    missing = [name for name in wanted if name not in offered]
    if missing:
        return Finding(check, Status.FAIL, f"{', '.join(missing)} not offered in {config.region}.",
                       f"remove them from gpu_instance_types in config/{config.environment}.toml, or choose a "
                       "region that offers them (aws ec2 describe-instance-type-offerings --region REGION "
                       f"--filters Name=instance-type,Values={','.join(missing)}).")
    return Finding(check, Status.OK, f"{', '.join(wanted)} offered in {config.region}.")


# --- account settings and leftovers ---------------------------------------------------------------

def check_api_gateway_account(target: Target, config: Config) -> tuple[Finding, bool]:
    """API Gateway's CloudWatch role (one per account and region); returns the finding and whether the
    account stack must be deployed to provide it."""
    check = "API Gateway logging role"
    stack = account_stack_name(config)
    try:
        role_arn = target.client("apigateway").get_account().get("cloudwatchRoleArn")
        owned = stack_status(target.client("cloudformation"), stack) is not None
    except botocore.exceptions.ClientError as error:
        return _unreadable(check, error, "API Gateway console > Settings > CloudWatch log role ARN"), False
    if owned:
        return Finding(check, Status.OK, f"held by stack {stack}."), True
    if not role_arn:
        return Finding(check, Status.INFO, f"not set in this account and region: deploy creates stack {stack} "
                                           "for it, which `destroy` keeps for every API in the region."), True
    try:
        target.client("iam").get_role(RoleName=role_arn.rsplit("/", 1)[-1])
    except botocore.exceptions.ClientError as error:
        if _error_code(error) != "NoSuchEntity":
            return _unreadable(check, error, f"aws iam get-role --role-name {role_arn.rsplit('/', 1)[-1]}"), False
        return Finding(check, Status.WARN, f"set to {role_arn}, which no longer exists (deleted with another stack?): "
                                           f"deploy creates stack {stack} and points the setting at a new role."), True
    return Finding(check, Status.OK, f"already set to {role_arn}; kept as it is."), False


def check_stack_states(target: Target, config: Config) -> list[Finding]:
    """A stack stuck in a failed or busy state cannot take a change set."""
    cfn = target.client("cloudformation")
    findings = []
    for stack in (account_stack_name(config), bootstrap_stack_name(config), config.stack_name):
        check = f"stack {stack}"
        try:
            status = stack_status(cfn, stack)
        except botocore.exceptions.ClientError as error:
            findings.append(_unreadable(check, error, f"aws cloudformation describe-stacks --stack-name {stack}"))
            continue
        if status in _BLOCKED_STATES:
            fix = (f"`python build.py deploy --continue-rollback` (or `aws cloudformation continue-update-rollback "
                   f"--stack-name {stack}`, adding --resources-to-skip for a resource that cannot roll back)"
                   if status == "UPDATE_ROLLBACK_FAILED" else
                   f"read why in `aws cloudformation describe-stack-events --stack-name {stack}`, then delete it "
                   f"(`aws cloudformation delete-stack --stack-name {stack}`) and deploy again")
            findings.append(Finding(check, Status.FAIL, f"{status}: {_BLOCKED_STATES[status]}.", fix))
        elif status is not None and status.endswith("_IN_PROGRESS"):
            findings.append(Finding(check, Status.FAIL, f"{status}: another operation is running.",
                                    "wait until it ends, then deploy again."))
        elif status == "ROLLBACK_COMPLETE":
            findings.append(Finding(check, Status.INFO, "ROLLBACK_COMPLETE after a failed first create: deploy "
                                                        "deletes it and creates it again."))
    return findings


def check_leftover_repository(target: Target, config: Config) -> Finding:
    """The image repository has a fixed name: one that exists outside the bootstrap stack (left by an
    older version's destroy) makes the bootstrap stack's create fail "already exists"."""
    check = "image repository"
    name, stack = image_repository_name(config), bootstrap_stack_name(config)
    try:
        target.client("ecr").describe_repositories(repositoryNames=[name])
    except botocore.exceptions.ClientError as error:
        if _error_code(error) == "RepositoryNotFoundException":
            return Finding(check, Status.OK, f"{name} does not exist yet; the bootstrap stack creates it.")
        return _unreadable(check, error, f"aws ecr describe-repositories --repository-names {name}")
    cfn = target.client("cloudformation")
    if stack_status(cfn, stack) is not None:
        owned = {resource.get("PhysicalResourceId")
                 for resource in cfn.describe_stack_resources(StackName=stack)["StackResources"]}
        if name in owned:
            return Finding(check, Status.OK, f"{name} belongs to stack {stack}.")
    return Finding(check, Status.FAIL, f"{name} exists but no stack owns it (kept by an earlier destroy?), so "
                                       f"creating {stack} would fail 'already exists'.",
                   f"delete it with `aws ecr delete-repository --repository-name {name} --force --region "
                   f"{config.region}` (its images rebuild from the sources).")


def check_batch_service_role(target: Target, config: Config) -> Finding:
    """The compute environments use Batch's service-linked role, which Batch creates on first use."""
    check = "Batch service-linked role"
    try:
        target.client("iam").get_role(RoleName=BATCH_SERVICE_LINKED_ROLE)
    except botocore.exceptions.ClientError as error:
        if _error_code(error) != "NoSuchEntity":
            return _unreadable(check, error, f"aws iam get-role --role-name {BATCH_SERVICE_LINKED_ROLE}")
        return Finding(check, Status.INFO, f"{BATCH_SERVICE_LINKED_ROLE} does not exist yet: Batch creates it with the "
                                           "first compute environment (the deploying identity needs "
                                           "iam:CreateServiceLinkedRole).")
    return Finding(check, Status.OK, f"{BATCH_SERVICE_LINKED_ROLE} exists.")


# --- all of it ------------------------------------------------------------------------------------

CHECKS: tuple[Callable[[Target, Config], Finding | list[Finding]], ...] = (
    check_stack_states, check_lambda_concurrency, check_gpu_quotas, check_instance_offerings, check_fargate_quotas,
    check_leftover_repository, check_batch_service_role,
)


def run_preflight(target: Target, config: Config) -> Preflight:
    """Every check, in the order a person would fix them."""
    findings: list[Finding] = []
    for check in CHECKS:
        result = check(target, config)
        findings.extend(result if isinstance(result, list) else [result])
    api_finding, needs_account_stack = check_api_gateway_account(target, config)
    findings.insert(1, api_finding)
    return Preflight(findings=findings, needs_account_stack=needs_account_stack)


def report(preflight: Preflight, reporter: Reporter, *, title: str) -> None:
    reporter.table(title, ["", "check", "finding"], [finding.row() for finding in preflight.findings])
