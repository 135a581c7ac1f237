"""The task's S3 client: its region comes from the job's environment, and without one it says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpu_tasks import storage
from pipeline.environment import EnvVar, MissingEnvironmentError


@pytest.fixture
def no_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No region in the environment or in an AWS config file."""
    for name in storage.REGION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def test_the_client_uses_aws_region_first(monkeypatch: pytest.MonkeyPatch, no_region: None) -> None:
    monkeypatch.setenv(EnvVar.AWS_REGION.value, "eu-west-1")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-2")
    assert storage.s3_client().meta.region_name == "eu-west-1"


def test_aws_default_region_is_the_fallback(monkeypatch: pytest.MonkeyPatch, no_region: None) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-2")
    assert storage.s3_client().meta.region_name == "ap-southeast-2"


def test_the_aws_config_file_is_the_last_resort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                no_region: None) -> None:
    (tmp_path / "config").write_text("[default]\nregion = sa-east-1\n", encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    assert storage.s3_region() == "sa-east-1"


def test_no_region_is_a_clear_error_for_s3_uris_only(tmp_path: Path, no_region: None) -> None:
    with pytest.raises(MissingEnvironmentError, match=f"{EnvVar.AWS_REGION.value} or AWS_DEFAULT_REGION"):
        storage.download("s3://videos-bucket/uploads/job/meal.mp4", tmp_path / "meal.mp4")
    (tmp_path / "local.mp4").write_bytes(b"video")
    assert storage.download(str(tmp_path / "local.mp4"), tmp_path / "copy.mp4").read_bytes() == b"video"
