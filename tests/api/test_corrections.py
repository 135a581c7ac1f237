"""POST /jobs/{job_id}/corrections and GET /jobs/{job_id}/results?version=N on fake AWS (moto), with the
real knowledge base and nutrition engine: what a person who fixes a label or a portion relies on."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from lambdas.nutrition_rag.handler import engine_from_environment
from pipeline.environment import EnvVar
from pipeline.layout import detections_key, results_key, results_version_key
from pipeline.nutrition.knowledge_base import build_knowledge_base
from tests.api.conftest import ApiClient, rest_event
from tests.api.moto_resources import FakeAws, notification_topic_with_queue, put_job
from tests.nutrition.factories import detected, detections

JOB = "ab" * 16
PATH = f"/jobs/{JOB}/corrections"


@pytest.fixture
def topic_queue(aws: FakeAws, monkeypatch: pytest.MonkeyPatch) -> str:
    """The notification topic (in the environment) with a queue subscribed; the queue's URL."""
    return notification_topic_with_queue(monkeypatch, "notices", "notices")


@pytest.fixture
def completed_job(aws: FakeAws, topic_queue: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A COMPLETED job of four detected items whose results.json the engine wrote (version 1)."""
    monkeypatch.setenv(EnvVar.KNOWLEDGE_BASE_URI.value, str(build_knowledge_base()))
    found = detections(detected("item-1", "couscous", volume_ml=150.0, volume_ml_p10=120.0, volume_ml_p90=180.0),
                       detected("item-2", "white rice", mass_g=180.0), detected("item-3", "grilled steak", mass_g=150.0),
                       detected("item-4", "fork", mass_g=20.0)).model_copy(update={"job_id": JOB})
    engine = engine_from_environment()
    results = engine.analyse(found)
    aws.s3.put_object(Bucket=aws.results_bucket, Key=detections_key(JOB), Body=found.model_dump_json())
    aws.s3.put_object(Bucket=aws.results_bucket, Key=results_key(JOB), Body=results.model_dump_json())
    put_job(aws, JOB, "COMPLETED", results_uri=f"s3://{aws.results_bucket}/{results_key(JOB)}")
    yield JOB


def _version(api: ApiClient, version: int):
    """GET /jobs/JOB/results?version=N as API Gateway passes it (the query apart from the path)."""
    event = rest_event("GET", f"/jobs/{JOB}/results")
    event.update(queryStringParameters={"version": str(version)}, multiValueQueryStringParameters={"version": [str(version)]})
    return api.call_event(event)


def _items(answer) -> dict[str, dict]:
    return {item["id"]: item for item in answer.body["results"]["items"]}


def _stored_keys(aws: FakeAws) -> list[str]:
    return sorted(o["Key"] for o in aws.s3.list_objects_v2(Bucket=aws.results_bucket).get("Contents", []))


def test_relabel_regrams_remove_and_add_recompute_the_totals_into_version_2(api: ApiClient, aws: FakeAws,
                                                                          completed_job: str, topic_queue: str) -> None:
    before = api.get(f"/jobs/{JOB}/results").body["results"]
    answer = api.post(PATH, body={"changes": [
        {"action": "set", "item_id": "item-1", "label": "brown rice"},
        {"action": "set", "item_id": "3", "grams": 75},  # a bare number names item-3
        {"action": "remove", "item_id": "item-4"},
        {"action": "add", "label": "apple", "grams": 150}]})

    assert answer.status == 200, answer.body
    results = answer.body["results"]
    items = _items(answer)
    assert results["version"] == 2 and set(items) == {"item-1", "item-2", "item-3", "item-5"}
    assert "rice" in items["item-1"]["match"]["description"].lower() and items["item-1"]["volume_ml"] == 150.0
    assert items["item-1"]["mass_g_p10"] is not None  # the measured volume's interval still weighs it
    assert items["item-3"]["mass_g"] == 75 and items["item-3"]["mass_source"] == "explicit"
    steak_before = next(i for i in before["items"] if i["id"] == "item-3")
    assert items["item-3"]["nutrients"]["kcal"] == pytest.approx(steak_before["nutrients"]["kcal"] / 2, rel=1e-3)
    assert "apple" in items["item-5"]["match"]["description"].lower() and items["item-5"]["mass_g"] == 150
    assert results["totals"]["kcal"] == pytest.approx(sum(i["nutrients"]["kcal"] for i in items.values()), abs=0.05)
    assert results["totals"]["kcal"] != before["totals"]["kcal"]
    correction = results["corrections"][0]
    assert correction["from_version"] == 1 and correction["version"] == 2 and correction["at"].endswith("Z")
    assert [c["action"] for c in correction["changes"]] == ["set", "set", "remove", "add"]
    assert correction["changes"][0]["previous_label"] == "couscous"
    assert correction["changes"][1]["previous_grams"] == 150.0

    job = aws.job_item(JOB)
    assert int(job["results_version"]) == 2 and float(job["totals"]["kcal"]) == pytest.approx(results["totals"]["kcal"])
    assert job["results_uri"].endswith(results_version_key(JOB, 2))
    assert api.get(f"/jobs/{JOB}/results").body["results"] == results
    assert _version(api, 1).body["results"] == before  # never overwritten
    assert results_key(JOB) in _stored_keys(aws) and results_version_key(JOB, 2) in _stored_keys(aws)

    import boto3

    notices = boto3.client("sqs").receive_message(QueueUrl=topic_queue, MaxNumberOfMessages=10)["Messages"]
    notice = json.loads(notices[0]["Body"])
    assert notice["Subject"] == f"Meal analysis {JOB} updated"
    assert notice["MessageAttributes"]["event"]["Value"] == "UPDATED"
    assert notice["MessageAttributes"]["version"]["Value"] == "2"


def test_corrections_build_on_each_other_and_if_match_refuses_a_stale_version(api: ApiClient, aws: FakeAws,
                                                                              completed_job: str) -> None:
    first = api.post(PATH, body={"changes": [{"action": "set", "item_id": "item-2", "grams": 100}]},
                     headers={"If-Match": '"1"'})
    assert first.status == 200 and first.body["results"]["version"] == 2
    stale = api.post(PATH, body={"changes": [{"action": "remove", "item_id": "item-2"}]}, headers={"If-Match": "1"})
    assert stale.status == 412 and stale.body["code"] == "VERSION_CONFLICT" and stale.body["value"] == 2
    second = api.post(PATH, body={"changes": [{"action": "set", "item_id": "item-2", "label": "brown rice"}]},
                      headers={"If-Match": "2"})
    assert second.status == 200, second.body
    rice = _items(second)["item-2"]
    assert second.body["results"]["version"] == 3 and rice["mass_g"] == 100  # the earlier grams are kept
    assert len(second.body["results"]["corrections"]) == 2
    assert _version(api, 2).body["results"] == first.body["results"]
    missing = _version(api, 4)
    assert missing.status == 404 and missing.body["code"] == "VERSION_NOT_FOUND"


@pytest.mark.parametrize(("change", "status", "code"), [
    ({"action": "set", "item_id": "9", "label": "rice"}, 400, "UNKNOWN_ITEM"),
    ({"action": "remove", "item_id": "9"}, 400, "UNKNOWN_ITEM"),
    ({"action": "set", "item_id": "item-2", "grams": -5}, 400, "INVALID_GRAMS"),
    ({"action": "add", "label": "apple", "grams": 0}, 400, "INVALID_GRAMS"),
    ({"action": "set", "item_id": "item-2", "label": "   "}, 400, "EMPTY_LABEL"),
    ({"action": "set", "item_id": "item-2"}, 400, "INVALID_INPUT"),
    ({"action": "rename", "item_id": "2"}, 400, "INVALID_INPUT"),
])
def test_a_bad_change_gets_its_code_and_changes_nothing(api: ApiClient, aws: FakeAws, completed_job: str,
                                                        change: dict, status: int, code: str) -> None:
    stored, job = _stored_keys(aws), aws.job_item(JOB)
    answer = api.post(PATH, body={"changes": [{"action": "set", "item_id": "item-1", "label": "rice"}, change]})
    assert (answer.status, answer.body["code"]) == (status, code), answer.body
    assert answer.body["message"]
    assert _stored_keys(aws) == stored and aws.job_item(JOB) == job


def test_only_a_completed_job_can_be_corrected(api: ApiClient, aws: FakeAws, completed_job: str) -> None:
    put_job(aws, "cd" * 16, "ANALYZING")
    busy = api.post(f"/jobs/{'cd' * 16}/corrections", body={"changes": [{"action": "remove", "item_id": "1"}]})
    assert busy.status == 409 and busy.body["code"] == "NOT_COMPLETED"
    unknown = api.post(f"/jobs/{'ef' * 16}/corrections", body={"changes": [{"action": "remove", "item_id": "1"}]})
    assert unknown.status == 404 and unknown.body["code"] == "NOT_FOUND"
    bad_tag = api.post(PATH, body={"changes": [{"action": "remove", "item_id": "1"}]}, headers={"If-Match": "latest"})
    assert bad_tag.status == 400 and bad_tag.body["code"] == "INVALID_INPUT"


def test_a_correction_racing_another_for_the_same_version_is_refused_and_overwrites_nothing(
        api: ApiClient, aws: FakeAws, completed_job: str) -> None:
    """The other correction has put version 2 but not yet pointed the job at it: this one's write of
    version 2 (If-None-Match: *) fails, it answers 412 and the other's object is left as it was."""
    aws.s3.put_object(Bucket=aws.results_bucket, Key=results_version_key(JOB, 2), Body=b'{"the other": "correction"}')
    job = aws.job_item(JOB)

    answer = api.post(PATH, body={"changes": [{"action": "remove", "item_id": "item-4"}]})

    assert answer.status == 412 and answer.body["code"] == "VERSION_CONFLICT"
    stored = aws.s3.get_object(Bucket=aws.results_bucket, Key=results_version_key(JOB, 2))["Body"].read()
    assert stored == b'{"the other": "correction"}' and aws.job_item(JOB) == job
