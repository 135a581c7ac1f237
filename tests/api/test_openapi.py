"""The OpenAPI document, and a property-based run against it (schemathesis cases plus raw garbage): no 5xx."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import boto3
import pytest
import schemathesis
from schemathesis.core import NotSet

from lambdas.api.handler import build_app
from lambdas.api.openapi import openapi_document
from pipeline.auth import ANONYMOUS_OWNER
from pipeline.environment import EnvVar
from pipeline.nutrition.knowledge_base import build_knowledge_base
from pipeline import routes as pipeline_routes
from tests.api.conftest import ApiClient, rest_event
from tests.api.moto_resources import fake_aws, put_job, put_results

DOCUMENT = openapi_document(build_app())
ROUTES = {(route.method.lower(), route.path) for route in pipeline_routes.ROUTES}


def test_document_lists_every_route_with_json_error_answers() -> None:
    operations = {(method, path) for path, ops in DOCUMENT["paths"].items() for method in ops}
    assert operations == ROUTES
    for path, ops in DOCUMENT["paths"].items():
        for method, operation in ops.items():
            assert "422" not in operation["responses"]
            assert operation["responses"]["500"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }
    post = DOCUMENT["paths"]["/jobs"]["post"]
    assert set(post["responses"]) == {"201", "400", "401", "413", "500"}
    assert set(DOCUMENT["components"]["schemas"]["CreateJobRequest"]["required"]) == {
        "filename", "content_type", "size_bytes"
    }
    json.dumps(DOCUMENT)  # serialisable as it is


def test_document_is_served(api: ApiClient) -> None:
    answer = api.get("/openapi.json")
    assert answer.status == 200 and answer.body == DOCUMENT


def _from_case(case: schemathesis.Case) -> tuple:
    """A schemathesis case as (method, path, body text, Idempotency-Key)."""
    body = None if isinstance(case.body, NotSet) else case.body
    if isinstance(body, bytes):
        body = body.decode("latin-1")
    elif body is not None and not isinstance(body, str):
        body = json.dumps(body)
    return case.method, case.formatted_path, body, (case.headers or {}).get("idempotency-key")


SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
schema_cases = st.one_of(
    SCHEMA.as_strategy(), SCHEMA.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE)
).map(_from_case)
SEEDED = {"c" * 32: "PENDING_UPLOAD", "d" * 32: "FAILED", "e" * 32: "COMPLETED"}
job_ids = st.one_of(
    st.sampled_from(sorted(SEEDED)),
    st.text(alphabet="0123456789abcdef", min_size=32, max_size=32),
    st.text(alphabet=string.ascii_letters + string.digits + "-_.%~", min_size=0, max_size=40),
)
any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)
plausible_bodies = st.fixed_dictionaries(
    {"filename": st.builds(lambda stem, ext: stem + ext, st.text(max_size=120),
                           st.sampled_from([".mp4", ".MOV", ".webm", ".mkv", ".txt", ""])),
     "content_type": st.sampled_from(["video/mp4", "video/quicktime", "video/webm", "application/json"]),
     "size_bytes": st.integers(min_value=-5, max_value=2**21)}
)
bodies = st.one_of(
    plausible_bodies,
    st.fixed_dictionaries(
        {"filename": st.text(max_size=300), "content_type": st.sampled_from(["video/mp4", "video/x", "text/plain", ""]),
         "size_bytes": st.integers(min_value=-(2**70), max_value=2**70)}
    ),
    any_json,
)
valid_bodies = st.fixed_dictionaries(
    {"filename": st.text(max_size=80).map(lambda stem: stem + ".mp4"), "content_type": st.just("video/mp4"),
     "size_bytes": st.integers(min_value=1, max_value=2**20)}
)
requests = st.one_of(
    schema_cases,
    st.tuples(st.just("POST"), st.just("/jobs"), valid_bodies.map(json.dumps), st.none() | st.text(max_size=20)),
    st.tuples(st.just("GET"), st.sampled_from(sorted(SEEDED)).map(lambda i: f"/jobs/{i}/results"), st.none(),
              st.none()),
    st.tuples(st.just("POST"), st.just("/jobs"), bodies.map(json.dumps), st.none() | st.text(max_size=300)),
    st.tuples(st.just("POST"), st.just("/jobs"), st.text(max_size=50), st.none()),
    st.tuples(st.sampled_from(["GET", "DELETE", "PATCH", "OPTIONS", "HEAD"]), job_ids.map(lambda i: f"/jobs/{i}"),
              st.none(), st.none()),
    st.tuples(st.just("GET"), job_ids.map(lambda i: f"/jobs/{i}/results"), st.none(), st.none()),
    st.tuples(st.just("POST"), job_ids.map(lambda i: f"/jobs/{i}/corrections"), any_json.map(json.dumps), st.none()),
    st.tuples(st.just("POST"), st.sampled_from(sorted(SEEDED)).map(lambda i: f"/jobs/{i}/corrections"),
              st.fixed_dictionaries({"changes": st.lists(st.fixed_dictionaries(
                  {"action": st.sampled_from(["set", "remove", "add"]), "item_id": st.sampled_from(["1", "x"]),
                   "label": st.text(max_size=20), "grams": st.floats(allow_nan=False, min_value=-10, max_value=9000)}),
                  min_size=1, max_size=3)}).map(json.dumps), st.none()),
    st.tuples(st.sampled_from(["GET", "POST"]), st.text(max_size=30).map(lambda p: "/" + p), st.none(), st.none()),
)


SIGNED_IN = "0f5e1c7a-0000-4000-8000-00000000c0de"
"""The subject of the valid token the jwt-mode run carries (what API Gateway's authorizer passes on)."""


def seed_jobs(aws, monkeypatch, owner: str) -> None:
    """The seeded jobs; a COMPLETED one with results, and what its corrections need (knowledge base, topic)."""
    for job_id, status in SEEDED.items():
        put_job(aws, job_id, status, owner=owner)
    put_results(aws, "e" * 32, 250.0, [])
    monkeypatch.setenv(EnvVar.KNOWLEDGE_BASE_URI.value, str(build_knowledge_base()))
    monkeypatch.setenv(EnvVar.NOTIFICATION_TOPIC_ARN.value, boto3.client("sns").create_topic(Name="notices")["TopicArn"])


@pytest.mark.parametrize("auth_mode", ["none", "jwt"])
def test_no_request_gets_a_5xx(monkeypatch, auth_mode: str) -> None:
    """Every request of the document and beyond, in none mode and, signed in with a valid token, in jwt mode."""
    with fake_aws(monkeypatch) as aws:
        monkeypatch.setenv(EnvVar.AUTH_MODE.value, auth_mode)
        seed_jobs(aws, monkeypatch, SIGNED_IN if auth_mode == "jwt" else ANONYMOUS_OWNER)
        api = ApiClient()
        seen: set[int] = set()

        @settings(max_examples=120, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(requests)
        def check(request: tuple) -> None:
            method, path, body, idempotency_key = request
            headers = {"Idempotency-Key": idempotency_key} if idempotency_key is not None else None
            event = rest_event(method, path, body=body, headers=headers)
            if auth_mode == "jwt":
                event["requestContext"]["authorizer"] = {"claims": {"sub": SIGNED_IN, "token_use": "access"}}
            answer = api.call_event(event)
            assert answer.status < 500, (method, path, body, answer.body)
            if answer.status >= 300:  # every error is JSON with a code
                assert isinstance(answer.body, dict) and answer.body.get("code"), answer.body
            seen.add(answer.status)

        check()
        assert {200, 201, 400, 404, 409} <= seen  # the run reached every kind of answer
