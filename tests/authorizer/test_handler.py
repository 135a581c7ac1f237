"""The Lambda authorizer of another OIDC issuer (lambdas/authorizer/handler.py) against a tiny issuer on
127.0.0.1: API Gateway's contract (Allow with the subject, Deny for a missing scope, "Unauthorized" for
every invalid token), the issuer's keys fetched once per cold start and again, bounded, after a rotation."""

from __future__ import annotations

import time
from collections.abc import Iterator

import jwt
import pytest

from lambdas.authorizer import handler as authorizer
from lambdas.authorizer.issuer import REFETCH_INTERVAL_S, IssuerKeys, IssuerUnavailable
from pipeline.environment import MissingEnvironmentError
from pipeline.runtime_settings import TokenAuthorizerEnvironment
from tests.authorizer.oidc_issuer import AUDIENCE, DISCOVERY, JWKS, SCOPE, OidcIssuer, SigningKey, running_issuer

METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/jobs/42"
STAGE_METHODS = "arn:aws:execute-api:us-east-1:123456789012:abc123/v1/*"


@pytest.fixture
def issuer(monkeypatch: pytest.MonkeyPatch) -> Iterator[OidcIssuer]:
    with running_issuer(SigningKey.rsa("rsa-1"), SigningKey.ec("ec-1")) as running:
        monkeypatch.setenv("OIDC_ISSUER_URL", running.url)
        monkeypatch.setenv("OIDC_AUDIENCE", AUDIENCE)
        monkeypatch.setenv("REQUIRED_SCOPE", SCOPE)
        monkeypatch.setattr(authorizer, "_issuers", {})  # a cold start
        yield running


def authorize(token: str | None, header: str = "Bearer {}") -> dict:
    event = {"type": "TOKEN", "methodArn": METHOD_ARN,
             **({"authorizationToken": header.format(token)} if token is not None else {})}
    return authorizer.handler(event, None)


def refused(token: str | None, header: str = "Bearer {}") -> str:
    with pytest.raises(Exception) as raised:
        authorize(token, header)
    return str(raised.value)


def test_a_valid_token_is_allowed_on_the_stage_with_its_subject_and_scopes(issuer: OidcIssuer) -> None:
    for key in issuer.keys:  # RS256 and ES256
        answer = authorize(issuer.token("alice", key=key))
        assert answer == {
            "principalId": "alice",
            "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": STAGE_METHODS}]},
            "context": {"sub": "alice", "scope": f"openid {SCOPE}"},
        }
    assert authorize(issuer.token(), header="{}")["principalId"] == "person-1"  # the bare token too


def test_okta_style_scp_lists_count_as_scopes(issuer: OidcIssuer) -> None:
    assert authorize(issuer.token(scope=None, scp=["openid", SCOPE]))["context"]["scope"] == f"openid {SCOPE}"


def test_a_valid_token_without_the_scope_is_denied(issuer: OidcIssuer) -> None:
    answer = authorize(issuer.token("bob", scope="openid email"))
    assert answer["principalId"] == "bob" and "context" not in answer
    assert answer["policyDocument"]["Statement"][0]["Effect"] == "Deny"


def _tampered(token: str) -> str:
    head, payload, signature = token.split(".")
    return ".".join([head, payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB"), signature])


def _hmac_signed(issuer: OidcIssuer) -> str:
    now = int(time.time())
    return jwt.encode({"iss": issuer.url, "sub": "x", "aud": AUDIENCE, "scope": SCOPE, "exp": now + 60},
                      "a-shared-secret-of-at-least-32-bytes!", algorithm="HS256", headers={"kid": "rsa-1"})


@pytest.mark.parametrize("case", [
    "no header", "empty", "expired", "not yet valid", "tampered", "wrong audience", "wrong issuer",
    "signed by a key the issuer never published", "no subject", "not a JWT", "HS256 with a known kid",
    "alg none", "an ID token",
])
def test_invalid_tokens_are_unauthorized(issuer: OidcIssuer, case: str) -> None:
    now = int(time.time())
    stranger = SigningKey.rsa("rsa-1")  # same key id, another key
    tokens = {
        "no header": None,
        "empty": "",
        "expired": issuer.token(iat=now - 7200, nbf=now - 7200, exp=now - 3600),
        "not yet valid": issuer.token(nbf=now + 600),
        "tampered": _tampered(issuer.token()),
        "wrong audience": issuer.token(aud="https://someone-elses.example.com/api"),
        "wrong issuer": issuer.token(iss=issuer.url + "-elsewhere"),
        "signed by a key the issuer never published": issuer.token(key=stranger),
        "no subject": issuer.token(sub=None),
        "not a JWT": "not-a-token",
        "HS256 with a known kid": _hmac_signed(issuer),
        "alg none": jwt.encode({"iss": issuer.url, "sub": "x", "aud": AUDIENCE, "scope": SCOPE,
                                "exp": now + 60}, None, algorithm="none", headers={"kid": "rsa-1"}),
        "an ID token": issuer.token(token_use="id"),
    }
    assert refused(tokens[case]) == "Unauthorized", case


def test_the_keys_are_fetched_once_per_cold_start(issuer: OidcIssuer) -> None:
    for subject in ("a", "b", "c"):
        authorize(issuer.token(subject))
    assert (issuer.requests[DISCOVERY], issuer.requests[JWKS]) == (1, 1)


def test_a_rotated_key_is_fetched_again_and_unknown_key_ids_refetch_at_most_once_a_minute(
        issuer: OidcIssuer) -> None:
    now = [1000.0]
    keys = IssuerKeys(issuer.url, clock=lambda: now[0])
    assert [key.key_id for key in keys.keys_for("rsa-1").keys] == ["rsa-1", "ec-1"]
    issuer.keys.append(SigningKey.rsa("rsa-2"))  # the issuer rotates
    now[0] += REFETCH_INTERVAL_S
    assert "rsa-2" in {key.key_id for key in keys.keys_for("rsa-2").keys}
    for made_up in range(20):  # garbage key ids within the minute: no more fetches
        keys.keys_for(f"made-up-{made_up}")
    assert issuer.requests[JWKS] == 2 and issuer.requests[DISCOVERY] == 1
    now[0] += REFETCH_INTERVAL_S
    keys.keys_for("made-up-again")
    assert issuer.requests[JWKS] == 3


def test_a_token_signed_with_a_new_key_passes_after_the_rotation(issuer: OidcIssuer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    authorize(issuer.token())
    new_key = SigningKey.rsa("rsa-2")
    issuer.keys.append(new_key)
    monkeypatch.setattr("lambdas.authorizer.issuer.REFETCH_INTERVAL_S", 0.0)
    assert authorize(issuer.token("carol", key=new_key))["principalId"] == "carol"


def test_an_issuer_that_cannot_be_read_is_an_error_not_a_refusal(issuer: OidcIssuer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """API Gateway answers 500 (and caches nothing) for any error but "Unauthorized"."""
    issuer.discovery_issuer = "https://impostor.example.com"
    with pytest.raises(IssuerUnavailable, match="must be equal"):
        authorize(issuer.token())
    monkeypatch.setenv("OIDC_ISSUER_URL", "http://127.0.0.1:9/closed")
    with pytest.raises(IssuerUnavailable, match="could not read http://127.0.0.1:9/closed/.well-known"):
        authorize(issuer.token())
    monkeypatch.setenv("OIDC_ISSUER_URL", "http://issuer.example.com")
    with pytest.raises(IssuerUnavailable, match="must come over https"):
        authorize(issuer.token())


def test_a_method_arn_that_is_not_one_is_an_error() -> None:
    with pytest.raises(ValueError, match="not an API Gateway method ARN"):
        authorizer.stage_methods_arn("arn:aws:lambda:us-east-1:123456789012:function:f")


def test_it_reads_its_settings_models_variables_and_names_a_missing_one(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tuple(name.value for name in authorizer.SETTINGS) == TokenAuthorizerEnvironment.env_names()
    monkeypatch.delenv("OIDC_AUDIENCE", raising=False)
    monkeypatch.setenv("OIDC_ISSUER_URL", "https://login.example.com")
    with pytest.raises(MissingEnvironmentError, match="OIDC_AUDIENCE is not set"):
        authorize("a-token")
