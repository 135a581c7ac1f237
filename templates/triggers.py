"""What starts a job: S3 "Object Created" under ``uploads/`` on the default event bus -> the
``start_analysis`` function, which starts an execution named after the job.

EventBridge retries delivery with a bounded policy; events it cannot deliver land in an encrypted
SQS dead-letter queue (an alarm in ``templates.monitoring`` watches it). :func:`add_lambda_rule` is that
convention for every rule with a Lambda target (``templates.execution_ended`` too).
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, Ref, Template, awslambda, events, sqs

from pipeline.config import Config
from pipeline.layout import UPLOAD_PREFIX
from templates.functions import FunctionResources
from templates.iam import document
from templates.security import SecurityResources
from templates.storage import StorageResources

UPLOAD_RULE = "UploadCreatedRule"
DEAD_LETTER_QUEUE = "UploadEventsDeadLetterQueue"
MAX_DELIVERY_ATTEMPTS = 8
MAX_EVENT_AGE_S = 3600
"""An upload whose start could not be delivered within an hour goes to the dead-letter queue (s)."""
DLQ_RETENTION_S = 14 * 24 * 3600


@dataclass(frozen=True)
class RuleResources:
    """An EventBridge rule with one Lambda target and the dead-letter queue of that target."""

    rule: events.Rule
    dead_letter_queue: sqs.Queue


TriggerResources = RuleResources
"""The upload rule's resources."""


def upload_event_pattern(storage: StorageResources) -> dict:
    """Object Created events of the videos bucket under ``uploads/``."""
    return {
        "source": ["aws.s3"],
        "detail-type": ["Object Created"],
        "detail": {
            "bucket": {"name": [Ref(storage.videos_bucket)]},
            "object": {"key": [{"prefix": UPLOAD_PREFIX}]},
        },
    }


def add_lambda_rule(template: Template, *, rule_id: str, queue_id: str, queue_sid: str, description: str,
                    pattern: dict, target_id: str, function: FunctionResources,
                    security: SecurityResources) -> RuleResources:
    """A rule on the default bus delivering ``pattern``'s events to ``function`` (asynchronously, retried up
    to ``MAX_DELIVERY_ATTEMPTS`` times within ``MAX_EVENT_AGE_S``), its encrypted dead-letter queue, the
    queue policy letting only this rule send to it, and the invoke permission of this rule only."""
    encryption = ({"KmsMasterKeyId": security.key_arn} if security.key is not None
                  else {"SqsManagedSseEnabled": True})
    queue = template.add_resource(sqs.Queue(queue_id, MessageRetentionPeriod=DLQ_RETENTION_S, **encryption))
    rule = template.add_resource(events.Rule(
        rule_id,
        Description=description,
        EventPattern=pattern,
        State="ENABLED",
        Targets=[events.Target(
            Id=target_id,
            Arn=function.arn,
            RetryPolicy=events.RetryPolicy(
                MaximumRetryAttempts=MAX_DELIVERY_ATTEMPTS, MaximumEventAgeInSeconds=MAX_EVENT_AGE_S),
            DeadLetterConfig=events.DeadLetterConfig(Arn=GetAtt(queue, "Arn")),
        )],
    ))
    template.add_resource(sqs.QueuePolicy(
        f"{queue_id}Policy",
        Queues=[Ref(queue)],
        PolicyDocument=document([{
            "Sid": queue_sid,
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": GetAtt(queue, "Arn"),
            "Condition": {"ArnEquals": {"aws:SourceArn": GetAtt(rule, "Arn")}},
        }]),
    ))
    template.add_resource(awslambda.Permission(
        f"{rule_id}InvokePermission",
        Action="lambda:InvokeFunction",
        FunctionName=function.arn,
        Principal="events.amazonaws.com",
        SourceArn=GetAtt(rule, "Arn"),
    ))
    return RuleResources(rule, queue)


def add_triggers(template: Template, *, config: Config, storage: StorageResources,
                 start_analysis: FunctionResources, security: SecurityResources) -> TriggerResources:
    """Add the upload rule, its dead-letter queue (and queue policy) and the invoke permission."""
    return add_lambda_rule(
        template, rule_id=UPLOAD_RULE, queue_id=DEAD_LETTER_QUEUE, queue_sid="UploadRuleDeadLetters",
        description=f"{config.stack_name}: an upload under {UPLOAD_PREFIX} starts its job",
        pattern=upload_event_pattern(storage), target_id="StartAnalysis", function=start_analysis, security=security)
