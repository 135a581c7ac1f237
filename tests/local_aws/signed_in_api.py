"""Calls to a deployed API with a bearer token, and what two signed-in people must (not) see of each
other's jobs: shared by the sign-in tests of each jwt set-up (the stack's Cognito pool, another issuer)."""

from __future__ import annotations

from typing import Any

import requests

NEW_JOB = {"filename": "lunch.mp4", "content_type": "video/mp4", "size_bytes": 2048}


def call_api(api_url: str, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
    """``method path`` on the API, with ``Authorization: Bearer token`` when a token is given."""
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.request(method, f"{api_url}{path}", headers=headers, timeout=60, **kwargs)


def assert_each_sees_only_their_own_jobs(api_url: str, alice: str, bob: str) -> None:
    """Alice and Bob (their tokens) each create a job; each lists only their own, and Bob's job, its
    results and its corrections are 404 to Alice as an unknown id would be; /health needs no token."""
    alices = call_api(api_url, "POST", "/jobs", alice, json=NEW_JOB).json()["job_id"]
    bobs = call_api(api_url, "POST", "/jobs", bob, json=NEW_JOB).json()["job_id"]

    assert call_api(api_url, "GET", f"/jobs/{alices}", alice).json()["job_id"] == alices
    assert [job["job_id"] for job in call_api(api_url, "GET", "/jobs", alice).json()["jobs"]] == [alices]
    assert [job["job_id"] for job in call_api(api_url, "GET", "/jobs", bob).json()["jobs"]] == [bobs]
    for method, path, extra in (("GET", f"/jobs/{bobs}", {}), ("GET", f"/jobs/{bobs}/results", {}),
                                ("POST", f"/jobs/{bobs}/corrections",
                                 {"json": {"changes": [{"action": "remove", "item_id": "1"}]}})):
        answer = call_api(api_url, method, path, alice, **extra)
        assert (answer.status_code, answer.json()["code"]) == (404, "NOT_FOUND"), path
    assert call_api(api_url, "GET", "/health").status_code == 200  # the one route without a token
