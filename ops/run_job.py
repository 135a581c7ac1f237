"""``build.py run``, ``status`` and ``demo``: send a meal video, follow its job, show its nutrition."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import botocore.exceptions
from rich.console import Console

from ops.api_client import ApiClient, ApiError
from ops.aws import Target, listening, local_target
from ops.console import Reporter, make_console
from ops.errors import CommandError, ExitCode, NotFoundError
from ops.sign_in import access_token
from pipeline.config import Config
from pipeline.contracts.detections import Detections
from pipeline.contracts.results import Results
from pipeline.errors import describe_failure
from pipeline.jobs import execution_arn
from pipeline.report import COST_COLUMNS, RESULT_COLUMNS, cost_rows, cost_summary, render_report, results_rows
from templates.names import MainOutput

FINAL_STATUSES = {"COMPLETED", "FAILED"}


class JobTimedOut(CommandError):
    """``run`` stopped waiting; the job itself goes on."""

    exit_code = ExitCode.FAILED


@dataclass
class Deployment:
    """What a client needs: the API, and the state machine for naming the current step."""

    target: Target
    api: ApiClient
    state_machine_arn: str


def entered_events(sfn, arn: str) -> list[tuple[int, str]]:
    """``(event id, state name)`` of every state the execution entered, oldest first (empty before it starts)."""
    try:
        pages = sfn.get_paginator("get_execution_history").paginate(executionArn=arn)
        return [(e["id"], e["stateEnteredEventDetails"]["name"]) for page in pages for e in page["events"]
                if "stateEnteredEventDetails" in e]
    except botocore.exceptions.ClientError:  # the execution does not exist yet: the job status says enough
        return []


def entered_states(sfn, arn: str) -> list[str]:
    """Names of the states the execution entered, oldest first (empty before it starts)."""
    return [name for _, name in entered_events(sfn, arn)]


def current_state(sfn, arn: str) -> str | None:
    """Name of the state the execution entered last (None before it starts)."""
    try:
        events = sfn.get_execution_history(executionArn=arn, reverseOrder=True, maxResults=25)["events"]
    except botocore.exceptions.ClientError:  # the execution may not exist yet
        return None
    for event in events:
        details = event.get("stateEnteredEventDetails")
        if details:
            return details["name"]
    return None


def execution_ended(sfn, arn: str) -> bool:
    """Whether the execution has stopped running (True when there is none to wait for)."""
    try:
        return sfn.describe_execution(executionArn=arn)["status"] != "RUNNING"
    except botocore.exceptions.ClientError:
        return True


#: How long ``follow_job`` waits, once the job is final, for its execution's last states (NotifySuccess,
#: the end state) to be entered, s.
EXECUTION_END_WAIT_S = 30.0


def follow_job(deployment: Deployment, job_id: str, *, timeout_s: float, console: Console, poll_s: float = 0.5) -> dict:
    """Poll the job until it is final and its execution has ended, naming every state the execution
    enters, in order, however briefly: each history event is named once, by its id, and the states
    after the job's last write (NotifySuccess, NotifyFailure, the end state) are waited for."""
    sfn = deployment.target.client("stepfunctions")
    arn = execution_arn(deployment.state_machine_arn, job_id)
    deadline = time.monotonic() + timeout_s
    named: set[int] = set()
    last_status, final_since = None, None
    with console.status("waiting for the upload to start the analysis") as status:
        while True:
            view = deployment.api.job(job_id)
            final = view["status"] in FINAL_STATUSES
            ended = final and execution_ended(sfn, arn)  # asked before reading the history: that read is then complete
            new = [(event_id, state) for event_id, state in entered_events(sfn, arn) if event_id not in named]
            for event_id, state in new:
                line = f"{view['status']} · {state}"
                console.log(line)
                status.update(line)
                named.add(event_id)
            if not new and view["status"] != last_status:
                console.log(view["status"])
                status.update(view["status"])
            last_status = view["status"]
            if final:
                final_since = final_since or time.monotonic()
                if ended or time.monotonic() - final_since > EXECUTION_END_WAIT_S:
                    return view
            if time.monotonic() > deadline:
                raise JobTimedOut(f"job {job_id} still {view['status']} after {timeout_s:.0f} s; it goes on: "
                                  f"`python build.py status {job_id}` follows it (--timeout waits longer)", value=job_id)
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
            console: Console, reporter: Reporter, after: Callable[[Results, Path], None] | None = None) -> int:
    """The whole client flow; returns the process exit code. ``after(results, run_dir)`` runs once the
    results are saved and shown (the demo compares them with its scene's truth)."""
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
        if results.cost is not None:  # measured by nutrition_rag while the job ran
            reporter.table(f"Cost of job {job_id}", list(COST_COLUMNS), cost_rows(results.cost))
            reporter.info(cost_summary(results.cost))
        for warning in results.warnings:
            reporter.warn(f"{warning.code}: {warning.message}")
    if after is not None:
        after(results, run_dir)
    console.log(f"wrote {run_dir / 'results.json'} and {run_dir / 'report.html'}")
    return 0


def stack_deployment(config: Config, target: Target, stack_name: str | None = None) -> Deployment:
    """A client of the main stack deployed on AWS (``stack_name``, by default the config's): its API key read when
    the API requires one (``auth.mode = "api_key"``), the stored sign-in when it signs people in (``jwt``)."""
    from ops.deploy import stack_outputs
    from ops.stack_commands import require_stack

    name = stack_name or config.stack_name
    cfn = target.client("cloudformation")
    require_stack(cfn, name, target)
    outputs = stack_outputs(cfn, name)
    if MainOutput.API_URL.value not in outputs or MainOutput.STATE_MACHINE_ARN.value not in outputs:
        raise NotFoundError(f"stack {name} in region {target.region} has no {MainOutput.API_URL.value} or "
                            f"{MainOutput.STATE_MACHINE_ARN.value} output: give the main stack's name "
                            f"(`{config.stack_name}` for --env {config.environment})", value=name)
    api_key = None
    if outputs.get(MainOutput.API_KEY_ID.value):
        api_key = target.client("apigateway").get_api_key(apiKey=outputs[MainOutput.API_KEY_ID.value],
                                                          includeValue=True)["value"]
    api = ApiClient(outputs[MainOutput.API_URL.value], api_key=api_key, bearer_token=access_token(target, outputs))
    return Deployment(target, api, outputs[MainOutput.STATE_MACHINE_ARN.value])


def local_stack_deployment(config: Config, target: Target) -> Deployment:
    """A client of the stack deployed in the embedded AWS at ``target`` (its API served under ``/_api/``)."""
    from local_aws.bridges.apigateway import api_url_from_output
    from ops.deploy import stack_outputs
    from ops.stack_commands import require_stack

    cfn = target.client("cloudformation")
    require_stack(cfn, config.stack_name, target)
    outputs = stack_outputs(cfn, config.stack_name)
    if MainOutput.API_URL.value not in outputs or MainOutput.STATE_MACHINE_ARN.value not in outputs:
        raise NotFoundError(f"stack {config.stack_name} at {target.endpoint_url} has no API yet; wait until "
                            "`local up` prints \"Try it:\", then run again")
    api = ApiClient(api_url_from_output(target.endpoint_url, outputs[MainOutput.API_URL.value]),
                    bearer_token=access_token(target, outputs))
    return Deployment(target, api, outputs[MainOutput.STATE_MACHINE_ARN.value])


@contextlib.contextmanager
def local_deployment(config: Config, *, port: int, models_dir: str | None, reporter: Reporter) -> Iterator[Deployment]:
    """The embedded AWS on ``port`` when one listens there (a ``local up``), else one started for this run
    (on ``port``, or any free port for 0) with the stack deployed into it, stopped when the run ends."""
    from local_aws.bridges.apigateway import api_url_from_output
    from local_aws.cli import embedded_stack

    if listening(port):
        target = local_target(config.region, port)
        reporter.info(f"using the embedded AWS on {target.endpoint_url}")
        if models_dir is not None:
            reporter.warn(f"--models {models_dir} is ignored: the running embedded AWS uses the models it was "
                          "started with (`local up --models DIR`)")
        yield local_stack_deployment(config, target)
        return

    def started(aws) -> None:
        reporter.info(f"no embedded AWS on port {port}: started one on {aws.endpoint_url} for this run; it stops when "
                      "the run ends (`python build.py local up` keeps one, so `status` and `logs` can find the job)"
                      if port else f"embedded AWS for this run on {aws.endpoint_url}; deploying {config.stack_name}")

    with embedded_stack(config, port=port, models_dir=models_dir, reporter=_Quiet(reporter),
                        on_started=started) as (aws, outputs):
        target = local_target(config.region, aws.port)
        api = ApiClient(api_url_from_output(aws.endpoint_url, outputs[MainOutput.API_URL.value]),
                        bearer_token=access_token(target, outputs))
        yield Deployment(target, api,
                         outputs[MainOutput.STATE_MACHINE_ARN.value])


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


def run_video(config: Config, video: Path, *, out_dir: Path, timeout_s: float, as_json: bool, reporter: Reporter,
              stack: str | None = None, profile: str | None = None, port: int, models_dir: str | None = None) -> int:
    """``build.py run VIDEO``: on the embedded AWS listening on ``port`` (or one started for the run), or on the
    deployed ``stack``; waits up to ``timeout_s`` (s) and saves the results under ``out_dir``."""
    console = make_console()
    if not video.is_file():
        raise NotFoundError(f"video not found: {video}; give the path of a meal video", value=str(video))
    if stack:
        target = Target(region=config.region, profile=profile)
        target.check_credentials()
        return run_job(stack_deployment(config, target, stack), video, out_dir=out_dir, timeout_s=timeout_s,
                       as_json=as_json, console=console, reporter=reporter)
    with local_deployment(config, port=port, models_dir=models_dir, reporter=reporter) as deployment:
        return run_job(deployment, video, out_dir=out_dir, timeout_s=timeout_s, as_json=as_json,
                       console=console, reporter=reporter)


def deployment_for(config: Config, target: Target) -> Deployment:
    """The stack of ``config`` on ``target``: the embedded AWS's (``--local``) or a deployed one."""
    return local_stack_deployment(config, target) if target.is_local else stack_deployment(config, target)


def show_status(config: Config, target: Target, job_id: str, *, as_json: bool) -> int:
    """``build.py status JOB_ID`` through the API of the targeted stack."""
    deployment = deployment_for(config, target)
    try:
        view = deployment.api.job(job_id)
    except ApiError as error:
        if error.status in (400, 404):
            raise NotFoundError(f"no job {job_id}" + (f" in the embedded AWS at {target.endpoint_url}" if target.is_local
                                                      else f" in {config.stack_name}"), value=job_id) from None
        raise
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
