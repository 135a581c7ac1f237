"""The API's routes on one powertools ``APIGatewayRestResolver`` (validation and OpenAPI from pydantic).

    POST /jobs                   create a job and its upload form         201, 400, 401, 413
    GET  /jobs                   the caller's jobs, newest first, paged   200, 400, 401
    GET  /jobs/{job_id}          the job's status, stage, times, error    200, 400, 404
    GET  /jobs/{job_id}/results  results (?version=N) + overlay links    200, 400, 404, 409
    POST /jobs/{job_id}/corrections  changes -> next results version      200, 400, 404, 409, 412
    GET  /health                 liveness and API version                 200
    GET  /openapi.json           this API's OpenAPI document              200
    GET  /app                    the web page (text/html; no API key)     200

Paths come from ``pipeline.routes`` (shared with the API Gateway template). Every error is JSON
``{code, message, value?}`` (``lambdas/api/errors.py``). API Gateway checks ``x-api-key`` (``auth.mode =
"api_key"``) or the bearer token (``jwt``) before a request reaches this code; in ``jwt`` mode a job belongs
to the token's subject and another's job answers 404 (``lambdas/api/caller.py``). CORS origins come from
``CORS_ORIGINS``.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query

from lambdas.api.caller import caller_of
from lambdas.api.errors import register_error_handlers, with_lowercase_media_type
from lambdas.api.openapi import openapi_document
from lambdas.api.corrections import correct_job
from lambdas.api.models import (
    API_VERSION,
    CorrectionsRequest,
    CreateJobRequest,
    CreateJobResponse,
    ErrorBody,
    HealthView,
    JobsPage,
    JobView,
    ResultsView,
)
from lambdas.api.listing import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, list_jobs
from lambdas.api.results import find_job, job_results
from lambdas.api.uploads import create_job_once
from lambdas.api.web_page import web_page_response
from pipeline.jobs import job_view
from pipeline.layout import JOB_ID_PATTERN
from pipeline.runtime_settings import ApiAccess, read_settings
from pipeline.routes import (
    CORRECT_RESULTS, CORS_ALLOWED_HEADERS, CREATE_JOB, GET_JOB, GET_RESULTS, HEALTH, LIST_JOBS, WEB_PAGE,
    resolver_path,
)

logger = Logger(service="api")
JobId = Annotated[str, Path(pattern=JOB_ID_PATTERN, description="the job id: 32 lower-case hex digits")]
IDEMPOTENCY_HEADER = "Idempotency-Key"


def _responses(ok_status: int, ok_model: type, ok_text: str, *errors: int) -> dict[int, Any]:
    """OpenAPI responses of a route: its success body and the ``ErrorBody`` answers it can give."""
    described = {400: "invalid input", 401: "no valid bearer token (auth.mode = jwt)",
                 404: "no such job (or results version)", 409: "the job is not completed",
                 412: "VERSION_CONFLICT: If-Match names a version that is not the latest",
                 413: "the file is larger than the upload limit", 500: "internal error"}
    answers: dict[int, Any] = {
        ok_status: {"description": ok_text, "content": {"application/json": {"model": ok_model}}}
    }
    for status in (*errors, 500):
        answers[status] = {"description": described[status], "content": {"application/json": {"model": ErrorBody}}}
    return answers


def add_routes(app: APIGatewayRestResolver) -> None:
    """Register every route of the API on ``app``."""

    def caller():
        return caller_of(app.current_event.raw_event)

    @app.post(resolver_path(CREATE_JOB.path), status_code=201, summary="Create a job and its upload form", tags=["jobs"],
              responses=_responses(201, CreateJobResponse, "the job and its presigned POST", 400, 401, 413))
    def post_job(
        request: CreateJobRequest,
        idempotency_key: Annotated[str | None, Header(alias=IDEMPOTENCY_HEADER.lower(), max_length=255,
                                                     description="repeat it to retry the same job creation")] = None,
    ) -> CreateJobResponse:
        return CreateJobResponse.model_validate(
            create_job_once(request, idempotency_key, app.lambda_context, owner=caller().owner))

    @app.get(resolver_path(LIST_JOBS.path), summary="The caller's jobs, newest first", tags=["jobs"],
             responses=_responses(200, JobsPage, "a page of jobs", 400, 401))
    def get_jobs(
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="jobs per page")] = DEFAULT_PAGE_SIZE,
        next_token: Annotated[str | None, Query(max_length=1024, description="from the previous page")] = None,
    ) -> JobsPage:
        return JobsPage.model_validate(list_jobs(caller(), limit, next_token))

    @app.get(resolver_path(GET_JOB.path), summary="A job's status", tags=["jobs"],
             responses=_responses(200, JobView, "the job", 400, 401, 404))
    def get_job(job_id: JobId) -> JobView:
        return JobView.model_validate(job_view(find_job(job_id, caller())))

    @app.get(resolver_path(GET_RESULTS.path), summary="A completed job's results and overlay links", tags=["jobs"],
             responses=_responses(200, ResultsView, "results and overlay links", 400, 401, 404, 409))
    def get_results(
        job_id: JobId,
        version: Annotated[int | None, Query(ge=1, le=1_000_000,
                                             description="a results version (default: the latest)")] = None,
    ) -> ResultsView:
        return ResultsView.model_validate(job_results(job_id, caller(), version))

    @app.post(resolver_path(CORRECT_RESULTS.path), summary="Correct a completed job's items", tags=["jobs"],
              description="Relabel an item, give its grams, remove it or add one; the nutrition is recomputed "
                          "(no video is analysed again) into the next results version, returned as "
                          "GET /jobs/{job_id}/results returns it. Earlier versions stay readable with ?version=N.",
              responses=_responses(200, ResultsView, "the new results version", 400, 401, 404, 409, 412))
    def post_corrections(
        job_id: JobId,
        request: CorrectionsRequest,
        if_match: Annotated[str | None, Header(alias="if-match", max_length=64,
                                              description="the results version the changes were made to")] = None,
    ) -> ResultsView:
        return ResultsView.model_validate(correct_job(job_id, request, if_match, caller()))

    @app.get(resolver_path(HEALTH.path), summary="Liveness", tags=["health"], responses=_responses(200, HealthView, "the API is up"))
    def health() -> HealthView:
        return HealthView(status="ok", version=API_VERSION)

    @app.get(resolver_path(WEB_PAGE.path), include_in_schema=False)
    def web_page() -> Response[str]:
        """The web page: upload a video, follow its job, read and correct its results (``lambdas/api/web``)."""
        return web_page_response()

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_json() -> dict[str, Any]:
        """This API's OpenAPI document (the same as ``build.py openapi`` writes)."""
        return openapi_document(app)


@functools.lru_cache(maxsize=4)
def build_app(cors_origins: tuple[str, ...] = ("*",)) -> APIGatewayRestResolver:
    """The resolver with every route, error handler and CORS for ``cors_origins``."""
    cors = CORSConfig(allow_origin=cors_origins[0], extra_origins=list(cors_origins[1:]),
                      allow_headers=list(CORS_ALLOWED_HEADERS))
    app = APIGatewayRestResolver(cors=cors, enable_validation=True)
    add_routes(app)
    register_error_handlers(app)
    return app


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    app = build_app(read_settings(ApiAccess).cors_origins)
    logger.append_keys(request_id=getattr(context, "aws_request_id", None))
    return app.resolve(with_lowercase_media_type(event), context)
