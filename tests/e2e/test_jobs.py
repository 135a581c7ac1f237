"""Jobs end to end on the embedded AWS, as a client lives them (issue: jobs end to end)."""

from __future__ import annotations

import concurrent.futures
import json
import time
from pathlib import Path

import pytest
from rich.console import Console

from ops.api_client import ApiError
from ops.console import RecordingReporter
from ops.run_job import follow_job, run_job
from pipeline.contracts.results import Results
from pipeline.layout import upload_key

pytestmark = [pytest.mark.embedded, pytest.mark.slow]
QUIET = Console(file=open("/dev/null", "w"))  # noqa: SIM115 - lives as long as the test session
JOB_TIMEOUT_S = 300


def _submit(stack, case) -> str:
    """Create a job through the API and put the file where its presigned form points.

    The declared size is capped at the limit: a client that lies about the size (or an upload made
    outside the form) must still be caught by validation.
    """
    limit = stack.config.max_upload_mb * 2**20
    created = stack.api._request("POST", "/jobs", json={
        "filename": case.filename, "content_type": case.content_type,
        "size_bytes": min(max(case.path.stat().st_size, 1), limit),
    })
    stack.client("s3").put_object(Bucket=stack.outputs["VideosBucketName"], Key=created["upload"]["fields"]["key"],
                                  Body=case.path.read_bytes())
    return created["job_id"]


def _wait(stack, job_id: str) -> dict:
    return follow_job(stack.deployment, job_id, timeout_s=JOB_TIMEOUT_S, console=QUIET, poll_s=0.5)


def test_a_meal_video_goes_through_every_stage(stack, corpus, tmp_path: Path):
    reporter = RecordingReporter()
    code = run_job(stack.deployment, corpus["good"].path, out_dir=tmp_path, timeout_s=JOB_TIMEOUT_S, as_json=False,
                   console=QUIET, reporter=reporter)
    assert code == 0, reporter.lines
    (run_dir,) = list(tmp_path.iterdir())
    results = Results.model_validate_json((run_dir / "results.json").read_text())
    assert results.weights == "random"
    assert results.items, "the job completed without a single item"  # random weights still detect (seeded)
    assert all(item.label for item in results.items)
    assert "Random model weights" in (run_dir / "report.html").read_text()
    view = stack.api.job(run_dir.name)
    assert view["status"] == "COMPLETED" and view["results_uri"].endswith(f"jobs/{run_dir.name}/results.json")
    payload = stack.api.results(run_dir.name)
    for overlay in payload["overlays"]:
        assert stack.api.download(overlay["url"])[:2] == b"\xff\xd8"  # JPEG
    history = stack.client("stepfunctions").get_execution_history(
        executionArn=stack.deployment.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{run_dir.name}")
    entered = [e["stateEnteredEventDetails"]["name"] for e in history["events"] if "stateEnteredEventDetails" in e]
    # dev: analysis.compute = auto, and a short meal video is analysed on Fargate
    assert entered == ["ValidateUpload", "MarkAnalyzing", "ChooseCompute", "AnalyzeFramesCpu", "ComputeNutrition",
                       "MarkCompleted", "NotifySuccess", "Succeeded"]


BAD_CASES = ["empty", "text", "png", "truncated", "audio_only", "oversized", "too_long", "unsupported_codec", "resolution_too_high"]


def test_each_bad_upload_fails_with_its_code_and_a_good_job_still_completes(stack, corpus):
    submitted = {name: _submit(stack, corpus[name]) for name in BAD_CASES}
    good = _submit(stack, corpus["good"])
    for name, job_id in submitted.items():
        view = _wait(stack, job_id)
        assert view["status"] == "FAILED", (name, view)
        assert view["error"]["code"] == corpus[name].expected_code, (name, view["error"])
        assert view["error"]["message"] and "Traceback" not in view["error"]["message"]
    view = _wait(stack, good)
    assert view["status"] == "COMPLETED", view


def test_the_api_refuses_a_declared_size_over_the_limit(stack, corpus):
    case = corpus["oversized"]
    with pytest.raises(ApiError) as refused:
        stack.api._request("POST", "/jobs", json={"filename": case.filename, "content_type": case.content_type,
                                                  "size_bytes": case.path.stat().st_size})
    assert (refused.value.status, refused.value.code) == (413, "TOO_LARGE")


def test_path_traversal_filename_stays_inside_its_job(stack, corpus):
    job_id = _submit(stack, corpus["path_traversal"])
    view = _wait(stack, job_id)
    assert view["status"] == "COMPLETED", view
    keys = [o["Key"] for o in stack.client("s3").list_objects_v2(Bucket=stack.outputs["VideosBucketName"],
                                                                   Prefix=f"uploads/{job_id}/")["Contents"]]
    assert len(keys) == 1 and ".." not in keys[0] and keys[0].startswith(f"uploads/{job_id}/")


def test_twenty_jobs_at_once_all_complete_none_lost_or_duplicated(stack, corpus):
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        job_ids = list(pool.map(lambda _: _submit(stack, corpus["good"]), range(20)))
    assert len(set(job_ids)) == 20
    deadline = time.monotonic() + 900
    pending = list(job_ids)
    # One job polled at a time until it is final, then the next: the embedded AWS answers GET /jobs/{id} with
    # about 45 ms of CPU in this process, so polling all twenty every second kept about half of a 2-core
    # machine busy instead of the jobs being waited for.
    while pending and time.monotonic() < deadline:
        if stack.api.job(pending[0])["status"] in ("COMPLETED", "FAILED"):
            pending.pop(0)
        else:
            time.sleep(1)
    assert not pending, f"{len(pending)} jobs did not finish"
    assert {stack.api.job(job_id)["status"] for job_id in job_ids} == {"COMPLETED"}
    sfn = stack.client("stepfunctions")
    names = [e["name"] for page in sfn.get_paginator("list_executions").paginate(
        stateMachineArn=stack.deployment.state_machine_arn) for e in page["executions"]]
    assert all(names.count(job_id) == 1 for job_id in job_ids)


def test_a_duplicated_upload_event_starts_one_execution(stack, corpus):
    job_id = _submit(stack, corpus["good"])
    key = upload_key(job_id, "meal.mp4")
    stack.client("s3").put_object(Bucket=stack.outputs["VideosBucketName"], Key=key, Body=corpus["good"].path.read_bytes())
    view = _wait(stack, job_id)
    assert view["status"] == "COMPLETED", view
    sfn = stack.client("stepfunctions")
    names = [e["name"] for e in sfn.list_executions(stateMachineArn=stack.deployment.state_machine_arn, maxResults=1000)["executions"]]
    assert names.count(job_id) == 1


def test_results_are_never_readable_through_another_jobs_id(stack, corpus):
    done = _submit(stack, corpus["good"])
    view = _wait(stack, done)
    assert view["status"] == "COMPLETED", view
    pending = stack.api._request("POST", "/jobs", json={"filename": "later.mp4", "content_type": "video/mp4", "size_bytes": 10})
    with pytest.raises(ApiError) as not_ready:
        stack.api.results(pending["job_id"])
    assert not_ready.value.status == 409
    with pytest.raises(ApiError) as unknown:
        stack.api.results("f" * 32)
    assert unknown.value.status == 404
    mine = json.dumps(stack.api.results(done))
    assert pending["job_id"] not in mine
