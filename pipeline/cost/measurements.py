"""What one job used, as measured while it ran: the inputs of :func:`pipeline.cost.job_cost.job_cost`.

Gathered by the nutrition Lambda from AWS's own records (``lambdas.common.job_measurements``);
nothing here reads AWS. Times are milliseconds since the epoch as AWS reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pipeline.cost.prices import Architecture

Bound = Literal["measured", "upper", "lower", "mixed"]
"""How a figure relates to what AWS bills: the same, at least it ('upper'), at most it ('lower'), or neither."""


@dataclass(frozen=True)
class Ec2Host:
    """A Batch attempt on an EC2 instance. ``instance_type`` is None when the attempt's host could not
    be identified; ``allowed_types`` are the types its compute environment may launch."""

    instance_type: str | None
    allowed_types: tuple[str, ...] = ()
    spot: bool = False


@dataclass(frozen=True)
class FargateTask:
    """A Batch attempt on Fargate: its vCPUs, memory (MiB), architecture, and whether it ran on Fargate Spot
    (from its queue's compute environment; ``None``: the queue has both kinds, so it is not known)."""

    vcpus: float
    memory_mib: int
    architecture: Architecture
    spot: bool | None = False


@dataclass(frozen=True)
class BatchAttempt:
    """One attempt of a Batch job, from ``DescribeJobs`` (``attempts[].startedAt``/``stoppedAt``, ms)."""

    job_id: str
    number: int
    started_at_ms: int
    stopped_at_ms: int
    platform: Ec2Host | FargateTask | None
    """None when the compute environment could not be read."""


@dataclass(frozen=True)
class LambdaRun:
    """One invocation of a function: its duration (ms), memory (MB) and architecture."""

    name: str
    duration_ms: float
    memory_mb: int | None
    architecture: Architecture
    bound: Bound
    source: str
    """How the duration was measured, e.g. "Step Functions' TaskStarted to TaskSucceeded"."""


@dataclass(frozen=True)
class S3Requests:
    """S3 requests this job made that the pipeline counted, by kind, and what they were."""

    puts: int
    gets: int
    puts_counted: str
    """Which PUT-class requests these are, e.g. "the upload, detections.json, 6 overlays, results.json"."""
    gets_counted: str


@dataclass(frozen=True)
class Gap:
    """A part that could not be measured, and why."""

    part: str
    reason: str


@dataclass(frozen=True)
class JobMeasurements:
    """Everything measured about one job's use of the billed services."""

    batch_attempts: tuple[BatchAttempt, ...] = ()
    lambda_runs: tuple[LambdaRun, ...] = ()
    state_transitions: int | None = None
    """States entered as the execution history records them (retries included)."""
    transitions_counted: str = ""
    """Up to which state ``state_transitions`` counts (the history is read while the job runs)."""
    s3_requests: S3Requests | None = None
    region: str | None = None
    gaps: tuple[Gap, ...] = field(default=())
