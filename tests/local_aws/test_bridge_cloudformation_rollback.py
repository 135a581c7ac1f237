"""The CloudFormation rollback bridge: a refused resource fails the stack, which rolls back as on AWS;
``DeletionPolicy`` ``Retain`` / ``RetainExceptOnCreate`` are honoured."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from local_aws import EmbeddedAws
from local_aws.bridges.cloudformation_rollback import failure_reason

pytestmark = pytest.mark.embedded

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                  "Principal": {"Service": "lambda.amazonaws.com"}}]}
KEY = {"KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
       "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}]}


def _suffix() -> str:
    return uuid.uuid4().hex[:8]


def create_stack(aws: EmbeddedAws, resources: dict[str, Any], *, change_set: bool = False) -> str:
    """Create a stack (directly or through a CREATE change set, as ``build.py deploy`` does); its name."""
    cfn, name, body = aws.client("cloudformation"), f"rollback-{_suffix()}", json.dumps({"Resources": resources})
    if change_set:
        cfn.create_change_set(StackName=name, ChangeSetName="first", ChangeSetType="CREATE", TemplateBody=body,
                              Capabilities=["CAPABILITY_NAMED_IAM"])
        cfn.execute_change_set(StackName=name, ChangeSetName="first")
    else:
        cfn.create_stack(StackName=name, TemplateBody=body, Capabilities=["CAPABILITY_NAMED_IAM"])
    return name


def status(aws: EmbeddedAws, stack: str) -> str:
    return aws.client("cloudformation").describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]


def failures(aws: EmbeddedAws, stack: str) -> dict[str, str]:
    """``{logical id: reason}`` of the stack's ``*_FAILED`` resource events."""
    events = aws.client("cloudformation").describe_stack_events(StackName=stack)["StackEvents"]
    return {e["LogicalResourceId"]: e["ResourceStatusReason"] for e in events
            if e["ResourceStatus"].endswith("FAILED") and e["ResourceType"] != "AWS::CloudFormation::Stack"}


def bucket_exists(aws: EmbeddedAws, name: str) -> bool:
    return name in {b["Name"] for b in aws.client("s3").list_buckets()["Buckets"]}


# --- a fixed physical name that already exists -------------------------------------------------------------
def _existing(aws: EmbeddedAws, kind: str, name: str) -> tuple[dict[str, Any], Callable[[], bool]]:
    """Create ``name`` of ``kind`` outside any stack; the template resource that names it; a check it still exists."""
    if kind == "ecr":
        aws.client("ecr").create_repository(repositoryName=name)
        return ({"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": name}},
                lambda: bool(aws.client("ecr").describe_repositories(repositoryNames=[name])["repositories"]))
    if kind == "s3":
        aws.client("s3").create_bucket(Bucket=name)
        return {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": name}}, lambda: bucket_exists(aws, name)
    if kind == "dynamodb":
        aws.client("dynamodb").create_table(TableName=name, BillingMode="PAY_PER_REQUEST", **KEY)
        return ({"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
                                                                 **KEY}},
                lambda: name in aws.client("dynamodb").list_tables()["TableNames"])
    if kind == "logs":
        aws.client("logs").create_log_group(logGroupName=name)
        return ({"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": name}},
                lambda: bool(aws.client("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]))
    aws.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
    return ({"Type": "AWS::IAM::Role", "Properties": {"RoleName": name, "AssumeRolePolicyDocument": TRUST}},
            lambda: aws.client("iam").get_role(RoleName=name)["Role"]["RoleName"] == name)


@pytest.mark.parametrize(("kind", "reason"), [
    ("ecr", "Resource of type 'AWS::ECR::Repository' with identifier '{name}' already exists."),
    ("s3", "{name} already exists"),
    ("dynamodb", "Resource of type 'AWS::DynamoDB::Table' with identifier '{name}' already exists."),
    ("logs", "Resource of type 'AWS::Logs::LogGroup' with identifier '{name}' already exists."),
    ("iam", "Resource of type 'AWS::IAM::Role' with identifier '{name}' already exists."),
])
def test_a_fixed_name_that_exists_fails_the_stack(aws: EmbeddedAws, kind: str, reason: str) -> None:
    name = f"taken-{_suffix()}"
    resource, still_there = _existing(aws, kind, name)
    stack = create_stack(aws, {"Taken": resource}, change_set=kind in ("ecr", "dynamodb"))
    assert status(aws, stack) == "ROLLBACK_COMPLETE"
    assert failures(aws, stack) == {"Taken": reason.format(name=name)}
    assert still_there(), "the rollback must not delete what the stack did not create"


# --- rollback and DeletionPolicy -----------------------------------------------------------------------------
def _kept_and_failing(suffix: str, taken: str) -> dict[str, Any]:
    """Three buckets created first (one per policy), then one whose name is taken."""
    return {
        "Plain": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"plain-{suffix}"}},
        "Retained": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain",
                     "Properties": {"BucketName": f"retained-{suffix}"}},
        "Kept": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "RetainExceptOnCreate",
                 "Properties": {"BucketName": f"kept-{suffix}"}},
        "Taken": {"Type": "AWS::S3::Bucket", "DependsOn": ["Plain", "Retained", "Kept"],
                  "Properties": {"BucketName": taken}},
    }


@pytest.mark.parametrize("change_set", [False, True])
def test_a_failed_create_deletes_retain_except_on_create(aws: EmbeddedAws, change_set: bool) -> None:
    suffix, taken = _suffix(), f"taken-{_suffix()}"
    aws.client("s3").create_bucket(Bucket=taken)
    stack = create_stack(aws, _kept_and_failing(suffix, taken), change_set=change_set)
    assert status(aws, stack) == "ROLLBACK_COMPLETE"
    assert failures(aws, stack) == {"Taken": f"{taken} already exists"}
    assert not bucket_exists(aws, f"plain-{suffix}")
    assert not bucket_exists(aws, f"kept-{suffix}"), "RetainExceptOnCreate is deleted when the create rolls back"
    assert bucket_exists(aws, f"retained-{suffix}"), "Retain is kept even on rollback"
    assert bucket_exists(aws, taken)
    stack_id = aws.client("cloudformation").describe_stacks(StackName=stack)["Stacks"][0]["StackId"]
    aws.client("cloudformation").delete_stack(StackName=stack)  # what deploy does before retrying
    assert status(aws, stack_id) == "DELETE_COMPLETE"
    assert bucket_exists(aws, f"retained-{suffix}")


def test_a_stack_delete_keeps_retain_except_on_create(aws: EmbeddedAws) -> None:
    suffix = _suffix()
    resources = _kept_and_failing(suffix, f"free-{suffix}")
    stack = create_stack(aws, resources)
    assert status(aws, stack) == "CREATE_COMPLETE"
    aws.client("cloudformation").delete_stack(StackName=stack)
    assert not bucket_exists(aws, f"plain-{suffix}")
    assert bucket_exists(aws, f"kept-{suffix}"), "RetainExceptOnCreate is kept when the stack is deleted"
    assert bucket_exists(aws, f"retained-{suffix}")
    assert not bucket_exists(aws, f"free-{suffix}")


def test_an_update_that_removes_a_retained_resource_keeps_it(aws: EmbeddedAws) -> None:
    suffix = _suffix()
    resources = _kept_and_failing(suffix, f"free-{suffix}")
    stack = create_stack(aws, resources)
    remaining = {"Taken": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"free-{suffix}"}}}
    cfn = aws.client("cloudformation")
    cfn.create_change_set(StackName=stack, ChangeSetName="shrink", ChangeSetType="UPDATE",
                          TemplateBody=json.dumps({"Resources": remaining}))
    cfn.execute_change_set(StackName=stack, ChangeSetName="shrink")
    assert status(aws, stack) == "UPDATE_COMPLETE"
    assert not bucket_exists(aws, f"plain-{suffix}")
    assert bucket_exists(aws, f"kept-{suffix}") and bucket_exists(aws, f"retained-{suffix}")


def test_a_failed_update_is_reported_not_raised(aws: EmbeddedAws) -> None:
    suffix, taken = _suffix(), f"taken-{_suffix()}"
    aws.client("s3").create_bucket(Bucket=taken)
    stack = create_stack(aws, {"Plain": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"plain-{suffix}"}}})
    grown = {"Plain": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"plain-{suffix}"}},
             "Taken": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": taken}}}
    cfn = aws.client("cloudformation")
    cfn.create_change_set(StackName=stack, ChangeSetName="grow", ChangeSetType="UPDATE",
                          TemplateBody=json.dumps({"Resources": grown}))
    cfn.execute_change_set(StackName=stack, ChangeSetName="grow")
    assert status(aws, stack) == "UPDATE_ROLLBACK_FAILED"
    assert failures(aws, stack) == {"Taken": f"{taken} already exists"}


def test_other_refusals_carry_the_service_message() -> None:
    class Refused(Exception):
        message = "Specified ReservedConcurrentExecutions for function decreases ..."

    assert failure_reason(Refused(), "AWS::Lambda::Function", "f") == (
        'Resource handler returned message: "Specified ReservedConcurrentExecutions for function decreases ..."')
