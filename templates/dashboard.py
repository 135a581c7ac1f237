"""The CloudWatch dashboard: API, Lambda, Step Functions and Batch at a glance.

AWS Batch publishes no CloudWatch metrics of its own; its widgets show the state machine's
``batch:submitJob.sync`` integration metrics, the Batch-failure rule's triggers and the job log.
"""

from __future__ import annotations

import json
from typing import Any

from troposphere import Ref, Sub, events

from pipeline.config import Config
from templates.api import ApiResources
from templates.compute import ComputeResources
from templates.functions import FunctionsResources
from templates.names import API_STAGE_NAME
from templates.orchestration import OrchestrationResources

WIDTH = 12
HEIGHT = 6
BATCH_SYNC_INTEGRATION = "arn:${AWS::Partition}:states:::batch:submitJob.sync"


def _widget(title: str, metrics: list[list[Any]], index: int, *, stat: str = "Sum") -> dict[str, Any]:
    return {
        "type": "metric",
        "x": (index % 2) * WIDTH,
        "y": (index // 2) * HEIGHT,
        "width": WIDTH,
        "height": HEIGHT,
        "properties": {"title": title, "region": "${AWS::Region}", "stat": stat, "period": 300,
                       "view": "timeSeries", "metrics": metrics},
    }


def dashboard_body(*, config: Config, functions: FunctionsResources, api: ApiResources,
                   orchestration: OrchestrationResources, compute: ComputeResources,
                   batch_failed_rule: events.Rule) -> Sub:
    """The dashboard JSON as ``Fn::Sub`` (resource names resolved by the stack)."""
    api_dims = ["ApiName", api.rest_api.Name, "Stage", API_STAGE_NAME]
    machine = ["StateMachineArn", "${StateMachineArn}"]
    batch = ["ServiceIntegrationResourceArn", BATCH_SYNC_INTEGRATION]
    variables: dict[str, Any] = {
        "StateMachineArn": orchestration.arn,
        "BatchFailedRule": Ref(batch_failed_rule),
        "BatchLogGroup": Ref(compute.log_group),
    }
    lambda_invocations, lambda_errors, lambda_duration = [], [], []
    for function in functions:
        name = f"Fn{function.spec.logical_id}"
        variables[name] = Ref(function.function)
        label = {"label": function.spec.key}
        lambda_invocations.append(["AWS/Lambda", "Invocations", "FunctionName", "${" + name + "}", label])
        lambda_errors.append(["AWS/Lambda", "Errors", "FunctionName", "${" + name + "}", label])
        lambda_duration.append(["AWS/Lambda", "Duration", "FunctionName", "${" + name + "}", label])
    widgets = [
        _widget("API requests and errors", [
            ["AWS/ApiGateway", "Count", *api_dims], ["AWS/ApiGateway", "4XXError", *api_dims],
            ["AWS/ApiGateway", "5XXError", *api_dims]], 0),
        _widget("API latency p90 (ms)", [["AWS/ApiGateway", "Latency", *api_dims]], 1, stat="p90"),
        _widget("Lambda invocations", lambda_invocations, 2),
        _widget("Lambda errors", lambda_errors, 3),
        _widget("Lambda duration p90 (ms)", lambda_duration, 4, stat="p90"),
        _widget("AnalyzeMeal executions", [
            ["AWS/States", metric, *machine] for metric in
            ("ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut")], 5),
        _widget("AnalyzeMeal execution time p90 (ms)", [["AWS/States", "ExecutionTime", *machine]], 6, stat="p90"),
        _widget("Batch GPU jobs (AnalyzeFrames)", [
            ["AWS/States", "ServiceIntegrationsSucceeded", *batch],
            ["AWS/States", "ServiceIntegrationsFailed", *batch],
            ["AWS/States", "ServiceIntegrationsTimedOut", *batch],
            ["AWS/Events", "TriggeredRules", "RuleName", "${BatchFailedRule}", {"label": "Batch jobs FAILED"}]], 7),
        {
            "type": "log", "x": 0, "y": 4 * HEIGHT, "width": 2 * WIDTH, "height": HEIGHT,
            "properties": {
                "title": "GPU task errors", "region": "${AWS::Region}", "view": "table",
                "query": "SOURCE '${BatchLogGroup}' | fields @timestamp, @logStream, @message"
                         " | filter @message like /^ERROR / | sort @timestamp desc | limit 20",
            },
        },
    ]
    return Sub(json.dumps({"widgets": widgets}, separators=(",", ":")), **variables)
