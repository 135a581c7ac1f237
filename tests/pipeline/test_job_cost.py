"""The cost of one job from its measurements, priced with the same table as ``build.py cost``."""

from __future__ import annotations

import pytest

from pipeline.contracts.results import Results
from pipeline.cost import prices
from pipeline.cost.job_cost import cost_bound, job_cost
from pipeline.cost.measurements import (
    BatchAttempt,
    Ec2Host,
    FargateTask,
    Gap,
    JobMeasurements,
    LambdaRun,
    S3Requests,
)

P = prices.Prices()


def _attempt(seconds: float, platform, number: int = 1) -> BatchAttempt:
    return BatchAttempt("job-1", number, 1_000_000, 1_000_000 + int(seconds * 1000), platform)


def _run(name: str, ms: float, memory_mb: int | None = 1024, bound="upper") -> LambdaRun:
    return LambdaRun(name, ms, memory_mb, "arm64", bound, "test")


def test_an_on_demand_gpu_attempt_costs_its_seconds_at_the_instance_list_price():
    cost = job_cost(JobMeasurements(batch_attempts=(_attempt(90, Ec2Host("g4dn.xlarge", ("g4dn.xlarge",))),)))
    (item,) = cost.items
    assert item.usd == pytest.approx(90 / 3600 * prices.GPU_ON_DEMAND_USD_PER_HOUR["g4dn.xlarge"])
    assert item.bound == "lower" and "host boot" in item.basis
    assert cost.seconds == {"batch": 90.0} and cost.usd == pytest.approx(item.usd)
    assert cost.price_list == prices.PRICE_SOURCE and cost.price_date == prices.PRICE_DATE


def test_spot_is_priced_at_on_demand_and_says_so():
    (item,) = job_cost(JobMeasurements(batch_attempts=(_attempt(60, Ec2Host("g5.xlarge", spot=True)),))).items
    assert item.usd == pytest.approx(60 / 3600 * prices.GPU_ON_DEMAND_USD_PER_HOUR["g5.xlarge"])
    assert item.bound == "mixed" and "spot priced at on-demand" in item.basis


def test_an_unidentified_host_is_priced_at_the_dearest_type_its_environment_allows():
    host = Ec2Host(None, ("g4dn.xlarge", "g5.xlarge", "g6.xlarge"))
    (item,) = job_cost(JobMeasurements(batch_attempts=(_attempt(36, host),))).items
    assert item.usd == pytest.approx(0.01 * prices.GPU_ON_DEMAND_USD_PER_HOUR["g5.xlarge"])
    assert item.bound == "mixed" and "priced as g5.xlarge, the dearest" in item.basis


def test_a_host_without_a_list_price_keeps_its_seconds_and_no_dollars():
    cost = job_cost(JobMeasurements(batch_attempts=(_attempt(10, Ec2Host("p5.48xlarge")),)))
    (item,) = cost.items
    assert item.usd is None and item.quantity == 10 and "no list price for p5.48xlarge" in item.basis
    assert cost.usd == 0 and cost_bound(cost) == "lower"


def test_fargate_bills_vcpu_and_memory_with_a_one_minute_minimum():
    task = FargateTask(vcpus=2, memory_mib=4096, architecture="x86_64")
    short, long = (job_cost(JobMeasurements(batch_attempts=(_attempt(s, task),))).items[0] for s in (20, 120))
    hourly = 2 * prices.FARGATE_ON_DEMAND["x86_64"].per_vcpu_hour + 4 * prices.FARGATE_ON_DEMAND["x86_64"].per_gb_hour
    assert short.quantity == prices.FARGATE_MINIMUM_BILLED_S and short.usd == pytest.approx(60 / 3600 * hourly)
    assert long.quantity == 120 and long.usd == pytest.approx(120 / 3600 * hourly)
    arm = job_cost(JobMeasurements(batch_attempts=(_attempt(120, FargateTask(2, 4096, "arm64")),))).items[0]
    assert arm.usd < long.usd


def test_a_fargate_attempt_is_priced_by_the_capacity_it_ran_on_and_labelled_when_that_is_unknown():
    on_demand, spot, unknown = (job_cost(JobMeasurements(batch_attempts=(
        _attempt(90, FargateTask(2, 4096, "arm64", spot=capacity)),))).items[0] for capacity in (False, True, None))
    arm = prices.FARGATE_ON_DEMAND["arm64"]
    hourly = 2 * arm.per_vcpu_hour + 4 * arm.per_gb_hour
    assert on_demand.usd == pytest.approx(90 / 3600 * hourly) and on_demand.bound == "lower"
    assert "(on-demand)" in on_demand.item and "Spot" not in on_demand.basis
    # known to have run on Fargate Spot: on-demand less the assumed discount, the assumption named
    assert spot.usd == pytest.approx(90 / 3600 * hourly * (1 - prices.SPOT_DISCOUNT)) and spot.bound == "mixed"
    assert "(Fargate Spot)" in spot.item and "less the assumed 60%" in spot.basis
    # a queue with both kinds: priced at on-demand, said to be an upper bound of the rate (the seconds stay a lower bound)
    assert unknown.usd == on_demand.usd and unknown.bound == "mixed"
    assert "not known" in unknown.basis and "upper bound of its rate" in unknown.basis
    assert cost_bound(job_cost(JobMeasurements(batch_attempts=(
        _attempt(90, FargateTask(2, 4096, "arm64", spot=None)),)))) == "mixed"


def test_each_attempt_is_billed_and_an_unreadable_platform_is_a_gap_not_a_guess():
    host = Ec2Host("g4dn.xlarge")
    cost = job_cost(JobMeasurements(batch_attempts=(_attempt(30, host, 1), _attempt(40, host, 2),
                                                    _attempt(50, None, 3))))
    assert [item.quantity for item in cost.items] == [30, 40]
    assert cost.seconds == {"batch": 70.0}
    (gap,) = cost.gaps
    assert "attempt 3" in gap.part and "50.000 s" in gap.reason


def test_lambda_is_memory_times_billed_milliseconds_plus_the_request():
    cost = job_cost(JobMeasurements(lambda_runs=(_run("ValidateUpload", 1499.2, 512),
                                                 _run("ComputeNutrition", 2000, 3008, "lower"))))
    validate, nutrition = cost.items
    assert validate.quantity == 1.5  # rounded up to the millisecond
    assert validate.usd == pytest.approx(1.5 * 0.5 * P.lambda_arm64_per_gb_s + P.lambda_per_million_requests / 1e6)
    assert nutrition.usd == pytest.approx(2 * 3008 / 1024 * P.lambda_arm64_per_gb_s + P.lambda_per_million_requests / 1e6)
    assert cost.seconds == {"lambda": 3.5}
    assert cost_bound(cost) == "mixed"  # one upper bound, one lower bound


def test_x86_lambda_uses_its_own_price():
    run = LambdaRun("f", 1000, 1024, "x86_64", "measured", "test")
    (item,) = job_cost(JobMeasurements(lambda_runs=(run,))).items
    assert item.usd == pytest.approx(P.lambda_x86_64_per_gb_s + P.lambda_per_million_requests / 1e6)


def test_a_lambda_of_unknown_memory_keeps_its_seconds_and_no_dollars():
    (item,) = job_cost(JobMeasurements(lambda_runs=(_run("ValidateUpload", 800, None),))).items
    assert item.usd is None and item.quantity == 0.8 and "memory size is unknown" in item.basis


def test_transitions_and_s3_requests_are_priced_per_request():
    cost = job_cost(JobMeasurements(state_transitions=5, transitions_counted="up to ComputeNutrition",
                                    s3_requests=S3Requests(puts=9, gets=3, puts_counted="test", gets_counted="test")))
    transitions, puts, gets = cost.items
    assert transitions.usd == pytest.approx(5 * P.step_functions_per_1000_transitions / 1000)
    assert "up to ComputeNutrition" in transitions.basis
    assert puts.usd == pytest.approx(9 * P.s3_put_per_1000 / 1000)
    assert gets.usd == pytest.approx(3 * P.s3_get_per_1000 / 1000)
    assert cost.state_transitions == 5 and cost.s3_requests == {"put": 9, "get": 3}


def test_nothing_measured_is_zero_dollars_with_every_gap_named():
    cost = job_cost(JobMeasurements(gaps=(Gap("batch", "the event carries no batch_job_id"),)))
    assert cost.items == [] and cost.usd == 0 and cost.gaps[0].reason == "the event carries no batch_job_id"
    assert cost_bound(cost) == "lower"


def test_a_region_other_than_the_price_lists_is_noted():
    assert job_cost(JobMeasurements(region="eu-west-1")).notes == [
        "prices are us-east-1's; eu-west-1 may differ (no regional factor applied)"]
    assert job_cost(JobMeasurements(region=prices.PRICE_REGION)).notes == []


def test_the_cost_round_trips_through_results_json():
    cost = job_cost(JobMeasurements(batch_attempts=(_attempt(12, Ec2Host("g6.xlarge")),),
                                    lambda_runs=(_run("ValidateUpload", 100),), state_transitions=4,
                                    s3_requests=S3Requests(1, 1, "test", "test")))
    results = Results(job_id="j", cost=cost)
    assert Results.model_validate_json(results.model_dump_json()).cost == cost
    assert Results.model_validate({"job_id": "j"}).cost is None  # results.json written before costs existed
