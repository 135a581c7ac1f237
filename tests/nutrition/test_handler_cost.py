"""nutrition_rag writes the job's measured cost into results.json; missing inputs are gaps, never guesses."""

from __future__ import annotations

import pytest

from lambdas.common import job_measurements
from lambdas.nutrition_rag import handler as nutrition_rag
from pipeline.contracts.results import Results
from pipeline.cost import prices
from pipeline.layout import results_key
from tests.events import FIXTURE_JOB_ID
from tests.nutrition.test_handler import CONTEXT, RESULTS_BUCKET, a_meal, put_detections, s3  # noqa: F401 - fixture


def _results(s3) -> Results:  # noqa: F811
    return Results.model_validate_json(s3.get_object(Bucket=RESULTS_BUCKET, Key=results_key(FIXTURE_JOB_ID))["Body"].read())


def test_without_cost_fields_the_cost_holds_this_function_and_names_what_is_missing(s3) -> None:  # noqa: F811
    nutrition_rag.handler(put_detections(s3, a_meal()), CONTEXT)
    cost = _results(s3).cost
    assert cost is not None and cost.price_date == prices.PRICE_DATE and cost.price_list == prices.PRICE_SOURCE
    (own,) = [item for item in cost.items if item.service == "lambda"]
    assert own.item == "nutrition_rag" and own.bound == "lower" and own.usd > 0 and "3008 MB" in own.basis
    assert cost.s3_requests == {"put": 3, "get": 1}  # upload + detections.json + results.json; detections read
    reasons = {gap.part: gap.reason for gap in cost.gaps}
    assert "no execution_arn" in reasons["step functions"] and "no Batch job id" in reasons["batch"]
    assert cost.state_transitions is None and "batch" not in cost.seconds


def test_a_malformed_cost_field_is_a_gap_and_the_nutrition_is_still_written(s3) -> None:  # noqa: F811
    event = put_detections(s3, a_meal()) | {"execution_arn": 42}
    assert nutrition_rag.handler(event, CONTEXT)["item_count"] == 3
    (gap,) = _results(s3).cost.gaps
    assert gap.part == "cost" and "execution_arn must be a str" in gap.reason


def test_the_cost_fields_reach_the_measurements(s3, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    seen = {}

    def measure(**kwargs):
        seen.update(kwargs)
        return job_measurements.JobMeasurements(lambda_runs=(kwargs["own_run"],))
    monkeypatch.setattr(nutrition_rag, "measure_job", measure)
    event = put_detections(s3, a_meal()) | {"execution_arn": "arn:x", "batch_job_id": "b-1",
                                            "lambda_memory_mb": {"ValidateUpload": 512}}
    nutrition_rag.handler(event, CONTEXT)
    assert (seen["execution_arn"], seen["batch_job_id"], seen["lambda_memory_mb"]) == ("arn:x", "b-1", {"ValidateUpload": 512})
    assert seen["s3_counted"] == {"put": 0, "get": 1} and seen["region"] == "us-east-1"
