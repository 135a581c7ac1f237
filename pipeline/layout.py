"""Where a job's objects live in S3, and S3 URIs; the one place that knows the key layout."""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass

UPLOAD_PREFIX = "uploads/"
JOB_PREFIX = "jobs/"
DETECTIONS_FILENAME = "detections.json"
RESULTS_FILENAME = "results.json"
OVERLAY_DIR = "overlays"
BACKFILL_PREFIX = "backfills/"
BACKFILL_VIDEOS_FILENAME = "videos.json"
BACKFILL_RESULTS_DIR = "results"
RESULTS_VERSIONS_DIR = "results"  # corrected versions: results/v2.json, v3.json, ...
JOB_ID_PATTERN = r"^[0-9a-f]{32}$"  # a job id: 32 lower-case hex digits
_JOB_ID = re.compile(JOB_ID_PATTERN)


def new_job_id() -> str:
    """A fresh job id: 32 lower-case hex digits (a valid execution name)."""
    return uuid.uuid4().hex


def is_job_id(value: str) -> bool:
    return bool(_JOB_ID.fullmatch(value))


def upload_key(job_id: str, filename: str) -> str:
    """``uploads/{job_id}/{filename}``; ``filename`` must already be sanitised."""
    return f"{UPLOAD_PREFIX}{job_id}/{filename}"


def job_id_from_upload_key(key: str) -> str | None:
    """The job id of an upload key, or ``None`` when the key is not ``uploads/{job_id}/{name}``."""
    if not key.startswith(UPLOAD_PREFIX):
        return None
    parts = key[len(UPLOAD_PREFIX):].split("/", 1)
    if len(parts) != 2 or not parts[1] or not is_job_id(parts[0]):
        return None
    return parts[0]


def job_prefix(job_id: str) -> str:
    return f"{JOB_PREFIX}{job_id}/"


def detections_key(job_id: str) -> str:
    return f"{job_prefix(job_id)}{DETECTIONS_FILENAME}"


def results_key(job_id: str) -> str:
    return f"{job_prefix(job_id)}{RESULTS_FILENAME}"


def results_version_key(job_id: str, version: int) -> str:
    """Version ``version`` of a job's results: 1 is ``results.json`` as analysed, a correction's
    ``results/v{version}.json``; no version ever overwrites another."""
    if version < 1:
        raise ValueError(f"a results version starts at 1, got {version}")
    return results_key(job_id) if version == 1 else f"{job_prefix(job_id)}{RESULTS_VERSIONS_DIR}/v{version}.json"


def overlay_key(job_id: str, frame_index: int) -> str:
    return f"{job_prefix(job_id)}{OVERLAY_DIR}/frame_{frame_index:06d}.jpg"


def new_backfill_id(now: "datetime.datetime") -> str:
    """A fresh backfill id, ``{UTC time}-{8 hex digits}`` (a valid execution name, sorted by start)."""
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{uuid.uuid4().hex[:8]}"


def backfill_prefix(backfill_id: str) -> str:
    """``backfills/{backfill_id}/``: a backfill's video list and its ResultWriter export."""
    return f"{BACKFILL_PREFIX}{backfill_id}/"


def backfill_videos_key(backfill_id: str) -> str:
    """The JSON array of AnalyzeMeal inputs the backfill's ItemReader reads."""
    return f"{backfill_prefix(backfill_id)}{BACKFILL_VIDEOS_FILENAME}"


def backfill_results_prefix(backfill_id: str) -> str:
    """Where the ResultWriter exports (no trailing ``/``): it adds ``/{map run id}/manifest.json``
    and the ``SUCCEEDED_n.json`` / ``FAILED_n.json`` files."""
    return f"{backfill_prefix(backfill_id)}{BACKFILL_RESULTS_DIR}"


@dataclass(frozen=True)
class S3Uri:
    """An ``s3://bucket/key`` URI."""

    bucket: str
    key: str

    @classmethod
    def parse(cls, uri: str) -> "S3Uri":
        match = re.fullmatch(r"s3://([a-z0-9][a-z0-9.\-]{1,61}[a-z0-9])/(.*)", uri)
        if not match:
            raise ValueError(f"not an s3:// URI: {uri!r}")
        return cls(match.group(1), match.group(2))

    def join(self, name: str) -> "S3Uri":
        prefix = self.key if not self.key or self.key.endswith("/") else self.key + "/"
        return S3Uri(self.bucket, prefix + name)

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.key}"
