"""``build.py local up|down``: serve the embedded AWS with the stack deployed, or stop it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ops.console import Reporter
from pipeline.config import Config
from pipeline.jobs import execution_arn
from templates.names import MainOutput

if TYPE_CHECKING:
    from local_aws.server import EmbeddedAws

PID_DIR = Path(__file__).resolve().parent.parent / ".cache" / "local-aws"


def pid_file(port: int) -> Path:
    return PID_DIR / f"{port}.pid"


def _announce(config: Config, endpoint_url: str, port: int, outputs: dict[str, str], reporter: Reporter) -> None:
    from local_aws.bridges.apigateway import api_url_from_output

    job_id, bucket = "0" * 32, outputs.get(MainOutput.VIDEOS_BUCKET_NAME.value, "VIDEOS")
    machine = outputs.get(MainOutput.STATE_MACHINE_ARN.value, "ARN")
    execution = execution_arn(machine, job_id)
    example_input = json.dumps({"job_id": job_id, "bucket": bucket, "key": f"uploads/{job_id}/meal.mp4"})
    reporter.table("Embedded AWS", ["output", "value"], [[k, v] for k, v in sorted(outputs.items())])
    if MainOutput.API_URL.value in outputs:
        reporter.info(f"API (served locally): {api_url_from_output(endpoint_url, outputs[MainOutput.API_URL.value])}")
    if MainOutput.WEB_PAGE_URL.value in outputs:
        reporter.info(f"web page (served locally; open it in a browser): "
                      f"{api_url_from_output(endpoint_url, outputs[MainOutput.WEB_PAGE_URL.value])}")
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


def _recorded_pid(port: int) -> int | None:
    """The pid a ``local up`` recorded for ``port`` when that process still runs; a stale record is removed."""
    path = pid_file(port)
    try:
        pid = int(path.read_text())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        path.unlink(missing_ok=True)
        return None
    except PermissionError:  # alive, another user's
        pass
    return pid


def check_port_free(port: int) -> None:
    """Refuse a port that another ``local up`` or another program holds, saying which."""
    from ops.errors import BusyError
    from ops.aws import listening

    pid = _recorded_pid(port) if port else None
    if pid is not None and pid != os.getpid():
        raise BusyError(f"an embedded AWS (`local up`, pid {pid}) already serves port {port}: use it (`--local --port "
                        f"{port}`), stop it with `python build.py local down --port {port}`, or pick another --port",
                        value=port)
    if listening(port):
        raise BusyError(f"port {port} on 127.0.0.1 is taken by another program; pick another with --port N", value=port)


MODELS_MISSING_WARNING = (
    "no --models given: every job will fail with MODELS_MISSING. Give weights with --models DIR: "
    "`python build.py models sync .models/pretrained` fetches the configured ones (about 1 GB, needs internet), "
    "`python build.py models random .models/random --size tiny` writes random stand-ins"
)


@contextlib.contextmanager
def embedded_stack(config: Config, *, port: int, models_dir: str | None, reporter: Reporter,
                   on_started: Callable[[EmbeddedAws], None] | None = None,
                   ) -> Iterator[tuple[EmbeddedAws, dict[str, str]]]:
    """The embedded AWS on ``port`` (0: any free port) with ``config``'s stacks deployed into it through
    CloudFormation, and the main stack's outputs; stopped on leaving. The one way `local up`, `run` and `demo`
    bring up a local stack; ``on_started`` hears the server before the deploy begins."""
    from local_aws.server import EmbeddedAws
    from ops.aws import local_target
    from ops.pipeline_deploy import deploy_pipeline

    with EmbeddedAws(port=port, region=config.region, models_dir=models_dir) as aws:
        if on_started is not None:
            on_started(aws)
        yield aws, deploy_pipeline(config, local_target(config.region, aws.port), reporter=reporter).main


def local_up(config: Config, *, port: int, models_dir: str | None, reporter: Reporter) -> int:
    """Start the server, deploy the synthesized stack through CloudFormation, serve until stopped."""
    from local_aws.server import check_models_dir, stop_requested

    check_port_free(port)
    check_models_dir(models_dir)
    if models_dir is None:
        reporter.warn(MODELS_MISSING_WARNING)
    owned: list[Path] = []  # the pid file this process wrote, the only one it removes

    def record(aws: EmbeddedAws) -> None:
        PID_DIR.mkdir(parents=True, exist_ok=True)
        path = pid_file(aws.port)
        path.write_text(str(os.getpid()))
        owned.append(path)
        reporter.info(f"embedded AWS listening on {aws.endpoint_url}; deploying {config.stack_name}")

    try:
        with stop_requested() as stopping, embedded_stack(config, port=port, models_dir=models_dir, reporter=reporter,
                                                          on_started=record) as (aws, outputs):
            _announce(config, aws.endpoint_url, aws.port, outputs, reporter)
            stopping.wait()
    finally:
        for path in owned:
            if path.is_file() and path.read_text().strip() == str(os.getpid()):
                path.unlink()
    return 0


def local_down(*, port: int, timeout_s: float = 20.0) -> int:
    """Stop the ``local up`` serving ``port`` (it deletes its own pid file on the way out)."""
    from ops.errors import NotFoundError
    from ops.aws import listening

    pid = _recorded_pid(port)
    if pid is None:
        recorded = sorted(int(p.stem) for p in PID_DIR.glob("*.pid") if p.stem.isdigit() and _recorded_pid(int(p.stem)))
        others = f"; `local up` runs on port {', '.join(map(str, recorded))}" if recorded else ""
        taken = f"; port {port} is in use by a program `local up` did not start" if listening(port) else ""
        raise NotFoundError(f"no embedded AWS started by `local up` on port {port}{others}{taken}", value=port)
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while pid_file(port).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    print(f"stopped the embedded AWS on port {port}")
    return 0
