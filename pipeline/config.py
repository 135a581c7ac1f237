"""Typed, validated settings: one TOML file per environment under ``config/``.

Every setting of the Terraform design this replaces lives here, with its unit in the name or the
docstring. ``load_config`` fails before anything is deployed with a :class:`ConfigError` that names
the key, the offending value and what is allowed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.validation import problems

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
GPU_INSTANCE_FAMILIES = ("g4dn", "g5", "g6", "g6e")
_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,30}[a-z0-9]$")
_EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
API_GATEWAY_INTEGRATION_TIMEOUT_S = 29
"""API Gateway (REST) ends an integration after 29 s: a function behind it must finish sooner."""
API_FUNCTION_SETTINGS = ("upload", "status", "results", "corrections")
"""``config.functions`` entries that serve API Gateway routes."""
COGNITO_SIGN_IN_SCOPE = "aws.cognito.signin.user.admin"
"""The scope Amazon Cognito puts in every access token of a user pool (sign-in with a password included)."""
LOOPBACK_HTTP_PATTERN = r"http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/\S*)?"
"""Plain-HTTP issuers allowed: this machine only (a test's issuer, the embedded AWS); every other one is https."""


class ConfigError(ValueError):
    """A setting is missing or invalid; ``problems`` lists ``(key, value, allowed)`` triples."""

    def __init__(self, source: str, problems: list[tuple[str, Any, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{key} = {value!r}: {allowed}" for key, value, allowed in problems]
        super().__init__(f"invalid configuration in {source}:\n  " + "\n  ".join(lines))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FunctionSettings(_Strict):
    """Memory (MB) and timeout (s) of one Lambda function."""

    memory_mb: int = Field(ge=128, le=10240)
    timeout_s: int = Field(ge=1, le=900)


class FunctionsSettings(_Strict):
    """Per-function sizing; the API routes keep the Terraform design's upload/status/results split."""

    upload: FunctionSettings = FunctionSettings(memory_mb=512, timeout_s=25)
    status: FunctionSettings = FunctionSettings(memory_mb=256, timeout_s=10)
    results: FunctionSettings = FunctionSettings(memory_mb=512, timeout_s=25)
    corrections: FunctionSettings = FunctionSettings(memory_mb=2048, timeout_s=25)
    """Loads the knowledge base at a cold start (as nutrition_rag); below API Gateway's 29 s like every API function."""
    nutrition: FunctionSettings = FunctionSettings(memory_mb=3008, timeout_s=300)
    validate_upload: FunctionSettings = FunctionSettings(memory_mb=1024, timeout_s=60)
    start_analysis: FunctionSettings = FunctionSettings(memory_mb=256, timeout_s=15)
    execution_ended: FunctionSettings = FunctionSettings(memory_mb=256, timeout_s=15)
    authorizer: FunctionSettings = FunctionSettings(memory_mb=256, timeout_s=10)
    """The Lambda authorizer of ``auth.issuer_url``: fetches the issuer's keys at a cold start (5 s each at most)."""


class ModelRef(_Strict):
    """A Hugging Face model id with its pinned revision (a commit hash or tag)."""

    id: str = Field(min_length=3)
    revision: str = Field(min_length=1)


class ModelsSettings(_Strict):
    """The perception and text models; one place for every model id."""

    detector: ModelRef = ModelRef(id="google/owlv2-base-patch16-ensemble",
                                  revision="cfd3195ba4ea9592eec887ded089f4c08eff231d")
    segmenter: ModelRef = ModelRef(id="facebook/sam2.1-hiera-tiny", revision="de431c4043854a71d8101e17995dfe596bf101a5")
    depth: ModelRef = ModelRef(id="depth-anything/Depth-Anything-V2-Metric-Indoor-Small-hf",
                               revision="8078d68a9c75a972131914f6afd0c1723be0da7f")
    text_encoder: ModelRef = ModelRef(id="sentence-transformers/all-MiniLM-L6-v2", revision="main")


FARGATE_MEMORY_MIB = {1: (2048, 8192), 2: (4096, 16384), 4: (8192, 30720), 8: (16384, 61440), 16: (32768, 122880)}
"""Fargate's memory range (MiB) per vCPU count; within it, memory goes in steps of 1024 MiB (4096 MiB
for 8 vCPUs and up, which the ranges' bounds respect)."""


class AnalysisSettings(_Strict):
    """Settings of the analysis task, on either compute path.

    ``compute`` chooses where AnalyzeFrames runs: ``gpu`` (EC2 GPU hosts, spot then on-demand),
    ``fargate`` (a CPU task on Batch Fargate: no host to boot, no idle capacity) or ``auto``: Fargate when
    the CPU path is predicted to finish within ``cpu_time_budget_s`` for the validated video (the
    Choice state ChooseCompute compares its duration with :attr:`cpu_max_video_seconds`), GPU otherwise.

    ``backend`` chooses the perception: ``transformers`` (the models), ``gemini`` (a hosted VLM) or
    ``scene``: no models, a rendered scene's ground truth served for videos rendered from it, the scene
    files found where the models would be (what ``make demo`` runs on the embedded AWS without weights).
    """

    backend: Literal["transformers", "gemini", "scene"] = "transformers"
    compute: Literal["fargate", "gpu", "auto"] = "auto"
    cpu_seconds_per_keyframe: float = Field(
        default=2.72, gt=0,
        description="seconds the CPU path needs per keyframe when each needs its own detection, segmentation "
                    "and depth: benchmarks/perception.py --all-frames on 2 cores at the production sizes (best of "
                    "the runs on a quiet machine: detect 1.04, depth 0.46, segment 1.12)")
    cpu_decode_seconds_per_video_second: float = Field(
        default=0.2, ge=0, description="seconds of decoding and keyframe scoring per second of video, on 2 vCPUs")
    cpu_startup_s: float = Field(
        default=60.0, ge=0,
        description="seconds before the CPU task analyses: Fargate image pull and the weights copied and loaded")
    cpu_time_budget_s: int = Field(
        default=240, ge=30, le=3600, description="auto: the longest predicted CPU analysis still sent to Fargate (s)")
    fargate_vcpus: Literal[1, 2, 4, 8, 16] = 2
    fargate_memory_mib: int = Field(default=4096, ge=2048, le=122880)
    max_keyframes: int = Field(default=6, ge=1, le=64)
    detection_threshold: float = Field(default=0.2, gt=0, lt=1)
    field_of_view_deg: float = Field(default=69.0, gt=20, lt=150, description="horizontal FOV prior, degrees")
    batch_job_timeout_s: int = Field(default=1800, ge=60, le=86400,
                                     description="seconds one attempt of the Batch job may run")
    capacity_wait_s: int = Field(
        default=900, ge=600, le=86400,
        description="seconds a job may wait RUNNABLE for capacity (a GPU host, a Fargate task) on one queue (spot, "
                    "then on-demand) before Batch cancels it; AWS Batch takes 600 s at least")
    host_startup_s: int = Field(
        default=600, ge=60, le=3600,
        description="seconds allowed per attempt for a host to boot, join ECS and pull the image")
    batch_job_attempts: int = Field(default=3, ge=1, le=10,
                                    description="attempts of the Batch job when its capacity goes away (a GPU host's "
                                                "termination or spot reclaim, a Fargate Spot interruption)")

    @property
    def queue_task_timeout_s(self) -> int:
        """Seconds one AnalyzeFrames task (one queue) may take in all: waiting for capacity, then every
        attempt with its host start-up. Batch cancels a job stuck RUNNABLE after ``capacity_wait_s``, so
        the state machine's timeout never fires first while Batch is still doing its part."""
        return self.capacity_wait_s + self.batch_job_attempts * (self.batch_job_timeout_s + self.host_startup_s)
    batch_job_memory_mib: int = Field(default=14336, ge=1024)
    batch_job_vcpus: int = Field(default=4, ge=1, le=96)

    @property
    def cpu_max_video_seconds(self) -> int:
        """The longest video (s) whose CPU analysis is predicted within ``cpu_time_budget_s``: the budget
        less start-up and ``max_keyframes`` keyframes, divided by the decoding rate."""
        spare = self.cpu_time_budget_s - self.cpu_startup_s - self.max_keyframes * self.cpu_seconds_per_keyframe
        if self.cpu_decode_seconds_per_video_second == 0:
            return 86400 if spare >= 0 else 0
        return max(0, int(spare / self.cpu_decode_seconds_per_video_second))

    @model_validator(mode="after")
    def _fargate_fits(self) -> "AnalysisSettings":
        low, high = FARGATE_MEMORY_MIB[self.fargate_vcpus]
        if not low <= self.fargate_memory_mib <= high or self.fargate_memory_mib % 1024:
            raise ValueError(f"analysis.fargate_memory_mib ({self.fargate_memory_mib}) must be a multiple of 1024 from "
                             f"{low} to {high} for {self.fargate_vcpus} Fargate vCPUs")
        if self.compute == "auto" and self.cpu_max_video_seconds == 0:
            raise ValueError(f"analysis.compute = 'auto' would never choose Fargate: start-up "
                             f"({self.cpu_startup_s:g} s) and {self.max_keyframes} keyframes × "
                             f"{self.cpu_seconds_per_keyframe:g} s exceed cpu_time_budget_s ({self.cpu_time_budget_s})")
        return self


class BackfillSettings(_Strict):
    """``build.py backfill``: the BackfillMeals Distributed Map, one AnalyzeMeal execution per video.

    ``max_concurrency`` (executions at once) defaults to :attr:`Config.analyses_at_once`: more would
    leave Batch jobs waiting RUNNABLE, and a queue cancels a job that waits longer than
    ``analysis.capacity_wait_s`` (NO_GPU_CAPACITY / NO_FARGATE_CAPACITY) while no video is analysed
    sooner. ``tolerated_failure_percentage`` of the videos may fail (bad uploads in an archive) before
    the Map Run itself fails with ``States.ExceedToleratedFailureThreshold``.
    """

    max_concurrency: int | None = Field(default=None, ge=1, le=10_000,
                                        description="AnalyzeMeal executions at once; default: what Batch runs at once")
    tolerated_failure_percentage: int = Field(default=10, ge=0, le=100,
                                              description="percent of the videos that may fail (0-100)")


class NetworkSettings(_Strict):
    """Where the analysis tasks run and how they reach AWS.

    ``endpoints``: private subnets, no internet route; interface endpoints (ECR, ECS, Logs, STS) at
    about $100 a month. ``public-egress``: public subnets, each task or host with a public IP and a
    security group with no inbound rule (nothing can connect to it; it can reach out over HTTPS); no
    interface endpoints, no NAT. Both keep the free S3 and DynamoDB gateway endpoints.
    """

    mode: Literal["endpoints", "public-egress"] = "endpoints"


class MonitoringSettings(_Strict):
    """Monitoring with a monthly price of its own (alarms are always on)."""

    dashboard: bool = Field(default=True, description="the CloudWatch dashboard ($3 a month)")
    api_method_metrics: bool = Field(
        default=True, description="per-method API Gateway metrics (custom metrics, up to $12 a month)")


class NutritionSettings(_Strict):
    """Settings of the nutrition engine."""

    data_types: tuple[str, ...] = ("foundation_food", "sr_legacy_food", "survey_fndds_food")
    top_k: int = Field(default=5, ge=1, le=50)
    min_confidence: float = Field(default=0.45, ge=0, le=1)
    enable_llm_disambiguation: bool = False


class GeminiSettings(_Strict):
    """Gemini (google-genai); the key itself lives in Secrets Manager, never here."""

    model: str = "gemini-2.5-flash"
    secret_name: str = "gemini-api-key"
    timeout_s: float = Field(default=20.0, gt=0, le=120)


class AuthSettings(_Strict):
    """Who may call the API (README "Security").

    ``mode``: ``none`` (anyone who can reach the API; every job is readable by every caller), ``api_key``
    (API Gateway checks ``x-api-key``; every holder of the key reads every job) or ``jwt``: every route
    but ``/health`` needs a bearer token, a job belongs to the token's subject and only its owner sees it.
    In ``jwt`` mode the stack creates a Cognito user pool and app client unless ``issuer_url`` (an OIDC
    issuer) and ``audience`` name another identity provider; then no pool is created and a Lambda
    authorizer (``lambdas.authorizer.handler``) checks that issuer's tokens.
    ``required_scope`` is the OAuth scope every call's access token must carry (403 without it).
    """

    mode: Literal["none", "api_key", "jwt"] = "none"
    issuer_url: str | None = Field(
        default=None, description="an OIDC issuer (https://...; http:// on 127.0.0.1 or localhost only, for tests), "
                                  "instead of the stack's pool")
    audience: str | None = Field(default=None, min_length=1, max_length=256,
                                 description="the 'aud' the issuer's access tokens carry for this API")
    required_scope: str = Field(
        default=COGNITO_SIGN_IN_SCOPE, min_length=1, max_length=256, pattern=r"^\S+$",
        description="OAuth scope a token needs; the default is the one Cognito puts in every user-pool access token")
    authorizer_cache_s: int = Field(
        default=300, ge=0, le=3600,
        description="seconds API Gateway keeps the Lambda authorizer's answer for a token (issuer_url only; 0: none)")
    self_sign_up: bool = Field(default=False, description="the stack's pool lets people create their own account")
    access_token_minutes: int = Field(default=60, ge=5, le=1440, description="lifetime of the pool's access tokens")

    @field_validator("issuer_url")
    @classmethod
    def _issuer(cls, value: str | None) -> str | None:
        if value is not None and not (re.fullmatch(r"https://[^\s/]+(/\S*)?", value)
                                      or re.fullmatch(LOOPBACK_HTTP_PATTERN, value)):
            raise ValueError("an https:// URL of an OIDC issuer (its /.well-known/openid-configuration must answer); "
                             "http:// only on 127.0.0.1 or localhost")
        return value.rstrip("/") if value else value

    @model_validator(mode="after")
    def _issuer_with_audience(self) -> "AuthSettings":
        if (self.issuer_url is None) != (self.audience is None):
            raise ValueError("issuer_url and audience go together: set both for another identity provider, "
                             "or neither for the stack's own Cognito user pool")
        if self.issuer_url is not None and self.mode != "jwt":
            raise ValueError(f"auth.issuer_url is set but auth.mode is {self.mode!r}: set mode = \"jwt\" to check "
                             "that issuer's tokens, or leave issuer_url and audience out")
        if self.issuer_url is not None and self.required_scope == COGNITO_SIGN_IN_SCOPE:
            raise ValueError(f"auth.required_scope {COGNITO_SIGN_IN_SCOPE!r} is what Cognito puts in its own tokens; "
                             "with issuer_url set it to a scope your identity provider grants this API")
        return self

    @property
    def uses_own_user_pool(self) -> bool:
        """``jwt`` mode with no other issuer: the stack creates the Cognito user pool and app client."""
        return self.mode == "jwt" and self.issuer_url is None

    @property
    def uses_oidc_issuer(self) -> bool:
        """``jwt`` mode with ``issuer_url``: a Lambda authorizer checks that issuer's tokens, no user pool."""
        return self.mode == "jwt" and self.issuer_url is not None


@dataclass(frozen=True)
class ComputePathCapacity:
    """What one compute path of AnalyzeFrames runs at once.

    ``max_vcpus`` is the ceiling of each compute environment, as AWS counts quotas per capacity kind
    (spot and on-demand apart). With spot a path has two environments, each in a queue of its own:
    a job goes to the spot queue and waits there while spot is full; it moves to the on-demand queue
    only when Batch cancels it for want of spot capacity. So jobs start at once up to one
    environment's worth, and run at once up to both environments' worth (spot jobs still running
    while moved ones run on-demand)."""

    name: str
    """``fargate`` or ``gpu``."""
    job_vcpus: int
    """vCPUs of one job: ``analysis.fargate_vcpus`` or ``analysis.batch_job_vcpus``."""
    spot: bool
    """``enable_spot_instances``: a spot environment and an on-demand one, else on-demand only."""
    max_vcpus: int
    """Each environment's vCPU ceiling."""

    @property
    def environments(self) -> int:
        return 2 if self.spot else 1

    @property
    def jobs_per_environment(self) -> int:
        """Jobs one environment runs at once: ``max_vcpus`` // ``job_vcpus`` (at least 1)."""
        return max(1, self.max_vcpus // self.job_vcpus)

    @property
    def jobs_at_most(self) -> int:
        """Jobs the path may run at once, every environment full."""
        return self.jobs_per_environment * self.environments

    @property
    def vcpus_at_most(self) -> int:
        """vCPUs the path may use at once: ``max_vcpus`` per environment."""
        return self.max_vcpus * self.environments


class Config(_Strict):
    """All settings of one environment."""

    region: str = "us-east-1"
    project_name: str = "nutrition-video"
    environment: str = "dev"
    notification_email: str | None = None
    enable_spot_instances: bool = True
    max_vcpus: int = Field(
        default=16, ge=1, le=1024,
        description="vCPU ceiling of each compute environment (with spot a path has two, spot and on-demand, "
                    "so it may use twice this at once: Config.compute_paths)")
    min_vcpus: int = Field(
        default=0, ge=0, le=1024,
        description="GPU warm pool: vCPUs Batch keeps running in the first GPU compute environment (spot when on) "
                    "even with no job, so a job skips the host start; billed around the clock (build.py cost)")
    gpu_instance_types: tuple[str, ...] = ("g4dn.xlarge", "g5.xlarge", "g6.xlarge")
    s3_video_retention_days: int = Field(default=7, ge=1, le=3650)
    dynamodb_billing_mode: Literal["PAY_PER_REQUEST", "PROVISIONED"] = "PAY_PER_REQUEST"
    dynamodb_read_capacity_units: int = Field(default=5, ge=1, le=40000, description="per table, PROVISIONED only")
    dynamodb_write_capacity_units: int = Field(default=5, ge=1, le=40000, description="per table, PROVISIONED only")
    enable_encryption: bool = True
    cors_origins: tuple[str, ...] = ("*",)
    enable_waf: bool = False
    provisioned_concurrent_executions: int = Field(default=0, ge=0, le=100)
    reserve_lambda_concurrency: bool = Field(
        default=True,
        description="cap nutrition_rag with reserved concurrency; needs an account concurrency quota above 100 "
                    "(new accounts may have 10: set false there)")
    max_upload_mb: int = Field(default=500, ge=1, le=5120)
    max_video_seconds: int = Field(default=300, ge=1, le=3600)
    max_video_pixels: int = Field(default=3840 * 2160, ge=64 * 64, description="width × height limit")
    job_ttl_days: int = Field(default=30, ge=1, le=3650)
    log_retention_days: Literal[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653] = 30
    api_throttle_rate: float = Field(default=20.0, gt=0, description="requests per second")
    api_throttle_burst: int = Field(default=40, ge=1)
    functions: FunctionsSettings = FunctionsSettings()
    models: ModelsSettings = ModelsSettings()
    analysis: AnalysisSettings = AnalysisSettings()
    network: NetworkSettings = NetworkSettings()
    backfill: BackfillSettings = BackfillSettings()
    monitoring: MonitoringSettings = MonitoringSettings()
    nutrition: NutritionSettings = NutritionSettings()
    gemini: GeminiSettings = GeminiSettings()
    auth: AuthSettings = AuthSettings()

    @field_validator("region")
    @classmethod
    def _region(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z]{2}(-gov)?-[a-z]+-\d", value):
            raise ValueError("an AWS region such as us-east-1")
        return value

    @field_validator("project_name", "environment")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME_PATTERN.fullmatch(value):
            raise ValueError("3-32 characters: lower-case letters, digits and '-', starting with a letter")
        return value

    @field_validator("notification_email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value and not _EMAIL_PATTERN.fullmatch(value):
            raise ValueError("an e-mail address, or leave it out")
        return value or None

    @field_validator("gpu_instance_types")
    @classmethod
    def _gpu_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("at least one GPU instance type")
        for instance_type in value:
            family = instance_type.split(".", 1)[0]
            if family not in GPU_INSTANCE_FAMILIES or "." not in instance_type:
                raise ValueError(f"instance types of the families {', '.join(GPU_INSTANCE_FAMILIES)}")
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for origin in value:
            if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
                raise ValueError("'*' or origins such as https://app.example.com (no path)")
        return value

    @model_validator(mode="after")
    def _batch_fits(self) -> "Config":
        for path in self.compute_paths:
            if path.job_vcpus > self.max_vcpus:
                setting = "fargate_vcpus" if path.name == "fargate" else "batch_job_vcpus"
                raise ValueError(f"analysis.{setting} ({path.job_vcpus}) exceeds max_vcpus ({self.max_vcpus}): "
                                 f"no {path.name} job would fit a compute environment")
        if self.min_vcpus > self.max_vcpus:
            raise ValueError(f"min_vcpus ({self.min_vcpus}) exceeds max_vcpus ({self.max_vcpus})")
        if self.min_vcpus and self.analysis.compute == "fargate":
            raise ValueError("min_vcpus keeps GPU hosts warm, but analysis.compute = 'fargate' deploys no GPU queue")
        return self

    @model_validator(mode="after")
    def _api_functions_finish_in_time(self) -> "Config":
        for name in API_FUNCTION_SETTINGS:
            timeout_s = getattr(self.functions, name).timeout_s
            if timeout_s >= API_GATEWAY_INTEGRATION_TIMEOUT_S:
                raise ValueError(
                    f"functions.{name}.timeout_s ({timeout_s}) must be below API Gateway's "
                    f"{API_GATEWAY_INTEGRATION_TIMEOUT_S} s integration timeout, or callers get 504 while it still runs")
        return self

    @property
    def stack_name(self) -> str:
        """CloudFormation stack name, ``{project_name}-{environment}``."""
        return f"{self.project_name}-{self.environment}"

    def resource_name(self, suffix: str) -> str:
        """Physical name of a named resource, ``{project}-{env}-{suffix}``."""
        return f"{self.stack_name}-{suffix}"

    @property
    def compute_paths(self) -> tuple[ComputePathCapacity, ...]:
        """The compute paths ``analysis.compute`` deploys (Fargate first, as ChooseCompute orders them)
        and what each runs at once."""
        paths = []
        if self.analysis.compute in ("fargate", "auto"):
            paths.append(ComputePathCapacity("fargate", self.analysis.fargate_vcpus, self.enable_spot_instances,
                                              self.max_vcpus))
        if self.analysis.compute in ("gpu", "auto"):
            paths.append(ComputePathCapacity("gpu", self.analysis.batch_job_vcpus, self.enable_spot_instances,
                                              self.max_vcpus))
        return tuple(paths)

    @property
    def analyses_at_once(self) -> int:
        """Analysis jobs that start at once without waiting, on the smallest deployed path: the jobs one
        compute environment holds (:attr:`ComputePathCapacity.jobs_per_environment`), as a job is
        submitted to one environment's queue (spot when on) and waits there while it is full."""
        return min(path.jobs_per_environment for path in self.compute_paths)

    @property
    def analyses_at_most(self) -> int:
        """Analysis jobs that may run at once, every deployed compute environment full: the sum over the
        paths of :attr:`ComputePathCapacity.jobs_at_most` (with spot, jobs still on spot while others,
        moved after a spot shortage, run on-demand). nutrition_rag's reserved concurrency."""
        return sum(path.jobs_at_most for path in self.compute_paths)

    @property
    def backfill_max_concurrency(self) -> int:
        """AnalyzeMeal executions a backfill runs at once: ``backfill.max_concurrency``, else
        :attr:`analyses_at_once`."""
        return self.backfill.max_concurrency or self.analyses_at_once

    @property
    def enable_api_key(self) -> bool:
        """API Gateway checks ``x-api-key`` (``auth.mode = "api_key"``)."""
        return self.auth.mode == "api_key"


def _problems(error: ValidationError, raw: dict[str, Any]) -> list[tuple[str, Any, str]]:
    found = []
    for problem in problems(error.errors()):
        allowed = problem.message
        if problem.kind == "extra_forbidden":
            allowed = "unknown setting; see config/dev.toml for the allowed keys"
        found.append((problem.where or "(file)", problem.value, allowed))
    return found


def config_from_mapping(raw: dict[str, Any], *, source: str = "<settings>") -> Config:
    """Validate a mapping of settings into a :class:`Config`."""
    try:
        return Config.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(source, _problems(error, raw)) from None


def load_config(
    env: str = "dev",
    *,
    config_dir: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Load ``config/{env}.toml`` and apply command-line ``overrides`` (dotted keys allowed)."""
    path = (config_dir or CONFIG_DIR) / f"{env}.toml"
    if not path.is_file():
        available = sorted(p.stem for p in (config_dir or CONFIG_DIR).glob("*.toml"))
        raise ConfigError(str(path), [("env", env, f"one of {available} (a file config/<env>.toml)")])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), [("(file)", path.name, f"valid TOML ({error})")]) from None
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        target = raw
        *parents, leaf = dotted.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value
    return config_from_mapping(raw, source=str(path))
