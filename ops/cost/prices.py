"""The price table of ``build.py cost``: :mod:`pipeline.cost.prices` (the one definition, shared with
the measured cost of each job in ``results.json``), plus the hint this command line gives."""

from __future__ import annotations

from pipeline.cost import prices as _prices
from pipeline.cost.prices import (  # noqa: F401 - re-exported for ops.cost and ops.cost.estimate
    DAYS_PER_MONTH,
    FARGATE_MINIMUM_BILLED_S,
    FARGATE_ON_DEMAND,
    GPU_ON_DEMAND_USD_PER_HOUR,
    GPU_VCPUS_BY_SIZE,
    HOURS_PER_MONTH,
    MB_PER_GB,
    PRICE_DATE,
    PRICE_REGION,
    PRICE_SOURCE,
    FargatePrices,
    Prices,
    fargate_prices,
    gpu_instance_vcpus,
)


def gpu_hourly_price(instance_type: str) -> float:
    """On-demand USD per hour of ``instance_type``; a clear error for a type without a listed price."""
    try:
        return _prices.gpu_hourly_price(instance_type)
    except ValueError as error:
        raise ValueError(f"{error} (pass --gpu-hourly-usd to price another type)") from None
