"""``build.py backfill`` on the embedded AWS: BackfillMeals (a Distributed Map, one AnalyzeMeal execution
per video with ``startExecution.sync:2``) over 50 videos, 5 of them bad.

The good videos are the sample meal (the ``scene`` backend: no models, the fastest perception); the bad
ones come from the upload corpus and fail with their own codes. The jobs are read back through the API,
as any job, and the ResultWriter's export is read from the results bucket.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import build
from ops.api_client import ApiClient
from ops.aws import Target, local_target
from ops.backfill import BackfillSummary, VideoOutcome, check_source
from ops.backfill_report import totals_lines
from ops.console import RecordingReporter
from ops.demo import SAMPLE_VIDEO, SAMPLES_DIR
from ops.errors import CommandError
from pipeline.config import Config, load_config
from pipeline.layout import S3Uri, backfill_videos_key
from tests.corpus import build_corpus

GOOD_VIDEOS = 40
BAD_CASES = ("empty", "text", "png", "pdf", "zip", "truncated", "audio_only", "too_long", "frameless",
             "unsupported_codec")
"""What an archive holds beside meals; each fails with its corpus ``expected_code``, most in ValidateUpload,
``frameless`` in the analysis task."""
MAX_VIDEO_SECONDS = 20
BACKFILL_TIMEOUT_S = 420
"""``--timeout`` of the backfill: the command stops following it (and the test fails) after this long.
The embedded Batch runs as many jobs at once as the machine has CPUs; the run's time is printed."""
SCENE_OVERRIDES = {"analysis.backend": "scene", "analysis.max_keyframes": 1, "max_video_seconds": MAX_VIDEO_SECONDS}
"""The fastest perception: the sample's rendered truth (no models), one keyframe."""


@dataclass
class LocalStack:
    config: Config
    target: Target
    port: int
    outputs: dict[str, str]

    def client(self, service: str):
        return self.target.client(service)


def deployed_stack(overrides: dict[str, object]) -> Iterator[LocalStack]:
    """The dev stack with ``overrides`` deployed into a fresh embedded AWS (``ApiUrl`` as served there)."""
    from local_aws.bridges.apigateway import api_url_from_output
    from local_aws.server import EmbeddedAws
    from ops.pipeline_deploy import deploy_pipeline

    config = load_config("dev", overrides=overrides)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                            "AWS_DEFAULT_REGION": config.region}.items():
            patch.setenv(name, value)
        with EmbeddedAws(port=0, models_dir=SAMPLES_DIR, region=config.region) as aws:
            target = local_target(config.region, aws.port)
            outputs = deploy_pipeline(config, target, reporter=RecordingReporter()).main
            outputs["ApiUrl"] = api_url_from_output(aws.endpoint_url, outputs["ApiUrl"])
            yield LocalStack(config, target, aws.port, outputs)


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    yield from deployed_stack(SCENE_OVERRIDES)


def _upload(stack: LocalStack, prefix: str, files: dict[str, Path]) -> None:
    s3 = stack.client("s3")
    for name, path in files.items():
        s3.put_object(Bucket=stack.outputs["VideosBucketName"], Key=f"{prefix}{name}", Body=path.read_bytes())


def _backfill(stack: LocalStack, prefix: str, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    uri = f"s3://{stack.outputs['VideosBucketName']}/{prefix}"
    code = build.main(["backfill", uri, "--local", "--port", str(stack.port), "--timeout", str(BACKFILL_TIMEOUT_S),
                       *options])
    return code, capsys.readouterr().err


def video_list(stack: LocalStack, output: str) -> list[dict[str, str]]:
    """The AnalyzeMeal inputs the backfill named in the output's first line ran over."""
    backfill_id = output.split("backfill ", 1)[1].split(":", 1)[0]
    body = stack.client("s3").get_object(Bucket=stack.outputs["ResultsBucketName"],
                                         Key=backfill_videos_key(backfill_id))
    return json.loads(body["Body"].read())


def _export(stack: LocalStack, output: str) -> dict[str, list[dict]]:
    """The ResultWriter's files named by the summary's last line, by status."""
    uri = S3Uri.parse(output.rsplit("exported to ", 1)[1].split(": ", 1)[0])
    s3 = stack.client("s3")
    manifest = json.loads(s3.get_object(Bucket=uri.bucket, Key=uri.key)["Body"].read())
    return {status: [entry for f in files
                     for entry in json.loads(s3.get_object(Bucket=uri.bucket, Key=f["Key"])["Body"].read())]
            for status, files in manifest["ResultFiles"].items()}


@pytest.mark.embedded
@pytest.mark.slow
def test_backfill_of_fifty_videos_completes_the_good_and_fails_the_bad_with_their_codes(
        stack: LocalStack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = build_corpus(tmp_path / "corpus", max_upload_mb=1, max_video_seconds=MAX_VIDEO_SECONDS)
    expected = {f"bad-{name}{corpus[name].path.suffix}": corpus[name].expected_code for name in BAD_CASES}
    _upload(stack, "uploads/archive/", {f"meal-{i:02d}.mp4": SAMPLE_VIDEO for i in range(GOOD_VIDEOS)})
    _upload(stack, "uploads/archive/", {name: corpus[case].path for name, case in
                                        zip(expected, BAD_CASES, strict=True)})

    started = time.monotonic()
    code, output = _backfill(stack, "uploads/archive/", capsys, "--max-concurrency", "6",
                             "--tolerated-failure-percentage", "25")
    elapsed = time.monotonic() - started
    print(f"backfill of {GOOD_VIDEOS + len(BAD_CASES)} videos: {elapsed:.1f} s")

    assert code == 0, output
    assert f"{GOOD_VIDEOS + len(BAD_CASES)} videos, {GOOD_VIDEOS} completed, {len(BAD_CASES)} failed" in output
    assert "at most 6 analysed at once" in output
    for code_name in set(expected.values()):
        assert f"{code_name} × {list(expected.values()).count(code_name)}" in output
    # each video's job is a job of the API: the same item, status and error code
    api = ApiClient(stack.outputs["ApiUrl"])
    jobs = {video["key"].rsplit("/", 1)[1]: api.job(video["job_id"]) for video in video_list(stack, output)}
    assert len(jobs) == GOOD_VIDEOS + len(BAD_CASES)
    for name, job in jobs.items():
        if name in expected:
            assert (job["status"], job["error"]["code"]) == ("FAILED", expected[name]), job
        else:
            assert job["status"] == "COMPLETED" and job["totals"]["kcal"] > 0, job
            assert job["filename"] == name
    # the ResultWriter's export in the results bucket: each child workflow by status
    export = _export(stack, output)
    assert len(export["SUCCEEDED"]) == GOOD_VIDEOS and len(export["FAILED"]) == len(BAD_CASES)
    failed_keys = {json.loads(entry["Input"])["key"].rsplit("/", 1)[1] for entry in export["FAILED"]}
    assert failed_keys == set(expected)
    assert all(entry["Error"] == "States.TaskFailed" for entry in export["FAILED"])
    # the Map Run carries the concurrency given on the command line
    sfn = stack.client("stepfunctions")
    backfill_id = output.split("backfill ", 1)[1].split(":", 1)[0]
    execution = stack.outputs["BackfillStateMachineArn"].replace(":stateMachine:", ":execution:") + f":{backfill_id}"
    [run] = sfn.list_map_runs(executionArn=execution)["mapRuns"]
    described = sfn.describe_map_run(mapRunArn=run["mapRunArn"])
    assert (described["maxConcurrency"], described["toleratedFailurePercentage"]) == (6, 25)


@pytest.mark.embedded
@pytest.mark.slow
def test_more_bad_videos_than_tolerated_fail_the_backfill(
        stack: LocalStack, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = build_corpus(tmp_path / "corpus", max_upload_mb=1, max_video_seconds=MAX_VIDEO_SECONDS)
    _upload(stack, "uploads/strict/", {"meal.mp4": SAMPLE_VIDEO, "notes.txt": corpus["text"].path})

    code, output = _backfill(stack, "uploads/strict/", capsys, "--tolerated-failure-percentage", "0")

    assert code == 1, output
    assert "2 videos, 1 completed, 1 failed" in output and "NOT_A_VIDEO × 1" in output
    assert "the backfill failed: States.ExceedToleratedFailureThreshold" in output


@pytest.mark.embedded
def test_a_prefix_without_objects_or_outside_uploads_is_refused(stack: LocalStack,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    def backfills() -> int:
        return len(stack.client("stepfunctions").list_executions(
            stateMachineArn=stack.outputs["BackfillStateMachineArn"])["executions"])

    before = backfills()
    code, output = _backfill(stack, "uploads/nothing-here/", capsys)
    assert code == 4 and "no objects under" in output
    code, output = _backfill(stack, "archive/", capsys)
    assert code == 3 and "the analysis may read only uploads" in output
    assert backfills() == before


def test_the_source_must_be_uploads_of_the_videos_bucket() -> None:
    check_source(S3Uri("videos", "uploads/archive/"), "videos")
    for uri in (S3Uri("videos", "archive/"), S3Uri("elsewhere", "uploads/archive/")):
        with pytest.raises(CommandError, match="copy the videos there first"):
            check_source(uri, "videos")


def test_totals_add_the_measured_costs_and_say_what_has_none() -> None:
    summary = BackfillSummary("b1", "SUCCEEDED", None, [
        VideoOutcome("a.mp4", "1", "COMPLETED", kcal=500, cost_usd=0.002),
        VideoOutcome("b.mp4", "2", "COMPLETED", kcal=400, cost_usd=0.003, cost_partial=True),
        VideoOutcome("c.mp4", "3", "FAILED", error_code="EMPTY"),
    ])
    lines = totals_lines(summary)
    assert lines[0] == "backfill b1: SUCCEEDED; 3 videos, 2 completed, 1 failed"
    assert "errors: EMPTY × 1" in lines
    assert "cost: $0.0050 over the 2 jobs that measured theirs (1 partial: a part could not be measured); " \
           "1 jobs have no figure" in lines


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere() -> None:
    import io

    from rich.console import Console

    from ops.backfill import Counts
    from ops.backfill_report import BackfillProgress

    plain = io.StringIO()
    with BackfillProgress(Console(file=plain, force_terminal=False), 3, every_s=0) as progress:
        for counts in (Counts(), Counts(1, 0, 2), Counts(1, 0, 2), Counts(2, 1, 0)):
            progress(counts)
    assert plain.getvalue().splitlines() == ["backfill: 0/3 (0 done · 0 failed · 0 running)",
                                             "backfill: 1/3 (1 done · 0 failed · 2 running)",
                                             "backfill: 3/3 (2 done · 1 failed · 0 running)"]
    terminal = io.StringIO()
    with BackfillProgress(Console(file=terminal, force_terminal=True, width=120), 3) as progress:
        progress(Counts(2, 1, 0))
    assert "3/3" in terminal.getvalue() and "2 done · 1 failed · 0 running" in terminal.getvalue()
