"""In-process fake AWS (moto) with the tables and buckets the Lambdas use, keyed like templates/storage.py.

Shared by tests/api, tests/validate_upload and tests/start_analysis:

    with fake_aws(monkeypatch) as aws:   # env vars set, clients reset, resources created
        aws.s3.put_object(Bucket=aws.videos_bucket, Key=..., Body=...)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from moto import mock_aws

from lambdas.common.clients import reset_clients
from pipeline.auth import OWNER_INDEX
from pipeline.contracts.detections import Detections, VideoInfo
from pipeline.contracts.results import NutrientTotals, Results
from pipeline.environment import EnvVar
from pipeline.layout import detections_key, results_key
from templates.storage import STATUS_INDEX

REGION = "us-east-1"
JOBS_TABLE = "nutrition-video-test-jobs"
IDEMPOTENCY_TABLE = "nutrition-video-test-idempotency"
VIDEOS_BUCKET = "nutrition-video-test-videos"
RESULTS_BUCKET = "nutrition-video-test-results"
#: Small limits so the corpus stays tiny: 1 MiB, 5 s, 320×240 pixels.
TEST_LIMITS = {"max_upload_mb": 1, "max_video_seconds": 5, "max_video_pixels": 320 * 240}


@dataclass
class FakeAws:
    s3: Any
    dynamodb: Any
    stepfunctions: Any
    jobs_table: str = JOBS_TABLE
    idempotency_table: str = IDEMPOTENCY_TABLE
    videos_bucket: str = VIDEOS_BUCKET
    results_bucket: str = RESULTS_BUCKET
    state_machine_arn: str = ""
    env: dict[str, str] = field(default_factory=dict)

    def job_item(self, job_id: str) -> dict[str, Any] | None:
        return self.dynamodb.Table(self.jobs_table).get_item(Key={"job_id": job_id}, ConsistentRead=True).get("Item")

    def all_jobs(self) -> list[dict[str, Any]]:
        return self.dynamodb.Table(self.jobs_table).scan()["Items"]


@dataclass
class FakeLambdaContext:
    """What handlers read from a Lambda context."""

    function_name: str = "nutrition-video-test-api"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = f"arn:aws:lambda:{REGION}:123456789012:function:nutrition-video-test-api"
    aws_request_id: str = "52fdfc07-2182-454f-963f-5f0f9a621d72"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def _create_tables(dynamodb: Any) -> None:
    dynamodb.create_table(
        TableName=JOBS_TABLE,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "job_id", "AttributeType": "S"},
            {"AttributeName": "status", "AttributeType": "S"},
            {"AttributeName": "created_at", "AttributeType": "S"},
            {"AttributeName": "owner", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "job_id", "KeyType": "HASH"}],
        GlobalSecondaryIndexes=[{
            "IndexName": STATUS_INDEX,
            "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                          {"AttributeName": "created_at", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"},
        }, {
            "IndexName": OWNER_INDEX,
            "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"},
                          {"AttributeName": "created_at", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"},
        }],
    )
    dynamodb.meta.client.update_time_to_live(
        TableName=JOBS_TABLE, TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"}
    )
    dynamodb.create_table(
        TableName=IDEMPOTENCY_TABLE,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )
    dynamodb.meta.client.update_time_to_live(
        TableName=IDEMPOTENCY_TABLE, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiration"}
    )


def _create_state_machine(session: boto3.session.Session) -> str:
    role = "arn:aws:iam::123456789012:role/nutrition-video-test-states"
    definition = '{"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}'
    return session.client("stepfunctions").create_state_machine(
        name="nutrition-video-test-analyze-meal", definition=definition, roleArn=role
    )["stateMachineArn"]


@contextlib.contextmanager
def fake_aws(monkeypatch: pytest.MonkeyPatch, **limits: int) -> Iterator[FakeAws]:
    """Fake credentials and settings in the environment, moto running, resources created."""
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)
    merged = {**TEST_LIMITS, **limits}
    with mock_aws():
        reset_clients()
        session = boto3.session.Session(region_name=REGION)
        dynamodb = session.resource("dynamodb")
        _create_tables(dynamodb)
        s3 = session.client("s3")
        for bucket in (VIDEOS_BUCKET, RESULTS_BUCKET):
            s3.create_bucket(Bucket=bucket)
        env = {
            EnvVar.JOBS_TABLE.value: JOBS_TABLE,
            EnvVar.IDEMPOTENCY_TABLE.value: IDEMPOTENCY_TABLE,
            EnvVar.VIDEOS_BUCKET.value: VIDEOS_BUCKET,
            EnvVar.RESULTS_BUCKET.value: RESULTS_BUCKET,
            EnvVar.STATE_MACHINE_ARN.value: _create_state_machine(session),
            EnvVar.MAX_UPLOAD_MB.value: str(merged["max_upload_mb"]),
            EnvVar.MAX_VIDEO_SECONDS.value: str(merged["max_video_seconds"]),
            EnvVar.MAX_VIDEO_PIXELS.value: str(merged["max_video_pixels"]),
            EnvVar.JOB_TTL_DAYS.value: "30",
            EnvVar.CORS_ORIGINS.value: "https://app.example.com",
        }
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        try:
            yield FakeAws(s3=s3, dynamodb=dynamodb, stepfunctions=session.client("stepfunctions"),
                          state_machine_arn=env[EnvVar.STATE_MACHINE_ARN.value], env=env)
        finally:
            reset_clients()


def notification_topic_with_queue(monkeypatch: pytest.MonkeyPatch, topic_name: str, queue_name: str) -> str:
    """Inside :func:`fake_aws`: a notification topic (its ARN in the environment, as the functions read it)
    with an SQS queue subscribed; the queue's URL, where the notices can be read."""
    sns, sqs = boto3.client("sns"), boto3.client("sqs")
    topic = sns.create_topic(Name=topic_name)["TopicArn"]
    queue = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    monkeypatch.setenv(EnvVar.NOTIFICATION_TOPIC_ARN.value, topic)
    return queue


def put_job(aws: FakeAws, job_id: str, status: str, **extra: object) -> None:
    """Write a job item as the pipeline would have left it."""
    item = {"job_id": job_id, "status": status, "created_at": "2026-11-26T08:00:00.000Z",
            "updated_at": "2026-11-26T08:01:00.000Z", "filename": "dinner.mp4", **extra}
    aws.dynamodb.Table(aws.jobs_table).put_item(Item=item)


def put_results(aws: FakeAws, job_id: str, kcal: float, overlays: list[str]) -> None:
    """A completed job's results.json and detections.json (listing ``overlays``) and the overlay objects."""
    results = Results(job_id=job_id, totals=NutrientTotals(kcal=kcal))
    aws.s3.put_object(Bucket=aws.results_bucket, Key=results_key(job_id), Body=results.model_dump_json())
    detections = Detections(job_id=job_id, video=VideoInfo(duration_s=4.0, fps=30, width=640, height=480, codec="h264"),
                            overlays=overlays)
    aws.s3.put_object(Bucket=aws.results_bucket, Key=detections_key(job_id), Body=detections.model_dump_json())
    for key in overlays:
        aws.s3.put_object(Bucket=aws.results_bucket, Key=key, Body=b"\xff\xd8\xff")
