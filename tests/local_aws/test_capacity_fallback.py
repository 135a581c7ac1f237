"""No spot capacity moves a job to the on-demand queue, on both paths (GPU spot, Fargate Spot); no capacity
anywhere fails it readably. Batch's
part (waiting RUNNABLE, the queue's time limit cancelling the job with AWS's status reason) is the
batch_capacity bridge's; the routing is the state machine's own, run by moto's ASL engine."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from local_aws import EmbeddedAws
from local_aws.bridges.batch_capacity import capacity_unavailable
from tests.local_aws.resources import (
    CAPACITY_ACTIONS, Pipeline, create_batch, create_pipeline, entered_states, wait_for_execution,
)

pytestmark = pytest.mark.embedded

#: 600 s of a queue's time limit become 1.8 s.
TIME_SCALE = 0.003


@pytest.fixture(scope="module")
def pipeline(aws: EmbeddedAws) -> Pipeline:
    return create_pipeline(aws)


@pytest.fixture(scope="module")
def fargate_pipeline(aws: EmbeddedAws) -> Pipeline:
    return create_pipeline(aws, compute="fargate")


def _start(pipeline: Pipeline, job_id: str) -> str:
    execution_input = pipeline.upload(job_id, b"a video")
    return pipeline.aws.client("stepfunctions").start_execution(
        stateMachineArn=pipeline.state_machine_arn, name=job_id, input=json.dumps(execution_input))["executionArn"]


def _batch_jobs(pipeline: Pipeline, job_id: str) -> list[dict]:
    batch = pipeline.aws.client("batch")
    queues = [q["jobQueueArn"] for q in batch.describe_job_queues()["jobQueues"] if pipeline.suffix in q["jobQueueName"]]
    summaries = [s for queue in queues for status in ("SUCCEEDED", "FAILED")
                 for s in batch.list_jobs(jobQueue=queue, jobStatus=status)["jobSummaryList"]
                 if s["jobName"] == f"analyze-{job_id}"]
    return batch.describe_jobs(jobs=[s["jobId"] for s in summaries])["jobs"] if summaries else []


def test_queues_keep_their_time_limit_actions(pipeline: Pipeline) -> None:
    queues = pipeline.aws.client("batch").describe_job_queues()["jobQueues"]
    ours = [q for q in queues if pipeline.suffix in q["jobQueueName"]]
    # GPU spot and on-demand, Fargate Spot and on-demand Fargate
    assert len(ours) == 4 and all(q["jobStateTimeLimitActions"] == CAPACITY_ACTIONS for q in ours)


#: path -> (its pipeline fixture, its spot environment, the states of its move, its on-demand queue's suffix).
#: The Fargate path does not count on Batch handing a job from Fargate Spot to on-demand Fargate inside
#: one queue: the spot queue's time limit cancels it and the state machine resubmits it, as on the GPU path.
SPOT_TO_ON_DEMAND = {
    "gpu": ("pipeline", "spot_environment", ["AnalyzeFrames", "CheckSpotCapacity", "AnalyzeFramesOnDemand"],
            "-on-demand"),
    "fargate": ("fargate_pipeline", "cpu_spot_environment",
                ["AnalyzeFramesCpu", "CheckCpuSpotCapacity", "AnalyzeFramesCpuOnDemand"], "-cpu-on-demand"),
}


@pytest.mark.parametrize("path", sorted(SPOT_TO_ON_DEMAND))
def test_no_spot_capacity_moves_the_job_to_on_demand(path: str, request: pytest.FixtureRequest) -> None:
    fixture, spot, moves, queue_suffix = SPOT_TO_ON_DEMAND[path]
    pipeline: Pipeline = request.getfixturevalue(fixture)
    job_id = uuid.uuid4().hex
    with capacity_unavailable(getattr(pipeline, spot), time_scale=TIME_SCALE):
        arn = _start(pipeline, job_id)
        described = wait_for_execution(pipeline.aws, arn)
    assert described["status"] == "SUCCEEDED", described
    assert entered_states(pipeline.aws, arn) == [
        "ValidateUpload", "MarkAnalyzing", *moves, "ComputeNutrition", "MarkCompleted", "NotifySuccess", "Succeeded"]
    jobs = {job["status"]: job for job in _batch_jobs(pipeline, job_id)}
    assert jobs["FAILED"]["statusReason"] == (
        "Canceled by JobStateTimeLimit action due to reason: CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY")
    assert jobs["SUCCEEDED"]["jobQueue"].endswith(f"/queue-{pipeline.suffix}{queue_suffix}")
    assert pipeline.item(job_id)["status"] == {"S": "COMPLETED"}


def test_no_capacity_anywhere_fails_with_no_gpu_capacity(pipeline: Pipeline) -> None:
    job_id = uuid.uuid4().hex
    with capacity_unavailable(pipeline.spot_environment, pipeline.on_demand_environment, time_scale=TIME_SCALE):
        arn = _start(pipeline, job_id)
        described = wait_for_execution(pipeline.aws, arn)
    assert described["status"] == "FAILED"
    assert described["error"] == "NO_GPU_CAPACITY" and "vCPU quotas" in described["cause"]
    assert entered_states(pipeline.aws, arn)[3:] == [
        "CheckSpotCapacity", "AnalyzeFramesOnDemand", "CheckOnDemandCapacity", "NoGpuCapacity", "MarkFailed",
        "NotifyFailure", "CheckErrorName", "AnalysisFailed"]
    error = pipeline.item(job_id)["error"]["M"]
    assert error["code"] == {"S": "NO_GPU_CAPACITY"} and "build.py doctor" in error["message"]["S"]


def test_no_fargate_capacity_anywhere_fails_with_no_fargate_capacity(fargate_pipeline: Pipeline) -> None:
    pipeline, job_id = fargate_pipeline, uuid.uuid4().hex
    with capacity_unavailable(pipeline.cpu_spot_environment, pipeline.cpu_on_demand_environment,
                              time_scale=TIME_SCALE):
        arn = _start(pipeline, job_id)
        described = wait_for_execution(pipeline.aws, arn)
    assert described["status"] == "FAILED"
    assert described["error"] == "NO_FARGATE_CAPACITY" and "Fargate vCPU quotas" in described["cause"]
    assert entered_states(pipeline.aws, arn)[2:] == [
        "AnalyzeFramesCpu", "CheckCpuSpotCapacity", "AnalyzeFramesCpuOnDemand", "CheckCpuCapacity",
        "NoFargateCapacity", "MarkFailed", "NotifyFailure", "CheckErrorName", "AnalysisFailed"]
    error = pipeline.item(job_id)["error"]["M"]
    assert error["code"] == {"S": "NO_FARGATE_CAPACITY"} and "on-demand Fargate queue" in error["message"]["S"]


def test_a_job_waits_runnable_until_capacity_returns(pipeline: Pipeline) -> None:
    """Without a time limit action a job waits as long as it takes, with Batch's reason, then runs."""
    aws, batch = pipeline.aws, pipeline.aws.client("batch")
    environment = f"ce-{pipeline.suffix}-patient"
    with capacity_unavailable(environment):
        queue = batch.create_job_queue(
            jobQueueName=f"queue-{pipeline.suffix}-patient", state="ENABLED", priority=1,
            computeEnvironmentOrder=[{"order": 1, "computeEnvironment": batch.create_compute_environment(
                computeEnvironmentName=environment, type="UNMANAGED", state="ENABLED",
                serviceRole=pipeline.role_arn)["computeEnvironmentArn"]}])["jobQueueArn"]
        _, definition = create_batch(aws, f"{pipeline.suffix}-patient-def", pipeline.role_arn, ["python", "-c", "0"])
        job_id = batch.submit_job(jobName="patient", jobQueue=queue, jobDefinition=definition)["jobId"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            (job,) = batch.describe_jobs(jobs=[job_id])["jobs"]
            if job["status"] == "RUNNABLE" and job.get("statusReason", "").startswith("CAPACITY:"):
                break
            time.sleep(0.1)
        assert job["status"] == "RUNNABLE"
        assert job["statusReason"].startswith(
            "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY - Service cannot fulfill the capacity requested")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        (job,) = batch.describe_jobs(jobs=[job_id])["jobs"]
        if job["status"] in ("SUCCEEDED", "FAILED"):
            break
        time.sleep(0.1)
    assert job["status"] == "SUCCEEDED" and "statusReason" not in job
