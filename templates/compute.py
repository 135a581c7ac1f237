"""AWS Batch for AnalyzeFrames: the paths ``analysis.compute`` asks for, composed.

``gpu`` (``templates.compute_gpu``): EC2 GPU hosts, a spot queue handing over to an on-demand queue.
``fargate`` (``templates.compute_fargate``): the same task as a CPU container on Fargate.
``auto``: both; the state machine's ChooseCompute sends each job to one by its video's duration.
Both share the task's roles, log group and retry policy (``templates.compute_shared``).
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import Template, batch, iam, logs

from pipeline.config import Config
from templates.compute_fargate import FargateCompute, add_fargate_compute
from templates.compute_gpu import GpuCompute, add_gpu_compute
from templates.compute_shared import SharedCompute, add_shared_compute
from templates.names import uses_fargate, uses_gpu
from templates.network import NetworkResources
from templates.parameters import MainParameters
from templates.security import SecurityResources
from templates.storage import StorageResources


@dataclass(frozen=True)
class ComputeResources:
    shared: SharedCompute
    gpu: GpuCompute | None
    """The GPU path, when ``analysis.compute`` is ``gpu`` or ``auto``."""
    cpu: FargateCompute | None
    """The Fargate path, when ``analysis.compute`` is ``fargate`` or ``auto``."""

    @property
    def job_role(self) -> iam.Role:
        return self.shared.job_role

    @property
    def log_group(self) -> logs.LogGroup:
        return self.shared.log_group

    @property
    def job_queues(self) -> list[batch.JobQueue]:
        """Every queue the state machine may submit to."""
        return [*(self.gpu.job_queues if self.gpu else []), *(self.cpu.job_queues if self.cpu else [])]

    @property
    def job_definitions(self) -> list[batch.JobDefinition]:
        return [*([self.gpu.job_definition] if self.gpu else []), *([self.cpu.job_definition] if self.cpu else [])]


def add_compute(template: Template, *, config: Config, network: NetworkResources, storage: StorageResources,
                security: SecurityResources, parameters: MainParameters) -> ComputeResources:
    """Add the shared roles and log group, then each compute path the config uses."""
    shared = add_shared_compute(template, config=config, storage=storage, security=security)
    gpu = add_gpu_compute(template, config=config, network=network, parameters=parameters, shared=shared) \
        if uses_gpu(config) else None
    cpu = add_fargate_compute(template, config=config, network=network, parameters=parameters, shared=shared) \
        if uses_fargate(config) else None
    return ComputeResources(shared, gpu, cpu)
