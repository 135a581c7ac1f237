"""What each Lambda function may touch and the settings it is given: the least-privilege statements
per function and the value of every environment variable, both from the stack's resources and config.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from troposphere import GetAtt, Ref, Sub, sns, stepfunctions

from pipeline.auth import OWNER_INDEX
from pipeline.config import Config
from pipeline.environment import EnvVar
from pipeline.layout import JOB_PREFIX, RESULTS_VERSIONS_DIR, UPLOAD_PREFIX
from templates.catalogue import FunctionSpec
from templates.config_settings import config_settings
from templates.iam import Statement, allow, objects_arn, secret_arn
from templates.names import gemini_secret_name, state_machine_name
from templates.notifications import NotificationResources
from templates.parameters import MainParameters
from templates.security import SecurityResources
from templates.sign_in import USER_POOL_CLIENT
from templates.storage import StorageResources

_IDEMPOTENCY_ACTIONS = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]


@dataclass(frozen=True)
class FunctionDependencies:
    """What the functions' settings and permissions refer to."""

    config: Config
    parameters: MainParameters
    storage: StorageResources
    security: SecurityResources
    state_machine: stepfunctions.StateMachine | None = None
    """Needed only by ``start_analysis``, which is added after the state machine."""
    notifications: NotificationResources | None = None
    """The job topic: the corrections route publishes its "updated" notices there, execution_ended its failure notices."""


def _state_machine(deps: FunctionDependencies) -> stepfunctions.StateMachine:
    if deps.state_machine is None:
        raise ValueError("start_analysis needs the state machine: add it with state_machine=... after orchestration")
    return deps.state_machine


def _topic(deps: FunctionDependencies) -> sns.Topic:
    if deps.notifications is None:
        raise ValueError("corrections and execution_ended need the notification topic: pass notifications=... "
                         "to FunctionDependencies")
    return deps.notifications.topic


def _knowledge_base_arn(deps: FunctionDependencies) -> Sub:
    return Sub("arn:${AWS::Partition}:s3:::${Bucket}/${Key}", Bucket=Ref(deps.parameters.artifacts_bucket),
               Key=Ref(deps.parameters.knowledge_base_key))


def _gemini_statements(config: Config) -> list[Statement]:
    if not config.nutrition.enable_llm_disambiguation:
        return []
    return [allow(["secretsmanager:GetSecretValue"], [secret_arn(gemini_secret_name(config))], sid="ReadGeminiKey")]


def environment_values(deps: FunctionDependencies) -> dict[EnvVar, Callable[[], Any]]:
    """How to compute each setting a function may read (called only for the variables of its model)."""
    storage = deps.storage
    from_config = {name: (lambda value=value: value) for name, value in config_settings(deps.config).items()}
    return {
        **from_config,
        EnvVar.JOBS_TABLE: lambda: Ref(storage.jobs_table),
        EnvVar.VIDEOS_BUCKET: lambda: Ref(storage.videos_bucket),
        EnvVar.RESULTS_BUCKET: lambda: Ref(storage.results_bucket),
        EnvVar.IDEMPOTENCY_TABLE: lambda: Ref(storage.idempotency_table),
        EnvVar.STATE_MACHINE_ARN: lambda: Ref(_state_machine(deps)),
        EnvVar.SIGN_IN_CLIENT_ID: lambda: Ref(USER_POOL_CLIENT) if deps.config.auth.uses_own_user_pool else "",
        EnvVar.KNOWLEDGE_BASE_URI: deps.parameters.knowledge_base_uri,
        EnvVar.NOTIFICATION_TOPIC_ARN: lambda: Ref(_topic(deps)),
    }


def function_environment(spec: FunctionSpec, deps: FunctionDependencies) -> dict[str, Any]:
    """Exactly the variables of the function's settings model, with their values."""
    values = environment_values(deps)
    return {name: values[EnvVar(name)]() for name in spec.environment.env_names()}


def _table_arn(table) -> GetAtt:
    return GetAtt(table, "Arn")


def job_cost_statements(config: Config) -> list[Statement]:
    """What nutrition_rag reads to measure its job's cost (``lambdas.common.job_measurements``): the
    Batch job's attempts and compute environments (these Describe actions support no resource-level
    permissions, so ``*``), the hosts' instance types and the execution's history. Whether a Fargate
    attempt ran on Fargate Spot is its queue's compute environment's kind (each queue has one)."""
    return [
        allow(["batch:DescribeComputeEnvironments", "batch:DescribeJobQueues", "batch:DescribeJobs"], ["*"],
              sid="ReadBatchJobs"),
        allow(["ecs:DescribeContainerInstances"], [Sub(
            "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:container-instance/*")], sid="ReadJobHosts"),
        allow(["states:GetExecutionHistory"], [Sub(
            "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Machine}:*",
            Machine=state_machine_name(config))], sid="ReadExecutionHistory"),
    ]


def function_statements(spec: FunctionSpec, deps: FunctionDependencies) -> list[Statement]:
    """Exactly the data-plane actions each function performs."""
    storage, config = deps.storage, deps.config
    jobs, videos, results = storage.jobs_table, storage.videos_bucket, storage.results_bucket
    if spec.key == "upload":
        return [
            allow(["dynamodb:GetItem", "dynamodb:PutItem"], [_table_arn(jobs)], sid="CreateJob"),
            allow(_IDEMPOTENCY_ACTIONS, [_table_arn(storage.idempotency_table)], sid="Idempotency"),
            # the presigned POST is signed with this role, so it must be allowed to put the upload
            allow(["s3:PutObject"], [objects_arn(Ref(videos), UPLOAD_PREFIX)], sid="PresignUpload"),
        ]
    if spec.key == "status":
        return [allow(["dynamodb:GetItem"], [_table_arn(jobs)], sid="ReadJob"),
                allow(["dynamodb:Query"], [Sub("${Table}/index/" + OWNER_INDEX, Table=_table_arn(jobs))],
                      sid="ListOwnJobs")]
    if spec.key == "results":
        return [
            allow(["dynamodb:GetItem"], [_table_arn(jobs)], sid="ReadJob"),
            allow(["s3:GetObject"], [objects_arn(Ref(results), JOB_PREFIX)], sid="ReadResults"),
            # listing lets a missing object read as 404 (not 403) and finds a job's overlays
            allow(["s3:ListBucket"], [GetAtt(results, "Arn")], sid="ListJobObjects",
                  condition={"StringLike": {"s3:prefix": [f"{JOB_PREFIX}*"]}}),
        ]
    if spec.key == "validate_upload":
        return [
            allow(["s3:GetObject"], [objects_arn(Ref(videos), UPLOAD_PREFIX)], sid="ProbeUpload"),
            # without list, S3 answers 403 for a missing upload and UPLOAD_NOT_FOUND cannot be told apart
            allow(["s3:ListBucket"], [GetAtt(videos, "Arn")], sid="ListUploads",
                  condition={"StringLike": {"s3:prefix": [f"{UPLOAD_PREFIX}*"]}}),
        ]
    if spec.key == "nutrition_rag":
        return [
            allow(["s3:GetObject", "s3:PutObject"], [objects_arn(Ref(results), JOB_PREFIX)], sid="ReadDetectionsWriteResults"),
            allow(["dynamodb:GetItem"], [_table_arn(jobs)], sid="ReadJobOwner"),  # the owner goes onto results.json
            allow(["s3:GetObject"], [_knowledge_base_arn(deps)], sid="ReadKnowledgeBase"),
            *_gemini_statements(config),
            *job_cost_statements(config),
        ]
    if spec.key == "corrections":
        return [
            allow(["dynamodb:GetItem", "dynamodb:UpdateItem"], [_table_arn(jobs)], sid="ReadAndUpdateJob"),
            allow(["s3:GetObject"], [objects_arn(Ref(results), JOB_PREFIX)], sid="ReadDetectionsAndResults"),
            # a correction only ever adds jobs/{job_id}/results/v{N}.json (pipeline.layout.results_version_key)
            allow(["s3:PutObject"], [objects_arn(Ref(results), f"{JOB_PREFIX}*/{RESULTS_VERSIONS_DIR}/")],
                  sid="WriteResultsVersion"),
            allow(["s3:ListBucket"], [GetAtt(results, "Arn")], sid="ListJobObjects",
                  condition={"StringLike": {"s3:prefix": [f"{JOB_PREFIX}*"]}}),
            allow(["s3:GetObject"], [_knowledge_base_arn(deps)], sid="ReadKnowledgeBase"),
            allow(["sns:Publish"], [Ref(_topic(deps))], sid="NotifyUpdated"),
            *_gemini_statements(config),
        ]
    if spec.key == "start_analysis":
        return [
            allow(["states:StartExecution"], [Ref(_state_machine(deps))], sid="StartExecution"),
            # a duplicate S3 event finds the job's execution already there (it is named after the job)
            allow(["states:DescribeExecution"], [Sub(
                "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Machine}:*",
                Machine=GetAtt(_state_machine(deps), "Name"))], sid="FindExecution"),
            allow(["dynamodb:UpdateItem"], [_table_arn(jobs)], sid="MarkQueued"),
        ]
    if spec.key == "execution_ended":
        return [
            allow(["dynamodb:UpdateItem"], [_table_arn(jobs)], sid="MarkFailed"),
            allow(["sns:Publish"], [Ref(_topic(deps))], sid="NotifyFailure"),
        ]
    if spec.key == "authorizer":
        return []  # reads the issuer's public documents over HTTPS; touches nothing of the account
    raise KeyError(f"no permissions defined for function {spec.key!r}")
