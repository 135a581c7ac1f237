"""boto3 clients created on first use, never at import, so tests and the embedded AWS can aim them.

boto3 itself honours ``AWS_ENDPOINT_URL``; the cache is keyed on it and on the region, so a process
that changes either (a test, ``build.py local``) gets fresh clients. S3 uses path-style addressing
when an endpoint is set, which local endpoints such as ``http://127.0.0.1:5000`` need.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import boto3
from botocore.config import Config as BotoConfig

DEFAULT_REGION = "us-east-1"


def _settings() -> tuple[str | None, str]:
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
    return endpoint, region


def _config(service: str, endpoint: str | None) -> BotoConfig:
    if service == "s3":
        addressing = "path" if endpoint else "auto"
        return BotoConfig(signature_version="s3v4", s3={"addressing_style": addressing})
    return BotoConfig(retries={"mode": "standard"})


@functools.lru_cache(maxsize=32)
def _client(service: str, endpoint: str | None, region: str) -> Any:
    return boto3.session.Session().client(
        service, region_name=region, endpoint_url=endpoint, config=_config(service, endpoint)
    )


@functools.lru_cache(maxsize=8)
def _resource(service: str, endpoint: str | None, region: str) -> Any:
    return boto3.session.Session().resource(
        service, region_name=region, endpoint_url=endpoint, config=_config(service, endpoint)
    )


def current_region() -> str:
    """The region the clients use (``AWS_REGION``, which Lambda sets)."""
    return _settings()[1]


def client(service: str) -> Any:
    """The boto3 client of ``service`` for the current endpoint and region."""
    return _client(service, *_settings())


def resource(service: str) -> Any:
    """The boto3 resource of ``service`` for the current endpoint and region."""
    return _resource(service, *_settings())


def reset_clients() -> None:
    """Forget every cached client (tests call this between mocked accounts)."""
    _client.cache_clear()
    _resource.cache_clear()
