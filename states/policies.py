"""Retry and catch policies of the AnalyzeMeal and BackfillMeals machines, one per integration.

Step Functions names an integration's errors ``<Service>.<ErrorCode>`` (``Lambda.TooManyRequestsException``,
``DynamoDB.ProvisionedThroughputExceededException``) or after the Java SDK's generic exception class
(``Lambda.AWSLambdaException``). Only transient service errors are retried: never an application
error such as a validation code raised by a handler (``EMPTY``, ``TOO_LARGE``...), a failed Batch job
(``States.TaskFailed``) or a failed condition (``DynamoDB.ConditionalCheckFailedException``): those
go straight to the catcher.
"""

from __future__ import annotations

from stepfunctions.steps.states import Catch, State

from states.sdk_extensions import JitterStrategy, Retry

#: Where a catcher puts ``{"Error", "Cause"}`` in the state input.
CAUGHT_PATH = "$.caught"

LAMBDA_SERVICE_ERRORS = (
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
)
BATCH_THROTTLING_ERRORS = (
    "Batch.AWSBatchException",
    "Batch.ServerException",
    "Batch.TooManyRequestsException",
    "Batch.ThrottlingException",
)
DYNAMODB_THROTTLING_ERRORS = (
    "DynamoDB.ProvisionedThroughputExceededException",
    "DynamoDB.ThrottlingException",
    "DynamoDB.RequestLimitExceeded",
    "DynamoDB.InternalServerError",
)
SNS_THROTTLING_ERRORS = (
    "SNS.ThrottledException",
    "SNS.InternalErrorException",
    "SNS.KMSThrottlingException",
)
STEP_FUNCTIONS_THROTTLING_ERRORS = (
    "StepFunctions.ExecutionLimitExceededException",
    "StepFunctions.AWSStepFunctionsException",
    "StepFunctions.SdkClientException",
)
#: Errors that must reach the catcher on the first occurrence.
NEVER_RETRIED = ("DynamoDB.ConditionalCheckFailedException", "States.TaskFailed", "States.Timeout")


def _backoff(errors: tuple[str, ...], *, first_s: int, attempts: int, max_delay_s: int) -> Retry:
    """Exponential backoff (×2) from ``first_s`` seconds, capped at ``max_delay_s``, full jitter."""
    return Retry(
        error_equals=list(errors),
        interval_seconds=first_s,
        max_attempts=attempts,
        backoff_rate=2.0,
        max_delay_seconds=max_delay_s,
        jitter_strategy=JitterStrategy.FULL.value,
    )


def lambda_retry() -> Retry:
    """Lambda service errors and throttling: 2 s, 4 s, ... up to 60 s, six attempts."""
    return _backoff(LAMBDA_SERVICE_ERRORS, first_s=2, attempts=6, max_delay_s=60)


def batch_retry() -> Retry:
    """Batch API throttling on SubmitJob/DescribeJobs: 5 s, 10 s, ... up to 120 s, five attempts."""
    return _backoff(BATCH_THROTTLING_ERRORS, first_s=5, attempts=5, max_delay_s=120)


def dynamodb_retry() -> Retry:
    """DynamoDB throttling: 1 s, 2 s, ... up to 30 s, six attempts."""
    return _backoff(DYNAMODB_THROTTLING_ERRORS, first_s=1, attempts=6, max_delay_s=30)


def sns_retry() -> Retry:
    """SNS throttling: 1 s, 2 s, ... up to 30 s, five attempts."""
    return _backoff(SNS_THROTTLING_ERRORS, first_s=1, attempts=5, max_delay_s=30)


def start_execution_retry() -> Retry:
    """StartExecution throttled or over the open-executions quota: 5 s, 10 s, ... up to 300 s, eight
    attempts. A child execution that failed (``States.TaskFailed``) is its video's outcome, not retried."""
    return _backoff(STEP_FUNCTIONS_THROTTLING_ERRORS, first_s=5, attempts=8, max_delay_s=300)


def catch_all(next_step: State, *, result_path: str = CAUGHT_PATH) -> Catch:
    """Send any error to ``next_step`` with ``{"Error", "Cause"}`` at ``result_path``."""
    return Catch(next_step=next_step, error_equals=["States.ALL"], result_path=result_path)
