"""Alarms to the notification topic, the Batch-failure notification, and the dashboard.

Alarms: each function's error rate over 5 %, the API's 5xx rate, failed, timed-out and long
(over 15 minutes) executions, and undeliverable upload and execution-ended events. AWS Batch publishes no failed-jobs
metric, so a rule on "Batch Job State Change" FAILED for our queue notifies the topic directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, Ref, Sub, Template, cloudwatch, events, sns

from pipeline.config import Config
from templates.api import ApiResources
from templates.compute import ComputeResources
from templates.dashboard import dashboard_body
from templates.functions import FunctionsResources
from templates.iam import document
from templates.notifications import NotificationResources
from templates.orchestration import OrchestrationResources
from templates.triggers import RuleResources, TriggerResources

PERIOD_S = 300
LAMBDA_ERROR_RATE_PERCENT = 5.0
API_5XX_RATE = 0.05
"""Fraction of requests answered 5xx (the ``5XXError`` average) that raises the alarm."""
MAX_EXECUTION_MS = 15 * 60 * 1000
BATCH_FAILED_RULE = "BatchJobFailedRule"
DASHBOARD = "PipelineDashboard"


@dataclass(frozen=True)
class MonitoringResources:
    alarms: dict[str, cloudwatch.Alarm]
    batch_failed_rule: events.Rule
    dashboard: cloudwatch.Dashboard | None
    """``None`` with ``monitoring.dashboard = false``."""


def _alarm(logical_id: str, name: str, description: str, topic: sns.Topic, **properties) -> cloudwatch.Alarm:
    return cloudwatch.Alarm(
        logical_id,
        AlarmName=name,
        AlarmDescription=description,
        AlarmActions=[Ref(topic)],
        OKActions=[Ref(topic)],
        EvaluationPeriods=1,
        DatapointsToAlarm=1,
        TreatMissingData="notBreaching",
        **properties,
    )


def _metric(namespace: str, name: str, dimensions: dict, stat: str, query_id: str) -> cloudwatch.MetricDataQuery:
    return cloudwatch.MetricDataQuery(
        Id=query_id,
        ReturnData=False,
        MetricStat=cloudwatch.MetricStat(
            Metric=cloudwatch.Metric(Namespace=namespace, MetricName=name, Dimensions=[
                cloudwatch.MetricDimension(Name=key, Value=value) for key, value in dimensions.items()]),
            Period=PERIOD_S, Stat=stat),
    )


def _dead_letter_alarm(logical_id: str, name: str, description: str, rule: RuleResources,
                       topic: sns.Topic) -> cloudwatch.Alarm:
    """Raised while the rule's dead-letter queue holds an event EventBridge could not deliver."""
    return _alarm(
        logical_id, name, description, topic,
        Namespace="AWS/SQS", MetricName="ApproximateNumberOfMessagesVisible", Statistic="Maximum", Period=PERIOD_S,
        Dimensions=[cloudwatch.MetricDimension(Name="QueueName", Value=GetAtt(rule.dead_letter_queue, "QueueName"))],
        ComparisonOperator="GreaterThanThreshold", Threshold=0,
    )


def _alarms(config: Config, functions: FunctionsResources, api: ApiResources, orchestration: OrchestrationResources,
            triggers: TriggerResources, execution_ended: RuleResources, topic: sns.Topic) -> list[cloudwatch.Alarm]:
    alarms = []
    for function in functions:
        dims = {"FunctionName": Ref(function.function)}
        alarms.append(_alarm(
            f"{function.spec.logical_id}ErrorRateAlarm", config.resource_name(f"{function.spec.key}-error-rate"),
            f"{function.spec.key}: more than {LAMBDA_ERROR_RATE_PERCENT:g}% of invocations failed in 5 minutes", topic,
            ComparisonOperator="GreaterThanThreshold", Threshold=LAMBDA_ERROR_RATE_PERCENT,
            Metrics=[
                _metric("AWS/Lambda", "Errors", dims, "Sum", "errors"),
                _metric("AWS/Lambda", "Invocations", dims, "Sum", "invocations"),
                cloudwatch.MetricDataQuery(Id="rate", Label="error rate (%)", ReturnData=True,
                                           Expression="IF(invocations > 0, 100 * errors / invocations, 0)"),
            ],
        ))
    alarms.append(_alarm(
        "Api5xxAlarm", config.resource_name("api-5xx"),
        f"API: more than {API_5XX_RATE:.0%} of requests answered 5xx in 5 minutes", topic,
        Namespace="AWS/ApiGateway", MetricName="5XXError", Statistic="Average", Period=PERIOD_S,
        Dimensions=[cloudwatch.MetricDimension(Name="ApiName", Value=api.rest_api.Name),
                    cloudwatch.MetricDimension(Name="Stage", Value=Ref(api.stage))],
        ComparisonOperator="GreaterThanThreshold", Threshold=API_5XX_RATE,
    ))
    machine = [cloudwatch.MetricDimension(Name="StateMachineArn", Value=orchestration.arn)]
    for logical_id, suffix, metric, statistic, threshold, text in (
        ("ExecutionsFailedAlarm", "executions-failed", "ExecutionsFailed", "Sum", 0, "an execution failed"),
        ("ExecutionsTimedOutAlarm", "executions-timed-out", "ExecutionsTimedOut", "Sum", 0, "an execution timed out"),
        ("ExecutionTooLongAlarm", "execution-over-15-min", "ExecutionTime", "Maximum", MAX_EXECUTION_MS,
         "an execution ran longer than 15 minutes"),
    ):
        alarms.append(_alarm(
            logical_id, config.resource_name(suffix), f"AnalyzeMeal: {text}", topic,
            Namespace="AWS/States", MetricName=metric, Statistic=statistic, Period=PERIOD_S, Dimensions=machine,
            ComparisonOperator="GreaterThanThreshold", Threshold=threshold,
        ))
    alarms.append(_dead_letter_alarm(
        "UploadEventsDeadLetterAlarm", config.resource_name("upload-events-undelivered"),
        "Upload events could not start their jobs (see the dead-letter queue)", triggers, topic))
    alarms.append(_dead_letter_alarm(
        "ExecutionEndedEventsDeadLetterAlarm", config.resource_name("execution-ended-events-undelivered"),
        "Stopped, timed-out or failed executions could not mark their jobs FAILED (see the dead-letter queue)",
        execution_ended, topic))
    return alarms


def _batch_failed_rule(config: Config, compute: ComputeResources, topic: sns.Topic) -> events.Rule:
    return events.Rule(
        BATCH_FAILED_RULE,
        Description=f"{config.stack_name}: a GPU analysis job failed",
        State="ENABLED",
        EventPattern={
            "source": ["aws.batch"],
            "detail-type": ["Batch Job State Change"],
            "detail": {"status": ["FAILED"], "jobQueue": [Ref(queue) for queue in compute.job_queues]},
        },
        Targets=[events.Target(
            Id="Notify",
            Arn=Ref(topic),
            InputTransformer=events.InputTransformer(
                InputPathsMap={"name": "$.detail.jobName", "id": "$.detail.jobId", "reason": "$.detail.statusReason"},
                InputTemplate='"Batch job <name> (<id>) failed: <reason>"',
            ),
        )],
    )


def _topic_policy(topic: sns.Topic, rule: events.Rule) -> sns.TopicPolicy:
    """Who may publish besides IAM principals of the account: our alarms and the Batch-failure rule."""
    return sns.TopicPolicy(
        "NotificationTopicPolicy",
        Topics=[Ref(topic)],
        PolicyDocument=document([
            {"Sid": "AlarmsPublish", "Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"},
             "Action": "sns:Publish", "Resource": Ref(topic),
             "Condition": {"StringEquals": {"aws:SourceAccount": Sub("${AWS::AccountId}")}}},
            {"Sid": "BatchFailedRulePublishes", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
             "Action": "sns:Publish", "Resource": Ref(topic),
             "Condition": {"ArnEquals": {"aws:SourceArn": GetAtt(rule, "Arn")}}},
        ]),
    )


def add_monitoring(template: Template, *, config: Config, functions: FunctionsResources, api: ApiResources,
                   orchestration: OrchestrationResources, compute: ComputeResources, triggers: TriggerResources,
                   execution_ended: RuleResources, notifications: NotificationResources) -> MonitoringResources:
    """Add the alarms, the Batch-failure rule with the topic policy, and the dashboard (when configured)."""
    topic = notifications.topic
    alarms = {alarm.title: template.add_resource(alarm)
              for alarm in _alarms(config, functions, api, orchestration, triggers, execution_ended, topic)}
    rule = template.add_resource(_batch_failed_rule(config, compute, topic))
    template.add_resource(_topic_policy(topic, rule))
    dashboard = template.add_resource(cloudwatch.Dashboard(
        DASHBOARD,
        DashboardName=config.resource_name("pipeline"),
        DashboardBody=dashboard_body(config=config, functions=functions, api=api, orchestration=orchestration,
                                     compute=compute, batch_failed_rule=rule),
    )) if config.monitoring.dashboard else None
    return MonitoringResources(alarms, rule, dashboard)
