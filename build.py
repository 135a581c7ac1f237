#!/usr/bin/env python3
"""Command line of Nutrition Video Analysis: synth, lint, deploy, inspect, run jobs, local AWS.

Every command parses its arguments here and hands the work to a module (``ops``, ``local_aws``,
``pipeline``, ``gpu_tasks``). `python build.py COMMAND --help` documents each one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
REPO_ROOT = Path(__file__).resolve().parent
DEFAULT_LOCAL_PORT = 4566


def _common(parser: argparse.ArgumentParser, *, local: bool = False) -> None:
    parser.add_argument("--env", default="dev", help="environment: config/<ENV>.toml (default: dev)")
    parser.add_argument("--region", help="AWS region (overrides the config)")
    parser.add_argument("--profile", help="AWS named profile")
    if local:
        parser.add_argument("--local", action="store_true", help="target the embedded AWS (see `local up`)")
        parser.add_argument("--port", type=int, default=DEFAULT_LOCAL_PORT, help="embedded AWS port (default: %(default)s)")


def _config(args: argparse.Namespace):
    from pipeline.config import load_config

    return load_config(args.env, overrides={"region": getattr(args, "region", None)})


def _target(args: argparse.Namespace, config):
    from ops.aws import Target, local_target

    if getattr(args, "local", False):
        return local_target(config.region, args.port)
    target = Target(region=config.region, profile=args.profile)
    target.check_credentials()
    return target


def _reporter():
    from ops.console import ConsoleReporter

    return ConsoleReporter()


def _print_json(value) -> None:
    print(json.dumps(value, indent=2, sort_keys=True, default=str))


# --- commands --------------------------------------------------------------------------------

def cmd_synth(args) -> int:
    from ops.synth import synthesize, write_synthesized

    for path in write_synthesized(synthesize(_config(args)), Path(args.out)):
        print(path)
    return 0


def cmd_lint(args) -> int:
    from ops.lint import lint_all
    from ops.synth import synthesize

    config = _config(args)
    problems = lint_all(synthesize(config), config.region)
    for problem in problems:
        print(f"{problem.level:<13} {problem.document}: {problem.message}")
    errors = [p for p in problems if p.level == "error"]
    print(f"cfn-lint + statelint: {len(errors)} errors, {len(problems) - len(errors)} other findings")
    return 1 if errors else 0


def _confirm(assume_yes: bool):
    def confirm(changes) -> bool:
        if assume_yes or not changes:
            return True
        if not sys.stdin.isatty():
            print("refusing to execute a change set without a terminal; pass --yes", file=sys.stderr)
            return False
        return input(f"Execute {len(changes)} changes? [y/N] ").strip().lower() in ("y", "yes")

    return confirm


def cmd_deploy(args) -> int:
    from ops.pipeline_deploy import deploy_pipeline

    config = _config(args)
    result = deploy_pipeline(
        config, _target(args, config), reporter=_reporter(), image_uri=args.image_uri, cpu_image_uri=args.cpu_image_uri,
        confirm=_confirm(args.yes),
        preflight=not args.skip_preflight, continue_rollbacks=args.continue_rollback,
    )
    _print_json(result.main)
    return 0


def cmd_doctor(args) -> int:
    from ops.preflight import report, run_preflight

    config = _config(args)
    checks = run_preflight(_target(args, config), config)
    report(checks, _reporter(), title=f"Is the account ready for {config.stack_name}?")
    if checks.failures:
        print(f"{len(checks.failures)} checks failed: deploy would stop before changing anything", file=sys.stderr)
        return 1
    print("ready to deploy")
    return 0


def cmd_diff(args) -> int:
    from ops.stack_commands import diff
    from ops.synth import synthesize

    config = _config(args)
    count = diff(config, _target(args, config), synthesize(config), _reporter())
    print(f"{count} changes")
    return 0


def cmd_outputs(args) -> int:
    from ops.stack_commands import outputs

    config = _config(args)
    values = outputs(config, _target(args, config))
    if args.json:
        _print_json(values)
    else:
        for key, value in sorted(values.items()):
            print(f"{key:<24} {value}")
    return 0


def cmd_destroy(args) -> int:
    from ops.stack_commands import destroy

    from ops.errors import NotConfirmed
    from ops.stack_commands import what_destroy_deletes

    config = _config(args)
    if not args.yes:
        question = f"{what_destroy_deletes(config, purge=args.purge)}. Go on? [y/N] "
        if not sys.stdin.isatty():
            raise NotConfirmed(f"nothing deleted: without a terminal, confirm with --yes "
                               f"({what_destroy_deletes(config, purge=args.purge)})")
        if input(question).strip().lower() not in ("y", "yes"):
            raise NotConfirmed("nothing deleted")
    destroy(config, _target(args, config), _reporter(), purge=args.purge)
    return 0


def cmd_drift(args) -> int:
    from ops.stack_commands import drift

    config = _config(args)
    drifted = drift(config, _target(args, config), _reporter())
    for item in drifted:
        print(f"{item['StackResourceDriftStatus']:<10} {item['LogicalResourceId']} ({item['ResourceType']})")
    return 1 if drifted else 0


def cmd_secrets(args) -> int:
    from ops.secrets import set_secret

    config = _config(args)
    name = set_secret(config, _target(args, config), args.name, from_env=args.from_env)
    print(f"stored secret {name}")
    return 0


def cmd_local(args) -> int:
    from local_aws.cli import local_down, local_up

    config = _config(args)
    if args.action == "up":
        return local_up(config, port=args.port, models_dir=args.models, reporter=_reporter())
    return local_down(port=args.port)


def cmd_run(args) -> int:
    from ops.run_job import run_video

    config = _config(args)
    return run_video(config, Path(args.video), out_dir=Path(args.out), timeout_s=args.timeout, as_json=args.json,
                     reporter=_reporter(), stack=args.stack, profile=args.profile, port=args.port,
                     models_dir=args.models)


def cmd_login(args) -> int:
    from ops.deploy import stack_outputs
    from ops.sign_in import create_local_account, login, read_password
    from ops.stack_commands import require_stack

    config = _config(args)
    target = _target(args, config)
    cfn = target.client("cloudformation")
    require_stack(cfn, config.stack_name, target)
    outputs = stack_outputs(cfn, config.stack_name)
    password = read_password(f"password of {args.username}: ", args.password_env)
    if args.create:
        create_local_account(target, outputs, args.username, password)
    path = login(target, outputs, args.username, password=password,
                 new_password=lambda: read_password("choose a new password: ", args.new_password_env))
    print(f"signed in as {args.username}; the token is kept in {path} (readable by you only) for run, status and correct")
    return 0


def cmd_backfill(args) -> int:
    from ops.backfill_report import run_backfill
    from ops.errors import CommandError
    from pipeline.layout import S3Uri

    try:
        uri = S3Uri.parse(args.prefix)
    except ValueError:
        raise CommandError(f"not an S3 prefix: {args.prefix!r}; give s3://bucket/prefix/", value=args.prefix) from None
    config = _config(args)
    return run_backfill(config, _target(args, config), uri, max_concurrency=args.max_concurrency,
                        tolerated_failure_percentage=args.tolerated_failure_percentage, timeout_s=args.timeout,
                        reporter=_reporter())


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _percentage(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"must be 0 to 100, got {value}")
    return value


def cmd_status(args) -> int:
    from ops.run_job import show_status

    config = _config(args)
    return show_status(config, _target(args, config), args.job_id, as_json=args.json)


def cmd_correct(args) -> int:
    from ops.corrections import changes_from_arguments, correct
    from ops.run_job import deployment_for

    config = _config(args)
    changes = changes_from_arguments(args.set, args.remove, args.add)
    return correct(deployment_for(config, _target(args, config)).api, args.job_id, changes, if_match=args.if_match,
                   as_json=args.json, reporter=_reporter())


def cmd_logs(args) -> int:
    from ops.logs import show_logs

    config = _config(args)
    return show_logs(config, _target(args, config), args.function, follow=args.follow, minutes=args.minutes)


def cmd_nutrition(args) -> int:
    from ops.nutrition import run_nutrition
    from ops.progress import StageProgress

    with StageProgress() as progress:
        return run_nutrition(args.file, top_k=args.top_k, min_confidence=args.min_confidence, table=args.table,
                             knowledge_base=args.knowledge_base, progress=progress)


def cmd_data(args) -> int:
    from ops.nutrition import run_data
    from ops.progress import StageProgress

    with StageProgress() as progress:
        return run_data(source_dir=args.source_dir if args.data_command == "refresh" else None, out_dir=args.out,
                        data_types=args.data_types, progress=progress)


def cmd_models(args) -> int:
    from ops.models import random_models, sync_models_to

    config = _config(args)
    if args.models_command == "random":
        return random_models(args.directory, size=args.size, seed=args.seed, config=config)
    return sync_models_to(args.destination, config=config)


def cmd_openapi(args) -> int:
    from lambdas.api.handler import build_app
    from lambdas.api.openapi import openapi_document

    text = json.dumps(openapi_document(build_app()), indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n")
        print(args.out)
    else:
        print(text)
    return 0


def cmd_cost(args) -> int:
    from ops.cost.arguments import toggle_values, usage_values
    from ops.cost.command import run_cost

    return run_cost(_config(args), usage=usage_values(args), toggles=toggle_values(args), as_json=args.json)


def cmd_demo(args) -> int:
    from ops.demo import run_demo

    return run_demo(_config(args), models_dir=args.models, reporter=_reporter())


# --- parser ----------------------------------------------------------------------------------

def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; modules that own a command's arguments are imported only when ``command`` is theirs."""
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler, help_text: str, *, local: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _common(sub, local=local)
        sub.set_defaults(handler=handler)
        return sub

    sub = add("synth", cmd_synth, "write *.template.json and *.asl.json")
    sub.add_argument("--out", default="build/synth", help="output directory (default: %(default)s)")
    add("lint", cmd_lint, "cfn-lint the templates and statelint the state machine")
    sub = add("deploy", cmd_deploy, "build artifacts and deploy both stacks through change sets", local=True)
    sub.add_argument("--yes", action="store_true", help="execute change sets without asking")
    sub.add_argument("--image-uri", help="GPU image already pushed elsewhere (skips the Docker build)")
    sub.add_argument("--cpu-image-uri", help="CPU (Fargate, linux/arm64) image already pushed elsewhere")
    sub.add_argument("--continue-rollback", action="store_true",
                     help="first finish the rollback of a stack left in UPDATE_ROLLBACK_FAILED")
    sub.add_argument("--skip-preflight", action="store_true",
                     help="deploy without reading the account's quotas and settings first (see `doctor`)")
    add("doctor", cmd_doctor, "check the account before a deploy: quotas, account settings, leftovers", local=True)
    add("diff", cmd_diff, "show what a deploy would change in the main stack", local=True)
    sub = add("outputs", cmd_outputs, "print the main stack's outputs", local=True)
    sub.add_argument("--json", action="store_true")
    sub = add("destroy", cmd_destroy, "delete the stacks (buckets and tables with data are kept)", local=True)
    sub.add_argument("--purge", action="store_true", help="also delete retained buckets and tables")
    sub.add_argument("--yes", action="store_true")
    add("drift", cmd_drift, "detect drift of the main stack", local=True)
    sub = add("secrets", cmd_secrets, "store a secret (the Gemini API key) in Secrets Manager", local=True)
    sub.add_argument("action", choices=["set"])
    sub.add_argument("name", choices=["gemini-api-key"])
    sub.add_argument("--from-env", metavar="VAR", help="read the value from this environment variable")
    sub = add("local", cmd_local, "start (up) or stop (down) the embedded AWS on 127.0.0.1")
    sub.add_argument("action", choices=["up", "down"])
    sub.add_argument("--port", type=int, default=DEFAULT_LOCAL_PORT)
    sub.add_argument("--models", help="directory of model weights for the local Batch jobs")
    sub = add("run", cmd_run, "analyse a meal video end to end and print its nutrition")
    sub.add_argument("video", help="path of the meal video")
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--local", action="store_true", default=True, help="embedded AWS (default)")
    where.add_argument("--stack", help="a deployed stack's name")
    sub.add_argument("--port", type=int, default=DEFAULT_LOCAL_PORT,
                     help="use the embedded AWS (`local up`) on this port, or start one there for this run when none "
                          "listens (0: a fresh one on any free port; default: %(default)s)")
    sub.add_argument("--models", help="directory of model weights")
    sub.add_argument("--json", action="store_true", help="print results.json instead of a table")
    sub.add_argument("--out", default="runs", help="where runs/{job_id}/ goes (default: %(default)s)")
    sub.add_argument("--timeout", type=float, default=1800, help="seconds to wait for the job")
    sub = add("backfill", cmd_backfill, "analyse every video under an S3 prefix (BackfillMeals, a Distributed Map)",
              local=True)
    sub.add_argument("prefix", help="s3://bucket/prefix/ of the videos")
    sub.add_argument("--max-concurrency", type=_at_least_one,
                     help="videos analysed at once (default: backfill.max_concurrency, else what Batch runs at once)")
    sub.add_argument("--tolerated-failure-percentage", type=_percentage,
                     help="percent of the videos that may fail before the backfill fails "
                          "(default: backfill.tolerated_failure_percentage)")
    sub.add_argument("--timeout", type=float, default=86400, help="seconds to follow it (default: %(default)s)")
    sub = add("login", cmd_login, "sign in to the stack's user pool (auth.mode = jwt) and keep the token for the CLI",
              local=True)
    sub.add_argument("--username", required=True, help="the account's e-mail address")
    sub.add_argument("--password-env", metavar="VAR", help="read the password from this environment variable "
                     "(default: ask on the terminal; never give it on the command line)")
    sub.add_argument("--new-password-env", metavar="VAR",
                     help="the new password a first sign-in asks for, from this environment variable")
    sub.add_argument("--create", action="store_true",
                     help="embedded AWS only: create the account first, as an administrator would on AWS")
    sub = add("status", cmd_status, "show a job's status", local=True)
    sub.add_argument("job_id")
    sub.add_argument("--json", action="store_true")
    sub = add("correct", cmd_correct, "correct a completed job's items; prints the new results version", local=True)
    sub.add_argument("job_id")
    sub.add_argument("--set", action="append", default=[], metavar="ID:FIELD=VALUE",
                     help="give item ID a new label or grams: '2:label=brown rice', '3:grams=120' (repeatable)")
    sub.add_argument("--remove", action="append", default=[], metavar="ID", help="remove item ID (repeatable)")
    sub.add_argument("--add", action="append", default=[], metavar="name=FOOD,grams=G",
                     help="add an item the analysis missed (repeatable)")
    sub.add_argument("--if-match", type=int, metavar="VERSION",
                     help="refuse (VERSION_CONFLICT) unless the latest results version is this one")
    sub.add_argument("--json", action="store_true", help="print the new results.json instead of a table")
    sub = add("logs", cmd_logs, "show a function's or the state machine's logs", local=True)
    sub.add_argument("function", nargs="?", help="function key (upload, status, results, validate_upload, ...)")
    sub.add_argument("--follow", action="store_true")
    sub.add_argument("--minutes", type=int, default=60, help="look back this many minutes")
    sub = add("nutrition", cmd_nutrition, "nutrition of meals given as JSON or JSONL")
    _extend_lazily(sub, command, "nutrition", "ops.nutrition", "add_nutrition_arguments")
    sub = add("data", cmd_data, "build or refresh the nutrition knowledge base")
    _extend_lazily(sub, command, "data", "ops.nutrition", "add_data_arguments")
    sub = add("models", cmd_models, "fetch real model weights or write random ones")
    _extend_lazily(sub, command, "models", "ops.models", "add_models_arguments")
    sub = add("openapi", cmd_openapi, "print the API's OpenAPI document")
    sub.add_argument("--out", help="write it to this file")
    sub = add("cost", cmd_cost, "estimate the monthly AWS cost of the deployed design for a usage")
    _extend_lazily(sub, command, "cost", "ops.cost.arguments", "add_cost_arguments")
    sub = add("demo", cmd_demo, "run the sample meal (samples/) on the embedded AWS (what `make demo` does)")
    sub.add_argument("--models", help="directory of model weights, or 'random' (the plumbing check); default: "
                                      ".models/pretrained, else fetched, else no models: the sample's rendered truth")
    return parser


def _extend_lazily(parser: argparse.ArgumentParser, command: str | None, name: str, module: str, function: str) -> None:
    """Let the owning module declare its own arguments (imported only when that command runs)."""
    if command != name:
        return
    import importlib

    getattr(importlib.import_module(module), function)(parser)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    from ops.errors import ExitCode, explain

    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as error:  # noqa: BLE001 - turned into one readable line below
        explained = explain(error)
        if explained is None:
            raise
        print(f"error: {explained.message}", file=sys.stderr)
        return explained.exit_code


if __name__ == "__main__":
    sys.exit(main())
