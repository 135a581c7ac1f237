"""The Lambda functions of the catalogue: each with its own least-privilege role, its log group,
X-Ray tracing, the powertools environment and the variables of its settings model (``pipeline.runtime_settings``).

Functions behind the API get a published version and a ``live`` alias with provisioned concurrency
when ``provisioned_concurrent_executions > 0``; API Gateway then invokes the alias.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from troposphere import AWSHelperFn, GetAtt, Ref, Sub, Template, awslambda, iam, logs, sqs

from pipeline.config import Config
from templates.catalogue import FUNCTIONS, FunctionSpec, deployed_functions
from templates.function_access import FunctionDependencies, function_environment, function_statements
from templates.iam import allow, assume_role_policy, inline_policy, log_writer_statement, xray_statement
from templates.lambda_runtime import ARCHITECTURE, RUNTIME
from templates.scanner_skips import skip_checks

LIVE_ALIAS = "live"
LOG_LEVEL = "INFO"
EPHEMERAL_MIN_MB = 512
EPHEMERAL_MAX_MB = 10240
DEAD_LETTER_RETENTION_S = 14 * 24 * 3600
RESERVED_PER_FUNCTION = 10
"""Concurrent executions reserved for each API and pipeline-entry function: a runaway client (or a flood
of uploads) is throttled at this many per function instead of taking the account's whole pool."""


@dataclass(frozen=True)
class FunctionResources:
    spec: FunctionSpec
    function: awslambda.Function
    role: iam.Role
    log_group: logs.LogGroup
    alias: awslambda.Alias | None = None
    """The ``live`` alias with provisioned concurrency (API functions, when configured)."""
    dead_letter_queue: sqs.Queue | None = None
    """Events an asynchronously invoked function failed on, after Lambda's own two retries."""

    @property
    def arn(self) -> GetAtt:
        return GetAtt(self.function, "Arn")

    @property
    def invoke_arn(self) -> AWSHelperFn:
        """What callers should invoke: the ``live`` alias when there is one, else the function."""
        return Ref(self.alias) if self.alias is not None else self.arn

    def allow_api_gateway(self, template: Template, logical_id: str, source_arn: Sub) -> awslambda.Permission:
        """Let API Gateway invoke it, from ``source_arn`` only (a route, or an API's authorizers)."""
        return template.add_resource(awslambda.Permission(
            logical_id, Action="lambda:InvokeFunction", FunctionName=self.invoke_arn,
            Principal="apigateway.amazonaws.com", SourceArn=source_arn))

    @property
    def apigateway_uri(self) -> Sub:
        """The URI API Gateway invokes it by (a proxy integration's ``Uri``, an authorizer's ``AuthorizerUri``)."""
        return Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn}/invocations",
                   Fn=self.invoke_arn)


@dataclass(frozen=True)
class FunctionsResources:
    functions: dict[str, FunctionResources] = field(default_factory=dict)

    def __getitem__(self, key: str) -> FunctionResources:
        return self.functions[key]

    def __iter__(self):
        return iter(self.functions.values())


def _ephemeral_storage_mb(spec: FunctionSpec, config: Config) -> int | None:
    if not spec.reads_uploads:
        return None
    return min(EPHEMERAL_MAX_MB, max(EPHEMERAL_MIN_MB, config.max_upload_mb + EPHEMERAL_MIN_MB))


def reserved_concurrency(spec: FunctionSpec, config: Config) -> int | None:
    """nutrition_rag runs once per Batch job, so it never needs more than the jobs that may run at once
    (:attr:`Config.analyses_at_most`: every deployed compute environment full); the cap also bounds
    calls to Gemini. Every other function gets ``RESERVED_PER_FUNCTION``, so no one
    of them can starve the others or the account. Off with ``reserve_lambda_concurrency = false``: AWS
    refuses any reservation that leaves an account fewer than 100 unreserved executions (new accounts
    may have a quota of 10; ``build.py doctor`` reads it)."""
    if not config.reserve_lambda_concurrency:
        return None
    if spec.key == "nutrition_rag":
        return config.analyses_at_most
    return max(RESERVED_PER_FUNCTION, config.provisioned_concurrent_executions)


def _add_live_alias(template: Template, spec: FunctionSpec, function: awslambda.Function,
                    deps: FunctionDependencies) -> awslambda.Alias:
    """Publish a version whenever the code or any setting changes (its description carries the code key
    and a digest of the function's properties; a new description replaces the version) and point the
    ``live`` alias, which holds the provisioned concurrency, at it. Callers invoke the alias, whose
    ARN never changes, so the API needs no redeployment when the code does."""
    digest = hashlib.sha256(json.dumps(function.to_dict(), sort_keys=True, default=str).encode()).hexdigest()[:16]
    version = template.add_resource(awslambda.Version(
        f"{spec.logical_id}Version",
        FunctionName=Ref(function),
        Description=Sub("code ${Key}, settings " + digest, Key=Ref(deps.parameters.code_keys[spec.artifact])),
    ))
    return template.add_resource(awslambda.Alias(
        f"{spec.logical_id}LiveAlias",
        FunctionName=Ref(function),
        FunctionVersion=GetAtt(version, "Version"),
        Name=LIVE_ALIAS,
        ProvisionedConcurrencyConfig=awslambda.ProvisionedConcurrencyConfiguration(
            ProvisionedConcurrentExecutions=deps.config.provisioned_concurrent_executions),
    ))


def add_function(template: Template, spec: FunctionSpec, deps: FunctionDependencies) -> FunctionResources:
    """Add one function with its role, log group and (for API functions) its ``live`` alias."""
    config, security = deps.config, deps.security
    settings = spec.settings(config)
    log_group = template.add_resource(logs.LogGroup(
        f"{spec.logical_id}LogGroup",
        LogGroupName=f"/aws/lambda/{config.stack_name}/{spec.key}",
        RetentionInDays=config.log_retention_days,
        **({"KmsKeyId": security.key_arn} if security.key is not None else {}),
    ))
    queue = None
    if spec.invoked_async:
        encryption = ({"KmsMasterKeyId": security.key_arn} if security.key is not None
                      else {"SqsManagedSseEnabled": True})
        queue = template.add_resource(sqs.Queue(
            f"{spec.logical_id}DeadLetterQueue", MessageRetentionPeriod=DEAD_LETTER_RETENTION_S, **encryption))
    role = template.add_resource(iam.Role(
        f"{spec.logical_id}Role",
        Description=f"{spec.key}: only what it reads and writes",
        AssumeRolePolicyDocument=assume_role_policy("lambda.amazonaws.com", source_account=True),
        Policies=[inline_policy(spec.key, [
            log_writer_statement(GetAtt(log_group, "Arn")),
            xray_statement(),
            *function_statements(spec, deps),
            *security.data_key_statements(),
            *([allow(["sqs:SendMessage"], [GetAtt(queue, "Arn")], sid="DeadLetters")] if queue else []),
        ])],
    ))
    variables = {
        "POWERTOOLS_SERVICE_NAME": spec.key,
        "POWERTOOLS_LOG_LEVEL": LOG_LEVEL,
        "POWERTOOLS_METRICS_NAMESPACE": config.stack_name,
        **function_environment(spec, deps),
    }
    extra: dict[str, Any] = {}
    if (size := _ephemeral_storage_mb(spec, config)) is not None:
        extra["EphemeralStorage"] = awslambda.EphemeralStorage(Size=size)
    if (reserved := reserved_concurrency(spec, config)) is not None:
        extra["ReservedConcurrentExecutions"] = reserved
    if queue is not None:
        extra["DeadLetterConfig"] = awslambda.DeadLetterConfig(TargetArn=GetAtt(queue, "Arn"))
    if security.key is not None:
        extra["KmsKeyArn"] = security.key_arn  # the environment, encrypted with the stack's key
    function = template.add_resource(awslambda.Function(
        spec.logical_id,
        Description=spec.description,
        Runtime=RUNTIME,
        Architectures=[ARCHITECTURE],
        Handler=spec.handler,
        Code=awslambda.Code(S3Bucket=Ref(deps.parameters.artifacts_bucket),
                            S3Key=Ref(deps.parameters.code_keys[spec.artifact])),
        MemorySize=settings.memory_mb,
        Timeout=settings.timeout_s,
        Role=GetAtt(role, "Arn"),
        Environment=awslambda.Environment(Variables=variables),
        TracingConfig=awslambda.TracingConfig(Mode="Active"),
        LoggingConfig=awslambda.LoggingConfig(LogGroup=Ref(log_group)),
        **extra,
    ))
    skip_checks(function, "CKV_AWS_117", *(() if queue else ("CKV_AWS_116",)))
    if reserved is None:
        skip_checks(function, "CKV_AWS_115")
    if security.key is None:
        skip_checks(function, "CKV_AWS_173")
    alias = None
    if spec.behind_api and config.provisioned_concurrent_executions > 0:
        alias = _add_live_alias(template, spec, function, deps)
    return FunctionResources(spec, function, role, log_group, alias, queue)


def add_functions(template: Template, deps: FunctionDependencies, keys: Iterable[str]) -> FunctionsResources:
    """Add the catalogue's functions named in ``keys`` that a stack of the config has (in catalogue order)."""
    wanted = set(keys)
    unknown = wanted - {spec.key for spec in FUNCTIONS}
    if unknown:
        raise KeyError(f"unknown functions {sorted(unknown)}")
    return FunctionsResources({
        spec.key: add_function(template, spec, deps) for spec in deployed_functions(deps.config) if spec.key in wanted
    })
