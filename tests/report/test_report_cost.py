"""The job's cost in the report and the terminal table: every item, the total, its bound and the price list."""

from __future__ import annotations

from pipeline.contracts.results import Results
from pipeline.cost import prices
from pipeline.cost.job_cost import job_cost
from pipeline.cost.measurements import BatchAttempt, Ec2Host, Gap, JobMeasurements, LambdaRun, S3Requests
from pipeline.report import COST_COLUMNS, cost_rows, cost_summary, render_report


def _cost():
    return job_cost(JobMeasurements(
        batch_attempts=(BatchAttempt("job-1", 1, 0, 50_681, Ec2Host("g4dn.xlarge")),),
        lambda_runs=(LambdaRun("ValidateUpload", 170, 512, "arm64", "upper", "test"),),
        state_transitions=4, transitions_counted="up to ComputeNutrition",
        s3_requests=S3Requests(5, 1, "test", "test"), gaps=(Gap("analysis task S3 GETs", "not counted"),)))


def test_rows_list_each_item_and_a_total_with_its_bound():
    rows = cost_rows(_cost())
    assert all(len(row) == len(COST_COLUMNS) for row in rows)
    assert [row[0] for row in rows] == ["batch", "lambda", "step_functions", "s3", "s3", "total"]
    assert rows[0][2] == "50.681 s" and rows[-1][1] == "batch 50.681 s, lambda 0.17 s"
    assert rows[-1][3] == f"${_cost().usd:.6f}" and rows[-1][4] == "mixed"


def test_the_summary_names_the_price_list_and_what_was_not_measured():
    text = cost_summary(_cost())
    assert prices.PRICE_SOURCE in text and "not measured: analysis task S3 GETs" in text and text.startswith("This job cost about $")


def test_the_report_shows_the_cost_only_when_results_have_one():
    with_cost = render_report(Results(job_id="a" * 32, cost=_cost()))
    assert "What this job cost" in with_cost and "g4dn.xlarge" in with_cost and prices.PRICE_DATE in with_cost
    assert "not measured: analysis task S3 GETs: not counted" in with_cost
    assert "What this job cost" not in render_report(Results(job_id="a" * 32))
