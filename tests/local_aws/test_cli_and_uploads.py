"""The ``aws`` CLI against the embedded AWS, and uploads that start the pipeline by themselves
(S3 -> EventBridge -> start Lambda -> StartExecution named after the job)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

from local_aws import EmbeddedAws
from tests.local_aws.resources import Pipeline, create_function, create_pipeline, wait_for_execution, wait_until

pytestmark = pytest.mark.embedded

AWS_CLI = Path(sys.executable).with_name("aws")


@pytest.fixture(scope="module")
def pipeline(aws: EmbeddedAws) -> Pipeline:
    pipeline = create_pipeline(aws)
    starter = create_function(aws, f"start-{pipeline.suffix}", "start", pipeline.role_arn,
                              {"STATE_MACHINE_ARN": pipeline.state_machine_arn})
    events = aws.client("events")
    aws.client("s3").put_bucket_notification_configuration(
        Bucket=pipeline.videos_bucket, NotificationConfiguration={"EventBridgeConfiguration": {}})
    rule = f"uploads-{pipeline.suffix}"
    events.put_rule(Name=rule, EventPattern=json.dumps({
        "source": ["aws.s3"], "detail-type": ["Object Created"],
        "detail": {"bucket": {"name": [pipeline.videos_bucket]}, "object": {"key": [{"prefix": "uploads/"}]}}}))
    events.put_targets(Rule=rule, Targets=[{"Id": "start", "Arn": starter}])
    return pipeline


def aws_cli(aws: EmbeddedAws, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | aws.environment()
    done = subprocess.run([str(AWS_CLI), "--endpoint-url", aws.endpoint_url, "--output", "json", *args],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _execution_of(pipeline: Pipeline, job_id: str) -> str:
    return f"{pipeline.state_machine_arn.replace(':stateMachine:', ':execution:')}:{job_id}"


def _wait_started(pipeline: Pipeline, job_id: str) -> str:
    sfn = pipeline.aws.client("stepfunctions")
    wait_until(lambda: any(e["name"] == job_id for e in
                           sfn.list_executions(stateMachineArn=pipeline.state_machine_arn)["executions"]),
               60, f"an execution named {job_id}")
    return _execution_of(pipeline, job_id)


def test_cli_start_execution_runs_a_job(aws: EmbeddedAws, pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    key = f"manual/{job_id}/meal.mp4"  # outside uploads/: nothing starts by itself
    aws.client("s3").put_object(Bucket=pipeline.videos_bucket, Key=key, Body=b"a video")
    started = json.loads(aws_cli(aws, "stepfunctions", "start-execution",
                                 "--state-machine-arn", pipeline.state_machine_arn, "--name", job_id,
                                 "--input", json.dumps({"job_id": job_id, "bucket": pipeline.videos_bucket,
                                                        "key": key})))
    assert wait_for_execution(aws, started["executionArn"])["status"] == "SUCCEEDED"
    described = json.loads(aws_cli(aws, "stepfunctions", "describe-execution",
                                   "--execution-arn", started["executionArn"]))
    assert described["status"] == "SUCCEEDED"
    pipeline.notifications()


def test_aws_s3_cp_under_uploads_starts_the_job(aws: EmbeddedAws, pipeline: Pipeline, tmp_path: Path) -> None:
    job_id = uuid.uuid4().hex
    video = tmp_path / "meal.mp4"
    video.write_bytes(b"a video file")
    aws_cli(aws, "s3", "cp", str(video), f"s3://{pipeline.videos_bucket}/uploads/{job_id}/meal.mp4")

    described = wait_for_execution(aws, _wait_started(pipeline, job_id))

    assert described["status"] == "SUCCEEDED"
    assert pipeline.item(job_id)["status"] == {"S": "COMPLETED"}
    listed = aws_cli(aws, "s3", "ls", f"s3://{pipeline.results_bucket}/jobs/{job_id}/")
    assert "detections.json" in listed and "results.json" in listed
    pipeline.notifications()


def test_a_presigned_post_upload_starts_the_job(aws: EmbeddedAws, pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    post = aws.client("s3").generate_presigned_post(
        Bucket=pipeline.videos_bucket, Key=f"uploads/{job_id}/meal.mp4",
        Conditions=[["content-length-range", 1, 1024]], ExpiresIn=300)
    response = requests.post(post["url"], data=post["fields"], files={"file": ("meal.mp4", b"FAIL: corrupt")},
                             timeout=30)
    assert response.status_code in (200, 204), response.text

    described = wait_for_execution(aws, _wait_started(pipeline, job_id))

    assert described["status"] == "FAILED"  # the analysis rejects this video
    assert pipeline.item(job_id)["status"] == {"S": "FAILED"}
    pipeline.notifications()


def test_cli_lambda_invoke_runs_the_handler(aws: EmbeddedAws, pipeline: Pipeline, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    name = f"fail-{pipeline.suffix}"
    create_function(aws, name, "fail", pipeline.role_arn)
    result = json.loads(aws_cli(aws, "lambda", "invoke", "--function-name", name,
                                "--payload", json.dumps({"code": "CORRUPT", "message": "moov atom missing"}),
                                str(out)))
    assert result["FunctionError"] == "Unhandled"
    assert json.loads(out.read_text())["errorType"] == "CORRUPT"
