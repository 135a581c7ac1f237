"""The folder boundaries of README.md ("Architecture") hold: who may import what, and who may call which service."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _imports(folder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (REPO / folder).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[path.relative_to(REPO).as_posix()] = names
    return found


@pytest.mark.parametrize(("folder", "forbidden"), [
    ("pipeline", {"boto3", "botocore", "aws_lambda_powertools", "lambdas", "gpu_tasks", "states", "templates", "ops", "local_aws"}),
    ("states", {"boto3", "lambdas", "gpu_tasks", "ops", "local_aws", "troposphere"}),
    ("templates", {"lambdas", "gpu_tasks", "ops", "local_aws"}),
    ("lambdas", {"torch", "transformers", "gpu_tasks", "templates", "states", "ops", "local_aws", "troposphere"}),
    ("gpu_tasks", {"lambdas", "templates", "states", "ops", "local_aws", "aws_lambda_powertools"}),
])
def test_folder_does_not_import(folder: str, forbidden: set[str]):
    offenders = {path: sorted(names & forbidden) for path, names in _imports(folder).items() if names & forbidden}
    assert not offenders, f"{folder}/ must not import {sorted(forbidden)}: {offenders}"


def test_the_gpu_task_never_talks_to_dynamodb_or_sns():
    """The state machine records job state and sends notifications; the container only reads and writes S3."""
    for path in (REPO / "gpu_tasks").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for service in ('"dynamodb"', '"sns"', "'dynamodb'", "'sns'"):
            assert service not in text, f"{path.relative_to(REPO)} names {service}"
