"""build.py cost: what the estimate counts, how it scales, what each toggle changes, bad arguments."""

from __future__ import annotations

import argparse
import dataclasses
import functools
import io
import json
from typing import Any

import pytest
from rich.console import Console

from ops.cost import prices as cost_prices
from ops.cost.arguments import add_cost_arguments, toggle_values, usage_from_args, usage_values
from ops.cost.command import render, run_cost
from ops.cost.deployment import path_choices, success_path
from ops.cost.estimate import Estimate, estimate_cost
from ops.cost.usage import CostInputError, Usage
from pipeline.config import load_config
from templates.catalogue import FUNCTIONS
from templates.network import INTERFACE_SERVICES, SUBNET_CIDRS


def _definition(env: str = "dev", **overrides: Any) -> dict[str, Any]:
    return json.loads(_definition_json(env, tuple(sorted(overrides.items()))))


@functools.cache
def _definition_json(env: str, items: tuple[tuple[str, Any], ...]) -> str:
    from states.analyze_meal import build_analyze_meal_definition

    return json.dumps(build_analyze_meal_definition(load_config(env, overrides=dict(items))))


def estimate(env: str = "dev", config: dict[str, Any] | None = None, **usage: Any) -> Estimate:
    """The estimate for ``config/{env}.toml`` with ``config`` overrides and ``usage`` assumptions."""
    return estimate_cost(load_config(env, overrides=config or {}), Usage(**usage), _definition(env, **(config or {})))


def lines(result: Estimate) -> dict[tuple[str, str], float]:
    """Monthly USD by (service, item)."""
    return {(line.service, line.item): result.monthly(line) for line in result.lines}


def gpu(result: Estimate) -> dict[str, float]:
    return {item: usd for (service, item), usd in lines(result).items() if service == "Batch (EC2 GPU)"}


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py cost")
    parser.add_argument("--env", default="dev")
    add_cost_arguments(parser)
    return parser.parse_args(argv)


def test_variable_costs_scale_linearly_in_jobs_and_fixed_costs_do_not():
    one, three = estimate(jobs_per_month=1000), estimate(jobs_per_month=3000)
    assert one.total("fixed") > 0 and one.total("variable") > 0
    assert one.total("fixed") == pytest.approx(three.total("fixed"))
    assert three.total("variable") == pytest.approx(3 * one.total("variable"))
    for line in one.lines:
        scale = 1 if line.kind == "fixed" else 3
        assert lines(three)[(line.service, line.item)] == pytest.approx(scale * one.monthly(line))
    assert one.variable_per_job == pytest.approx(three.variable_per_job)


def test_zero_jobs_pay_only_the_fixed_costs():
    idle = estimate(jobs_per_month=0)
    assert idle.total("fixed") > 0
    assert idle.total() == pytest.approx(idle.total("fixed"))
    assert idle.to_json()["total_per_job_usd"] is None


def test_interface_endpoints_are_counted_from_the_network_template_and_are_the_largest_fixed_cost():
    result = estimate(config={"network.mode": "endpoints"})
    endpoints = len(INTERFACE_SERVICES) * len(SUBNET_CIDRS)
    assert result.deployment.interface_endpoint_azs == endpoints
    assert lines(result)[("VPC", "interface endpoints")] == pytest.approx(endpoints * 730 * 0.01)
    largest = max((line for line in result.lines if line.kind == "fixed"), key=lambda line: line.usd)
    assert (largest.service, largest.item) == ("VPC", "interface endpoints")
    gemini = estimate(config={"analysis.backend": "gemini", "network.mode": "endpoints"})
    assert gemini.deployment.interface_endpoint_azs == endpoints + len(SUBNET_CIDRS)  # + Secrets Manager


def test_state_transitions_are_the_states_a_successful_execution_enters():
    """The success path follows Next from StartAt: the move to on-demand (a capacity fallback) and
    the failure path are not billed per job."""
    definition = _definition()
    paths = {path: success_path(definition, path_choices(definition, path)) for path in ("fargate", "gpu")}
    tail = ["ComputeNutrition", "MarkCompleted", "NotifySuccess", "Succeeded"]
    assert paths == {"fargate": ["ValidateUpload", "MarkAnalyzing", "ChooseCompute", "AnalyzeFramesCpu", *tail],
                     "gpu": ["ValidateUpload", "MarkAnalyzing", "ChooseCompute", "AnalyzeFrames", *tail]}
    assert estimate().deployment.transitions_per_job == {path: len(states) for path, states in paths.items()}
    single = _definition(**{"analysis.compute": "gpu"})
    assert success_path(single) == ["ValidateUpload", "MarkAnalyzing", "AnalyzeFrames", *tail]


def test_a_branching_state_machine_is_refused_rather_than_guessed():
    choice = {"StartAt": "Pick", "States": {"Pick": {"Type": "Choice", "Choices": [], "Default": "Done"},
                                            "Done": {"Type": "Succeed"}}}
    with pytest.raises(CostInputError, match="Choice state 'Pick'"):
        success_path(choice)
    assert success_path({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                                                    "B": {"Type": "Pass", "End": True}}}) == ["A", "B"]


def test_gpu_time_follows_the_stated_assumptions():
    result = estimate(config={"enable_spot_instances": False}, compute_path="gpu")
    billed_s = 40 + 10 * 0.5 + 6 * 0.5 + 300 + 120  # load + decode + keyframes + host start and idle
    assert gpu(result) == pytest.approx({
        "g4dn.xlarge on-demand": 1000 * billed_s / 3600 * cost_prices.gpu_hourly_price("g4dn.xlarge"),
        "100 GiB gp3 root volume": 1000 * 100 * 0.08 * billed_s / (730 * 3600),
    })
    longer = estimate(config={"enable_spot_instances": False}, minutes_per_video=2.5, gpu_seconds_per_keyframe=1.5,
                      compute_path="gpu")
    extra_s = 10 * 2.0 + 6 * 1.0
    assert gpu(longer)["g4dn.xlarge on-demand"] - gpu(result)["g4dn.xlarge on-demand"] == pytest.approx(
        1000 * extra_s / 3600 * 0.526)
    assert sum(gpu(estimate(instance_type="g5.xlarge", compute_path="gpu")).values()) > sum(
        gpu(estimate(compute_path="gpu")).values())


def test_spot_is_cheaper_than_on_demand_and_changes_only_the_gpu_lines():
    spot, on_demand = estimate(compute_path="gpu"), estimate(config={"enable_spot_instances": False}, compute_path="gpu")
    assert set(gpu(spot)) == {"g4dn.xlarge spot", "g4dn.xlarge on-demand", "100 GiB gp3 root volume"}
    # dev is public-egress: the host's public IPv4 is billed for as long as the host
    assert "g4dn.xlarge spot" not in gpu(on_demand)
    assert sum(gpu(spot).values()) < sum(gpu(on_demand).values())
    assert gpu(estimate(on_demand_share=1.0, compute_path="gpu"))["g4dn.xlarge spot"] == 0
    others = {k: v for k, v in lines(spot).items() if k[0] != "Batch (EC2 GPU)" and k[1] != "public IPv4 of the host"}
    assert others == {k: v for k, v in lines(on_demand).items()
                      if k[0] != "Batch (EC2 GPU)" and k[1] != "public IPv4 of the host"}


def _changed(before: Estimate, after: Estimate) -> set[tuple[str, str]]:
    old, new = lines(before), lines(after)
    return {key for key in old.keys() | new.keys() if old.get(key) != pytest.approx(new.get(key, -1))}


def test_waf_adds_its_web_acl_and_request_lines_only():
    changed = _changed(estimate(), estimate(config={"enable_waf": True}))
    assert changed == {("WAF", "web ACL + rules"), ("WAF", "requests")}
    waf = estimate(config={"enable_waf": True})
    assert waf.deployment.waf_rules >= 3  # the rules are counted from the template, each $1 a month
    assert lines(waf)[("WAF", "web ACL + rules")] == pytest.approx(5 + waf.deployment.waf_rules * 1)


def test_encryption_off_removes_the_kms_lines_only():
    changed = _changed(estimate(), estimate(config={"enable_encryption": False}))
    assert changed == {("KMS", "customer managed key"), ("KMS", "requests")}


def test_provisioned_concurrency_is_a_fixed_cost_per_api_function_memory():
    base = estimate()
    one, two = estimate(config={"provisioned_concurrent_executions": 1}), estimate(
        config={"provisioned_concurrent_executions": 2})
    api_gb = sum(spec.settings(load_config("dev")).memory_mb for spec in FUNCTIONS if spec.behind_api) / 1024
    pc = ("Lambda (arm64)", "provisioned concurrency")
    assert pc not in lines(base)
    assert lines(one)[pc] == pytest.approx(api_gb * 730 * 3600 * 0.0000033334)
    assert lines(two)[pc] == pytest.approx(2 * lines(one)[pc])
    assert _changed(base, one) == {pc, ("Lambda (arm64)", "duration")}
    assert lines(one)[("Lambda (arm64)", "duration")] < lines(base)[("Lambda (arm64)", "duration")]


def test_provisioned_dynamodb_capacity_replaces_request_pricing():
    result = estimate(config={"dynamodb_billing_mode": "PROVISIONED"})
    assert ("DynamoDB", "on-demand requests") not in lines(result)
    # two tables and the jobs table's status and owner indexes, 5 RCU and 5 WCU each
    assert result.deployment.provisioned_capacity == (20, 20)
    assert lines(result)[("DynamoDB", "provisioned capacity")] == pytest.approx(20 * (0.00013 + 0.00065) * 730)


def test_the_gemini_secret_is_a_fixed_cost_when_gemini_is_used():
    assert not any(line.service == "Secrets Manager" for line in estimate().lines)
    result = estimate(config={"nutrition.enable_llm_disambiguation": True})
    assert lines(result)[("Secrets Manager", "Gemini API key")] == pytest.approx(0.40)
    assert any("Gemini" in warning for warning in result.warnings)


def test_every_assumption_is_printed_with_the_estimate():
    out = io.StringIO()
    render(estimate(compute_path="gpu", config={"network.mode": "endpoints"}),
           Console(file=out, width=240, color_system=None))
    text = out.getvalue()
    for item in dataclasses.fields(Usage):
        assert "--" + item.name.replace("_", "-") in text
    assert "g4dn.xlarge" in text and cost_prices.PRICE_SOURCE in text.replace("\n", " ")
    assert "Largest fixed cost: VPC interface endpoints" in text


@pytest.mark.parametrize("argv, message", [
    (["--jobs-per-month", "-5"], "--jobs-per-month: must be at least 0, got -5"),
    (["--minutes-per-video", "0"], "--minutes-per-video: must be more than 0"),
    (["--spot-discount", "1.5"], "--spot-discount: must be from 0 to 1"),
    (["--jobs-per-month", "many"], "must be a number, got 'many'"),
    (["--gpu-seconds-per-keyframe", "nan"], "must be a number, got 'nan'"),
    (["--keyframes", "0"], "--keyframes: must be at least 1"),
    (["--lambda-seconds", "nope=1"], "function must be one of"),
])
def test_bad_arguments_are_refused_with_the_flag_named(argv, message, capsys):
    with pytest.raises(SystemExit) as exited:
        parse(*argv)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_help_lists_every_assumption_flag(capsys):
    with pytest.raises(SystemExit) as exited:
        parse("--help")
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert all("--" + item.name.replace("_", "-") in text for item in dataclasses.fields(Usage))
    assert "spot costs 40%" in text and "--no-waf" in text


def test_bad_assumptions_are_clear_errors():
    with pytest.raises(CostInputError, match="jobs_per_month must be 0 or more"):
        Usage(jobs_per_month=-1)
    with pytest.raises(CostInputError, match="max_video_seconds"):
        estimate(minutes_per_video=6)
    with pytest.raises(CostInputError, match="no list price for GPU instance type 'p5.48xlarge'"):
        estimate(instance_type="p5.48xlarge", compute_path="gpu")
    assert estimate(instance_type="p5.48xlarge", gpu_hourly_usd=98.32, compute_path="gpu").usage.gpu_hourly_usd == 98.32
    with pytest.raises(CostInputError, match="compute_path 'gpu' is not deployed"):
        estimate(config={"analysis.compute": "fargate"}, compute_path="gpu")


def run(args: argparse.Namespace, config) -> int:
    """``build.py cost`` as build.py runs it: the parsed flags read into values at the edge."""
    return run_cost(config, usage=usage_values(args), toggles=toggle_values(args), as_json=args.json)


def test_run_cost_prints_json_and_warns_outside_us_east_1(capsys):
    args = parse("--jobs-per-month", "250", "--lambda-seconds", "status=0.2", "--waf", "--json")
    assert usage_from_args(args).lambda_seconds["status"] == 0.2
    assert run(args, load_config("dev", overrides={"region": "eu-west-1"})) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    parts = data["fixed_monthly_usd"] + data["variable_monthly_usd"]
    assert data["total_monthly_usd"] == pytest.approx(parts, abs=0.02)
    assert data["assumptions"]["jobs_per_month"] == 250 and data["region"] == "eu-west-1"
    assert any(line["service"] == "WAF" for line in data["lines"])
    assert "prices are us-east-1's" in captured.err


def test_run_cost_returns_2_on_a_bad_assumption(capsys):
    assert run(parse("--minutes-per-video", "10"), load_config("dev")) == 2
    assert "error: minutes_per_video 10 exceeds max_video_seconds" in capsys.readouterr().err


def test_arguments_fit_build_py_common_flags(capsys):
    """Wired as build.py wires every command: its common flags first, then ours, lazily."""
    import build

    parser = argparse.ArgumentParser(prog="build.py cost")
    build._common(parser)
    build._extend_lazily(parser, "cost", "cost", "ops.cost.arguments", "add_cost_arguments")
    args = parser.parse_args(["--env", "prod", "--jobs-per-month", "10", "--json"])
    assert build.cmd_cost(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["env"] == "prod" and any(line["service"] == "WAF" for line in data["lines"])


def fargate(result: Estimate) -> dict[str, float]:
    return {item: usd for (service, item), usd in lines(result).items() if service == "Batch (Fargate)"}


def test_fargate_time_follows_the_stated_assumptions_with_a_one_minute_minimum():
    on_demand = {"enable_spot_instances": False}
    result = estimate(compute_path="fargate", config=on_demand, fargate_startup_seconds=50, cpu_seconds_per_keyframe=2,
                      cpu_decode_seconds_per_video_second=0.2, fargate_weights_seconds=0)
    billed_s = 50 + 0.2 * 30 + 6 * 2  # start-up + decode of a 30 s video + keyframes
    arm = cost_prices.FARGATE_ON_DEMAND["arm64"]
    assert fargate(result) == pytest.approx({"2 vCPU arm64": 1000 * 2 * billed_s / 3600 * arm.per_vcpu_hour,
                                             "4 GB memory": 1000 * 4 * billed_s / 3600 * arm.per_gb_hour})
    short = estimate(compute_path="fargate", config=on_demand, fargate_startup_seconds=5, cpu_seconds_per_keyframe=0.5)
    assert fargate(short)["2 vCPU arm64"] == pytest.approx(1000 * 2 * 60 / 3600 * arm.per_vcpu_hour)
    assert lines(result)[("VPC", "public IPv4 of the task")] == pytest.approx(1000 * billed_s / 3600 * 0.005)
    private = estimate(compute_path="fargate", config={"network.mode": "endpoints"})
    assert ("VPC", "public IPv4 of the task") not in lines(private)
    assert not gpu(result) and not fargate(estimate(compute_path="gpu"))


def test_with_spot_the_fargate_task_is_priced_spot_for_most_jobs_and_on_demand_for_the_rest():
    spot, on_demand = estimate(compute_path="fargate"), estimate(config={"enable_spot_instances": False},
                                                                 compute_path="fargate")
    assert spot.deployment.fargate_spot and not on_demand.deployment.fargate_spot
    share = 0.1 + 0.9 * (1 - 0.6)  # on_demand_share at on-demand, the rest at on-demand less spot_discount
    assert fargate(spot) == pytest.approx({item: usd * share for item, usd in fargate(on_demand).items()})
    basis = {line.item: line.basis for line in spot.lines if line.service == "Batch (Fargate)"}
    assert all("0.46 (90% of jobs on Fargate Spot at on-demand less 60%, 10% on on-demand Fargate)" in text
               for text in basis.values())
    assert all(line.basis.endswith("(on-demand)") for line in on_demand.lines if line.service == "Batch (Fargate)")
    # the task's public IPv4 and every other line are billed alike
    assert _changed(on_demand, spot) == {("Batch (Fargate)", "2 vCPU arm64"), ("Batch (Fargate)", "4 GB memory")}
    assert fargate(estimate(compute_path="fargate", on_demand_share=1.0)) == pytest.approx(fargate(on_demand))
    deeper = estimate(compute_path="fargate", spot_discount=0.7)
    assert fargate(deeper)["2 vCPU arm64"] == pytest.approx(fargate(on_demand)["2 vCPU arm64"] * (0.1 + 0.9 * 0.3))


def test_the_defaults_price_the_path_choose_compute_takes():
    """A 30 s video goes to Fargate under auto; a video longer than cpu_max_video_seconds to a GPU host."""
    assert estimate().usage.compute_path == "fargate"
    config = load_config("dev", overrides={"max_video_seconds": 3600})
    longer = estimate_cost(config, Usage(minutes_per_video=config.analysis.cpu_max_video_seconds / 60 + 1),
                           _definition(**{"max_video_seconds": 3600}))
    assert longer.usage.compute_path == "gpu"
    assert estimate(config={"analysis.compute": "gpu"}).usage.compute_path == "gpu"


def test_dev_defaults_keep_the_fixed_cost_under_five_dollars_a_month():
    """Issue goal: public egress (no interface endpoints), no dashboard, no per-method metrics."""
    dev, prod = estimate(), estimate("prod")
    assert dev.total("fixed") <= 5.0 < 100 < prod.total("fixed")
    assert lines(dev)[("API Gateway", "method-level metrics")] == 0 and lines(dev)[("CloudWatch", "dashboard")] == 0
    assert {item for service, item in lines(dev) if service == "ECR"} == {"GPU image", "CPU image"}


def test_json_shows_each_path_side_by_side(capsys):
    assert run(parse("--json"), load_config("dev")) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["paths"]) == {"fargate", "gpu"} and data["compute_path"] == "fargate"
    assert data["paths"]["fargate"]["variable_per_job_usd"] == data["variable_per_job_usd"]
    assert data["paths"]["gpu"]["variable_per_job_usd"] > 5 * data["paths"]["fargate"]["variable_per_job_usd"]


def test_a_gpu_warm_pool_is_a_fixed_cost_of_whole_hosts_and_removes_the_host_start_per_job():
    cold = estimate(compute_path="gpu")
    warm = estimate(config={"min_vcpus": 6}, compute_path="gpu")  # 6 vCPUs: two 4-vCPU g4dn.xlarge hosts
    spot_hour = 0.526 * (1 - 0.6) + 100 * 0.08 / 730 + 0.005  # spot host + its root volume + public IPv4 (dev)
    assert lines(warm)[("Batch (EC2 GPU)", "warm pool (min_vcpus)")] == pytest.approx(2 * spot_hour * 730)
    assert warm.total("fixed") - cold.total("fixed") == pytest.approx(2 * spot_hour * 730)
    assert sum(gpu(warm).values()) - lines(warm)[("Batch (EC2 GPU)", "warm pool (min_vcpus)")] == 0
    assert warm.variable_per_job < cold.variable_per_job
    on_demand = estimate(config={"min_vcpus": 4, "enable_spot_instances": False}, compute_path="gpu")
    assert lines(on_demand)[("Batch (EC2 GPU)", "warm pool (min_vcpus)")] == pytest.approx(
        (0.526 + 100 * 0.08 / 730 + 0.005) * 730)


def test_corrections_are_priced_only_when_assumed():
    none, some = estimate(), estimate(corrections_per_job=2)
    assert some.variable_per_job > none.variable_per_job
    assert "17 invocations/job" in next(l.basis for l in some.lines if l.item == "requests" and "Lambda" in l.service)


def test_decoding_while_the_weights_load_bills_the_longer_of_the_two():
    def billed(weights_s: float) -> float:
        result = estimate(compute_path="fargate", fargate_startup_seconds=50, cpu_seconds_per_keyframe=2,
                          cpu_decode_seconds_per_video_second=0.2, fargate_weights_seconds=weights_s)
        return lines(result)[("VPC", "public IPv4 of the task")] / 1000 * 3600 / 0.005
    assert billed(0) == pytest.approx(50 + 6 + 12)
    assert billed(4) == pytest.approx(50 + 2 + 12)  # 4 of the 6 s of decoding hidden by the load
    assert billed(20) == pytest.approx(50 + 12)  # all of it
