"""``build.py local up`` as a user runs it: a separate process serving the deployed ``dev`` stack with
random tiny models (``build.py models random DIR --size tiny``), driven with the ``aws`` CLI, then
stopped with ``build.py local down``.

The first deploy of a CI run builds the nutrition knowledge base (.cache/knowledge-base/), which can
take a minute or two; later runs reuse it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from local_aws.cli import pid_file
from pipeline.config import load_config
from pipeline.routes import WEB_PAGE
from tests.corpus import write_video

pytestmark = pytest.mark.embedded

REPO_ROOT = Path(__file__).resolve().parents[2]
AWS_CLI = Path(sys.executable).with_name("aws")
READY_TIMEOUT_S = 420.0  # deploy, including a first knowledge-base build
JOB_TIMEOUT_S = 120.0
CONFIG = load_config("dev")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment() -> dict[str, str]:
    """This process's environment with fake credentials and no AWS settings of the person running it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return env | {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                  "AWS_DEFAULT_REGION": CONFIG.region, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}


@dataclass
class LocalUp:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    outputs: dict[str, str]

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def aws_text(self, *args: str) -> str:
        """Run ``aws --endpoint-url ... --output json ARGS``; its standard output."""
        done = subprocess.run([str(AWS_CLI), "--endpoint-url", self.endpoint_url, "--output", "json", *args],
                              env=_environment(), capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"aws {' '.join(args)}: {done.stderr}"
        return done.stdout

    def aws(self, *args: str) -> Any:
        """The parsed JSON output of ``aws ARGS`` ({} when it prints nothing)."""
        text = self.aws_text(*args)
        return json.loads(text) if text.strip() else {}

    def client(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.endpoint_url, region_name=CONFIG.region,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def _stack_outputs(up: LocalUp) -> dict[str, str] | None:
    try:
        stacks = up.client("cloudformation").describe_stacks(StackName=CONFIG.stack_name)["Stacks"]
    except Exception:  # noqa: BLE001 - not listening yet, or the stack does not exist yet
        return None
    if not stacks or stacks[0]["StackStatus"] not in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        return None
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}


def _wait(predicate: Any, timeout_s: float, what: str, up: LocalUp) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if up.process.poll() is not None:
            raise AssertionError(f"`local up` exited with {up.process.returncode}:\n{up.log_text()[-4000:]}")
        time.sleep(0.5)
    raise AssertionError(f"{what} not within {timeout_s} s; `local up` said:\n{up.log_text()[-4000:]}")


@pytest.fixture(scope="module")
def local_up(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalUp]:
    port = _free_port()
    folder = tmp_path_factory.mktemp("local-up")
    log, models = folder / "local-up.log", folder / "models"
    made = subprocess.run([sys.executable, "build.py", "models", "random", str(models), "--size", "tiny"],
                          cwd=REPO_ROOT, env=_environment(), capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr[-4000:]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "build.py", "local", "up", "--port", str(port), "--models", str(models)], cwd=REPO_ROOT,
            env=_environment(), stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
    up = LocalUp(process, port, log, {})
    try:
        _wait(lambda: "Try it:" in up.log_text() and _stack_outputs(up), READY_TIMEOUT_S, "the deployed stack", up)
        up.outputs = _stack_outputs(up) or {}
        yield up
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the server and any Batch job it runs
            process.wait(timeout=30)
            pid_file(port).unlink(missing_ok=True)  # a killed `local up` cannot remove it itself


def _text_upload(tmp_path: Path) -> Path:
    notes = tmp_path / "notes.txt"
    notes.write_text("2 eggs, toast, coffee\n" * 40)
    return notes


def _job_item(up: LocalUp, job_id: str) -> dict[str, Any]:
    return up.aws("dynamodb", "get-item", "--table-name", up.outputs["JobsTableName"],
                  "--key", json.dumps({"job_id": {"S": job_id}}))["Item"]


def _finished(up: LocalUp, execution_arn: str) -> dict[str, Any]:
    sfn = up.client("stepfunctions")
    return _wait(lambda: (d := sfn.describe_execution(executionArn=execution_arn))["status"] != "RUNNING" and d,
                 JOB_TIMEOUT_S, f"{execution_arn} to finish", up)


def test_announces_how_to_use_it(local_up: LocalUp) -> None:
    text = local_up.log_text()
    assert f"embedded AWS listening on {local_up.endpoint_url}" in text
    assert local_up.outputs["StateMachineArn"] in text
    assert f"aws --endpoint-url {local_up.endpoint_url} stepfunctions start-execution" in text
    assert f"build.py local down --port {local_up.port}" in text


def test_announces_the_web_page_where_it_answers(local_up: LocalUp) -> None:
    found = re.search(r"web page \(served locally; open it in a browser\): (\S+)", local_up.log_text())
    assert found and found[1].startswith(f"{local_up.endpoint_url}/_api/") and found[1].endswith(WEB_PAGE.path)
    page = requests.get(found[1], timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")


def test_aws_s3_cp_under_uploads_runs_the_job_to_failed(local_up: LocalUp, tmp_path: Path) -> None:
    job_id = uuid.uuid4().hex
    copied = local_up.aws_text("s3", "cp", str(_text_upload(tmp_path)),
                               f"s3://{local_up.outputs['VideosBucketName']}/uploads/{job_id}/clip.mp4")
    assert f"uploads/{job_id}/clip.mp4" in copied.splitlines()[-1]

    execution_arn = (local_up.outputs["StateMachineArn"].replace(":stateMachine:", ":execution:") + f":{job_id}")
    sfn = local_up.client("stepfunctions")
    _wait(lambda: any(e["name"] == job_id for e in sfn.list_executions(
        stateMachineArn=local_up.outputs["StateMachineArn"])["executions"]), 60, "the execution", local_up)
    described = _finished(local_up, execution_arn)

    assert described["status"] == "FAILED" and described["error"] == "NOT_A_VIDEO"
    item = _job_item(local_up, job_id)
    assert item["status"] == {"S": "FAILED"} and item["error"]["M"]["code"] == {"S": "NOT_A_VIDEO"}


def _start_by_hand(up: LocalUp, upload: Path) -> tuple[str, dict[str, Any]]:
    """Upload without triggering (the upload rule disabled meanwhile), start the execution with the CLI as
    ``--name <job id>``, wait for it; returns the job id and ``aws stepfunctions describe-execution``."""
    rule = up.aws("cloudformation", "describe-stack-resource", "--stack-name", CONFIG.stack_name,
                  "--logical-resource-id", "UploadCreatedRule")["StackResourceDetail"]["PhysicalResourceId"]
    rule_name = rule.rsplit("/", 1)[-1]
    job_id = uuid.uuid4().hex
    bucket, key = up.outputs["VideosBucketName"], f"uploads/{job_id}/clip.mp4"
    up.aws("events", "disable-rule", "--name", rule_name)
    try:
        up.client("s3").upload_file(str(upload), bucket, key)
    finally:
        up.aws("events", "enable-rule", "--name", rule_name)
    started = up.aws("stepfunctions", "start-execution", "--state-machine-arn", up.outputs["StateMachineArn"],
                     "--name", job_id, "--input", json.dumps({"job_id": job_id, "bucket": bucket, "key": key}))
    _finished(up, started["executionArn"])
    return job_id, up.aws("stepfunctions", "describe-execution", "--execution-arn", started["executionArn"])


def test_cli_start_execution_of_a_text_file_fails_with_not_a_video(local_up: LocalUp, tmp_path: Path) -> None:
    job_id, described = _start_by_hand(local_up, _text_upload(tmp_path))

    assert described["status"] == "FAILED"
    assert described["error"] == "NOT_A_VIDEO", described
    item = _job_item(local_up, job_id)
    assert item["status"] == {"S": "FAILED"}
    assert item["error"]["M"]["code"] == {"S": "NOT_A_VIDEO"} and item["error"]["M"]["message"]["S"]


def test_cli_start_execution_of_a_video_succeeds_with_random_tiny_models(local_up: LocalUp, tmp_path: Path) -> None:
    job_id, described = _start_by_hand(local_up, write_video(tmp_path / "meal.mp4"))

    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    assert output["video"]["probe"]["codec"] == "h264" and output["analysis"]["batch_status"] == "SUCCEEDED"
    item = _job_item(local_up, job_id)
    assert item["status"] == {"S": "COMPLETED"}
    listed = local_up.aws_text("s3", "ls", f"s3://{local_up.outputs['ResultsBucketName']}/jobs/{job_id}/")
    assert "detections.json" in listed and "results.json" in listed
    assert output["nutrition"]["results_uri"].endswith(f"/jobs/{job_id}/results.json")


def test_build_py_logs_shows_the_analysis_and_the_rejection(local_up: LocalUp) -> None:
    """Runs after the jobs above: the GPU task's output and validate_upload's lines are in CloudWatch Logs."""
    def logs(function: str) -> str:
        done = subprocess.run([sys.executable, "build.py", "logs", function, "--local", "--port", str(local_up.port),
                               "--minutes", "30"], cwd=REPO_ROOT, env=_environment(), capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr[-4000:]
        return done.stdout

    validation = logs("validate_upload")
    assert "START RequestId: " in validation and "[ERROR] NOT_A_VIDEO" in validation
    assert '"message":"upload rejected"' in validation and "REPORT RequestId: " in validation
    assert "keyframes" in logs("AnalyzeFrames")


def _build_py(*args: str, timeout_s: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "build.py", *args], cwd=REPO_ROOT, env=_environment(), capture_output=True,
                          text=True, timeout=timeout_s, stdin=subprocess.DEVNULL)


def test_run_uses_the_running_local_up_and_status_finds_the_job(local_up: LocalUp, tmp_path: Path) -> None:
    port = str(local_up.port)
    done = _build_py("run", str(write_video(tmp_path / "meal.mp4")), "--local", "--port", port,
                     "--out", str(tmp_path / "runs"), timeout_s=JOB_TIMEOUT_S + 60)
    assert done.returncode == 0, done.stderr[-4000:]
    assert f"using the embedded AWS on {local_up.endpoint_url}" in done.stderr
    assert "Traceback" not in done.stderr
    for state in ("ValidateUpload", "MarkAnalyzing", "ChooseCompute", "AnalyzeFramesCpu", "ComputeNutrition",
                  "MarkCompleted"):
        assert f"· {state}" in done.stderr, done.stderr[-4000:]
    [job_dir] = list((tmp_path / "runs").iterdir())

    status = _build_py("status", job_dir.name, "--local", "--port", port)
    assert status.returncode == 0 and f"{job_dir.name}  COMPLETED" in status.stdout, status.stderr

    missing = _build_py("status", "f" * 32, "--local", "--port", port)
    assert missing.returncode == 4 and missing.stderr.strip().splitlines() == [
        f"error: no job {'f' * 32} in the embedded AWS at {local_up.endpoint_url}"]


def test_a_second_local_up_on_the_port_is_refused_and_leaves_the_first_alone(local_up: LocalUp) -> None:
    done = _build_py("local", "up", "--port", str(local_up.port))
    assert done.returncode == 7 and "Traceback" not in done.stderr
    assert f"already serves port {local_up.port}" in done.stderr and "local down" in done.stderr
    assert pid_file(local_up.port).read_text().strip() == str(local_up.process.pid)
    assert local_up.process.poll() is None


def test_local_down_stops_it(local_up: LocalUp) -> None:
    done = subprocess.run([sys.executable, "build.py", "local", "down", "--port", str(local_up.port)],
                          cwd=REPO_ROOT, env=_environment(), capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert local_up.process.wait(timeout=30) == 0
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", local_up.port), timeout=2):
        pass
