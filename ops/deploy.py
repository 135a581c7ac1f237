"""Deploy one CloudFormation stack through a change set, showing its diff and following its events."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import botocore.exceptions
import botocore.parsers

from ops.console import Reporter

CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]
TERMINAL_OK = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"}
TERMINAL_FAILED = {
    "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE",
    "UPDATE_ROLLBACK_FAILED", "UPDATE_FAILED", "DELETE_FAILED", "IMPORT_ROLLBACK_COMPLETE",
}
NO_CHANGES_REASONS = ("didn't contain changes", "No updates are to be performed")


class DeployError(RuntimeError):
    """The stack did not reach a good state; the message carries the first failure reason."""


class DeployCancelled(RuntimeError):
    """The person declined the change set."""


@dataclass(frozen=True)
class StackChange:
    """One row of a change set's diff."""

    action: str
    logical_id: str
    resource_type: str
    replacement: str

    def row(self) -> list[str]:
        return [self.action, self.logical_id, self.resource_type, self.replacement]


@dataclass(frozen=True)
class Polling:
    """How often (s) and how long (s) to poll CloudFormation."""

    interval_s: float = 5.0
    timeout_s: float = 3600.0


def _error_message(error: Exception) -> str:
    """The service's own message from a botocore error (some emulators answer JSON where XML is due)."""
    text = str(error)
    match = re.search(r'"message": "([^"]*)"', text)
    return match.group(1) if match else text


def stack_status(cfn, stack_name: str) -> str | None:
    """The stack's status, or ``None`` when it does not exist."""
    try:
        stacks = cfn.describe_stacks(StackName=stack_name)["Stacks"]
    except botocore.exceptions.ClientError as error:
        if "does not exist" in str(error):
            return None
        raise
    return stacks[0]["StackStatus"] if stacks else None


def stack_outputs(cfn, stack_name: str) -> dict[str, str]:
    """``{OutputKey: OutputValue}`` of a deployed stack."""
    stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    return {item["OutputKey"]: item["OutputValue"] for item in stack.get("Outputs", [])}


def _changes(description: dict) -> list[StackChange]:
    rows = []
    for change in description.get("Changes", []):
        resource = change.get("ResourceChange", {})
        rows.append(
            StackChange(
                action=resource.get("Action", "?"),
                logical_id=resource.get("LogicalResourceId", "?"),
                resource_type=resource.get("ResourceType", "?"),
                replacement=str(resource.get("Replacement", "-") or "-"),
            )
        )
    return rows


def create_change_set(
    cfn,
    *,
    stack_name: str,
    template_body: str | None = None,
    template_url: str | None = None,
    parameters: dict[str, str] | None = None,
    tags: dict[str, str] | None = None,
    polling: Polling = Polling(),
) -> tuple[str, list[StackChange]]:
    """Create a change set and wait for it; returns its name and diff (empty when nothing changes)."""
    status = stack_status(cfn, stack_name)
    change_set_type = "CREATE" if status in (None, "REVIEW_IN_PROGRESS") else "UPDATE"
    name = f"deploy-{int(time.time() * 1000)}"
    request = {
        "StackName": stack_name,
        "ChangeSetName": name,
        "ChangeSetType": change_set_type,
        "Capabilities": CAPABILITIES,
        "Parameters": [{"ParameterKey": k, "ParameterValue": v} for k, v in sorted((parameters or {}).items())],
        "Tags": [{"Key": k, "Value": v} for k, v in sorted((tags or {}).items())],
    }
    if template_url:
        request["TemplateURL"] = template_url
    else:
        request["TemplateBody"] = template_body
    try:
        cfn.create_change_set(**request)
    except botocore.exceptions.ClientError as error:
        # CloudFormation reports "no changes" as a FAILED change set; some emulators refuse the call
        if any(marker in str(error) for marker in NO_CHANGES_REASONS):
            return "", []
        raise
    deadline = time.monotonic() + polling.timeout_s
    while True:
        description = cfn.describe_change_set(StackName=stack_name, ChangeSetName=name)
        state = description.get("Status")
        if state == "CREATE_COMPLETE":
            return name, _changes(description)
        if state == "FAILED":
            reason = description.get("StatusReason", "")
            cfn.delete_change_set(StackName=stack_name, ChangeSetName=name)
            if any(marker in reason for marker in NO_CHANGES_REASONS):
                return "", []
            raise DeployError(f"change set for {stack_name} failed: {reason}")
        if time.monotonic() > deadline:
            raise DeployError(f"change set for {stack_name} still {state} after {polling.timeout_s:.0f} s")
        time.sleep(polling.interval_s)


def first_failure_reason(cfn, stack_name: str, since: float) -> str:
    """The earliest ``*_FAILED`` event's reason since ``since`` (epoch s), for a readable error."""
    failures = []
    for event in cfn.describe_stack_events(StackName=stack_name)["StackEvents"]:
        status = event.get("ResourceStatus", "")
        if status.endswith("FAILED") and event["Timestamp"].timestamp() >= since - 1:
            failures.append(event)
    if not failures:
        return "no failure event recorded"
    first = min(failures, key=lambda event: event["Timestamp"])
    return f"{first['LogicalResourceId']} ({first.get('ResourceType', '?')}): {first.get('ResourceStatusReason', '')}"


def follow_stack(cfn, stack_name: str, *, since: float, reporter: Reporter, polling: Polling) -> str:
    """Print new stack events until the stack settles; returns its final status."""
    seen: set[str] = set()
    deadline = time.monotonic() + polling.timeout_s
    while True:
        events = cfn.describe_stack_events(StackName=stack_name)["StackEvents"]
        for event in reversed(events):
            if event["EventId"] in seen or event["Timestamp"].timestamp() < since - 1:
                continue
            seen.add(event["EventId"])
            reason = event.get("ResourceStatusReason") or ""
            reporter.info(f"  {event['ResourceStatus']:<22} {event['LogicalResourceId']:<36} {reason}".rstrip())
        status = stack_status(cfn, stack_name) or "DELETE_COMPLETE"
        if status in TERMINAL_OK or status in TERMINAL_FAILED:
            return status
        if time.monotonic() > deadline:
            raise DeployError(f"{stack_name} still {status} after {polling.timeout_s:.0f} s")
        time.sleep(polling.interval_s)


def continue_rollback(cfn, stack_name: str, *, reporter: Reporter, polling: Polling = Polling()) -> None:
    """Finish the rollback of a stack left in UPDATE_ROLLBACK_FAILED (the cause, such as a resource
    changed by hand, must be fixed first), so that it takes change sets again."""
    if stack_status(cfn, stack_name) != "UPDATE_ROLLBACK_FAILED":
        return
    reporter.warn(f"{stack_name} is UPDATE_ROLLBACK_FAILED; continuing its rollback")
    started = time.time()
    cfn.continue_update_rollback(StackName=stack_name)
    status = follow_stack(cfn, stack_name, since=started, reporter=reporter, polling=polling)
    if status != "UPDATE_ROLLBACK_COMPLETE":
        raise DeployError(
            f"{stack_name} ended {status}: {first_failure_reason(cfn, stack_name, started)}. Fix that resource, or "
            f"skip it: aws cloudformation continue-update-rollback --stack-name {stack_name} --resources-to-skip ID")
    reporter.info(f"{stack_name}: rollback completed")


def delete_stack(cfn, stack_name: str, *, reporter: Reporter, polling: Polling = Polling()) -> None:
    """Delete a stack and wait until it is gone."""
    if stack_status(cfn, stack_name) is None:
        return
    cfn.delete_stack(StackName=stack_name)
    deadline = time.monotonic() + polling.timeout_s
    while (status := stack_status(cfn, stack_name)) not in (None, "DELETE_COMPLETE"):
        if status == "DELETE_FAILED":
            raise DeployError(f"{stack_name}: {first_failure_reason(cfn, stack_name, 0)}")
        if time.monotonic() > deadline:
            raise DeployError(f"{stack_name} still {status} after {polling.timeout_s:.0f} s")
        time.sleep(polling.interval_s)
    reporter.info(f"deleted stack {stack_name}")


def deploy_stack(
    cfn,
    *,
    stack_name: str,
    template_body: str | None = None,
    template_url: str | None = None,
    parameters: dict[str, str] | None = None,
    tags: dict[str, str] | None = None,
    confirm: Callable[[list[StackChange]], bool] = lambda changes: True,
    reporter: Reporter,
    polling: Polling = Polling(),
) -> dict[str, str]:
    """Create or update ``stack_name`` through a change set and return its outputs.

    A stack left in ROLLBACK_COMPLETE (a failed first create) cannot be updated, so it is deleted first.
    ``confirm`` sees the diff and may decline (raising :class:`DeployCancelled`).
    """
    if stack_status(cfn, stack_name) == "ROLLBACK_COMPLETE":
        reporter.warn(f"{stack_name} is in ROLLBACK_COMPLETE after a failed create; deleting it before retrying")
        delete_stack(cfn, stack_name, reporter=reporter, polling=polling)
    name, changes = create_change_set(
        cfn, stack_name=stack_name, template_body=template_body, template_url=template_url,
        parameters=parameters, tags=tags, polling=polling,
    )
    if not name:
        reporter.info(f"{stack_name}: no changes")
        return stack_outputs(cfn, stack_name)
    reporter.table(f"Change set for {stack_name}", ["action", "logical id", "type", "replacement"],
                   [change.row() for change in changes])
    if not confirm(changes):
        cfn.delete_change_set(StackName=stack_name, ChangeSetName=name)
        raise DeployCancelled(f"deploy of {stack_name} cancelled; nothing was changed")
    started = time.time()
    try:
        cfn.execute_change_set(StackName=stack_name, ChangeSetName=name)
    except (botocore.exceptions.ClientError, botocore.parsers.ResponseParserError) as error:
        raise DeployError(f"{stack_name}: executing the change set failed: {_error_message(error)}") from None
    status = follow_stack(cfn, stack_name, since=started, reporter=reporter, polling=polling)
    if status not in TERMINAL_OK:
        raise DeployError(f"{stack_name} ended {status}: {first_failure_reason(cfn, stack_name, started)}")
    reporter.info(f"{stack_name}: {status}")
    return stack_outputs(cfn, stack_name)
