"""StartAnalysis: one execution per upload, duplicates are no-ops, status never moves back."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from lambdas.start_analysis.handler import handler
from tests.api.moto_resources import FakeAws, FakeLambdaContext, fake_aws
from tests.events import FIXTURE_JOB_ID, load_event

KEY = f"uploads/{FIXTURE_JOB_ID}/dinner.mp4"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAws]:
    with fake_aws(monkeypatch) as resources:
        yield resources


def object_created(aws: FakeAws, key: str = KEY) -> dict:
    event = load_event("eventbridge_s3_object_created")
    event["detail"]["bucket"]["name"] = aws.videos_bucket
    event["detail"]["object"]["key"] = key
    return event


def put_job(aws: FakeAws, status: str, job_id: str = FIXTURE_JOB_ID) -> None:
    aws.dynamodb.Table(aws.jobs_table).put_item(Item={
        "job_id": job_id, "status": status, "created_at": "2026-11-26T08:00:00.000Z",
        "updated_at": "2026-11-26T08:00:00.000Z", "filename": "dinner.mp4", "upload_key": KEY, "ttl": 1_800_000_000,
    })


def executions(aws: FakeAws) -> list[dict]:
    return aws.stepfunctions.list_executions(stateMachineArn=aws.state_machine_arn)["executions"]


def test_an_upload_starts_one_named_execution_and_queues_the_job(aws: FakeAws) -> None:
    put_job(aws, "PENDING_UPLOAD")

    result = handler(object_created(aws), FakeLambdaContext())

    assert result["started"] is True and result["queued"] is True
    [execution] = executions(aws)
    assert execution["name"] == FIXTURE_JOB_ID
    described = aws.stepfunctions.describe_execution(executionArn=execution["executionArn"])
    assert json.loads(described["input"]) == {"job_id": FIXTURE_JOB_ID, "bucket": aws.videos_bucket, "key": KEY}
    item = aws.job_item(FIXTURE_JOB_ID)
    assert item["status"] == "QUEUED" and item["execution_arn"] == execution["executionArn"]
    assert item["updated_at"] > item["created_at"] == "2026-11-26T08:00:00.000Z"
    assert int(item["ttl"]) == 1_800_000_000  # kept from the API's item


def test_a_duplicate_event_starts_nothing(aws: FakeAws) -> None:
    put_job(aws, "PENDING_UPLOAD")
    first = handler(object_created(aws), FakeLambdaContext())
    aws.dynamodb.Table(aws.jobs_table).update_item(  # the state machine's MarkAnalyzing
        Key={"job_id": FIXTURE_JOB_ID}, UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": "ANALYZING"},
    )

    second = handler(object_created(aws), FakeLambdaContext())

    assert second["started"] is False and "duplicate" in second["reason"]
    assert second["execution_arn"] == first["execution_arn"]
    assert len(executions(aws)) == 1
    assert aws.job_item(FIXTURE_JOB_ID)["status"] == "ANALYZING"


@pytest.mark.parametrize("status", ["QUEUED", "ANALYZING", "COMPLETED", "FAILED"])
def test_status_never_moves_backwards(aws: FakeAws, status: str) -> None:
    put_job(aws, status)

    result = handler(object_created(aws), FakeLambdaContext())

    assert result["queued"] is False
    item = aws.job_item(FIXTURE_JOB_ID)
    assert item["status"] == status and "execution_arn" not in item


def test_an_upload_without_a_job_item_creates_one(aws: FakeAws) -> None:
    result = handler(object_created(aws), FakeLambdaContext())

    item = aws.job_item(FIXTURE_JOB_ID)
    assert result["started"] and item["status"] == "QUEUED"
    assert item["upload_key"] == KEY and item["filename"] == "dinner.mp4"
    assert item["created_at"] == item["updated_at"] and int(item["ttl"]) > 0


@pytest.mark.parametrize(
    "key",
    ["jobs/0f8e2c4a9b7d4e1f8a6c3b5d7e9f1a2b/results.json", "uploads/not-a-job-id/x.mp4",
     f"uploads/{FIXTURE_JOB_ID}/", "uploads/x.mp4", f"uploads/{FIXTURE_JOB_ID.upper()}/x.mp4"],
)
def test_objects_outside_uploads_are_ignored(aws: FakeAws, key: str) -> None:
    result = handler(object_created(aws, key), FakeLambdaContext())

    assert result["started"] is False and result["reason"]
    assert executions(aws) == [] and aws.all_jobs() == []


@pytest.mark.parametrize("event", [{}, {"detail": {}}, {"detail": {"bucket": {"name": "b"}, "object": {}}}])
def test_events_without_an_object_are_ignored(aws: FakeAws, event: dict) -> None:
    assert handler(event, FakeLambdaContext())["started"] is False
    assert executions(aws) == []


def test_a_racing_second_start_is_refused_not_duplicated(aws: FakeAws) -> None:
    from lambdas.start_analysis.handler import _start_execution

    payload = {"job_id": FIXTURE_JOB_ID, "bucket": aws.videos_bucket, "key": KEY}
    assert _start_execution(aws.state_machine_arn, FIXTURE_JOB_ID, payload) is True
    assert _start_execution(aws.state_machine_arn, FIXTURE_JOB_ID, {**payload, "key": KEY + "2"}) is False
    assert len(executions(aws)) == 1
