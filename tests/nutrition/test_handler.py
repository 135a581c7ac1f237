"""Lambda nutrition_rag against moto S3: results.json written, summary returned, errors as codes."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from moto import mock_aws

from lambdas.common import clients
from lambdas.nutrition_rag import handler as nutrition_rag
from pipeline.contracts.results import Results
from pipeline.layout import detections_key, results_key
from pipeline.nutrition.knowledge_base import build_knowledge_base
from tests.events import FIXTURE_JOB_ID, load_event
from tests.nutrition.factories import detected, detections
from tests.nutrition.fdc_fixture import write_fdc_download

RESULTS_BUCKET = "nutrition-video-dev-results"
JOBS_TABLE = "nutrition-video-dev-jobs"
CONTEXT = SimpleNamespace(function_name="nutrition_rag", memory_limit_in_mb=3008, aws_request_id="req-1",
                          invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:nutrition_rag")


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kb_path: Path):
    monkeypatch.setenv("RESULTS_BUCKET", RESULTS_BUCKET)
    monkeypatch.setenv("JOBS_TABLE", JOBS_TABLE)
    monkeypatch.setenv("KNOWLEDGE_BASE_URI", str(kb_path))
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setattr(nutrition_rag, "DOWNLOAD_DIR", tmp_path / "kb-download")
    clients.reset_clients()  # engines stay cached per settings, as in a warm container
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=RESULTS_BUCKET)
        boto3.client("dynamodb", region_name="us-east-1").create_table(
            TableName=JOBS_TABLE, BillingMode="PAY_PER_REQUEST", KeySchema=[{"AttributeName": "job_id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "job_id", "AttributeType": "S"}])
        yield client
    clients.reset_clients()


def put_detections(s3, document: dict | str) -> dict:
    body = document if isinstance(document, str) else json.dumps(document)
    s3.put_object(Bucket=RESULTS_BUCKET, Key=detections_key(FIXTURE_JOB_ID), Body=body.encode())
    return load_event("nutrition_rag_compute")


def a_meal(**fields) -> dict:
    document = detections(detected("1", "rice", mass_g=150), detected("2", "broccoli", volume_ml=120, frames=[4]),
                          detected("3", "asdfghjk", mass_g=30), **fields).model_dump(mode="json")
    document["job_id"] = FIXTURE_JOB_ID
    return document


def test_writes_results_and_returns_a_summary(s3) -> None:
    boto3.resource("dynamodb", region_name="us-east-1").Table(JOBS_TABLE).put_item(Item={
        "job_id": FIXTURE_JOB_ID, "status": "ANALYZING", "created_at": "2026-11-30T08:00:00.000Z",
        "updated_at": "2026-11-30T08:00:00.000Z", "owner": "5b1c0a1e-owner"})
    answer = nutrition_rag.handler(put_detections(s3, a_meal()), CONTEXT)
    assert answer["job_id"] == FIXTURE_JOB_ID and answer["item_count"] == 3
    assert answer["results_uri"] == f"s3://{RESULTS_BUCKET}/{results_key(FIXTURE_JOB_ID)}"
    body = s3.get_object(Bucket=RESULTS_BUCKET, Key=results_key(FIXTURE_JOB_ID))["Body"].read()
    results = Results.model_validate_json(body)
    assert results.totals.model_dump() == answer["totals"] and 180 < answer["totals"]["kcal"] < 260
    assert {w.code for w in results.warnings} >= {"SINGLE_FRAME", "UNMATCHED"}
    assert results.items[1].mass_source == "volume" and results.knowledge_base["content_hash"]
    assert results.owner == "5b1c0a1e-owner"  # the job's owner, on version 1 as on every correction
    assert json.dumps(answer)  # small and JSON-safe for the state machine


def test_downloads_an_s3_knowledge_base_once(s3, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tiny = build_knowledge_base(tmp_path / "kb", source_dir=write_fdc_download(tmp_path / "fdc"))
    s3.create_bucket(Bucket="artifacts")
    s3.upload_file(str(tiny), "artifacts", f"kb/{tiny.name}")
    monkeypatch.setenv("KNOWLEDGE_BASE_URI", f"s3://artifacts/kb/{tiny.name}")
    document = detections(detected("1", "whole milk", volume_ml=200)).model_dump(mode="json") | {"job_id": FIXTURE_JOB_ID}
    answer = nutrition_rag.handler(put_detections(s3, document), CONTEXT)
    assert (tmp_path / "kb-download" / tiny.name).is_file()
    assert answer["totals"]["kcal"] == pytest.approx(200 * 244 / 236.588 * 0.61, rel=1e-2)
    s3.delete_object(Bucket="artifacts", Key=f"kb/{tiny.name}")
    assert nutrition_rag.handler(put_detections(s3, document), CONTEXT)["item_count"] == 1   # cached


@pytest.mark.parametrize(("document", "needle"), [
    ("{not json", "not a valid detections.json"),
    ({"job_id": FIXTURE_JOB_ID, "items": []}, "video"),
    ({**a_meal(), "items": [{"id": "1", "label": ""}]}, "items[0]"),
    ({**a_meal(), "job_id": "f" * 32}, "belongs to job"),
])
def test_invalid_detections(s3, document, needle: str) -> None:
    with pytest.raises(Exception) as caught:
        nutrition_rag.handler(put_detections(s3, document), CONTEXT)
    assert type(caught.value).__name__ == "DETECTIONS_INVALID" and needle in str(caught.value)


def test_missing_detections(s3) -> None:
    with pytest.raises(Exception) as caught:
        nutrition_rag.handler(load_event("nutrition_rag_compute"), CONTEXT)
    assert type(caught.value).__name__ == "DETECTIONS_INVALID" and "NoSuchKey" in str(caught.value)


@pytest.mark.parametrize("uri", ["", "/nonexistent/kb.zip", "s3://nutrition-video-dev-results/kb/missing.zip"])
def test_missing_knowledge_base(s3, monkeypatch: pytest.MonkeyPatch, uri: str) -> None:
    monkeypatch.setenv("KNOWLEDGE_BASE_URI", uri)
    with pytest.raises(Exception) as caught:
        nutrition_rag.handler(put_detections(s3, a_meal()), CONTEXT)
    assert type(caught.value).__name__ == "KNOWLEDGE_BASE_MISSING" and "python build.py data build" in str(caught.value)


@pytest.mark.parametrize("event", [{}, {"job_id": FIXTURE_JOB_ID}, {"job_id": 5, "detections_uri": "s3://b/k"}])
def test_bad_event(s3, event) -> None:
    with pytest.raises(Exception) as caught:
        nutrition_rag.handler(event, CONTEXT)
    assert type(caught.value).__name__ == "INVALID_INPUT"


def test_settings_come_from_the_environment(s3, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUTRITION_TOP_K", "2")
    monkeypatch.setenv("NUTRITION_MIN_CONFIDENCE", "0.9999")
    nutrition_rag.handler(put_detections(s3, a_meal()), CONTEXT)
    results = Results.model_validate_json(s3.get_object(Bucket=RESULTS_BUCKET, Key=results_key(FIXTURE_JOB_ID))["Body"].read())
    assert all(len(item.candidates) <= 2 for item in results.items)
    assert "LOW_CONFIDENCE_MATCH" in {w.code for w in results.warnings}


def test_llm_disambiguation_reads_its_key_from_secrets_manager(s3, monkeypatch: pytest.MonkeyPatch) -> None:
    boto3.client("secretsmanager", region_name="us-east-1").create_secret(Name="gemini-api-key", SecretString='{"api_key": "k"}')
    monkeypatch.setenv("ENABLE_LLM_DISAMBIGUATION", "true")
    monkeypatch.setenv("GEMINI_SECRET_NAME", "gemini-api-key")
    made = []
    monkeypatch.setattr(nutrition_rag, "gemini_client_factory", lambda key, timeout_s: made.append(key) or (lambda: None))
    engine = nutrition_rag.engine_from_environment()
    assert made == ["k"] and engine.matcher.disambiguator is not None
def test_llm_disambiguation_without_its_secret_says_how_to_store_it(s3, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENABLE_LLM_DISAMBIGUATION", "true")
    monkeypatch.setenv("GEMINI_SECRET_NAME", "no-such-secret")
    nutrition_rag.engine_with.cache_clear()  # an engine built earlier (per container) read its secret then
    with pytest.raises(Exception) as caught:
        nutrition_rag.engine_from_environment()
    assert type(caught.value).__name__ == "INTERNAL" and "secrets set gemini-api-key" in str(caught.value)
    assert "no-such-secret" in str(caught.value)


