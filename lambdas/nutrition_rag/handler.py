"""ComputeNutrition: read a job's detections.json from S3, write its results.json, return a summary.

Event ``{"job_id", "detections_uri"}`` and, optionally, what the job's cost is measured from:
``batch_job_id``, ``execution_arn`` and ``lambda_memory_mb`` (``{state name: MB}`` of the earlier Lambda
tasks); answer ``{"job_id", "results_uri", "item_count", "totals"}``. results.json's ``cost`` is what
the job was billed so far (:mod:`lambdas.common.job_measurements`); what is missing is named there.
The knowledge base (``KNOWLEDGE_BASE_URI``: an ``s3://`` URI of the artifact, or a local path) is
loaded once per cold start; an ``s3://`` artifact is downloaded to /tmp first. Errors raise
``pipeline_error`` so the state machine's ``Error`` is the code (DETECTIONS_INVALID,
KNOWLEDGE_BASE_MISSING, INVALID_INPUT).
"""

from __future__ import annotations

import functools
import platform
import time
from pathlib import Path
from typing import Any

from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.utilities.parameters import GetParameterError, SecretsProvider
from aws_lambda_powertools.utilities.parser import parse
from botocore.exceptions import ClientError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lambdas.common import clients
from lambdas.common.job_measurements import count_s3_requests, measure_job
from lambdas.common.jobs_store import JobsStore
from pipeline.blas_threads import single_threaded_blas
from pipeline.config import GeminiSettings
from pipeline.contracts.detections import Detections
from pipeline.contracts.results import JobCost
from pipeline.cost.job_cost import job_cost
from pipeline.cost.measurements import Gap, JobMeasurements, LambdaRun
from pipeline.environment import EnvVar
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.gemini_secret import HOW_TO_STORE, api_key_from_secret
from pipeline.layout import JOB_ID_PATTERN, S3Uri, results_key
from pipeline.nutrition.disambiguation import GeminiDisambiguator, gemini_client_factory
from pipeline.nutrition.engine import NutritionEngine
from pipeline.nutrition.knowledge_base import load_knowledge_base
from pipeline.runtime_settings import (
    InvalidEnvironmentError,
    NutritionEngineEnvironment,
    NutritionEnvironment,
    read_settings,
)
from pipeline.validation import first_problem

logger = Logger(service="nutrition_rag")
tracer = Tracer(service="nutrition_rag")
DOWNLOAD_DIR = Path("/tmp/knowledge-base")
_MISSING_HINT = ("run `python build.py data build` and upload the artifact (the deploy does), then set "
                 f"{EnvVar.KNOWLEDGE_BASE_URI.value} to its s3:// URI or a local path")


def _knowledge_base_path(uri: str) -> Path:
    """Local path of the artifact, downloading an ``s3://`` one once per container."""
    if not uri:
        raise pipeline_error(ErrorCode.KNOWLEDGE_BASE_MISSING, f"{EnvVar.KNOWLEDGE_BASE_URI.value} is not set; {_MISSING_HINT}")
    if not uri.startswith("s3://"):
        path = Path(uri)
        if not path.is_file():
            raise pipeline_error(ErrorCode.KNOWLEDGE_BASE_MISSING, f"no knowledge base at {uri}; {_MISSING_HINT}", value=uri)
        return path
    location = S3Uri.parse(uri)
    path = DOWNLOAD_DIR / Path(location.key).name
    if not path.is_file():
        DOWNLOAD_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        try:
            clients.client("s3").download_file(location.bucket, location.key, str(partial))
        except ClientError as error:
            raise pipeline_error(ErrorCode.KNOWLEDGE_BASE_MISSING, f"cannot read the knowledge base {uri} "
                                 f"({error.response.get('Error', {}).get('Code')}); {_MISSING_HINT}", value=uri) from error
        partial.replace(path)
    return path


def _disambiguator(settings: NutritionEngineEnvironment) -> GeminiDisambiguator | None:
    """Gemini, with its key from Secrets Manager, when ENABLE_LLM_DISAMBIGUATION is true."""
    if not settings.enable_llm_disambiguation:
        return None
    secret_name = settings.gemini_secret_name
    try:
        secret = SecretsProvider(boto3_client=clients.client("secretsmanager")).get(secret_name)
    except GetParameterError as error:
        raise pipeline_error(ErrorCode.INTERNAL, f"the Gemini secret {secret_name} cannot be read ({error}); {HOW_TO_STORE}",
                             value=secret_name) from None
    key = api_key_from_secret(secret if isinstance(secret, str) else None)
    if not key:
        raise pipeline_error(ErrorCode.INTERNAL, f"the Gemini secret {secret_name} holds no API key; {HOW_TO_STORE}",
                             value=secret_name)
    return GeminiDisambiguator(gemini_client_factory(key, timeout_s=GeminiSettings().timeout_s),
                               model=settings.gemini_model)


@functools.lru_cache(maxsize=2)
def engine_with(settings: NutritionEngineEnvironment) -> NutritionEngine:
    """The engine for these settings, built once per container (the cold start)."""
    single_threaded_blas()  # a few labels per call: BLAS threads only add a pool that can spin
    kb = load_knowledge_base(_knowledge_base_path(settings.knowledge_base_uri))
    logger.info("knowledge base loaded", extra={"path": str(kb.path), **kb.version, "foods": len(kb.foods)})
    return NutritionEngine(kb, top_k=settings.nutrition_top_k, min_confidence=settings.nutrition_min_confidence,
                           disambiguator=_disambiguator(settings))


def engine_from_environment() -> NutritionEngine:
    """The engine of this function's settings (``KNOWLEDGE_BASE_URI``, ``NUTRITION_*``): nutrition_rag and
    the corrections route compute with the same one."""
    try:
        settings = read_settings(NutritionEngineEnvironment)
    except InvalidEnvironmentError as error:
        raise pipeline_error(ErrorCode.INVALID_INPUT, f"bad nutrition setting in the environment: {error}") from None
    return engine_with(settings)


@tracer.capture_method
def read_detections(job_id: str, detections_uri: str) -> Detections:
    """detections.json of the job, validated; DETECTIONS_INVALID when absent, malformed or another job's."""
    try:
        location = S3Uri.parse(detections_uri)
        body = clients.client("s3").get_object(Bucket=location.bucket, Key=location.key)["Body"].read()
    except ValueError as error:
        raise pipeline_error(ErrorCode.DETECTIONS_INVALID, str(error), value=detections_uri) from error
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        raise pipeline_error(ErrorCode.DETECTIONS_INVALID, f"cannot read {detections_uri} ({code})", value=detections_uri) from error
    try:
        detections = Detections.model_validate_json(body)
    except ValidationError as error:
        raise pipeline_error(ErrorCode.DETECTIONS_INVALID, f"{detections_uri} is not a valid detections.json: "
                             f"{first_problem(error).describe()} ({error.error_count()} problem(s))",
                             value=detections_uri) from error
    if detections.job_id != job_id:
        raise pipeline_error(ErrorCode.DETECTIONS_INVALID, f"{detections_uri} belongs to job {detections.job_id}, not {job_id}")
    return detections


class NutritionEvent(BaseModel):
    """ComputeNutrition's input from the state machine: the job and its detections.json. The cost fields it may
    carry (``batch_job_id``, ``execution_arn``, ``lambda_memory_mb``) are read by :func:`measured_cost`, where a
    malformed one is a gap in the cost, never a failed job."""

    model_config = ConfigDict(extra="allow")
    job_id: str = Field(pattern=JOB_ID_PATTERN)
    detections_uri: str = Field(min_length=1)


def _optional(event: dict[str, Any], name: str, kind: type) -> Any:
    value = event.get(name)
    if value is not None and not isinstance(value, kind):
        raise pipeline_error(ErrorCode.INVALID_INPUT, f"the event's {name} must be a {kind.__name__}", value=str(value)[:200])
    return value


def measured_cost(event: dict[str, Any], context: Any, *, started_s: float, s3_counted: dict[str, int],
                  detections: Detections) -> JobCost:
    """What the job was billed up to now (``started_s``: ``time.monotonic()`` when this handler began).

    Measuring never fails the job: a malformed cost field or an unexpected error becomes the cost's gap."""
    own = LambdaRun("nutrition_rag", (time.monotonic() - started_s) * 1000, int(context.memory_limit_in_mb),
                    "arm64" if platform.machine() in ("aarch64", "arm64") else "x86_64", "lower",
                    "this handler's own time up to writing results.json (cold-start init not included)")
    try:
        memory = _optional(event, "lambda_memory_mb", dict) or {}
        execution_arn, batch_job_id = _optional(event, "execution_arn", str), _optional(event, "batch_job_id", str)
        measured = measure_job(execution_arn=execution_arn, batch_job_id=batch_job_id,
                               lambda_memory_mb={k: int(v) for k, v in memory.items() if isinstance(v, (int, float))},
                               own_run=own, s3_counted=s3_counted, overlays=len(detections.overlays),
                               region=clients.client("s3").meta.region_name)
    except Exception as error:  # noqa: BLE001 - the nutrition is the job's result; its cost is a report
        logger.warning("cost not measured", extra={"error": repr(error)})
        measured = JobMeasurements(lambda_runs=(own,), gaps=(Gap("cost", f"measuring failed: {error!r}"),))
    return job_cost(measured)


def job_owner(job_id: str) -> str | None:
    """The owner on the job's item (``pipeline.auth``), carried onto results.json; ``None`` when it has none
    (an upload made without the API)."""
    record = JobsStore(read_settings(NutritionEnvironment).jobs_table).get(job_id)
    return record.owner if record is not None else None


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    started_s = time.monotonic()
    try:
        request = parse(event=event, model=NutritionEvent)
    except ValidationError as error:
        raise pipeline_error(ErrorCode.INVALID_INPUT, f"the event needs job_id and detections_uri: "
                             f"{first_problem(error).describe(whole='(event)')}", value=str(event)[:200]) from None
    job_id, detections_uri = request.job_id, request.detections_uri
    logger.append_keys(job_id=job_id)
    engine = engine_from_environment()
    with count_s3_requests() as s3_counted:
        detections = read_detections(job_id, detections_uri)
    results = engine.analyse(detections)
    results.owner = job_owner(job_id)
    results.cost = measured_cost(event, context, started_s=started_s, s3_counted=s3_counted, detections=detections)
    target = S3Uri(read_settings(NutritionEnvironment).results_bucket, results_key(job_id))
    clients.client("s3").put_object(Bucket=target.bucket, Key=target.key, ContentType="application/json",
                                    Body=results.model_dump_json(indent=1).encode())
    logger.info("results written", extra={"results_uri": str(target), "items": len(results.items),
                                          "kcal": results.totals.kcal, "warnings": [w.code for w in results.warnings]})
    return {"job_id": job_id, "results_uri": str(target), "item_count": len(results.items),
            "totals": results.totals.model_dump()}
