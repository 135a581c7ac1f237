"""Fixtures of the API tests: fake AWS and a client that calls the handler with REST proxy events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from lambdas.api.handler import build_app, handler
from tests.api.moto_resources import FakeAws, FakeLambdaContext, fake_aws
from tests.events import load_event


@dataclass
class ApiAnswer:
    status: int
    body: Any
    headers: dict[str, str]


def rest_event(method: str, path: str, *, body: Any = None, headers: dict[str, str] | None = None,
               resource: str | None = None) -> dict[str, Any]:
    """An API Gateway REST proxy event for ``method path`` built on the health-check fixture."""
    event = load_event("apigw_get_health")
    event.update(httpMethod=method, path=path, resource=resource or path)
    event["requestContext"].update(httpMethod=method, path=f"/dev{path}", resourcePath=resource or path)
    if body is not None:
        event["body"] = body if isinstance(body, str) else json.dumps(body)
        event["headers"]["Content-Type"] = "application/json"
    event["headers"].update(headers or {})
    event["multiValueHeaders"] = {name: [value] for name, value in event["headers"].items()}
    return event


class ApiClient:
    """Calls ``lambdas.api.handler.handler`` in-process, as API Gateway would."""

    def call_event(self, event: dict[str, Any]) -> ApiAnswer:
        answer = handler(event, FakeLambdaContext())
        raw = answer.get("body") or ""
        body = json.loads(raw) if raw else None
        headers = {name.lower(): value for name, value in (answer.get("headers") or {}).items()}
        for name, values in (answer.get("multiValueHeaders") or {}).items():
            headers.setdefault(name.lower(), values[0])
        return ApiAnswer(answer["statusCode"], body, headers)

    def request(self, method: str, path: str, **kwargs: Any) -> ApiAnswer:
        return self.call_event(rest_event(method, path, **kwargs))

    def get(self, path: str, **kwargs: Any) -> ApiAnswer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> ApiAnswer:
        return self.request("POST", path, **kwargs)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAws]:
    build_app.cache_clear()
    with fake_aws(monkeypatch) as resources:
        yield resources


@pytest.fixture
def api(aws: FakeAws) -> ApiClient:
    return ApiClient()


def new_job_body(**changes: Any) -> dict[str, Any]:
    body = {"filename": "dinner.mp4", "content_type": "video/mp4", "size_bytes": 4096}
    body.update(changes)
    return body
