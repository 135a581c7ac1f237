"""CloudWatch Logs of the functions and the state machine, optionally followed."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timezone

from ops.aws import Target
from ops.errors import NotFoundError
from pipeline.config import Config


def log_group_names(cfn, stack_name: str) -> dict[str, str]:
    """``{logical id: log group name}`` of the stack's log groups."""
    resources = cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
    return {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources if r["ResourceType"] == "AWS::Logs::LogGroup"}


def _snake(name: str) -> str:
    """``AnalyzeMeal``, ``analyze-meal`` and ``analyze_meal`` alike: ``analyze_meal``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace("-", "_").lower()


def log_names(logical_id: str, group: str) -> set[str]:
    """The names a person may give for a log group: its function key or last path segment
    (``validate_upload``, ``analyze-meal``) or its logical id without ``(Function)LogGroup``."""
    base = logical_id.removesuffix("LogGroup").removesuffix("Function")
    return {_snake(base), _snake(group.rstrip("/").rsplit("/", 1)[-1])}


def _pick(groups: dict[str, str], function: str | None) -> dict[str, str]:
    """The group named exactly ``function`` (all groups for ``None``)."""
    if not function:
        return groups
    chosen = {k: v for k, v in groups.items() if _snake(function) in log_names(k, v)}
    if not chosen:
        known = sorted({_snake(k.removesuffix("LogGroup").removesuffix("Function")) for k in groups})
        raise NotFoundError(f"no log group named {function!r}; give one of: {', '.join(known)} (or none for all)",
                            value=function)
    return chosen


def readable(message: str) -> str:
    """A state machine's log event (one JSON object per history event) as ``<execution> <type> <state or
    error>``; any other line as written."""
    try:
        event = json.loads(message)
    except ValueError:
        return message.rstrip()
    if not isinstance(event, dict) or "execution_arn" not in event or "type" not in event:
        return message.rstrip()
    details = event.get("details") or {}
    what = details.get("name") or ": ".join(str(details[k]) for k in ("error", "cause") if details.get(k))
    return " ".join(part for part in (str(event["execution_arn"]).rsplit(":", 1)[-1], event["type"], what) if part)


def show_logs(config: Config, target: Target, function: str | None, *, follow: bool, minutes: int,
              poll_s: float = 2.0, max_polls: int | None = None) -> int:
    """Print log events (oldest first) of the chosen groups; ``follow`` keeps polling until Ctrl-C."""
    logs = target.client("logs")
    groups = _pick(log_group_names(target.client("cloudformation"), config.stack_name), function)
    start = int((time.time() - minutes * 60) * 1000)
    seen: set[str] = set()
    polls = 0
    while True:
        for logical_id, group in sorted(groups.items()):
            try:
                pages = logs.get_paginator("filter_log_events").paginate(logGroupName=group, startTime=start)
                for page in pages:
                    for event in page.get("events", []):
                        if event["eventId"] in seen:
                            continue
                        seen.add(event["eventId"])
                        stamp = datetime.fromtimestamp(event["timestamp"] / 1000, tz=timezone.utc).strftime("%H:%M:%S")
                        print(f"{stamp} {logical_id}: {readable(event['message'])}")
            except logs.exceptions.ResourceNotFoundException:
                continue
        polls += 1
        if not follow or (max_polls is not None and polls >= max_polls):
            return 0
        time.sleep(poll_s)
