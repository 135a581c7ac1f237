"""``build.py cost``: the monthly AWS cost of the deployed design for a config and a usage, per service.

What is deployed is counted from the synthesized main template and the AnalyzeMeal definition
(:mod:`ops.cost_deployment`); how it is used comes from stated assumptions (:mod:`ops.cost_usage`);
prices are us-east-1 list prices (:mod:`ops.cost_prices`); :mod:`ops.cost_estimate` prices each line,
fixed (per month) apart from variable (per job). This module is the command line and the tables.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from typing import Any

from ops import cost_prices as p
from ops.cost_estimate import Estimate, estimate_cost, estimate_paths
from ops.cost_usage import LAMBDA_SECONDS, CostInputError, Usage
from pipeline.config import Config, config_from_mapping


def _number(kind: type, *, minimum: float = 0.0, maximum: float | None = None, above: bool = False):
    """An argparse type: a finite ``kind`` at least ``minimum`` (more than it when ``above``), at most ``maximum``."""
    def parse(text: str) -> float:
        try:
            value = kind(text)
            if not math.isfinite(value):
                raise ValueError(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {'an integer' if kind is int else 'a number'}, got {text!r}")
        if value < minimum or (above and value == minimum) or (maximum is not None and value > maximum):
            bound = f"from {minimum:g} to {maximum:g}" if maximum is not None else \
                f"{'more than' if above else 'at least'} {minimum:g}"
            raise argparse.ArgumentTypeError(f"must be {bound}, got {text}")
        return value
    return parse


def _lambda_seconds(text: str) -> tuple[str, float]:
    key, _, seconds = text.partition("=")
    if key not in LAMBDA_SECONDS:
        raise argparse.ArgumentTypeError(f"function must be one of {', '.join(LAMBDA_SECONDS)}, got {key!r}")
    return key, _number(float)(seconds)


_TYPES = {"spot_discount": _number(float, maximum=1), "on_demand_share": _number(float, maximum=1),
          "minutes_per_video": _number(float, above=True), "jobs_per_host": _number(float, above=True),
          "results_months": _number(int, above=True), "keyframes": _number(int, minimum=1),
          "instance_type": str, "compute_path": str}


def add_cost_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``build.py cost``: one flag per :class:`Usage` assumption, plus config toggles."""
    for item in dataclasses.fields(Usage):
        flag = "--" + item.name.replace("_", "-")
        text = f"{item.metadata['help']} ({item.metadata['unit'] + ', ' if item.metadata['unit'] else ''}default: "
        if item.name == "lambda_seconds":
            parser.add_argument(flag, type=_lambda_seconds, action="append", metavar="FUNCTION=S",
                                help=text + ", ".join(f"{k}={v:g}" for k, v in LAMBDA_SECONDS.items()) + ")")
            continue
        kind = _TYPES.get(item.name) or _number(int if item.type.startswith("int") else float)
        default = "from the config" if item.default is None else item.default
        parser.add_argument(flag, type=kind, default=None, metavar="TYPE" if kind is str else "N",
                            help=(text + f"{default})").replace("%", "%%"))
    toggles = parser.add_argument_group("deployment toggles (override the config)")
    for name, setting in (("waf", "enable_waf"), ("encryption", "enable_encryption"),
                          ("spot", "enable_spot_instances")):
        toggles.add_argument(f"--{name}", dest=setting, action=argparse.BooleanOptionalAction, default=None,
                             help=f"override {setting}")
    toggles.add_argument("--provisioned-concurrency", dest="provisioned_concurrent_executions", default=None,
                         type=_number(int), metavar="N", help="override provisioned_concurrent_executions (per API function)")
    toggles.add_argument("--dynamodb-billing-mode", choices=["PAY_PER_REQUEST", "PROVISIONED"], default=None)
    toggles.add_argument("--min-vcpus", dest="min_vcpus", default=None, type=_number(int), metavar="N",
                         help="override min_vcpus: GPU vCPUs kept running (the warm pool, a fixed monthly cost)")
    parser.add_argument("--json", action="store_true", help="print the estimate as JSON")


def usage_from_args(args: argparse.Namespace) -> Usage:
    """The :class:`Usage` given by the flags (defaults for those left out)."""
    values = {item.name: getattr(args, item.name) for item in dataclasses.fields(Usage)
              if getattr(args, item.name, None) is not None}
    if "lambda_seconds" in values:
        values["lambda_seconds"] = {**LAMBDA_SECONDS, **dict(values["lambda_seconds"])}
    return Usage(**values)


def config_with_toggles(config: Config, args: argparse.Namespace) -> Config:
    """``config`` with the toggles given on the command line applied (validated again)."""
    names = ("enable_waf", "enable_encryption", "enable_spot_instances", "provisioned_concurrent_executions",
             "dynamodb_billing_mode", "min_vcpus")
    changes = {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}
    if not changes:
        return config
    return config_from_mapping({**config.model_dump(), **changes}, source="build.py cost")


def _money(value: float, digits: int = 2) -> str:
    return f"${value:,.{digits}f}"


def render(estimate: Estimate, console: Any) -> None:
    """The estimate as rich tables: lines per service, totals, then every assumption."""
    from rich.table import Table

    jobs = estimate.usage.jobs_per_month
    table = Table(title=f"Monthly AWS cost, {estimate.env} ({estimate.region}), {jobs:,.0f} jobs/month",
                  title_justify="left")
    for column, justify in (("Service", "left"), ("Item", "left"), ("Fixed /month", "right"),
                            ("Variable /month", "right"), ("Per job", "right"), ("Basis", "left")):
        table.add_column(column, justify=justify)
    for line in estimate.lines:
        fixed = line.kind == "fixed"
        table.add_row(line.service, line.item, _money(line.usd) if fixed else "",
                      "" if fixed else _money(estimate.monthly(line)), "" if fixed else _money(line.usd, 5), line.basis)
    table.add_section()
    table.add_row("Total", "", _money(estimate.total("fixed")), _money(estimate.total("variable")),
                  _money(estimate.variable_per_job, 5), f"all in: {_money(estimate.total())}/month")
    console.print(table)
    largest = max((line for line in estimate.lines if line.kind == "fixed"), key=lambda line: line.usd)
    per_job = _money(estimate.total() / jobs, 4) if jobs else "n/a (no jobs)"
    console.print(f"Cost per job: {_money(estimate.variable_per_job, 4)} variable, {per_job} with the fixed costs. "
                  f"Largest fixed cost: {largest.service} {largest.item} "
                  f"({largest.usd / estimate.total('fixed'):.0%} of {_money(estimate.total('fixed'))}/month).")
    assumptions = Table(title="Assumptions (override with the flags of the same name)", title_justify="left")
    for column in ("Assumption", "Value", "Meaning"):
        assumptions.add_column(column)
    for item in dataclasses.fields(Usage):
        value = getattr(estimate.usage, item.name)
        text = ", ".join(f"{k}={v:g}" for k, v in value.items()) if isinstance(value, dict) else \
            f"{value:g}" if isinstance(value, float) else str(value if value is not None else "(see meaning)")
        unit = item.metadata["unit"]
        assumptions.add_row("--" + item.name.replace("_", "-"), f"{text} {unit}".strip(), item.metadata["help"])
    console.print(assumptions)
    console.print(f"Prices: {p.PRICE_SOURCE}. Every state entered counts as one transition, "
                  "the final Succeed included.")


def _analyze_meal_definition(config: Config) -> dict[str, Any]:
    """The AnalyzeMeal ASL (``states`` keeps the SDK's import chatter off stdout)."""
    from states.analyze_meal import build_analyze_meal_definition

    return build_analyze_meal_definition(config)


def run_cost(args: argparse.Namespace, config: Config) -> int:
    """``build.py cost``: print the estimate (a table, or JSON with ``--json``); 2 on a bad argument."""
    from rich.console import Console

    try:
        config = config_with_toggles(config, args)
        usage = usage_from_args(args)
        definition = _analyze_meal_definition(config)
        estimate = estimate_cost(config, usage, definition)
        paths = estimate_paths(config, usage, definition)
    except CostInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for warning in estimate.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps({**estimate.to_json(), "paths": {path: _path_summary(each) for path, each in paths.items()}},
                         indent=2, sort_keys=True))
    else:
        console = Console(width=max(Console().width, 160))
        render(estimate, console)
        render_paths(paths, console)
    return 0


def _path_summary(estimate: Estimate) -> dict[str, float]:
    return {"variable_per_job_usd": round(estimate.variable_per_job, 5),
            "fixed_monthly_usd": round(estimate.total("fixed"), 2),
            "total_monthly_usd": round(estimate.total(), 2)}


def render_paths(paths: dict[str, Estimate], console: Any) -> None:
    """Each compute path the config deploys, priced with the same assumptions."""
    from rich.table import Table

    table = Table(title="Per compute path (same assumptions; ChooseCompute picks one per video)", title_justify="left")
    for column in ("Path", "Per job", "Fixed /month", "All in /month", "Analysis billed as"):
        table.add_column(column)
    for path, estimate in paths.items():
        analysis = [line for line in estimate.lines if line.service.startswith("Batch")]
        table.add_row(path, _money(estimate.variable_per_job, 5), _money(estimate.total("fixed")),
                      _money(estimate.total()), analysis[0].basis if analysis else "")
    console.print(table)
