"""A Batch job's RetryStrategy as AWS Batch evaluates it, for the Batch bridge (pure, no moto).

* ``attempts`` (1-10, default 1): how many times the job may run in all.
* ``evaluateOnExit``: the first entry whose given conditions all match a failed attempt decides
  (``RETRY`` or ``EXIT``); ``onStatusReason``, ``onReason`` and ``onExitCode`` are patterns that may
  end in ``*``. When no entry matches, or there are none, a failed attempt is retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

MAX_ATTEMPTS = 10


@dataclass(frozen=True)
class FailedAttempt:
    """What ``evaluateOnExit`` looks at: the container's exit code (None when it never exited, e.g.
    stopped), the job's status reason and the container's reason."""

    exit_code: int | None
    status_reason: str
    reason: str


def _lower_first(key: str) -> str:
    return key[:1].lower() + key[1:]


def _normalised(strategy: Mapping[str, Any] | None) -> dict[str, Any]:
    """The strategy with camelCase keys, whether it came from the API or from CloudFormation."""
    plain = {_lower_first(key): value for key, value in (strategy or {}).items()}
    plain["evaluateOnExit"] = [{_lower_first(key): value for key, value in entry.items()}
                               for entry in plain.get("evaluateOnExit") or []]
    return plain


def attempts_allowed(strategy: Mapping[str, Any] | None) -> int:
    """How many attempts the job may make (1 without a strategy)."""
    return max(1, min(MAX_ATTEMPTS, int(_normalised(strategy).get("attempts") or 1)))


def _matches(pattern: str, value: str) -> bool:
    return value.startswith(pattern[:-1]) if pattern.endswith("*") else value == pattern


def should_retry(strategy: Mapping[str, Any] | None, attempt: FailedAttempt) -> bool:
    """Whether ``evaluateOnExit`` retries ``attempt`` (attempts left are the caller's to count)."""
    exit_code = "" if attempt.exit_code is None else str(attempt.exit_code)
    for entry in _normalised(strategy)["evaluateOnExit"]:
        conditions = [(entry.get("onStatusReason"), attempt.status_reason), (entry.get("onReason"), attempt.reason),
                      (entry.get("onExitCode"), exit_code)]
        if all(_matches(pattern, value) for pattern, value in conditions if pattern is not None):
            return str(entry.get("action", "")).upper() == "RETRY"
    return True
