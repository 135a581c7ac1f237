"""The one definition of the Lambda functions and the artifacts (zips) they are deployed from.

``templates.functions`` builds each function from this catalogue; ``build.py deploy`` builds and
uploads each artifact (``source_dirs`` plus the pinned ``dependency_group`` of pyproject.toml) and
passes its S3 key as the main stack's ``parameter_name`` parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.config import Config, FunctionSettings
from pipeline.runtime_settings import (
    ApiEnvironment,
    CorrectionsEnvironment,
    ExecutionEndedEnvironment,
    NutritionEnvironment,
    RuntimeSettings,
    StartAnalysisEnvironment,
    StatusEnvironment,
    TokenAuthorizerEnvironment,
    ValidateUploadEnvironment,
)
from templates.names import code_key_parameter

_SHARED_SOURCES = ("pipeline", "lambdas/__init__.py", "lambdas/common")


@dataclass(frozen=True)
class ArtifactSpec:
    """A Lambda zip: our code under ``source_dirs`` (repo-relative dirs or files) plus one dependency group."""

    name: str
    source_dirs: tuple[str, ...]
    dependency_group: str

    @property
    def parameter_name(self) -> str:
        """Main-stack parameter carrying the artifact's S3 key in the artifacts bucket."""
        return code_key_parameter(self.name)


@dataclass(frozen=True)
class FunctionSpec:
    """One deployed Lambda function."""

    key: str
    """Short name, also the suffix of its resources' logical ids and its metrics dimension."""
    logical_id: str
    handler: str
    artifact: str
    """Name of the :class:`ArtifactSpec` holding its code."""
    settings_key: str
    """Attribute of ``config.functions`` with its memory (MB) and timeout (s)."""
    environment: type[RuntimeSettings]
    """The settings model its handler reads (:mod:`pipeline.runtime_settings`); the template writes exactly
    that model's variables, with values from the stack and the config (``templates.function_access``)."""
    description: str
    behind_api: bool = False
    """Serves API Gateway routes: gets provisioned concurrency when the config asks for it."""
    reads_uploads: bool = False
    """Probes a whole upload: gets ephemeral storage for ``max_upload_mb``."""
    invoked_async: bool = False
    """Invoked asynchronously (by EventBridge): gets a dead-letter queue for events its handler failed on."""
    deployed_when: Callable[[Config], bool] = lambda config: True
    """Whether a stack of ``config`` has this function (every stack, unless it says otherwise)."""

    def settings(self, config: Config) -> FunctionSettings:
        return getattr(config.functions, self.settings_key)


ARTIFACTS: tuple[ArtifactSpec, ...] = (
    ArtifactSpec("api", (*_SHARED_SOURCES, "lambdas/api"), "runtime-api"),
    ArtifactSpec("validate_upload", (*_SHARED_SOURCES, "lambdas/validate_upload"), "runtime-validate"),
    ArtifactSpec("nutrition_rag", (*_SHARED_SOURCES, "lambdas/nutrition_rag"), "runtime-nutrition"),
    ArtifactSpec("start_analysis", (*_SHARED_SOURCES, "lambdas/start_analysis"), "runtime-api"),
    ArtifactSpec("execution_ended", (*_SHARED_SOURCES, "lambdas/execution_ended"), "runtime-api"),
    # the API's routes with nutrition_rag's engine: only the corrections route is sent to it
    ArtifactSpec("corrections", (*_SHARED_SOURCES, "lambdas/api", "lambdas/nutrition_rag"), "runtime-nutrition"),
    # no powertools, no pydantic: PyJWT and the names of its settings
    ArtifactSpec("authorizer", ("pipeline/__init__.py", "pipeline/environment.py", "lambdas/__init__.py",
                                "lambdas/authorizer"), "runtime-authorizer"),
)

_API_HANDLER = "lambdas.api.handler.handler"

UPLOAD = FunctionSpec(
    "upload", "UploadFunction", _API_HANDLER, "api", "upload", ApiEnvironment,
    "POST /jobs: create a job and a presigned upload", behind_api=True,
)
STATUS = FunctionSpec(
    "status", "StatusFunction", _API_HANDLER, "api", "status", StatusEnvironment,
    "GET /jobs, GET /jobs/{job_id}, GET /health and the web page (GET /app)", behind_api=True,
)
RESULTS = FunctionSpec(
    "results", "ResultsFunction", _API_HANDLER, "api", "results", ApiEnvironment,
    "GET /jobs/{job_id}/results", behind_api=True,
)
VALIDATE_UPLOAD = FunctionSpec(
    "validate_upload", "ValidateUploadFunction", "lambdas.validate_upload.handler.handler", "validate_upload",
    "validate_upload", ValidateUploadEnvironment,
    "Probe an uploaded video (container, codec, duration, resolution, size)", reads_uploads=True,
)
NUTRITION_RAG = FunctionSpec(
    "nutrition_rag", "NutritionRagFunction", "lambdas.nutrition_rag.handler.handler", "nutrition_rag", "nutrition",
    NutritionEnvironment,
    "detections.json -> results.json with USDA-grounded nutrition",
)
CORRECTIONS = FunctionSpec(
    "corrections", "CorrectionsFunction", _API_HANDLER, "corrections", "corrections",
    CorrectionsEnvironment,
    "POST /jobs/{job_id}/corrections: recompute a completed job's nutrition into a new results version",
    behind_api=True,
)
START_ANALYSIS = FunctionSpec(
    "start_analysis", "StartAnalysisFunction", "lambdas.start_analysis.handler.handler", "start_analysis",
    "start_analysis", StartAnalysisEnvironment,
    "S3 Object Created under uploads/ -> StartExecution(name=job_id), job QUEUED", invoked_async=True,
)
EXECUTION_ENDED = FunctionSpec(
    "execution_ended", "ExecutionEndedFunction", "lambdas.execution_ended.handler.handler", "execution_ended",
    "execution_ended", ExecutionEndedEnvironment,
    "An execution stopped, timed out or failed outside its Catch -> job FAILED and its failure notice",
    invoked_async=True,
)

TOKEN_AUTHORIZER = FunctionSpec(
    "authorizer", "TokenAuthorizerFunction", "lambdas.authorizer.handler.handler", "authorizer", "authorizer",
    TokenAuthorizerEnvironment,
    "API Gateway Lambda authorizer: checks the bearer tokens of auth.issuer_url",
    deployed_when=lambda config: config.auth.uses_oidc_issuer,
)

FUNCTIONS: tuple[FunctionSpec, ...] = (UPLOAD, STATUS, RESULTS, CORRECTIONS, VALIDATE_UPLOAD, NUTRITION_RAG,
                                       START_ANALYSIS, EXECUTION_ENDED, TOKEN_AUTHORIZER)


def deployed_functions(config: Config) -> tuple[FunctionSpec, ...]:
    """The functions a stack of ``config`` has."""
    return tuple(spec for spec in FUNCTIONS if spec.deployed_when(config))


def deployed_artifacts(config: Config) -> tuple[ArtifactSpec, ...]:
    """The artifacts the functions of a stack of ``config`` are deployed from."""
    needed = {spec.artifact for spec in deployed_functions(config)}
    return tuple(spec for spec in ARTIFACTS if spec.name in needed)


def function_spec(key: str) -> FunctionSpec:
    """The spec named ``key``; ``KeyError`` naming the known keys otherwise."""
    for spec in FUNCTIONS:
        if spec.key == key:
            return spec
    raise KeyError(f"no function {key!r}; known: {[spec.key for spec in FUNCTIONS]}")


def artifact_spec(name: str) -> ArtifactSpec:
    for spec in ARTIFACTS:
        if spec.name == name:
            return spec
    raise KeyError(f"no artifact {name!r}; known: {[spec.name for spec in ARTIFACTS]}")
