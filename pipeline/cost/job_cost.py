"""The cost of one job from what it was measured to use, priced with the one price table.

Billing rules applied (AWS's, per service):

* Batch on EC2: the instance's on-demand hourly price for each attempt's seconds (startedAt to
  stoppedAt). A lower bound of what the host bills: its boot, image pull and idle time before
  scale-in are not part of any attempt. A spot attempt is priced at on-demand (an upper bound of
  that part: the spot price paid is not in the price list); a host whose type is unknown is priced
  at the dearest type its compute environment allows (an upper bound).
* Batch on Fargate: vCPU and memory per second, at least one minute per task; the attempt's seconds
  exclude the image pull that Fargate also bills (a lower bound). An attempt known to have run on Fargate
  Spot is priced at on-demand less the assumed spot discount (:data:`~pipeline.cost.prices.SPOT_DISCOUNT`:
  the spot price paid is not in the price list); one whose capacity is unknown at on-demand, an upper
  bound of its rate.
* Lambda: memory (GB) × billed seconds (rounded up to the millisecond) at the architecture's price,
  plus the request price.
* Step Functions (standard): each state transition.
* S3: PUT-class and GET-class requests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pipeline.contracts.results import BilledItem, CostGap, JobCost
from pipeline.cost import prices as p
from pipeline.cost.measurements import BatchAttempt, Bound, Ec2Host, FargateTask, JobMeasurements, LambdaRun

MIB_PER_GB = 1024.0
"""Lambda's and Fargate's GB are 1024 MB (MiB)."""


def _usd(price: float) -> str:
    """A unit price without exponent notation: ``$0.0000133334``."""
    return "$" + f"{price:.10f}".rstrip("0").rstrip(".")


def _duration_s(attempt: BatchAttempt) -> float:
    return max(0.0, (attempt.stopped_at_ms - attempt.started_at_ms) / 1000.0)


def _ec2_item(attempt: BatchAttempt, host: Ec2Host) -> BilledItem:
    seconds = _duration_s(attempt)
    priced = [t for t in host.allowed_types if t in p.GPU_ON_DEMAND_USD_PER_HOUR]
    known = host.instance_type if host.instance_type in p.GPU_ON_DEMAND_USD_PER_HOUR else None
    instance = known or (max(priced, key=p.GPU_ON_DEMAND_USD_PER_HOUR.__getitem__) if priced else None)
    capacity = "spot" if host.spot else "on-demand"
    name = f"job {attempt.job_id} attempt {attempt.number} on {host.instance_type or 'an unidentified host'} ({capacity})"
    span = f"{seconds:.3f} s from the attempt's startedAt to stoppedAt (host boot, image pull and idle not included)"
    if instance is None:
        wanted = host.instance_type or ", ".join(host.allowed_types) or "none listed"
        return BilledItem(service="batch", item=name, quantity=seconds, unit="s", usd=None, bound="lower",
                          basis=f"{span}; no list price for {wanted}")
    hourly = p.gpu_hourly_price(instance)
    notes = []
    if known is None:
        notes.append(f"host type unknown: priced as {instance}, the dearest of {', '.join(host.allowed_types)}")
    if host.spot:
        notes.append("spot priced at on-demand (the spot price paid is not in the price list)")
    return BilledItem(service="batch", item=name, quantity=seconds, unit="s", usd=seconds / 3600 * hourly,
                      bound="mixed" if notes else "lower", basis=f"{span} × {instance} {_usd(hourly)}/h on-demand"
                      + "".join(f"; {note}" for note in notes))


def _fargate_item(attempt: BatchAttempt, task: FargateTask) -> BilledItem:
    seconds = _duration_s(attempt)
    billed = max(seconds, p.FARGATE_MINIMUM_BILLED_S)
    rates = p.fargate_prices(task.architecture)
    gb = task.memory_mib / MIB_PER_GB
    hourly = task.vcpus * rates.per_vcpu_hour + gb * rates.per_gb_hour
    share, capacity, rate = {
        False: (1.0, "on-demand", ""),
        True: (1 - p.SPOT_DISCOUNT, "Fargate Spot",
               f" × {1 - p.SPOT_DISCOUNT:.2f}: Fargate Spot (its compute environment), priced at on-demand less "
               f"the assumed {p.SPOT_DISCOUNT:.0%} (the spot price paid is not in the price list; AWS: up to 70% off)"),
        None: (1.0, "Fargate Spot or on-demand", "; its queue has Fargate Spot and on-demand Fargate, so which one "
                                                  "ran it is not known: priced at on-demand, an upper bound of its rate"),
    }[task.spot]
    return BilledItem(
        service="batch", item=f"job {attempt.job_id} attempt {attempt.number} on Fargate {task.vcpus:g} vCPU "
                              f"{gb:g} GB {task.architecture} ({capacity})", quantity=billed, unit="s",
        usd=billed / 3600 * hourly * share, bound="lower" if task.spot is False else "mixed",
        basis=f"{seconds:.3f} s from startedAt to stoppedAt (image pull not included), billed at least "
              f"{p.FARGATE_MINIMUM_BILLED_S:g} s × ({task.vcpus:g} vCPU × {_usd(rates.per_vcpu_hour)}/h + {gb:g} GB × "
              f"{_usd(rates.per_gb_hour)}/h on-demand){rate}")


def _batch_items(attempts: Iterable[BatchAttempt]) -> tuple[list[BilledItem], list[CostGap]]:
    items, gaps = [], []
    for attempt in attempts:
        if isinstance(attempt.platform, FargateTask):
            items.append(_fargate_item(attempt, attempt.platform))
        elif isinstance(attempt.platform, Ec2Host):
            items.append(_ec2_item(attempt, attempt.platform))
        else:
            gaps.append(CostGap(part=f"batch job {attempt.job_id} attempt {attempt.number}",
                                reason=f"ran {_duration_s(attempt):.3f} s on a platform (instance type or Fargate size) "
                                       "that could not be read"))
    return items, gaps


def _lambda_item(run: LambdaRun, prices: p.Prices) -> BilledItem:
    billed_ms = math.ceil(run.duration_ms)
    measured = f"{billed_ms} ms ({run.source})"
    if run.memory_mb is None:
        return BilledItem(service="lambda", item=run.name, quantity=billed_ms / 1000, unit="s", usd=None,
                          bound=run.bound, basis=f"{measured}; its memory size is unknown, so it is not priced")
    gb_s = billed_ms / 1000 * run.memory_mb / MIB_PER_GB
    rate = prices.lambda_per_gb_s(run.architecture)
    return BilledItem(
        service="lambda", item=run.name, quantity=billed_ms / 1000, unit="s",
        usd=gb_s * rate + prices.lambda_per_million_requests / 1e6, bound=run.bound,
        basis=f"{measured} × {run.memory_mb} MB = {gb_s:.4f} GB-s × {_usd(rate)} ({run.architecture}) "
              f"+ 1 request × {_usd(prices.lambda_per_million_requests)}/M")


def _seconds(items: list[BilledItem]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for item in items:
        if item.unit == "s":
            totals[item.service] = round(totals.get(item.service, 0.0) + item.quantity, 3)
    return totals


def job_cost(measured: JobMeasurements, *, prices: p.Prices = p.Prices()) -> JobCost:
    """Price ``measured`` with the one price table; parts that were not measured stay gaps, never guesses."""
    items, gaps = _batch_items(measured.batch_attempts)
    gaps += [CostGap(part=gap.part, reason=gap.reason) for gap in measured.gaps]
    items += [_lambda_item(run, prices) for run in measured.lambda_runs]
    if measured.state_transitions is not None:
        rate = prices.step_functions_per_1000_transitions
        items.append(BilledItem(
            service="step_functions", item="state transitions", quantity=measured.state_transitions,
            unit="transitions", usd=measured.state_transitions * rate / 1000, bound="lower",
            basis=f"{measured.state_transitions} states entered {measured.transitions_counted} × {_usd(rate)}/1k"))
    if (s3 := measured.s3_requests) is not None:
        items += [
            BilledItem(service="s3", item="PUT, COPY, POST, LIST requests", quantity=s3.puts, unit="requests",
                       usd=s3.puts * prices.s3_put_per_1000 / 1000, bound="lower",
                       basis=f"{s3.puts} counted ({s3.puts_counted}) × {_usd(prices.s3_put_per_1000)}/1k"),
            BilledItem(service="s3", item="GET and other requests", quantity=s3.gets, unit="requests",
                       usd=s3.gets * prices.s3_get_per_1000 / 1000, bound="lower",
                       basis=f"{s3.gets} counted ({s3.gets_counted}) × {_usd(prices.s3_get_per_1000)}/1k"),
        ]
    notes = []
    if measured.region is not None and measured.region != p.PRICE_REGION:
        notes.append(f"prices are {p.PRICE_REGION}'s; {measured.region} may differ (no regional factor applied)")
    return JobCost(
        price_list=p.PRICE_SOURCE, price_date=p.PRICE_DATE, seconds=_seconds(items),
        state_transitions=measured.state_transitions,
        s3_requests={"put": s3.puts, "get": s3.gets} if s3 is not None else {},
        items=items, usd=sum(item.usd for item in items if item.usd is not None), gaps=gaps, notes=notes)


def cost_bound(cost: JobCost) -> Bound:
    """How ``cost.usd`` relates to the bill: ``measured`` only when every item is and nothing is missing;
    ``lower``/``upper`` when every item errs the same way; ``mixed`` otherwise."""
    bounds = {item.bound for item in cost.items} - {"measured"}
    if cost.gaps or any(item.usd is None for item in cost.items):
        bounds.add("lower")
    return "measured" if not bounds else bounds.pop() if len(bounds) == 1 else "mixed"
