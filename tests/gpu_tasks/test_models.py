"""Models: random stand-ins, loading checks with MODELS_MISSING, syncing and fetching the bucket."""

from __future__ import annotations

import shutil
from pathlib import Path

import boto3
import pytest
import torch
from moto import mock_aws

from gpu_tasks.models import fetch_models, load_model_set, sync_models
from gpu_tasks.models.layout import Manifest
from gpu_tasks.models.registry import ROLES, family_for_model_id
from pipeline.config import Config, ModelRef, ModelsSettings
from pipeline.errors import ErrorCode, PipelineError


def test_random_models_are_marked_random(tiny_models: Path) -> None:
    config = Config()
    for role in ROLES:
        manifest = Manifest.read(tiny_models / role)
        assert manifest is not None
        assert (manifest.weights, manifest.size, manifest.id) == ("random", "tiny", getattr(config.models, role).id)
        assert (tiny_models / role / "model.safetensors").is_file()
    models = load_model_set(tiny_models, config.models, torch.device("cpu"), torch.float32)
    assert models.weights == "random"
    assert models.detector.family.name == "owlv2" and models.segmenter.family.name == "sam2"
    assert models.depth.model.config.depth_estimation_type == "metric"


def test_full_size_architectures_match_the_published_models() -> None:
    config = Config()
    detector = family_for_model_id(config.models.detector.id, "detector").build_config(config.models.detector.id, "full")
    assert (detector.vision_config.image_size, detector.vision_config.patch_size) == (960, 16)
    depth = family_for_model_id(config.models.depth.id, "depth").build_config(config.models.depth.id, "full")
    assert (depth.backbone_config.hidden_size, depth.max_depth) == (384, 20)


def test_missing_model_says_how_to_fetch_it(tmp_path: Path, tiny_models: Path) -> None:
    shutil.copytree(tiny_models, tmp_path / "models")
    shutil.rmtree(tmp_path / "models" / "segmenter")
    with pytest.raises(PipelineError) as caught:
        load_model_set(tmp_path / "models", Config().models, torch.device("cpu"), torch.float32)
    assert caught.value.code is ErrorCode.MODELS_MISSING
    assert "facebook/sam2.1-hiera-tiny" in caught.value.message
    assert "python build.py models sync" in caught.value.message
    assert "python build.py models random" in caught.value.message


def test_a_different_model_than_configured_is_refused(tiny_models: Path) -> None:
    other = ModelsSettings(detector=ModelRef(id="google/owlv2-large-patch14-ensemble", revision="main"))
    with pytest.raises(PipelineError) as caught:
        load_model_set(tiny_models, other, torch.device("cpu"), torch.float32)
    assert caught.value.code is ErrorCode.MODELS_MISSING
    assert "google/owlv2-large-patch14-ensemble" in caught.value.message


def _fake_hub(tiny_models: Path, tmp_path: Path):
    """A stand-in for snapshot_download: a folder named like a commit, holding the files."""
    def download(ref: ModelRef) -> Path:
        role = next(r for r in ROLES if getattr(Config().models, r).id == ref.id)
        snapshot = tmp_path / "hub" / role / ("a" * 40)
        shutil.copytree(tiny_models / role, snapshot, dirs_exist_ok=True)
        return snapshot
    return download


def test_sync_to_a_folder_records_the_commit(tmp_path: Path, tiny_models: Path) -> None:
    revisions = sync_models(Config(), str(tmp_path / "bucket"), download=_fake_hub(tiny_models, tmp_path))
    assert revisions == {role: "a" * 40 for role in ROLES}
    manifest = Manifest.read(tmp_path / "bucket" / "depth")
    assert manifest is not None and (manifest.revision, manifest.weights) == ("a" * 40, "pretrained")
    load_model_set(tmp_path / "bucket", Config().models, torch.device("cpu"), torch.float32)


def test_sync_to_s3_then_fetch_into_a_cache(tmp_path: Path, tiny_models: Path, aws_env: None) -> None:
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="models-bucket")
        sync_models(Config(), "s3://models-bucket/models/", download=_fake_hub(tiny_models, tmp_path))
        local = fetch_models("s3://models-bucket/models/", cache_dir=tmp_path / "cache")
        assert (local / "detector" / "model.safetensors").is_file()
        assert fetch_models("s3://models-bucket/models", cache_dir=tmp_path / "cache") == local  # cached
        models = load_model_set(local, Config().models, torch.device("cpu"), torch.float32)
        assert models.detector.ref.revision == "a" * 40
        with pytest.raises(PipelineError) as caught:
            fetch_models("s3://models-bucket/nothing-here/", cache_dir=tmp_path / "cache")
        assert caught.value.code is ErrorCode.MODELS_MISSING


def test_models_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "build.py", "models", "random", str(tmp_path / "m"), "--size", "tiny"],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"wrote random tiny models (weights: random) to {tmp_path / 'm'}" in done.stdout
    assert Manifest.read(tmp_path / "m" / "detector").weights == "random"


def _missing_message(tmp_path: Path, uri: str) -> str:
    with pytest.raises(PipelineError) as caught:
        fetch_models(uri, cache_dir=tmp_path / "cache")
    assert caught.value.code is ErrorCode.MODELS_MISSING
    return caught.value.message


def test_models_missing_on_aws_names_models_sync_into_the_bucket(
        tmp_path: Path, aws_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMBEDDED_AWS", raising=False)
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="models-bucket")
        message = _missing_message(tmp_path, "s3://models-bucket/models")
    assert "python build.py models sync s3://models-bucket/models/" in message
    assert "local up" not in message


def test_models_missing_on_the_embedded_aws_names_local_up_models(
        tmp_path: Path, aws_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMBEDDED_AWS", "1")  # what its Batch bridge sets for the task's process
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="models-bucket")
        message = _missing_message(tmp_path, "s3://models-bucket/models/")
    assert "python build.py local up --models DIR" in message and "python build.py run VIDEO --models DIR" in message
    assert "models sync s3://" not in message
    incomplete = _missing_message(tmp_path, str(tmp_path / "weights"))  # `local up --models` with a wrong folder
    assert f"python build.py models random {tmp_path / 'weights'} --size tiny" in incomplete
