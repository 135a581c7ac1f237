"""CloudFormation bridge: a stack's API stage, API key, usage plan and usage plan key.

moto 5.2.5's CloudFormation has no ``AWS::ApiGateway::Stage``, ``ApiKey``, ``UsagePlan`` or
``UsagePlanKey``: a stack whose ``Deployment`` names no ``StageName`` (the stage is its own resource,
as it must be for access logging and method settings) ends up with no stage, so the API Gateway
bridge answers 404, and with ``enable_api_key`` no key exists that could pass ``apiKeyRequired``.
The models below create them through moto's API Gateway backend, as the API calls would.
Access logging, method settings and throttling are recorded by AWS only; the embedded AWS keeps the
stage's deployment, variables and tracing flag.
"""

from __future__ import annotations

from typing import Any

from moto.apigateway.models import apigateway_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

from local_aws.bridges.cloudformation import register_models, unregister_models


def _backend(account_id: str, region: str) -> Any:
    return apigateway_backends[account_id][region]


def _truthy(value: Any) -> bool:
    return value in (True, "true", "True")


class _Model:
    """Shared CloudFormation plumbing: ``Ref`` is ``physical_resource_id``; no attributes unless listed."""

    ATTRIBUTES: dict[str, str] = {}

    physical_resource_id: str

    def is_created(self) -> bool:
        return True

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.ATTRIBUTES

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name not in self.ATTRIBUTES:
            raise UnformattedGetAttTemplateException()
        return str(getattr(self, self.ATTRIBUTES[attribute_name]))


class StackStage(_Model):
    def __init__(self, rest_api_id: str, name: str) -> None:
        self.rest_api_id = rest_api_id
        self.physical_resource_id = name

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackStage":
        p = cloudformation_json["Properties"]
        _backend(account_id, region_name).create_stage(
            p["RestApiId"], p["StageName"], p["DeploymentId"], variables=p.get("Variables"),
            description=p.get("Description", ""), tags={t["Key"]: t["Value"] for t in p.get("Tags", [])},
            tracing_enabled=_truthy(p.get("TracingEnabled")))
        return cls(p["RestApiId"], p["StageName"])

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackStage", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackStage":
        """A new deployment (the usual update) repoints the stage; a new name or API replaces it."""
        p = cloudformation_json["Properties"]
        if (p["RestApiId"], p["StageName"]) != (original_resource.rest_api_id, original_resource.physical_resource_id):
            original_resource.delete(account_id, region_name)
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        stage = _backend(account_id, region_name).get_stage(p["RestApiId"], p["StageName"])
        stage.deployment_id = p["DeploymentId"]
        stage.variables = p.get("Variables") or {}
        stage.description = p.get("Description", "")
        stage.tracing_enabled = _truthy(p.get("TracingEnabled"))
        return original_resource

    def delete(self, account_id: str, region: str) -> None:
        _backend(account_id, region).delete_stage(self.rest_api_id, self.physical_resource_id)


class StackApiKey(_Model):
    ATTRIBUTES = {"APIKeyId": "physical_resource_id"}

    def __init__(self, key_id: str) -> None:
        self.physical_resource_id = key_id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackApiKey":
        p = cloudformation_json["Properties"]
        payload: dict[str, Any] = {"name": p.get("Name", resource_name), "description": p.get("Description"),
                                   "enabled": _truthy(p.get("Enabled", False))}
        if p.get("Value"):
            payload["value"] = p["Value"]
        if p.get("StageKeys"):
            payload["stageKeys"] = [{"restApiId": k.get("RestApiId"), "stageName": k.get("StageName")}
                                    for k in p["StageKeys"]]
        return cls(_backend(account_id, region_name).create_api_key(payload).id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackApiKey", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackApiKey":
        key = _backend(account_id, region_name).keys[original_resource.physical_resource_id]
        p = cloudformation_json["Properties"]
        key.enabled = _truthy(p.get("Enabled", False))
        key.description = p.get("Description")
        return original_resource

    def delete(self, account_id: str, region: str) -> None:
        _backend(account_id, region).delete_api_key(self.physical_resource_id)


class StackUsagePlan(_Model):
    ATTRIBUTES = {"Id": "physical_resource_id"}

    def __init__(self, plan_id: str) -> None:
        self.physical_resource_id = plan_id

    @staticmethod
    def _payload(resource_name: str, p: dict[str, Any]) -> dict[str, Any]:
        throttle, quota = p.get("Throttle") or {}, p.get("Quota") or {}
        return {
            "name": p.get("UsagePlanName", resource_name),
            "description": p.get("Description"),
            "apiStages": [{"apiId": s["ApiId"], "stage": s["Stage"]} for s in p.get("ApiStages", [])],
            "throttle": {"rateLimit": throttle["RateLimit"], "burstLimit": throttle["BurstLimit"]} if throttle else None,
            "quota": {"limit": quota["Limit"], "period": quota["Period"], "offset": quota.get("Offset", 0)}
            if quota else None,
        }

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackUsagePlan":
        payload = cls._payload(resource_name, cloudformation_json["Properties"])
        return cls(_backend(account_id, region_name).create_usage_plan(payload).id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackUsagePlan", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackUsagePlan":
        plan = _backend(account_id, region_name).usage_plans[original_resource.physical_resource_id]
        payload = cls._payload(new_resource_name, cloudformation_json["Properties"])
        plan.description, plan.api_stages = payload["description"], payload["apiStages"]
        plan.throttle, plan.quota = payload["throttle"] or {}, payload["quota"] or {}
        return original_resource

    def delete(self, account_id: str, region: str) -> None:
        _backend(account_id, region).delete_usage_plan(self.physical_resource_id)


class StackUsagePlanKey(_Model):
    def __init__(self, plan_id: str, key_id: str) -> None:
        self.plan_id = plan_id
        self.physical_resource_id = key_id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackUsagePlanKey":
        p = cloudformation_json["Properties"]
        _backend(account_id, region_name).create_usage_plan_key(
            p["UsagePlanId"], {"keyId": p["KeyId"], "keyType": p["KeyType"]})
        return cls(p["UsagePlanId"], p["KeyId"])

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackUsagePlanKey", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackUsagePlanKey":
        """Every property forces a replacement."""
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id: str, region: str) -> None:
        _backend(account_id, region).usage_plan_keys.get(self.plan_id, {}).pop(self.physical_resource_id, None)


MODELS: dict[str, type] = {
    "AWS::ApiGateway::Stage": StackStage,
    "AWS::ApiGateway::ApiKey": StackApiKey,
    "AWS::ApiGateway::UsagePlan": StackUsagePlan,
    "AWS::ApiGateway::UsagePlanKey": StackUsagePlanKey,
}


def install() -> None:
    register_models(MODELS)


def uninstall() -> None:
    unregister_models(MODELS)
