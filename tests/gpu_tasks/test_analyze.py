"""The container entrypoint end to end on tiny random models, and its exit codes on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from moto import mock_aws
from PIL import Image

from gpu_tasks.analysis import Analysis
from gpu_tasks.analyze import main
from pipeline.contracts.detections import Detections
from pipeline.errors import ErrorCode, exit_code_for
from pipeline.layout import detections_key, new_job_id, overlay_key
from tests.gpu_tasks.videos import meal_frame, write_audio_only, write_undecodable

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JOB_ID", "VIDEO_URI", "OUTPUT_URI", "MODELS_URI", "ANALYSIS_BACKEND", "MAX_KEYFRAMES",
                 "DETECTION_THRESHOLD", "FIELD_OF_VIEW_DEG", "MODEL_IDS", "MAX_VIDEO_SECONDS", "MAX_VIDEO_PIXELS"):
        monkeypatch.delenv(name, raising=False)


def test_entrypoint_writes_valid_detections_and_overlays(tmp_path: Path, tiny_models: Path,
                                                         meal_video: Path) -> None:
    job_id = new_job_id()
    env = {**os.environ, "JOB_ID": job_id, "VIDEO_URI": str(meal_video), "OUTPUT_URI": str(tmp_path / "out"),
           "MODELS_URI": str(tiny_models), "MAX_KEYFRAMES": "3", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "gpu_tasks.analyze"], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "stage detect:" in done.stdout and "stage segment:" in done.stdout
    document = Detections.model_validate_json((tmp_path / "out" / "detections.json").read_text())
    assert document.job_id == job_id and document.weights == "random"
    assert all(m.weights == "random" for m in document.models)
    assert len(document.frames_analysed) == 3
    assert document.calibration is not None and document.calibration.method == "fov_prior"
    assert document.overlays == [overlay_key(job_id, i) for i in document.frames_analysed]
    for key in document.overlays:
        with Image.open(tmp_path / "out" / key) as image:
            assert image.size == (160, 96)
    for item in document.items:
        assert item.best_frame in item.frames and set(item.frames) <= set(document.frames_analysed)
    assert {"detect", "depth", "segment", "measure", "total"} <= set(document.timings)


def test_entrypoint_reads_and_writes_s3(tmp_path: Path, tiny_models: Path, meal_video: Path, aws_env: None,
                                        capsys: pytest.CaptureFixture) -> None:
    job_id = new_job_id()
    with mock_aws():
        s3 = boto3.client("s3")
        for bucket in ("videos", "results"):
            s3.create_bucket(Bucket=bucket)
        s3.upload_file(str(meal_video), "videos", f"uploads/{job_id}/meal.mp4")
        code = main(["--job-id", job_id, "--video-uri", f"s3://videos/uploads/{job_id}/meal.mp4",
                     "--output-uri", f"s3://results/jobs/{job_id}/", "--models", str(tiny_models),
                     "--max-keyframes", "2"])
        assert code == 0, capsys.readouterr().err
        body = s3.get_object(Bucket="results", Key=detections_key(job_id))["Body"].read()
        document = Detections.model_validate_json(body)
        for key in document.overlays:
            assert s3.head_object(Bucket="results", Key=key)["ContentType"] == "image/jpeg"


def _run(tmp_path: Path, video: Path, models: Path, capsys: pytest.CaptureFixture, *extra: str) -> tuple[int, str]:
    code = main(["--job-id", "job1", "--video-uri", str(video), "--output-uri", str(tmp_path / "out"),
                 "--models", str(models), *extra])
    return code, capsys.readouterr().err


def _expect(code: int, err: str, expected: ErrorCode) -> None:
    assert code == exit_code_for(expected)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ERROR {expected.value}: ")


def test_bad_inputs_exit_with_their_codes(tmp_path: Path, tiny_models: Path, meal_video: Path,
                                          capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(meal_video.read_bytes()[:3000])
    photo = tmp_path / "photo.mp4"
    Image.fromarray(meal_frame(64, 48, 0.0)).save(photo, format="JPEG")
    cases = [
        (truncated, ErrorCode.CORRUPT),
        (write_audio_only(tmp_path / "audio.mp4"), ErrorCode.NO_VIDEO_STREAM),
        (write_undecodable(tmp_path / "garbage.mp4"), ErrorCode.NO_DECODABLE_FRAMES),
        (photo, ErrorCode.NOT_A_VIDEO),
        (tmp_path / "missing.mp4", ErrorCode.UPLOAD_NOT_FOUND),
    ]
    for video, expected in cases:
        _expect(*_run(tmp_path, video, tiny_models, capsys), expected)
    monkeypatch.setenv("MAX_VIDEO_SECONDS", "1")
    _expect(*_run(tmp_path, meal_video, tiny_models, capsys), ErrorCode.TOO_LONG)
    monkeypatch.setenv("MAX_VIDEO_SECONDS", "60")
    monkeypatch.setenv("MAX_VIDEO_PIXELS", str(64 * 64))
    _expect(*_run(tmp_path, meal_video, tiny_models, capsys), ErrorCode.RESOLUTION_TOO_HIGH)
    assert not (tmp_path / "out" / "detections.json").exists()


def test_missing_models_and_bad_settings(tmp_path: Path, meal_video: Path, capsys: pytest.CaptureFixture,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _run(tmp_path, meal_video, tmp_path / "no-models", capsys)
    _expect(code, err, ErrorCode.MODELS_MISSING)
    (tmp_path / "empty").mkdir()
    code, err = _run(tmp_path, meal_video, tmp_path / "empty", capsys)
    _expect(code, err, ErrorCode.MODELS_MISSING)
    assert "python build.py models sync" in err
    monkeypatch.setenv("DETECTION_THRESHOLD", "2")
    _expect(*_run(tmp_path, meal_video, tmp_path, capsys), ErrorCode.INVALID_INPUT)
    assert main(["--video-uri", str(meal_video)]) == exit_code_for(ErrorCode.INVALID_INPUT)


def test_a_video_without_food_completes_with_a_warning(tmp_path: Path, meal_video: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    class NothingSeen:
        name = "nothing"

        def analyse(self, frames, context, timer):
            return Analysis(items=[], calibration=None, models=[], weights="pretrained", device="cpu")

    code = main(["--job-id", "job2", "--video-uri", str(meal_video), "--output-uri", str(tmp_path)],
                backend_factory=lambda settings, timer: NothingSeen())
    assert code == 0
    document = json.loads((tmp_path / "detections.json").read_text())
    assert document["items"] == []
    assert any("no food was detected" in w for w in document["warnings"])


def test_models_load_while_the_video_is_read_and_a_bad_video_is_still_the_error(
        tmp_path: Path, meal_video: Path, capsys: pytest.CaptureFixture) -> None:
    import threading

    from gpu_tasks.analyze import run_job
    from gpu_tasks.job import build_parser, settings_from
    from gpu_tasks.timing import StageTimer
    from pipeline.errors import PipelineError, pipeline_error

    loaded_on: list[str] = []

    def no_models(settings, timer):
        loaded_on.append(threading.current_thread().name)
        raise pipeline_error(ErrorCode.MODELS_MISSING, "no weights here")

    def settings_for(video: Path):
        return settings_from(build_parser().parse_args(["--job-id", "job1", "--video-uri", str(video),
                                                        "--output-uri", str(tmp_path / "out"), "--models", "x"]))

    with pytest.raises(PipelineError) as raised:
        run_job(settings_for(write_undecodable(tmp_path / "garbage.mp4")), StageTimer(), no_models)
    assert raised.value.code == ErrorCode.NO_DECODABLE_FRAMES  # the person's to fix, reported first
    with pytest.raises(PipelineError) as raised:
        run_job(settings_for(meal_video), StageTimer(), no_models)
    assert raised.value.code == ErrorCode.MODELS_MISSING
    assert loaded_on == ["load-models", "load-models"]  # on its own thread, beside the video's stages
