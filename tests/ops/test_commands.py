"""build.py commands a user runs without AWS: synth, lint, openapi; secrets against moto."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from moto import mock_aws

import build
from ops.aws import Target
from ops.secrets import secret_id, set_secret, store_secret_from_environment
from pipeline.config import load_config
from pipeline.routes import ROUTES


def test_synth_writes_both_templates_and_the_state_machine(tmp_path: Path, capsys):
    assert build.main(["synth", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["account.template.json", "analyze-meal.asl.json", "backfill-meals.asl.json",
                     "bootstrap.template.json", "main.template.json"]
    main = json.loads((tmp_path / "main.template.json").read_text())
    types = {resource["Type"] for resource in main["Resources"].values()}
    for expected in ("AWS::StepFunctions::StateMachine", "AWS::Batch::JobDefinition", "AWS::ApiGateway::RestApi",
                     "AWS::DynamoDB::Table", "AWS::Events::Rule", "AWS::CloudWatch::Alarm", "AWS::EC2::VPCEndpoint"):
        assert expected in types
    asl = json.loads((tmp_path / "analyze-meal.asl.json").read_text())
    assert asl["StartAt"] == "ValidateUpload"
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / n) for n in
                                                   ("account.template.json", "bootstrap.template.json",
                                                    "main.template.json", "analyze-meal.asl.json",
                                                    "backfill-meals.asl.json")]


def test_lint_is_clean(capsys):
    assert build.main(["lint"]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_openapi_lists_every_route(tmp_path: Path):
    out = tmp_path / "openapi.json"
    assert build.main(["openapi", "--out", str(out)]) == 0
    document = json.loads(out.read_text())
    for route in ROUTES:
        assert route.method.lower() in document["paths"][route.path]


def test_secret_is_stored_under_the_stack_name_and_never_echoed(monkeypatch, capsys):
    config = load_config("dev")
    monkeypatch.setenv("GEMINI_API_KEY", "sk-test-not-real")
    with mock_aws():
        target = Target(region="us-east-1")
        name = store_secret_from_environment(config, target)
        assert name == secret_id(config, "gemini-api-key") == f"{config.stack_name}/gemini-api-key"
        client = boto3.client("secretsmanager", region_name="us-east-1")
        assert client.get_secret_value(SecretId=name)["SecretString"] == "sk-test-not-real"
        monkeypatch.setenv("GEMINI_API_KEY", "sk-rotated")
        set_secret(config, target, "gemini-api-key", from_env="GEMINI_API_KEY")
        assert client.get_secret_value(SecretId=name)["SecretString"] == "sk-rotated"
    captured = capsys.readouterr()
    assert "sk-" not in captured.out + captured.err


def test_no_key_in_the_environment_stores_nothing(monkeypatch):
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    assert store_secret_from_environment(load_config("dev"), Target(region="us-east-1")) is None
