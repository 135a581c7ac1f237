"""GET /jobs/{id}, GET /jobs/{id}/results, /health, errors and CORS."""

from __future__ import annotations

import json

import pytest

from lambdas.api.models import API_VERSION
from pipeline.contracts.results import Results
from pipeline.layout import detections_key, overlay_key, results_key
from tests.api.conftest import ApiClient
from tests.api.moto_resources import FakeAws, put_job, put_results
from tests.events import FIXTURE_JOB_ID, load_event

JOB_A = "a" * 32
JOB_B = "b" * 32
LAMBDA_CAUSE = json.dumps({"errorMessage": "the video lasts 400.0 s; the limit is 300 s", "errorType": "TOO_LONG",
                           "stackTrace": ["  File \"/var/task/handler.py\", line 1"]})


def test_health(api: ApiClient) -> None:
    answer = api.call_event(load_event("apigw_get_health"))
    assert (answer.status, answer.body) == (200, {"status": "ok", "version": API_VERSION})


def test_get_job_shows_status_stage_and_times(api: ApiClient, aws: FakeAws) -> None:
    put_job(aws, FIXTURE_JOB_ID, "ANALYZING", stage="AnalyzeFrames", execution_arn="arn:x")
    answer = api.call_event(load_event("apigw_get_job"))

    assert answer.status == 200
    assert answer.body["status"] == "ANALYZING" and answer.body["stage"] == "AnalyzeFrames"
    assert answer.body["created_at"] == "2026-11-26T08:00:00.000Z"
    assert answer.body["error"] is None


def test_a_failed_job_shows_a_readable_error(api: ApiClient, aws: FakeAws) -> None:
    put_job(aws, JOB_A, "FAILED", error={"code": "TOO_LONG", "message": LAMBDA_CAUSE})
    body = api.get(f"/jobs/{JOB_A}").body

    assert body["error"] == {"code": "TOO_LONG", "message": "the video lasts 400.0 s; the limit is 300 s"}
    assert "stackTrace" not in json.dumps(body)


def test_completed_job_shows_totals(api: ApiClient, aws: FakeAws) -> None:
    from decimal import Decimal

    put_job(aws, JOB_A, "COMPLETED", results_uri=f"s3://{aws.results_bucket}/{results_key(JOB_A)}",
            totals={"kcal": Decimal("512.5"), "protein_g": Decimal("20")})
    body = api.get(f"/jobs/{JOB_A}").body

    assert body["totals"]["kcal"] == 512.5 and body["totals"]["protein_g"] == 20
    assert body["results_uri"].endswith(results_key(JOB_A))


@pytest.mark.parametrize("path", [f"/jobs/{JOB_A}", f"/jobs/{JOB_A}/results"])
def test_unknown_jobs_are_404(api: ApiClient, path: str) -> None:
    answer = api.get(path)
    assert (answer.status, answer.body["code"]) == (404, "NOT_FOUND")


@pytest.mark.parametrize("job_id", ["abc", "A" * 32, "a" * 33, "..%2F..%2Fetc", "g" * 32])
@pytest.mark.parametrize("suffix", ["", "/results"])
def test_malformed_ids_are_400(api: ApiClient, job_id: str, suffix: str) -> None:
    answer = api.get(f"/jobs/{job_id}{suffix}")
    assert (answer.status, answer.body["code"]) == (400, "INVALID_INPUT")


@pytest.mark.parametrize("status", ["PENDING_UPLOAD", "QUEUED", "ANALYZING", "FAILED"])
def test_results_are_409_until_completed(api: ApiClient, aws: FakeAws, status: str) -> None:
    put_job(aws, JOB_A, status)
    answer = api.get(f"/jobs/{JOB_A}/results")

    assert (answer.status, answer.body["code"], answer.body["value"]) == (409, "NOT_COMPLETED", status)
    assert status in answer.body["message"]


def test_results_with_overlay_links(api: ApiClient, aws: FakeAws) -> None:
    put_job(aws, FIXTURE_JOB_ID, "COMPLETED")
    overlays = [overlay_key(FIXTURE_JOB_ID, 0), overlay_key(FIXTURE_JOB_ID, 12)]
    put_results(aws, FIXTURE_JOB_ID, 640.0, overlays)
    answer = api.call_event(load_event("apigw_get_job_results"))

    assert answer.status == 200
    assert answer.body["results"]["job_id"] == FIXTURE_JOB_ID
    assert answer.body["results"]["totals"]["kcal"] == 640.0
    assert [link["key"] for link in answer.body["overlays"]] == overlays
    assert all(overlays[i] in link["url"] and "Signature" in link["url"]
               for i, link in enumerate(answer.body["overlays"]))


def test_overlays_are_listed_when_detections_are_missing(api: ApiClient, aws: FakeAws) -> None:
    put_job(aws, JOB_A, "COMPLETED")
    put_results(aws, JOB_A, 100.0, [overlay_key(JOB_A, 3)])
    aws.s3.delete_object(Bucket=aws.results_bucket, Key=detections_key(JOB_A))

    assert [link["key"] for link in api.get(f"/jobs/{JOB_A}/results").body["overlays"]] == [overlay_key(JOB_A, 3)]


def test_one_job_never_reveals_another(api: ApiClient, aws: FakeAws) -> None:
    put_job(aws, JOB_A, "COMPLETED")
    put_job(aws, JOB_B, "ANALYZING")
    put_results(aws, JOB_A, 100.0, [overlay_key(JOB_A, 0), overlay_key(JOB_B, 0), "jobs/../secret.jpg"])
    aws.s3.put_object(Bucket=aws.results_bucket, Key=results_key(JOB_B), Body=Results(job_id=JOB_B).model_dump_json())

    a = api.get(f"/jobs/{JOB_A}/results")
    assert [link["key"] for link in a.body["overlays"]] == [overlay_key(JOB_A, 0)]
    assert JOB_B not in json.dumps(a.body)
    b = api.get(f"/jobs/{JOB_B}/results")
    assert b.status == 409  # B's results.json exists, but B is not completed: nothing leaks


def test_unknown_routes_and_methods_are_json_404(api: ApiClient) -> None:
    for method, path in [("GET", "/nothing"), ("DELETE", f"/jobs/{JOB_A}"), ("PUT", "/jobs")]:
        answer = api.request(method, path)
        assert answer.status == 404 and answer.body["code"] == "NOT_FOUND"


def test_internal_errors_are_json_without_details(api: ApiClient, aws: FakeAws) -> None:
    aws.dynamodb.Table(aws.jobs_table).delete()
    answer = api.get(f"/jobs/{JOB_A}")

    assert answer.status == 500 and answer.body["code"] == "INTERNAL"
    assert "Traceback" not in answer.body["message"] and "ResourceNotFound" not in answer.body["message"]


def test_cors_allows_the_configured_origin(api: ApiClient) -> None:
    allowed = api.get("/health", headers={"Origin": "https://app.example.com"})
    other = api.get("/health", headers={"Origin": "https://evil.example.com"})

    assert allowed.headers["access-control-allow-origin"] == "https://app.example.com"
    assert "access-control-allow-origin" not in other.headers


def test_cors_preflight_names_the_idempotency_header(api: ApiClient) -> None:
    answer = api.request("OPTIONS", "/jobs", headers={"Origin": "https://app.example.com",
                                                      "Access-Control-Request-Method": "POST"})

    assert answer.status < 300
    assert "Idempotency-Key" in answer.headers["access-control-allow-headers"]
