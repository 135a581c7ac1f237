"""The usage assumptions of ``build.py cost``: each one a field with its unit and meaning, printed with
the estimate and overridable by the flag of the same name."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from pipeline.cost.prices import SPOT_DISCOUNT

LAMBDA_SECONDS = {"upload": 0.15, "status": 0.05, "results": 0.1, "corrections": 2.0, "validate_upload": 1.5,
                  "start_analysis": 0.1, "execution_ended": 0.1, "nutrition_rag": 4.0}
"""Average billed duration per invocation (s), cold-start init included (billed since August 2025).
``execution_ended`` (one conditional write and one publish, as ``start_analysis``) runs only for an
execution stopped, timed out or failed outside its Catch: never for the successful job the estimate prices."""


WEIGHTS_LOAD_SECONDS = 2.9
"""Seconds the CPU task spends loading its weights from local disk: ``load_models: 2.90 s`` printed by
``benchmarks/perception.py --all-frames`` (2 cores, load average 3.4). The copy from the models bucket,
which overlaps the video too, is not in it (not measurable off AWS), so the overlap is a lower bound."""


class CostInputError(ValueError):
    """An argument or assumption of the estimate is out of range; the message names it."""


def _assume(default: Any, unit: str, meaning: str) -> Any:
    return field(default=default, metadata={"unit": unit, "help": meaning})


@dataclass(frozen=True)
class Usage:
    """How the deployment is used: every assumption of the estimate, printed with it."""

    jobs_per_month: float = _assume(1000.0, "jobs", "successful analysis jobs per month")
    minutes_per_video: float = _assume(0.5, "min", "average length of an uploaded video")
    keyframes: int | None = _assume(None, "frames", "keyframes analysed per video (default: analysis.max_keyframes)")
    compute_path: str | None = _assume(None, "", "gpu or fargate: the path priced (default: where ChooseCompute sends "
                                                 "a video of minutes_per_video, or the only path deployed)")
    gpu_seconds_per_keyframe: float = _assume(0.5, "s", "GPU time to detect, segment and measure one keyframe")
    cpu_seconds_per_keyframe: float | None = _assume(
        None, "s", "Fargate (CPU) time per keyframe (default: analysis.cpu_seconds_per_keyframe, from "
                   "benchmarks/perception.py --all-frames)")
    cpu_decode_seconds_per_video_second: float | None = _assume(
        None, "s", "Fargate decoding per second of video (default: analysis.cpu_decode_seconds_per_video_second)")
    fargate_startup_seconds: float | None = _assume(
        None, "s", "billed before the analysis: image pull and weights loaded (default: analysis.cpu_startup_s)")
    fargate_weights_seconds: float = _assume(
        WEIGHTS_LOAD_SECONDS, "s", "of that start-up, loading the weights, which runs while the video downloads and "
                                   "decodes (gpu_tasks.analyze loads them on a thread): the job bills the longer of "
                                   "the two, not their sum (default: load_models of benchmarks/perception.py)")
    decode_seconds_per_video_minute: float = _assume(10.0, "s", "decoding and keyframe scoring per video minute")
    model_load_seconds: float = _assume(40.0, "s", "copy the ~1 GB of weights from S3 and load them, per job")
    host_startup_seconds: float = _assume(300.0, "s", "GPU host boot, ECS join and ~8 GB image pull (billed)")
    host_idle_seconds: float = _assume(120.0, "s", "billed idle time before Batch scales the host in")
    jobs_per_host: float = _assume(1.0, "jobs", "jobs sharing one host start (1: sparse jobs, each starts a host)")
    instance_type: str | None = _assume(None, "", "GPU type priced (default: cheapest of gpu_instance_types)")
    gpu_hourly_usd: float | None = _assume(None, "USD/h", "on-demand price override for the GPU instance")
    spot_discount: float = _assume(SPOT_DISCOUNT, "fraction", "spot price below on-demand, EC2 Spot and Fargate Spot "
                                                              "alike (0.6: spot costs 40%; AWS: Fargate Spot up to 70% off)")
    on_demand_share: float = _assume(0.1, "fraction", "share of jobs placed on the on-demand fallback when spot is on")
    status_polls_per_job: int = _assume(10, "requests", "GET /jobs/{id} calls per job (plus POST and GET results)")
    corrections_per_job: float = _assume(0.0, "requests", "POST /jobs/{id}/corrections per job (a person's edits; "
                                                          "none assumed)")
    video_mb_per_minute: float = _assume(100.0, "MB", "upload size per video minute (1080p phone H.264)")
    overlay_kb: float = _assume(150.0, "kB", "one overlay JPEG per analysed keyframe")
    results_json_kb: float = _assume(60.0, "kB", "detections.json + results.json of one job")
    results_months: int = _assume(12, "months", "months of results kept (the results bucket never expires them)")
    s3_gets_per_job: int = _assume(30, "requests", "S3 GETs: probe range reads, video, model files, detections")
    log_kb_per_job: float = _assume(60.0, "kB", "CloudWatch Logs ingested per job (Lambda, API, states, GPU)")
    kms_requests_per_job: int = _assume(20, "requests", "KMS calls per job with the customer key (S3 bucket keys on)")
    dynamodb_writes_per_job: int = _assume(13, "WRU", "4 job writes + 7 status-index writes + 2 idempotency")
    models_gb: float = _assume(1.0, "GB", "model weights in the models bucket")
    artifacts_gb: float = _assume(0.5, "GB", "Lambda zips and knowledge base in the artifacts bucket")
    image_gb: float = _assume(8.0, "GB", "GPU image stored in ECR (compressed)")
    cpu_image_gb: float = _assume(0.6, "GB", "CPU image (Fargate) stored in ECR, compressed: Python slim and CPU torch")
    lambda_seconds: dict[str, float] = _assume(None, "s", "billed seconds per invocation, by function")

    def __post_init__(self) -> None:
        if self.lambda_seconds is None:
            object.__setattr__(self, "lambda_seconds", dict(LAMBDA_SECONDS))
        unknown = set(self.lambda_seconds) - set(LAMBDA_SECONDS)
        if unknown:
            raise CostInputError(f"lambda_seconds: unknown functions {sorted(unknown)}; "
                                 f"known: {sorted(LAMBDA_SECONDS)}")
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            values = value.values() if isinstance(value, dict) else [value]
            if any(isinstance(v, (int, float)) and v < 0 for v in values):
                raise CostInputError(f"{item.name} must be 0 or more, got {value}")
        if self.compute_path not in (None, "gpu", "fargate"):
            raise CostInputError(f"compute_path must be gpu or fargate, got {self.compute_path!r}")
        for name in ("spot_discount", "on_demand_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise CostInputError(f"{name} must be a fraction from 0 to 1, got {getattr(self, name)}")
        for name in ("minutes_per_video", "jobs_per_host", "results_months"):
            if getattr(self, name) <= 0:
                raise CostInputError(f"{name} must be more than 0, got {getattr(self, name)}")
