"""What both compute paths of AnalyzeFrames share: the task's roles, log group, environment, retry
policy and the queues' capacity time limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from troposphere import AWSHelperFn, GetAtt, Ref, Sub, Template, batch, iam, logs

from pipeline.config import Config
from pipeline.environment import EnvVar
from pipeline.layout import JOB_PREFIX, UPLOAD_PREFIX
from pipeline.runtime_settings import TASK_INPUTS, AnalysisTaskEnvironment
from states.capacity import CAPACITY_REASONS
from templates.config_settings import config_settings
from templates.iam import Statement, allow, assume_role_policy, inline_policy, objects_arn, secret_arn
from templates.names import cpu_image_repository_name, gemini_secret_name, image_repository_name
from templates.security import SecurityResources
from templates.storage import MODELS_PREFIX, StorageResources

JOB_LOG_GROUP = "AnalyzeFramesLogGroup"
JOB_COMMAND = ["python", "-m", "gpu_tasks.analyze"]
HOST_TERMINATED_REASON = "Host EC2*"
"""Batch's status reason when the host went away (spot reclaim, instance failure)."""
FARGATE_SPOT_INTERRUPTED_REASON = "Your Spot Task was interrupted*"
"""Batch's status reason when Fargate Spot took its capacity back: the stopped task's reason, which the
Amazon ECS Developer Guide ("Amazon ECS task state change events") gives as ``Your Spot Task was
interrupted.`` after the task's two-minute warning (SIGTERM, then SIGKILL after the stop timeout)."""


@dataclass(frozen=True)
class SharedCompute:
    job_role: iam.Role
    execution_role: iam.Role
    log_group: logs.LogGroup
    models_uri: AWSHelperFn


@dataclass(frozen=True)
class PathCompute:
    """One compute path's Batch resources: the queue jobs go to first, the job definition, the compute
    environments (spot first when on) and, with spot, the on-demand queue a job moves to when spot had
    no capacity."""

    job_queue: batch.JobQueue
    job_definition: batch.JobDefinition
    compute_environments: list[batch.ComputeEnvironment]
    on_demand_job_queue: batch.JobQueue | None = None
    """The queue a job moves to when spot had no capacity; ``None`` without spot."""

    @property
    def job_queues(self) -> list[batch.JobQueue]:
        return [self.job_queue] + ([self.on_demand_job_queue] if self.on_demand_job_queue is not None else [])


def job_environment(config: Config, shared: SharedCompute, *, models_cache: str | None) -> list[batch.Environment]:
    """The variables of :class:`AnalysisTaskEnvironment` but the per-job ones (``TASK_INPUTS``, the state
    machine's container overrides); ``models_cache``: where a host folder keeps the weights between jobs,
    none on Fargate."""
    values: dict[EnvVar, Any] = {
        **config_settings(config),
        EnvVar.MODELS_URI: shared.models_uri,
        EnvVar.AWS_REGION: Ref("AWS::Region"),
        **({EnvVar.MODELS_CACHE_DIR: models_cache} if models_cache else {}),
    }
    left_out = {*TASK_INPUTS, *(() if models_cache else (EnvVar.MODELS_CACHE_DIR,))}
    names = [EnvVar(name) for name in AnalysisTaskEnvironment.env_names()]
    return [batch.Environment(Name=name.value, Value=values[name]) for name in names if name not in left_out]


def log_configuration(shared: SharedCompute, stream_prefix: str) -> batch.LogConfiguration:
    return batch.LogConfiguration(LogDriver="awslogs", Options={
        "awslogs-group": Ref(shared.log_group),
        "awslogs-region": Ref("AWS::Region"),
        "awslogs-stream-prefix": stream_prefix,
    })


def retry_strategy(config: Config, interruptions: Sequence[str]) -> batch.RetryStrategy:
    """An attempt stopped by one of ``interruptions`` (status reasons: the capacity was taken away, e.g. a
    spot reclaim) is retried; any other failure, the task's own errors included, exits at once."""
    return batch.RetryStrategy(
        Attempts=config.analysis.batch_job_attempts,
        EvaluateOnExit=[
            *(batch.EvaluateOnExit(OnStatusReason=reason, Action="RETRY") for reason in interruptions),
            batch.EvaluateOnExit(OnReason="*", Action="EXIT"),
        ],
    )


def job_definition(logical_id: str, *, config: Config, shared: SharedCompute, platform: str, image: AWSHelperFn,
                   requirements: dict[str, str], log_prefix: str, interruptions: Sequence[str],
                   models_cache: str | None = None, **container: Any) -> batch.JobDefinition:
    """The task on ``platform`` (``EC2`` or ``FARGATE``): ``python -m gpu_tasks.analyze`` in ``image`` with
    ``requirements`` (``{"VCPU": "2", ...}``), the shared roles, environment, logs, timeout and retries of the
    ``interruptions`` (status reasons) the platform can have; ``container`` adds its own container properties."""
    return batch.JobDefinition(
        logical_id,
        Type="container",
        PlatformCapabilities=[platform],
        PropagateTags=True,
        ContainerProperties=batch.ContainerProperties(
            Image=image,
            Command=JOB_COMMAND,
            ResourceRequirements=[batch.ResourceRequirement(Type=kind, Value=value)
                                  for kind, value in requirements.items()],
            JobRoleArn=GetAtt(shared.job_role, "Arn"),
            ExecutionRoleArn=GetAtt(shared.execution_role, "Arn"),
            Environment=job_environment(config, shared, models_cache=models_cache),
            LogConfiguration=log_configuration(shared, log_prefix),
            **container,
        ),
        RetryStrategy=retry_strategy(config, interruptions),
        Timeout=batch.Timeout(AttemptDurationSeconds=config.analysis.batch_job_timeout_s),
        Tags={"project": config.project_name, "environment": config.environment},
    )


def job_queue(logical_id: str, *, config: Config, environments: Sequence[batch.ComputeEnvironment]) -> batch.JobQueue:
    """A queue over ``environments``, tried in that order, that cancels a job stuck RUNNABLE for want of
    capacity after ``analysis.capacity_wait_s``, so the state machine can move it on or fail it readably."""
    return batch.JobQueue(
        logical_id,
        Priority=1,
        State="ENABLED",
        ComputeEnvironmentOrder=[batch.ComputeEnvironmentOrder(ComputeEnvironment=Ref(environment), Order=order)
                                 for order, environment in enumerate(environments, start=1)],
        JobStateTimeLimitActions=[
            batch.JobStateTimeLimitAction(Action="CANCEL", MaxTimeSeconds=config.analysis.capacity_wait_s,
                                          Reason=reason, State="RUNNABLE")
            for reason in CAPACITY_REASONS
        ],
    )


def add_spot_first_queues(template: Template, *, config: Config, queue_id: str, on_demand_queue_id: str,
                          spot: batch.ComputeEnvironment | None,
                          on_demand: batch.ComputeEnvironment) -> tuple[batch.JobQueue, batch.JobQueue | None]:
    """A path's queues: with a ``spot`` environment, the first queue over it alone and an on-demand queue
    (``on_demand_queue_id``) over ``on_demand`` alone, since Batch is not documented to move a job to a
    queue's next environment for a spot shortage; without, one queue over ``on_demand``."""
    if spot is None:
        return template.add_resource(job_queue(queue_id, config=config, environments=[on_demand])), None
    return (template.add_resource(job_queue(queue_id, config=config, environments=[spot])),
            template.add_resource(job_queue(on_demand_queue_id, config=config, environments=[on_demand])))


def _gemini_statements(config: Config) -> list[Statement]:
    """Reading the Gemini key, only when the Gemini backend is configured."""
    if config.analysis.backend != "gemini":
        return []
    return [allow(["secretsmanager:GetSecretValue"], [secret_arn(gemini_secret_name(config))], sid="ReadGeminiKey")]


def _repository_arn(name: str) -> Sub:
    return Sub("arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/" + name)


def add_shared_compute(template: Template, *, config: Config, storage: StorageResources,
                       security: SecurityResources) -> SharedCompute:
    """Add the log group, the task's role (what it reads and writes) and the execution role (pull
    either image, write the logs)."""
    log_group = template.add_resource(logs.LogGroup(
        JOB_LOG_GROUP,
        LogGroupName=f"/aws/batch/{config.stack_name}/analyze-frames",
        RetentionInDays=config.log_retention_days,
        **({"KmsKeyId": security.key_arn} if security.key is not None else {}),
    ))
    job_role = template.add_resource(iam.Role(
        "AnalyzeFramesJobRole",
        Description="The analysis task: read the upload and the models, write jobs/* results",
        AssumeRolePolicyDocument=assume_role_policy("ecs-tasks.amazonaws.com", source_account=True),
        Policies=[inline_policy("analyze-frames", [
            allow(["s3:GetObject"], [objects_arn(Ref(storage.videos_bucket), UPLOAD_PREFIX)], sid="ReadUpload"),
            allow(["s3:GetObject"], [objects_arn(Ref(storage.models_bucket), MODELS_PREFIX)], sid="ReadModels"),
            allow(["s3:ListBucket"], [GetAtt(storage.models_bucket, "Arn")], sid="ListModels",
                  condition={"StringLike": {"s3:prefix": [MODELS_PREFIX + "*"]}}),
            allow(["s3:PutObject"], [objects_arn(Ref(storage.results_bucket), JOB_PREFIX)], sid="WriteResults"),
            *_gemini_statements(config),
            *security.data_key_statements(),
        ])],
    ))
    execution_role = template.add_resource(iam.Role(
        "AnalyzeFramesExecutionRole",
        Description="ECS agent for the analysis task: pull its image, write the job's logs",
        AssumeRolePolicyDocument=assume_role_policy("ecs-tasks.amazonaws.com", source_account=True),
        Policies=[inline_policy("pull-and-log", [
            # GetAuthorizationToken has no resource-level permissions
            allow(["ecr:GetAuthorizationToken"], ["*"], sid="EcrLogin"),
            allow(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                  [_repository_arn(image_repository_name(config)), _repository_arn(cpu_image_repository_name(config))],
                  sid="PullImage"),
            allow(["logs:CreateLogStream", "logs:PutLogEvents"], [GetAtt(log_group, "Arn")], sid="Logs"),
        ])],
    ))
    models_uri = Sub("s3://${Bucket}/" + MODELS_PREFIX, Bucket=Ref(storage.models_bucket))
    return SharedCompute(job_role, execution_role, log_group, models_uri)
