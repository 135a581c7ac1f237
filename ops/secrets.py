"""Secrets Manager: the Gemini API key lives there, never in a template, parameter or log."""

from __future__ import annotations

import getpass
import os
import sys

from ops.aws import Target
from ops.errors import CommandError
from pipeline.config import Config

SECRET_KEYS = {"gemini-api-key": "gemini"}


def secret_id(config: Config, name: str) -> str:
    """Full secret name (``templates.names.gemini_secret_name``); the templates grant access to exactly this."""
    from templates.names import gemini_secret_name

    if name not in SECRET_KEYS:
        raise CommandError(f"unknown secret {name!r}; known: {', '.join(sorted(SECRET_KEYS))}", value=name)
    return gemini_secret_name(config)


def read_secret_value(name: str, from_env: str | None) -> str:
    """The value from an environment variable, or typed without echo on a terminal."""
    if from_env:
        value = os.environ.get(from_env, "")
        if not value:
            raise CommandError(f"environment variable {from_env} is empty or unset; export it first", value=from_env)
        return value
    if not sys.stdin.isatty():
        value = sys.stdin.readline().strip()
    else:
        value = getpass.getpass(f"{name}: ")
    if not value:
        raise CommandError(f"no value given for {name}: type it at the prompt, pipe it in "
                           f"(`printenv VAR | python build.py secrets set {name}`) or use --from-env VAR", value=name)
    return value


#: Read at deploy time: when set, ``build.py deploy`` stores it as the Gemini secret.
GEMINI_KEY_ENV = "GEMINI_API_KEY"


def store_secret_from_environment(config: Config, target: Target) -> str | None:
    """Store ``$GEMINI_API_KEY`` as the Gemini secret when it is set; returns the secret's name."""
    if not os.environ.get(GEMINI_KEY_ENV):
        return None
    return set_secret(config, target, "gemini-api-key", from_env=GEMINI_KEY_ENV)


def set_secret(config: Config, target: Target, name: str, *, from_env: str | None = None) -> str:
    """Create or update the secret; returns its name. The value is never printed or logged."""
    value = read_secret_value(name, from_env)
    client = target.client("secretsmanager")
    full_name = secret_id(config, name)
    try:
        client.put_secret_value(SecretId=full_name, SecretString=value)
    except client.exceptions.ResourceNotFoundException:
        client.create_secret(Name=full_name, SecretString=value, Description=f"{name} for {config.stack_name}")
    return full_name
