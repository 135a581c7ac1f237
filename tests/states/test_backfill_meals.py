"""The BackfillMeals definition: a Distributed Map over the video list, one AnalyzeMeal per item."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from ops.lint import lint_state_machine
from pipeline.config import load_config
from states.analyze_meal import build_analyze_meal_definition
from states.backfill_meals import MAP_RUN_PATH, StateName, build_backfill_meals_definition
from states.placeholders import Placeholder

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9:]+)\}")


@pytest.fixture(scope="module")
def definition() -> dict[str, Any]:
    return build_backfill_meals_definition(load_config("dev"))


def _map(definition: dict[str, Any]) -> dict[str, Any]:
    return definition["States"][StateName.ANALYZE_EACH_VIDEO.value]


def test_statelint_finds_nothing(definition: dict[str, Any]) -> None:
    assert lint_state_machine(definition) == []


def test_each_video_is_an_analyze_meal_execution_named_after_its_job(definition: dict[str, Any]) -> None:
    each = _map(definition)
    assert each["ItemProcessor"]["ProcessorConfig"] == {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
    task = each["ItemProcessor"]["States"][StateName.ANALYZE_VIDEO.value]
    assert task["Resource"] == "arn:aws:states:::states:startExecution.sync:2"
    assert task["Parameters"] == {"StateMachineArn": Placeholder.ANALYZE_MEAL_STATE_MACHINE_ARN.ref(),
                                  "Name.$": "$.job_id", "Input.$": "$"}
    # a failed child is its video's outcome: never retried, only StartExecution's throttling is
    retried = {error for retry in task["Retry"] for error in retry["ErrorEquals"]}
    assert "States.TaskFailed" not in retried and "States.ALL" not in retried
    assert "StepFunctions.ExecutionLimitExceededException" in retried


def test_reads_the_video_list_and_exports_results_to_the_results_bucket(definition: dict[str, Any]) -> None:
    each = _map(definition)
    assert each["ItemReader"] == {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                                  "Parameters": {"Bucket.$": "$.videos.bucket", "Key.$": "$.videos.key"}}
    assert each["ResultWriter"] == {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {
        "Bucket": Placeholder.RESULTS_BUCKET_NAME.ref(), "Prefix.$": "$.results_prefix"}}
    assert each["MaxConcurrencyPath"] == "$.max_concurrency"
    assert each["ToleratedFailurePercentagePath"] == "$.tolerated_failure_percentage"
    assert each["ResultPath"] == MAP_RUN_PATH and "Iterator" not in each


@pytest.mark.parametrize(("overrides", "concurrency"), [
    ({}, 4),  # dev: 16 vCPUs / 4 per GPU job (the smaller of GPU's 4 and Fargate's 8)
    ({"analysis.compute": "fargate"}, 8),  # 16 / 2 Fargate vCPUs
    ({"backfill.max_concurrency": 12}, 12),
])
def test_defaults_follow_the_batch_capacity_unless_set(overrides: dict[str, Any], concurrency: int) -> None:
    config = load_config("dev", overrides=overrides)
    states = build_backfill_meals_definition(config)["States"]
    defaults = states[StateName.READ_SETTINGS.value]["Parameters"]["defaults"]
    assert defaults["max_concurrency"] == concurrency == config.backfill_max_concurrency
    assert defaults["tolerated_failure_percentage"] == config.backfill.tolerated_failure_percentage == 10
    assert defaults["results_prefix.$"] == "States.Format('backfills/{}/results', $$.Execution.Name)"


def test_the_input_wins_over_the_defaults(definition: dict[str, Any]) -> None:
    apply = definition["States"][StateName.APPLY_DEFAULTS.value]
    assert apply["Parameters"] == {"merged.$": "States.JsonMerge($.defaults, $.given, false)"}
    assert apply["OutputPath"] == "$.merged"


def test_the_two_machines_use_every_placeholder_between_them(definition: dict[str, Any]) -> None:
    analyze_meal = build_analyze_meal_definition(load_config("dev"))
    used = set(_PLACEHOLDER.findall(json.dumps(definition))) | set(_PLACEHOLDER.findall(json.dumps(analyze_meal)))
    assert used == {p.value for p in Placeholder}
    assert set(_PLACEHOLDER.findall(json.dumps(definition))) == {
        Placeholder.ANALYZE_MEAL_STATE_MACHINE_ARN.value, Placeholder.RESULTS_BUCKET_NAME.value}
