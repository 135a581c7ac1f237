"""Builders of IAM policy documents, so every role states its actions and resources explicitly.

Policies are plain dicts (CloudFormation JSON); values may be troposphere intrinsics
(``Ref``/``GetAtt``/``Sub``) and are resolved when the template is serialized.
"""

from __future__ import annotations

from typing import Any

from troposphere import AWSHelperFn, Sub, iam

PolicyValue = str | AWSHelperFn
Statement = dict[str, Any]


def allow(actions: list[str], resources: list[PolicyValue], *, sid: str | None = None,
          condition: dict[str, Any] | None = None) -> Statement:
    """One ``Allow`` statement; ``resources`` must be non-empty and should never be ``"*"`` unless
    the actions support no resource-level permissions."""
    if not actions or not resources:
        raise ValueError("a statement needs at least one action and one resource")
    statement: Statement = {"Effect": "Allow", "Action": sorted(actions), "Resource": list(resources)}
    if sid:
        statement["Sid"] = sid
    if condition:
        statement["Condition"] = condition
    return statement


def document(statements: list[Statement]) -> dict[str, Any]:
    """A policy document holding ``statements``."""
    return {"Version": "2012-10-17", "Statement": statements}


def assume_role_policy(service: PolicyValue, *, source_account: bool = False) -> dict[str, Any]:
    """Trust policy letting an AWS service (e.g. ``lambda.amazonaws.com``) assume the role.

    ``source_account`` adds ``aws:SourceAccount`` against the confused-deputy problem where the
    service supports it.
    """
    statement: Statement = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    if source_account:
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": Sub("${AWS::AccountId}")}}
    return document([statement])


def inline_policy(name: str, statements: list[Statement]) -> iam.Policy:
    """A role's inline policy."""
    return iam.Policy(PolicyName=name, PolicyDocument=document(statements))


def managed_policy_arn(name: str) -> Sub:
    """ARN of an AWS managed policy, e.g. ``service-role/AWSBatchServiceRole``."""
    return Sub("arn:${AWS::Partition}:iam::aws:policy/" + name)


def objects_arn(bucket: AWSHelperFn, prefix: str = "") -> Sub:
    """``arn:…:s3:::{bucket}/{prefix}*`` for object-level actions under ``prefix``."""
    return Sub("arn:${AWS::Partition}:s3:::${Bucket}/" + prefix + "*", Bucket=bucket)


def secret_arn(secret_name: str) -> Sub:
    """ARN pattern of a Secrets Manager secret created outside the stack (6-character random suffix)."""
    return Sub("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:"
               + secret_name + "-??????")


def xray_statement() -> Statement:
    """X-Ray trace upload; these actions support no resource-level permissions, so ``*``."""
    return allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"], sid="XRay")


def log_writer_statement(log_group_arn: AWSHelperFn) -> Statement:
    """Write log streams of one log group (``GetAtt LogGroup.Arn`` ends with ``:*``)."""
    return allow(["logs:CreateLogStream", "logs:PutLogEvents"], [log_group_arn], sid="Logs")
