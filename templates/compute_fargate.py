"""The CPU path of AnalyzeFrames: the same task on Batch Fargate, no host to boot and no idle capacity.

The CPU image (``gpu_tasks/Dockerfile.cpu``) is built for ``linux/arm64``: Graviton Fargate costs
about a fifth less than x86, and PyPI's torch for aarch64 is the CPU build, so the image carries no
CUDA. A task has ``analysis.fargate_vcpus`` and ``analysis.fargate_memory_mib``; in ``public-egress``
it gets a public IP (it has no inbound rule), privately it reaches AWS through the VPC endpoints.
Fargate has no host volume, so the weights come from the models bucket each time (in
``analysis.cpu_startup_s``).
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, Ref, Template, batch

from pipeline.config import Config
from templates.compute_shared import SharedCompute, job_definition, job_queue
from templates.network import NetworkResources
from templates.parameters import MainParameters

CPU_JOB_QUEUE = "CpuJobQueue"
CPU_JOB_DEFINITION = "AnalyzeFramesCpuJobDefinition"
FARGATE_ENVIRONMENT = "FargateComputeEnvironment"
CPU_ARCHITECTURE = "ARM64"
"""Fargate's runtime platform for the CPU image (``ops.image``'s ``linux/arm64``)."""


@dataclass(frozen=True)
class FargateCompute:
    job_queue: batch.JobQueue
    job_definition: batch.JobDefinition
    compute_environment: batch.ComputeEnvironment


def add_fargate_compute(template: Template, *, config: Config, network: NetworkResources, parameters: MainParameters,
                        shared: SharedCompute) -> FargateCompute:
    """Add the Fargate compute environment, its queue and the CPU job definition."""
    environment = template.add_resource(batch.ComputeEnvironment(
        FARGATE_ENVIRONMENT,
        Type="MANAGED",
        State="ENABLED",
        ReplaceComputeEnvironment=False,
        ComputeResources=batch.ComputeResources(
            Type="FARGATE",
            MaxvCpus=config.max_vcpus,
            Subnets=network.subnet_refs,
            SecurityGroupIds=[GetAtt(network.batch_security_group, "GroupId")],
        ),
    ))
    queue = template.add_resource(job_queue(CPU_JOB_QUEUE, config=config, environment=environment))
    analysis = config.analysis
    definition = template.add_resource(job_definition(
        CPU_JOB_DEFINITION, config=config, shared=shared, platform="FARGATE", image=Ref(parameters.cpu_image_uri),
        requirements={"VCPU": str(analysis.fargate_vcpus), "MEMORY": str(analysis.fargate_memory_mib)},
        log_prefix="analyze-frames-cpu",
        NetworkConfiguration=batch.NetworkConfiguration(AssignPublicIp="ENABLED" if network.public else "DISABLED"),
        FargatePlatformConfiguration=batch.FargatePlatformConfiguration(PlatformVersion="LATEST"),
        RuntimePlatform=batch.RuntimePlatform(CpuArchitecture=CPU_ARCHITECTURE, OperatingSystemFamily="LINUX"),
    ))
    return FargateCompute(queue, definition, environment)
