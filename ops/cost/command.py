"""``build.py cost``: the monthly AWS cost of the deployed design for a config and a usage, per service.

What is deployed is counted from the synthesized main template and the AnalyzeMeal definition
(:mod:`ops.cost.deployment`); how it is used comes from stated assumptions (:mod:`ops.cost.usage`);
prices are us-east-1 list prices (:mod:`ops.cost.prices`); :mod:`ops.cost.estimate` prices each line,
fixed (per month) apart from variable (per job). This module runs the command and draws the tables; its
flags are :mod:`ops.cost.arguments`.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from ops.cost import prices as p
from ops.cost.estimate import Estimate, estimate_cost, estimate_paths
from ops.cost.usage import CostInputError, Usage
from pipeline.config import Config, config_from_mapping


#: config settings ``build.py cost`` may override for one estimate (its deployment toggles)
TOGGLES = ("enable_waf", "enable_encryption", "enable_spot_instances", "provisioned_concurrent_executions",
           "dynamodb_billing_mode", "min_vcpus")


def config_with_toggles(config: Config, toggles: dict[str, Any]) -> Config:
    """``config`` with ``toggles`` (settings of :data:`TOGGLES`) applied, validated again."""
    if not toggles:
        return config
    return config_from_mapping({**config.model_dump(), **toggles}, source="build.py cost")


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


def run_cost(config: Config, *, usage: dict[str, Any] | None = None, toggles: dict[str, Any] | None = None,
             as_json: bool = False) -> int:
    """``build.py cost``: print the estimate for ``usage`` (:class:`Usage` assumptions, the rest default) and the
    config with ``toggles`` applied (a table, or JSON); 2 on a bad assumption or toggle."""
    from rich.console import Console

    try:
        config = config_with_toggles(config, toggles or {})
        estimate_usage = Usage(**(usage or {}))
        definition = _analyze_meal_definition(config)
        estimate = estimate_cost(config, estimate_usage, definition)
        paths = estimate_paths(config, estimate_usage, definition)
    except CostInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for warning in estimate.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if as_json:
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
