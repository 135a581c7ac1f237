"""Another OIDC issuer on the embedded AWS (auth.mode = jwt with auth.issuer_url): the stack has no user
pool, its REST API a TOKEN Lambda authorizer, and the API Gateway bridge runs the deployed authorizer
handler (through the Lambda bridge, with the function's environment) against a tiny issuer on
127.0.0.1 whose RSA key is made here. A valid token is 200, expired, tampered, wrong-audience and
wrong-issuer tokens 401, a token without the scope 403, and two people see only their own jobs. The CLI
sends the issuer's token it finds in ``$NUTRITION_VIDEO_ACCESS_TOKEN``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from local_aws import EmbeddedAws
from local_aws.bridges.apigateway import api_url_from_output
from ops.aws import local_target
from ops.console import RecordingReporter
from ops.errors import NotFoundError
from ops.pipeline_deploy import deploy_pipeline
from ops.run_job import local_stack_deployment
from ops.sign_in import ACCESS_TOKEN_ENV, access_token, login
from pipeline.config import Config, load_config
from templates.names import MainOutput
from tests.local_aws.signed_in_api import NEW_JOB, assert_each_sees_only_their_own_jobs, call_api
from tests.authorizer.oidc_issuer import AUDIENCE, DISCOVERY, JWKS, SCOPE, OidcIssuer, SigningKey, running_issuer

pytestmark = pytest.mark.embedded


@dataclass(frozen=True)
class IssuerStack:
    config: Config
    issuer: OidcIssuer
    api_url: str
    outputs: dict[str, str]
    stack_name: str


@pytest.fixture(scope="module")
def stack(aws: EmbeddedAws) -> Iterator[IssuerStack]:
    with running_issuer(SigningKey.rsa("rsa-1")) as issuer:
        config = load_config("dev", overrides={
            "environment": "oidc", "auth.mode": "jwt", "auth.issuer_url": issuer.url, "auth.audience": AUDIENCE,
            "auth.required_scope": SCOPE})
        outputs = deploy_pipeline(config, local_target(config.region, aws.port), reporter=RecordingReporter()).main
        yield IssuerStack(config, issuer, api_url_from_output(aws.endpoint_url, outputs[MainOutput.API_URL.value]), outputs,
                          config.stack_name)


def call(stack: IssuerStack, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
    return call_api(stack.api_url, method, path, token, **kwargs)


def test_the_stack_has_no_user_pool_and_a_token_authorizer(aws: EmbeddedAws, stack: IssuerStack) -> None:
    resources = aws.client("cloudformation").describe_stack_resources(StackName=stack.stack_name)["StackResources"]
    types = {resource["ResourceType"] for resource in resources}
    assert not {t for t in types if t.startswith("AWS::Cognito::")}
    assert MainOutput.USER_POOL_ID.value not in stack.outputs
    assert aws.client("cognito-idp").list_user_pools(MaxResults=60)["UserPools"] == []
    api_id = stack.outputs[MainOutput.API_URL.value].split("//", 1)[1].split(".", 1)[0]
    [authorizer] = aws.client("apigateway").get_authorizers(restApiId=api_id)["items"]
    assert (authorizer["type"], authorizer["identitySource"], authorizer["authorizerResultTtlInSeconds"]) == (
        "TOKEN", "method.request.header.Authorization", 300)


def test_two_people_each_see_only_their_own_jobs(stack: IssuerStack) -> None:
    assert_each_sees_only_their_own_jobs(stack.api_url, stack.issuer.token("alice"), stack.issuer.token("bob"))


def test_tokens_the_authorizer_refuses(stack: IssuerStack) -> None:
    issuer, now = stack.issuer, int(time.time())
    head, payload, signature = issuer.token("mallory").split(".")
    tampered = ".".join([head, payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB"), signature])
    refused = {
        "no token": (None, 401, {"message": "Unauthorized"}),
        "expired": (issuer.token(iat=now - 7200, nbf=now - 7200, exp=now - 3600), 401, {"message": "Unauthorized"}),
        "tampered": (tampered, 401, {"message": "Unauthorized"}),
        "wrong audience": (issuer.token(aud="https://other.example.com"), 401, {"message": "Unauthorized"}),
        "wrong issuer": (issuer.token(iss="https://elsewhere.example.com"), 401, {"message": "Unauthorized"}),
        "signed by another key": (issuer.token(key=SigningKey.rsa("rsa-1")), 401, {"message": "Unauthorized"}),
        "another scope": (issuer.token(scope="openid email"), 403,
                          {"Message": "User is not authorized to access this resource with an explicit deny"}),
    }
    for case, (token, status, body) in refused.items():
        answer = call(stack, "GET", "/jobs", token)
        assert (answer.status_code, answer.json()) == (status, body), case
    assert call(stack, "GET", "/jobs", issuer.token("carol")).status_code == 200


def test_the_answer_for_a_token_is_cached_and_the_keys_fetched_once(stack: IssuerStack) -> None:
    """API Gateway keeps the authorizer's answer for a token (300 s) and evaluates it for every route;
    the function fetched the issuer's documents once since its cold start."""
    token = stack.issuer.token("dave")
    job_id = call(stack, "POST", "/jobs", token, json=NEW_JOB).json()["job_id"]
    keys_fetched = stack.issuer.requests[JWKS]
    for path in ("/jobs", f"/jobs/{job_id}"):
        assert call(stack, "GET", path, token).status_code == 200
    assert stack.issuer.requests[JWKS] == keys_fetched == 1
    assert stack.issuer.requests[DISCOVERY] == 1


def test_the_cli_sends_the_issuers_token_from_the_environment(aws: EmbeddedAws, stack: IssuerStack,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """No pool to sign in to: ``login`` and a CLI call without the variable say where to sign in."""
    target = local_target(stack.config.region, aws.port)
    assert stack.outputs[MainOutput.TOKEN_ISSUER_URL.value] == stack.issuer.url
    monkeypatch.delenv(ACCESS_TOKEN_ENV, raising=False)
    with pytest.raises(NotFoundError, match=f"sign in there and set {ACCESS_TOKEN_ENV}"):
        access_token(target, stack.outputs)
    with pytest.raises(NotFoundError, match="not a pool of its own"):
        login(target, stack.outputs, "erin@example.com", password="Correct-Horse-9-Battery")
    token = stack.issuer.token("erin")
    monkeypatch.setenv(ACCESS_TOKEN_ENV, token)
    api = local_stack_deployment(stack.config, target).api
    assert api.bearer_token == token
    assert call(stack, "GET", "/jobs", api.bearer_token).json()["jobs"] == []
