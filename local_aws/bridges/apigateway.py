"""Bridge: serve the deployed REST API's Lambda proxy routes on the embedded AWS.

moto 5.2.5 stores REST APIs (resources, methods, integrations, API keys) but only answers HTTP and
AWS (non-proxy) integrations inside its decorator; it never invokes a Lambda for an ``AWS_PROXY``
method. This WSGI middleware sits in front of the moto server and answers
``/_api/{api_id}/{stage}/{path}``: it matches the path against the API's resources as API Gateway does
(literal parts before ``{param}``, then ``{proxy+}``), enforces ``apiKeyRequired`` against moto's API
keys and a ``COGNITO_USER_POOLS`` or ``TOKEN`` Lambda authorizer (``apigateway_authorizer``), builds the REST
proxy event (payload format 1.0) and invokes the integration's function through
the server's own Lambda API (so the Lambda bridge runs the real handler). ``MOCK`` OPTIONS methods
answer with the headers their integration response declares (CORS preflight).
"""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import boto3

from lambdas.authorizer.tokens import TokenRefused
from local_aws.bridges.apigateway_authorizer import (
    FUNCTION_IN_URI, REFUSED_BODIES, GatewayAnswer, authorize, authorize_with_function,
)

from local_aws.bridges.settings import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY

PREFIX = "/_api/"
ACCOUNT_ID = "123456789012"


def local_api_url(endpoint_url: str, api_id: str, stage: str) -> str:
    """Base URL of a deployed API's stage on the embedded AWS."""
    return f"{endpoint_url.rstrip('/')}{PREFIX}{api_id}/{stage}"


def api_url_from_output(endpoint_url: str, api_url: str) -> str:
    """Map the stack's ``https://{id}.execute-api.{region}.amazonaws.com/{stage}[/path]`` output (the API,
    the web page) to the bridge, keeping a path below the stage."""
    match = re.match(r"https://(?P<id>[^.]+)\.execute-api\.[^/]+/(?P<stage>[^/]+)(?P<path>/.*)?$", api_url)
    if not match:
        raise ValueError(f"not an API Gateway stage URL: {api_url!r}")
    below_stage = (match["path"] or "").rstrip("/")
    return local_api_url(endpoint_url, match["id"], match["stage"]) + below_stage


def _match(resources: Iterable[Any], path: str) -> tuple[Any, dict[str, str]] | None:
    """The resource serving ``path`` and its path parameters; literal matches beat parameters."""
    parts = [p for p in path.strip("/").split("/") if p]
    best: tuple[int, Any, dict[str, str]] | None = None
    for resource in resources:
        template = [p for p in resource.get_path().strip("/").split("/") if p]
        params: dict[str, str] = {}
        score = 0
        if template and template[-1].endswith("+}"):
            if len(parts) < len(template):
                continue
            params[template[-1][1:-2]] = "/".join(parts[len(template) - 1 :])
            template, compared = template[:-1], parts[: len(template) - 1]
        elif len(template) != len(parts):
            continue
        else:
            compared = parts
        ok = True
        for expected, actual in zip(template, compared):
            if expected.startswith("{") and expected.endswith("}"):
                params[expected[1:-1]] = actual
            elif expected == actual:
                score += 1
            else:
                ok = False
                break
        if ok and (best is None or score > best[0]):
            best = (score, resource, params)
    return (best[1], best[2]) if best else None


class ApiGatewayBridge:
    """WSGI middleware: answers ``/_api/...`` itself and passes everything else to moto."""

    def __init__(self, app: Callable, *, endpoint_url: Callable[[], str], region: str) -> None:
        self._app = app
        self._endpoint_url = endpoint_url
        self._region = region

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return self._app(environ, start_response)
        status, headers, body = self._handle(environ, path[len(PREFIX):])
        start_response(f"{status} {'OK' if status < 400 else 'ERROR'}", list(headers.items()))
        return [body]

    def _backend(self):
        from moto.apigateway.models import apigateway_backends

        return apigateway_backends[ACCOUNT_ID][self._region]

    def _handle(self, environ: dict, rest: str) -> tuple[int, dict[str, str], bytes]:
        api_id, _, remainder = rest.partition("/")
        stage, _, resource_path = remainder.partition("/")
        backend = self._backend()
        api = backend.apis.get(api_id)
        if api is None or stage not in api.stages:
            return _json(404, {"message": f"no API {api_id!r} with stage {stage!r} on the embedded AWS"})
        found = _match(api.resources.values(), "/" + resource_path)
        method_name = environ["REQUEST_METHOD"]
        if found is None:
            return _json(403, {"message": "Missing Authentication Token"})
        resource, path_params = found
        method = resource.resource_methods.get(method_name) or resource.resource_methods.get("ANY")
        if method is None:
            return _json(403, {"message": "Missing Authentication Token"})
        headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        if method.api_key_required and not self._valid_key(backend, headers.get("X-Api-Key")):
            return _json(403, {"message": "Forbidden"})
        authorizer: dict[str, Any] | None = None
        if method.authorization_type == "COGNITO_USER_POOLS":
            try:
                authorizer = authorize(api, method, headers, account_id=ACCOUNT_ID, region=self._region)
            except TokenRefused as refused:
                return _json(refused.status, REFUSED_BODIES.get(refused.status, {"message": refused.reason}))
        elif method.authorization_type == "CUSTOM":
            method_arn = f"arn:aws:execute-api:{self._region}:{ACCOUNT_ID}:{api_id}/{stage}/{method_name}/{resource_path}"
            try:
                authorizer = authorize_with_function(api, method, headers, method_arn=method_arn,
                                                     invoke=self._invoke_function)
            except GatewayAnswer as answer:
                return _json(answer.status, answer.body)
        integration = method.method_integration
        if integration is not None and integration.integration_type == "MOCK":
            return self._mock(integration)
        if integration is None or integration.integration_type != "AWS_PROXY":
            return _json(500, {"message": f"the embedded AWS serves only AWS_PROXY and MOCK integrations, not {integration}"})
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        event = self._event(environ, api_id, stage, resource, "/" + resource_path, path_params, headers, raw, method_name)
        if authorizer is not None:
            event["requestContext"]["authorizer"] = authorizer
        return self._invoke(integration.uri, event)

    @staticmethod
    def _valid_key(backend, value: str | None) -> bool:
        return bool(value) and any(key.value == value and key.enabled for key in backend.keys.values())

    @staticmethod
    def _mock(integration) -> tuple[int, dict[str, str], bytes]:
        response = (integration.integration_responses or {}).get("200")
        headers = {}
        for name, value in ((response.response_parameters or {}) if response else {}).items():
            headers[name.rsplit(".", 1)[-1]] = value.strip("'")
        return 200, headers, b""

    def _event(self, environ, api_id, stage, resource, path, path_params, headers, raw, method_name) -> dict:
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        try:
            body, is_base64 = raw.decode("utf-8"), False
        except UnicodeDecodeError:
            body, is_base64 = base64.b64encode(raw).decode(), True
        return {
            "resource": resource.get_path(),
            "path": path,
            "httpMethod": method_name,
            "headers": headers,
            "multiValueHeaders": {key: [value] for key, value in headers.items()},
            "queryStringParameters": {k: v[-1] for k, v in query.items()} or None,
            "multiValueQueryStringParameters": query or None,
            "pathParameters": path_params or None,
            "stageVariables": None,
            "requestContext": {
                "accountId": ACCOUNT_ID, "apiId": api_id, "stage": stage, "httpMethod": method_name,
                "resourcePath": resource.get_path(), "requestId": str(uuid.uuid4()),
                "requestTimeEpoch": int(time.time() * 1000), "protocol": "HTTP/1.1",
                "identity": {"sourceIp": environ.get("REMOTE_ADDR", "127.0.0.1"), "apiKey": headers.get("X-Api-Key")},
            },
            "body": body or None,
            "isBase64Encoded": is_base64,
        }

    def _invoke_function(self, function_arn: str, event: dict) -> tuple[object, bool]:
        """Invoke through the server's own Lambda API: ``(payload, whether the function failed)``."""
        client = boto3.client(
            "lambda", region_name=self._region, endpoint_url=self._endpoint_url(),
            aws_access_key_id=FAKE_ACCESS_KEY_ID, aws_secret_access_key=FAKE_SECRET_ACCESS_KEY,
        )
        response = client.invoke(FunctionName=function_arn, Payload=json.dumps(event).encode())
        return json.loads(response["Payload"].read() or b"null"), bool(response.get("FunctionError"))

    def _invoke(self, uri: str, event: dict) -> tuple[int, dict[str, str], bytes]:
        match = FUNCTION_IN_URI.search(uri or "")
        if not match:
            return _json(500, {"message": f"integration URI names no function: {uri!r}"})
        payload, failed = self._invoke_function(match["arn"], event)
        if failed or not isinstance(payload, dict) or "statusCode" not in payload:
            return _json(502, {"message": "Internal server error"})
        headers = {k: str(v) for k, v in (payload.get("headers") or {}).items()}
        for key, values in (payload.get("multiValueHeaders") or {}).items():
            headers[key] = ", ".join(str(v) for v in values)
        body = payload.get("body") or ""
        data = base64.b64decode(body) if payload.get("isBase64Encoded") else str(body).encode()
        return int(payload["statusCode"]), headers, data


def _json(status: int, body: dict) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode()
