"""``build.py login``: sign in to the stack's Cognito user pool and keep the tokens for the CLI.

The tokens go to one file per user pool under the person's configuration folder
(``$XDG_CONFIG_HOME`` or ``~/.config``, ``%APPDATA%`` on Windows: ``nutrition-video/tokens/{pool id}.json``),
created with mode 0600 in a 0700 folder, never in the repository. ``run``, ``status`` and ``correct``
send the stored access token (``Authorization: Bearer``) to a stack whose outputs name a user pool,
refreshing it with the refresh token when it has expired. The password is read from the terminal
(or from the environment variable ``--password-env`` names), never from the command line.

A stack that takes another OIDC issuer's tokens (``auth.issuer_url``; its outputs name ``TokenIssuerUrl``)
has no pool to sign in to: people sign in with that issuer, and the CLI sends the access token found in
``$NUTRITION_VIDEO_ACCESS_TOKEN``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from ops.aws import Target
from ops.errors import CommandError, NotFoundError
from templates.names import MainOutput

APP_DIR = "nutrition-video"
ACCESS_TOKEN_ENV = "NUTRITION_VIDEO_ACCESS_TOKEN"
"""With another OIDC issuer (``auth.issuer_url``) the CLI sends the access token this variable holds."""
EXPIRY_MARGIN_S = 60
"""A token this close to its expiry (s) is refreshed before use."""


class SignInRefused(CommandError):
    """Cognito refused the sign-in (wrong password, unknown user, a new password that breaks the policy)."""


def config_home(environ: dict[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if sys.platform == "win32" and environ.get("APPDATA"):
        return Path(environ["APPDATA"])
    return Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def token_file(pool_id: str, environ: dict[str, str] | None = None) -> Path:
    """Where the tokens of ``pool_id`` are kept (outside the repository)."""
    return config_home(environ) / APP_DIR / "tokens" / f"{pool_id}.json"


def _write_private(path: Path, document: dict[str, Any]) -> None:
    """Write ``document`` readable by its owner only (0600, folder 0700), replacing the file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path.parent, 0o700)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(document, handle)
    os.replace(temporary, path)


def _issuer_sign_in(issuer: str) -> str:
    return (f"this stack takes the access tokens of {issuer} (auth.issuer_url), not a pool of its own: sign in "
            f"there and set {ACCESS_TOKEN_ENV} to the access token")


def user_pool_of(outputs: dict[str, str]) -> tuple[str, str] | None:
    """``(pool id, app client id)`` from the stack's outputs; ``None`` when it signs nobody in."""
    pool, client = outputs.get(MainOutput.USER_POOL_ID.value), outputs.get(MainOutput.USER_POOL_CLIENT_ID.value)
    return (pool, client) if pool and client else None


def _stored(result: dict[str, Any], *, pool_id: str, client_id: str, username: str,
            refresh_token: str | None) -> dict[str, Any]:
    expires = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=int(result["ExpiresIn"]))
    return {"pool_id": pool_id, "client_id": client_id, "username": username,
            "access_token": result["AccessToken"], "id_token": result.get("IdToken"),
            "refresh_token": result.get("RefreshToken") or refresh_token, "expires_at": expires.isoformat()}


def _refused(error: ClientError, username: str) -> SignInRefused:
    code = error.response.get("Error", {}).get("Code", "")
    message = error.response.get("Error", {}).get("Message", str(error))
    return SignInRefused(f"sign-in refused for {username}: {code}: {message}", value=username)


def read_password(prompt: str, env_name: str | None) -> str:
    if env_name:
        value = os.environ.get(env_name, "")
        if not value:
            raise CommandError(f"environment variable {env_name} is empty; set it to the password", value=env_name)
        return value
    if not sys.stdin.isatty():
        raise CommandError("no terminal to read the password from: give --password-env VAR")
    return getpass.getpass(prompt)


def login(target: Target, outputs: dict[str, str], username: str, *, password: str,
          new_password: Callable[[], str] | None = None, environ: dict[str, str] | None = None) -> Path:
    """Sign ``username`` in with USER_PASSWORD_AUTH and store the tokens; the file's path.

    A first sign-in of an account an administrator created asks for a new password
    (``NEW_PASSWORD_REQUIRED``): ``new_password()`` gives it."""
    pool = user_pool_of(outputs)
    if issuer := outputs.get(MainOutput.TOKEN_ISSUER_URL.value):
        raise NotFoundError(_issuer_sign_in(issuer), value=issuer)
    if pool is None:
        raise NotFoundError("this stack signs nobody in: set [auth] mode = \"jwt\" in config/<env>.toml and deploy")
    pool_id, client_id = pool
    idp = target.client("cognito-idp")
    try:
        answer = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": username, "PASSWORD": password})
        if answer.get("ChallengeName") == "NEW_PASSWORD_REQUIRED":
            if new_password is None:
                raise SignInRefused(f"{username} must choose a new password at the first sign-in: run login again "
                                    "in a terminal, or give --new-password-env VAR", value=username)
            answer = idp.respond_to_auth_challenge(
                ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=answer["Session"],
                ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": new_password()})
    except ClientError as error:
        raise _refused(error, username) from None
    if "AuthenticationResult" not in answer:
        raise SignInRefused(f"sign-in of {username} needs {answer.get('ChallengeName')}, which login does not answer",
                            value=username)
    path = token_file(pool_id, environ)
    _write_private(path, _stored(answer["AuthenticationResult"], pool_id=pool_id, client_id=client_id,
                                 username=username, refresh_token=None))
    return path


def access_token(target: Target, outputs: dict[str, str], environ: dict[str, str] | None = None) -> str | None:
    """The stored access token for the stack's pool (refreshed when expired), or ``$NUTRITION_VIDEO_ACCESS_TOKEN``
    for a stack that takes another OIDC issuer's tokens; ``None`` when the stack signs nobody in;
    :class:`NotFoundError` saying to run ``login`` (or to set the variable) when there is none to use."""
    if issuer := outputs.get(MainOutput.TOKEN_ISSUER_URL.value):
        token = (os.environ if environ is None else environ).get(ACCESS_TOKEN_ENV, "").strip()
        if not token:
            raise NotFoundError(_issuer_sign_in(issuer), value=issuer)
        return token
    pool = user_pool_of(outputs)
    if pool is None:
        return None
    pool_id, client_id = pool
    path = token_file(pool_id, environ)
    where = " --local --port N" if target.is_local else ""
    if not path.is_file():
        raise NotFoundError(f"not signed in to user pool {pool_id}: run `python build.py login{where} --username EMAIL`",
                            value=pool_id)
    stored = json.loads(path.read_text(encoding="utf-8"))
    expires = dt.datetime.fromisoformat(stored["expires_at"])
    if expires - dt.timedelta(seconds=EXPIRY_MARGIN_S) > dt.datetime.now(dt.timezone.utc):
        return stored["access_token"]
    if not stored.get("refresh_token"):
        raise NotFoundError(f"the sign-in to {pool_id} has expired: run `python build.py login{where}` again")
    try:
        answer = target.client("cognito-idp").initiate_auth(
            ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": stored["refresh_token"]})
    except ClientError as error:
        raise NotFoundError(f"the sign-in to {pool_id} has expired and cannot be renewed "
                            f"({error.response.get('Error', {}).get('Code')}): run `python build.py login{where}` again")
    _write_private(path, _stored(answer["AuthenticationResult"], pool_id=pool_id, client_id=client_id,
                                 username=stored["username"], refresh_token=stored["refresh_token"]))
    return answer["AuthenticationResult"]["AccessToken"]


def create_local_account(target: Target, outputs: dict[str, str], username: str, password: str) -> None:
    """On the embedded AWS only: what an administrator does on AWS (``aws cognito-idp admin-create-user`` and
    ``admin-set-user-password --permanent``), so a local stack has someone to sign in."""
    if not target.is_local:
        raise CommandError("--create works on the embedded AWS only; on AWS an administrator runs "
                           "`aws cognito-idp admin-create-user --user-pool-id POOL --username EMAIL`")
    pool = user_pool_of(outputs)
    if pool is None:
        raise NotFoundError("this stack signs nobody in: set [auth] mode = \"jwt\" in config/<env>.toml")
    idp = target.client("cognito-idp")
    try:
        idp.admin_create_user(UserPoolId=pool[0], Username=username, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool[0], Username=username, Password=password, Permanent=True)
    except ClientError as error:
        raise _refused(error, username) from None
