"""The REST API's Lambda authorizer (TOKEN type) for another OIDC issuer (``auth.issuer_url``).

API Gateway calls it with ``{"type": "TOKEN", "authorizationToken": <Authorization header>,
"methodArn": "arn:...:execute-api:{region}:{account}:{api}/{stage}/{verb}/{path}"}`` and keeps its
answer for the token ``auth.authorizer_cache_s`` seconds. The answer follows API Gateway's Lambda
authorizer contract:

- a valid token with the scope: ``Allow`` on every method of the stage (the cached answer serves the
  token's next calls to any route, which all need the same scope), ``principalId`` and ``context``
  ``{"sub", "scope"}``, which the API handlers read as the caller (``lambdas.api.caller``);
- a valid token without ``REQUIRED_SCOPE``: ``Deny`` (API Gateway answers 403);
- anything else (no token, a bad signature, another issuer or audience, expired, not yet valid):
  the exception ``Unauthorized``, the one message API Gateway turns into 401.

An issuer that cannot be read raises :class:`~lambdas.authorizer.issuer.IssuerUnavailable` (API
Gateway answers 500 and caches nothing). The checks themselves are ``lambdas.authorizer.tokens``, the
same functions the embedded AWS applies to Cognito's tokens. Logs name the refusal's reason and the
token's subject when known, never the token.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

import jwt

from lambdas.authorizer.issuer import IssuerKeys
from lambdas.authorizer.tokens import (
    OIDC_AUDIENCE_CLAIMS, TokenRefused, bearer_token, check_scope, scopes_of, verified_claims,
)
from pipeline.environment import EnvVar, MissingEnvironmentError

SETTINGS = (EnvVar.OIDC_ISSUER_URL, EnvVar.OIDC_AUDIENCE, EnvVar.REQUIRED_SCOPE)
"""What it reads: the variables of ``pipeline.runtime_settings.TokenAuthorizerEnvironment``, read here
without pydantic (the artifact carries PyJWT only)."""
UNAUTHORIZED = "Unauthorized"
"""The exception message API Gateway answers 401 for (any other error is a 500)."""
INVOKE_ACTION = "execute-api:Invoke"

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)
_issuers: dict[str, IssuerKeys] = {}
"""One per issuer URL, kept for the execution environment's life (a cold start fetches the keys)."""


def issuer_keys(issuer: str) -> IssuerKeys:
    if issuer not in _issuers:
        _issuers[issuer] = IssuerKeys(issuer)
    return _issuers[issuer]


def stage_methods_arn(method_arn: str) -> str:
    """``arn:...:{api}/{stage}/*``: every method of the stage the request went to."""
    prefix, _, path = method_arn.partition(":execute-api:")
    parts = path.split("/")
    if not prefix or len(parts) < 2 or not all(parts[:2]):
        raise ValueError(f"not an API Gateway method ARN: {method_arn!r}")
    return f"{prefix}:execute-api:{parts[0]}/{parts[1]}/*"


def policy(principal: str, effect: str, method_arn: str, context: dict[str, str] | None = None) -> dict[str, Any]:
    """An authorizer answer: ``effect`` (Allow or Deny) on every method of the request's stage."""
    answer: dict[str, Any] = {
        "principalId": principal,
        "policyDocument": {"Version": "2012-10-17", "Statement": [
            {"Action": INVOKE_ACTION, "Effect": effect, "Resource": stage_methods_arn(method_arn)}]},
    }
    if context is not None:
        answer["context"] = context
    return answer


def _log(message: str, **fields: Any) -> None:
    logger.info(json.dumps({"message": message, **fields}))


def settings() -> tuple[str, ...]:
    """The values of :data:`SETTINGS`; :class:`MissingEnvironmentError` naming an unset one."""
    missing = [name.value for name in SETTINGS if not os.environ.get(name.value)]
    if missing:
        raise MissingEnvironmentError(f"environment variable {missing[0]} is not set; the stack template sets it "
                                      "on the authorizer function (auth.issuer_url, auth.audience, auth.required_scope)")
    return tuple(os.environ[name.value] for name in SETTINGS)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    issuer, audience, scope = settings()
    method_arn = str(event.get("methodArn", ""))
    claims: dict[str, Any] | None = None
    try:
        token = bearer_token(event.get("authorizationToken"))
        try:
            key_id = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            raise TokenRefused(401, "the token is not a JWT") from None
        keys = issuer_keys(issuer).keys_for(key_id if isinstance(key_id, str) else None)
        claims = verified_claims(token, keys, issuer=issuer, audiences={audience},
                                 audience_claims=OIDC_AUDIENCE_CLAIMS)
        check_scope(claims, scope)
    except TokenRefused as refused:
        subject = claims["sub"] if claims is not None else None
        _log("token refused", status=refused.status, reason=refused.reason, sub=subject)
        if refused.status == 403 and subject is not None:
            return policy(subject, "Deny", method_arn)
        raise Exception(UNAUTHORIZED) from None  # noqa: TRY002 (API Gateway reads this exact message)
    return policy(claims["sub"], "Allow", method_arn, {"sub": claims["sub"], "scope": " ".join(scopes_of(claims))})
