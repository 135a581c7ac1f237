"""Job settings: arguments over environment over configuration defaults."""

from __future__ import annotations

import json

import pytest

from gpu_tasks.job import build_parser, settings_from
from pipeline.config import Config
from pipeline.errors import ErrorCode, PipelineError

ENV = {"JOB_ID": "abc", "VIDEO_URI": "s3://videos/uploads/abc/m.mp4", "OUTPUT_URI": "s3://results/jobs/abc/"}


def test_environment_fills_what_arguments_leave_out() -> None:
    env = {**ENV, "MODELS_URI": "s3://models/m/", "MAX_KEYFRAMES": "4", "DETECTION_THRESHOLD": "0.3",
           "FIELD_OF_VIEW_DEG": "75", "ANALYSIS_BACKEND": "gemini", "GEMINI_SECRET_NAME": "key",
           "MODEL_IDS": json.dumps({"depth": {"id": "depth-anything/Depth-Anything-V2-Metric-Indoor-Base-hf",
                                              "revision": "abc123"}})}
    settings = settings_from(build_parser().parse_args(["--max-keyframes", "2"]), env)
    assert (settings.job_id, settings.models_uri, settings.max_keyframes) == ("abc", "s3://models/m/", 2)
    assert (settings.detection_threshold, settings.field_of_view_deg, settings.backend) == (0.3, 75.0, "gemini")
    assert settings.models.depth.revision == "abc123"
    assert settings.models.detector == Config().models.detector
    assert settings.gemini.secret_name == "key"
    assert settings.limits.max_seconds == Config().max_video_seconds


@pytest.mark.parametrize("env", [
    {**ENV, "MAX_KEYFRAMES": "many"},
    {**ENV, "MAX_KEYFRAMES": "0"},
    {**ENV, "MODEL_IDS": "{not json"},
    {**ENV, "JOB_ID": "../etc"},
    {k: v for k, v in ENV.items() if k != "OUTPUT_URI"},
])
def test_unusable_settings_are_invalid_input(env: dict) -> None:
    with pytest.raises(PipelineError) as caught:
        settings_from(build_parser().parse_args([]), env)
    assert caught.value.code is ErrorCode.INVALID_INPUT
