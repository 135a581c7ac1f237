"""``build.py correct JOB_ID``: correct a completed job's items through the API's corrections route
(``POST /jobs/{job_id}/corrections``) and print the new version's table.

The command line's ``--set ID:FIELD=VALUE``, ``--remove ID`` and ``--add name=N,grams=G`` become the
route's JSON changes here (:func:`changes_from_arguments`); the API checks them and recomputes.
"""

from __future__ import annotations

from typing import Any

from ops.api_client import ApiClient
from ops.console import Reporter
from ops.errors import CommandError
from pipeline.contracts.results import Results
from pipeline.report import RESULT_COLUMNS, results_rows

_SET_FIELDS = {"label": "label", "grams": "grams"}
_ADD_FIELDS = {"name": "label", "label": "label", "grams": "grams"}


def _grams(text: str, argument: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise CommandError(f"{argument}: grams must be a number, got {text!r}", value=text) from None


def _field(name: str, value: str, argument: str, fields: dict[str, str]) -> tuple[str, Any]:
    key = fields.get(name.strip().lower())
    if key is None:
        raise CommandError(f"{argument}: unknown field {name!r}; use {' or '.join(sorted(fields))}", value=argument)
    return key, _grams(value, argument) if key == "grams" else value.strip()


def parse_set(argument: str) -> dict[str, Any]:
    """``"2:label=brown rice"`` or ``"3:grams=120"`` -> a ``set`` change."""
    item_id, _, assignment = argument.partition(":")
    name, equals, value = assignment.partition("=")
    if not item_id.strip() or not equals:
        raise CommandError(f"--set {argument!r}: write ITEM_ID:label=NAME or ITEM_ID:grams=G", value=argument)
    key, parsed = _field(name, value, f"--set {argument!r}", _SET_FIELDS)
    return {"action": "set", "item_id": item_id.strip(), key: parsed}


def parse_add(argument: str) -> dict[str, Any]:
    """``"name=apple,grams=150"`` -> an ``add`` change (the name may not hold a comma)."""
    change: dict[str, Any] = {"action": "add"}
    for part in argument.split(","):
        name, equals, value = part.partition("=")
        if not equals:
            raise CommandError(f"--add {argument!r}: write name=FOOD,grams=G", value=argument)
        key, parsed = _field(name, value, f"--add {argument!r}", _ADD_FIELDS)
        change[key] = parsed
    if "label" not in change or "grams" not in change:
        raise CommandError(f"--add {argument!r}: give both name= and grams=", value=argument)
    return change


def changes_from_arguments(sets: list[str], removes: list[str], adds: list[str]) -> list[dict[str, Any]]:
    """The route's changes, in the order set, remove, add; at least one."""
    changes = [parse_set(s) for s in sets] + [{"action": "remove", "item_id": r.strip()} for r in removes]
    changes += [parse_add(a) for a in adds]
    if not changes:
        raise CommandError("nothing to correct: give --set ID:label=NAME, --set ID:grams=G, --remove ID or "
                           "--add name=FOOD,grams=G")
    return changes


def item_rows(results: Results) -> list[list[str]]:
    """The results table with each item's id first (the id that ``--set`` and ``--remove`` take)."""
    rows = results_rows(results)
    ids = [item.id for item in results.items]
    return [[ids[i] if i < len(ids) else "", *row] for i, row in enumerate(rows)]


def correct(api: ApiClient, job_id: str, changes: list[dict[str, Any]], *, if_match: int | None, as_json: bool,
            reporter: Reporter) -> int:
    """Send the changes; print the new version (a table, or results.json with ``as_json``)."""
    headers = {"If-Match": str(if_match)} if if_match is not None else {}
    answer = api.correct(job_id, changes, headers=headers)
    results = Results.model_validate(answer["results"])
    if as_json:
        print(results.model_dump_json(indent=2))
        return 0
    correction = results.corrections[-1]
    reporter.table(f"Meal {job_id}, version {results.version} (corrected from version {correction.from_version})",
                   ["id", *RESULT_COLUMNS], item_rows(results))
    for warning in results.warnings:
        reporter.warn(f"{warning.code}: {warning.message}")
    reporter.info(f"version {correction.from_version} stays readable: GET /jobs/{job_id}/results?version="
                  f"{correction.from_version}")
    return 0
