"""The customer-managed KMS key (when ``enable_encryption``) and the grants on it.

The key encrypts buckets, tables, log groups and the notification topic. Its policy lets the
account administer it and lets the services that write encrypted data on our behalf use it:
CloudWatch Logs (log groups), and CloudWatch alarms / EventBridge (publishing to the topic).
"""

from __future__ import annotations

from dataclasses import dataclass

from troposphere import GetAtt, Sub, Template, kms

from pipeline.config import Config
from templates.iam import Statement, allow
from templates.retention import RETAIN_DATA

KEY = "EncryptionKey"
KEY_ALIAS = "EncryptionKeyAlias"
_DATA_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"]


@dataclass(frozen=True)
class SecurityResources:
    """The key, or ``None`` when encryption with a customer-managed key is off."""

    key: kms.Key | None

    @property
    def key_arn(self) -> GetAtt | None:
        return GetAtt(self.key, "Arn") if self.key is not None else None

    def data_key_statements(self) -> list[Statement]:
        """What a role reading or writing encrypted data needs on the key (none without one)."""
        if self.key is None:
            return []
        return [allow(_DATA_KEY_ACTIONS, [GetAtt(self.key, "Arn")], sid="UseDataKey")]


def _key_policy() -> dict:
    account_root = Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "AccountAdministers", "Effect": "Allow", "Principal": {"AWS": account_root},
             "Action": "kms:*", "Resource": "*"},
            {
                "Sid": "CloudWatchLogsEncrypts",
                "Effect": "Allow",
                "Principal": {"Service": Sub("logs.${AWS::Region}.amazonaws.com")},
                "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                "Resource": "*",
                "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": Sub(
                    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*")}},
            },
            {
                "Sid": "AlarmsAndEventsPublishToEncryptedTopic",
                "Effect": "Allow",
                "Principal": {"Service": ["cloudwatch.amazonaws.com", "events.amazonaws.com"]},
                "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:SourceAccount": Sub("${AWS::AccountId}")}},
            },
        ],
    }


def add_security(template: Template, *, config: Config) -> SecurityResources:
    """Add the KMS key (with yearly rotation) and its alias ``alias/{stack}`` when encryption is on."""
    if not config.enable_encryption:
        return SecurityResources(key=None)
    key = template.add_resource(kms.Key(
        KEY,
        Description=f"{config.stack_name}: buckets, tables, logs and notifications",
        EnableKeyRotation=True,
        KeyPolicy=_key_policy(),
        **RETAIN_DATA,
    ))
    template.add_resource(kms.Alias(KEY_ALIAS, AliasName=f"alias/{config.stack_name}", TargetKeyId=key.ref()))
    return SecurityResources(key=key)
