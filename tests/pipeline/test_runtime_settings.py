"""The runtimes' settings models: what a handler or the task reads from its environment."""

from __future__ import annotations

import pytest

from pipeline.config import Config, NutritionSettings
from pipeline.environment import EnvVar, MissingEnvironmentError
from pipeline.runtime_settings import (
    AnalysisTaskEnvironment,
    ApiEnvironment,
    InvalidEnvironmentError,
    NutritionEngineEnvironment,
    StartAnalysisEnvironment,
    read_settings,
)

API = {EnvVar.JOBS_TABLE.value: "jobs", EnvVar.RESULTS_BUCKET.value: "results", EnvVar.VIDEOS_BUCKET.value: "videos",
       EnvVar.IDEMPOTENCY_TABLE.value: "idempotency"}


def test_unset_settings_take_the_config_defaults():
    settings = read_settings(ApiEnvironment, API)
    config = Config()
    assert settings.max_upload_bytes == config.max_upload_mb * 2**20
    assert (settings.max_video_seconds, settings.max_video_pixels, settings.job_ttl_days) == (
        config.max_video_seconds, config.max_video_pixels, config.job_ttl_days)
    assert settings.cors_origins == config.cors_origins and settings.auth_mode == config.auth.mode
    engine = read_settings(NutritionEngineEnvironment, {EnvVar.NUTRITION_TOP_K.value: ""})  # empty is unset
    assert engine.nutrition_top_k == NutritionSettings().top_k and engine.knowledge_base_uri == ""


@pytest.mark.parametrize("written", ["https://a.example.com, https://b.example.com",
                                     '["https://a.example.com", "https://b.example.com"]'])
def test_cors_origins_are_a_comma_list_or_json(written):
    settings = read_settings(ApiEnvironment, {**API, EnvVar.CORS_ORIGINS.value: written})
    assert settings.cors_origins == ("https://a.example.com", "https://b.example.com")


def test_a_missing_variable_is_named():
    with pytest.raises(MissingEnvironmentError, match="environment variable STATE_MACHINE_ARN is not set"):
        read_settings(StartAnalysisEnvironment, {EnvVar.JOBS_TABLE.value: "jobs"})


@pytest.mark.parametrize(("name", "value"), [
    (EnvVar.MAX_UPLOAD_MB, "0"), (EnvVar.MAX_UPLOAD_MB, "lots"), (EnvVar.AUTH_MODE, "everyone"),
    (EnvVar.JOB_TTL_DAYS, "-1"),
])
def test_an_invalid_value_names_the_variable_and_the_value(name, value):
    with pytest.raises(InvalidEnvironmentError, match=f"environment variable {name.value} is invalid.*{value!r}"):
        read_settings(ApiEnvironment, {**API, name.value: value})


def test_booleans_and_model_ids():
    engine = read_settings(NutritionEngineEnvironment, {EnvVar.ENABLE_LLM_DISAMBIGUATION.value: "true"})
    assert engine.enable_llm_disambiguation is True
    with pytest.raises(InvalidEnvironmentError, match="ENABLE_LLM_DISAMBIGUATION.*'maybe'"):
        read_settings(NutritionEngineEnvironment, {EnvVar.ENABLE_LLM_DISAMBIGUATION.value: "maybe"})
    task = read_settings(AnalysisTaskEnvironment,
                         {EnvVar.MODEL_IDS.value: '{"detector": {"id": "org/detector", "revision": "abc"}}'})
    assert task.model_ids.detector.id == "org/detector"
    assert task.model_ids.depth == Config().models.depth  # the models it leaves out keep the config's
    with pytest.raises(InvalidEnvironmentError, match="MODEL_IDS"):
        read_settings(AnalysisTaskEnvironment, {EnvVar.MODEL_IDS.value: "{not json"})


def test_read_once_per_set_of_values(monkeypatch):
    """Once per cold start on Lambda; a changed environment (a test, the embedded Lambda runtime) is read anew."""
    for name, value in API.items():
        monkeypatch.setenv(name, value)
    first = read_settings(ApiEnvironment)
    assert read_settings(ApiEnvironment) is first
    monkeypatch.setenv(EnvVar.JOBS_TABLE.value, "other-jobs")
    assert read_settings(ApiEnvironment).jobs_table == "other-jobs"
