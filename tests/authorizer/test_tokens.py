"""lambdas/authorizer/tokens.py, as API Gateway's authorizer checks a bearer token: 401 for every invalid
token, 403 for a valid one without the route's scope, the claims otherwise. Keys made here, no AWS."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from lambdas.authorizer.tokens import TokenRefused, bearer_token, verify_token

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool"
CLIENT = "app-client-1"
SCOPE = "aws.cognito.signin.user.admin"


def _key() -> tuple[Any, dict[str, Any]]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    return private, {**public, "kid": "k1", "alg": "RS256", "use": "sig"}


PRIVATE, PUBLIC_JWK = _key()
OTHER_PRIVATE, _ = _key()
KEYS = jwt.PyJWKSet.from_dict({"keys": [PUBLIC_JWK]})


def token(signer: Any = PRIVATE, kid: str = "k1", **changes: Any) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": "person-1", "client_id": CLIENT, "token_use": "access", "scope": SCOPE,
              "iat": now, "exp": now + 600, **changes}
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, signer, algorithm="RS256",
                      headers={"kid": kid})


def check(value: str, scope: str | None = SCOPE) -> dict[str, Any]:
    return verify_token(value, KEYS, issuer=ISSUER, audiences={CLIENT}, required_scope=scope)


def test_a_valid_access_token_passes_with_its_claims() -> None:
    assert check(bearer_token(f"Bearer {token()}"))["sub"] == "person-1"
    assert check(bearer_token(token()))["client_id"] == CLIENT  # Cognito accepts the bare token too


@pytest.mark.parametrize(("case", "value"), [
    ("expired", lambda: token(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)),
    ("signed by another key", lambda: token(signer=OTHER_PRIVATE)),
    ("unknown key id", lambda: token(kid="k2")),
    ("another issuer", lambda: token(iss=ISSUER + "-elsewhere")),
    ("another app client", lambda: token(client_id="someone-elses-app")),
    ("no expiry", lambda: token(exp=None)),
    ("no subject", lambda: token(sub=None)),
    ("an ID token", lambda: token(token_use="id", client_id=None, aud=CLIENT, scope=None)),
    ("tampered", lambda: (lambda h, p, s: ".".join([h, p[:-4] + ("AAAA" if p[-4:] != "AAAA" else "BBBB"), s]))(
        *token().split("."))),
    ("not a JWT", lambda: "not-a-token"),
])
def test_invalid_tokens_are_401(case: str, value) -> None:
    with pytest.raises(TokenRefused) as refused:
        check(value())
    assert refused.value.status == 401, case


def test_a_valid_token_without_the_scope_is_403() -> None:
    with pytest.raises(TokenRefused) as refused:
        check(token(scope="openid email"))
    assert (refused.value.status, refused.value.reason) == (403, f"the token lacks the scope {SCOPE}")


def test_without_a_required_scope_an_id_token_for_the_client_passes() -> None:
    assert check(token(token_use="id", client_id=None, aud=CLIENT, scope=None), scope=None)["aud"] == CLIENT


@pytest.mark.parametrize("header", [None, "", "Bearer ", "bearer   "])
def test_no_token_is_401(header: str | None) -> None:
    with pytest.raises(TokenRefused) as refused:
        bearer_token(header)
    assert refused.value.status == 401
