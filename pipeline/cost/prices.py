"""Public on-demand list prices (USD) of the services the stacks use, region us-east-1.

The one price table: ``build.py cost`` (:mod:`ops.cost.estimate`) prices its monthly estimate with it
and :func:`pipeline.cost.job_cost.job_cost` prices the seconds one job was billed.

Source: the AWS public price list / pricing pages for us-east-1 (N. Virginia), values as published
as of :data:`PRICE_DATE` (first pricing tier of each service; free tiers NOT applied; Linux for EC2
and Fargate). Other regions differ; no regional factor is applied (callers warn instead). Check
figures that matter against https://calculator.aws before budgeting on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PRICE_REGION = "us-east-1"
PRICE_DATE = "2026"
"""When the list prices below were read (the price list's date, as precise as it was recorded)."""
PRICE_SOURCE = f"AWS public price list, {PRICE_REGION}, on-demand list prices as of {PRICE_DATE}; no free tier"
HOURS_PER_MONTH = 730.0
"""AWS's billing convention for a month of an always-on resource (h)."""
DAYS_PER_MONTH = 30.4
MB_PER_GB = 1024.0

Architecture = Literal["arm64", "x86_64"]
"""CPU architecture as Lambda and Batch name it (Batch's Fargate ``cpuArchitecture`` says ``ARM64``/``X86_64``)."""

GPU_ON_DEMAND_USD_PER_HOUR: dict[str, float] = {
    "g4dn.xlarge": 0.526, "g4dn.2xlarge": 0.752, "g4dn.4xlarge": 1.204,
    "g5.xlarge": 1.006, "g5.2xlarge": 1.212, "g5.4xlarge": 1.624,
    "g6.xlarge": 0.8048, "g6.2xlarge": 0.9776, "g6.4xlarge": 1.3232,
    "g6e.xlarge": 1.861, "g6e.2xlarge": 2.24208,
}
"""EC2 on-demand Linux price per instance-hour of the GPU types Batch may launch."""
GPU_VCPUS_BY_SIZE: dict[str, int] = {"xlarge": 4, "2xlarge": 8, "4xlarge": 16}
"""vCPUs of a G instance by its size (g4dn, g5, g6 and g6e alike), what a Batch warm pool counts in."""


@dataclass(frozen=True)
class FargatePrices:
    """Fargate Linux on-demand price of one architecture, billed per second with a one-minute minimum."""

    per_vcpu_hour: float
    """USD per vCPU-hour."""
    per_gb_hour: float
    """USD per GB of memory per hour."""


FARGATE_ON_DEMAND: dict[str, FargatePrices] = {
    "x86_64": FargatePrices(per_vcpu_hour=0.04048, per_gb_hour=0.004445),
    "arm64": FargatePrices(per_vcpu_hour=0.03238, per_gb_hour=0.00356),
}
"""Fargate on-demand Linux prices by architecture (20 GB of ephemeral storage included per task)."""
FARGATE_MINIMUM_BILLED_S = 60.0
"""Fargate bills a Linux task per second, at least one minute (s)."""
SPOT_DISCOUNT = 0.6
"""Assumed, not listed: how far below on-demand a spot price runs (0.6: spot costs 40 % of on-demand). EC2 Spot
and Fargate Spot prices move with supply and demand and are not in the on-demand price list; AWS states that
Fargate Spot runs at up to 70 % off the Fargate price, so 0.6 stays below that ceiling. The default of
``build.py cost --spot-discount`` and the rate of a Fargate Spot attempt in a job's cost."""


@dataclass(frozen=True)
class Prices:
    """Unit prices (USD); the unit is in each name."""

    api_rest_per_million_requests: float = 3.50
    api_custom_metric_per_month: float = 0.30
    """Method-level (detailed) API Gateway metrics are billed as CloudWatch custom metrics."""
    lambda_per_million_requests: float = 0.20
    lambda_arm64_per_gb_s: float = 0.0000133334
    lambda_x86_64_per_gb_s: float = 0.0000166667
    lambda_arm64_provisioned_per_gb_s: float = 0.0000033334
    """Provisioned concurrency kept warm, per GB-second provisioned (arm64)."""
    lambda_arm64_provisioned_duration_per_gb_s: float = 0.0000077778
    """Duration of invocations served by provisioned concurrency (arm64)."""
    step_functions_per_1000_transitions: float = 0.025
    ebs_gp3_per_gb_month: float = 0.08
    vpc_interface_endpoint_per_az_hour: float = 0.01
    s3_standard_per_gb_month: float = 0.023
    s3_put_per_1000: float = 0.005
    s3_get_per_1000: float = 0.0004
    s3_it_frequent_per_gb_month: float = 0.023
    s3_it_infrequent_per_gb_month: float = 0.0125
    """Intelligent-Tiering after 30 days without access."""
    s3_it_archive_instant_per_gb_month: float = 0.004
    """Intelligent-Tiering after 90 days without access."""
    s3_it_monitoring_per_1000_objects_month: float = 0.0025
    s3_lifecycle_transition_per_1000: float = 0.01
    dynamodb_per_million_wru: float = 0.625
    dynamodb_per_million_rru: float = 0.125
    dynamodb_wcu_hour: float = 0.00065
    dynamodb_rcu_hour: float = 0.00013
    dynamodb_storage_per_gb_month: float = 0.25
    dynamodb_pitr_per_gb_month: float = 0.20
    sns_per_million_publishes: float = 0.50
    sns_email_per_100k: float = 2.00
    logs_ingest_per_gb: float = 0.50
    logs_storage_per_gb_month: float = 0.03
    alarm_per_metric_month: float = 0.10
    dashboard_per_month: float = 3.00
    kms_key_per_month: float = 1.00
    kms_per_10k_requests: float = 0.03
    xray_per_million_traces: float = 5.00
    waf_web_acl_per_month: float = 5.00
    waf_rule_per_month: float = 1.00
    waf_per_million_requests: float = 0.60
    secret_per_month: float = 0.40
    secrets_per_10k_calls: float = 0.05
    ecr_storage_per_gb_month: float = 0.10
    public_ipv4_per_hour: float = 0.005
    """A public IPv4 address, in use or not (network.mode public-egress: one per GPU host or Fargate task)."""
    transfer_out_per_gb: float = 0.09
    eventbridge_aws_service_events: float = 0.0
    """AWS service events (S3 Object Created, Batch state changes) on the default bus are free."""

    def lambda_per_gb_s(self, architecture: Architecture) -> float:
        """On-demand Lambda duration price (USD per GB-second) of ``architecture``."""
        return self.lambda_arm64_per_gb_s if architecture == "arm64" else self.lambda_x86_64_per_gb_s


def gpu_hourly_price(instance_type: str) -> float:
    """On-demand USD per hour of ``instance_type``; a ``ValueError`` naming the known types otherwise."""
    try:
        return GPU_ON_DEMAND_USD_PER_HOUR[instance_type]
    except KeyError:
        known = ", ".join(sorted(GPU_ON_DEMAND_USD_PER_HOUR))
        raise ValueError(f"no list price for GPU instance type {instance_type!r}; known: {known}") from None


def fargate_prices(architecture: str) -> FargatePrices:
    """Fargate on-demand prices of ``architecture`` (``arm64``/``ARM64``, ``x86_64``/``X86_64``)."""
    try:
        return FARGATE_ON_DEMAND[architecture.lower()]
    except KeyError:
        raise ValueError(f"no Fargate list price for architecture {architecture!r}; "
                         f"known: {', '.join(FARGATE_ON_DEMAND)}") from None


def gpu_instance_vcpus(instance_type: str) -> int:
    """vCPUs of a G instance type (``g4dn.xlarge``: 4); a ``ValueError`` for a size not listed."""
    size = instance_type.partition(".")[2]
    if size not in GPU_VCPUS_BY_SIZE:
        raise ValueError(f"no vCPU count for instance size {size!r} of {instance_type!r}; "
                         f"known: {', '.join(GPU_VCPUS_BY_SIZE)}")
    return GPU_VCPUS_BY_SIZE[size]
