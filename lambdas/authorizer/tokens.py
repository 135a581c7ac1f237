"""Check a bearer token as API Gateway's authorizers do: signature (the issuer's JWKS), issuer,
audience or app client, expiry, and the scope the route needs.

API Gateway: "The API call succeeds only if the required token is supplied and the supplied token is
valid, otherwise, the client isn't authorized to make the call" (401 Unauthorized); a valid token without
the scope a method names is forbidden (403). "If there are no additional scopes configured on the API
Gateway method, make sure that you're using a valid ID token. If additional scopes are configured [...],
confirm that you're using a valid access token" — so with ``required_scope`` only access tokens pass.

Pure: the caller supplies the key set (``jwt.PyJWKSet``); fetching it is the caller's business (the
embedded AWS reads moto's, a Lambda authorizer would fetch the issuer's ``jwks_uri``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import jwt

SIGNING_ALGORITHMS = ("RS256",)
"""What Cognito and common OIDC issuers sign with; ``none`` and HMAC are never accepted."""
BEARER = "bearer"


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


def verify_token(token: str, keys: jwt.PyJWKSet, *, issuer: str, audiences: Collection[str],
                 required_scope: str | None) -> dict[str, Any]:
    """The claims of ``token`` when every check passes, else :class:`TokenRefused`.

    ``audiences``: the accepted ``aud`` (ID tokens, OIDC access tokens) or ``client_id`` (Cognito access
    tokens, which carry no ``aud``). ``required_scope``: a space-separated ``scope`` claim must hold it.
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
    except jwt.InvalidIssuerError:
        raise TokenRefused(401, "the token is from another issuer") from None
    except jwt.PyJWTError as error:
        raise TokenRefused(401, f"the token is not valid ({type(error).__name__})") from None
    audience = claims.get("aud", claims.get("client_id"))
    named = set(audience) if isinstance(audience, list) else {audience}
    if not named & set(audiences):
        raise TokenRefused(401, "the token is for another audience")
    if required_scope is not None:
        if claims.get("token_use", "access") != "access":
            raise TokenRefused(401, "this API takes access tokens (it requires a scope)")
        if required_scope not in str(claims.get("scope", "")).split():
            raise TokenRefused(403, f"the token lacks the scope {required_scope}")
    return claims
