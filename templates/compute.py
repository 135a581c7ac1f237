"""AWS Batch for the GPU analysis: a spot queue that hands over to an on-demand queue, the launch
template, the job definition and the roles each party assumes.

Capacity: Batch only moves a job to a queue's next compute environment when the first is at its vCPU
ceiling, never when spot has no capacity. So spot and on-demand get a queue each: the spot queue
cancels a job that waited ``analysis.capacity_wait_s`` for capacity (a job-state time limit action),
and the state machine resubmits it to the on-demand queue, whose own limit turns "no GPU at all"
(a vCPU quota of 0, say) into a readable failure instead of a job RUNNABLE until the task times out.

The job definition asks for one GPU and ``analysis.batch_job_memory_mib`` of memory, which must stay
below the host's memory minus what ECS reserves (a job asking for all 16 GiB of a 16 GiB host never
places). Host terminations (spot reclaim) are retried; application errors exit at once. Model weights
are cached on the host (``HOST_MODELS_CACHE``), so only a host's first job downloads them.

Compute environments use Batch's service-linked role (no ``ServiceRole``): only then can
CloudFormation update them in place (new AMI, instance types, vCPUs) instead of replacing them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from troposphere import Base64, GetAtt, Ref, Sub, Template, batch, ec2, iam, logs

from pipeline.config import Config
from pipeline.environment import EnvVar
from pipeline.layout import JOB_PREFIX, UPLOAD_PREFIX
from templates.iam import Statement, allow, assume_role_policy, inline_policy, managed_policy_arn, objects_arn, secret_arn
from templates.names import gemini_secret_name, image_repository_name
from templates.network import NetworkResources
from templates.parameters import MainParameters
from templates.security import SecurityResources
from states.capacity import CAPACITY_REASONS
from templates.storage import MODELS_PREFIX, StorageResources

JOB_QUEUE = "GpuJobQueue"
"""The queue jobs go to first: spot when ``enable_spot_instances``, else on-demand."""
ON_DEMAND_JOB_QUEUE = "GpuOnDemandJobQueue"
"""The on-demand queue a job moves to when spot had no capacity (only with spot enabled)."""
JOB_DEFINITION = "AnalyzeFramesJobDefinition"
SPOT_ENVIRONMENT = "GpuSpotComputeEnvironment"
ON_DEMAND_ENVIRONMENT = "GpuOnDemandComputeEnvironment"
LAUNCH_TEMPLATE = "GpuLaunchTemplate"
JOB_LOG_GROUP = "AnalyzeFramesLogGroup"
JOB_COMMAND = ["python", "-m", "gpu_tasks.analyze"]
ROOT_VOLUME_GIB = 100
"""Root volume of a GPU host (GiB): the CUDA PyTorch image is ~20 GB extracted and is pulled
alongside its compressed layers, plus the model weights and the video being analysed."""
GPU_AMI_TYPE = "ECS_AL2023_NVIDIA"
"""ECS-optimized Amazon Linux 2023 with NVIDIA drivers. Not ECS_AL2_NVIDIA: AWS Batch stopped
launching its Amazon Linux 2 AMIs after 30 June 2026."""
HOST_TERMINATED_REASON = "Host EC2*"
"""Batch's status reason when the host went away (spot reclaim, instance failure)."""
IMDS_HOP_LIMIT = 1
"""IMDSv2 answers the host only: a container is one hop further, so the job (which decodes untrusted
uploads) cannot read the host's instance credentials. It gets its own role from the ECS agent."""
HOST_MODELS_CACHE = "/var/cache/nutrition-video/models"
"""Host folder holding the model weights between jobs; created by the launch template's user data."""
CONTAINER_MODELS_CACHE = "/models-cache"
"""Where the job sees ``HOST_MODELS_CACHE`` (``MODELS_CACHE_DIR``)."""
CONTAINER_USER_ID = 1000
"""The image's non-root user (``gpu_tasks/Dockerfile``), which must be able to write the cache."""
UPDATE_JOB_TIMEOUT_MINUTES = 30
"""An in-place compute environment update waits this long for running jobs before replacing hosts."""


@dataclass(frozen=True)
class ComputeResources:
    job_queue: batch.JobQueue
    job_definition: batch.JobDefinition
    job_role: iam.Role
    log_group: logs.LogGroup
    compute_environments: list[batch.ComputeEnvironment]
    on_demand_job_queue: batch.JobQueue | None = None
    """The queue a job moves to when spot had no capacity; ``None`` without spot."""

    @property
    def job_queues(self) -> list[batch.JobQueue]:
        """Every queue the state machine may submit to."""
        return [self.job_queue] + ([self.on_demand_job_queue] if self.on_demand_job_queue is not None else [])


def _job_environment(config: Config, storage: StorageResources) -> list[batch.Environment]:
    values = {
        EnvVar.MODELS_URI: Sub("s3://${Bucket}/" + MODELS_PREFIX, Bucket=Ref(storage.models_bucket)),
        EnvVar.MODEL_IDS: json.dumps(config.models.model_dump(), sort_keys=True),
        EnvVar.MAX_KEYFRAMES: str(config.analysis.max_keyframes),
        EnvVar.DETECTION_THRESHOLD: str(config.analysis.detection_threshold),
        EnvVar.FIELD_OF_VIEW_DEG: str(config.analysis.field_of_view_deg),
        EnvVar.ANALYSIS_BACKEND: config.analysis.backend,
        EnvVar.GEMINI_SECRET_NAME: gemini_secret_name(config),
        EnvVar.GEMINI_MODEL: config.gemini.model,
        EnvVar.MODELS_CACHE_DIR: CONTAINER_MODELS_CACHE,
        EnvVar.AWS_REGION: Ref("AWS::Region"),
    }
    return [batch.Environment(Name=name.value, Value=value) for name, value in values.items()]


def _gemini_statements(config: Config) -> list[Statement]:
    """Reading the Gemini key, only when the Gemini backend is configured."""
    if config.analysis.backend != "gemini":
        return []
    return [allow(["secretsmanager:GetSecretValue"], [secret_arn(gemini_secret_name(config))], sid="ReadGeminiKey")]


def _roles(template: Template, config: Config, storage: StorageResources, security: SecurityResources,
           log_group: logs.LogGroup) -> tuple[iam.Role, iam.Role, iam.InstanceProfile]:
    job_role = template.add_resource(iam.Role(
        "AnalyzeFramesJobRole",
        Description="The GPU task: read the upload and the models, write jobs/* results",
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
    repository_arn = Sub("arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/"
                         + image_repository_name(config))
    execution_role = template.add_resource(iam.Role(
        "AnalyzeFramesExecutionRole",
        Description="ECS agent for the GPU task: pull the image, write the job's logs",
        AssumeRolePolicyDocument=assume_role_policy("ecs-tasks.amazonaws.com", source_account=True),
        Policies=[inline_policy("pull-and-log", [
            # GetAuthorizationToken has no resource-level permissions
            allow(["ecr:GetAuthorizationToken"], ["*"], sid="EcrLogin"),
            allow(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                  [repository_arn], sid="PullImage"),
            allow(["logs:CreateLogStream", "logs:PutLogEvents"], [GetAtt(log_group, "Arn")], sid="Logs"),
        ])],
    ))
    instance_role = template.add_resource(iam.Role(
        "GpuInstanceRole",
        Description="Batch GPU hosts: the ECS agent",
        AssumeRolePolicyDocument=assume_role_policy("ec2.amazonaws.com"),
        ManagedPolicyArns=[managed_policy_arn("service-role/AmazonEC2ContainerServiceforEC2Role")],
    ))
    profile = template.add_resource(iam.InstanceProfile("GpuInstanceProfile", Roles=[Ref(instance_role)]))
    return job_role, execution_role, profile


def host_user_data() -> str:
    """The GPU hosts' cloud-init, in the MIME multi-part form Batch requires of a launch template:
    create the model cache, writable by the image's user, before the ECS agent starts any job."""
    boundary = "==NUTRITION-VIDEO=="
    script = "\n".join([
        "#!/bin/bash",
        "set -euo pipefail",
        f"mkdir -p {HOST_MODELS_CACHE}",
        f"chown {CONTAINER_USER_ID}:{CONTAINER_USER_ID} {HOST_MODELS_CACHE}",
        f"chmod 0750 {HOST_MODELS_CACHE}",
    ])
    return "\n".join([
        "MIME-Version: 1.0",
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
        "",
        f"--{boundary}",
        'Content-Type: text/x-shellscript; charset="us-ascii"',
        "",
        script,
        "",
        f"--{boundary}--",
        "",
    ])


def _launch_template(template: Template) -> ec2.LaunchTemplate:
    return template.add_resource(ec2.LaunchTemplate(
        LAUNCH_TEMPLATE,
        LaunchTemplateData=ec2.LaunchTemplateData(
            UserData=Base64(host_user_data()),
            MetadataOptions=ec2.MetadataOptions(
                HttpEndpoint="enabled", HttpTokens="required", HttpPutResponseHopLimit=IMDS_HOP_LIMIT),
            BlockDeviceMappings=[ec2.LaunchTemplateBlockDeviceMapping(
                DeviceName="/dev/xvda",
                Ebs=ec2.EBSBlockDevice(VolumeType="gp3", VolumeSize=ROOT_VOLUME_GIB, Encrypted=True,
                                       DeleteOnTermination=True),
            )],
        ),
    ))


def _compute_environment(logical_id: str, *, config: Config, spot: bool, network: NetworkResources,
                         launch_template: ec2.LaunchTemplate, profile: iam.InstanceProfile) -> batch.ComputeEnvironment:
    environment = batch.ComputeEnvironment(
        logical_id,
        Type="MANAGED",
        State="ENABLED",
        ReplaceComputeEnvironment=False,
        ComputeResources=batch.ComputeResources(
            Type="SPOT" if spot else "EC2",
            AllocationStrategy="SPOT_PRICE_CAPACITY_OPTIMIZED" if spot else "BEST_FIT_PROGRESSIVE",
            MinvCpus=0,
            MaxvCpus=config.max_vcpus,
            InstanceTypes=list(config.gpu_instance_types),
            Subnets=network.subnet_refs,
            SecurityGroupIds=[GetAtt(network.batch_security_group, "GroupId")],
            InstanceRole=GetAtt(profile, "Arn"),
            Ec2Configuration=[batch.Ec2ConfigurationObject(ImageType=GPU_AMI_TYPE)],
            UpdateToLatestImageVersion=True,
            LaunchTemplate=batch.LaunchTemplateSpecification(
                LaunchTemplateId=Ref(launch_template),
                Version=GetAtt(launch_template, "LatestVersionNumber"),
            ),
            Tags={"project": config.project_name, "environment": config.environment,
                  "capacity": "spot" if spot else "on-demand"},
        ),
    )
    # A property of this resource type, but troposphere files any ``UpdatePolicy`` keyword under the
    # resource attribute of that name, which CloudFormation would reject; set it among the properties.
    environment.properties["UpdatePolicy"] = batch.UpdatePolicy(
        JobExecutionTimeoutMinutes=UPDATE_JOB_TIMEOUT_MINUTES, TerminateJobsOnUpdate=False)
    return environment


def _job_queue(logical_id: str, *, config: Config, environment: batch.ComputeEnvironment) -> batch.JobQueue:
    """A queue over one compute environment that cancels a job stuck RUNNABLE for want of capacity
    after ``analysis.capacity_wait_s``, so the state machine can move it on or fail it readably."""
    return batch.JobQueue(
        logical_id,
        Priority=1,
        State="ENABLED",
        ComputeEnvironmentOrder=[batch.ComputeEnvironmentOrder(ComputeEnvironment=Ref(environment), Order=1)],
        JobStateTimeLimitActions=[
            batch.JobStateTimeLimitAction(Action="CANCEL", MaxTimeSeconds=config.analysis.capacity_wait_s,
                                          Reason=reason, State="RUNNABLE")
            for reason in CAPACITY_REASONS
        ],
    )


def add_compute(template: Template, *, config: Config, network: NetworkResources, storage: StorageResources,
                security: SecurityResources, parameters: MainParameters) -> ComputeResources:
    """Add the Batch compute environments and queues, job definition, launch template, roles and log group."""
    log_group = template.add_resource(logs.LogGroup(
        JOB_LOG_GROUP,
        LogGroupName=f"/aws/batch/{config.stack_name}/analyze-frames",
        RetentionInDays=config.log_retention_days,
        **({"KmsKeyId": security.key_arn} if security.key is not None else {}),
    ))
    job_role, execution_role, profile = _roles(template, config, storage, security, log_group)
    launch_template = _launch_template(template)
    on_demand = template.add_resource(_compute_environment(
        ON_DEMAND_ENVIRONMENT, config=config, spot=False, network=network, launch_template=launch_template,
        profile=profile))
    environments = [on_demand]
    on_demand_queue = None
    if config.enable_spot_instances:
        spot = template.add_resource(_compute_environment(
            SPOT_ENVIRONMENT, config=config, spot=True, network=network, launch_template=launch_template,
            profile=profile))
        environments.insert(0, spot)
        queue = template.add_resource(_job_queue(JOB_QUEUE, config=config, environment=spot))
        on_demand_queue = template.add_resource(_job_queue(ON_DEMAND_JOB_QUEUE, config=config, environment=on_demand))
    else:
        queue = template.add_resource(_job_queue(JOB_QUEUE, config=config, environment=on_demand))
    definition = template.add_resource(batch.JobDefinition(
        JOB_DEFINITION,
        Type="container",
        PlatformCapabilities=["EC2"],
        PropagateTags=True,
        ContainerProperties=batch.ContainerProperties(
            Image=Ref(parameters.gpu_image_uri),
            Command=JOB_COMMAND,
            ResourceRequirements=[
                batch.ResourceRequirement(Type="GPU", Value="1"),
                batch.ResourceRequirement(Type="VCPU", Value=str(config.analysis.batch_job_vcpus)),
                batch.ResourceRequirement(Type="MEMORY", Value=str(config.analysis.batch_job_memory_mib)),
            ],
            JobRoleArn=GetAtt(job_role, "Arn"),
            ExecutionRoleArn=GetAtt(execution_role, "Arn"),
            Environment=_job_environment(config, storage),
            Volumes=[batch.Volumes(Name="models-cache", Host=batch.VolumesHost(SourcePath=HOST_MODELS_CACHE))],
            MountPoints=[batch.MountPoints(SourceVolume="models-cache", ContainerPath=CONTAINER_MODELS_CACHE,
                                           ReadOnly=False)],
            LogConfiguration=batch.LogConfiguration(LogDriver="awslogs", Options={
                "awslogs-group": Ref(log_group),
                "awslogs-region": Ref("AWS::Region"),
                "awslogs-stream-prefix": "analyze-frames",
            }),
        ),
        RetryStrategy=batch.RetryStrategy(
            Attempts=config.analysis.batch_job_attempts,
            EvaluateOnExit=[
                batch.EvaluateOnExit(OnStatusReason=HOST_TERMINATED_REASON, Action="RETRY"),
                batch.EvaluateOnExit(OnReason="*", Action="EXIT"),
            ],
        ),
        Timeout=batch.Timeout(AttemptDurationSeconds=config.analysis.batch_job_timeout_s),
        Tags={"project": config.project_name, "environment": config.environment},
    ))
    return ComputeResources(queue, definition, job_role, log_group, environments, on_demand_queue)
