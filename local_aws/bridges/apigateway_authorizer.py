"""Bridge: sign-in on the embedded AWS — a stack's Cognito user pool, app client and the REST API's
authorizers (``COGNITO_USER_POOLS`` and ``TOKEN`` Lambda authorizers), evaluated on every request as
API Gateway does.

moto 5.2.5's Cognito issues real RS256 tokens and serves the pool's JWKS
(``/{pool id}/.well-known/jwks.json``), but its CloudFormation has no ``AWS::Cognito::UserPool``,
``UserPoolClient`` or ``AWS::ApiGateway::Authorizer``, its ``AWS::ApiGateway::Method`` drops
``AuthorizerId`` and ``AuthorizationScopes``, and its API Gateway never evaluates an authorizer. The
models below create them through moto's backends, and :func:`authorize` checks a request's token
against the pools the authorizer names: signature (the pool's JWKS), issuer, app client, expiry and the
method's scope (``lambdas.authorizer.tokens``); the API Gateway bridge answers 401/403 with API
Gateway's bodies and passes the claims on as ``requestContext.authorizer.claims``.

A ``TOKEN`` authorizer (``auth.issuer_url``) is run by :func:`authorize_with_function` as API Gateway
runs it: no identity (``Authorization`` header) is 401 without a call; otherwise the function named by
``AuthorizerUri`` is invoked through the server's Lambda API (the Lambda bridge runs the deployed
handler with the function's environment) with ``{"type": "TOKEN", "authorizationToken", "methodArn"}``;
the error ``Unauthorized`` is 401, any other error 500; the returned policy is evaluated against the
method ARN (an explicit Deny, or no Allow, is 403); an Allow's ``principalId`` and ``context`` become
``requestContext.authorizer``. The function's answer for an identity is kept for
``AuthorizerResultTtlInSeconds`` (300 when unset) and its policy evaluated again for each method.
"""

from __future__ import annotations

import fnmatch
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
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
DEFAULT_RESULT_TTL_S = 300
"""API Gateway's cache time for a Lambda authorizer's answer when the authorizer names none."""
FUNCTION_IN_URI = re.compile(r"functions/(?P<arn>arn:[^/]+)/invocations")
"""The function ARN in an integration's ``Uri`` or an authorizer's ``AuthorizerUri``."""


@dataclass(frozen=True)
class GatewayAnswer(Exception):
    """API Gateway answers the request itself (status, JSON body): a Lambda authorizer refused it or failed."""

    status: int
    body: dict[str, Any]


UNAUTHORIZED = GatewayAnswer(401, {"message": "Unauthorized"})
EXPLICIT_DENY = GatewayAnswer(403, {"Message": "User is not authorized to access this resource with an explicit deny"})
NOT_ALLOWED = GatewayAnswer(403, {"Message": "User is not authorized to access this resource"})
AUTHORIZER_FAILURE = GatewayAnswer(500, {"message": None})


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
        authorizer.authorizer_uri = p.get("AuthorizerUri")
        authorizer.authorizer_result_ttl = p.get("AuthorizerResultTtlInSeconds")
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


def _header(headers: dict[str, str], name: str) -> str | None:
    return next((value for key, value in headers.items() if key.lower() == name.lower()), None)


def authorize(api: Any, method: Any, headers: dict[str, str], *, account_id: str, region: str) -> dict[str, Any]:
    """The ``requestContext.authorizer`` of a request to ``method``, or :class:`TokenRefused`.

    A token passes when a pool the authorizer names issued it (signature with the pool's JWKS key and
    ``iss``), for one of that pool's app clients, unexpired, with every scope the method names."""
    authorizer = api.authorizers.get(method.authorizer_id or "")
    if authorizer is None:
        raise TokenRefused(500, f"method names no authorizer of API {api.id}: {method.authorizer_id!r}")
    token = bearer_token(_header(headers, "authorization"))
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


Invoke = Callable[[str, dict[str, Any]], tuple[Any, bool]]
"""Invokes a function ARN with an event: ``(payload, function_error)``."""
_answers: dict[tuple[str, str, str], tuple[float, dict[str, Any]]] = {}
"""``(api id, authorizer id, identity) -> (expiry on time.monotonic, the function's answer)``: the policy
is evaluated again for each request's method, as API Gateway does with a cached answer."""


def _effect(policy: Any, method_arn: str) -> str | None:
    """``Deny`` when a statement denies ``execute-api:Invoke`` on the method, else ``Allow`` when one
    allows it, else ``None`` (IAM's evaluation: an explicit deny wins)."""
    statements = policy.get("Statement", []) if isinstance(policy, dict) else []
    effects = set()
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement.get("Action", [])
        resources = statement.get("Resource", [])
        actions = [actions] if isinstance(actions, str) else actions
        resources = [resources] if isinstance(resources, str) else resources
        if any(fnmatch.fnmatchcase("execute-api:Invoke", action) for action in actions) and any(
                fnmatch.fnmatchcase(method_arn, resource) for resource in resources):
            effects.add(statement.get("Effect"))
    return "Deny" if "Deny" in effects else "Allow" if "Allow" in effects else None


def authorize_with_function(api: Any, method: Any, headers: dict[str, str], *, method_arn: str,
                            invoke: Invoke) -> dict[str, Any]:
    """The ``requestContext.authorizer`` of a request to a method with a ``TOKEN`` Lambda authorizer, or
    :class:`GatewayAnswer` with API Gateway's status and body."""
    authorizer = api.authorizers.get(method.authorizer_id or "")
    if authorizer is None:
        raise AUTHORIZER_FAILURE
    identity = _header(headers, (authorizer.identity_source or "").rsplit(".", 1)[-1])
    if not identity:
        raise UNAUTHORIZED
    cache_key = (api.id, authorizer.id, identity)
    cached = _answers.get(cache_key)
    if cached is not None and cached[0] > time.monotonic():
        payload = cached[1]
    else:
        payload = _invoke_authorizer(authorizer, identity, method_arn, invoke)
        ttl_s = DEFAULT_RESULT_TTL_S if authorizer.authorizer_result_ttl is None else int(authorizer.authorizer_result_ttl)
        if ttl_s > 0:
            now = time.monotonic()
            for key in [key for key, (expiry, _) in _answers.items() if expiry <= now]:
                del _answers[key]  # answers past their time are never served again: keep the cache to live ones
            _answers[cache_key] = (now + ttl_s, payload)
    effect = _effect(payload["policyDocument"], method_arn)
    if effect != "Allow":
        raise EXPLICIT_DENY if effect == "Deny" else NOT_ALLOWED
    return {**payload.get("context", {}), "principalId": payload["principalId"]}


def _invoke_authorizer(authorizer: Any, identity: str, method_arn: str, invoke: Invoke) -> dict[str, Any]:
    """The function's answer (principal, policy, context); :class:`GatewayAnswer` when it refused or failed."""
    function = FUNCTION_IN_URI.search(authorizer.authorizer_uri or "")
    if function is None:
        raise AUTHORIZER_FAILURE
    payload, failed = invoke(function["arn"], {"type": "TOKEN", "authorizationToken": identity,
                                                "methodArn": method_arn})
    if failed:
        unauthorized = isinstance(payload, dict) and payload.get("errorMessage") == "Unauthorized"
        raise UNAUTHORIZED if unauthorized else AUTHORIZER_FAILURE
    if not isinstance(payload, dict) or "principalId" not in payload or "policyDocument" not in payload:
        raise AUTHORIZER_FAILURE
    context = payload.get("context") or {}
    if not isinstance(context, dict) or not all(isinstance(v, (str, int, float, bool)) for v in context.values()):
        raise AUTHORIZER_FAILURE  # API Gateway takes strings, numbers and booleans only
    return {**payload, "context": context}


def install() -> None:
    register_models(MODELS)
    apigateway_models.Method.create_from_cloudformation_json = staticmethod(_method_with_authorizer)  # type: ignore[method-assign]


def uninstall() -> None:
    unregister_models(MODELS)
    apigateway_models.Method.create_from_cloudformation_json = _ORIGINAL_METHOD_FROM_CLOUDFORMATION  # type: ignore[method-assign]
