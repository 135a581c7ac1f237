"""Fixtures of the GPU task's tests: tiny random models (built once per session) and synthetic videos."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpu_tasks import storage
from gpu_tasks.models.random_models import write_random_models
from pipeline.config import Config
from tests.gpu_tasks.videos import write_meal_video


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Random tiny models of the default architectures (``weights: random``)."""
    root = tmp_path_factory.mktemp("tiny-models")
    write_random_models(root, size="tiny", config=Config())
    return root


@pytest.fixture(scope="session")
def meal_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2 s, 10 fps, 160×96 synthetic meal clip."""
    return write_meal_video(tmp_path_factory.mktemp("videos") / "meal.mp4")


@pytest.fixture(autouse=True)
def _fresh_s3_client():
    """Each test gets its own lazily created S3 client (moto patches apply per test)."""
    storage.s3_client.cache_clear()
    yield
    storage.s3_client.cache_clear()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fake credentials and region for moto."""
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
