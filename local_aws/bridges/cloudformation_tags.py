"""CloudFormation tags bridge: a stack's data resources carry its tags, as on AWS.

CloudFormation tags every resource that supports tags with ``aws:cloudformation:stack-name``,
``aws:cloudformation:stack-id`` and ``aws:cloudformation:logical-id`` plus the stack's own tags, and
a retained resource keeps them after its stack is gone: that is how ``build.py destroy --purge``
finds the data a plain ``destroy`` left (through the Resource Groups Tagging API). moto 5.2.5 tags
only EC2 resources. Here S3 buckets, DynamoDB tables and KMS keys created by a stack are tagged too.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import parsing
from moto.dynamodb.models import dynamodb_backends
from moto.kms.models import kms_backends
from moto.s3.models import s3_backends

TAGGED_TYPES = ("AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::KMS::Key")

_wrapped: dict[str, Any] = {}


def _tag(resource_type: str, instance: Any, tags: dict[str, str], account_id: str, region: str) -> None:
    if resource_type == "AWS::S3::Bucket":
        backend = s3_backends[account_id]["aws"]
        existing = {t["Key"]: t["Value"] for t in backend.get_bucket_tagging(instance.name).get("Tags", [])}
        backend.put_bucket_tagging(instance.name, {**tags, **existing})
    elif resource_type == "AWS::DynamoDB::Table":
        dynamodb_backends[account_id][region].tag_resource(instance.table_arn, tags)
    elif resource_type == "AWS::KMS::Key":
        kms_backends[account_id][region].tag_resource(instance.id, tags)


def _create_resource(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str,
                     region_name: str) -> Any:
    instance = _wrapped["create"](logical_id, resource_json, resources_map, account_id, region_name)
    resource_type = resource_json.get("Type")
    if instance is not None and resource_type in TAGGED_TYPES:
        tags = {**resources_map.tags,
                "aws:cloudformation:stack-name": resources_map["AWS::StackName"],
                "aws:cloudformation:stack-id": resources_map["AWS::StackId"],
                "aws:cloudformation:logical-id": logical_id}
        _tag(resource_type, instance, {key: str(value) for key, value in tags.items()}, account_id, region_name)
    return instance


def install() -> None:
    # wraps whatever creates resources now (the rollback bridge's handler, installed before this one)
    _wrapped.setdefault("create", parsing.parse_and_create_resource)
    parsing.parse_and_create_resource = _create_resource  # type: ignore[assignment]


def uninstall() -> None:
    if "create" in _wrapped:
        parsing.parse_and_create_resource = _wrapped.pop("create")  # type: ignore[assignment]
