"""A state machine's executions write their events to its log group (stepfunctions_logging bridge), as
on AWS: every event at level ALL, only failures at ERROR, one stream per execution; ``build.py logs``
reads them back by the state machine's name."""

from __future__ import annotations

import json
import uuid
from types import SimpleNamespace

import pytest

from local_aws import EmbeddedAws
from ops.aws import Target
from ops.logs import show_logs
from tests.local_aws.resources import wait_for_execution

pytestmark = pytest.mark.embedded

DEFINITION = {"StartAt": "Prepare", "States": {
    "Prepare": {"Type": "Pass", "Next": "Decide"},
    "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": True, "Next": "Broken"}],
               "Default": "Done"},
    "Broken": {"Type": "Fail", "Error": "MODELS_MISSING", "Cause": "no models"},
    "Done": {"Type": "Succeed"},
}}


def _stack(aws: EmbeddedAws, level: str) -> tuple[str, str, str]:
    """A stack with a log group and a logging state machine: (stack name, state machine ARN, group name)."""
    suffix = uuid.uuid4().hex[:8]
    group, stack = f"/aws/vendedlogs/states/logging-{suffix}/analyze-meal", f"logging-{suffix}"
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                      "Principal": {"Service": "states.amazonaws.com"}}]}
    template = {"Resources": {
        "StateMachineLogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": group}},
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust}},
        "StateMachine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
            "StateMachineName": f"AnalyzeMeal-{suffix}", "DefinitionString": json.dumps(DEFINITION),
            "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
            "LoggingConfiguration": {"Level": level, "IncludeExecutionData": False, "Destinations": [
                {"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": ["StateMachineLogGroup", "Arn"]}}}]}}},
    }}
    cfn = aws.client("cloudformation")
    cfn.create_stack(StackName=stack, TemplateBody=json.dumps(template))
    machine = next(r["PhysicalResourceId"] for r in cfn.describe_stack_resources(StackName=stack)["StackResources"]
                   if r["LogicalResourceId"] == "StateMachine")
    return stack, machine, group


def _run(aws: EmbeddedAws, machine: str, *, fail: bool) -> str:
    arn = aws.client("stepfunctions").start_execution(stateMachineArn=machine, input=json.dumps({"fail": fail}))[
        "executionArn"]
    wait_for_execution(aws, arn)
    return arn


def _events(aws: EmbeddedAws, group: str) -> list[dict]:
    pages = aws.client("logs").get_paginator("filter_log_events").paginate(logGroupName=group)
    return [event for page in pages for event in page["events"]]


def test_level_all_logs_every_event_of_each_execution_in_its_own_stream(aws: EmbeddedAws) -> None:
    _, machine, group = _stack(aws, "ALL")
    succeeded, failed = _run(aws, machine, fail=False), _run(aws, machine, fail=True)
    history = {arn: [e["type"] for e in aws.client("stepfunctions").get_execution_history(executionArn=arn)["events"]]
               for arn in (succeeded, failed)}

    events = _events(aws, group)
    logged = [json.loads(e["message"]) for e in events]
    for arn in (succeeded, failed):
        assert [m["type"] for m in logged if m["execution_arn"] == arn] == history[arn]
    assert {e["logStreamName"] for e in events} == {f"states/{machine.split(':')[-1]}/{arn.split(':')[-1]}"
                                                   for arn in (succeeded, failed)}
    failure = next(m for m in logged if m["type"] == "ExecutionFailed")
    assert failure["details"] == {"error": "MODELS_MISSING", "cause": "no models"}
    assert all("input" not in m.get("details", {}) for m in logged)  # IncludeExecutionData false
    assert all(int(m["event_timestamp"]) == e["timestamp"] for m, e in zip(logged, events))


def test_level_error_logs_only_the_failures(aws: EmbeddedAws) -> None:
    _, machine, group = _stack(aws, "ERROR")
    _run(aws, machine, fail=False)
    failed = _run(aws, machine, fail=True)

    assert [(m["type"], m["execution_arn"]) for m in map(json.loads, (e["message"] for e in _events(aws, group)))] \
        == [("FailStateEntered", failed), ("ExecutionFailed", failed)]


def test_build_py_logs_reads_the_state_machine_group_by_its_name(aws: EmbeddedAws, capsys) -> None:
    stack, machine, _ = _stack(aws, "ALL")
    _run(aws, machine, fail=True)
    config = SimpleNamespace(stack_name=stack)  # show_logs reads only the stack's name
    target = Target(region=aws.region, endpoint_url=aws.endpoint_url)
    capsys.readouterr()

    assert show_logs(config, target, "AnalyzeMeal", follow=False, minutes=10) == 0

    printed = capsys.readouterr().out.splitlines()
    assert printed and all(" StateMachineLogGroup: " in line for line in printed)
    assert any("ExecutionFailed MODELS_MISSING: no models" in line for line in printed)
    assert any("TaskStateEntered" in line or "PassStateEntered Prepare" in line for line in printed)
