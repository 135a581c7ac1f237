"""What the bridges need to know about the running embedded AWS (set once by ``install_bridges``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from pipeline.environment import EnvVar

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Credentials the embedded AWS accepts; never real ones.
FAKE_ACCESS_KEY_ID = "testing"
FAKE_SECRET_ACCESS_KEY = "testing"


@dataclass(frozen=True)
class BridgeSettings:
    """Endpoint of the server, repository root (handlers, GPU task) and optional local models dir."""

    endpoint_url: str
    repo_root: Path = REPO_ROOT
    models_dir: Path | None = None
    #: The process environment when the bridges were installed, without ``AWS_*`` settings: the base of
    #: every handler's and job's environment (``os.environ`` itself changes while a handler runs).
    base_environment: dict[str, str] = field(default_factory=lambda: {
        k: v for k, v in os.environ.items() if not k.startswith("AWS_")})

    #: ``EMBEDDED_AWS_WARM_JOBS=1``: Batch jobs that run ``python -m MODULE`` fork from a process with the
    #: analysis task's libraries already imported (``batch_warm_start``); off, each job starts a new interpreter.
    warm_jobs: bool = field(default_factory=lambda: os.environ.get(EnvVar.EMBEDDED_AWS_WARM_JOBS.value) == "1")

    _current: ClassVar["BridgeSettings | None"] = None

    @classmethod
    def current(cls) -> "BridgeSettings":
        if cls._current is None:
            raise RuntimeError("the embedded AWS bridges are not installed; start local_aws.EmbeddedAws first")
        return cls._current

    @classmethod
    def activate(cls, settings: "BridgeSettings | None") -> None:
        cls._current = settings

    def aws_environment(self, region: str) -> dict[str, str]:
        """Variables that point boto3 (and the aws CLI) at the embedded AWS with fake credentials."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "AWS_ACCESS_KEY_ID": FAKE_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": FAKE_SECRET_ACCESS_KEY,
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
        }
