"""Small Lambda handlers the embedded-AWS tests deploy (the real ones live in lambdas/).

They honour the contracts of pipeline/contracts with the least code: clients are created inside the call, so
the Lambda bridge's environment (endpoint, credentials, region) decides where they go.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

import boto3
from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from pipeline.errors import ErrorCode, pipeline_error
from pipeline.layout import S3Uri, job_id_from_upload_key, results_key

#: Created at import, as the real handlers do: its stream is whatever ``sys.stdout`` was then.
logger = Logger(service="local-aws-tests")


def validate(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """ValidateUpload double: the object must exist and be non-empty."""
    try:
        head = boto3.client("s3").head_object(Bucket=event["bucket"], Key=event["key"])
    except ClientError:
        raise pipeline_error(ErrorCode.UPLOAD_NOT_FOUND, "no object at the upload key", value=event["key"]) from None
    if head["ContentLength"] == 0:
        raise pipeline_error(ErrorCode.EMPTY, "the uploaded file is empty", value=event["key"])
    probe = {"size_bytes": head["ContentLength"], "container": "test"}
    if "duration-s" in head.get("Metadata", {}):  # a test that wants ChooseCompute to see a duration
        probe["duration_s"] = float(head["Metadata"]["duration-s"])
    return probe


def nutrition(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """ComputeNutrition double: sums the kcal the analysis wrote and writes results.json."""
    uri = S3Uri.parse(event["detections_uri"])
    s3 = boto3.client("s3")
    detections = json.loads(s3.get_object(Bucket=uri.bucket, Key=uri.key)["Body"].read())
    totals = {"kcal": sum(item["kcal"] for item in detections["items"]), "protein_g": 0.3, "fat_g": 0.2,
              "carbs_g": 14.0, "fiber_g": 2.4, "sugars_g": 10.4, "sodium_mg": 1.0}
    results = S3Uri(os.environ["RESULTS_BUCKET"], results_key(event["job_id"]))
    s3.put_object(Bucket=results.bucket, Key=results.key, Body=json.dumps({"totals": totals}).encode())
    return {"job_id": event["job_id"], "results_uri": str(results), "item_count": len(detections["items"]),
            "totals": totals}


def start(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """start_analysis double: S3 Object Created event -> StartExecution named after the job."""
    bucket, key = event["detail"]["bucket"]["name"], event["detail"]["object"]["key"]
    job_id = job_id_from_upload_key(key)
    if job_id is None:
        return {"started": False}
    try:
        boto3.client("stepfunctions").start_execution(
            stateMachineArn=os.environ["STATE_MACHINE_ARN"], name=job_id,
            input=json.dumps({"job_id": job_id, "bucket": bucket, "key": key}))
    except ClientError as error:
        if error.response["Error"]["Code"] != "ExecutionAlreadyExists":
            raise
    return {"started": True, "job_id": job_id}


def describe_runtime(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Reports what the runtime gave it: selected environment variables and context attributes."""
    names = ("GREETING", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_ACCESS_KEY_ID")
    print("describe_runtime called")
    return {"env": {name: os.environ.get(name) for name in names}, "event": event,
            "function_name": context.function_name, "memory": context.memory_limit_in_mb,
            "remaining_ms": context.get_remaining_time_in_millis(), "arn": context.invoked_function_arn}


def fail(event: dict[str, Any], context: Any) -> None:
    """Raises the code named in the event, as a real handler does for a bad input."""
    raise pipeline_error(event.get("code", "INTERNAL"), event.get("message", "failed on purpose"))


def sleep(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Sleeps ``event["seconds"]`` (s) in steps, so a timed-out call stops soon after its test."""
    deadline = time.monotonic() + float(event["seconds"])
    while time.monotonic() < deadline:
        time.sleep(0.05)
    return {"slept_s": event["seconds"]}


def print_and_sleep(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Prints a line, sleeps ``event["seconds"]`` (s), prints another: an invocation that is still
    running while another thread of the process writes to the console."""
    print("handler line before the sleep")
    sleep(event, context)
    print("handler line after the sleep")
    return {"slept_s": event["seconds"]}


def record_event(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Writes the event it received to ``s3://$RECORD_BUCKET/events/<request id>.json``."""
    key = f"events/{context.aws_request_id}.json"
    boto3.client("s3").put_object(Bucket=os.environ["RECORD_BUCKET"], Key=key, Body=json.dumps(event).encode())
    return {"recorded": key}


def log_with_powertools(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Logs the event's ``note`` with the module's powertools ``Logger`` (JSON on stdout)."""
    logger.info("note received", extra={"note": event.get("note")})
    return {"logged": event.get("note")}
