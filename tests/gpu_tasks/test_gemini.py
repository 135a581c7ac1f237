"""The Gemini backend through the real google-genai client over a fake HTTP transport."""

from __future__ import annotations

import json

import boto3
import httpx2
import numpy as np
import pytest
from moto import mock_aws

from gpu_tasks.analysis import AnalysisContext
from gpu_tasks.gemini_backend import GeminiBackend, make_client, read_api_key
from gpu_tasks.timing import StageTimer
from pipeline.config import GeminiSettings
from pipeline.errors import ErrorCode, PipelineError
from pipeline.geometry import Intrinsics
from pipeline.video.frames import DecodedFrame

FRAMES = [DecodedFrame(i * 10, i * 1.0, np.full((100, 200, 3), 120, np.uint8)) for i in range(3)]
CONTEXT = AnalysisContext(Intrinsics(100, 100, 99.5, 49.5), "fov_prior", 0.2)


def _answer(body: dict) -> httpx2.Response:
    return httpx2.Response(200, json={"candidates": [{"content": {"role": "model", "parts": [
        {"text": json.dumps(body)}]}, "finishReason": "STOP"}]})


def _backend(responses: list, seen: list) -> GeminiBackend:
    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return responses.pop(0)
    client = make_client("test-key", 5.0, retry_delay_s=0.01,
                         httpx_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    return GeminiBackend(client, GeminiSettings())


def test_items_with_boxes_and_grams_after_a_retry() -> None:
    meal = {"items": [
        {"label": "Fried  Rice", "frame": 1, "frames": [0, 1], "box_2d": [100, 200, 500, 600], "grams": 180,
         "confidence": 0.8},
        {"label": "egg", "frame": 7, "frames": [], "box_2d": [0, 0, 10, 10], "grams": 50, "confidence": 0.5},
    ]}
    seen: list = []
    busy = httpx2.Response(503, json={"error": {"code": 503, "message": "busy", "status": "UNAVAILABLE"}})
    analysis = _backend([busy, _answer(meal)], seen).analyse(FRAMES, CONTEXT, StageTimer())
    assert len(seen) == 2
    request = json.loads(seen[-1].content)
    assert request["generationConfig"]["responseMimeType"] == "application/json"
    assert "items" in json.dumps(request["generationConfig"]["responseSchema"])
    assert sum("inlineData" in part for part in request["contents"][0]["parts"]) == 3
    [item] = analysis.items
    assert (item.label, item.best_frame, item.frames, item.mass_g) == ("fried rice", 10, [0, 10], 180.0)
    assert (item.box.x0, item.box.y0, item.box.x1, item.box.y1) == (40.0, 10.0, 120.0, 50.0)
    assert item.mass_source == "gemini_estimate" and item.volume_ml is None
    assert any("frame 7" in w for w in analysis.warnings)
    assert analysis.models[0].role == "vlm"


def test_persistent_failure_and_bad_answers_are_analysis_failures() -> None:
    busy = [httpx2.Response(503, json={"error": {"code": 503, "message": "busy", "status": "UNAVAILABLE"}})] * 3
    with pytest.raises(PipelineError) as caught:
        _backend(list(busy), []).analyse(FRAMES, CONTEXT, StageTimer())
    assert caught.value.code is ErrorCode.ANALYSIS_FAILED
    with pytest.raises(PipelineError) as caught:
        _backend([_answer({"items": [{"label": "rice"}]})], []).analyse(FRAMES, CONTEXT, StageTimer())
    assert caught.value.code is ErrorCode.ANALYSIS_FAILED


def test_api_key_from_secrets_manager(aws_env: None) -> None:
    with mock_aws():
        client = boto3.client("secretsmanager")
        client.create_secret(Name="plain", SecretString="k-123")
        client.create_secret(Name="json", SecretString=json.dumps({"api_key": "k-456"}))
        assert read_api_key("plain", client) == "k-123"
        assert read_api_key("json", client) == "k-456"
        with pytest.raises(PipelineError) as caught:
            read_api_key("absent", client)
        assert caught.value.code is ErrorCode.MODELS_MISSING and "secrets set gemini-api-key" in caught.value.message


@pytest.mark.parametrize(("stored", "key"), [
    ("k-1", "k-1"), ("  k-1\n", "k-1"), ('{"api_key": "k-2"}', "k-2"), ('{"GEMINI_API_KEY": "k-3"}', "k-3"),
    ('{"other": "x"}', ""), ("", ""), (None, ""),
])
def test_the_task_and_the_nutrition_lambda_read_a_stored_key_the_same_way(stored: str | None, key: str) -> None:
    from pipeline.gemini_secret import api_key_from_secret

    assert api_key_from_secret(stored) == key
