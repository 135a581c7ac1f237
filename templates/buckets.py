"""A private S3 bucket as every bucket here should be: no public access, encrypted, TLS only."""

from __future__ import annotations

from typing import Any

from troposphere import AWSHelperFn, GetAtt, Sub, Template, s3

from templates.iam import document
from templates.retention import RETAIN_DATA


def encryption(key_arn: AWSHelperFn | None) -> s3.BucketEncryption:
    """SSE-KMS with the customer-managed key (with an S3 Bucket Key to cut KMS calls), else SSE-S3."""
    if key_arn is None:
        default = s3.ServerSideEncryptionByDefault(SSEAlgorithm="AES256")
        return s3.BucketEncryption(ServerSideEncryptionConfiguration=[
            s3.ServerSideEncryptionRule(ServerSideEncryptionByDefault=default)])
    default = s3.ServerSideEncryptionByDefault(SSEAlgorithm="aws:kms", KMSMasterKeyID=key_arn)
    return s3.BucketEncryption(ServerSideEncryptionConfiguration=[
        s3.ServerSideEncryptionRule(ServerSideEncryptionByDefault=default, BucketKeyEnabled=True)])


def add_private_bucket(
    template: Template,
    logical_id: str,
    *,
    key_arn: AWSHelperFn | None,
    retain: bool,
    versioned: bool = False,
    policy_statements: list[dict[str, Any]] | None = None,
    **properties: Any,
) -> s3.Bucket:
    """Add a bucket with public access blocked, ACLs disabled, default encryption and a TLS-only
    policy (logical id ``{logical_id}Policy``). ``retain`` keeps it (and its data) when the stack is
    deleted or the bucket replaced, though not after a failed first create (``templates.retention``).
    ``policy_statements`` are added to the bucket policy after the TLS-only one."""
    extra: dict[str, Any] = {}
    if retain:
        extra.update(RETAIN_DATA)
    if versioned:
        properties["VersioningConfiguration"] = s3.VersioningConfiguration(Status="Enabled")
    bucket = template.add_resource(s3.Bucket(
        logical_id,
        BucketEncryption=encryption(key_arn),
        PublicAccessBlockConfiguration=s3.PublicAccessBlockConfiguration(
            BlockPublicAcls=True, BlockPublicPolicy=True, IgnorePublicAcls=True, RestrictPublicBuckets=True),
        OwnershipControls=s3.OwnershipControls(Rules=[s3.OwnershipControlsRule(ObjectOwnership="BucketOwnerEnforced")]),
        **properties,
        **extra,
    ))
    template.add_resource(s3.BucketPolicy(
        f"{logical_id}Policy",
        Bucket=bucket.ref(),
        PolicyDocument=document([{
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [GetAtt(bucket, "Arn"), Sub("${Arn}/*", Arn=GetAtt(bucket, "Arn"))],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }, *(policy_statements or [])]),
    ))
    return bucket
