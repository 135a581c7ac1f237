"""The AnalyzeMeal machine runs in moto's ASL engine through every task type, success and failure."""

from __future__ import annotations

import json
import uuid

import pytest
from botocore.exceptions import ClientError

from local_aws import EmbeddedAws
from pipeline.config import load_config
from pipeline.layout import detections_key, results_key
from tests.local_aws.resources import Pipeline, create_pipeline, entered_states, wait_for_execution

pytestmark = pytest.mark.embedded

SUCCESS_PATH = ["ValidateUpload", "MarkAnalyzing", "AnalyzeFrames", "ComputeNutrition", "MarkCompleted",
                "NotifySuccess", "Succeeded"]


@pytest.fixture(scope="module")
def pipeline(aws: EmbeddedAws) -> Pipeline:
    return create_pipeline(aws)


def _start(pipeline: Pipeline, execution_input: dict[str, str]) -> str:
    return pipeline.aws.client("stepfunctions").start_execution(
        stateMachineArn=pipeline.state_machine_arn, name=execution_input["job_id"],
        input=json.dumps(execution_input))["executionArn"]


def test_a_job_runs_to_succeeded_through_every_task(pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    arn = _start(pipeline, pipeline.upload(job_id, b"a video"))
    described = wait_for_execution(pipeline.aws, arn)

    assert described["status"] == "SUCCEEDED", described
    assert entered_states(pipeline.aws, arn) == SUCCESS_PATH
    output = json.loads(described["output"])
    assert output["video"] == {"probe": {"size_bytes": 7, "container": "test"}}
    assert output["analysis"]["batch_status"] == "SUCCEEDED"
    assert output["nutrition"]["results_uri"] == f"s3://{pipeline.results_bucket}/{results_key(job_id)}"
    item = pipeline.item(job_id)
    assert item["status"] == {"S": "COMPLETED"} and item["stage"] == {"S": "MarkCompleted"}
    assert item["execution_arn"] == {"S": arn}
    assert item["totals"]["M"]["kcal"] == {"N": "52.0"}
    assert "created_at" in item and "error" not in item
    detections = json.loads(pipeline.aws.client("s3").get_object(
        Bucket=pipeline.results_bucket, Key=detections_key(job_id))["Body"].read())
    assert detections["job_id"] == job_id and detections["batch_job_id"] == output["analysis"]["batch_job_id"]
    [notification] = pipeline.notifications()
    assert notification["Subject"] == f"Meal analysis {job_id} completed"
    assert notification["MessageAttributes"]["status"]["Value"] == "COMPLETED"


def test_a_failing_lambda_is_recorded_and_notified(pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    arn = _start(pipeline, pipeline.upload(job_id, b""))
    described = wait_for_execution(pipeline.aws, arn)

    assert described["status"] == "FAILED"
    assert (described["error"], described["cause"]) == ("EMPTY", "the uploaded file is empty")
    assert entered_states(pipeline.aws, arn) == [
        "ValidateUpload", "CheckCauseFormat", "ParseCause", "ReadCause", "TakeErrorMessage", "MarkFailed",
        "NotifyFailure", "CheckErrorName", "AnalysisFailed"]
    error = pipeline.item(job_id)["error"]["M"]
    assert error == {"code": {"S": "EMPTY"}, "message": {"S": "the uploaded file is empty"}}  # readable as stored
    assert pipeline.item(job_id)["status"] == {"S": "FAILED"}
    [notification] = pipeline.notifications()
    assert notification["Subject"] == f"Meal analysis {job_id} failed"
    assert "EMPTY" in notification["Message"]


def test_a_failing_batch_job_is_recorded_with_its_readable_code(pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    arn = _start(pipeline, pipeline.upload(job_id, b"FAIL: not a video"))
    described = wait_for_execution(pipeline.aws, arn)

    assert described["status"] == "FAILED"
    # a job that ran and failed is not a capacity cancellation: it never moves to the on-demand queue
    assert entered_states(pipeline.aws, arn) == [
        "ValidateUpload", "MarkAnalyzing", "AnalyzeFrames", "CheckSpotCapacity", "CheckCauseFormat", "ParseCause",
        "ReadCause", "TakeErrorLine", "MarkFailed", "NotifyFailure", "CheckErrorName", "AnalysisFailed"]
    # the task's 'ERROR <CODE>: message' line, decoded once by the machine: the item, the notification
    # and the execution carry the same readable code
    assert described["error"] == "NO_DECODABLE_FRAMES"
    assert "no frame of the video could be decoded" in described["cause"]
    item = pipeline.item(job_id)
    assert item["status"] == {"S": "FAILED"} and item["stage"] == {"S": "MarkFailed"}
    error = item["error"]["M"]
    assert error["code"] == {"S": "NO_DECODABLE_FRAMES"}
    assert error["message"]["S"].startswith("ERROR NO_DECODABLE_FRAMES: no frame of the video could be decoded")
    (notification,) = pipeline.notifications()
    assert notification["MessageAttributes"]["error_code"]["Value"] == "NO_DECODABLE_FRAMES"


def test_a_duplicate_start_is_a_no_op(pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    execution_input = pipeline.upload(job_id, b"a video")
    first = _start(pipeline, execution_input)
    assert _start(pipeline, execution_input) == first  # same name, same input, still running: same execution
    wait_for_execution(pipeline.aws, first)
    sfn = pipeline.aws.client("stepfunctions")
    with pytest.raises(ClientError) as raised:  # finished: the name cannot be reused
        _start(pipeline, execution_input)
    assert raised.value.response["Error"]["Code"] == "ExecutionAlreadyExists"
    runs = sfn.list_executions(stateMachineArn=pipeline.state_machine_arn)["executions"]
    assert [r["executionArn"] for r in runs].count(first) == 1
    assert pipeline.item(job_id)["status"] == {"S": "COMPLETED"}
    pipeline.notifications()  # drain


def _start_by_hand(pipeline: Pipeline, execution_input: dict[str, str]) -> dict:
    """``aws stepfunctions start-execution`` without a name (not the upload's), waited for."""
    arn = pipeline.aws.client("stepfunctions").start_execution(
        stateMachineArn=pipeline.state_machine_arn, input=json.dumps(execution_input))["executionArn"]
    return {"arn": arn, **wait_for_execution(pipeline.aws, arn)}


def test_a_hand_started_execution_of_a_finished_job_is_refused_and_leaves_it_as_it_was(pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    execution_input = pipeline.upload(job_id, b"a video")
    wait_for_execution(pipeline.aws, _start(pipeline, execution_input))
    pipeline.notifications()
    before = pipeline.item(job_id)

    again = _start_by_hand(pipeline, execution_input)

    assert again["status"] == "FAILED" and again["error"] == "JOB_ALREADY_FINISHED"
    assert again["cause"].startswith(f"job {job_id} has already finished (COMPLETED)")
    assert entered_states(pipeline.aws, again["arn"]) == [
        "ValidateUpload", "MarkAnalyzing", "ReadJobStatus", "WhyNotStarted", "JobAlreadyFinished", "ExecutionRefused"]
    assert pipeline.item(job_id) == before  # no MarkFailed: status, stage, error, totals untouched
    assert pipeline.notifications() == []  # and no failure notice for a job that did not fail


def test_a_hand_started_execution_of_a_running_job_is_refused_as_in_progress(pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    execution_input = pipeline.upload(job_id, b"a video")
    pipeline.aws.client("dynamodb").put_item(TableName=pipeline.table, Item={
        "job_id": {"S": job_id}, "status": {"S": "ANALYZING"}, "stage": {"S": "AnalyzeFrames"},
        "created_at": {"S": "2026-11-30T08:00:00.000Z"}, "updated_at": {"S": "2026-11-30T08:00:01.000Z"}})
    before = pipeline.item(job_id)

    again = _start_by_hand(pipeline, execution_input)

    assert again["status"] == "FAILED" and again["error"] == "JOB_IN_PROGRESS"
    assert f"job {job_id} is being analysed by another execution" in again["cause"]
    assert entered_states(pipeline.aws, again["arn"])[-3:] == ["WhyNotStarted", "JobInProgress", "ExecutionRefused"]
    assert pipeline.item(job_id) == before
    assert pipeline.notifications() == []


def test_a_completed_job_is_not_failed_by_a_late_error(aws: EmbeddedAws) -> None:
    """MarkFailed's condition protects a final status: NotifySuccess failing after MarkCompleted (its
    topic deleted) goes through MarkFailed, whose condition fails, and the job stays COMPLETED."""
    pipeline = create_pipeline(aws)  # its own: the topic is deleted
    job_id = uuid.uuid4().hex
    aws.client("sns").delete_topic(TopicArn=pipeline.topic_arn)
    described = wait_for_execution(aws, _start(pipeline, pipeline.upload(job_id, b"a video")))

    assert described["status"] == "FAILED"
    states = entered_states(aws, described["executionArn"])
    assert states[states.index("MarkCompleted"):] == [
        "MarkCompleted", "NotifySuccess", "CheckCauseFormat", "MarkFailed", "NotifyFailure", "CheckErrorName",
        "AnalysisFailed"]
    item = pipeline.item(job_id)
    assert item["status"] == {"S": "COMPLETED"} and "error" not in item


def test_choose_compute_runs_a_short_video_on_fargate_and_a_long_one_on_the_gpu_queue(aws: EmbeddedAws) -> None:
    """analysis.compute = auto: the Choice reads ValidateUpload's duration; both paths end in the same
    nutrition and completion states."""
    auto = create_pipeline(aws, compute="auto")
    limit = load_config("dev").analysis.cpu_max_video_seconds
    tail = ["ComputeNutrition", "MarkCompleted", "NotifySuccess", "Succeeded"]
    for duration_s, analysis in ((limit, "AnalyzeFramesCpu"), (limit + 1, "AnalyzeFrames")):
        job_id = uuid.uuid4().hex
        arn = _start(auto, auto.upload(job_id, b"a video", duration_s=duration_s))
        assert wait_for_execution(aws, arn)["status"] == "SUCCEEDED"
        assert entered_states(aws, arn) == ["ValidateUpload", "MarkAnalyzing", "ChooseCompute", analysis, *tail]
        assert auto.item(job_id)["status"] == {"S": "COMPLETED"}
