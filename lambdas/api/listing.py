"""GET /jobs: the caller's own jobs, newest first, a page at a time (the jobs table's ``OWNER_INDEX``).

``next_token`` is the last key of a page without its owner, URL-safe base64 JSON: the owner always
comes from the caller, so a token never lists someone else's jobs, whoever sends it.
"""

from __future__ import annotations

import base64
import binascii
import json
from http import HTTPStatus
from typing import Any

from lambdas.api.caller import Caller
from lambdas.api.errors import ApiError
from lambdas.common.jobs_store import JobsStore
from pipeline.errors import ErrorCode
from pipeline.jobs import job_view
from pipeline.runtime_settings import RouteEnvironment, read_settings

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
_TOKEN_KEYS = {"job_id", "created_at"}


def encode_token(after: dict[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(after, sort_keys=True).encode()).decode().rstrip("=")


def decode_token(token: str) -> dict[str, str]:
    """The key a ``next_token`` names; 400 INVALID_INPUT for anything :func:`encode_token` did not write."""
    try:
        after = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        after = None
    if not isinstance(after, dict) or set(after) != _TOKEN_KEYS or not all(isinstance(v, str) for v in after.values()):
        raise ApiError(HTTPStatus.BAD_REQUEST, ErrorCode.INVALID_INPUT.value,
                       "next_token is not one this API returned", token[:100])
    return after


def list_jobs(caller: Caller, limit: int = DEFAULT_PAGE_SIZE, next_token: str | None = None) -> dict[str, Any]:
    """The body of ``GET /jobs``: a page of the caller's jobs and the token of the next one."""
    after = decode_token(next_token) if next_token else None
    jobs = JobsStore(read_settings(RouteEnvironment).jobs_table)
    records, last = jobs.owned_by(caller.owner, limit=limit, after=after)
    page: dict[str, Any] = {"jobs": [job_view(record) for record in records]}
    if last is not None:
        page["next_token"] = encode_token(last)
    return page
