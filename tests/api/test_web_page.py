"""GET /app: the web page is one self-contained HTML document whose Content-Security-Policy lets it run
its own script and style only, and reach only its origin, S3 and, when it signs people in, Cognito. (Its
behaviour in a browser: ``tests/web``.)"""

from __future__ import annotations

import base64
import hashlib
import re

from lambdas.api.handler import handler
from lambdas.api.web_page import AWS_S3_ORIGINS
from lambdas.common.clients import current_region
from pipeline.routes import WEB_PAGE
from tests.api.conftest import rest_event
from tests.api.moto_resources import FakeLambdaContext


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _s3() -> str:
    return AWS_S3_ORIGINS.format(region=current_region())


def test_the_page_is_html_with_its_script_and_style_pinned_by_hash(monkeypatch) -> None:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    answer = _raw_get(WEB_PAGE.path)
    assert answer["statusCode"] == 200
    headers = _headers(answer)
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
    html = answer["body"]
    [script] = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    [style] = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    policy = _directives(headers["content-security-policy"])
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == _sha256(script) and policy["style-src"] == _sha256(style)
    assert policy["connect-src"] == f"'self' {_s3()}" and policy["img-src"] == f"'self' {_s3()}"
    assert "/*APP_" not in html
    assert ('<body data-auth-mode="none" data-sign-in-endpoint="" data-sign-in-client="" data-self-sign-up="false">'
            in html)


def test_the_page_loads_nothing_from_elsewhere() -> None:
    html = _raw_get(WEB_PAGE.path)["body"]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the page must work offline"
    assert "innerHTML" not in html and "eval(" not in html  # data goes in as text only


def test_on_the_embedded_aws_the_page_may_reach_its_s3_endpoint(monkeypatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
    policy = _directives(_headers(_raw_get(WEB_PAGE.path))["content-security-policy"])
    assert policy["connect-src"] == f"'self' {_s3()} http://127.0.0.1:4566"


def test_in_jwt_mode_the_page_names_cognito_and_the_app_client_and_may_reach_only_that_cognito(monkeypatch) -> None:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("AUTH_MODE", "jwt")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    monkeypatch.setenv("SIGN_IN_CLIENT_ID", "client<1>")
    answer = _raw_get(WEB_PAGE.path)
    cognito = "https://cognito-idp.eu-west-1.amazonaws.com"
    assert (f'<body data-auth-mode="jwt" data-sign-in-endpoint="{cognito}" data-sign-in-client="client&lt;1&gt;" '
            'data-self-sign-up="false">' in answer["body"])  # escaped: a value can never close the tag
    policy = _directives(_headers(answer)["content-security-policy"])
    s3 = AWS_S3_ORIGINS.format(region="eu-west-1")
    assert policy["connect-src"] == f"'self' {s3} {cognito}" and policy["img-src"] == f"'self' {s3}"
    assert "*.amazonaws.com" not in policy["connect-src"].replace("*.s3.", "")  # no wildcard reaches Cognito


def test_on_the_embedded_aws_the_page_signs_in_against_its_endpoint(monkeypatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
    monkeypatch.setenv("AUTH_MODE", "jwt")
    monkeypatch.setenv("SIGN_IN_CLIENT_ID", "abc")
    monkeypatch.setenv("SELF_SIGN_UP", "true")
    answer = _raw_get(WEB_PAGE.path)
    assert ('data-sign-in-endpoint="http://127.0.0.1:4566" data-sign-in-client="abc" data-self-sign-up="true"'
            in answer["body"])
    assert _directives(_headers(answer)["content-security-policy"])["connect-src"] == f"'self' {_s3()} http://127.0.0.1:4566"


def test_jwt_mode_without_the_stacks_pool_gives_the_page_no_sign_in_endpoint(monkeypatch) -> None:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("AUTH_MODE", "jwt")
    monkeypatch.setenv("SIGN_IN_CLIENT_ID", "")
    answer = _raw_get(WEB_PAGE.path)
    assert ('<body data-auth-mode="jwt" data-sign-in-endpoint="" data-sign-in-client="" data-self-sign-up="false">'
            in answer["body"])
    assert "cognito" not in _headers(answer)["content-security-policy"]


def test_only_the_page_itself_is_served() -> None:
    assert _raw_get(WEB_PAGE.path + "/")["body"] == _raw_get(WEB_PAGE.path)["body"]  # the script handles both
    answer = _raw_get(WEB_PAGE.path + "/other")
    assert answer["statusCode"] == 404 and "text/html" not in _headers(answer).get("content-type", "")


def _raw_get(path: str) -> dict:
    """The handler's raw answer (the page is not JSON, so not through the JSON test client)."""
    return handler(rest_event("GET", path), FakeLambdaContext())


def _headers(answer: dict) -> dict[str, str]:
    headers = {name.lower(): value for name, value in (answer.get("headers") or {}).items()}
    for name, values in (answer.get("multiValueHeaders") or {}).items():
        headers.setdefault(name.lower(), values[0])
    return headers
