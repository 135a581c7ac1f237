"""Error answers of the API: every one is JSON ``{code, message, value?}``, never a stack trace."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestUnsupportedContentType, RequestValidationError
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyAlreadyInProgressError

from pipeline.errors import ErrorCode, PipelineError
from pipeline.validation import problems

#: API-only codes (the pipeline's codes are in ``pipeline.errors.ErrorCode``).
NOT_FOUND = "NOT_FOUND"
NOT_COMPLETED = "NOT_COMPLETED"
IN_PROGRESS = "IN_PROGRESS"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
VERSION_CONFLICT = "VERSION_CONFLICT"
VERSION_NOT_FOUND = "VERSION_NOT_FOUND"

logger = Logger(service="api")


class ApiError(Exception):
    """An answer other than 2xx, raised by a route."""

    def __init__(self, status: HTTPStatus, code: str, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.value = status, code, message, value


def error_response(status: HTTPStatus | int, code: str, message: str, value: Any = None) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if value is not None:
        body["value"] = value if isinstance(value, (str, int, float, bool)) else str(value)[:500]
    return Response(status_code=int(status), content_type=content_types.APPLICATION_JSON, body=body)


def _validation_message(error: RequestValidationError) -> tuple[str, Any]:
    found = problems(error.errors(), omit=("body",))
    if not found:
        return "the request is not valid", None
    first = found[0]
    if first.kind == "json_invalid":
        return "the body is not valid JSON", None
    value = None if isinstance(first.value, (dict, list)) else first.value  # the whole body: the message says
    return first.describe(whole="request"), value


def _non_json_body(app: APIGatewayRestResolver) -> str | None:
    """The Content-Type of a request with a body that powertools does not read as JSON (it reads one
    without a Content-Type or with ``application/json...``); ``None`` otherwise."""
    event = app.current_event
    if event is None or not event.body:
        return None
    content_type = next((v for k, v in (event.headers or {}).items() if k.lower() == "content-type"), "").strip()
    return None if not content_type or content_type.startswith("application/json") else content_type


def with_lowercase_media_type(event: dict[str, Any]) -> dict[str, Any]:
    """``event`` with its Content-Type's media type in lower case (``Application/JSON`` is ``application/json``:
    media types are case-insensitive, RFC 9110 section 8.3.1), which powertools' validation compares as written."""
    headers = event.get("headers") or {}
    name = next((k for k in headers if k.lower() == "content-type"), None)
    if name is None or not isinstance(headers[name], str):
        return event
    media_type, sep, parameters = headers[name].partition(";")
    normalised = {**headers, name: media_type.strip().lower() + sep + parameters}
    multi = event.get("multiValueHeaders") or {}
    return {**event, "headers": normalised,
            **({"multiValueHeaders": {**multi, name: [normalised[name]]}} if name in multi else {})}


def _not_json(content_type: str) -> Response:
    return error_response(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_MEDIA_TYPE,
                          "the body must be JSON: send it with Content-Type: application/json", content_type)


def register_error_handlers(app: APIGatewayRestResolver) -> None:
    """Map every exception a route can raise to a JSON error answer."""

    @app.exception_handler(ApiError)
    def _api_error(error: ApiError) -> Response:
        return error_response(error.status, error.code, error.message, error.value)

    @app.exception_handler(RequestValidationError)
    def _invalid(error: RequestValidationError) -> Response:
        content_type = _non_json_body(app)
        if content_type is not None:  # a form body: its fields would be reported missing
            return _not_json(content_type)
        message, value = _validation_message(error)
        return error_response(HTTPStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.value, message, value)

    @app.exception_handler(RequestUnsupportedContentType)
    def _unsupported(error: RequestUnsupportedContentType) -> Response:
        return _not_json(_non_json_body(app) or "")

    @app.exception_handler(PipelineError)
    def _pipeline(error: PipelineError) -> Response:
        return error_response(HTTPStatus.BAD_REQUEST, error.code.value, error.message, error.value)

    @app.exception_handler(IdempotencyAlreadyInProgressError)
    def _in_progress(error: IdempotencyAlreadyInProgressError) -> Response:
        return error_response(HTTPStatus.CONFLICT, IN_PROGRESS, "the same request is being processed; retry shortly")

    @app.not_found
    def _not_found(error: NotFoundError) -> Response:
        path = app.current_event.path if app.current_event else None
        return error_response(HTTPStatus.NOT_FOUND, NOT_FOUND, "no such route", path)

    @app.exception_handler(Exception)
    def _internal(error: Exception) -> Response:
        content_type = _non_json_body(app)
        if content_type is not None:  # powertools failed to parse a form body (e.g. multipart without a boundary):
            return _not_json(content_type)  # a route never runs for a body that is not JSON
        logger.exception("unhandled error")
        request_id = (app.lambda_context and getattr(app.lambda_context, "aws_request_id", None)) or "unknown"
        return error_response(
            HTTPStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL.value, f"internal error (request id {request_id})"
        )
