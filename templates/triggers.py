"""What starts a job: S3 "Object Created" under ``uploads/`` on the default event bus -> the
``start_analysis`` function, which starts an execution named after the job.

EventBridge retries delivery with a bounded policy; events it cannot deliver land in an encrypted
SQS dead-letter queue (an alarm in ``templates.monitoring`` watches it).
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
class TriggerResources:
    rule: events.Rule
    dead_letter_queue: sqs.Queue


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


def add_triggers(template: Template, *, config: Config, storage: StorageResources,
                 start_analysis: FunctionResources, security: SecurityResources) -> TriggerResources:
    """Add the upload rule, its dead-letter queue (and queue policy) and the invoke permission."""
    encryption = ({"KmsMasterKeyId": security.key_arn} if security.key is not None
                  else {"SqsManagedSseEnabled": True})
    queue = template.add_resource(sqs.Queue(
        DEAD_LETTER_QUEUE, MessageRetentionPeriod=DLQ_RETENTION_S, **encryption))
    rule = template.add_resource(events.Rule(
        UPLOAD_RULE,
        Description=f"{config.stack_name}: an upload under {UPLOAD_PREFIX} starts its job",
        EventPattern=upload_event_pattern(storage),
        State="ENABLED",
        Targets=[events.Target(
            Id="StartAnalysis",
            Arn=start_analysis.arn,
            RetryPolicy=events.RetryPolicy(
                MaximumRetryAttempts=MAX_DELIVERY_ATTEMPTS, MaximumEventAgeInSeconds=MAX_EVENT_AGE_S),
            DeadLetterConfig=events.DeadLetterConfig(Arn=GetAtt(queue, "Arn")),
        )],
    ))
    template.add_resource(sqs.QueuePolicy(
        f"{DEAD_LETTER_QUEUE}Policy",
        Queues=[Ref(queue)],
        PolicyDocument=document([{
            "Sid": "UploadRuleDeadLetters",
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": GetAtt(queue, "Arn"),
            "Condition": {"ArnEquals": {"aws:SourceArn": GetAtt(rule, "Arn")}},
        }]),
    ))
    template.add_resource(awslambda.Permission(
        f"{UPLOAD_RULE}InvokePermission",
        Action="lambda:InvokeFunction",
        FunctionName=start_analysis.arn,
        Principal="events.amazonaws.com",
        SourceArn=GetAtt(rule, "Arn"),
    ))
    return TriggerResources(rule, queue)
