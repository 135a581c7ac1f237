"""Bridge: sign-in on the embedded AWS — a stack's Cognito user pool, app client and the REST API's
``COGNITO_USER_POOLS`` authorizer, evaluated on every request as API Gateway does.

moto 5.2.5's Cognito issues real RS256 tokens and serves the pool's JWKS
(``/{pool id}/.well-known/jwks.json``), but its CloudFormation has no ``AWS::Cognito::UserPool``,
``UserPoolClient`` or ``AWS::ApiGateway::Authorizer``, its ``AWS::ApiGateway::Method`` drops
``AuthorizerId`` and ``AuthorizationScopes``, and its API Gateway never evaluates an authorizer. The
models below create them through moto's backends, and :func:`authorize` checks a request's token
against the pools the authorizer names: signature (the pool's JWKS), issuer, app client, expiry and the
method's scope (``lambdas.authorizer.tokens``); the API Gateway bridge answers 401/403 with API
Gateway's bodies and passes the claims on as ``requestContext.authorizer.claims``.
"""

from __future__ import annotations

from typing import Any

import jwt
from moto.apigateway import models as apigateway_models
from moto.cognitoidp.models import cognitoidp_backends
from moto.cognitoidp.responses import CognitoIdpJsonWebKeyResponse

from lambdas.authorizer.tokens import TokenRefused, bearer_token, verify_token
from pipeline.auth import COGNITO_ENDPOINT
from local_aws.bridges.apigateway_stack import _Model, _backend, _truthy
from local_aws.bridges.cloudformation import register_models, unregister_models

COGNITO_ISSUER = COGNITO_ENDPOINT + "/{pool_id}"
"""The ``iss`` of a user pool's tokens (moto's and AWS's alike)."""
REFUSED_BODIES = {401: {"message": "Unauthorized"}, 403: {"message": "Forbidden"}}
"""What API Gateway answers when its authorizer refuses a request."""


def _pools(account_id: str, region: str) -> Any:
    return cognitoidp_backends[account_id][region]


class StackUserPool(_Model):
    ATTRIBUTES = {"Arn": "arn", "ProviderName": "provider_name", "ProviderURL": "provider_url",
                  "UserPoolId": "physical_resource_id"}

    def __init__(self, pool: Any) -> None:
        self.physical_resource_id, self.arn = pool.id, pool.arn
        self.provider_url = COGNITO_ISSUER.format(region=pool.region, pool_id=pool.id)
        self.provider_name = self.provider_url.removeprefix("https://")

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackUserPool":
        p = dict(cloudformation_json["Properties"])
        name = p.pop("UserPoolName", resource_name)
        return cls(_pools(account_id, region_name).create_user_pool(name, p))

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackUserPool", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackUserPool":
        """Settings change in place: the pool keeps its accounts."""
        p = dict(cloudformation_json["Properties"])
        p.pop("UserPoolName", None)
        _pools(account_id, region_name).user_pools[original_resource.physical_resource_id].update_extended_config(p)
        return original_resource

    def delete(self, account_id: str, region: str) -> None:
        _pools(account_id, region).delete_user_pool(self.physical_resource_id)


class StackUserPoolClient(_Model):
    ATTRIBUTES = {"ClientId": "physical_resource_id"}

    def __init__(self, pool_id: str, client_id: str) -> None:
        self.pool_id, self.physical_resource_id = pool_id, client_id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackUserPoolClient":
        p = dict(cloudformation_json["Properties"])
        pool_id, secret = p.pop("UserPoolId"), _truthy(p.pop("GenerateSecret", False))
        client = _pools(account_id, region_name).create_user_pool_client(pool_id, secret, p)
        return cls(pool_id, client.id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackUserPoolClient", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackUserPoolClient":
        p = dict(cloudformation_json["Properties"])
        p.pop("UserPoolId"), p.pop("GenerateSecret", None)
        _pools(account_id, region_name).update_user_pool_client(
            original_resource.pool_id, original_resource.physical_resource_id, p)
        return original_resource

    def delete(self, account_id: str, region: str) -> None:
        _pools(account_id, region).delete_user_pool_client(self.pool_id, self.physical_resource_id)


class StackAuthorizer(_Model):
    ATTRIBUTES = {"AuthorizerId": "physical_resource_id"}

    def __init__(self, rest_api_id: str, authorizer_id: str) -> None:
        self.rest_api_id, self.physical_resource_id = rest_api_id, authorizer_id

    @classmethod
    def create_from_cloudformation_json(cls, resource_name: str, cloudformation_json: dict[str, Any],
                                        account_id: str, region_name: str, **kwargs: Any) -> "StackAuthorizer":
        p = cloudformation_json["Properties"]
        authorizer = _backend(account_id, region_name).create_authorizer(
            p["RestApiId"], p.get("Name", resource_name), p["Type"], provider_arns=p.get("ProviderARNs"),
            authorizer_uri=p.get("AuthorizerUri"), identity_source=p.get("IdentitySource"),
            authorizer_result_ttl=p.get("AuthorizerResultTtlInSeconds"))
        return cls(p["RestApiId"], authorizer.id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource: "StackAuthorizer", new_resource_name: str,
                                        cloudformation_json: dict[str, Any], account_id: str,
                                        region_name: str) -> "StackAuthorizer":
        p = cloudformation_json["Properties"]
        api = _backend(account_id, region_name).get_rest_api(original_resource.rest_api_id)
        authorizer = api.authorizers[original_resource.physical_resource_id]
        authorizer.provider_arns, authorizer.identity_source = p.get("ProviderARNs"), p.get("IdentitySource")
        return original_resource

    def delete(self, account_id: str, region: str) -> None:
        _backend(account_id, region).delete_authorizer(self.rest_api_id, self.physical_resource_id)


MODELS: dict[str, type] = {
    "AWS::Cognito::UserPool": StackUserPool,
    "AWS::Cognito::UserPoolClient": StackUserPoolClient,
    "AWS::ApiGateway::Authorizer": StackAuthorizer,
}
_ORIGINAL_METHOD_FROM_CLOUDFORMATION = apigateway_models.Method.__dict__["create_from_cloudformation_json"]


def _method_with_authorizer(resource_name: str, cloudformation_json: dict[str, Any], account_id: str,
                            region_name: str, **kwargs: Any) -> Any:
    """moto's Method, keeping the ``AuthorizerId`` and ``AuthorizationScopes`` it drops."""
    original = _ORIGINAL_METHOD_FROM_CLOUDFORMATION.__get__(None, apigateway_models.Method)
    method = original(resource_name, cloudformation_json, account_id, region_name, **kwargs)
    properties = cloudformation_json["Properties"]
    method.authorizer_id = properties.get("AuthorizerId")
    method.authorization_scopes = properties.get("AuthorizationScopes")
    return method


def authorize(api: Any, method: Any, headers: dict[str, str], *, account_id: str, region: str) -> dict[str, Any]:
    """The ``requestContext.authorizer`` of a request to ``method``, or :class:`TokenRefused`.

    A token passes when a pool the authorizer names issued it (signature with the pool's JWKS key and
    ``iss``), for one of that pool's app clients, unexpired, with every scope the method names."""
    authorizer = api.authorizers.get(method.authorizer_id or "")
    if authorizer is None:
        raise TokenRefused(500, f"method names no authorizer of API {api.id}: {method.authorizer_id!r}")
    header = next((value for name, value in headers.items() if name.lower() == "authorization"), None)
    token = bearer_token(header)
    keys = jwt.PyJWKSet.from_json(CognitoIdpJsonWebKeyResponse.json_web_key)
    scopes = list(method.authorization_scopes or []) or [None]
    refusals = []
    for pool_arn in authorizer.provider_arns or []:
        pool = _pools(account_id, region).user_pools.get(pool_arn.rsplit("/", 1)[-1])
        if pool is None:
            continue
        try:
            for scope in scopes:
                claims = verify_token(token, keys, issuer=COGNITO_ISSUER.format(region=region, pool_id=pool.id),
                                      audiences=set(pool.clients), required_scope=scope)
            return {"claims": {name: value if isinstance(value, str) else str(value) for name, value in claims.items()}}
        except TokenRefused as refused:
            refusals.append(refused)
    raise max(refusals, key=lambda refused: refused.status, default=TokenRefused(401, "no user pool to check against"))


def install() -> None:
    register_models(MODELS)
    apigateway_models.Method.create_from_cloudformation_json = staticmethod(_method_with_authorizer)  # type: ignore[method-assign]


def uninstall() -> None:
    unregister_models(MODELS)
    apigateway_models.Method.create_from_cloudformation_json = _ORIGINAL_METHOD_FROM_CLOUDFORMATION  # type: ignore[method-assign]
