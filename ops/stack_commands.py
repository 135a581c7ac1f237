"""Inspect and tear down deployed stacks: outputs, diff, drift, destroy."""

from __future__ import annotations

import time

import botocore.exceptions

from ops.aws import Target
from ops.console import Reporter
from ops.deploy import Polling, create_change_set, delete_stack, stack_outputs, stack_status
from ops.synth import Synthesized, bootstrap_stack_name
from pipeline.config import Config
from templates.names import account_stack_name
from templates.sign_in import USER_POOL_NAME_SUFFIX


class StackMissingError(RuntimeError):
    """The stack is not deployed on the target."""


class NotAvailableLocally(RuntimeError):
    """The command needs an AWS feature the embedded AWS does not emulate."""


def require_stack(cfn, stack_name: str, target: Target) -> str:
    status = stack_status(cfn, stack_name)
    if status is None:
        where = f"the embedded AWS at {target.endpoint_url}" if target.is_local else f"region {target.region}"
        raise StackMissingError(f"stack {stack_name} is not deployed in {where}; run `python build.py deploy` first")
    return status


class StackNotReadyError(StackMissingError):
    """The stack exists but is still being created: it has no outputs yet."""


#: Statuses of a stack whose first creation has not finished (a change set under review, then the create).
BEING_CREATED = ("REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS")


def _answering_locally(target: Target, values: dict[str, str]) -> dict[str, str]:
    """On the embedded AWS, each ``https://{id}.execute-api...`` output becomes the URL that answers
    there (its API Gateway bridge on ``target``); every other output is kept as it is."""
    from local_aws.bridges.apigateway import api_url_from_output

    answering = {}
    for key, value in values.items():
        try:
            answering[key] = api_url_from_output(target.endpoint_url, value)
        except ValueError:  # not an API stage URL
            answering[key] = value
    return answering


def outputs(config: Config, target: Target) -> dict[str, str]:
    """Outputs of the main stack; on the embedded AWS with the API's URLs as they answer there.
    :class:`StackNotReadyError` while the stack is still being created (it has none yet)."""
    cfn = target.client("cloudformation")
    status = require_stack(cfn, config.stack_name, target)
    if status in BEING_CREATED:
        wait = ("wait until `python build.py local up` prints \"Try it:\"" if target.is_local
                else "`python build.py deploy` shows its progress")
        raise StackNotReadyError(f"stack {config.stack_name} is still being created ({status}), so it has no outputs "
                                 f"yet: {wait}, then run `outputs` again")
    values = stack_outputs(cfn, config.stack_name)
    return _answering_locally(target, values) if target.is_local else values


def diff(config: Config, target: Target, synthesized: Synthesized, reporter: Reporter) -> int:
    """Show what a deploy of this template (with the stack's current parameters) would change in the
    main stack, then discard the change set; returns the number of changes."""
    from ops.pipeline_deploy import template_location

    cfn = target.client("cloudformation")
    require_stack(cfn, config.stack_name, target)
    stack = cfn.describe_stacks(StackName=config.stack_name)["Stacks"][0]
    parameters = {p["ParameterKey"]: p["ParameterValue"] for p in stack.get("Parameters", [])}
    location = template_location(target, parameters["ArtifactsBucketName"], "main", synthesized.main_json())
    name, changes = create_change_set(
        cfn, stack_name=config.stack_name, parameters=parameters,
        polling=Polling(interval_s=0.05 if target.is_local else 3, timeout_s=600), **location,
    )
    if name:
        cfn.delete_change_set(StackName=config.stack_name, ChangeSetName=name)
    reporter.table(f"Changes to {config.stack_name}", ["action", "logical id", "type", "replacement"],
                   [change.row() for change in changes])
    return len(changes)


def drift(config: Config, target: Target, reporter: Reporter, timeout_s: float = 600) -> list[dict]:
    """Run drift detection on the main stack; returns the drifted resources."""
    if target.is_local:
        raise NotAvailableLocally("drift detection is not available on the embedded AWS (moto does not implement "
                                  "DetectStackDrift); run `python build.py drift` against AWS")
    cfn = target.client("cloudformation")
    require_stack(cfn, config.stack_name, target)
    detection = cfn.detect_stack_drift(StackName=config.stack_name)["StackDriftDetectionId"]
    deadline = time.monotonic() + timeout_s
    while True:
        state = cfn.describe_stack_drift_detection_status(StackDriftDetectionId=detection)
        if state["DetectionStatus"] != "DETECTION_IN_PROGRESS":
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"drift detection still running after {timeout_s:.0f} s")
        time.sleep(2)
    drifts = cfn.describe_stack_resource_drifts(
        StackName=config.stack_name, StackResourceDriftStatusFilters=["MODIFIED", "DELETED"]
    )["StackResourceDrifts"]
    reporter.info(f"{config.stack_name}: {state.get('StackDriftStatus', 'UNKNOWN')}")
    return drifts


def _empty_bucket(s3, bucket: str) -> None:
    paginator = s3.get_paginator("list_object_versions")
    for page in paginator.paginate(Bucket=bucket):
        objects = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
        if objects:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True})


#: Resource types the main stack keeps when it is deleted (``templates.retention``), and ``--purge`` removes.
RETAINED_TYPES = ("AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::Cognito::UserPool")
USER_POOL = "AWS::Cognito::UserPool"
"""Kept with its people's accounts (``auth.mode = "jwt"``); ``--purge`` lifts its deletion protection and deletes it."""
#: Days before a purged KMS key is deleted (AWS's minimum; it can be cancelled until then).
KEY_DELETION_DAYS = 7


_TYPE_OF_ARN_SERVICE = {"s3": "AWS::S3::Bucket", "dynamodb": "AWS::DynamoDB::Table", "kms": "AWS::KMS::Key"}


def _retained_resources(target: Target, stack_name: str) -> dict[str, str]:
    """``{physical id: type}`` of the data the stack keeps (or kept) when deleted: read from the live
    stack, else found by the ``aws:cloudformation:stack-name`` tag CloudFormation puts on every
    resource and a retained one keeps. So ``destroy --purge`` still finds what a plain ``destroy`` left."""
    cfn = target.client("cloudformation")
    if stack_status(cfn, stack_name) is not None:
        return {
            resource["PhysicalResourceId"]: resource["ResourceType"]
            for resource in cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
            if resource["ResourceType"] in RETAINED_TYPES and resource.get("PhysicalResourceId")
        }
    found: dict[str, str] = {}
    pages = target.client("resourcegroupstaggingapi").get_paginator("get_resources").paginate(
        TagFilters=[{"Key": "aws:cloudformation:stack-name", "Values": [stack_name]}],
        ResourceTypeFilters=["s3", "dynamodb:table", "kms:key"])
    for page in pages:
        for mapping in page["ResourceTagMappingList"]:
            arn = mapping["ResourceARN"]
            resource_type = _TYPE_OF_ARN_SERVICE.get(arn.split(":")[2])
            if resource_type is not None:  # arn:aws:s3:::name, ...:table/name, ...:key/id
                found[arn.rsplit(":", 1)[-1].split("/")[-1]] = resource_type
    pool_name = f"{stack_name}-{USER_POOL_NAME_SUFFIX}"
    for page in target.client("cognito-idp").get_paginator("list_user_pools").paginate(MaxResults=60):
        found.update({pool["Id"]: USER_POOL for pool in page["UserPools"] if pool["Name"] == pool_name})
    return found


def what_destroy_deletes(config: Config, *, purge: bool) -> str:
    """One sentence: what ``destroy`` (``--purge``) deletes and what it keeps."""
    bootstrap, account = bootstrap_stack_name(config), account_stack_name(config)
    if purge:
        return (f"deletes stack {config.stack_name}, its buckets (emptied), tables and user pool (with its accounts), "
                f"stack {bootstrap} with its images, "
                f"and schedules its KMS key's deletion in {KEY_DELETION_DAYS} days; keeps stack {account}")
    return (f"deletes stack {config.stack_name}; keeps its buckets, tables, KMS key and user pool, stack {bootstrap} and stack "
            f"{account} (--purge deletes all but {account})")


def destroy(config: Config, target: Target, reporter: Reporter, *, purge: bool = False) -> None:
    """Delete the main stack; it keeps the data buckets, tables, KMS key and user pool. ``purge`` also deletes
    those (the key after AWS's 7-day waiting period) and the bootstrap stack (artifacts, image). The
    account stack (API Gateway's logging role for the account and region) is never deleted."""
    cfn = target.client("cloudformation")
    polling = Polling(interval_s=0.05 if target.is_local else 5, timeout_s=3600)
    retained = _retained_resources(target, config.stack_name)
    delete_stack(cfn, config.stack_name, reporter=reporter, polling=polling)
    if purge:
        s3, dynamodb = target.client("s3"), target.client("dynamodb")
        for physical_id, resource_type in retained.items():
            try:
                if resource_type == "AWS::S3::Bucket":
                    _empty_bucket(s3, physical_id)
                    s3.delete_bucket(Bucket=physical_id)
                elif resource_type == USER_POOL:
                    idp = target.client("cognito-idp")
                    idp.update_user_pool(UserPoolId=physical_id, DeletionProtection="INACTIVE")
                    idp.delete_user_pool(UserPoolId=physical_id)
                elif resource_type == "AWS::KMS::Key":
                    target.client("kms").schedule_key_deletion(KeyId=physical_id, PendingWindowInDays=KEY_DELETION_DAYS)
                    reporter.info(f"scheduled KMS key {physical_id} for deletion in {KEY_DELETION_DAYS} days")
                    continue
                else:
                    dynamodb.delete_table(TableName=physical_id)
                reporter.info(f"purged {resource_type} {physical_id}")
            except botocore.exceptions.ClientError as error:
                reporter.warn(f"could not purge {physical_id}: {error}")
        bootstrap = bootstrap_stack_name(config)
        if stack_status(cfn, bootstrap) is not None:
            for resource in cfn.describe_stack_resources(StackName=bootstrap)["StackResources"]:
                if resource["ResourceType"] == "AWS::S3::Bucket":
                    _empty_bucket(s3, resource["PhysicalResourceId"])
            delete_stack(cfn, bootstrap, reporter=reporter, polling=polling)
    else:
        if retained:
            reporter.info("kept (retained) data: " + ", ".join(sorted(retained)) + "; use --purge to delete them")
        reporter.info(f"kept stack {bootstrap_stack_name(config)} (artifacts bucket, image repository); "
                      "--purge deletes it too")
    reporter.info(f"kept stack {account_stack_name(config)} if present: API Gateway's logging role, shared by every "
                  "API of the account and region")
