"""A stack's data resources carry CloudFormation's tags and the stack's own, and keep them when retained
(cloudformation_tags); a key from a template reads back with DescribeKey (kms)."""

from __future__ import annotations

import json
import uuid

import pytest

from local_aws import EmbeddedAws

pytestmark = pytest.mark.embedded

TEMPLATE = {"Resources": {
    "Data": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain"},
    "Jobs": {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain", "Properties": {
        "BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}]}},
    "Key": {"Type": "AWS::KMS::Key", "DeletionPolicy": "Retain", "Properties": {"KeyPolicy": {
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*",
                                                "Resource": "*"}]}}},
}}


def test_retained_resources_keep_the_stack_tags_and_are_found_by_them(aws: EmbeddedAws) -> None:
    name = f"tags-{uuid.uuid4().hex[:8]}"
    cfn = aws.client("cloudformation")
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(TEMPLATE), Tags=[{"Key": "project", "Value": name}])
    key_id = next(r["PhysicalResourceId"] for r in cfn.describe_stack_resources(StackName=name)["StackResources"]
                  if r["LogicalResourceId"] == "Key")
    assert aws.client("kms").describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "Enabled"
    cfn.delete_stack(StackName=name)

    found = aws.client("resourcegroupstaggingapi").get_resources(
        TagFilters=[{"Key": "aws:cloudformation:stack-name", "Values": [name]}])["ResourceTagMappingList"]
    by_logical_id = {next(t["Value"] for t in m["Tags"] if t["Key"] == "aws:cloudformation:logical-id"): m
                     for m in found}
    assert set(by_logical_id) == {"Data", "Jobs", "Key"}
    for mapping in by_logical_id.values():
        tags = {t["Key"]: t["Value"] for t in mapping["Tags"]}
        assert tags["project"] == name and tags["aws:cloudformation:stack-id"].startswith("arn:aws:cloudformation:")
    assert by_logical_id["Key"]["ResourceARN"].endswith(f":key/{key_id}")
