"""The AnalyzeMeal state machine: validate the upload, analyse the frames, compute nutrition.

::

    ValidateUpload -> MarkAnalyzing -> ChooseCompute -> AnalyzeFrames (GPU) -> ComputeNutrition -> MarkCompleted
                                                    \-> AnalyzeFramesCpu (Fargate) -/      -> NotifySuccess -> Succeeded
    AnalyzeFrames: spot had no capacity (Batch cancelled the job)
                   -> CheckSpotCapacity -> AnalyzeFramesOnDemand -> ComputeNutrition ...
    AnalyzeFramesCpu: Fargate Spot had no capacity
                   -> CheckCpuSpotCapacity -> AnalyzeFramesCpuOnDemand -> ComputeNutrition ...
    no GPU on any queue in time ----> NoGpuCapacity -> MarkFailed
    no Fargate task on any queue in time --> NoFargateCapacity -> MarkFailed
    any error ------> CheckCauseFormat (-> ParseCause -> ReadCause -> Take*: a readable code and message)
                      -> MarkFailed -> NotifyFailure -> CheckErrorName -> AnalysisFailed
    MarkAnalyzing's condition failed (an execution started by hand for a job that already ran):
                      ReadJobStatus -> WhyNotStarted -> JobAlreadyFinished | JobInProgress -> ExecutionRefused
                      (the job item and its notices are left as they were)

``analysis.compute`` decides the paths: ``auto`` has ChooseCompute, a Choice on ValidateUpload's
``$.video.probe.duration_s`` (Fargate up to ``analysis.cpu_max_video_seconds``); ``gpu`` or ``fargate``
have their one path and no Choice. AnalyzeFrames submits to the spot queue when spot is enabled.
Batch's job-state time limit cancels a job stuck RUNNABLE for want of capacity
(``templates.compute_shared``); the catcher reads the cancelled job's status reason in the error's
Cause and moves the job to the on-demand queue. The Fargate path does the same with its Fargate Spot
and on-demand Fargate queues. Without spot each path has one queue and no spot check.

The execution input is ``{"job_id", "bucket", "key"}``; every task keeps it and adds its result under
its own path (``$.video``, ``$.analysis``, ``$.nutrition``; a caught error under ``$.caught``).
Resource names enter as ``${Name}`` placeholders (:class:`states.placeholders.Placeholder`) that the
template resolves with ``Fn::Sub``. No business logic lives here.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from stepfunctions.steps import Chain, Choice, ChoiceRule, Graph, Pass, Succeed
from stepfunctions.steps.states import Catch, State

from pipeline import notices
from pipeline.config import Config
from pipeline.contracts.job import JobStatus
from pipeline.contracts.results import NUTRIENT_FIELDS
from pipeline.environment import EnvVar
from pipeline.errors import ErrorCode
from pipeline.layout import detections_key, job_prefix
from states import policies
from states.capacity import CANCELLED_BY_TIME_LIMIT, CANCELLED_FOR_CAPACITY
from states.placeholders import Placeholder
from states.sdk_extensions import (
    BatchSubmitJobSyncStep,
    DynamoDBGetItemStep,
    DynamoDBUpdateItemStep,
    Fail,
    LambdaInvokeStep,
    SnsPublishStep,
)

#: Seconds a task may run beyond its Lambda's own timeout (cold start, invoke overhead).
LAMBDA_TIMEOUT_MARGIN_S = 30
#: Timeout (s) of the DynamoDB and SNS calls.
SERVICE_CALL_TIMEOUT_S = 30


class StateName(str, enum.Enum):
    """State names as they read in the Step Functions console."""

    VALIDATE_UPLOAD = "ValidateUpload"
    MARK_ANALYZING = "MarkAnalyzing"
    ANALYZE_FRAMES = "AnalyzeFrames"
    CHECK_SPOT_CAPACITY = "CheckSpotCapacity"
    ANALYZE_FRAMES_ON_DEMAND = "AnalyzeFramesOnDemand"
    CHECK_ON_DEMAND_CAPACITY = "CheckOnDemandCapacity"
    NO_GPU_CAPACITY = "NoGpuCapacity"
    CHOOSE_COMPUTE = "ChooseCompute"
    ANALYZE_FRAMES_CPU = "AnalyzeFramesCpu"
    CHECK_CPU_SPOT_CAPACITY = "CheckCpuSpotCapacity"
    ANALYZE_FRAMES_CPU_ON_DEMAND = "AnalyzeFramesCpuOnDemand"
    CHECK_CPU_CAPACITY = "CheckCpuCapacity"
    NO_FARGATE_CAPACITY = "NoFargateCapacity"
    COMPUTE_NUTRITION = "ComputeNutrition"
    MARK_COMPLETED = "MarkCompleted"
    NOTIFY_SUCCESS = "NotifySuccess"
    SUCCEEDED = "Succeeded"
    CHECK_CAUSE_FORMAT = "CheckCauseFormat"
    PARSE_CAUSE = "ParseCause"
    READ_CAUSE = "ReadCause"
    TAKE_ERROR_MESSAGE = "TakeErrorMessage"
    TAKE_ERROR_LINE = "TakeErrorLine"
    TAKE_STATUS_REASON = "TakeStatusReason"
    MARK_FAILED = "MarkFailed"
    NOTIFY_FAILURE = "NotifyFailure"
    CHECK_ERROR_NAME = "CheckErrorName"
    NAME_BUILTIN_ERROR = "NameBuiltInError"
    FAILED = "AnalysisFailed"
    READ_JOB_STATUS = "ReadJobStatus"
    WHY_NOT_STARTED = "WhyNotStarted"
    JOB_ALREADY_FINISHED = "JobAlreadyFinished"
    JOB_IN_PROGRESS = "JobInProgress"
    EXECUTION_REFUSED = "ExecutionRefused"


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
            notices.JOB_ID_ATTRIBUTE: {"DataType": "String", "StringValue.$": "$.job_id"},
            notices.STATUS_ATTRIBUTE: {"DataType": "String", "StringValue": status.value},
            **(attributes or {}),
        },
    }


def _number_attribute(path: str) -> dict[str, str]:
    """An SNS Number attribute from a JSON number (SNS takes numbers as strings)."""
    return {"DataType": "Number", "StringValue.$": f"States.Format('{{}}', {path})"}


def _analyze_frames(name: StateName, queue: Placeholder, config: Config, *,
                    definition: Placeholder = Placeholder.JOB_DEFINITION_ARN,
                    comment: str = "GPU job: detect, segment and measure the food; writes detections.json.",
                    ) -> BatchSubmitJobSyncStep:
    """The Batch job on ``queue``; it may take ``analysis.queue_task_timeout_s`` in all (the wait for
    capacity, then every attempt with its host start-up), so Batch's own limits act first."""
    return BatchSubmitJobSyncStep(
        name.value,
        region=config.region,
        comment=comment,
        parameters={
            "JobName.$": "States.Format('analyze-{}', $.job_id)",
            "JobQueue": queue.ref(),
            "JobDefinition": definition.ref(),
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
        timeout_seconds=config.analysis.queue_task_timeout_s,
    )


def _cause_matches(pattern: str) -> ChoiceRule:
    """The caught error's Cause (for a failed Batch job: the job's description as JSON, its
    ``StatusReason`` included) matches ``pattern``; ``IsPresent`` first, as a Choice on a missing
    path would fail the execution with States.Runtime."""
    cause = f"{policies.CAUGHT_PATH}.Cause"
    return ChoiceRule.And([ChoiceRule.IsPresent(cause, True), ChoiceRule.StringMatches(cause, pattern)])


def _capacity_check(name: StateName, *, no_capacity: State, otherwise: State, on_demand: State | None = None) -> Choice:
    """Route a failed analysis: spot had no capacity -> ``on_demand``; any other time-limit
    cancellation -> ``no_capacity``; anything else -> ``otherwise``."""
    choice = Choice(name.value, comment="Did Batch cancel the job for want of capacity (no host or task placed)?")
    if on_demand is not None:
        choice.add_choice(_cause_matches(f"*{CANCELLED_FOR_CAPACITY}*"), on_demand)
    choice.add_choice(_cause_matches(f"*{CANCELLED_BY_TIME_LIMIT}*"), no_capacity)
    choice.default_choice(otherwise)
    return choice


def _choose_compute(config: Config, *, cpu: State, gpu: State) -> Choice:
    """Fargate for a video short enough for the CPU path to finish within ``cpu_time_budget_s``."""
    duration = "$.video.probe.duration_s"
    limit = config.analysis.cpu_max_video_seconds
    choice = Choice(StateName.CHOOSE_COMPUTE.value,
                    comment=f"Fargate (CPU) for videos up to {limit} s, predicted to finish within "
                            f"{config.analysis.cpu_time_budget_s} s; longer ones on a GPU host.")
    choice.add_choice(ChoiceRule.And([ChoiceRule.IsPresent(duration, True), ChoiceRule.IsNumeric(duration, True),
                                      ChoiceRule.NumericLessThanEquals(duration, limit)]), cpu)
    choice.default_choice(gpu)
    return choice


def _no_fargate_capacity(config: Config, mark_failed: State) -> Pass:
    """Fargate's counterpart of :func:`_no_gpu_capacity`."""
    queues = ("on the Fargate Spot queue, then on the on-demand Fargate queue" if config.enable_spot_instances
              else "on its queue")
    message = (f"Fargate started no analysis task within {config.analysis.capacity_wait_s} s {queues}: check the "
               "account's Fargate vCPU quotas (build.py doctor reads them) and the subnets' free addresses")
    state = Pass(StateName.NO_FARGATE_CAPACITY.value, comment="Fargate found no capacity in time.",
                 result={"Error": ErrorCode.NO_FARGATE_CAPACITY.value, "Cause": message},
                 result_path=policies.CAUGHT_PATH)
    state.next(mark_failed)
    return state


def _no_gpu_capacity(config: Config, mark_failed: State) -> Pass:
    """Replace Batch's cancelled-job blob with a code and a message a person can act on."""
    queues = "on the spot queue, then on the on-demand queue" if config.enable_spot_instances else "on its queue"
    message = (
        f"no GPU host could be started for the analysis within {config.analysis.capacity_wait_s} s {queues}: "
        f"check the account's G and VT vCPU quotas and that {', '.join(config.gpu_instance_types)} are offered "
        "in the region (build.py doctor checks both)"
    )
    state = Pass(StateName.NO_GPU_CAPACITY.value, comment="Batch found no capacity in time.",
                 result={"Error": ErrorCode.NO_GPU_CAPACITY.value, "Cause": message},
                 result_path=policies.CAUGHT_PATH)
    state.next(mark_failed)
    return state


def _readable_failure(mark_failed: State) -> Choice:
    """Decode the caught error once, before MarkFailed, so the job item, the SNS ``error_code`` and the
    execution carry a code and a message a person can read (``pipeline.errors.describe_failure`` did
    this on every read). A Cause that is JSON is parsed (``States.StringToJson``):

    * a Lambda error envelope -> its ``errorMessage`` (the Error already is its ``errorType``);
    * a failed Batch job's description whose ``StatusReason`` is the task's last stderr line
      ``ERROR <CODE>: message`` -> ``<CODE>`` (``States.StringSplit`` on space and colon, item 1) and
      that line; any other ``StatusReason`` (killed for memory, host lost) -> ANALYSIS_FAILED and it.

    Anything else reaches MarkFailed as caught.
    """
    caught, error = policies.CAUGHT_PATH, f"{policies.CAUGHT_PATH}.Error"
    parsed = f"{caught}.parsed"
    reason = f"{parsed}.StatusReason"

    def take(name: StateName, comment: str, **values: str) -> Pass:
        state = Pass(name.value, comment=comment, parameters=values, result_path=caught)
        state.next(mark_failed)
        return state

    read = Choice(StateName.READ_CAUSE.value, comment="A Lambda error envelope or a Batch job description?")
    read.add_choice(ChoiceRule.IsPresent(f"{parsed}.errorMessage", True), take(
        StateName.TAKE_ERROR_MESSAGE, "The Lambda error's message.",
        **{"Error.$": error, "Cause.$": f"{parsed}.errorMessage"}))
    read.add_choice(ChoiceRule.And([ChoiceRule.IsPresent(reason, True), ChoiceRule.IsString(reason, True),
                                    ChoiceRule.StringMatches(reason, "ERROR *: *")]), take(
        StateName.TAKE_ERROR_LINE, "The task's 'ERROR <CODE>: message' line.",
        **{"Error.$": f"States.ArrayGetItem(States.StringSplit({reason}, ' :'), 1)", "Cause.$": reason}))
    read.add_choice(ChoiceRule.And([ChoiceRule.IsPresent(reason, True), ChoiceRule.IsString(reason, True)]), take(
        StateName.TAKE_STATUS_REASON, "The job failed without an error line of the task's.",
        **{"Error": ErrorCode.ANALYSIS_FAILED.value, "Cause.$": reason}))
    read.default_choice(mark_failed)
    parse = Pass(StateName.PARSE_CAUSE.value, comment="The Cause is JSON: parse it once.",
                 parameters={"Error.$": error, "Cause.$": f"{caught}.Cause",
                             "parsed.$": f"States.StringToJson({caught}.Cause)"},
                 result_path=caught)
    parse.next(read)
    check = Choice(StateName.CHECK_CAUSE_FORMAT.value, comment="Is the caught Cause a JSON object?")
    check.add_choice(ChoiceRule.And([ChoiceRule.IsPresent(f"{caught}.Cause", True),
                                     ChoiceRule.IsString(f"{caught}.Cause", True),
                                     ChoiceRule.StringMatches(f"{caught}.Cause", "{*}")]), parse)
    check.default_choice(mark_failed)
    return check


def _failed() -> State:
    """AnalysisFailed, the Fail state, with the caught error and cause; first a Choice that renames a
    built-in ``States.*`` error (a Batch job's States.TaskFailed, a States.Timeout) to INTERNAL, its
    name kept at the start of the cause.

    AWS's error-handling guide: "States can report errors with other names. However, these error names
    can't begin with the States. prefix" (docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html,
    "Error names"); the Fail state's Error/ErrorPath is such a reported name (.../state-fail.html). AWS
    documents no outcome for a Fail state that reports ``States.*`` and the embedded AWS's ASL engine
    ends the execution in States.Runtime instead, so the machine never hands it one: the execution ends
    in AnalysisFailed, with the same error on AWS and locally.
    """
    failed = Fail(
        StateName.FAILED.value,
        comment="Fails the execution with the caught error and cause, as recorded on the job item.",
        error_path=f"{policies.CAUGHT_PATH}.Error",
        cause_path=f"{policies.CAUGHT_PATH}.Cause",
    )
    error = f"{policies.CAUGHT_PATH}.Error"
    rename = Pass(StateName.NAME_BUILTIN_ERROR.value, comment="A Fail state may not report a States.* name.",
                  parameters={"Error": ErrorCode.INTERNAL.value,
                              "Cause.$": f"States.Format('{{}}: {{}}', {error}, {policies.CAUGHT_PATH}.Cause)"},
                  result_path=policies.CAUGHT_PATH)
    rename.next(failed)
    check = Choice(StateName.CHECK_ERROR_NAME.value, comment="Is the caught error one of Step Functions' own?")
    check.add_choice(ChoiceRule.And([ChoiceRule.IsPresent(error, True), ChoiceRule.StringMatches(error, "States.*")]),
                     rename)
    check.default_choice(failed)
    return check


JOB_STATUS_PATH = "$.job_status"
CONDITION_FAILED = "DynamoDB.ConditionalCheckFailedException"


def _refuse_started_job(config: Config, failed: State) -> DynamoDBGetItemStep:
    """Where MarkAnalyzing goes when its condition fails: the job already moved past QUEUED, so this
    execution was started by hand (or twice) for a job that has finished or is being analysed. It reads
    the job's status and ends in ExecutionRefused with JOB_ALREADY_FINISHED or JOB_IN_PROGRESS, writing
    nothing to the job and sending no notice (MarkFailed would report a failure the job never had).
    A read that fails ends through CheckErrorName, also without touching the job."""
    refused = Fail(StateName.EXECUTION_REFUSED.value, comment="This execution does not run the job again.",
                   error_path=f"{policies.CAUGHT_PATH}.Error", cause_path=f"{policies.CAUGHT_PATH}.Cause")
    status = f"{JOB_STATUS_PATH}.Item.status.S"
    finished = Pass(StateName.JOB_ALREADY_FINISHED.value, comment="The job is COMPLETED or FAILED.", parameters={
        "Error": ErrorCode.JOB_ALREADY_FINISHED.value,
        "Cause.$": f"States.Format('job {{}} has already finished ({{}}); this execution does not analyse it again: "
                   f"read it with GET /jobs/{{}}, or start a new job with POST /jobs', $.job_id, {status}, $.job_id)"},
        result_path=policies.CAUGHT_PATH)
    in_progress = Pass(StateName.JOB_IN_PROGRESS.value, comment="Another execution is analysing the job.", parameters={
        "Error": ErrorCode.JOB_IN_PROGRESS.value,
        "Cause.$": "States.Format('job {} is being analysed by another execution; follow it with "
                   "build.py status {} (or GET /jobs/{})', $.job_id, $.job_id, $.job_id)"},
        result_path=policies.CAUGHT_PATH)
    finished.next(refused)
    in_progress.next(refused)
    why = Choice(StateName.WHY_NOT_STARTED.value, comment="Has the job finished, or is it being analysed?")
    why.add_choice(ChoiceRule.And([ChoiceRule.IsPresent(status, True), ChoiceRule.Or([
        ChoiceRule.StringEquals(status, JobStatus.COMPLETED.value),
        ChoiceRule.StringEquals(status, JobStatus.FAILED.value)])]), finished)
    why.default_choice(in_progress)
    read = DynamoDBGetItemStep(
        StateName.READ_JOB_STATUS.value,
        region=config.region,
        comment="MarkAnalyzing found the job past QUEUED: read its status.",
        parameters={"TableName": Placeholder.JOBS_TABLE_NAME.ref(), "Key": {"job_id": {"S.$": "$.job_id"}},
                    "ProjectionExpression": "#status", "ExpressionAttributeNames": {"#status": "status"},
                    "ConsistentRead": True},
        result_path=JOB_STATUS_PATH,
        timeout_seconds=SERVICE_CALL_TIMEOUT_S,
    )
    read.add_retry(policies.dynamodb_retry())
    read.add_catch(policies.catch_all(failed))
    read.next(why)
    return read


def build_analyze_meal(config: Config) -> Graph:
    """The AnalyzeMeal machine as a ``stepfunctions`` graph."""
    region = config.region
    lambda_timeout = {
        "validate": config.functions.validate_upload.timeout_s + LAMBDA_TIMEOUT_MARGIN_S,
        "nutrition": config.functions.nutrition.timeout_s + LAMBDA_TIMEOUT_MARGIN_S,
    }

    failed = _failed()
    notify_failure = SnsPublishStep(
        StateName.NOTIFY_FAILURE.value,
        region=region,
        parameters=_notification(
            f"States.Format('{notices.FAILED_SUBJECT}', $.job_id)",
            f"States.Format('{notices.FAILED_MESSAGE}', $.job_id, $.caught.Error, $.caught.Cause)",
            JobStatus.FAILED,
            {notices.ERROR_CODE_ATTRIBUTE: {"DataType": "String", "StringValue.$": f"{policies.CAUGHT_PATH}.Error"}},
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
    analyze_frames = _analyze_frames(StateName.ANALYZE_FRAMES, Placeholder.JOB_QUEUE_ARN, config)
    analyze_frames_cpu = _analyze_frames(
        StateName.ANALYZE_FRAMES_CPU, Placeholder.CPU_JOB_QUEUE_ARN, config, definition=Placeholder.CPU_JOB_DEFINITION_ARN,
        comment="Fargate (CPU) job: the same analysis without a GPU host; writes detections.json.")
    compute_nutrition = LambdaInvokeStep(
        StateName.COMPUTE_NUTRITION.value,
        region=region,
        comment="Match each detected food to USDA FoodData Central; writes results.json.",
        parameters={
            "FunctionName": Placeholder.NUTRITION_FUNCTION_ARN.ref(),
            # the job's cost: its Batch job, its execution's history and the memory ValidateUpload is billed at
            "Payload": {"job_id.$": "$.job_id", "detections_uri.$": _s3_format(detections_key("{}")),
                        "batch_job_id.$": "$.analysis.batch_job_id", "execution_arn.$": "$$.Execution.Id",
                        "lambda_memory_mb": {StateName.VALIDATE_UPLOAD.value: config.functions.validate_upload.memory_mb}},
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

    compute = config.analysis.compute
    retries = {
        validate_upload: policies.lambda_retry(),
        mark_analyzing: policies.dynamodb_retry(),
        compute_nutrition: policies.lambda_retry(),
        mark_completed: policies.dynamodb_retry(),
        notify_success: policies.sns_retry(),
    }
    record_failure = _readable_failure(mark_failed)
    mark_analyzing.add_catch(Catch(next_step=_refuse_started_job(config, failed), error_equals=[CONDITION_FAILED],
                                   result_path=policies.CAUGHT_PATH))
    catchers: dict[State, State] = {task: record_failure for task in retries}
    analysis: list[State] = []  # the analysis task of each path, in ChooseCompute's order
    if compute in ("fargate", "auto"):
        retries[analyze_frames_cpu] = policies.batch_retry()
        catchers[analyze_frames_cpu] = _spot_first_catcher(
            config, _CPU_STATES, no_capacity=_no_fargate_capacity(config, mark_failed), record_failure=record_failure,
            compute_nutrition=compute_nutrition)
        analysis.append(analyze_frames_cpu)
    if compute in ("gpu", "auto"):
        retries[analyze_frames] = policies.batch_retry()
        catchers[analyze_frames] = _spot_first_catcher(
            config, _GPU_STATES, no_capacity=_no_gpu_capacity(config, mark_failed), record_failure=record_failure,
            compute_nutrition=compute_nutrition)
        analysis.append(analyze_frames)
    for task, retry in retries.items():
        task.add_retry(retry)
        task.add_catch(policies.catch_all(catchers[task]))

    for task in analysis:
        task.next(compute_nutrition)
    first = analysis[0] if len(analysis) == 1 else _choose_compute(config, cpu=analysis[0], gpu=analysis[1])
    Chain([compute_nutrition, mark_completed, notify_success, Succeed(StateName.SUCCEEDED.value)])
    return Graph(Chain([validate_upload, mark_analyzing, first]), comment=_COMMENT)


@dataclasses.dataclass(frozen=True)
class _PathStates:
    """The states and queue of one compute path's move from spot to on-demand."""

    spot_check: StateName
    on_demand: StateName
    on_demand_check: StateName
    on_demand_queue: Placeholder
    definition: Placeholder
    comment: str


_GPU_STATES = _PathStates(StateName.CHECK_SPOT_CAPACITY, StateName.ANALYZE_FRAMES_ON_DEMAND,
                          StateName.CHECK_ON_DEMAND_CAPACITY, Placeholder.ON_DEMAND_JOB_QUEUE_ARN,
                          Placeholder.JOB_DEFINITION_ARN,
                          "GPU job: detect, segment and measure the food; writes detections.json.")
_CPU_STATES = _PathStates(StateName.CHECK_CPU_SPOT_CAPACITY, StateName.ANALYZE_FRAMES_CPU_ON_DEMAND,
                          StateName.CHECK_CPU_CAPACITY, Placeholder.CPU_ON_DEMAND_JOB_QUEUE_ARN,
                          Placeholder.CPU_JOB_DEFINITION_ARN,
                          "Fargate (CPU) job on the on-demand Fargate queue: Fargate Spot had no capacity.")


def _spot_first_catcher(config: Config, states: _PathStates, *, no_capacity: State, record_failure: State,
                        compute_nutrition: State) -> Choice:
    """Where a failed analysis of one path goes: with spot, a capacity cancellation moves the job to the
    path's on-demand queue, whose own capacity failure ends in ``no_capacity``; without spot, a capacity
    cancellation ends there at once."""
    if not config.enable_spot_instances:
        return _capacity_check(states.on_demand_check, no_capacity=no_capacity, otherwise=record_failure)
    on_demand = _analyze_frames(states.on_demand, states.on_demand_queue, config, definition=states.definition,
                                comment=states.comment)
    on_demand.add_retry(policies.batch_retry())
    on_demand.add_catch(policies.catch_all(_capacity_check(
        states.on_demand_check, no_capacity=no_capacity, otherwise=record_failure)))
    on_demand.next(compute_nutrition)
    return _capacity_check(states.spot_check, no_capacity=no_capacity, otherwise=record_failure,
                           on_demand=on_demand)


_COMMENT = "AnalyzeMeal: video upload -> food items with nutrients, traced to USDA FDC."


def build_analyze_meal_definition(config: Config) -> dict[str, Any]:
    """The ASL definition as a dict; ``${Name}`` placeholders remain for ``Fn::Sub``."""
    return build_analyze_meal(config).to_dict()
