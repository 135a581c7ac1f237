"""The GPU path of AnalyzeFrames: EC2 GPU hosts in a spot queue that hands over to an on-demand queue.

Capacity: AWS does not document that a spot shortage alone moves a job to a queue's next compute
environment (README, Architecture). So spot and on-demand get a queue each: the spot queue
cancels a job that waited ``analysis.capacity_wait_s`` for capacity (a job-state time limit action),
and the state machine resubmits it to the on-demand queue, whose own limit turns "no GPU at all"
(a vCPU quota of 0, say) into a readable failure instead of a job RUNNABLE until the task times out.

The job definition asks for one GPU and ``analysis.batch_job_memory_mib`` of memory, which must stay
below the host's memory minus what ECS reserves (a job asking for all 16 GiB of a 16 GiB host never
places). Model weights are cached on the host (``HOST_MODELS_CACHE``), so only a host's first job
downloads them. Compute environments use Batch's service-linked role (no ``ServiceRole``): only then
can CloudFormation update them in place (new AMI, instance types, vCPUs) instead of replacing them.
"""

from __future__ import annotations

from troposphere import Base64, GetAtt, Ref, Template, batch, ec2, iam

from pipeline.config import Config
from templates.compute_shared import (
    HOST_TERMINATED_REASON, PathCompute, SharedCompute, add_spot_first_queues, job_definition,
)
from templates.iam import assume_role_policy, managed_policy_arn
from templates.network import NetworkResources
from templates.parameters import MainParameters

JOB_QUEUE = "GpuJobQueue"
"""The GPU queue jobs go to first: spot when ``enable_spot_instances``, else on-demand."""
ON_DEMAND_JOB_QUEUE = "GpuOnDemandJobQueue"
"""The on-demand queue a job moves to when spot had no capacity (only with spot enabled)."""
JOB_DEFINITION = "AnalyzeFramesJobDefinition"
SPOT_ENVIRONMENT = "GpuSpotComputeEnvironment"
ON_DEMAND_ENVIRONMENT = "GpuOnDemandComputeEnvironment"
LAUNCH_TEMPLATE = "GpuLaunchTemplate"
ROOT_VOLUME_GIB = 100
"""Root volume of a GPU host (GiB): the CUDA PyTorch image is ~20 GB extracted and is pulled
alongside its compressed layers, plus the model weights and the video being analysed."""
GPU_AMI_TYPE = "ECS_AL2023_NVIDIA"
"""ECS-optimized Amazon Linux 2023 with NVIDIA drivers. Not ECS_AL2_NVIDIA: AWS Batch stopped
launching its Amazon Linux 2 AMIs after 30 June 2026."""
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


class GpuCompute(PathCompute):
    """The GPU path: a spot queue, then an on-demand one, over EC2 GPU hosts."""


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


def _instance_profile(template: Template) -> iam.InstanceProfile:
    instance_role = template.add_resource(iam.Role(
        "GpuInstanceRole",
        Description="Batch GPU hosts: the ECS agent",
        AssumeRolePolicyDocument=assume_role_policy("ec2.amazonaws.com"),
        ManagedPolicyArns=[managed_policy_arn("service-role/AmazonEC2ContainerServiceforEC2Role")],
    ))
    return template.add_resource(iam.InstanceProfile("GpuInstanceProfile", Roles=[Ref(instance_role)]))


def _compute_environment(logical_id: str, *, config: Config, spot: bool, network: NetworkResources,
                         launch_template: ec2.LaunchTemplate, profile: iam.InstanceProfile,
                         warm: bool) -> batch.ComputeEnvironment:
    """``warm``: the environment of the first queue, which keeps ``config.min_vcpus`` running (the warm pool)."""
    environment = batch.ComputeEnvironment(
        logical_id,
        Type="MANAGED",
        State="ENABLED",
        ReplaceComputeEnvironment=False,
        ComputeResources=batch.ComputeResources(
            Type="SPOT" if spot else "EC2",
            AllocationStrategy="SPOT_PRICE_CAPACITY_OPTIMIZED" if spot else "BEST_FIT_PROGRESSIVE",
            MinvCpus=config.min_vcpus if warm else 0,
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


def add_gpu_compute(template: Template, *, config: Config, network: NetworkResources, parameters: MainParameters,
                    shared: SharedCompute) -> GpuCompute:
    """Add the GPU hosts' launch template, compute environments, queues and job definition."""
    launch_template = _launch_template(template)
    profile = _instance_profile(template)
    on_demand = template.add_resource(_compute_environment(
        ON_DEMAND_ENVIRONMENT, config=config, spot=False, network=network, launch_template=launch_template,
        profile=profile, warm=not config.enable_spot_instances))
    spot = template.add_resource(_compute_environment(
        SPOT_ENVIRONMENT, config=config, spot=True, network=network, launch_template=launch_template,
        profile=profile, warm=True)) if config.enable_spot_instances else None
    queue, on_demand_queue = add_spot_first_queues(
        template, config=config, queue_id=JOB_QUEUE, on_demand_queue_id=ON_DEMAND_JOB_QUEUE, spot=spot,
        on_demand=on_demand)
    environments = [*([spot] if spot is not None else []), on_demand]
    definition = template.add_resource(job_definition(
        JOB_DEFINITION, config=config, shared=shared, platform="EC2", image=Ref(parameters.gpu_image_uri),
        requirements={"GPU": "1", "VCPU": str(config.analysis.batch_job_vcpus),
                      "MEMORY": str(config.analysis.batch_job_memory_mib)},
        log_prefix="analyze-frames", interruptions=[HOST_TERMINATED_REASON], models_cache=CONTAINER_MODELS_CACHE,
        Volumes=[batch.Volumes(Name="models-cache", Host=batch.VolumesHost(SourcePath=HOST_MODELS_CACHE))],
        MountPoints=[batch.MountPoints(SourceVolume="models-cache", ContainerPath=CONTAINER_MODELS_CACHE,
                                       ReadOnly=False)],
    ))
    return GpuCompute(queue, definition, environments, on_demand_queue)
