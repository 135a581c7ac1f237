"""The upload corpus through the API as a browser sends it: POST /jobs, the presigned form, the job's end.

Each case of ``tests/corpus.py`` names what its sender must see; all cases run at once (the Batch
bridge runs as many analyses at a time as there are cores, the rest wait as on a full queue).
"""

from __future__ import annotations

import concurrent.futures
from pathlib import PurePosixPath
from xml.etree import ElementTree

import pytest
import requests
from rich.console import Console

from ops.api_client import ApiError
from ops.run_job import follow_job
from pipeline.filenames import display_filename
from pipeline.video.declared import DECLARED_SIZE_METADATA
from tests.corpus import API, JOB, UPLOAD, CorpusCase, Outcome

pytestmark = [pytest.mark.embedded, pytest.mark.slow]
QUIET = Console(file=open("/dev/null", "w"))  # noqa: SIM115 - lives as long as the test session
JOB_TIMEOUT_S = 300
FOLLOW_POLL_S = 5.0
"""How often each case's ``follow_job`` polls, in seconds: the 30 cases that reach a job follow it at once in
this process, and each poll's GET /jobs/{id} alone costs the embedded AWS about 45 ms of CPU (then the execution's
history is read), so at 0.5 s the polls took the 2-core machine's CPU from the jobs they waited for."""


def _send(stack, case: CorpusCase, **changes) -> tuple[Outcome, str | None]:
    """Send ``case`` as a client would; what it saw, and the job id once there is one."""
    try:
        created = stack.api._request("POST", "/jobs", json={**case.request_body(), **changes})
    except ApiError as refused:
        return Outcome(API, refused.status, refused.code), None
    job_id, form = created["job_id"], created["upload"]
    body = case.path.read_bytes()
    if case.outside_form:
        stack.client("s3").put_object(Bucket=stack.outputs["VideosBucketName"], Key=form["fields"]["key"], Body=body,
                                      Metadata={DECLARED_SIZE_METADATA: str(case.size_to_declare())})
    else:
        fields = {**form["fields"], **case.form_changes}
        answer = requests.post(form["url"], data=fields, files={"file": (case.path.name, body)}, timeout=60)
        if answer.status_code >= 300:
            code = ElementTree.fromstring(answer.content).findtext("Code")
            return Outcome(UPLOAD, answer.status_code, code), job_id
    view = follow_job(stack.deployment, job_id, timeout_s=JOB_TIMEOUT_S, console=QUIET, poll_s=FOLLOW_POLL_S)
    return Outcome(JOB, view["status"], (view.get("error") or {}).get("code")), job_id


def test_every_corpus_case_gets_the_result_it_names(stack, corpus):
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(corpus)) as pool:
        seen = dict(zip(corpus, pool.map(lambda case: _send(stack, case), corpus.values())))
    wrong = {name: f"expected {corpus[name].outcome}, got {outcome}"
             for name, (outcome, _) in seen.items() if outcome != corpus[name].outcome}
    assert not wrong, "\n".join(f"{name}: {problem}" for name, problem in wrong.items())

    _, unicode_job = seen["unicode_name"]
    assert stack.api.job(unicode_job)["filename"] == display_filename(corpus["unicode_name"].filename)
    for name in ("path_traversal", "windows_traversal", "long_name", "unicode_name"):
        _, job_id = seen[name]
        listed = stack.client("s3").list_objects_v2(Bucket=stack.outputs["VideosBucketName"],
                                                    Prefix=f"uploads/{job_id}/")["Contents"]
        (key,) = [item["Key"] for item in listed]
        assert PurePosixPath(key).parent == PurePosixPath("uploads", job_id) and key.isascii(), key


def test_a_client_that_lies_about_the_size_is_refused_at_upload_an_honest_one_completes(stack, corpus):
    good = corpus["good"]
    lying, lying_job = _send(stack, good, size_bytes=1000)
    honest, honest_job = _send(stack, good)

    assert lying == Outcome(UPLOAD, 400, "EntityTooLarge")
    assert stack.api.job(lying_job)["status"] == "PENDING_UPLOAD"  # nothing arrived, nothing started
    assert "Contents" not in stack.client("s3").list_objects_v2(Bucket=stack.outputs["VideosBucketName"],
                                                                Prefix=f"uploads/{lying_job}/")
    assert honest == Outcome(JOB, "COMPLETED")
    assert stack.api.job(honest_job)["status"] == "COMPLETED"
