"""Sign-in on the embedded AWS (auth.mode = jwt): the stack's Cognito pool issues real tokens, the API
Gateway bridge checks them as the COGNITO_USER_POOLS authorizer does, and two people each see only
their own jobs. Expired, tampered, wrong-audience, wrong-issuer and scope-less tokens are refused.
``build.py login`` keeps a token the CLI uses."""

from __future__ import annotations

import base64
import json
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests

import build
from moto.utilities.utils import load_resource

from local_aws import EmbeddedAws
from local_aws.bridges.apigateway import api_url_from_output
from ops.aws import local_target
from ops.console import RecordingReporter
from ops.deploy import stack_outputs
from ops.errors import NotFoundError
from ops.pipeline_deploy import deploy_pipeline
from ops.run_job import local_stack_deployment
from ops.sign_in import SignInRefused, access_token, login, token_file
from pipeline.config import CONFIG_DIR, COGNITO_SIGN_IN_SCOPE, Config, load_config
from templates.names import MainOutput
from tests.local_aws.signed_in_api import assert_each_sees_only_their_own_jobs, call_api

pytestmark = pytest.mark.embedded
PASSWORD = "Correct-Horse-9-Battery"


@dataclass(frozen=True)
class SignedInStack:
    config: Config
    api_url: str
    pool_id: str
    client_id: str


@pytest.fixture(scope="module")
def stack(aws: EmbeddedAws) -> SignedInStack:
    config = load_config("dev", overrides={"environment": "signin", "auth.mode": "jwt"})
    outputs = deploy_pipeline(config, local_target(config.region, aws.port), reporter=RecordingReporter()).main
    return SignedInStack(config, api_url_from_output(aws.endpoint_url, outputs[MainOutput.API_URL.value]),
                         outputs[MainOutput.USER_POOL_ID.value], outputs[MainOutput.USER_POOL_CLIENT_ID.value])


def sign_up(aws: EmbeddedAws, stack: SignedInStack, email: str) -> dict[str, str]:
    """An account made by an administrator (self sign-up is off), then signed in with its password."""
    idp = aws.client("cognito-idp")
    idp.admin_create_user(UserPoolId=stack.pool_id, Username=email, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=stack.pool_id, Username=email, Password=PASSWORD, Permanent=True)
    return idp.initiate_auth(ClientId=stack.client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD})["AuthenticationResult"]


def call(stack: SignedInStack, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
    return call_api(stack.api_url, method, path, token, **kwargs)


def forged(claims: dict[str, Any]) -> str:
    """A token signed with the embedded Cognito's own key (so only the claims can be wrong)."""
    private = load_resource("cognitoidp/resources/jwks-private.json")
    key = jwt.PyJWK(private).key
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": private.get("kid", "dummy")})


def claims_of(access_token: str) -> dict[str, Any]:
    return jwt.decode(access_token, options={"verify_signature": False})


def test_two_people_each_see_only_their_own_jobs(aws: EmbeddedAws, stack: SignedInStack) -> None:
    assert_each_sees_only_their_own_jobs(stack.api_url, sign_up(aws, stack, "alice@example.com")["AccessToken"],
                                         sign_up(aws, stack, "bob@example.com")["AccessToken"])


def test_tokens_the_authorizer_refuses(aws: EmbeddedAws, stack: SignedInStack) -> None:
    tokens = sign_up(aws, stack, "carol@example.com")
    good = claims_of(tokens["AccessToken"])
    now = int(time.time())
    head, payload, signature = tokens["AccessToken"].split(".")
    tampered_claims = {**good, "sub": "someone-else"}
    tampered = ".".join([head, base64.urlsafe_b64encode(json.dumps(tampered_claims).encode()).decode().rstrip("="),
                         signature])
    other_pool = aws.client("cognito-idp").create_user_pool(PoolName="elsewhere")["UserPool"]["Id"]
    refused = {
        "no token": (None, 401),
        "expired": (forged({**good, "iat": now - 7200, "exp": now - 3600}), 401),
        "tampered": (tampered, 401),
        "wrong audience": (forged({**good, "client_id": "an-app-client-of-someone-else"}), 401),
        "wrong issuer": (forged({**good, "iss": good["iss"].rsplit("/", 1)[0] + "/" + other_pool}), 401),
        "an ID token (no scope)": (tokens["IdToken"], 401),
        "another scope": (forged({**good, "scope": "openid email"}), 403),
    }
    for case, (token, status) in refused.items():
        answer = call(stack, "GET", "/jobs", token)
        assert answer.status_code == status, case
        assert answer.json() == {"message": "Unauthorized" if status == 401 else "Forbidden"}, case
    assert call(stack, "GET", "/jobs", tokens["AccessToken"]).status_code == 200
    assert COGNITO_SIGN_IN_SCOPE in good["scope"].split()


def test_build_py_login_keeps_a_private_token_that_run_uses(aws: EmbeddedAws, stack: SignedInStack,
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """login --create on the embedded AWS: the token file is 0600 in a 0700 folder under the config dir; the
    CLI's client sends it; an expired one is renewed with the refresh token; a wrong password is refused."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DAVE_PASSWORD", PASSWORD)
    target = local_target(stack.config.region, aws.port)
    outputs = stack_outputs(target.client("cloudformation"), stack.config.stack_name)
    with pytest.raises(NotFoundError, match="build.py login --local"):
        access_token(target, outputs)

    config_dir = tmp_path / "settings"
    config_dir.mkdir()
    settings = (CONFIG_DIR / "dev.toml").read_text().replace('environment = "dev"', 'environment = "signin"')
    (config_dir / "signin.toml").write_text(settings.replace('mode = "none"', 'mode = "jwt"'))
    monkeypatch.setattr("pipeline.config.CONFIG_DIR", config_dir)
    assert build.main(["login", "--env", "signin", "--local", "--port", str(aws.port), "--username", "dave@example.com",
                       "--password-env", "DAVE_PASSWORD", "--create"]) == 0
    path = token_file(stack.pool_id)
    assert path.is_relative_to(tmp_path) and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    api = local_stack_deployment(stack.config, target).api
    assert api.bearer_token == json.loads(path.read_text())["access_token"]
    assert call(stack, "GET", "/jobs", api.bearer_token).status_code == 200

    stored = json.loads(path.read_text())
    path.write_text(json.dumps({**stored, "expires_at": "2020-01-01T00:00:00+00:00"}))
    renewed = access_token(target, outputs)
    assert renewed != stored["access_token"] and call(stack, "GET", "/jobs", renewed).status_code == 200

    with pytest.raises(SignInRefused, match="NotAuthorizedException"):
        login(target, outputs, "dave@example.com", password="Wrong-Password-1")
