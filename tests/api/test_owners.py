"""Jobs belong to someone (auth.mode = jwt): each caller creates, lists, reads, corrects and downloads
only its own jobs; another's job answers 404 as an unknown one does. none mode keeps every job shared."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lambdas.api.caller import principal_of
from lambdas.api.listing import encode_token
from lambdas.common.jobs_store import JobsStore
from pipeline.auth import ANONYMOUS_OWNER, BACKFILL_OWNER
from pipeline.environment import EnvVar
from tests.api.conftest import ApiAnswer, ApiClient, new_job_body, rest_event
from tests.api.moto_resources import FakeAws, put_job, put_results

ALICE = "5b1c0a1e-0000-4000-8000-00000000a11c"
BOB = "5b1c0a1e-0000-4000-8000-000000000b0b"


class SignedInClient:
    """Calls the handler as API Gateway does after its Cognito authorizer accepted ``subject``'s token."""

    def __init__(self, api: ApiClient, subject: str | None) -> None:
        self.api, self.subject = api, subject

    def request(self, method: str, path: str, **kwargs: Any) -> ApiAnswer:
        event = rest_event(method, path, **kwargs)
        if self.subject is not None:
            event["requestContext"]["authorizer"] = {"claims": {"sub": self.subject, "token_use": "access"}}
        return self.api.call_event(event)

    def get(self, path: str, **kwargs: Any) -> ApiAnswer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> ApiAnswer:
        return self.request("POST", path, **kwargs)


@pytest.fixture
def jwt_mode(aws: FakeAws, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EnvVar.AUTH_MODE.value, "jwt")


def _create(client: SignedInClient, name: str, **headers: str) -> str:
    answer = client.post("/jobs", body=new_job_body(filename=name), headers=headers or None)
    assert answer.status == 201, answer.body
    return answer.body["job_id"]


def test_two_people_see_only_their_own_jobs(api: ApiClient, aws: FakeAws, jwt_mode: None) -> None:
    alice, bob = SignedInClient(api, ALICE), SignedInClient(api, BOB)
    alices = [_create(alice, f"lunch{n}.mp4") for n in range(3)]
    bobs = _create(bob, "dinner.mp4")
    assert aws.job_item(alices[0])["owner"] == ALICE and aws.job_item(bobs)["owner"] == BOB

    assert alice.get(f"/jobs/{alices[0]}").status == 200
    for path in (f"/jobs/{bobs}", f"/jobs/{bobs}/results"):
        answer = alice.get(path)
        assert (answer.status, answer.body["code"]) == (404, "NOT_FOUND"), path
    assert bob.get(f"/jobs/{alices[1]}").status == 404
    assert [job["job_id"] for job in bob.get("/jobs").body["jobs"]] == [bobs]


def test_another_persons_completed_job_is_404_for_results_and_corrections(api: ApiClient, aws: FakeAws,
                                                                           jwt_mode: None) -> None:
    job = "c" * 32
    put_job(aws, job, "COMPLETED", owner=ALICE)
    put_results(aws, job, 300.0, [f"jobs/{job}/overlays/frame_000001.jpg"])
    alice, bob = SignedInClient(api, ALICE), SignedInClient(api, BOB)

    mine = alice.get(f"/jobs/{job}/results")
    assert mine.status == 200 and len(mine.body["overlays"]) == 1
    theirs = bob.get(f"/jobs/{job}/results")
    assert (theirs.status, theirs.body["code"]) == (404, "NOT_FOUND") and "overlays" not in theirs.body
    correction = bob.post(f"/jobs/{job}/corrections", body={"changes": [{"action": "remove", "item_id": "1"}]})
    assert (correction.status, correction.body["code"]) == (404, "NOT_FOUND")
    unknown = bob.get(f"/jobs/{'d' * 32}")
    assert theirs.body["message"] == unknown.body["message"]  # another's job and no job read alike


def test_the_list_is_newest_first_and_paged(api: ApiClient, aws: FakeAws, jwt_mode: None) -> None:
    for n in range(5):
        put_job(aws, f"{n:032x}", "PENDING_UPLOAD", owner=ALICE, created_at=f"2026-11-26T08:0{n}:00.000Z")
    put_job(aws, "f" * 32, "PENDING_UPLOAD", owner=BOB, created_at="2026-11-26T09:00:00.000Z")
    alice = SignedInClient(api, ALICE)

    seen, token, pages = [], None, 0
    while True:
        query = "/jobs?limit=2" + (f"&next_token={token}" if token else "")
        event = rest_event("GET", "/jobs")
        event["queryStringParameters"] = {"limit": "2", **({"next_token": token} if token else {})}
        event["multiValueQueryStringParameters"] = {k: [v] for k, v in event["queryStringParameters"].items()}
        event["requestContext"]["authorizer"] = {"claims": {"sub": ALICE}}
        answer = api.call_event(event)
        assert answer.status == 200, (query, answer.body)
        pages += 1
        seen += [job["job_id"] for job in answer.body["jobs"]]
        token = answer.body.get("next_token")
        if not token:
            break
    assert seen == [f"{n:032x}" for n in reversed(range(5))] and pages == 3
    assert alice.get("/jobs").body["jobs"][0]["job_id"] == f"{4:032x}"


def test_a_next_token_never_lists_another_persons_jobs(api: ApiClient, aws: FakeAws, jwt_mode: None) -> None:
    put_job(aws, "a" * 32, "PENDING_UPLOAD", owner=ALICE, created_at="2026-11-26T08:00:00.000Z")
    put_job(aws, "b" * 32, "PENDING_UPLOAD", owner=BOB, created_at="2026-11-26T07:00:00.000Z")
    event = rest_event("GET", "/jobs")
    token = encode_token({"job_id": "c" * 32, "created_at": "2026-11-26T10:00:00.000Z"})
    event["queryStringParameters"] = {"next_token": token}
    event["multiValueQueryStringParameters"] = {"next_token": [token]}
    event["requestContext"]["authorizer"] = {"claims": {"sub": ALICE}}
    assert [job["job_id"] for job in api.call_event(event).body["jobs"]] == ["a" * 32]

    event["queryStringParameters"] = {"next_token": "not-a-token"}
    event["multiValueQueryStringParameters"] = {"next_token": ["not-a-token"]}
    bad = api.call_event(event)
    assert (bad.status, bad.body["code"], bad.body["value"]) == (400, "INVALID_INPUT", "not-a-token")


def test_a_retried_create_never_returns_another_persons_job(api: ApiClient, aws: FakeAws, jwt_mode: None) -> None:
    key = {"Idempotency-Key": "same-key-1"}
    alices = _create(SignedInClient(api, ALICE), "meal.mp4", **key)
    bobs = _create(SignedInClient(api, BOB), "meal.mp4", **key)
    assert alices != bobs and aws.job_item(bobs)["owner"] == BOB
    assert _create(SignedInClient(api, ALICE), "meal.mp4", **key) == alices


def test_without_an_authorizer_context_jwt_mode_refuses(api: ApiClient, aws: FakeAws, jwt_mode: None) -> None:
    put_job(aws, "a" * 32, "PENDING_UPLOAD", owner=ALICE)
    nobody = SignedInClient(api, None)
    for answer in (nobody.get(f"/jobs/{'a' * 32}"), nobody.get("/jobs"), nobody.post("/jobs", body=new_job_body())):
        assert (answer.status, answer.body["code"]) == (401, "UNAUTHORIZED")
    assert len(aws.all_jobs()) == 1
    assert nobody.get("/health").status == 200


def test_none_mode_keeps_every_job_shared(api: ApiClient, aws: FakeAws) -> None:
    put_job(aws, "a" * 32, "PENDING_UPLOAD", owner=ALICE)
    anyone = SignedInClient(api, None)
    job = _create(anyone, "meal.mp4")
    assert aws.job_item(job)["owner"] == ANONYMOUS_OWNER
    assert anyone.get(f"/jobs/{'a' * 32}").status == 200
    assert [j["job_id"] for j in anyone.get("/jobs").body["jobs"]] == [job]


def test_a_backfills_jobs_carry_its_service_identity(api: ApiClient, aws: FakeAws, jwt_mode: None) -> None:
    """build.py backfill queues its jobs as the service ``service:backfill``; no person's token is that."""
    store = JobsStore(aws.jobs_table)
    job = "e" * 32
    assert store.mark_queued(job, execution_arn="arn:x", upload_key=f"uploads/archive/{job}.mp4",
                             now=dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc), ttl_days=30, owner=BACKFILL_OWNER)
    assert aws.job_item(job)["owner"] == BACKFILL_OWNER == "service:backfill"
    assert SignedInClient(api, ALICE).get(f"/jobs/{job}").status == 404
    assert [j["job_id"] for j in SignedInClient(api, BACKFILL_OWNER).get("/jobs").body["jobs"]] == [job]



def test_the_caller_is_read_from_either_authorizer() -> None:
    """A Cognito authorizer passes the token's claims, the Lambda authorizer of another OIDC issuer its
    context and principal (lambdas/authorizer/handler.py); no authorizer names nobody."""
    assert principal_of({"authorizer": {"claims": {"sub": ALICE}}}) == ALICE
    assert principal_of({"authorizer": {"principalId": ALICE, "sub": ALICE, "scope": "openid meals/jobs"}}) == ALICE
    assert principal_of({"authorizer": {"principalId": ALICE}}) == ALICE
    assert principal_of({}) is None and principal_of({"authorizer": {"claims": {"sub": ""}}}) is None
