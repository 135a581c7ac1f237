"""build.py's stack commands against the deployed embedded stack, as a user runs them with --local."""

from __future__ import annotations

import json

import pytest
import requests

import build
from ops.errors import ExitCode
from ops.console import RecordingReporter
from ops.pipeline_deploy import deploy_pipeline
from ops.stack_commands import diff
from ops.synth import synthesize
from pipeline.config import load_config
from tests.e2e.conftest import E2E_OVERRIDES

pytestmark = [pytest.mark.embedded]


def _port(stack) -> str:
    return stack.deployment.target.endpoint_url.rsplit(":", 1)[1]


def test_redeploying_the_same_code_changes_nothing(stack):
    reporter = RecordingReporter()
    deploy_pipeline(stack.config, stack.deployment.target, reporter=reporter)
    assert f"{stack.config.stack_name}: no changes" in reporter.lines
    assert f"{stack.config.stack_name}-bootstrap: no changes" in reporter.lines


def test_diff_shows_what_a_config_change_would_do_without_doing_it(stack):
    target = stack.deployment.target
    assert diff(stack.config, target, synthesize(stack.config), RecordingReporter()) == 0
    changed = load_config("dev", overrides={**E2E_OVERRIDES, "log_retention_days": 90})
    reporter = RecordingReporter()
    assert diff(changed, target, synthesize(changed), reporter) > 0
    assert any("LogGroup" in line for line in reporter.lines)
    assert diff(stack.config, target, synthesize(stack.config), RecordingReporter()) == 0  # nothing was applied


def test_outputs_status_and_logs_through_build_py(stack, corpus, capsys):
    port = _port(stack)
    assert build.main(["outputs", "--local", "--port", port, "--json"]) == 0
    outputs = json.loads(capsys.readouterr().out)
    assert outputs["StateMachineArn"] == stack.deployment.state_machine_arn

    job_id = stack.api._request("POST", "/jobs", json={"filename": "a.mp4", "content_type": "video/mp4", "size_bytes": 10})["job_id"]
    assert build.main(["status", job_id, "--local", "--port", port]) == 0
    assert f"{job_id}  PENDING_UPLOAD" in capsys.readouterr().out

    assert build.main(["logs", "upload", "--local", "--port", port]) == 0
    assert "START RequestId" in capsys.readouterr().out


def test_drift_says_the_embedded_aws_cannot_detect_it(stack, capsys):
    assert build.main(["drift", "--local", "--port", _port(stack)]) == ExitCode.NOT_AVAILABLE_LOCALLY
    assert "not available on the embedded AWS" in capsys.readouterr().err


def test_outputs_local_prints_the_api_url_that_answers_there(stack, capsys):
    assert build.main(["outputs", "--local", "--port", _port(stack), "--json"]) == 0
    outputs = json.loads(capsys.readouterr().out)
    api_url = outputs["ApiUrl"]
    assert api_url.startswith(stack.deployment.target.endpoint_url) and "execute-api" not in api_url
    assert requests.get(f"{api_url}/health", timeout=10).json()["status"] == "ok"
