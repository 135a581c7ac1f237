"""POST /jobs: the job item, the upload form, the limits, filename sanitising and idempotency."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest

from pipeline.layout import is_job_id
from tests.api.conftest import ApiClient, new_job_body, rest_event
from tests.api.moto_resources import FakeAws
from tests.events import load_event


def _policy(fields: dict[str, str]) -> dict:
    return json.loads(base64.b64decode(fields["policy"]))


def test_fixture_event_creates_a_pending_job_and_a_bound_upload_form(api: ApiClient, aws: FakeAws) -> None:
    answer = api.call_event(load_event("apigw_post_jobs"))

    assert answer.status == 201
    job_id = answer.body["job_id"]
    assert is_job_id(job_id)
    fields = answer.body["upload"]["fields"]
    assert fields["key"] == f"uploads/{job_id}/video.mp4"  # nothing of the person's file name
    assert fields["Content-Type"] == "video/mp4"
    conditions = _policy(fields)["conditions"]
    assert ["content-length-range", 3117, 3117] in conditions  # exactly the size the event declares
    assert {"Content-Type": "video/mp4"} in conditions
    assert fields["x-amz-meta-declared-size"] == "3117" and {"x-amz-meta-declared-size": "3117"} in conditions
    assert {"key": f"uploads/{job_id}/video.mp4"} in conditions
    assert aws.videos_bucket in answer.body["upload"]["url"]

    item = aws.job_item(job_id)
    assert item["status"] == "PENDING_UPLOAD"
    assert item["upload_key"] == fields["key"] and item["filename"] == "dinner.mp4"
    created = dt.datetime.fromisoformat(item["created_at"].replace("Z", "+00:00"))
    assert item["created_at"].endswith("Z") and item["updated_at"] == item["created_at"]
    assert int(item["ttl"]) == int(created.timestamp()) + 30 * 86_400
    expires = dt.datetime.fromisoformat(answer.body["expires_at"].replace("Z", "+00:00"))
    assert dt.timedelta(minutes=14) < expires - created <= dt.timedelta(minutes=15)  # short-lived: one upload


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"size_bytes": 2**20 + 1}, 413, "TOO_LARGE"),
        ({"content_type": "image/png"}, 400, "NOT_A_VIDEO"),
        ({"content_type": "video/"}, 400, "NOT_A_VIDEO"),
        ({"content_type": "video/*"}, 400, "NOT_A_VIDEO"),
        ({"content_type": "application/octet-stream"}, 400, "NOT_A_VIDEO"),
        ({"content_type": "video/mp4, video/webm"}, 400, "NOT_A_VIDEO"),
        ({"content_type": ""}, 400, "INVALID_INPUT"),
        ({"filename": "notes.txt"}, 400, "INVALID_INPUT"),
        ({"filename": "../../"}, 400, "INVALID_INPUT"),
        ({"size_bytes": 0}, 400, "INVALID_INPUT"),
        ({"size_bytes": "lots"}, 400, "INVALID_INPUT"),
        ({"unexpected": 1}, 400, "INVALID_INPUT"),
    ],
)
def test_bad_requests_are_refused_with_a_code_and_create_nothing(
    api: ApiClient, aws: FakeAws, changes: dict, status: int, code: str
) -> None:
    answer = api.post("/jobs", body=new_job_body(**changes))

    assert (answer.status, answer.body["code"]) == (status, code)
    assert answer.body["message"]
    assert aws.all_jobs() == []


def test_the_value_names_the_offending_input(api: ApiClient, aws: FakeAws) -> None:
    assert api.post("/jobs", body=new_job_body(size_bytes=2**20 + 1)).body["value"] == 2**20 + 1
    assert api.post("/jobs", body=new_job_body(content_type="text/plain")).body["value"] == "text/plain"


@pytest.mark.parametrize("body", ["{not json", "[]", "null", json.dumps({"filename": "a.mp4"})])
def test_malformed_bodies_are_400_invalid_input(api: ApiClient, aws: FakeAws, body: str) -> None:
    answer = api.post("/jobs", body=body)

    assert answer.status == 400 and answer.body["code"] == "INVALID_INPUT"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_body_sent_as_another_type_than_json_is_415(api: ApiClient, aws: FakeAws, content_type: str) -> None:
    answer = api.post("/jobs", body=new_job_body(), headers={"Content-Type": content_type})

    assert (answer.status, answer.body["code"]) == (415, "UNSUPPORTED_MEDIA_TYPE")
    assert "application/json" in answer.body["message"] and answer.body["value"] == content_type
    assert aws.all_jobs() == []


@pytest.mark.parametrize("content_type", [None, "application/json; charset=utf-8", "Application/JSON"])
def test_json_without_a_type_or_with_parameters_is_read(api: ApiClient, aws: FakeAws, content_type: str | None) -> None:
    event = rest_event("POST", "/jobs", body=new_job_body())
    event["headers"].pop("Content-Type")
    if content_type:
        event["headers"]["Content-Type"] = content_type
    event["multiValueHeaders"] = {name: [value] for name, value in event["headers"].items()}
    assert api.call_event(event).status == 201


@pytest.mark.parametrize(
    ("filename", "safe_name", "display_name"),
    [
        ("../../etc/passwd.mp4", "passwd.mp4", "passwd.mp4"),
        ("..\\..\\Windows\\dinner.MOV", "dinner.mov", "dinner.MOV"),
        ("Crème brûlée 🍮.mp4", "Creme_brulee.mp4", "Crème brûlée 🍮.mp4"),
        ("食事.webm", "video.webm", "食事.webm"),
        ("x" * 900 + ".mp4", "x" * 96 + ".mp4", "x" * 255),
    ],
)
def test_filenames_are_sanitised_into_the_job_folder(
    api: ApiClient, aws: FakeAws, filename: str, safe_name: str, display_name: str
) -> None:
    answer = api.post("/jobs", body=new_job_body(filename=filename))

    assert answer.status == 201
    job_id = answer.body["job_id"]
    key = answer.body["upload"]["fields"]["key"]
    assert key == f"uploads/{job_id}/video{safe_name[safe_name.rfind('.'):]}"
    assert ".." not in key and "\\" not in key and key.isascii()
    assert aws.job_item(job_id)["filename"] == display_name


def test_a_retried_post_returns_the_first_job(api: ApiClient, aws: FakeAws) -> None:
    headers = {"Idempotency-Key": "retry-1"}
    first = api.post("/jobs", body=new_job_body(), headers=headers)
    second = api.post("/jobs", body=new_job_body(), headers=headers)

    assert first.status == second.status == 201
    assert second.body == first.body
    assert len(aws.all_jobs()) == 1


def test_a_new_idempotency_key_or_body_makes_a_new_job(api: ApiClient, aws: FakeAws) -> None:
    a = api.post("/jobs", body=new_job_body(), headers={"Idempotency-Key": "one"})
    b = api.post("/jobs", body=new_job_body(), headers={"Idempotency-Key": "two"})
    c = api.post("/jobs", body=new_job_body(filename="lunch.mp4"), headers={"Idempotency-Key": "one"})

    assert len({a.body["job_id"], b.body["job_id"], c.body["job_id"]}) == 3
    assert len(aws.all_jobs()) == 3


def test_without_an_idempotency_key_identical_requests_are_separate_jobs(api: ApiClient, aws: FakeAws) -> None:
    """Two people uploading 'meal.mp4' of the same size must never share a job (or its results)."""
    first = api.post("/jobs", body=new_job_body())
    second = api.post("/jobs", body=new_job_body())

    assert first.status == second.status == 201
    assert first.body["job_id"] != second.body["job_id"]
    assert len(aws.all_jobs()) == 2


def test_a_refused_request_is_not_remembered(api: ApiClient, aws: FakeAws) -> None:
    headers = {"Idempotency-Key": "k"}
    assert api.post("/jobs", body=new_job_body(size_bytes=2**21), headers=headers).status == 413
    assert api.post("/jobs", body=new_job_body(), headers=headers).status == 201


@pytest.mark.parametrize(("declared", "bound"), [
    ("Video/MP4", "video/mp4"),
    ('video/webm;codecs="vp8, opus"', "video/webm"),
    ("video/webm;codecs=vp8,opus", "video/webm"),
    (" video/QuickTime ; charset=binary", "video/quicktime"),
])
def test_media_types_are_parsed_and_the_form_binds_the_bare_type(
    api: ApiClient, aws: FakeAws, declared: str, bound: str
) -> None:
    answer = api.post("/jobs", body=new_job_body(content_type=declared, size_bytes=1234))

    assert answer.status == 201, answer.body
    fields = answer.body["upload"]["fields"]
    assert fields["Content-Type"] == bound
    conditions = _policy(fields)["conditions"]
    assert {"Content-Type": bound} in conditions and ["content-length-range", 1234, 1234] in conditions
