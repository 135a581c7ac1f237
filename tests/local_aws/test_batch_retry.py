"""The Batch bridge's RetryStrategy evaluation against our own job definitions' strategy (CloudFormation casing)."""

from __future__ import annotations

from local_aws.bridges.batch_retry import FailedAttempt, attempts_allowed, should_retry
from templates.compute_shared import retry_strategy
from tests.templates.conftest import config_with


def _ours() -> dict:
    return retry_strategy(config_with()).to_dict()


def test_our_strategy_retries_only_host_terminations() -> None:
    strategy = _ours()
    host = "Host EC2 (instance i-0123) terminated."
    assert attempts_allowed(strategy) == config_with().analysis.batch_job_attempts
    assert should_retry(strategy, FailedAttempt(None, host, host))
    assert not should_retry(strategy, FailedAttempt(20, "ERROR MODELS_MISSING: x", "ERROR MODELS_MISSING: x"))


def test_without_a_matching_entry_a_failed_attempt_is_retried() -> None:
    assert attempts_allowed(None) == 1
    assert should_retry({"attempts": 2}, FailedAttempt(1, "", ""))
    assert should_retry({"attempts": 2, "evaluateOnExit": [{"onExitCode": "3*", "action": "EXIT"}]},
                        FailedAttempt(1, "", ""))
    assert not should_retry({"attempts": 2, "evaluateOnExit": [{"onExitCode": "3*", "action": "exit"}]},
                            FailedAttempt(31, "", ""))
