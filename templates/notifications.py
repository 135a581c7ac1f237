"""The notification topic (job outcomes and alarms) and its optional e-mail subscription.

With a customer-managed key the topic is encrypted with it (its key policy lets CloudWatch alarms
and EventBridge publish). Without one the topic stays unencrypted rather than using
``alias/aws/sns``: the AWS-managed key's policy cannot admit CloudWatch or EventBridge, so alarms
and the Batch-failure rule could not publish to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import Ref, Template, sns

from pipeline.config import Config
from templates.security import SecurityResources

TOPIC = "NotificationTopic"
EMAIL_SUBSCRIPTION = "NotificationEmailSubscription"


@dataclass(frozen=True)
class NotificationResources:
    topic: sns.Topic
    email_subscription: sns.SubscriptionResource | None


def add_notifications(template: Template, *, config: Config, security: SecurityResources) -> NotificationResources:
    """Add the topic, and the e-mail subscription when ``notification_email`` is set."""
    encryption = {"KmsMasterKeyId": security.key_arn} if security.key is not None else {}
    topic = template.add_resource(sns.Topic(
        TOPIC, DisplayName=f"{config.stack_name} job notifications", **encryption))
    subscription = None
    if config.notification_email:
        subscription = template.add_resource(sns.SubscriptionResource(
            EMAIL_SUBSCRIPTION, Protocol="email", Endpoint=config.notification_email, TopicArn=Ref(topic)))
    return NotificationResources(topic, subscription)
