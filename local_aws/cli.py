"""``build.py local up|down``: serve the embedded AWS with the stack deployed, or stop it."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from ops.console import Reporter
from pipeline.config import Config

PID_DIR = Path(__file__).resolve().parent.parent / ".cache" / "local-aws"


def pid_file(port: int) -> Path:
    return PID_DIR / f"{port}.pid"


def _announce(config: Config, endpoint_url: str, port: int, outputs: dict[str, str], reporter: Reporter) -> None:
    from local_aws.bridges.apigateway import api_url_from_output

    job_id, bucket = "0" * 32, outputs.get("VideosBucketName", "VIDEOS")
    machine = outputs.get("StateMachineArn", "ARN")
    execution = machine.replace(":stateMachine:", ":execution:") + f":{job_id}"
    example_input = json.dumps({"job_id": job_id, "bucket": bucket, "key": f"uploads/{job_id}/meal.mp4"})
    reporter.table("Embedded AWS", ["output", "value"], [[k, v] for k, v in sorted(outputs.items())])
    if "ApiUrl" in outputs:
        reporter.info(f"API (served locally): {api_url_from_output(endpoint_url, outputs['ApiUrl'])}")
    reporter.info(
        "Try it:\n"
        f"  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION={config.region}\n"
        "  # an upload under uploads/<job id>/ starts its job, an execution named after the job:\n"
        f"  aws --endpoint-url {endpoint_url} s3 cp meal.mp4 s3://{bucket}/uploads/{job_id}/meal.mp4\n"
        f"  aws --endpoint-url {endpoint_url} stepfunctions describe-execution --execution-arn {execution}\n"
        "  # or start an execution by hand for an uploaded object:\n"
        f"  aws --endpoint-url {endpoint_url} stepfunctions start-execution --state-machine-arn "
        f"{machine} --name {'1' * 32} --input '{example_input}'\n"
        f"  python build.py logs validate_upload --local --port {port}\n"
        f"Stop with Ctrl-C or `python build.py local down --port {port}`."
    )


def local_up(config: Config, *, port: int, models_dir: str | None, reporter: Reporter) -> int:
    """Start the server, deploy the synthesized stack through CloudFormation, serve until stopped."""
    from local_aws.server import EmbeddedAws
    from ops.aws import local_target
    from ops.pipeline_deploy import deploy_pipeline

    def on_ready(aws: EmbeddedAws) -> None:
        PID_DIR.mkdir(parents=True, exist_ok=True)
        pid_file(aws.port).write_text(str(os.getpid()))
        reporter.info(f"embedded AWS listening on {aws.endpoint_url}; deploying {config.stack_name}")
        result = deploy_pipeline(config, local_target(config.region, aws.port), reporter=reporter)
        _announce(config, aws.endpoint_url, aws.port, result.main, reporter)

    try:
        EmbeddedAws(port=port, region=config.region, models_dir=models_dir).serve_forever(on_ready=on_ready)
    finally:
        pid_file(port).unlink(missing_ok=True)
    return 0


def local_down(*, port: int, timeout_s: float = 20.0) -> int:
    """Stop the ``local up`` serving ``port`` (it deletes its own pid file on the way out)."""
    path = pid_file(port)
    if not path.is_file():
        print(f"no embedded AWS recorded on port {port}")
        return 1
    pid = int(path.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        path.unlink(missing_ok=True)
        print(f"embedded AWS on port {port} was not running (stale pid {pid})")
        return 0
    deadline = time.monotonic() + timeout_s
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    print(f"stopped the embedded AWS on port {port}")
    return 0
