"""GET /app: the web page is one self-contained HTML document whose Content-Security-Policy lets it run
its own script and style only, and reach only its origin and S3. (Its behaviour in a browser:
``tests/web``.)"""

from __future__ import annotations

import base64
import hashlib
import re

from lambdas.api.handler import handler
from lambdas.api.web_page import AWS_S3_ORIGINS
from pipeline.routes import WEB_PAGE
from tests.api.conftest import rest_event
from tests.api.moto_resources import FakeLambdaContext


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


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
    assert policy["connect-src"] == f"'self' {AWS_S3_ORIGINS}" and policy["img-src"] == f"'self' {AWS_S3_ORIGINS}"
    assert "/*APP_" not in html


def test_the_page_loads_nothing_from_elsewhere() -> None:
    html = _raw_get(WEB_PAGE.path)["body"]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the page must work offline"
    assert "innerHTML" not in html and "eval(" not in html  # data goes in as text only


def test_on_the_embedded_aws_the_page_may_reach_its_s3_endpoint(monkeypatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
    policy = _directives(_headers(_raw_get(WEB_PAGE.path))["content-security-policy"])
    assert policy["connect-src"] == f"'self' {AWS_S3_ORIGINS} http://127.0.0.1:4566"


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
