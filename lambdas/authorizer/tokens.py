"""Check a bearer token as API Gateway's authorizers do: signature (the issuer's JWKS), issuer,
audience or app client, expiry, and the scope the route needs.

API Gateway: "The API call succeeds only if the required token is supplied and the supplied token is
valid, otherwise, the client isn't authorized to make the call" (401 Unauthorized); a valid token without
the scope a method names is forbidden (403). "If there are no additional scopes configured on the API
Gateway method, make sure that you're using a valid ID token. If additional scopes are configured [...],
confirm that you're using a valid access token" — so with ``required_scope`` only access tokens pass.

Pure: the caller supplies the key set (``jwt.PyJWKSet``); fetching it is the caller's business (the
embedded AWS reads moto's Cognito keys, ``lambdas.authorizer.issuer`` fetches another issuer's ``jwks_uri``).
One definition of the checks for both ``jwt`` set-ups: the embedded AWS's Cognito authorizer and the
Lambda authorizer deployed for another OIDC issuer call the same two functions.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import jwt

SIGNING_ALGORITHMS = ("RS256", "ES256")
"""What Cognito (RS256) and common OIDC issuers sign with; ``none`` and HMAC are never accepted, and a
key verifies only the algorithm it was published for (PyJWT binds a JWK to its ``alg`` or key type)."""
BEARER = "bearer"
COGNITO_AUDIENCE_CLAIMS = ("aud", "client_id")
"""Cognito access tokens name their app client in ``client_id`` (no ``aud``); its ID tokens carry ``aud``."""
OIDC_AUDIENCE_CLAIMS = ("aud",)
"""An OIDC issuer's access tokens for an API name it in ``aud`` (RFC 9068), nothing else."""
SCOPE_CLAIMS = ("scope", "scp")
"""Where a token lists its scopes: ``scope``, space-separated (RFC 9068, Cognito, Auth0, Keycloak), or
``scp``, a list or a space-separated string (Okta, Microsoft Entra ID)."""


@dataclass
class TokenRefused(Exception):
    """The request is refused: 401 (no valid token) or 403 (valid, lacking the route's scope)."""

    status: int
    reason: str

    def __str__(self) -> str:
        return f"{self.status}: {self.reason}"


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization`` header (``Bearer <token>`` or the bare token, as Cognito's
    authorizer accepts); 401 without one."""
    parts = (authorization or "").split()
    if parts and parts[0].lower() == BEARER:
        parts = parts[1:]
    if len(parts) != 1:
        raise TokenRefused(401, "no token in the Authorization header")
    return parts[0]


def verified_claims(token: str, keys: jwt.PyJWKSet, *, issuer: str, audiences: Collection[str],
                    audience_claims: tuple[str, ...] = COGNITO_AUDIENCE_CLAIMS) -> dict[str, Any]:
    """The claims of ``token`` when its signature, issuer, audience, expiry and ``nbf`` hold, else
    :class:`TokenRefused` (401).

    ``audiences``: the accepted values of the first of ``audience_claims`` the token carries (``aud``
    of ID tokens and OIDC access tokens, ``client_id`` of Cognito access tokens).
    """
    try:
        header = jwt.get_unverified_header(token)
        key = next((k for k in keys.keys if k.key_id == header.get("kid")), None)
        if key is None:
            raise TokenRefused(401, "the token is not signed by a key of the issuer")
        claims = jwt.decode(token, key=key, algorithms=list(SIGNING_ALGORITHMS), issuer=issuer,
                            options={"require": ["exp", "iss", "sub"], "verify_aud": False})
    except jwt.ExpiredSignatureError:
        raise TokenRefused(401, "the token has expired") from None
    except jwt.ImmatureSignatureError:
        raise TokenRefused(401, "the token is not valid yet (nbf)") from None
    except jwt.InvalidIssuerError:
        raise TokenRefused(401, "the token is from another issuer") from None
    except jwt.PyJWTError as error:
        raise TokenRefused(401, f"the token is not valid ({type(error).__name__})") from None
    audience = next((claims[name] for name in audience_claims if name in claims), None)
    named = set(audience) if isinstance(audience, list) else {audience}
    if not named & set(audiences):
        raise TokenRefused(401, "the token is for another audience")
    if not isinstance(claims["sub"], str) or not claims["sub"]:
        raise TokenRefused(401, "the token names no subject")
    return claims


def scopes_of(claims: dict[str, Any]) -> list[str]:
    """The scopes a token grants (:data:`SCOPE_CLAIMS`)."""
    for name in SCOPE_CLAIMS:
        value = claims.get(name)
        if isinstance(value, str):
            return value.split()
        if isinstance(value, list):
            return [str(scope) for scope in value]
    return []


def check_scope(claims: dict[str, Any], required_scope: str | None) -> None:
    """:class:`TokenRefused` unless the token may call a route needing ``required_scope``: an access
    token (401 for another ``token_use``) holding the scope (403 otherwise). ``None``: no scope needed."""
    if required_scope is None:
        return
    if claims.get("token_use", "access") != "access":
        raise TokenRefused(401, "this API takes access tokens (it requires a scope)")
    if required_scope not in scopes_of(claims):
        raise TokenRefused(403, f"the token lacks the scope {required_scope}")


def verify_token(token: str, keys: jwt.PyJWKSet, *, issuer: str, audiences: Collection[str],
                 required_scope: str | None,
                 audience_claims: tuple[str, ...] = COGNITO_AUDIENCE_CLAIMS) -> dict[str, Any]:
    """The claims of ``token`` when every check passes (:func:`verified_claims`, then :func:`check_scope`),
    else :class:`TokenRefused`: 401 for an invalid token, 403 for a valid one without ``required_scope``."""
    claims = verified_claims(token, keys, issuer=issuer, audiences=audiences, audience_claims=audience_claims)
    check_scope(claims, required_scope)
    return claims
