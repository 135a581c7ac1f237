"""CloudWatch Logs of the functions and the state machine, optionally followed."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from ops.aws import Target
from pipeline.config import Config


def log_group_names(cfn, stack_name: str) -> dict[str, str]:
    """``{logical id: log group name}`` of the stack's log groups."""
    resources = cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
    return {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources if r["ResourceType"] == "AWS::Logs::LogGroup"}


def _pick(groups: dict[str, str], function: str | None) -> dict[str, str]:
    if not function:
        return groups
    wanted = function.replace("_", "").replace("-", "").lower()
    chosen = {k: v for k, v in groups.items() if wanted in k.lower() or wanted in v.replace("-", "").replace("_", "").lower()}
    if not chosen:
        raise ValueError(f"no log group matches {function!r}; groups: {', '.join(sorted(groups))}")
    return chosen


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
                        print(f"{stamp} {logical_id}: {event['message'].rstrip()}")
            except logs.exceptions.ResourceNotFoundException:
                continue
        polls += 1
        if not follow or (max_polls is not None and polls >= max_polls):
            return 0
        time.sleep(poll_s)
