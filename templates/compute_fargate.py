"""The CPU path of AnalyzeFrames: the same task on Batch Fargate, no host to boot and no idle capacity.

The CPU image (``gpu_tasks/Dockerfile.cpu``) is built for ``linux/arm64``: Graviton Fargate costs
about a fifth less than x86, and PyPI's torch for aarch64 is the CPU build, so the image carries no
CUDA. A task has ``analysis.fargate_vcpus`` and ``analysis.fargate_memory_mib``; in ``public-egress``
it gets a public IP (it has no inbound rule), privately it reaches AWS through the VPC endpoints.
Fargate has no host volume, so the weights come from the models bucket each time (in
``analysis.cpu_startup_s``).

Spot first (``enable_spot_instances``, the GPU path's toggle too), as on the GPU path: a ``FARGATE_SPOT``
compute environment in a queue of its own, then an on-demand ``FARGATE`` one in another. AWS does not
document that a Fargate Spot capacity shortage alone moves a job to a queue's next compute environment,
so the design does not count on it: the spot queue cancels a job left RUNNABLE for want of capacity after
``analysis.capacity_wait_s`` and the state machine resubmits it to the on-demand queue (AnalyzeFramesCpuOnDemand),
whose own limit ends in NO_FARGATE_CAPACITY. Each environment has ``max_vcpus`` (see
:class:`pipeline.config.ComputePathCapacity`). A Spot interruption (two minutes' warning, then the task is
stopped) is retried by the job definition, like a GPU host's termination.
"""

from __future__ import annotations

from troposphere import GetAtt, Ref, Template, batch

from pipeline.config import Config
from templates.compute_shared import (
    FARGATE_SPOT_INTERRUPTED_REASON, PathCompute, SharedCompute, add_spot_first_queues, job_definition,
)
from templates.network import NetworkResources
from templates.parameters import MainParameters

CPU_JOB_QUEUE = "CpuJobQueue"
"""The Fargate queue jobs go to first: Fargate Spot when ``enable_spot_instances``, else on-demand Fargate."""
CPU_ON_DEMAND_JOB_QUEUE = "CpuOnDemandJobQueue"
"""The on-demand Fargate queue a job moves to when Fargate Spot had no capacity (only with spot enabled)."""
CPU_JOB_DEFINITION = "AnalyzeFramesCpuJobDefinition"
FARGATE_ENVIRONMENT = "FargateComputeEnvironment"
"""On-demand Fargate: the only environment without spot, the fallback with it."""
FARGATE_SPOT_ENVIRONMENT = "FargateSpotComputeEnvironment"
"""Fargate Spot, the first queue's environment when ``enable_spot_instances``."""
CPU_ARCHITECTURE = "ARM64"
"""Fargate's runtime platform for the CPU image (``ops.image``'s ``linux/arm64``)."""


class FargateCompute(PathCompute):
    """The Fargate path: a Fargate Spot queue, then an on-demand Fargate one."""


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
    """Add the Fargate compute environments and their queues (spot first when on) and the CPU job definition."""
    spot = config.enable_spot_instances
    on_demand = template.add_resource(_environment(FARGATE_ENVIRONMENT, kind="FARGATE", config=config, network=network))
    spot_environment = template.add_resource(_environment(
        FARGATE_SPOT_ENVIRONMENT, kind="FARGATE_SPOT", config=config, network=network)) if spot else None
    queue, on_demand_queue = add_spot_first_queues(
        template, config=config, queue_id=CPU_JOB_QUEUE, on_demand_queue_id=CPU_ON_DEMAND_JOB_QUEUE,
        spot=spot_environment, on_demand=on_demand)
    analysis = config.analysis
    definition = template.add_resource(job_definition(
        CPU_JOB_DEFINITION, config=config, shared=shared, platform="FARGATE", image=Ref(parameters.cpu_image_uri),
        requirements={"VCPU": str(analysis.fargate_vcpus), "MEMORY": str(analysis.fargate_memory_mib)},
        log_prefix="analyze-frames-cpu", interruptions=[FARGATE_SPOT_INTERRUPTED_REASON] if spot else [],
        NetworkConfiguration=batch.NetworkConfiguration(AssignPublicIp="ENABLED" if network.public else "DISABLED"),
        FargatePlatformConfiguration=batch.FargatePlatformConfiguration(PlatformVersion="LATEST"),
        RuntimePlatform=batch.RuntimePlatform(CpuArchitecture=CPU_ARCHITECTURE, OperatingSystemFamily="LINUX"),
    ))
    environments = [*([spot_environment] if spot_environment is not None else []), on_demand]
    return FargateCompute(queue, definition, environments, on_demand_queue)
