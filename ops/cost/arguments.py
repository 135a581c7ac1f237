"""``build.py cost``'s arguments, read at the edge: one flag per :class:`~ops.cost.usage.Usage` assumption, the
deployment toggles that override the config, and their reading into plain values for :func:`ops.cost.command.run_cost`."""

from __future__ import annotations

import argparse
import dataclasses
import math
from typing import Any

from ops.cost.command import TOGGLES
from ops.cost.usage import LAMBDA_SECONDS, Usage


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


def usage_values(args: argparse.Namespace) -> dict[str, Any]:
    """The :class:`Usage` assumptions the flags give (those left out keep their defaults)."""
    values = {item.name: getattr(args, item.name) for item in dataclasses.fields(Usage)
              if getattr(args, item.name, None) is not None}
    if "lambda_seconds" in values:
        values["lambda_seconds"] = {**LAMBDA_SECONDS, **dict(values["lambda_seconds"])}
    return values


def usage_from_args(args: argparse.Namespace) -> Usage:
    """The :class:`Usage` given by the flags (defaults for those left out)."""
    return Usage(**usage_values(args))


def toggle_values(args: argparse.Namespace) -> dict[str, Any]:
    """The config settings the deployment toggles override."""
    return {name: getattr(args, name) for name in TOGGLES if getattr(args, name, None) is not None}
