"""pipeline.jobs and pipeline.filenames: pure rules, no AWS."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.contracts.job import JobError, JobRecord, JobStatus
from pipeline.errors import ErrorCode, PipelineError
from pipeline.filenames import ALLOWED_VIDEO_EXTENSIONS, MAX_SAFE_FILENAME_CHARS, display_filename, safe_filename
from pipeline.jobs import expiry_epoch, iso_utc, job_view, may_move

MOMENT = dt.datetime(2026, 11, 26, 8, 0, 0, 123456, tzinfo=dt.timezone.utc)


def test_times_are_millisecond_utc_like_step_functions() -> None:
    assert iso_utc(MOMENT) == "2026-11-26T08:00:00.123Z"
    assert iso_utc(MOMENT.astimezone(dt.timezone(dt.timedelta(hours=5)))) == "2026-11-26T08:00:00.123Z"


def test_expiry_is_days_after_in_epoch_seconds() -> None:
    assert expiry_epoch(MOMENT, 30) == int(MOMENT.timestamp()) + 30 * 86_400
    with pytest.raises(ValueError):
        expiry_epoch(MOMENT, 0)


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (None, JobStatus.QUEUED, True),
        (JobStatus.PENDING_UPLOAD, JobStatus.QUEUED, True),
        (JobStatus.QUEUED, JobStatus.ANALYZING, True),
        (JobStatus.ANALYZING, JobStatus.COMPLETED, True),
        (JobStatus.QUEUED, JobStatus.FAILED, True),
        (JobStatus.ANALYZING, JobStatus.QUEUED, False),
        (JobStatus.COMPLETED, JobStatus.FAILED, False),
        (JobStatus.FAILED, JobStatus.QUEUED, False),
        (JobStatus.QUEUED, JobStatus.QUEUED, False),
    ],
)
def test_status_only_moves_forward(current: JobStatus | None, new: JobStatus, allowed: bool) -> None:
    assert may_move(current, new) is allowed


def test_job_view_reads_a_batch_failure() -> None:
    cause = json.dumps({"Container": {"ExitCode": 13, "Reason": "ERROR NOT_A_VIDEO: no video stream"}})
    record = JobRecord(job_id="a" * 32, status=JobStatus.FAILED, created_at="t0", updated_at="t1",
                       error=JobError(code="States.TaskFailed", message=cause))
    assert job_view(record)["error"] == {"code": "NOT_A_VIDEO", "message": "no video stream (exit code 13)"}


def test_the_task_error_line_decoded_by_the_machine_names_its_code_once() -> None:
    record = JobRecord(job_id="a" * 32, status=JobStatus.FAILED, created_at="t0", updated_at="t1",
                       error=JobError(code="MODELS_MISSING", message="ERROR MODELS_MISSING: no weights in models/"))
    assert job_view(record)["error"] == {"code": "MODELS_MISSING", "message": "no weights in models/"}


def test_job_view_of_a_failure_without_details_still_says_so() -> None:
    record = JobRecord(job_id="a" * 32, status=JobStatus.FAILED, created_at="t0", updated_at="t1")
    assert job_view(record)["error"]["code"] == "INTERNAL"


@given(st.text(max_size=400), st.sampled_from(ALLOWED_VIDEO_EXTENSIONS + (".MP4", ".Mov")))
def test_any_name_with_a_video_extension_becomes_a_safe_key_component(stem: str, ext: str) -> None:
    name = safe_filename(stem + ext)
    assert name.endswith(ext.lower()) and len(name) <= MAX_SAFE_FILENAME_CHARS
    assert name.isascii() and "/" not in name and "\\" not in name and ".." not in name
    assert not name.startswith((".", "-", "_"))
    assert len(display_filename(stem + ext)) <= 255


def test_a_bare_extension_gets_a_default_stem() -> None:
    assert safe_filename(".mp4") == "video.mp4" and safe_filename("../.MOV") == "video.mov"


@pytest.mark.parametrize("name", ["", "   ", "video", "clip.exe", "clip.mp4.sh", "/", "../..", "mp4"])
def test_names_that_are_not_video_files_are_refused(name: str) -> None:
    with pytest.raises(PipelineError) as raised:
        safe_filename(name)
    assert raised.value.code is ErrorCode.INVALID_INPUT
