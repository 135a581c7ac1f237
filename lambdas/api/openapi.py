"""The API's OpenAPI document, generated from the resolver's routes and pydantic models."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.openapi.models import Server

from lambdas.api.models import API_VERSION

_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError", "ResponseValidationError")
TITLE = "Nutrition Video Analysis API"
DESCRIPTION = (
    "Upload a meal video, follow its analysis, read its nutrition. Every error is JSON "
    "{code, message, value?}. When the stack enables API keys, send the key in the x-api-key header."
)


def openapi_document(app: APIGatewayRestResolver, server_url: str | None = None) -> dict[str, Any]:
    """The OpenAPI 3 document of ``app`` (``lambdas.api.handler.build_app()``) as a dict; ``server_url`` (e.g. the
    stage's invoke URL) fills ``servers``."""
    servers = [Server(url=server_url)] if server_url else None
    text = app.get_openapi_json_schema(
        title=TITLE, version=API_VERSION, description=DESCRIPTION, servers=servers
    )
    return _without_unused_validation_answers(json.loads(text))


def _without_unused_validation_answers(document: dict[str, Any]) -> dict[str, Any]:
    """Drop powertools' default 422 answers: this API answers invalid input with 400 ``ErrorBody``."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    schemas = document.get("components", {}).get("schemas", {})
    for name in _VALIDATION_SCHEMAS:
        schemas.pop(name, None)
    text = json.dumps(document)
    dangling = [name for name in _VALIDATION_SCHEMAS if f'"#/components/schemas/{name}"' in text]
    if dangling:
        raise RuntimeError(f"the OpenAPI document still refers to removed schemas {dangling}")
    return document
