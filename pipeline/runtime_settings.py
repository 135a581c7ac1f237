"""One settings model per runtime: what each Lambda function and the analysis task read from their
environment, typed and validated (pydantic-settings).

A model's fields are the variables of :class:`pipeline.environment.EnvVar` in lower case (``jobs_table``
reads ``JOBS_TABLE``); ``templates.catalogue`` names each function's model, and the templates write
exactly that model's variables into the function's environment (the job definition likewise for
:class:`AnalysisTaskEnvironment`). Defaults and limits are those of :mod:`pipeline.config`; they only
matter outside a stack (a unit test, a hand-run script), since the templates set every variable.

Read a model with :func:`read_settings`: built once per set of values (so once per cold start on
Lambda), a missing variable is :class:`MissingEnvironmentError` and an unusable value
:class:`InvalidEnvironmentError`, each naming the variable (and the value).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, EnvSettingsSource, NoDecode, SettingsConfigDict
from pydantic_settings.sources.utils import parse_env_vars

from pipeline.config import AnalysisSettings, AuthSettings, Config, GeminiSettings, ModelsSettings, NutritionSettings
from pipeline.environment import EnvVar, MissingEnvironmentError

AuthMode = AuthSettings.model_fields["mode"].annotation
AnalysisBackend = AnalysisSettings.model_fields["backend"].annotation
MIB = 2**20


class InvalidEnvironmentError(ValueError):
    """A variable holds a value its runtime cannot use; the message names the variable and the value."""


def _env_name(field_name: str) -> str:
    """The variable a field reads: its :class:`EnvVar` (a field without one is an error at import)."""
    return EnvVar[field_name.upper()].value


def _from_config(section: type[BaseModel], field_name: str) -> Any:
    """A field with the default and the limits of ``section.field_name`` in :mod:`pipeline.config`."""
    return FieldInfo.merge_field_infos(section.model_fields[field_name])


class RuntimeSettings(BaseSettings):
    """Base of the runtime models: exact variable names, an empty variable counts as unset."""

    model_config = SettingsConfigDict(alias_generator=_env_name, case_sensitive=True, env_ignore_empty=True,
                                      populate_by_name=True, frozen=True, extra="ignore")

    @classmethod
    def env_names(cls) -> tuple[str, ...]:
        """The variables this model reads, in field order."""
        return tuple(field.alias or "" for field in cls.model_fields.values())


# Groups of variables that several runtimes read, each defined once.

class _JobsTable(RuntimeSettings):
    jobs_table: str


class _ResultsBucket(RuntimeSettings):
    results_bucket: str


class _JobTtl(RuntimeSettings):
    job_ttl_days: int = _from_config(Config, "job_ttl_days")


class UploadLimits(RuntimeSettings):
    """The upload limits (MiB, seconds, width × height); ``pipeline.video.probe.VideoLimits.of`` checks with them."""

    max_upload_mb: int = _from_config(Config, "max_upload_mb")
    max_video_seconds: int = _from_config(Config, "max_video_seconds")
    max_video_pixels: int = _from_config(Config, "max_video_pixels")

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * MIB


class _Gemini(RuntimeSettings):
    gemini_secret_name: str = _from_config(GeminiSettings, "secret_name")
    gemini_model: str = _from_config(GeminiSettings, "model")


class ApiAccess(RuntimeSettings):
    """What the API's resolver reads for every request (``GET /health`` too): CORS and who may call."""

    cors_origins: Annotated[tuple[str, ...], NoDecode] = _from_config(Config, "cors_origins")
    auth_mode: AuthMode = _from_config(AuthSettings, "mode")  # type: ignore[valid-type]

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, raw: Any) -> Any:
        """A JSON list (``["https://a"]``) or a comma-separated string (``https://a,https://b``)."""
        if not isinstance(raw, str):
            return raw
        text = raw.strip()
        origins = json.loads(text) if text.startswith("[") else text.split(",")
        return tuple(origin.strip() for origin in origins if isinstance(origin, str) and origin.strip())


class WebPageEnvironment(ApiAccess):
    """What the web page (``lambdas/api/web_page.py``) reads: the auth mode, the app client it signs in
    through and whether it may sign people up."""

    sign_in_client_id: str = ""
    """The stack's Cognito app client the page signs in through; empty without the stack's own pool."""
    self_sign_up: bool = False
    """The stack's pool lets people sign up, so the page offers it."""


class RouteEnvironment(ApiAccess, _JobsTable, _ResultsBucket):
    """What the job routes read, in each function that serves them."""


class NutritionEngineEnvironment(_Gemini):
    """What ``lambdas.nutrition_rag.handler.engine_from_environment`` reads."""

    knowledge_base_uri: str = ""
    """``s3://`` URI or local path of the knowledge base; empty is KNOWLEDGE_BASE_MISSING when the engine loads."""
    nutrition_top_k: int = _from_config(NutritionSettings, "top_k")
    nutrition_min_confidence: float = _from_config(NutritionSettings, "min_confidence")
    enable_llm_disambiguation: bool = _from_config(NutritionSettings, "enable_llm_disambiguation")


class ApiEnvironment(RouteEnvironment, UploadLimits, _JobTtl):
    """The upload, status and results functions (``lambdas.api``)."""

    videos_bucket: str
    idempotency_table: str


class StatusEnvironment(ApiEnvironment, WebPageEnvironment):
    """The status function, which also serves the web page."""


class CorrectionsEnvironment(RouteEnvironment, NutritionEngineEnvironment):
    """The corrections function: the API's routes with nutrition_rag's engine."""

    notification_topic_arn: str


class ValidateUploadEnvironment(UploadLimits):
    """The validate_upload function (the upload's bucket comes with each event)."""


class NutritionEnvironment(_ResultsBucket, _JobsTable, NutritionEngineEnvironment):
    """The nutrition_rag function."""


class StartAnalysisEnvironment(_JobsTable, _JobTtl):
    """The start_analysis function."""

    state_machine_arn: str


class ExecutionEndedEnvironment(_JobsTable):
    """The execution_ended function: the job it marks FAILED and the topic of the job's notices."""

    notification_topic_arn: str


class TokenAuthorizerEnvironment(RuntimeSettings):
    """The Lambda authorizer of another OIDC issuer (``auth.issuer_url``). Its artifact carries PyJWT and
    no pydantic, so its handler reads these three itself (``lambdas.authorizer.handler.settings``)."""

    oidc_issuer_url: str
    oidc_audience: str
    required_scope: str


TASK_INPUTS: tuple[EnvVar, ...] = (EnvVar.JOB_ID, EnvVar.VIDEO_URI, EnvVar.OUTPUT_URI)
"""The analysis task's variables set per job (the state machine's container overrides); the job
definition sets the others."""


class ModelsLocation(RuntimeSettings):
    """Where the analysis task (and ``build.py models``) finds the weights."""

    models_uri: str = ""
    """Models folder or ``s3://`` prefix; empty: the task's own default folder."""
    models_cache_dir: str = ""
    """A host folder mounted into the job that keeps the weights between jobs (GPU hosts only)."""


class AnalysisTaskEnvironment(UploadLimits, _Gemini, ModelsLocation):
    """The analysis task (``gpu_tasks``). Command-line arguments may give the per-job inputs instead."""

    job_id: str = ""
    video_uri: str = ""
    output_uri: str = ""
    model_ids: Annotated[ModelsSettings, NoDecode] = ModelsSettings()
    """JSON like ``{"detector": {"id": ..., "revision": ...}}``; models it leaves out keep the config's."""
    analysis_backend: AnalysisBackend = _from_config(AnalysisSettings, "backend")  # type: ignore[valid-type]
    max_keyframes: int = _from_config(AnalysisSettings, "max_keyframes")
    detection_threshold: float = _from_config(AnalysisSettings, "detection_threshold")
    field_of_view_deg: float = _from_config(AnalysisSettings, "field_of_view_deg")
    aws_region: str = ""
    """The buckets' region; ``gpu_tasks.storage.s3_region`` reads it as boto3 does (with ``AWS_DEFAULT_REGION``)."""

    @field_validator("model_ids", mode="before")
    @classmethod
    def _over_defaults(cls, raw: Any) -> Any:
        if isinstance(raw, str):
            raw = json.loads(raw)
        if isinstance(raw, dict):
            return {**ModelsSettings().model_dump(), **raw}
        return raw


Settings = TypeVar("Settings", bound=RuntimeSettings)


class _GivenEnvironment(EnvSettingsSource):
    """pydantic-settings' environment source over the variables given (a model's own, from one mapping)."""

    def __init__(self, model: type[RuntimeSettings], variables: Mapping[str, str]) -> None:
        self._variables = variables
        super().__init__(model)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(self._variables, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str)


def _problem(error: ValidationError, variables: Mapping[str, str]) -> Exception:
    """The first error of ``error`` as the exception naming its variable (and value)."""
    first = error.errors(include_url=False)[0]
    name = str(first["loc"][0]) if first["loc"] else "(environment)"
    if first["type"] == "missing" and len(first["loc"]) == 1:
        return MissingEnvironmentError(
            f"environment variable {name} is not set; the stack template sets it on deployed functions")
    where = ".".join(str(part) for part in first["loc"][1:])
    return InvalidEnvironmentError(f"environment variable {name} is invalid{' at ' + where if where else ''}: "
                                   f"{first['msg']} (got {variables.get(name, '')!r})")


@functools.lru_cache(maxsize=64)
def _validated(model: type[Settings], variables: tuple[tuple[str, str], ...]) -> Settings:
    given = dict(variables)
    try:
        return model.model_validate(_GivenEnvironment(model, given)())
    except ValidationError as error:
        raise _problem(error, given) from None


def read_settings(model: type[Settings], environ: Mapping[str, str] | None = None) -> Settings:
    """``model`` read from ``environ`` (default: the process environment), built once per set of values:
    once per cold start on Lambda, anew when a test or the embedded AWS's Lambda runtime changes them."""
    environ = os.environ if environ is None else environ
    variables = tuple((name, environ[name]) for name in model.env_names() if name in environ)
    return _validated(model, variables)
