"""The monthly estimate: priced lines per service, fixed (USD per month) or variable (USD per job).

Inputs: the :class:`~ops.cost.deployment.Deployment` counted from the template, the
:class:`~ops.cost.usage.Usage` assumptions and the :class:`~ops.cost.prices.Prices`. Every line
carries its basis (quantities times unit prices) so the printed estimate hides no constant.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Literal

from ops.cost import prices as p
from ops.cost.deployment import Deployment, deployment
from ops.cost.usage import CostInputError, Usage
from pipeline.config import Config

API_METHOD_METRICS = 5
"""Method-level metrics API Gateway publishes per method: Count, 4XXError, 5XXError, Latency, IntegrationLatency."""
IT_MIN_OBJECT_KB = 128
"""Lifecycle rules do not move objects under 128 KB to Intelligent-Tiering; they stay in S3 Standard."""
JOB_ITEM_KB = 1.0
"""Size of one job item in DynamoDB (kB); its status index projects ALL, so it is stored twice."""


@dataclass(frozen=True)
class CostLine:
    """One priced item: ``fixed`` USD per month, or ``variable`` USD per job (times jobs per month)."""

    service: str
    item: str
    kind: Literal["fixed", "variable"]
    usd: float
    basis: str


@dataclass(frozen=True)
class Estimate:
    env: str
    region: str
    usage: Usage
    deployment: Deployment
    lines: tuple[CostLine, ...]
    warnings: tuple[str, ...]

    def monthly(self, line: CostLine) -> float:
        return line.usd if line.kind == "fixed" else line.usd * self.usage.jobs_per_month

    def total(self, kind: str | None = None) -> float:
        return sum(self.monthly(line) for line in self.lines if kind in (None, line.kind))

    @property
    def variable_per_job(self) -> float:
        return sum(line.usd for line in self.lines if line.kind == "variable")

    def to_json(self) -> dict[str, Any]:
        jobs = self.usage.jobs_per_month
        return {
            "env": self.env, "region": self.region, "prices": p.PRICE_SOURCE, "warnings": list(self.warnings),
            "compute_path": self.usage.compute_path,
            "assumptions": dataclasses.asdict(self.usage), "deployment": dataclasses.asdict(self.deployment),
            "lines": [{**dataclasses.asdict(line), "monthly_usd": round(self.monthly(line), 4)}
                      for line in self.lines],
            "fixed_monthly_usd": round(self.total("fixed"), 2),
            "variable_monthly_usd": round(self.total("variable"), 2),
            "total_monthly_usd": round(self.total(), 2), "variable_per_job_usd": round(self.variable_per_job, 5),
            "total_per_job_usd": round(self.total() / jobs, 5) if jobs else None,
        }


def _usd(price: float) -> str:
    """A unit price without exponent notation: ``$0.0000133334``."""
    return "$" + f"{price:.10f}".rstrip("0").rstrip(".")


def _gb(kb: float) -> float:
    return kb / p.MB_PER_GB / p.MB_PER_GB


def _gpu_instance(dep: Deployment, u: Usage) -> tuple[str, float]:
    """The instance type priced (default: the cheapest Batch may launch) and its on-demand USD/h."""
    priced = [t for t in dep.instance_types if t in p.GPU_ON_DEMAND_USD_PER_HOUR] or list(dep.instance_types)
    instance = u.instance_type or min(priced, key=lambda t: p.GPU_ON_DEMAND_USD_PER_HOUR.get(t, 0.0))
    try:
        return instance, u.gpu_hourly_usd if u.gpu_hourly_usd is not None else p.gpu_hourly_price(instance)
    except ValueError as error:
        raise CostInputError(str(error)) from None


def _fargate_lines(dep: Deployment, u: Usage, prices: p.Prices) -> list[CostLine]:
    """One Fargate task per job, billed per second from its image pull, one minute at least; with Fargate Spot
    first, ``1 - on_demand_share`` of jobs at the spot discount (a retried interruption is not priced)."""
    video_s = u.minutes_per_video * 60
    decode_s = u.cpu_decode_seconds_per_video_second * video_s
    hidden_s = min(decode_s, u.fargate_weights_seconds, u.fargate_startup_seconds)
    task_s = u.fargate_startup_seconds + decode_s - hidden_s + u.keyframes * u.cpu_seconds_per_keyframe
    billed_s = max(task_s, p.FARGATE_MINIMUM_BILLED_S)
    rates = p.fargate_prices(dep.fargate_architecture)
    shape = (f"{billed_s:.0f} s billed/job ({u.fargate_startup_seconds:g} start-up + "
             f"{u.cpu_decode_seconds_per_video_second:g}×{video_s:g} s decode, {hidden_s:g} s of it while the "
             f"weights load + {u.keyframes}×{u.cpu_seconds_per_keyframe:g} s; one minute at least)")
    on_demand = u.on_demand_share if dep.fargate_spot else 1.0
    share = on_demand + (1 - on_demand) * (1 - u.spot_discount)  # of the on-demand price, on average per job
    capacity = (f" × {share:.2f} ({1 - on_demand:.0%} of jobs on Fargate Spot at on-demand less "
                f"{u.spot_discount:.0%}, {on_demand:.0%} on on-demand Fargate)" if dep.fargate_spot else " (on-demand)")
    lines = [
        CostLine("Batch (Fargate)", f"{dep.fargate_vcpus:g} vCPU {dep.fargate_architecture}", "variable",
                 dep.fargate_vcpus * billed_s / 3600 * rates.per_vcpu_hour * share,
                 f"{shape} × {dep.fargate_vcpus:g} vCPU × {_usd(rates.per_vcpu_hour)}/vCPU-h{capacity}"),
        CostLine("Batch (Fargate)", f"{dep.fargate_memory_gb:g} GB memory", "variable",
                 dep.fargate_memory_gb * billed_s / 3600 * rates.per_gb_hour * share,
                 f"{billed_s:.0f} s × {dep.fargate_memory_gb:g} GB × {_usd(rates.per_gb_hour)}/GB-h{capacity}"),
    ]
    if dep.public_ips:
        lines.append(CostLine("VPC", "public IPv4 of the task", "variable", billed_s / 3600 * prices.public_ipv4_per_hour,
                              f"{billed_s:.0f} s × {_usd(prices.public_ipv4_per_hour)}/h (network.mode public-egress)"))
    return lines


def _warm_pool_lines(dep: Deployment, u: Usage, prices: p.Prices) -> list[CostLine]:
    """``min_vcpus``: the hosts Batch keeps running around the clock, in the first queue's environment
    (spot when on, at the spot discount), each with its root volume and, in public-egress, its address."""
    instance, hourly = _gpu_instance(dep, u)
    try:
        hosts = math.ceil(dep.warm_vcpus / p.gpu_instance_vcpus(instance))
    except ValueError as error:
        raise CostInputError(str(error)) from None
    rate = hourly * (1 - u.spot_discount) if dep.spot else hourly
    per_host = rate + dep.root_volume_gib * prices.ebs_gp3_per_gb_month / p.HOURS_PER_MONTH \
        + (prices.public_ipv4_per_hour if dep.public_ips else 0.0)
    return [CostLine("Batch (EC2 GPU)", "warm pool (min_vcpus)", "fixed", hosts * per_host * p.HOURS_PER_MONTH,
                     f"{dep.warm_vcpus} vCPUs = {hosts} × {instance} × 730 h × ${per_host:.4f}/h "
                     f"({'spot: on-demand less ' + format(u.spot_discount, '.0%') if dep.spot else 'on-demand'}"
                     f" + {dep.root_volume_gib} GiB gp3{' + public IPv4' if dep.public_ips else ''})")]


def _gpu_lines(dep: Deployment, u: Usage, prices: p.Prices) -> list[CostLine]:
    instance, hourly, keyframes = u.instance_type, u.gpu_hourly_usd, u.keyframes
    if dep.warm_vcpus:
        task_s = u.model_load_seconds + u.decode_seconds_per_video_minute * u.minutes_per_video \
            + keyframes * u.gpu_seconds_per_keyframe
        return [CostLine("Batch (EC2 GPU)", f"{instance} warm pool", "variable", 0.0,
                         f"task {task_s:.0f} s on a host of the warm pool, paid in its fixed line (no host start per "
                         f"job while the pool has room; jobs beyond it start hosts as without a pool)")]
    task_s = u.model_load_seconds + u.decode_seconds_per_video_minute * u.minutes_per_video \
        + keyframes * u.gpu_seconds_per_keyframe
    billed_s = task_s + (u.host_startup_seconds + u.host_idle_seconds) / u.jobs_per_host
    on_demand = u.on_demand_share if dep.spot else 1.0
    spot_hourly = hourly * (1 - u.spot_discount)
    shape = (f"{billed_s:.0f} s billed/job = task {task_s:.0f} s ({u.model_load_seconds:g} load + "
             f"{u.decode_seconds_per_video_minute:g}×{u.minutes_per_video:g} min decode + {keyframes}×"
             f"{u.gpu_seconds_per_keyframe:g} s) + host {u.host_startup_seconds + u.host_idle_seconds:g} s/"
             f"{u.jobs_per_host:g} jobs")
    lines = [CostLine("Batch (EC2 GPU)", f"{instance} on-demand", "variable",
                      on_demand * billed_s / 3600 * hourly, f"{on_demand:.0%} of jobs × {shape} × {_usd(hourly)}/h")]
    if dep.spot:
        lines.append(CostLine("Batch (EC2 GPU)", f"{instance} spot", "variable",
                              (1 - on_demand) * billed_s / 3600 * spot_hourly,
                              f"{1 - on_demand:.0%} of jobs × {billed_s:.0f} s × ${spot_hourly:.4f}/h "
                              f"(on-demand less {u.spot_discount:.0%})"))
    lines.append(CostLine("Batch (EC2 GPU)", f"{dep.root_volume_gib} GiB gp3 root volume", "variable",
                          dep.root_volume_gib * prices.ebs_gp3_per_gb_month * billed_s / (p.HOURS_PER_MONTH * 3600),
                          f"{dep.root_volume_gib} GiB × "
                          f"{_usd(prices.ebs_gp3_per_gb_month)}/GB-month for {billed_s:.0f} s"))
    if dep.public_ips:
        lines.append(CostLine("VPC", "public IPv4 of the host", "variable", billed_s / 3600 * prices.public_ipv4_per_hour,
                              f"{billed_s:.0f} s × {_usd(prices.public_ipv4_per_hour)}/h (network.mode public-egress)"))
    return lines


def _lambda_lines(dep: Deployment, u: Usage, api_requests: dict[str, int], prices: p.Prices) -> list[CostLine]:
    # execution_ended: 0, it runs only for an execution that did not succeed
    invocations = {**api_requests, "validate_upload": 1, "start_analysis": 1, "nutrition_rag": 1, "execution_ended": 0}
    unpriced = sorted(set(dep.function_memory_mb) - set(u.lambda_seconds))
    if unpriced:
        raise CostInputError(f"no lambda_seconds assumption for the deployed functions {unpriced} "
                             f"(ops/cost/usage.py LAMBDA_SECONDS)")
    gb_s = {key: invocations.get(key, 0) * u.lambda_seconds[key] * mb / 1024
            for key, mb in dep.function_memory_mb.items()}
    warm = sum(gb_s[key] for key in dep.provisioned_gb if dep.provisioned_gb[key] > 0)
    lines = [
        CostLine("Lambda (arm64)", "requests", "variable",
                 sum(invocations.values()) * prices.lambda_per_million_requests / 1e6,
                 f"{sum(invocations.values())} invocations/job × {_usd(prices.lambda_per_million_requests)}/M"),
        CostLine("Lambda (arm64)", "duration", "variable",
                 (sum(gb_s.values()) - warm) * prices.lambda_arm64_per_gb_s
                 + warm * prices.lambda_arm64_provisioned_duration_per_gb_s,
                 f"{sum(gb_s.values()) - warm:.2f} GB-s/job × {_usd(prices.lambda_arm64_per_gb_s)}"
                 + (f" + {warm:.3f} GB-s on provisioned × {_usd(prices.lambda_arm64_provisioned_duration_per_gb_s)}"
                    if warm else "")
                 + " (seconds per invocation: see lambda_seconds)"),
    ]
    if any(dep.provisioned_gb.values()):
        gb = sum(dep.provisioned_gb.values())
        lines.append(CostLine("Lambda (arm64)", "provisioned concurrency", "fixed",
                              gb * p.HOURS_PER_MONTH * 3600 * prices.lambda_arm64_provisioned_per_gb_s,
                              f"{gb:g} GB kept warm ({', '.join(dep.provisioned_gb)}) × 730 h × "
                              f"{_usd(prices.lambda_arm64_provisioned_per_gb_s)}/GB-s"))
    return lines


def _storage_lines(config: Config, dep: Deployment, u: Usage, prices: p.Prices) -> list[CostLine]:
    keyframes = u.keyframes
    video_gb = u.video_mb_per_minute * u.minutes_per_video / p.MB_PER_GB
    overlays_gb = _gb(keyframes * u.overlay_kb)
    tiered = u.overlay_kb >= IT_MIN_OBJECT_KB
    ages = [prices.s3_it_frequent_per_gb_month if age < 1 else prices.s3_it_infrequent_per_gb_month if age < 3
            else prices.s3_it_archive_instant_per_gb_month for age in range(u.results_months)]
    overlay_rate = sum(ages) if tiered else prices.s3_standard_per_gb_month * u.results_months
    json_usd = _gb(u.results_json_kb) * prices.s3_standard_per_gb_month * u.results_months
    results_usd = overlays_gb * overlay_rate + json_usd
    if tiered:
        results_usd += keyframes * (u.results_months * prices.s3_it_monitoring_per_1000_objects_month
                                    + prices.s3_lifecycle_transition_per_1000) / 1000
    puts, gets = 3 + keyframes, u.s3_gets_per_job + keyframes
    fixed_gb = u.models_gb + u.artifacts_gb
    return [
        CostLine("S3", "videos (retained)", "variable",
                 video_gb * config.s3_video_retention_days / p.DAYS_PER_MONTH * prices.s3_standard_per_gb_month,
                 f"{video_gb * 1024:.0f} MB × {config.s3_video_retention_days} days × "
                 f"{_usd(prices.s3_standard_per_gb_month)}/GB-month"),
        CostLine("S3", "results (Intelligent-Tiering)", "variable", results_usd,
                 f"{keyframes}×{u.overlay_kb:g} kB overlays {'tiered' if tiered else 'Standard'} + "
                 f"{u.results_json_kb:g} kB JSON (Standard, <128 kB), kept {u.results_months} months (steady state)"),
        CostLine("S3", "requests", "variable",
                 puts * prices.s3_put_per_1000 / 1000 + gets * prices.s3_get_per_1000 / 1000,
                 f"{puts} PUT × {_usd(prices.s3_put_per_1000)}/1k + {gets} GET × {_usd(prices.s3_get_per_1000)}/1k"),
        CostLine("S3", "models + artifacts", "fixed", fixed_gb * prices.s3_standard_per_gb_month,
                 f"{fixed_gb:g} GB × {_usd(prices.s3_standard_per_gb_month)}/GB-month (old versions not counted)"),
        *[CostLine("ECR", f"{name} image", "fixed", gb * prices.ecr_storage_per_gb_month,
                   f"{gb:g} GB × {_usd(prices.ecr_storage_per_gb_month)}/GB-month")
          for name, gb, path in (("GPU", u.image_gb, "gpu"), ("CPU", u.cpu_image_gb, "fargate")) if path in dep.paths],
        CostLine("Data transfer", "results downloaded", "variable",
                 (_gb(u.results_json_kb) + overlays_gb) * prices.transfer_out_per_gb,
                 f"{u.results_json_kb + keyframes * u.overlay_kb:g} kB (results + overlays, once) × "
                 f"{_usd(prices.transfer_out_per_gb)}/GB out (100 GB free tier not applied)"),
    ]


def _dynamodb_lines(config: Config, dep: Deployment, u: Usage, reads: int, prices: p.Prices) -> list[CostLine]:
    storage_gb = 2 * _gb(JOB_ITEM_KB) * config.job_ttl_days / p.DAYS_PER_MONTH
    rate = prices.dynamodb_storage_per_gb_month + prices.dynamodb_pitr_per_gb_month
    lines = [CostLine("DynamoDB", "job items + backups", "variable", storage_gb * rate,
                      f"{JOB_ITEM_KB:g} kB ×2 (index) for {config.job_ttl_days} days × "
                      f"{_usd(rate)}/GB-month (storage + PITR)")]
    if dep.provisioned_capacity is None:
        lines.append(CostLine("DynamoDB", "on-demand requests", "variable",
                              u.dynamodb_writes_per_job * prices.dynamodb_per_million_wru / 1e6
                              + reads * prices.dynamodb_per_million_rru / 1e6,
                              f"{u.dynamodb_writes_per_job} WRU × "
                              f"{_usd(prices.dynamodb_per_million_wru)}/M + {reads} RRU × "
                              f"{_usd(prices.dynamodb_per_million_rru)}/M"))
    else:
        rcu, wcu = dep.provisioned_capacity
        lines.append(CostLine("DynamoDB", "provisioned capacity", "fixed",
                              (rcu * prices.dynamodb_rcu_hour + wcu * prices.dynamodb_wcu_hour) * p.HOURS_PER_MONTH,
                              f"{rcu} RCU × {_usd(prices.dynamodb_rcu_hour)}/h + {wcu} WCU × "
                              f"{_usd(prices.dynamodb_wcu_hour)}/h "
                              "(tables + indexes) × 730 h"))
    return lines


def _service_lines(config: Config, dep: Deployment, u: Usage, requests: int, prices: p.Prices) -> list[CostLine]:
    log_gb = _gb(u.log_kb_per_job)
    traces = requests + 2
    lines = [
        CostLine("API Gateway", "REST requests", "variable", requests * prices.api_rest_per_million_requests / 1e6,
                 f"{requests} requests/job × {_usd(prices.api_rest_per_million_requests)}/M"
                 + (" (API key and usage plan: no charge)" if config.enable_api_key else "")),
        CostLine("API Gateway", "method-level metrics", "fixed",
                 dep.api_methods * API_METHOD_METRICS * prices.api_custom_metric_per_month * dep.api_method_metrics,
                 f"{dep.api_methods} methods × {API_METHOD_METRICS} metrics × "
                 f"{_usd(prices.api_custom_metric_per_month)} (upper bound: each method called every hour)"
                 if dep.api_method_metrics else "off (monitoring.api_method_metrics = false): stage metrics only, free"),
        CostLine("Step Functions", "state transitions", "variable",
                 dep.transitions_per_job[u.compute_path] * prices.step_functions_per_1000_transitions / 1000,
                 f"{dep.transitions_per_job[u.compute_path]} transitions/successful job on the {u.compute_path} path "
                 f"(no retries) × {_usd(prices.step_functions_per_1000_transitions)}/1k"),
        CostLine("VPC", "interface endpoints", "fixed",
                 dep.interface_endpoint_azs * p.HOURS_PER_MONTH * prices.vpc_interface_endpoint_per_az_hour,
                 f"{dep.interface_endpoint_azs} endpoint-AZs × 730 h × "
                 f"{_usd(prices.vpc_interface_endpoint_per_az_hour)}/h "
                 "(data via the free S3 gateway endpoint; $0.01/GB processed not counted)"),
        CostLine("SNS", "notifications", "variable",
                 prices.sns_per_million_publishes / 1e6 + (prices.sns_email_per_100k / 1e5 if dep.email else 0),
                 f"1 publish/job × {_usd(prices.sns_per_million_publishes)}/M"
                 + (f" + 1 e-mail × {_usd(prices.sns_email_per_100k)}/100k" if dep.email else "")),
        CostLine("CloudWatch", "logs ingested + stored", "variable",
                 log_gb * (prices.logs_ingest_per_gb
                           + prices.logs_storage_per_gb_month * config.log_retention_days / p.DAYS_PER_MONTH),
                 f"{u.log_kb_per_job:g} kB/job × "
                 f"{_usd(prices.logs_ingest_per_gb)}/GB + {config.log_retention_days} days "
                 f"× {_usd(prices.logs_storage_per_gb_month)}/GB-month"),
        CostLine("CloudWatch", "alarms", "fixed", dep.alarm_metrics * prices.alarm_per_metric_month,
                 f"{dep.alarm_metrics} alarm metrics × {_usd(prices.alarm_per_metric_month)}"),
        CostLine("CloudWatch", "dashboard", "fixed", dep.dashboards * prices.dashboard_per_month,
                 f"{dep.dashboards} × {_usd(prices.dashboard_per_month)} (3 free per account not applied)"),
        CostLine("X-Ray", "traces", "variable", traces * prices.xray_per_million_traces / 1e6,
                 f"{traces} traces/job (API requests + execution + start) × {_usd(prices.xray_per_million_traces)}/M"),
        CostLine("EventBridge", "upload and Batch events", "variable", prices.eventbridge_aws_service_events,
                 "AWS service events on the default bus: no charge"),
    ]
    if dep.kms_keys:
        lines += [CostLine("KMS", "customer managed key", "fixed", dep.kms_keys * prices.kms_key_per_month,
                           f"{dep.kms_keys} key × "
                           f"{_usd(prices.kms_key_per_month)} (+$1 per yearly rotation, up to $3)"),
                  CostLine("KMS", "requests", "variable", u.kms_requests_per_job * prices.kms_per_10k_requests / 1e4,
                           f"{u.kms_requests_per_job} requests/job × {_usd(prices.kms_per_10k_requests)}/10k")]
    if dep.waf_rules is not None:
        lines += [CostLine("WAF", "web ACL + rules", "fixed",
                           prices.waf_web_acl_per_month + dep.waf_rules * prices.waf_rule_per_month,
                           f"{_usd(prices.waf_web_acl_per_month)} + {dep.waf_rules} rules × "
                           f"{_usd(prices.waf_rule_per_month)}"),
                  CostLine("WAF", "requests", "variable", requests * prices.waf_per_million_requests / 1e6,
                           f"{requests} requests/job × {_usd(prices.waf_per_million_requests)}/M")]
    if dep.secrets:
        calls = int(config.analysis.backend == "gemini") + int(config.nutrition.enable_llm_disambiguation)
        lines += [CostLine("Secrets Manager", "Gemini API key", "fixed", dep.secrets * prices.secret_per_month,
                           f"{dep.secrets} secret × {_usd(prices.secret_per_month)}"),
                  CostLine("Secrets Manager", "API calls", "variable", calls * prices.secrets_per_10k_calls / 1e4,
                           f"{calls} GetSecretValue/job × {_usd(prices.secrets_per_10k_calls)}/10k")]
    return lines


def _given(value: float | None, default: float) -> float:
    return default if value is None else value


def default_path(config: Config, usage: Usage, dep: Deployment) -> str:
    """The path a video of ``minutes_per_video`` takes: the only one deployed, or ChooseCompute's pick."""
    if len(dep.paths) == 1:
        return dep.paths[0]
    return "fargate" if usage.minutes_per_video * 60 <= config.analysis.cpu_max_video_seconds else "gpu"


def estimate_paths(config: Config, usage: Usage, definition: dict[str, Any], *,
                   prices: p.Prices = p.Prices()) -> dict[str, Estimate]:
    """The estimate of each compute path the config deploys, with the same assumptions otherwise."""
    paths = deployment(config, definition).paths
    return {path: estimate_cost(config, dataclasses.replace(usage, compute_path=path), definition, prices=prices)
            for path in paths}


def estimate_cost(config: Config, usage: Usage, definition: dict[str, Any], *,
                  prices: p.Prices = p.Prices()) -> Estimate:
    """The monthly estimate for ``config`` used as ``usage`` (``definition``: the AnalyzeMeal ASL).

    Raises :class:`CostInputError` when an assumption does not fit the config (a video longer than
    ``max_video_seconds``, a GPU type without a list price and no ``gpu_hourly_usd``)."""
    if usage.minutes_per_video * 60 > config.max_video_seconds:
        raise CostInputError(f"minutes_per_video {usage.minutes_per_video:g} exceeds max_video_seconds "
                             f"({config.max_video_seconds} s) of config {config.environment}")
    dep = deployment(config, definition)
    analysis = config.analysis
    path = usage.compute_path or default_path(config, usage, dep)
    if path not in dep.paths:
        raise CostInputError(f"compute_path {path!r} is not deployed by config {config.environment} "
                             f"(analysis.compute = {analysis.compute!r}: {', '.join(dep.paths)})")
    keyframes = usage.keyframes if usage.keyframes is not None else analysis.max_keyframes
    usage = dataclasses.replace(
        usage, keyframes=keyframes, compute_path=path,
        cpu_seconds_per_keyframe=_given(usage.cpu_seconds_per_keyframe, analysis.cpu_seconds_per_keyframe),
        cpu_decode_seconds_per_video_second=_given(usage.cpu_decode_seconds_per_video_second,
                                                   analysis.cpu_decode_seconds_per_video_second),
        fargate_startup_seconds=_given(usage.fargate_startup_seconds, analysis.cpu_startup_s))
    if path == "gpu":
        instance, hourly = _gpu_instance(dep, usage)
        usage = dataclasses.replace(usage, instance_type=instance, gpu_hourly_usd=hourly)
    api_requests = {"upload": 1, "status": usage.status_polls_per_job, "results": 1,
                    "corrections": usage.corrections_per_job}
    requests = sum(api_requests.values())
    lines = [
        *_service_lines(config, dep, usage, requests, prices),
        *_lambda_lines(dep, usage, api_requests, prices),
        *(_gpu_lines(dep, usage, prices) if path == "gpu" else _fargate_lines(dep, usage, prices)),
        *(_warm_pool_lines(dep, usage, prices) if dep.warm_vcpus else []),
        *_storage_lines(config, dep, usage, prices),
        # every GET reads the job item once (GetItem up to 4 kB: 1 RRU)
        *_dynamodb_lines(config, dep, usage, api_requests["status"] + api_requests["results"], prices),
    ]
    warnings = []
    if config.region != p.PRICE_REGION:
        warnings.append(f"prices are {p.PRICE_REGION}'s; {config.region} may differ (no regional factor applied)")
    if config.analysis.backend == "gemini" or config.nutrition.enable_llm_disambiguation:
        warnings.append("Gemini API charges (Google) are not included")
    return Estimate(config.environment, config.region, usage, dep, tuple(sorted(lines, key=lambda l: l.service)),
                    tuple(warnings))
