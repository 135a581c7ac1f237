"""Creates, through the embedded AWS's own APIs, what the AnalyzeMeal machine needs (tests only)."""

from __future__ import annotations

import io
import json
import time
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from local_aws import EmbeddedAws
from pipeline.config import load_config
from states.analyze_meal import build_analyze_meal_definition
from states.placeholders import Placeholder, substitute

HANDLERS = "tests.local_aws.handlers"
ANALYZE_COMMAND = ["python", "-m", "tests.local_aws.fake_analyze"]
WAIT_S = 90.0
#: What the stack's queues do (templates.compute), in the API's casing: cancel a job that waited ten
#: minutes for capacity. Tests shorten the wait with ``batch_capacity.capacity_unavailable(time_scale=)``.
CAPACITY_ACTIONS = [{"reason": "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", "state": "RUNNABLE",
                     "maxTimeSeconds": 600, "action": "CANCEL"}]


def tiny_zip() -> bytes:
    """Lambda code archive; the Lambda bridge imports the Handler from the repository instead."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("README.txt", "code runs from the repository on the embedded AWS")
    return buffer.getvalue()


def create_role(aws: EmbeddedAws, name: str) -> str:
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                      "Principal": {"Service": "lambda.amazonaws.com"}}]}
    return aws.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]


def create_function(aws: EmbeddedAws, name: str, handler: str, role_arn: str, env: dict[str, str] | None = None,
                    *, timeout_s: int = 30) -> str:
    return aws.client("lambda").create_function(
        FunctionName=name, Runtime="python3.11", Role=role_arn, Handler=f"{HANDLERS}.{handler}",
        Code={"ZipFile": tiny_zip()}, Timeout=timeout_s, MemorySize=256, Environment={"Variables": env or {}},
    )["FunctionArn"]


def create_batch(aws: EmbeddedAws, suffix: str, role_arn: str, command: list[str],
                 env: dict[str, str] | None = None, log_group: str | None = None,
                 retry_strategy: dict[str, Any] | None = None) -> tuple[str, str]:
    """An unmanaged compute environment, a queue and a job definition (logging to ``log_group`` with stream
    prefix ``analyze`` when given, retried per ``retry_strategy``); returns (queue, definition) ARNs."""
    logging = {"logConfiguration": {"logDriver": "awslogs", "options": {
        "awslogs-group": log_group, "awslogs-stream-prefix": "analyze"}}} if log_group else {}
    batch = aws.client("batch")
    queue_arn = create_queue(aws, suffix, role_arn, jobStateTimeLimitActions=CAPACITY_ACTIONS)
    definition = batch.register_job_definition(
        jobDefinitionName=f"analyze-{suffix}", type="container",
        containerProperties={"image": "analyze:local", "command": command,
                             "environment": [{"name": k, "value": v} for k, v in (env or {}).items()],
                             "resourceRequirements": [{"type": "VCPU", "value": "1"},
                                                      {"type": "MEMORY", "value": "512"}], **logging},
        **({"retryStrategy": retry_strategy} if retry_strategy else {}))
    return queue_arn, definition["jobDefinitionArn"]


def create_queue(aws: EmbeddedAws, suffix: str, role_arn: str, **queue_settings: Any) -> str:
    """A queue over its own unmanaged compute environment; returns its ARN."""
    batch = aws.client("batch")
    environment = batch.create_compute_environment(
        computeEnvironmentName=f"ce-{suffix}", type="UNMANAGED", state="ENABLED", serviceRole=role_arn)
    return batch.create_job_queue(
        jobQueueName=f"queue-{suffix}", state="ENABLED", priority=1,
        computeEnvironmentOrder=[{"order": 1, "computeEnvironment": environment["computeEnvironmentArn"]}],
        **queue_settings)["jobQueueArn"]


@dataclass
class Pipeline:
    """The resources of one AnalyzeMeal deployment on the embedded AWS."""

    aws: EmbeddedAws
    suffix: str
    videos_bucket: str
    results_bucket: str
    table: str
    topic_arn: str
    queue_url: str
    state_machine_arn: str
    role_arn: str

    @property
    def spot_environment(self) -> str:
        """The compute environment of the queue AnalyzeFrames submits to first."""
        return f"ce-{self.suffix}"

    @property
    def on_demand_environment(self) -> str:
        """The compute environment of the queue a job moves to when the first has no capacity."""
        return f"ce-{self.suffix}-on-demand"

    @property
    def cpu_spot_environment(self) -> str:
        """The compute environment of the queue AnalyzeFramesCpu submits to first (Fargate Spot)."""
        return f"ce-{self.suffix}-cpu"

    @property
    def cpu_on_demand_environment(self) -> str:
        """The compute environment of the on-demand Fargate queue (AnalyzeFramesCpuOnDemand)."""
        return f"ce-{self.suffix}-cpu-on-demand"

    def item(self, job_id: str) -> dict[str, Any]:
        return self.aws.client("dynamodb").get_item(TableName=self.table, Key={"job_id": {"S": job_id}}).get("Item", {})

    def upload(self, job_id: str, body: bytes, name: str = "meal.mp4", duration_s: float | None = None) -> dict[str, str]:
        """Put an upload; ``duration_s`` is what the ValidateUpload double reports."""
        key = f"uploads/{job_id}/{name}"
        metadata = {"duration-s": str(duration_s)} if duration_s is not None else {}
        self.aws.client("s3").put_object(Bucket=self.videos_bucket, Key=key, Body=body, Metadata=metadata)
        return {"job_id": job_id, "bucket": self.videos_bucket, "key": key}

    def notifications(self) -> list[dict[str, Any]]:
        sqs = self.aws.client("sqs")
        messages = sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10,
                                       MessageAttributeNames=["All"]).get("Messages", [])
        return [json.loads(m["Body"]) for m in messages]


def create_pipeline(aws: EmbeddedAws, compute: str = "gpu") -> Pipeline:
    """AnalyzeMeal for the dev config with ``analysis.compute = compute`` (its GPU path by default,
    what most of these tests follow), with the queues and job definitions that path needs."""
    suffix = uuid.uuid4().hex[:8]
    role_arn = create_role(aws, f"role-{suffix}")
    videos, results = f"videos-{suffix}", f"results-{suffix}"
    for bucket in (videos, results):
        aws.client("s3").create_bucket(Bucket=bucket)
    table = f"jobs-{suffix}"
    aws.client("dynamodb").create_table(
        TableName=table, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "job_id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "job_id", "AttributeType": "S"}])
    topic_arn = aws.client("sns").create_topic(Name=f"jobs-{suffix}")["TopicArn"]
    queue_url = aws.client("sqs").create_queue(QueueName=f"notified-{suffix}")["QueueUrl"]
    queue_arn = aws.client("sqs").get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    aws.client("sns").subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn)
    validate_arn = create_function(aws, f"validate-{suffix}", "validate", role_arn)
    nutrition_arn = create_function(aws, f"nutrition-{suffix}", "nutrition", role_arn, {"RESULTS_BUCKET": results})
    job_queue, job_definition = create_batch(aws, suffix, role_arn, ANALYZE_COMMAND,
                                             {"MODELS_URI": "s3://no-such-models-bucket/models/"})
    cpu_queue, cpu_definition = create_batch(aws, f"{suffix}-cpu", role_arn, ANALYZE_COMMAND,
                                             {"MODELS_URI": "s3://no-such-models-bucket/models/"})
    definition = substitute(json.dumps(build_analyze_meal_definition(load_config("dev", overrides={
        "analysis.compute": compute}))), {
        Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN: validate_arn,
        Placeholder.NUTRITION_FUNCTION_ARN: nutrition_arn,
        Placeholder.JOBS_TABLE_NAME: table,
        Placeholder.JOB_QUEUE_ARN: job_queue,
        Placeholder.ON_DEMAND_JOB_QUEUE_ARN: create_queue(aws, f"{suffix}-on-demand", role_arn,
                                                          jobStateTimeLimitActions=CAPACITY_ACTIONS),
        Placeholder.CPU_JOB_QUEUE_ARN: cpu_queue,
        Placeholder.CPU_ON_DEMAND_JOB_QUEUE_ARN: create_queue(aws, f"{suffix}-cpu-on-demand", role_arn,
                                                              jobStateTimeLimitActions=CAPACITY_ACTIONS),
        Placeholder.CPU_JOB_DEFINITION_ARN: cpu_definition,
        Placeholder.JOB_DEFINITION_ARN: job_definition,
        Placeholder.NOTIFICATION_TOPIC_ARN: topic_arn,
        Placeholder.RESULTS_BUCKET_NAME: results,
    })
    machine = aws.client("stepfunctions").create_state_machine(
        name=f"AnalyzeMeal-{suffix}", definition=definition, roleArn=role_arn)
    return Pipeline(aws, suffix, videos, results, table, topic_arn, queue_url, machine["stateMachineArn"], role_arn)


def wait_for_execution(aws: EmbeddedAws, execution_arn: str, timeout_s: float = WAIT_S) -> dict[str, Any]:
    """``describe_execution`` once the execution has left RUNNING; fails after ``timeout_s`` seconds."""
    sfn = aws.client("stepfunctions")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        described = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.25)
    raise AssertionError(f"{execution_arn} still RUNNING after {timeout_s} s")


def wait_until(predicate: Any, timeout_s: float = WAIT_S, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what} not met within {timeout_s} s")


def entered_states(aws: EmbeddedAws, execution_arn: str) -> list[str]:
    events = aws.client("stepfunctions").get_execution_history(executionArn=execution_arn, maxResults=1000)["events"]
    return [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]
