"""Shared fixtures: fake AWS credentials so no test can reach a real account."""

from __future__ import annotations

import os

import pytest

from pipeline.environment import EnvVar

# The embedded AWS's Batch jobs fork from a process with torch and transformers imported (the same job,
# about 5 s sooner each; tests/local_aws/test_batch_warm_start.py holds it to the cold start's behaviour).
# Set before any test starts an embedded AWS, and inherited by the `local up` processes tests start.
os.environ.setdefault(EnvVar.EMBEDDED_AWS_WARM_JOBS.value, "1")

#: The test process's CPU scheduling policy when the run began (SCHED_OTHER on a normal machine).
STARTING_SCHEDULING = (os.sched_getscheduler(0), os.sched_getparam(0))


@pytest.fixture(autouse=True)
def _no_real_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("SAGEMAKER_SUPPRESS_V2_WARNING", "1")


@pytest.fixture(autouse=True)
def _scheduling_policy_kept():
    """A test (or a fixture it set up) that leaves this process under another CPU scheduling policy fails.

    Every process started afterwards would inherit it: SVT-AV1 run as root once left the run under SCHED_FIFO,
    where a busy process is never time-sliced, and the rest of the suite crawled into timeouts.
    """
    yield
    now = (os.sched_getscheduler(0), os.sched_getparam(0))
    if now != STARTING_SCHEDULING:
        os.sched_setscheduler(0, *STARTING_SCHEDULING)
        pytest.fail(f"the test process's scheduling policy changed from {STARTING_SCHEDULING} to {now}; restored it")


#: Test files that run whole jobs on an embedded AWS (analysis processes, many Lambda invocations) or
#: wait on a browser: on two workers they run one after another on one worker, first, while the other
#: worker takes the rest file by file. Two of them at once starve each other's embedded AWS (its
#: Lambdas run one at a time) past their clients' 30 s timeouts.
WHOLE_JOB_TESTS = ("tests/e2e/", "tests/ops/test_readme_runs.py", "tests/web/")
WHOLE_JOB_GROUP = "whole-jobs"


def _runs_whole_jobs(item: pytest.Item) -> bool:
    return item.nodeid.startswith(WHOLE_JOB_TESTS)


def _shared_fixture_folder(item: pytest.Item) -> str | None:
    """The folder whose conftest defines a session- or package-scoped fixture this test uses (the
    validation corpus's video encodes, the tiny models), so that folder's tests share one worker and
    the fixture is built once; None when the test uses none below the root ``tests`` conftest."""
    folders = {
        definition.baseid
        for definitions in item._fixtureinfo.name2fixturedefs.values()
        for definition in definitions
        if definition.scope in ("session", "package") and definition.baseid not in ("", "tests")
    }
    return max(folders, key=len) if folders else None


def _group(item: pytest.Item) -> str:
    if _runs_whole_jobs(item):
        return WHOLE_JOB_GROUP
    return _shared_fixture_folder(item) or item.nodeid.split("::")[0]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``pytest -n N --dist loadgroup`` (``make test``): the whole-job files form one group that
    is collected first; tests that use a folder's session or package fixtures form that folder's group;
    every other file is a group of its own. So each shared fixture is set up on one worker only."""
    if not (getattr(config.option, "loadgroup", False) or getattr(config.option, "dist", "no") == "loadgroup"):
        return
    for item in items:
        if not any(item.iter_markers("xdist_group")):
            item.add_marker(pytest.mark.xdist_group(_group(item)))
    items.sort(key=lambda item: not _runs_whole_jobs(item))  # stable: each part keeps its order
