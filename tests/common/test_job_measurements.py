"""Measurements of a running job from AWS's records: execution history, DescribeJobs, the S3 calls made.

The fixtures are what the embedded AWS answered for a real job (``tests/events``); the clients are
small fakes that answer from them.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from lambdas.common import clients, job_measurements as jm
from pipeline.cost.job_cost import job_cost
from pipeline.cost.measurements import Ec2Host, FargateTask, LambdaRun
from tests.events import load_event

EXECUTION_ARN = "arn:aws:states:us-east-1:123456789012:execution:nutrition-video-dev-analyze-meal:job"
BATCH_JOB_ID = "dbb46155-5b03-4574-8b69-76215ba797de"
OWN_RUN = LambdaRun("nutrition_rag", 2000.0, 3008, "arm64", "lower", "test")


def history() -> list[dict[str, Any]]:
    events = load_event("sfn_execution_history")["events"]
    for event in events:  # boto3 parses timestamps into datetimes
        event["timestamp"] = dt.datetime.fromisoformat(event["timestamp"])
    return events


class FakeStepFunctions:
    def __init__(self, events: list[dict[str, Any]], page: int = 7) -> None:
        self.events, self.page, self.calls = events, page, 0

    def get_execution_history(self, *, executionArn: str, maxResults: int, nextToken: str | None = None) -> dict:
        assert executionArn == EXECUTION_ARN and maxResults == jm.HISTORY_PAGE
        self.calls += 1
        start = int(nextToken or 0)
        page = {"events": self.events[start:start + self.page]}
        if start + self.page < len(self.events):
            page["nextToken"] = str(start + self.page)
        return page


class FakeBatch:
    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers

    def describe_jobs(self, *, jobs: list[str]) -> dict:
        return {"jobs": [job for job in self.answers["jobs"] if job["jobId"] in jobs]}

    def describe_job_queues(self, *, jobQueues: list[str]) -> dict:
        return {"jobQueues": [q for q in self.answers["jobQueues"] if q["jobQueueArn"] in jobQueues]}

    def describe_compute_environments(self, *, computeEnvironments: list[str]) -> dict:
        return {"computeEnvironments": [c for c in self.answers["computeEnvironments"]
                                        if c["computeEnvironmentArn"] in computeEnvironments]}


class FakeEcs:
    def __init__(self, instance_type: str | None) -> None:
        self.instance_type, self.asked = instance_type, []

    def describe_container_instances(self, *, cluster: str, containerInstances: list[str]) -> dict:
        self.asked.append((cluster, containerInstances))
        if self.instance_type is None:
            raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "DescribeContainerInstances")
        return {"containerInstances": [{"attributes": [{"name": "ecs.instance-type", "value": self.instance_type}]}]}


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch):
    fakes = {"stepfunctions": FakeStepFunctions(history()), "batch": FakeBatch(load_event("batch_describe_analysis_job")),
             "ecs": FakeEcs(None)}
    monkeypatch.setattr(clients, "client", lambda service: fakes[service])
    return fakes


def test_states_entered_and_lambda_tasks_come_from_the_history():
    events = history()
    assert jm.states_entered(events) == ["ValidateUpload", "MarkAnalyzing", "AnalyzeFrames", "ComputeNutrition"]
    (run,) = jm.lambda_task_runs(events, memory_mb={"ValidateUpload": 512}, architecture="arm64")
    assert run.name == "ValidateUpload" and run.memory_mb == 512 and run.bound == "upper"
    assert run.duration_ms == pytest.approx(170.0)  # TaskStarted 36.819 -> TaskSucceeded 36.989
    assert jm.batch_job_ids(events) == [BATCH_JOB_ID]


def test_a_retried_lambda_task_is_billed_per_attempt():
    events = history()
    start, end = events[3], events[4]  # ValidateUpload's TaskStarted and TaskSucceeded
    failed = {**copy.deepcopy(end), "type": "TaskFailed", "taskFailedEventDetails": {"resourceType": "lambda"}}
    failed.pop("taskSucceededEventDetails")
    runs = jm.lambda_task_runs([*events[:4], failed, copy.deepcopy(start), end], memory_mb={}, architecture="arm64")
    assert [r.name for r in runs] == ["ValidateUpload", "ValidateUpload (attempt 2)"]
    assert runs[0].source == "Step Functions' TaskStarted to TaskFailed" and runs[1].memory_mb is None


def test_the_whole_history_is_read_page_by_page(aws):
    assert len(jm.execution_history(EXECUTION_ARN)) == len(history()) and aws["stepfunctions"].calls == 3


def test_an_attempt_on_a_multi_type_spot_environment_is_an_unidentified_spot_host(aws):
    (attempt,), gaps = jm.batch_attempts([BATCH_JOB_ID])
    assert gaps == [] and attempt.stopped_at_ms - attempt.started_at_ms == 50_681
    assert attempt.platform == Ec2Host(None, ("g4dn.xlarge", "g5.xlarge", "g6.xlarge"), spot=True)


def test_the_host_type_comes_from_its_container_instance_when_ecs_answers(aws):
    arn = "arn:aws:ecs:us-east-1:123456789012:container-instance/AWS_Batch_CE_abc/0123456789abcdef"
    aws["batch"].answers["jobs"][0]["attempts"][0]["container"]["containerInstanceArn"] = arn
    aws["ecs"] = FakeEcs("g6.xlarge")
    (attempt,), _ = jm.batch_attempts([BATCH_JOB_ID])
    assert attempt.platform.instance_type == "g6.xlarge" and aws["ecs"].asked == [("AWS_Batch_CE_abc", [arn])]


FARGATE_CONTAINER = {"resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}],
                     "runtimePlatform": {"cpuArchitecture": "ARM64"}}


def _fargate_queue(aws, *kinds: str) -> None:
    """The job ran on a Fargate queue over compute environments of ``kinds``, its container 2 vCPU, 4 GB, ARM64."""
    answers = aws["batch"].answers
    answers["computeEnvironments"] = [
        {"computeEnvironmentArn": f"arn:aws:batch:us-east-1:123456789012:compute-environment/{kind.lower()}",
         "computeResources": {"type": kind, "maxvCpus": 16}} for kind in kinds]
    answers["jobQueues"][0]["computeEnvironmentOrder"] = [
        {"order": order, "computeEnvironment": environment["computeEnvironmentArn"]}
        for order, environment in enumerate(answers["computeEnvironments"], start=1)]
    answers["jobs"][0]["container"] = FARGATE_CONTAINER


@pytest.mark.parametrize("kind, spot", [("FARGATE", False), ("FARGATE_SPOT", True)])
def test_a_fargate_attempt_reads_its_size_and_architecture_and_its_capacity_from_its_queue(aws, kind, spot):
    """The stack's Fargate queues have one kind each (Fargate Spot, then on-demand): that kind prices the attempt."""
    _fargate_queue(aws, kind)
    (attempt,), gaps = jm.batch_attempts([BATCH_JOB_ID])
    assert gaps == [] and attempt.platform == FargateTask(2.0, 4096, "arm64", spot=spot)
    assert aws["ecs"].asked == []


def test_on_a_queue_with_both_fargate_kinds_the_capacity_is_unknown_not_guessed(aws):
    _fargate_queue(aws, "FARGATE_SPOT", "FARGATE")
    (attempt,), _ = jm.batch_attempts([BATCH_JOB_ID])
    assert attempt.platform == FargateTask(2.0, 4096, "arm64", spot=None)


def test_an_attempt_without_stop_time_and_an_unreadable_job_are_gaps(aws, monkeypatch):
    del aws["batch"].answers["jobs"][0]["attempts"][0]["stoppedAt"]
    attempts, gaps = jm.batch_attempts([BATCH_JOB_ID])
    assert attempts == [] and "no startedAt/stoppedAt" in gaps[0].reason

    def refuse(**_):
        raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "not allowed"}}, "DescribeJobs")
    monkeypatch.setattr(aws["batch"], "describe_jobs", refuse)
    assert jm.batch_attempts([BATCH_JOB_ID]) == ([], [jm.Gap("batch", "DescribeJobs failed (AccessDeniedException: not allowed)")])


def test_measure_job_prices_the_whole_recorded_job(aws):
    measured = jm.measure_job(execution_arn=EXECUTION_ARN, batch_job_id=BATCH_JOB_ID,
                              lambda_memory_mb={"ValidateUpload": 512}, own_run=OWN_RUN,
                              s3_counted={"put": 0, "get": 1}, overlays=2, region="us-east-1")
    assert measured.state_transitions == 4 and "up to ComputeNutrition" in measured.transitions_counted
    assert [r.name for r in measured.lambda_runs] == ["ValidateUpload", "ComputeNutrition"]
    assert (measured.s3_requests.puts, measured.s3_requests.gets) == (1 + 3 + 1, 1)
    cost = job_cost(measured)
    assert cost.seconds == {"batch": 50.681, "lambda": 2.17} and cost.usd > 0
    assert all(item.usd is not None for item in cost.items)
    assert {gap.part for gap in cost.gaps} == {"analysis task S3 GETs", "ValidateUpload S3 GETs",
                                               "start_analysis and API functions"}


def test_without_the_execution_arn_the_history_is_a_gap_and_nothing_is_invented(aws):
    measured = jm.measure_job(execution_arn=None, batch_job_id=None, lambda_memory_mb={}, own_run=OWN_RUN,
                              s3_counted={"put": 0, "get": 1}, overlays=0, region="us-east-1")
    assert measured.batch_attempts == () and measured.state_transitions is None
    assert [r.name for r in measured.lambda_runs] == ["nutrition_rag"]
    reasons = {gap.part: gap.reason for gap in measured.gaps}
    assert "no execution_arn" in reasons["step functions"] and "no Batch job id" in reasons["batch"]


def test_the_batch_job_id_alone_still_measures_the_batch_attempts(aws):
    measured = jm.measure_job(execution_arn=None, batch_job_id=BATCH_JOB_ID, lambda_memory_mb={}, own_run=OWN_RUN,
                              s3_counted={"put": 0, "get": 0}, overlays=0, region="us-east-1")
    assert len(measured.batch_attempts) == 1 and "batch" not in {gap.part for gap in measured.gaps}


def test_s3_requests_are_counted_by_kind_only_inside_the_block(monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    clients.reset_clients()
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="cost-test")
        s3 = clients.client("s3")
        s3.put_object(Bucket="cost-test", Key="before", Body=b"x")
        with jm.count_s3_requests() as counted:
            s3.get_object(Bucket="cost-test", Key="before")
            s3.head_object(Bucket="cost-test", Key="before")
            s3.put_object(Bucket="cost-test", Key="inside", Body=b"x")
            s3.list_objects_v2(Bucket="cost-test")
        with jm.count_s3_requests() as again:  # registering twice does not count twice
            s3.get_object(Bucket="cost-test", Key="inside")
        s3.get_object(Bucket="cost-test", Key="inside")
    clients.reset_clients()
    assert counted == {"put": 2, "get": 2} and again == {"put": 0, "get": 1}
