"""Reading and writing the task's inputs and outputs at ``s3://`` URIs or local paths.

The S3 client is created lazily, on first use, so tests and the embedded AWS can point it at an
endpoint (boto3 honours ``AWS_ENDPOINT_URL``).
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Any

from pipeline.layout import S3Uri


@functools.lru_cache(maxsize=1)
def s3_client() -> Any:
    """The process's S3 client (created on first call)."""
    import boto3

    return boto3.client("s3")


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


def list_keys(prefix: S3Uri) -> list[str]:
    """Every object key under ``prefix``."""
    paginator = s3_client().get_paginator("list_objects_v2")
    keys: list[str] = []
    for page in paginator.paginate(Bucket=prefix.bucket, Prefix=prefix.key):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    return keys
