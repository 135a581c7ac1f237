"""The AnalyzeMeal definition: valid ASL, every state reachable, every error handled, sane retries."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from statelint.config import Config as LintConfig
from statelint.linter import Linter

from pipeline.config import load_config
from pipeline.errors import ErrorCode
from pipeline.layout import detections_key, job_prefix
from pipeline.runtime_settings import TASK_INPUTS
from states import policies
from states.analyze_meal import StateName, build_analyze_meal_definition
from states.placeholders import Placeholder, substitute

FAKE_VALUES = {
    Placeholder.VALIDATE_UPLOAD_FUNCTION_ARN: "arn:aws:lambda:us-east-1:123456789012:function:validate",
    Placeholder.NUTRITION_FUNCTION_ARN: "arn:aws:lambda:us-east-1:123456789012:function:nutrition",
    Placeholder.JOBS_TABLE_NAME: "nutrition-video-dev-jobs",
    Placeholder.JOB_QUEUE_ARN: "arn:aws:batch:us-east-1:123456789012:job-queue/gpu",
    Placeholder.ON_DEMAND_JOB_QUEUE_ARN: "arn:aws:batch:us-east-1:123456789012:job-queue/gpu-on-demand",
    Placeholder.JOB_DEFINITION_ARN: "arn:aws:batch:us-east-1:123456789012:job-definition/analyze:1",
    Placeholder.CPU_JOB_QUEUE_ARN: "arn:aws:batch:us-east-1:123456789012:job-queue/cpu",
    Placeholder.CPU_ON_DEMAND_JOB_QUEUE_ARN: "arn:aws:batch:us-east-1:123456789012:job-queue/cpu-on-demand",
    Placeholder.CPU_JOB_DEFINITION_ARN: "arn:aws:batch:us-east-1:123456789012:job-definition/analyze-cpu:1",
    Placeholder.NOTIFICATION_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:jobs",
    Placeholder.RESULTS_BUCKET_NAME: "nutrition-video-dev-results",
}

#: state -> (Next, Catch and Choice targets); the machine exactly as README.md ("Architecture") draws it for the dev
#: config (analysis.compute = auto): ChooseCompute between Fargate and the GPU queues, the move from
#: spot to on-demand when Batch cancelled the job for want of capacity.
EXPECTED_TRANSITIONS = {
    "ValidateUpload": ("MarkAnalyzing", ["CheckCauseFormat"]),
    "MarkAnalyzing": ("ChooseCompute", ["ReadJobStatus", "CheckCauseFormat"]),
    "ReadJobStatus": ("WhyNotStarted", ["CheckErrorName"]),
    "WhyNotStarted": (None, ["JobAlreadyFinished", "JobInProgress"]),
    "JobAlreadyFinished": ("ExecutionRefused", []),
    "JobInProgress": ("ExecutionRefused", []),
    "ExecutionRefused": (None, []),
    "ChooseCompute": (None, ["AnalyzeFramesCpu", "AnalyzeFrames"]),
    "AnalyzeFramesCpu": ("ComputeNutrition", ["CheckCpuSpotCapacity"]),
    "CheckCpuSpotCapacity": (None, ["AnalyzeFramesCpuOnDemand", "NoFargateCapacity", "CheckCauseFormat"]),
    "AnalyzeFramesCpuOnDemand": ("ComputeNutrition", ["CheckCpuCapacity"]),
    "CheckCpuCapacity": (None, ["NoFargateCapacity", "CheckCauseFormat"]),
    "NoFargateCapacity": ("MarkFailed", []),
    "AnalyzeFrames": ("ComputeNutrition", ["CheckSpotCapacity"]),
    "CheckSpotCapacity": (None, ["AnalyzeFramesOnDemand", "NoGpuCapacity", "CheckCauseFormat"]),
    "AnalyzeFramesOnDemand": ("ComputeNutrition", ["CheckOnDemandCapacity"]),
    "CheckOnDemandCapacity": (None, ["NoGpuCapacity", "CheckCauseFormat"]),
    "NoGpuCapacity": ("MarkFailed", []),
    "ComputeNutrition": ("MarkCompleted", ["CheckCauseFormat"]),
    "MarkCompleted": ("NotifySuccess", ["CheckCauseFormat"]),
    "NotifySuccess": ("Succeeded", ["CheckCauseFormat"]),
    "Succeeded": (None, []),
    "CheckCauseFormat": (None, ["ParseCause", "MarkFailed"]),
    "ParseCause": ("ReadCause", []),
    "ReadCause": (None, ["TakeErrorMessage", "TakeErrorLine", "TakeStatusReason", "MarkFailed"]),
    "TakeErrorMessage": ("MarkFailed", []),
    "TakeErrorLine": ("MarkFailed", []),
    "TakeStatusReason": ("MarkFailed", []),
    "MarkFailed": ("NotifyFailure", ["NotifyFailure"]),
    "NotifyFailure": ("CheckErrorName", ["CheckErrorName"]),
    "CheckErrorName": (None, ["NameBuiltInError", "AnalysisFailed"]),
    "NameBuiltInError": ("AnalysisFailed", []),
    "AnalysisFailed": (None, []),
}


@pytest.fixture(scope="module")
def definition() -> dict[str, Any]:
    return build_analyze_meal_definition(load_config("dev"))


def _tasks(definition: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: state for name, state in definition["States"].items() if state["Type"] == "Task"}


def _targets(state: dict[str, Any]) -> list[str]:
    """Where a state may go other than ``Next``: its catchers, or a Choice's rules then its default."""
    targets = [catch["Next"] for catch in state.get("Catch", [])]
    targets += [rule["Next"] for rule in state.get("Choices", [])]
    return targets + ([state["Default"]] if "Default" in state else [])


def _transitions(definition: dict[str, Any]) -> dict[str, tuple[str | None, list[str]]]:
    return {name: (state.get("Next"), _targets(state)) for name, state in definition["States"].items()}


def test_statelint_accepts_the_definition_with_placeholders_resolved(definition: dict[str, Any]) -> None:
    text = substitute(json.dumps(definition), FAKE_VALUES)
    assert "${" not in text
    problems = Linter.validate(text, LintConfig(set(), False, False))
    assert problems == []


def test_statelint_rejects_a_broken_definition(definition: dict[str, Any]) -> None:
    broken = json.loads(substitute(json.dumps(definition), FAKE_VALUES))
    broken["States"]["MarkCompleted"]["Next"] = "NoSuchState"
    assert Linter.validate(json.dumps(broken), LintConfig(set(), False, False))


def test_every_placeholder_is_declared_and_used(definition: dict[str, Any]) -> None:
    used = set(re.findall(r"\$\{([A-Za-z0-9:]+)\}", json.dumps(definition)))
    assert used == {p.value for p in Placeholder} - {Placeholder.ANALYZE_MEAL_STATE_MACHINE_ARN.value}  # BackfillMeals'



def test_state_names_and_transitions_snapshot(definition: dict[str, Any]) -> None:
    assert definition["StartAt"] == StateName.VALIDATE_UPLOAD.value
    assert _transitions(definition) == EXPECTED_TRANSITIONS
    assert {name.value for name in StateName} == set(EXPECTED_TRANSITIONS)


def test_every_state_is_reachable(definition: dict[str, Any]) -> None:
    seen, todo = set(), [definition["StartAt"]]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        state = definition["States"][name]
        todo += [state["Next"]] if "Next" in state else []
        todo += _targets(state)
    assert seen == set(definition["States"])


def test_without_spot_one_queue_and_no_fallback() -> None:
    config = load_config("dev", overrides={"enable_spot_instances": False})
    definition = build_analyze_meal_definition(config)
    transitions = _transitions(definition)
    assert "AnalyzeFramesOnDemand" not in transitions and "CheckSpotCapacity" not in transitions
    assert transitions["AnalyzeFrames"] == ("ComputeNutrition", ["CheckOnDemandCapacity"])
    assert transitions["CheckOnDemandCapacity"] == (None, ["NoGpuCapacity", "CheckCauseFormat"])
    assert "${OnDemandJobQueueArn}" not in json.dumps(definition)


def test_only_a_capacity_cancellation_moves_the_job_to_on_demand(definition: dict[str, Any]) -> None:
    """The Choice reads Batch's documented status reason inside the caught Cause, after IsPresent."""
    spot, on_demand = definition["States"]["CheckSpotCapacity"], definition["States"]["CheckOnDemandCapacity"]
    to_on_demand, to_no_capacity = spot["Choices"]
    for rule in (to_on_demand, to_no_capacity, *on_demand["Choices"]):
        present, matches = rule["And"]
        assert present == {"Variable": "$.caught.Cause", "IsPresent": True}
        assert matches["Variable"] == "$.caught.Cause"
    assert to_on_demand["And"][1]["StringMatches"] == (
        "*Canceled by JobStateTimeLimit action due to reason: CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY*")
    assert to_no_capacity["And"][1]["StringMatches"] == "*Canceled by JobStateTimeLimit action*"
    assert spot["Default"] == on_demand["Default"] == "CheckCauseFormat"
    queues = {name: definition["States"][name]["Parameters"]["JobQueue"]
              for name in ("AnalyzeFrames", "AnalyzeFramesOnDemand")}
    assert queues == {"AnalyzeFrames": "${JobQueueArn}", "AnalyzeFramesOnDemand": "${OnDemandJobQueueArn}"}


def test_no_gpu_capacity_is_a_readable_code(definition: dict[str, Any]) -> None:
    state = definition["States"]["NoGpuCapacity"]
    assert state["ResultPath"] == policies.CAUGHT_PATH
    assert state["Result"]["Error"] == ErrorCode.NO_GPU_CAPACITY.value
    assert "900 s" in state["Result"]["Cause"] and "build.py doctor" in state["Result"]["Cause"]


def test_analysis_timeout_leaves_room_for_capacity_boot_and_every_attempt(definition: dict[str, Any]) -> None:
    analysis = load_config("dev").analysis
    needed = analysis.capacity_wait_s + analysis.batch_job_attempts * (
        analysis.batch_job_timeout_s + analysis.host_startup_s)
    for name in ("AnalyzeFrames", "AnalyzeFramesOnDemand"):
        timeout = definition["States"][name]["TimeoutSeconds"]
        assert timeout == needed
        assert timeout > analysis.capacity_wait_s + analysis.batch_job_attempts * analysis.batch_job_timeout_s


def test_every_task_catches_everything_and_keeps_the_input(definition: dict[str, Any]) -> None:
    for name, task in _tasks(definition).items():
        catch_all = [c for c in task["Catch"] if c["ErrorEquals"] == ["States.ALL"]]
        assert len(catch_all) == 1, name
        if name not in ("MarkFailed", "NotifyFailure"):
            assert catch_all[0]["ResultPath"] == policies.CAUGHT_PATH, name
        else:  # the original error stays at $.caught for the notification and the Fail state
            assert catch_all[0]["ResultPath"] != policies.CAUGHT_PATH, name


def test_failure_path_records_and_notifies(definition: dict[str, Any]) -> None:
    states = definition["States"]
    values = states["MarkFailed"]["Parameters"]["ExpressionAttributeValues"]
    assert values[":status"] == {"S": "FAILED"}
    assert values[":error"] == {"M": {"code": {"S.$": "$.caught.Error"}, "message": {"S.$": "$.caught.Cause"}}}
    condition = states["MarkFailed"]["Parameters"]["ConditionExpression"]
    assert ":from_analyzing" in condition and "COMPLETED" not in json.dumps(values)
    assert states["NotifyFailure"]["Resource"].endswith(":sns:publish")
    assert "$.caught.Error" in states["NotifyFailure"]["Parameters"]["Message.$"]
    assert states["AnalysisFailed"] == {
        "Type": "Fail",
        "Comment": "Fails the execution with the caught error and cause, as recorded on the job item.",
        "ErrorPath": "$.caught.Error",
        "CausePath": "$.caught.Cause",
    }


def test_retries_never_cover_application_errors(definition: dict[str, Any]) -> None:
    forbidden = {code.value for code in ErrorCode} | set(policies.NEVER_RETRIED) | {"States.ALL"}
    for name, task in _tasks(definition).items():
        assert task["Retry"], name
        for retry in task["Retry"]:
            assert not forbidden & set(retry["ErrorEquals"]), name
            assert retry["JitterStrategy"] == "FULL"
            assert retry["IntervalSeconds"] <= retry["MaxDelaySeconds"]
            assert retry["BackoffRate"] > 1


def test_each_integration_retries_its_own_service_errors(definition: dict[str, Any]) -> None:
    prefixes = {"lambda:invoke": "Lambda.", "batch:submitJob.sync": "Batch.", "dynamodb:updateItem": "DynamoDB.",
                "dynamodb:getItem": "DynamoDB.",
                "sns:publish": "SNS."}
    for name, task in _tasks(definition).items():
        prefix = next(p for suffix, p in prefixes.items() if task["Resource"].endswith(suffix))
        errors = [e for retry in task["Retry"] for e in retry["ErrorEquals"]]
        assert errors and all(e.startswith(prefix) for e in errors), name


def test_timeouts_cover_the_work() -> None:
    config = load_config("dev")
    states = build_analyze_meal_definition(config)["States"]
    assert states["ValidateUpload"]["TimeoutSeconds"] > config.functions.validate_upload.timeout_s
    assert states["ComputeNutrition"]["TimeoutSeconds"] > config.functions.nutrition.timeout_s
    assert states["AnalyzeFrames"]["TimeoutSeconds"] > config.analysis.batch_job_timeout_s
    assert "HeartbeatSeconds" not in states["AnalyzeFrames"]  # .sync Batch jobs send no heartbeats
    for task in _tasks({"States": states}).values():
        assert 0 < task["TimeoutSeconds"] <= 86400


def test_batch_job_gets_its_inputs_as_container_overrides(definition: dict[str, Any]) -> None:
    frames = definition["States"]["AnalyzeFrames"]
    assert frames["Resource"] == "arn:aws:states:::batch:submitJob.sync"
    env = {e["Name"]: e["Value.$"] for e in frames["Parameters"]["ContainerOverrides"]["Environment"]}
    assert env["JOB_ID"] == "$.job_id"
    assert env["VIDEO_URI"] == "States.Format('s3://{}/{}', $.bucket, $.key)"
    assert env["OUTPUT_URI"] == f"States.Format('s3://${{ResultsBucketName}}/{job_prefix('{}')}', $.job_id)"
    assert set(env) == {name.value for name in TASK_INPUTS}  # the job definition sets the task's other settings
    assert frames["ResultSelector"] == {"batch_job_id.$": "$.JobId", "batch_status.$": "$.Status"}
    payload = definition["States"]["ComputeNutrition"]["Parameters"]["Payload"]
    assert detections_key("{}") in payload["detections_uri.$"]


def test_completed_item_gets_numeric_totals_for_every_nutrient(definition: dict[str, Any]) -> None:
    from pipeline.contracts.results import NUTRIENT_FIELDS

    totals = definition["States"]["MarkCompleted"]["Parameters"]["ExpressionAttributeValues"][":totals"]["M"]
    assert set(totals) == set(NUTRIENT_FIELDS)
    assert all(set(value) == {"N.$"} for value in totals.values())
    condition = definition["States"]["MarkCompleted"]["Parameters"]["ConditionExpression"]
    assert condition == "#status IN (:from_analyzing)"


def test_partition_follows_the_region() -> None:
    config = load_config("dev", overrides={"region": "cn-north-1"})
    states = build_analyze_meal_definition(config)["States"]
    assert states["NotifySuccess"]["Resource"] == "arn:aws-cn:states:::sns:publish"


@pytest.mark.parametrize("region", ["cn-north-1", "us-gov-west-1", "eu-west-1", None])
def test_the_sdks_own_partition_lookup_still_answers_for_the_session_region(region, monkeypatch) -> None:
    """states.sdk_extensions answers the SDK's lookup from the region's name (it cost 0.4 s per Task); a step built
    with the SDK alone still gets the partition of the session's region, read anew as the region changes."""
    from stepfunctions.steps import compute, integration_resources, utils

    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    if region is not None:
        monkeypatch.setenv("AWS_DEFAULT_REGION", region)
    import states.sdk_extensions  # noqa: F401  (installs the lookup)

    assert integration_resources.get_aws_partition() == utils.get_aws_partition()
    step = compute.LambdaStep("Invoke", parameters={"FunctionName": "f"})
    assert step.fields["resource"].startswith(f"arn:{utils.get_aws_partition()}:states:::lambda:invoke")


def test_substitute_names_missing_placeholders(definition: dict[str, Any]) -> None:
    with pytest.raises(KeyError, match="JobsTableName"):
        substitute(json.dumps(definition), {Placeholder.RESULTS_BUCKET_NAME: "b"})


def test_choose_compute_sends_short_videos_to_fargate(definition: dict[str, Any]) -> None:
    """The threshold is the config's prediction of the CPU path within its time budget; a probe
    without a numeric duration goes to the GPU path rather than failing the execution."""
    analysis = load_config("dev").analysis
    choice = definition["States"]["ChooseCompute"]
    (rule,) = choice["Choices"]
    present, numeric, short = rule["And"]
    assert present == {"Variable": "$.video.probe.duration_s", "IsPresent": True}
    assert numeric == {"Variable": "$.video.probe.duration_s", "IsNumeric": True}
    assert short == {"Variable": "$.video.probe.duration_s", "NumericLessThanEquals": analysis.cpu_max_video_seconds}
    assert (rule["Next"], choice["Default"]) == ("AnalyzeFramesCpu", "AnalyzeFrames")
    cpu = definition["States"]["AnalyzeFramesCpu"]["Parameters"]
    assert (cpu["JobQueue"], cpu["JobDefinition"]) == ("${CpuJobQueueArn}", "${CpuJobDefinitionArn}")
    assert definition["States"]["AnalyzeFramesCpu"]["Catch"] == definition["States"]["AnalyzeFrames"]["Catch"][:0] + [
        {"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught", "Next": "CheckCpuSpotCapacity"}]
    on_demand = definition["States"]["AnalyzeFramesCpuOnDemand"]["Parameters"]
    assert (on_demand["JobQueue"], on_demand["JobDefinition"]) == ("${CpuOnDemandJobQueueArn}", "${CpuJobDefinitionArn}")


def test_without_spot_each_path_has_one_queue_and_no_spot_check() -> None:
    definition = build_analyze_meal_definition(load_config("dev", overrides={"enable_spot_instances": False}))
    states = definition["States"]
    assert not {"CheckSpotCapacity", "AnalyzeFramesOnDemand", "CheckCpuSpotCapacity",
                "AnalyzeFramesCpuOnDemand"} & set(states)
    assert states["AnalyzeFramesCpu"]["Catch"][0]["Next"] == "CheckCpuCapacity"
    assert states["AnalyzeFrames"]["Catch"][0]["Next"] == "CheckOnDemandCapacity"
    assert "on its queue" in states["NoFargateCapacity"]["Result"]["Cause"]


@pytest.mark.parametrize(("compute", "analysis_state"), [("gpu", "AnalyzeFrames"), ("fargate", "AnalyzeFramesCpu")])
def test_a_single_compute_path_has_no_choice(compute: str, analysis_state: str) -> None:
    definition = build_analyze_meal_definition(load_config("dev", overrides={"analysis.compute": compute}))
    assert "ChooseCompute" not in definition["States"]
    assert definition["States"]["MarkAnalyzing"]["Next"] == analysis_state
    other = {"gpu": "AnalyzeFramesCpu", "fargate": "AnalyzeFrames"}[compute]
    assert other not in definition["States"]
