"""CloudFormation bridge: ``AWS::ApiGateway::Account``, one owner per account and region.

moto 5.2.5 has no model for ``AWS::ApiGateway::Account``: a stack declaring it deployed with the resource
silently missing, so ``apigateway get-account`` never showed the stack's CloudWatch role. The setting is
a single value per account and region: two stacks each declaring it overwrite each other, and deleting
either removes the role from every API in the region (their access logs stop). The model below:

* sets ``cloudwatchRoleArn`` through moto's API Gateway backend, as ``UpdateAccount`` does (readable with
  ``boto3.client("apigateway").get_account()``), and sets it again on update;
* refuses to be created while another live stack owns one: the resource is ``CREATE_FAILED`` with "The
  API Gateway account setting ... is owned by stack X" and the stack rolls back (rollback bridge);
* on delete clears the role when it is still the one this resource set.
"""

from __future__ import annotations

from typing import Any

from moto.apigateway.models import apigateway_backends
from moto.cloudformation.models import cloudformation_backends

from local_aws.bridges.cloudformation import register_models, unregister_models

RESOURCE_TYPE = "AWS::ApiGateway::Account"
#: Stack statuses whose resources are gone.
_GONE = frozenset({"ROLLBACK_COMPLETE", "DELETE_COMPLETE", "DELETE_IN_PROGRESS"})


class AccountSettingOwned(Exception):
    """Another stack already owns the account-level API Gateway setting."""


def _set_role(account_id: str, region: str, role_arn: str | None) -> None:
    apigateway_backends[account_id][region].account.cloudwatch_role_arn = role_arn


def owning_stack(account_id: str, region: str, except_stack_id: str | None) -> str | None:
    """The name of the live stack (other than ``except_stack_id``) holding an ``AWS::ApiGateway::Account``."""
    for stack in cloudformation_backends[account_id][region].stacks.values():
        if stack.stack_id == except_stack_id or stack.status in _GONE:
            continue
        if any(isinstance(resource, StackAccount) for resource in stack.resource_map._parsed_resources.values()):
            return stack.name
    return None


class StackAccount:
    """A stack's ``AWS::ApiGateway::Account``; ``Ref`` is its generated id."""

    def __init__(self, physical_resource_id: str, role_arn: str | None) -> None:
        self.physical_resource_id = physical_resource_id
        self.role_arn = role_arn

    def is_created(self) -> bool:
        return True

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackAccount":
        owner = owning_stack(account_id, region_name, kwargs.get("StackId"))
        if owner is not None:
            raise AccountSettingOwned(
                f"The API Gateway account setting (CloudWatch role) of account {account_id} in {region_name} is "
                f"owned by stack {owner}: {RESOURCE_TYPE} is one setting per account and region, so a second "
                "owner would overwrite it and deleting either would remove it for every API. Declare it in one "
                "stack only.")
        role_arn = (cloudformation_json.get("Properties") or {}).get("CloudWatchRoleArn")
        _set_role(account_id, region_name, role_arn)
        return cls(resource_name, role_arn)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackAccount", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackAccount":
        original_resource.role_arn = (cloudformation_json.get("Properties") or {}).get("CloudWatchRoleArn")
        _set_role(account_id, region_name, original_resource.role_arn)
        return original_resource

    def delete(self, account_id: str, region: str) -> None:
        if apigateway_backends[account_id][region].account.cloudwatch_role_arn == self.role_arn:
            _set_role(account_id, region, None)


_MODELS: dict[str, type] = {RESOURCE_TYPE: StackAccount}


def install() -> None:
    register_models(_MODELS)


def uninstall() -> None:
    unregister_models(_MODELS)
