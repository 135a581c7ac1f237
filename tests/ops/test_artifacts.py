"""Lambda artifacts: deterministic, content-hashed, carrying only their own dependency group."""

from __future__ import annotations

import zipfile

import pytest

from ops.artifacts import ArtifactError, build_artifact, group_requirements


def test_groups_expand_self_references_and_stay_pinned():
    nutrition = group_requirements("runtime-nutrition")
    assert "aws-lambda-powertools[tracer]==3.37.0" in nutrition  # from runtime-common
    assert all("==" in requirement for requirement in nutrition)
    assert not any(requirement.startswith(("torch", "transformers")) for requirement in nutrition)
    assert not any(requirement.startswith(("troposphere", "moto", "pytest")) for requirement in group_requirements("runtime-api"))


def test_unknown_group_is_a_clear_error():
    with pytest.raises(ArtifactError, match="runtime-nope"):
        group_requirements("runtime-nope")


def test_source_only_zip_is_deterministic_and_complete(tmp_path):
    first = build_artifact("api", ("pipeline", "lambdas/__init__.py", "lambdas/common", "lambdas/api"), None,
                           include_dependencies=False, out_dir=tmp_path / "a")
    second = build_artifact("api", ("pipeline", "lambdas/__init__.py", "lambdas/common", "lambdas/api"), None,
                            include_dependencies=False, out_dir=tmp_path / "b")
    assert first.sha256 == second.sha256 and first.key == second.key
    assert first.key.startswith("lambda/api/") and first.key.endswith(".zip")
    names = zipfile.ZipFile(first.path).namelist()
    assert "lambdas/api/handler.py" in names and "pipeline/errors.py" in names
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)
    assert not any(name.startswith(("tests/", "gpu_tasks/", "ops/")) for name in names)


def test_missing_source_is_named(tmp_path):
    with pytest.raises(ArtifactError, match="lambdas/nowhere"):
        build_artifact("x", ("lambdas/nowhere",), None, include_dependencies=False, out_dir=tmp_path)
