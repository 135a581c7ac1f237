"""The CPU path of AnalyzeFrames: the same task on Batch Fargate, no host to boot and no idle capacity.

The CPU image (``gpu_tasks/Dockerfile.cpu``) is built for ``linux/arm64``: Graviton Fargate costs
about a fifth less than x86, and PyPI's torch for aarch64 is the CPU build, so the image carries no
CUDA. A task has ``analysis.fargate_vcpus`` and ``analysis.fargate_memory_mib``; in ``public-egress``
it gets a public IP (it has no inbound rule), privately it reaches AWS through the VPC endpoints.
Fargate has no host volume, so the weights come from the models bucket each time (in
``analysis.cpu_startup_s``).

Spot first (``enable_spot_instances``, the GPU path's toggle too): the queue lists a ``FARGATE_SPOT``
compute environment, then the ``FARGATE`` one, and Batch places a job in the first that takes it. A job
is never blocked by Fargate Spot: where it cannot run a task (the AWS Batch docs once said so of ARM64,
and still say so of Windows) the scheduler goes on to ``FARGATE``. A Spot interruption (two minutes'
warning, then the task is stopped) is retried by the job definition, like a GPU host's termination.
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, Ref, Template, batch

from pipeline.config import Config
from templates.compute_shared import FARGATE_SPOT_INTERRUPTED_REASON, SharedCompute, job_definition, job_queue
from templates.network import NetworkResources
from templates.parameters import MainParameters

CPU_JOB_QUEUE = "CpuJobQueue"
CPU_JOB_DEFINITION = "AnalyzeFramesCpuJobDefinition"
FARGATE_ENVIRONMENT = "FargateComputeEnvironment"
"""On-demand Fargate: the only environment without spot, the fallback with it."""
FARGATE_SPOT_ENVIRONMENT = "FargateSpotComputeEnvironment"
"""Fargate Spot, first in the queue when ``enable_spot_instances``."""
CPU_ARCHITECTURE = "ARM64"
"""Fargate's runtime platform for the CPU image (``ops.image``'s ``linux/arm64``)."""


@dataclass(frozen=True)
class FargateCompute:
    job_queue: batch.JobQueue
    job_definition: batch.JobDefinition
    compute_environments: list[batch.ComputeEnvironment]
    """In the queue's order: Fargate Spot first when spot is on, then on-demand Fargate."""


def _environment(logical_id: str, *, kind: str, config: Config, network: NetworkResources) -> batch.ComputeEnvironment:
    """A managed Fargate compute environment of ``kind`` (``FARGATE`` or ``FARGATE_SPOT``)."""
    return batch.ComputeEnvironment(
        logical_id,
        Type="MANAGED",
        State="ENABLED",
        ReplaceComputeEnvironment=False,
        ComputeResources=batch.ComputeResources(
            Type=kind,
            MaxvCpus=config.max_vcpus,
            Subnets=network.subnet_refs,
            SecurityGroupIds=[GetAtt(network.batch_security_group, "GroupId")],
        ),
    )


def add_fargate_compute(template: Template, *, config: Config, network: NetworkResources, parameters: MainParameters,
                        shared: SharedCompute) -> FargateCompute:
    """Add the Fargate compute environments (spot first when on), their queue and the CPU job definition."""
    spot = config.enable_spot_instances
    environments = [template.add_resource(_environment(logical_id, kind=kind, config=config, network=network))
                    for logical_id, kind in ([(FARGATE_SPOT_ENVIRONMENT, "FARGATE_SPOT")] if spot else [])
                    + [(FARGATE_ENVIRONMENT, "FARGATE")]]
    queue = template.add_resource(job_queue(CPU_JOB_QUEUE, config=config, environments=environments))
    analysis = config.analysis
    definition = template.add_resource(job_definition(
        CPU_JOB_DEFINITION, config=config, shared=shared, platform="FARGATE", image=Ref(parameters.cpu_image_uri),
        requirements={"VCPU": str(analysis.fargate_vcpus), "MEMORY": str(analysis.fargate_memory_mib)},
        log_prefix="analyze-frames-cpu", interruptions=[FARGATE_SPOT_INTERRUPTED_REASON] if spot else [],
        NetworkConfiguration=batch.NetworkConfiguration(AssignPublicIp="ENABLED" if network.public else "DISABLED"),
        FargatePlatformConfiguration=batch.FargatePlatformConfiguration(PlatformVersion="LATEST"),
        RuntimePlatform=batch.RuntimePlatform(CpuArchitecture=CPU_ARCHITECTURE, OperatingSystemFamily="LINUX"),
    ))
    return FargateCompute(queue, definition, environments)
