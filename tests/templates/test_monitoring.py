"""Alarms to the topic, the Batch-failure rule, the dashboard."""

from __future__ import annotations

import json

from templates.catalogue import FUNCTIONS, deployed_functions
from tests.templates.conftest import config_with, main_template, properties, resources_of_type, template_with_function


def test_every_function_has_an_error_rate_alarm():
    for spec in FUNCTIONS:
        alarm = properties(template_with_function(spec.key), f"{spec.logical_id}ErrorRateAlarm")
        assert alarm["Threshold"] == 5.0 and alarm["ComparisonOperator"] == "GreaterThanThreshold"
        assert alarm["AlarmActions"] == [{"Ref": "NotificationTopic"}]
        queries = {query["Id"]: query for query in alarm["Metrics"]}
        assert queries["rate"]["Expression"] == "IF(invocations > 0, 100 * errors / invocations, 0)"
        assert queries["errors"]["MetricStat"]["Metric"]["Dimensions"] == [
            {"Name": "FunctionName", "Value": {"Ref": spec.logical_id}}]


def test_api_and_execution_alarms(dev_main):
    api = properties(dev_main, "Api5xxAlarm")
    assert (api["Namespace"], api["MetricName"]) == ("AWS/ApiGateway", "5XXError")
    failed = properties(dev_main, "ExecutionsFailedAlarm")
    assert (failed["MetricName"], failed["Threshold"]) == ("ExecutionsFailed", 0)
    assert failed["Dimensions"] == [{"Name": "StateMachineArn", "Value": {"Ref": "AnalyzeMealStateMachine"}}]
    too_long = properties(dev_main, "ExecutionTooLongAlarm")
    assert (too_long["MetricName"], too_long["Statistic"], too_long["Threshold"]) == (
        "ExecutionTime", "Maximum", 15 * 60 * 1000)
    assert properties(dev_main, "ExecutionsTimedOutAlarm")["MetricName"] == "ExecutionsTimedOut"
    assert properties(dev_main, "UploadEventsDeadLetterAlarm")["Namespace"] == "AWS/SQS"
    for alarm in resources_of_type(dev_main, "AWS::CloudWatch::Alarm").values():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": "NotificationTopic"}]


def test_failed_batch_jobs_of_our_queue_notify_the_topic(dev_main):
    rule = properties(dev_main, "BatchJobFailedRule")
    assert rule["EventPattern"] == {"source": ["aws.batch"], "detail-type": ["Batch Job State Change"],
                                    "detail": {"status": ["FAILED"], "jobQueue": [
                                        {"Ref": "GpuJobQueue"}, {"Ref": "GpuOnDemandJobQueue"}, {"Ref": "CpuJobQueue"},
                                        {"Ref": "CpuOnDemandJobQueue"}]}}
    assert rule["Targets"][0]["Arn"] == {"Ref": "NotificationTopic"}
    policy = properties(dev_main, "NotificationTopicPolicy")["PolicyDocument"]["Statement"]
    publishers = {statement["Principal"]["Service"]: statement for statement in policy}
    assert publishers["events.amazonaws.com"]["Condition"] == {
        "ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["BatchJobFailedRule", "Arn"]}}}
    assert "cloudwatch.amazonaws.com" in publishers


def test_the_priced_monitoring_follows_the_config(dev_main):
    """Dev leaves out the dashboard ($3 a month) and per-method API metrics (custom metrics)."""
    assert not resources_of_type(dev_main, "AWS::CloudWatch::Dashboard")
    (stage_setting,) = properties(dev_main, "ApiStage")["MethodSettings"]
    assert stage_setting["MetricsEnabled"] is False
    prod_like = main_template(**{"monitoring.dashboard": True, "monitoring.api_method_metrics": True})
    assert properties(prod_like, "ApiStage")["MethodSettings"][0]["MetricsEnabled"] is True


def test_dashboard_shows_api_lambda_batch_and_step_functions():
    template = main_template(**{"monitoring.dashboard": True})
    body, variables = properties(template, "PipelineDashboard")["DashboardBody"]["Fn::Sub"]
    widgets = json.loads(body)["widgets"]
    namespaces = {metric[0] for widget in widgets if widget["type"] == "metric"
                  for metric in widget["properties"]["metrics"]}
    assert {"AWS/ApiGateway", "AWS/Lambda", "AWS/States", "AWS/Events"} <= namespaces
    assert any("Batch" in widget["properties"]["title"] for widget in widgets)
    assert variables["StateMachineArn"] == {"Ref": "AnalyzeMealStateMachine"}
    assert {f"Fn{spec.logical_id}" for spec in deployed_functions(config_with())} <= set(variables)
