"""CloudFormation bridge: ``AWS::Lambda::Version`` and ``AWS::Lambda::Alias`` resources.

moto 5.2.5 publishes a version for ``AWS::Lambda::Version`` but gives it no ``Ref`` (the version ARN)
and no ``Fn::GetAtt [.., Version]``, and it has no ``AWS::Lambda::Alias`` at all: a template whose API
integration or ``AWS::Lambda::Permission`` names an alias resolves that name to nothing and the change
set fails (``KeyError 'FunctionName'``). The bridge resolves both types to models below, which publish
versions and create aliases through moto's Lambda backend (``publish_version``/``create_alias``), so
invoking ``arn:...:function:NAME:ALIAS`` runs the version the alias points at.

Provisioned concurrency has no meaning for an in-process runtime; the alias records the configured
``ProvisionedConcurrentExecutions`` (moto has no API for it), which changes nothing here.

The models are served through the CloudFormation bridge's :func:`register_models`, not as direct
``CloudFormationModel`` subclasses (moto's model map), so uninstalling restores moto's own behaviour.
"""

from __future__ import annotations

from typing import Any

from moto.awslambda.exceptions import UnknownFunctionException
from moto.awslambda.models import LambdaAlias, LambdaFunction, LambdaVersion, lambda_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

from local_aws.bridges.cloudformation import register_models, unregister_models


def _backend(account_id: str, region: str) -> Any:
    return lambda_backends[account_id][region]


def _provisioned(properties: dict[str, Any]) -> int:
    config = properties.get("ProvisionedConcurrencyConfig") or {}
    return int(config.get("ProvisionedConcurrentExecutions", 0))


class StackVersion(LambdaVersion):
    """A version published by a stack; ``Ref`` is the version's ARN."""

    def __init__(self, published: LambdaFunction, account_id: str, region: str) -> None:
        super().__init__({"Version": published.version})
        self.published = published
        self.account_id = account_id
        self.region = region

    @property
    def physical_resource_id(self) -> str:
        return self.published.function_arn

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Version", "FunctionArn")

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "Version":
            return str(self.published.version)
        if attribute_name == "FunctionArn":
            return self.published.function_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],  # type: ignore[override]
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackVersion":
        properties = cloudformation_json["Properties"]
        published = _backend(account_id, region_name).publish_version(
            properties["FunctionName"], properties.get("Description", ""))
        if published is None:
            raise UnknownFunctionException(properties["FunctionName"])
        return cls(published, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackVersion", new_resource_name: str,  # type: ignore[override]
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackVersion":
        """Every property of a version forces a replacement: publish again."""
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region: str) -> None:
        try:
            _backend(account_id, region).delete_function(self.published.function_name, str(self.published.version))
        except UnknownFunctionException:
            pass  # deleted with its function


class StackAlias:
    """An alias created by a stack (the ``LambdaAlias`` moto's backend stores); ``Ref`` is its ARN."""

    def __init__(self, alias: LambdaAlias, function_name: str, provisioned_concurrent_executions: int) -> None:
        self.alias = alias
        self.function_name = function_name
        self.provisioned_concurrent_executions = provisioned_concurrent_executions

    @property
    def physical_resource_id(self) -> str:
        return self.alias.arn

    def is_created(self) -> bool:
        return True

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "AliasArn"

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "AliasArn":
            return self.alias.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],  # type: ignore[override]
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackAlias":
        properties = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        function = backend.get_function(properties["FunctionName"])
        alias = backend.create_alias(
            name=properties["Name"], function_name=function.function_name,
            function_version=str(properties["FunctionVersion"]), description=properties.get("Description", ""),
            routing_config=properties.get("RoutingConfig"))
        return cls(alias, function.function_name, _provisioned(properties))

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackAlias", new_resource_name: str,  # type: ignore[override]
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackAlias":
        """Point the alias at its new version (a new name or function replaces it)."""
        properties = cloudformation_json["Properties"]
        backend = _backend(account_id, region_name)
        function = backend.get_function(properties["FunctionName"])
        if properties["Name"] != original_resource.alias.name or function.function_name != original_resource.function_name:
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        alias = backend.update_alias(
            name=properties["Name"], function_name=function.function_name,
            function_version=str(properties["FunctionVersion"]), description=properties.get("Description", ""),
            routing_config=properties.get("RoutingConfig"))
        return cls(alias, function.function_name, _provisioned(properties))

    def delete(self, account_id: str, region: str) -> None:
        try:
            _backend(account_id, region).delete_alias(self.alias.name, self.function_name)
        except UnknownFunctionException:
            pass  # deleted with its function


MODELS: dict[str, type] = {"AWS::Lambda::Version": StackVersion, "AWS::Lambda::Alias": StackAlias}


def install() -> None:
    register_models(MODELS, replaced_on_update=("AWS::Lambda::Version",))


def uninstall() -> None:
    unregister_models(MODELS)
