"""Settings a handler reads from its environment, defaulting to ``pipeline.config``'s defaults.

The templates set every variable from ``config/{env}.toml``; the defaults only matter when a handler
runs outside a stack (a unit test, a hand-run script), and they are the same numbers as the config's.
"""

from __future__ import annotations

import json
import os

from pipeline.config import Config
from pipeline.environment import EnvVar, optional_env, require_env

MIB = 2**20


def _default(field: str) -> str:
    return str(Config.model_fields[field].default)


def int_setting(name: EnvVar, config_field: str) -> int:
    """An integer variable; a non-integer value is an error naming the variable."""
    raw = optional_env(name, _default(config_field))
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"environment variable {name.value} must be an integer, got {raw!r}") from None


def max_upload_bytes() -> int:
    """``MAX_UPLOAD_MB`` in bytes (MiB × 2**20)."""
    return int_setting(EnvVar.MAX_UPLOAD_MB, "max_upload_mb") * MIB


def max_video_seconds() -> int:
    return int_setting(EnvVar.MAX_VIDEO_SECONDS, "max_video_seconds")


def max_video_pixels() -> int:
    """Largest width × height of a frame."""
    return int_setting(EnvVar.MAX_VIDEO_PIXELS, "max_video_pixels")


def job_ttl_days() -> int:
    return int_setting(EnvVar.JOB_TTL_DAYS, "job_ttl_days")


def cors_origins() -> list[str]:
    """``CORS_ORIGINS`` as a JSON list or a comma-separated string; ``["*"]`` when unset."""
    raw = os.environ.get(EnvVar.CORS_ORIGINS.value, "").strip()
    if not raw:
        return list(Config.model_fields["cors_origins"].default)
    origins = json.loads(raw) if raw.startswith("[") else raw.split(",")
    return [origin.strip() for origin in origins if origin.strip()]


def jobs_table() -> str:
    return require_env(EnvVar.JOBS_TABLE)
