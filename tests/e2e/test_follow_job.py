"""``build.py run`` names every state the execution passes, in order, fast ones included (Choice and
Pass states, and those after the job's final write: NotifySuccess, NotifyFailure, the end state)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from ops.run_job import entered_states, execution_arn, follow_job
from tests.e2e.test_notifications import _submit

pytestmark = [pytest.mark.embedded]


@pytest.mark.parametrize(("case", "status"), [("good", "COMPLETED"), ("text", "FAILED")])
def test_follow_job_names_every_state_of_the_execution(stack, corpus, case: str, status: str) -> None:
    printed = io.StringIO()
    job_id = _submit(stack, corpus[case])

    view = follow_job(stack.deployment, job_id, timeout_s=300, console=Console(file=printed, width=200, log_path=False, log_time=False), poll_s=0.5)

    assert view["status"] == status
    named = [line.split(" · ", 1)[1].strip() for line in printed.getvalue().splitlines() if " · " in line]
    assert named[0] == "ValidateUpload", printed.getvalue()
    assert named[-1] in ("Succeeded", "AnalysisFailed")  # it returned once the execution had ended, not before
    assert named == entered_states(stack.client("stepfunctions"),
                                   execution_arn(stack.deployment.state_machine_arn, job_id))
