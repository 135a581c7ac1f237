"""The Batch bridge's RetryStrategy evaluation against our own job definitions' strategies (CloudFormation casing)."""

from __future__ import annotations

from local_aws.bridges.batch_retry import FailedAttempt, attempts_allowed, should_retry
from templates.compute_fargate import CPU_JOB_DEFINITION
from templates.compute_gpu import JOB_DEFINITION
from tests.templates.conftest import config_with, main_template, properties

HOST_TERMINATED = "Host EC2 (instance i-0123) terminated."
SPOT_TASK_INTERRUPTED = "Your Spot Task was interrupted."
"""The stopped reason of a Fargate Spot task AWS took back (Amazon ECS Developer Guide, task state change events)."""
APPLICATION_ERROR = "ERROR MODELS_MISSING: x"


def _ours(job_definition: str, **overrides) -> dict:
    return properties(main_template(**overrides), job_definition)["RetryStrategy"]


def test_the_gpu_strategy_retries_only_host_terminations() -> None:
    strategy = _ours(JOB_DEFINITION)
    assert attempts_allowed(strategy) == config_with().analysis.batch_job_attempts
    assert should_retry(strategy, FailedAttempt(None, HOST_TERMINATED, HOST_TERMINATED))
    assert not should_retry(strategy, FailedAttempt(20, APPLICATION_ERROR, APPLICATION_ERROR))
    assert not should_retry(strategy, FailedAttempt(143, SPOT_TASK_INTERRUPTED, SPOT_TASK_INTERRUPTED))


def test_the_fargate_strategy_retries_only_spot_interruptions_and_only_with_spot() -> None:
    strategy = _ours(CPU_JOB_DEFINITION)
    assert attempts_allowed(strategy) == config_with().analysis.batch_job_attempts
    assert should_retry(strategy, FailedAttempt(143, SPOT_TASK_INTERRUPTED, "Essential container in task exited"))
    assert not should_retry(strategy, FailedAttempt(20, APPLICATION_ERROR, APPLICATION_ERROR))
    assert not should_retry(strategy, FailedAttempt(None, HOST_TERMINATED, HOST_TERMINATED))
    without_spot = _ours(CPU_JOB_DEFINITION, enable_spot_instances=False)
    assert not should_retry(without_spot, FailedAttempt(143, SPOT_TASK_INTERRUPTED, SPOT_TASK_INTERRUPTED))


def test_without_a_matching_entry_a_failed_attempt_is_retried() -> None:
    assert attempts_allowed(None) == 1
    assert should_retry({"attempts": 2}, FailedAttempt(1, "", ""))
    assert should_retry({"attempts": 2, "evaluateOnExit": [{"onExitCode": "3*", "action": "EXIT"}]},
                        FailedAttempt(1, "", ""))
    assert not should_retry({"attempts": 2, "evaluateOnExit": [{"onExitCode": "3*", "action": "exit"}]},
                            FailedAttempt(31, "", ""))
