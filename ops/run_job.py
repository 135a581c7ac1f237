"""``build.py run``, ``status`` and ``demo``: send a meal video, follow its job, show its nutrition."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from ops.api_client import ApiClient, ApiError
from ops.aws import Target, local_target
from ops.console import Reporter, make_console
from pipeline.config import Config
from pipeline.contracts.detections import Detections
from pipeline.contracts.results import Results
from pipeline.errors import describe_failure
from pipeline.report import RESULT_COLUMNS, render_report, results_rows

FINAL_STATUSES = {"COMPLETED", "FAILED"}


@dataclass
class Deployment:
    """What a client needs: the API, and the state machine for naming the current step."""

    target: Target
    api: ApiClient
    state_machine_arn: str


def execution_arn(state_machine_arn: str, job_id: str) -> str:
    """Executions are named after their job, so the ARN follows from the machine's."""
    return state_machine_arn.replace(":stateMachine:", ":execution:") + f":{job_id}"


def current_state(sfn, arn: str) -> str | None:
    """Name of the state the execution entered last (None before it starts)."""
    try:
        events = sfn.get_execution_history(executionArn=arn, reverseOrder=True, maxResults=25)["events"]
    except Exception:  # noqa: BLE001 - the execution may not exist yet; the job status says enough then
        return None
    for event in events:
        details = event.get("stateEnteredEventDetails")
        if details:
            return details["name"]
    return None


def follow_job(deployment: Deployment, job_id: str, *, timeout_s: float, console: Console, poll_s: float = 0.5) -> dict:
    """Poll the job until it is final, showing its status and the execution's current state."""
    sfn = deployment.target.client("stepfunctions")
    arn = execution_arn(deployment.state_machine_arn, job_id)
    deadline = time.monotonic() + timeout_s
    last = None
    with console.status("waiting for the upload to start the analysis") as status:
        while True:
            view = deployment.api.job(job_id)
            state = current_state(sfn, arn)
            line = f"{view['status']}" + (f" · {state}" if state else "")
            if line != last:
                console.log(line)
                status.update(line)
                last = line
            if view["status"] in FINAL_STATUSES:
                return view
            if time.monotonic() > deadline:
                raise TimeoutError(f"job {job_id} still {view['status']} after {timeout_s:.0f} s")
            time.sleep(poll_s)


def save_run(deployment: Deployment, job_id: str, out_dir: Path) -> tuple[Results, Path]:
    """Fetch results and overlays; write ``results.json`` and a self-contained ``report.html``."""
    payload = deployment.api.results(job_id)
    results = Results.model_validate(payload["results"])
    run_dir = out_dir / job_id
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "results.json").write_text(results.model_dump_json(indent=2) + "\n")
    overlays = {Path(o["key"]).name: deployment.api.download(o["url"]) for o in payload.get("overlays", [])}
    detections = None
    if payload.get("detections"):
        detections = Detections.model_validate(payload["detections"])
    (run_dir / "report.html").write_text(render_report(results, detections=detections, overlays=overlays))
    return results, run_dir


def run_job(deployment: Deployment, video: Path, *, out_dir: Path, timeout_s: float, as_json: bool,
            console: Console, reporter: Reporter) -> int:
    """The whole client flow; returns the process exit code."""
    if not video.is_file():
        raise FileNotFoundError(f"video not found: {video}")
    created = deployment.api.create_job(video)
    job_id = created["job_id"]
    console.log(f"job {job_id}: uploading {video.name} ({video.stat().st_size / 1e6:.1f} MB)")
    deployment.api.upload(created["upload"], video)
    view = follow_job(deployment, job_id, timeout_s=timeout_s, console=console)
    if view["status"] == "FAILED":
        error = view.get("error") or {}
        code, message = describe_failure(error.get("code"), error.get("message"))
        console.print(f"[red]job {job_id} FAILED[/]: {code}: {message}")
        return 1
    results, run_dir = save_run(deployment, job_id, out_dir)
    if as_json:
        print(results.model_dump_json(indent=2))
    else:
        reporter.table(f"Meal {job_id}", list(RESULT_COLUMNS), results_rows(results))
        for warning in results.warnings:
            reporter.warn(f"{warning.code}: {warning.message}")
    console.log(f"wrote {run_dir / 'results.json'} and {run_dir / 'report.html'}")
    return 0


@contextlib.contextmanager
def local_deployment(config: Config, *, port: int, models_dir: str | None, reporter: Reporter) -> Iterator[Deployment]:
    """Bring up the embedded AWS, deploy the stack into it, yield a client of it."""
    from local_aws.bridges.apigateway import api_url_from_output
    from local_aws.server import EmbeddedAws
    from ops.pipeline_deploy import deploy_pipeline

    with EmbeddedAws(port=port, region=config.region, models_dir=models_dir) as aws:
        target = local_target(config.region, aws.port)
        reporter.info(f"embedded AWS on {aws.endpoint_url}; deploying {config.stack_name}")
        outputs = deploy_pipeline(config, target, reporter=_Quiet(reporter)).main
        yield Deployment(target, ApiClient(api_url_from_output(aws.endpoint_url, outputs["ApiUrl"])), outputs["StateMachineArn"])


def stack_deployment(config: Config, target: Target, stack_name: str | None = None) -> Deployment:
    """A client of a stack deployed on AWS (its API key fetched when the API requires one)."""
    from ops.deploy import stack_outputs

    outputs = stack_outputs(target.client("cloudformation"), stack_name or config.stack_name)
    api_key = None
    if outputs.get("ApiKeyId"):
        api_key = target.client("apigateway").get_api_key(apiKey=outputs["ApiKeyId"], includeValue=True)["value"]
    return Deployment(target, ApiClient(outputs["ApiUrl"], api_key=api_key), outputs["StateMachineArn"])


class _Quiet:
    """Passes warnings on but keeps the deploy's event stream out of a job run's output."""

    def __init__(self, reporter: Reporter) -> None:
        self._reporter = reporter

    def info(self, message: str) -> None:
        pass

    def warn(self, message: str) -> None:
        self._reporter.warn(message)

    def table(self, title: str, columns: list[str], rows: list[list[str]]) -> None:
        pass


def run_video(config: Config, args, *, reporter: Reporter) -> int:
    """``build.py run VIDEO``: local by default, or a deployed stack with ``--stack``."""
    console = make_console()
    video, out_dir = Path(args.video), Path(args.out)
    if not video.is_file():
        raise FileNotFoundError(f"video not found: {video}")
    try:
        if args.stack:
            from ops.aws import Target

            target = Target(region=config.region, profile=args.profile)
            target.check_credentials()
            return run_job(stack_deployment(config, target, args.stack), video, out_dir=out_dir, timeout_s=args.timeout,
                           as_json=args.json, console=console, reporter=reporter)
        with local_deployment(config, port=args.port, models_dir=args.models, reporter=reporter) as deployment:
            return run_job(deployment, video, out_dir=out_dir, timeout_s=args.timeout, as_json=args.json,
                           console=console, reporter=reporter)
    except ApiError as error:
        console.print(f"[red]{error}[/]")
        return 1


def show_status(config: Config, target: Target, job_id: str, *, as_json: bool) -> int:
    """``build.py status JOB_ID`` through the API of the targeted stack."""
    deployment = stack_deployment(config, target)
    if target.is_local:
        from local_aws.bridges.apigateway import api_url_from_output
        from ops.deploy import stack_outputs

        outputs = stack_outputs(target.client("cloudformation"), config.stack_name)
        deployment.api.base_url = api_url_from_output(target.endpoint_url, outputs["ApiUrl"])
    view = deployment.api.job(job_id)
    if as_json:
        print(json.dumps(view, indent=2))
        return 0
    state = current_state(target.client("stepfunctions"), execution_arn(deployment.state_machine_arn, job_id))
    print(f"{job_id}  {view['status']}" + (f"  ({state})" if state and view["status"] not in FINAL_STATUSES else ""))
    if view.get("error"):
        code, message = describe_failure(view["error"].get("code"), view["error"].get("message"))
        print(f"error {code}: {message}")
    if view.get("totals"):
        print("totals: " + ", ".join(f"{k} {v:g}" for k, v in view["totals"].items()))
    return 0


DEMO_VIDEO = Path(__file__).resolve().parent.parent / "runs" / "sample" / "meal.mp4"
MODELS_HOME = Path(__file__).resolve().parent.parent / ".models"


def demo_models(config: Config, models: str | None, reporter: Reporter) -> Path | None:
    """The weights for the demo: a given folder, ``random`` (tiny random weights), or the real ones.

    Returns ``None`` after explaining how to get weights when none can be had.
    """
    if models and models != "random":
        return Path(models)
    if models == "random":
        from gpu_tasks.models import write_random_models

        folder = MODELS_HOME / "random-tiny"
        if not folder.is_dir():
            reporter.info(f"writing tiny random-initialised models to {folder}")
            write_random_models(folder, size="tiny", config=config)
        reporter.warn("running with RANDOM weights: the items found are not real; every output says weights: random")
        return folder
    folder = MODELS_HOME / "pretrained"
    if folder.is_dir() and any(folder.iterdir()):
        return folder
    try:
        from gpu_tasks.models import sync_models

        reporter.info(f"fetching the configured models into {folder} (about 1 GB, needs internet)")
        sync_models(config, str(folder))
        return folder
    except Exception as error:  # noqa: BLE001 - any failure here means: no weights; say how to get them
        reporter.warn(
            f"model weights are missing and could not be fetched ({type(error).__name__}: {str(error)[:200]}).\n"
            "  With internet:   python build.py models sync .models/pretrained   then   make demo\n"
            "  Weights elsewhere: make demo MODELS=/path/to/models\n"
            "  Just the plumbing: make demo MODELS=random   (random weights; results are marked and meaningless)"
        )
        return None


def run_demo(config: Config, *, models_dir: str | None, reporter: Reporter) -> int:
    """``make demo``: the sample clip through the whole pipeline on the embedded AWS."""
    from ops.sample_video import write_sample_video

    video = write_sample_video(DEMO_VIDEO)
    reporter.info(f"sample video: {video} (synthetic; run your own with `python build.py run your_meal.mp4`)")
    models = demo_models(config, models_dir, reporter)
    if models is None:
        return 2

    class _Args:
        pass

    args = _Args()
    args.video, args.out, args.stack, args.port, args.models = str(video), "runs", None, 0, str(models)
    args.timeout, args.json, args.profile = 1800.0, False, None
    return run_video(config, args, reporter=reporter)
