"""The job's measured cost as people read it, shared by ``build.py run`` and the HTML report."""

from __future__ import annotations

from pipeline.contracts.results import JobCost
from pipeline.cost.job_cost import cost_bound

COST_COLUMNS = ("service", "item", "quantity", "USD", "bound", "basis")
_BOUND_WORDS = {"measured": "as billed", "lower": "at least", "upper": "at most", "mixed": "about"}
_UNITS = {"s": "s", "transitions": "transitions", "requests": "requests"}


def usd(value: float | None) -> str:
    """Dollars with enough digits for a fraction of a cent: ``$0.000123``; ``n/a`` when unpriced."""
    return "n/a" if value is None else f"${value:.6f}"


def cost_rows(cost: JobCost) -> list[list[str]]:
    """One row per billed item plus a total row (seconds to the millisecond, dollars to the micro-dollar)."""
    rows = [[item.service, item.item, f"{item.quantity:g} {_UNITS[item.unit]}", usd(item.usd), item.bound, item.basis]
            for item in cost.items]
    seconds = ", ".join(f"{service} {value:g} s" for service, value in cost.seconds.items())
    rows.append(["total", seconds, "", usd(cost.usd), cost_bound(cost), ""])
    return rows


def cost_summary(cost: JobCost) -> str:
    """One line: the total, how it relates to the bill, and the price list it came from."""
    words = _BOUND_WORDS[cost_bound(cost)]
    missing = f"; not measured: {', '.join(gap.part for gap in cost.gaps)}" if cost.gaps else ""
    return f"This job cost {words} {usd(cost.usd)} ({cost.price_list}){missing}."
