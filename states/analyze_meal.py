"""The AnalyzeMeal state machine: validate the upload, analyse the frames, compute nutrition.

::

    ValidateUpload -> MarkAnalyzing -> AnalyzeFrames -> ComputeNutrition -> MarkCompleted -> NotifySuccess -> Succeeded
    any error ------> MarkFailed -> NotifyFailure -> AnalysisFailed

The execution input is ``{"job_id", "bucket", "key"}``; every task keeps it and adds its result under
its own path (``$.video``, ``$.analysis``, ``$.nutrition``; a caught error under ``$.caught``).
Resource names enter as ``${Name}`` placeholders (:class:`states.placeholders.Placeholder`) that the
template resolves with ``Fn::Sub``. No business logic lives here.
"""

from __future__ import annotations

import enum
from typing import Any

from stepfunctions.steps import Chain, Graph, Succeed

from pipeline.config import Config
from pipeline.contracts.job import JobStatus
from pipeline.contracts.results import NUTRIENT_FIELDS
from pipeline.environment import EnvVar
from pipeline.layout import detections_key, job_prefix
from states import policies
from states.placeholders import Placeholder
from states.sdk_extensions import (
    BatchSubmitJobSyncStep,
    DynamoDBUpdateItemStep,
    Fail,
    LambdaInvokeStep,
    SnsPublishStep,
)

#: Seconds a task may run beyond its Lambda's own timeout (cold start, invoke overhead).
LAMBDA_TIMEOUT_MARGIN_S = 30
#: Seconds a Batch job may wait for a GPU instance (spot capacity, scale-out) before it starts.
BATCH_QUEUE_ALLOWANCE_S = 3600
#: Timeout (s) of the DynamoDB and SNS calls.
SERVICE_CALL_TIMEOUT_S = 30


class StateName(str, enum.Enum):
    """State names as they read in the Step Functions console."""

    VALIDATE_UPLOAD = "ValidateUpload"
    MARK_ANALYZING = "MarkAnalyzing"
    ANALYZE_FRAMES = "AnalyzeFrames"
    COMPUTE_NUTRITION = "ComputeNutrition"
    MARK_COMPLETED = "MarkCompleted"
    NOTIFY_SUCCESS = "NotifySuccess"
    SUCCEEDED = "Succeeded"
    MARK_FAILED = "MarkFailed"
    NOTIFY_FAILURE = "NotifyFailure"
    FAILED = "AnalysisFailed"


def _s3_format(key_template: str) -> str:
    """``States.Format`` of ``s3://${ResultsBucketName}/<key>``, ``{}`` taking ``$.job_id``."""
    return f"States.Format('s3://{Placeholder.RESULTS_BUCKET_NAME.ref()}/{key_template}', $.job_id)"


def _status_update(status: JobStatus, *, sets: dict[str, str], values: dict[str, Any]) -> dict[str, Any]:
    """UpdateItem parameters moving the job to ``status`` from one of ``status.statuses_before()``."""
    allowed = {f":from_{before.value.lower()}": {"S": before.value} for before in status.statuses_before()}
    condition = f"#status IN ({', '.join(allowed)})"
    if status is not JobStatus.COMPLETED:  # a hand-started execution may run before any item exists
        condition = f"attribute_not_exists(job_id) OR {condition}"
    assignments = {"#status": ":status", "#stage": ":stage", "updated_at": ":now", **sets}
    return {
        "TableName": Placeholder.JOBS_TABLE_NAME.ref(),
        "Key": {"job_id": {"S.$": "$.job_id"}},
        "UpdateExpression": "SET " + ", ".join(f"{name} = {value}" for name, value in assignments.items()),
        "ConditionExpression": condition,
        "ExpressionAttributeNames": {"#status": "status", "#stage": "stage", **_names(sets)},
        "ExpressionAttributeValues": {
            ":status": {"S": status.value},
            ":stage": {"S.$": "$$.State.Name"},
            ":now": {"S.$": "$$.State.EnteredTime"},
            **allowed,
            **values,
        },
    }


def _names(sets: dict[str, str]) -> dict[str, str]:
    return {name: name[1:] for name in sets if name.startswith("#")}


def _notification(subject: str, message: str, status: JobStatus,
                  attributes: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """SNS Publish parameters: a readable subject and message for e-mail, attributes for programs."""
    return {
        "TopicArn": Placeholder.NOTIFICATION_TOPIC_ARN.ref(),
        "Subject.$": subject,
        "Message.$": message,
        "MessageAttributes": {
            "job_id": {"DataType": "String", "StringValue.$": "$.job_id"},
            "status": {"DataType": "String", "StringValue": status.value},
            **(attributes or {}),
        },
    }


def _number_attribute(path: str) -> dict[str, str]:
    """An SNS Number attribute from a JSON number (SNS takes numbers as strings)."""
    return {"DataType": "Number", "StringValue.$": f"States.Format('{{}}', {path})"}


def build_analyze_meal(config: Config) -> Graph:
    """The AnalyzeMeal machine as a ``stepfunctions`` graph."""
    region = config.region
    lambda_timeout = {
        "validate": config.functions.validate_upload.timeout_s + LAMBDA_TIMEOUT_MARGIN_S,
        "nutrition": config.functions.nutrition.timeout_s + LAMBDA_TIMEOUT_MARGIN_S,
    }

    failed = Fail(
        StateName.FAILED.value,
        comment="Fails the execution with the caught error and cause, as recorded on the job item.",
        error_path=f"{policies.CAUGHT_PATH}.Error",
        cause_path=f"{policies.CAUGHT_PATH}.Cause",
    )
    notify_failure = SnsPublishStep(
        StateName.NOTIFY_FAILURE.value,
        region=region,
        parameters=_notification(
            "States.Format('Meal analysis {} failed', $.job_id)",
            "States.Format('Job {} failed with {}: {}', $.job_id, $.caught.Error, $.caught.Cause)",
            JobStatus.FAILED,
            {"error_code": {"DataType": "String", "StringValue.$": f"{policies.CAUGHT_PATH}.Error"}},
        ),
        result_path=None,
        timeout_seconds=SERVICE_CALL_TIMEOUT_S,
    )
    notify_failure.add_retry(policies.sns_retry())
    notify_failure.add_catch(policies.catch_all(failed, result_path="$.notify_failure_error"))
    notify_failure.next(failed)

    mark_failed = DynamoDBUpdateItemStep(
        StateName.MARK_FAILED.value,
        region=region,
        comment="Record the error on the job unless it already reached a final status.",
        parameters=_status_update(
            JobStatus.FAILED,
            sets={"#error": ":error", "created_at": "if_not_exists(created_at, :now)"},
            values={":error": {"M": {"code": {"S.$": "$.caught.Error"}, "message": {"S.$": "$.caught.Cause"}}}},
        ),
        result_path=None,
        timeout_seconds=SERVICE_CALL_TIMEOUT_S,
    )
    mark_failed.add_retry(policies.dynamodb_retry())
    mark_failed.add_catch(policies.catch_all(notify_failure, result_path="$.mark_failed_error"))
    mark_failed.next(notify_failure)

    validate_upload = LambdaInvokeStep(
        StateName.VALIDATE_UPLOAD.value,
        region=region,
        comment="Probe the uploaded video; a bad upload fails with its error code (EMPTY, TOO_LARGE, ...).",
        parameters={
            "FunctionName": Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN.ref(),
            "Payload": {"job_id.$": "$.job_id", "bucket.$": "$.bucket", "key.$": "$.key"},
        },
        result_selector={"probe.$": "$.Payload"},
        result_path="$.video",
        timeout_seconds=lambda_timeout["validate"],
    )
    mark_analyzing = DynamoDBUpdateItemStep(
        StateName.MARK_ANALYZING.value,
        region=region,
        parameters=_status_update(
            JobStatus.ANALYZING,
            sets={"execution_arn": ":execution_arn", "created_at": "if_not_exists(created_at, :now)"},
            values={":execution_arn": {"S.$": "$$.Execution.Id"}},
        ),
        result_path=None,
        timeout_seconds=SERVICE_CALL_TIMEOUT_S,
    )
    analyze_frames = BatchSubmitJobSyncStep(
        StateName.ANALYZE_FRAMES.value,
        region=region,
        comment="GPU job: detect, segment and measure the food; writes detections.json.",
        parameters={
            "JobName.$": "States.Format('analyze-{}', $.job_id)",
            "JobQueue": Placeholder.JOB_QUEUE_ARN.ref(),
            "JobDefinition": Placeholder.JOB_DEFINITION_ARN.ref(),
            "ContainerOverrides": {
                "Environment": [
                    {"Name": EnvVar.JOB_ID.value, "Value.$": "$.job_id"},
                    {"Name": EnvVar.VIDEO_URI.value, "Value.$": "States.Format('s3://{}/{}', $.bucket, $.key)"},
                    {"Name": EnvVar.OUTPUT_URI.value, "Value.$": _s3_format(job_prefix("{}"))},
                ]
            },
        },
        result_selector={"batch_job_id.$": "$.JobId", "batch_status.$": "$.Status"},
        result_path="$.analysis",
        timeout_seconds=config.analysis.batch_job_timeout_s + BATCH_QUEUE_ALLOWANCE_S,
    )
    compute_nutrition = LambdaInvokeStep(
        StateName.COMPUTE_NUTRITION.value,
        region=region,
        comment="Match each detected food to USDA FoodData Central; writes results.json.",
        parameters={
            "FunctionName": Placeholder.NUTRITION_FUNCTION_ARN.ref(),
            "Payload": {"job_id.$": "$.job_id", "detections_uri.$": _s3_format(detections_key("{}"))},
        },
        result_selector={
            "results_uri.$": "$.Payload.results_uri",
            "item_count.$": "$.Payload.item_count",
            "totals.$": "$.Payload.totals",
        },
        result_path="$.nutrition",
        timeout_seconds=lambda_timeout["nutrition"],
    )
    mark_completed = DynamoDBUpdateItemStep(
        StateName.MARK_COMPLETED.value,
        region=region,
        parameters=_status_update(
            JobStatus.COMPLETED,
            sets={"results_uri": ":results_uri", "totals": ":totals"},
            values={
                ":results_uri": {"S.$": "$.nutrition.results_uri"},
                ":totals": {
                    "M": {
                        field: {"N.$": f"States.Format('{{}}', $.nutrition.totals.{field})"}
                        for field in NUTRIENT_FIELDS
                    }
                },
            },
        ),
        result_path=None,
        timeout_seconds=SERVICE_CALL_TIMEOUT_S,
    )
    notify_success = SnsPublishStep(
        StateName.NOTIFY_SUCCESS.value,
        region=region,
        parameters=_notification(
            "States.Format('Meal analysis {} completed', $.job_id)",
            "States.Format('Job {} completed: {} items, {} kcal, protein {} g, fat {} g, carbohydrate {} g. "
            "Results: {}', $.job_id, $.nutrition.item_count, $.nutrition.totals.kcal, $.nutrition.totals.protein_g, "
            "$.nutrition.totals.fat_g, $.nutrition.totals.carbs_g, $.nutrition.results_uri)",
            JobStatus.COMPLETED,
            {"item_count": _number_attribute("$.nutrition.item_count"),
             "kcal": _number_attribute("$.nutrition.totals.kcal")},
        ),
        result_path=None,
        timeout_seconds=SERVICE_CALL_TIMEOUT_S,
    )

    retries = {
        validate_upload: policies.lambda_retry(),
        mark_analyzing: policies.dynamodb_retry(),
        analyze_frames: policies.batch_retry(),
        compute_nutrition: policies.lambda_retry(),
        mark_completed: policies.dynamodb_retry(),
        notify_success: policies.sns_retry(),
    }
    for task, retry in retries.items():
        task.add_retry(retry)
        task.add_catch(policies.catch_all(mark_failed))

    chain = Chain(list(retries) + [Succeed(StateName.SUCCEEDED.value)])
    return Graph(chain, comment="AnalyzeMeal: video upload -> food items with nutrients, traced to USDA FDC.")


def build_analyze_meal_definition(config: Config) -> dict[str, Any]:
    """The ASL definition as a dict; ``${Name}`` placeholders remain for ``Fn::Sub``."""
    return build_analyze_meal(config).to_dict()
