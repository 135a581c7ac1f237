"""Reading and writing the task's inputs and outputs at ``s3://`` URIs or local paths.

The S3 client is created lazily, on first use, so tests and the embedded AWS can point it at an
endpoint (boto3 honours ``AWS_ENDPOINT_URL``). Its region comes from ``AWS_REGION`` (which the job
definition sets: AWS Batch itself only sets ``AWS_BATCH_*`` variables, and boto3 does not read
``AWS_REGION``), else ``AWS_DEFAULT_REGION``, else the AWS config file; with none of them it refuses
to guess.
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from pipeline.environment import EnvVar, MissingEnvironmentError
from pipeline.layout import S3Uri

#: Where the region is read from, first set wins (``AWS_DEFAULT_REGION`` is the AWS CLI's name).
REGION_VARIABLES = (EnvVar.AWS_REGION.value, "AWS_DEFAULT_REGION")


@dataclass(frozen=True)
class StoredObject:
    """One object under a prefix: its key, size (bytes) and ETag (quotes stripped)."""

    key: str
    size_bytes: int
    etag: str


def s3_region(environ: Mapping[str, str] | None = None) -> str:
    """The region of the task's S3 client; :class:`MissingEnvironmentError` when none is known."""
    env = os.environ if environ is None else environ
    for name in REGION_VARIABLES:
        if env.get(name):
            return env[name]
    import boto3

    configured = boto3.session.Session().region_name  # the AWS config file's profile
    if configured:
        return configured
    raise MissingEnvironmentError(
        f"no AWS region for the S3 client: set {' or '.join(REGION_VARIABLES)} (the Batch job definition "
        f"sets {EnvVar.AWS_REGION.value}; locally, `export {EnvVar.AWS_REGION.value}=<region of the buckets>`)"
    )


@functools.lru_cache(maxsize=1)
def s3_client() -> Any:
    """The process's S3 client (created on first call) in :func:`s3_region`."""
    import boto3

    return boto3.client("s3", region_name=s3_region())


def is_s3(uri: str) -> bool:
    return uri.startswith("s3://")


def download(uri: str, destination: Path) -> Path:
    """Copy the object or file at ``uri`` to ``destination``; return ``destination``."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if is_s3(uri):
        location = S3Uri.parse(uri)
        s3_client().download_file(location.bucket, location.key, str(destination))
    else:
        shutil.copyfile(Path(uri), destination)
    return destination


def join(prefix: str, name: str) -> str:
    """``prefix``/``name`` for an s3:// prefix or a local folder."""
    if is_s3(prefix):
        return str(S3Uri.parse(prefix).join(name))
    return str(Path(prefix) / name)


def put_bytes(uri: str, body: bytes, content_type: str) -> None:
    """Write ``body`` to ``uri`` (an S3 object, or a local file whose folders are created)."""
    if is_s3(uri):
        location = S3Uri.parse(uri)
        s3_client().put_object(Bucket=location.bucket, Key=location.key, Body=body, ContentType=content_type)
    else:
        path = Path(uri)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)


def list_objects(prefix: S3Uri) -> list[StoredObject]:
    """Every object under ``prefix``, in key order."""
    paginator = s3_client().get_paginator("list_objects_v2")
    found: list[StoredObject] = []
    for page in paginator.paginate(Bucket=prefix.bucket, Prefix=prefix.key):
        found.extend(StoredObject(item["Key"], int(item["Size"]), item.get("ETag", "").strip('"'))
                     for item in page.get("Contents", []))
    return sorted(found, key=lambda stored: stored.key)
